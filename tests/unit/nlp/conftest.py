import pytest


@pytest.fixture(scope="session")
def nlp():
    from broadsheet.nlp.pipeline import load_pipeline

    return load_pipeline()
