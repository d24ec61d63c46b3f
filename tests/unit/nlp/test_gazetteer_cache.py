"""The gazetteer is kept in the cache folder: the same data comes back, and a damaged or
foreign cache file is rebuilt instead of failing the analysis."""

from __future__ import annotations

import pytest

from broadsheet.nlp import gazetteer as gz


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path))
    gz.gazetteer.cache_clear()
    yield tmp_path
    gz.gazetteer.cache_clear()


def test_first_use_writes_the_cache_and_the_next_reads_the_same_data(cache_home):
    built = gz.gazetteer()
    path = gz._cache_file()
    assert path.parent == cache_home / "cache" and path.exists()
    gz.gazetteer.cache_clear()
    assert gz.gazetteer() == built == gz.build_gazetteer()
    assert "vladivostok" in built.places and gz.country_key("dprk") == "north korea"
    assert gz.is_given_name("Leah") and gz.is_given_name("Gianluca")
    assert not gz.is_given_name("Will")  # a common word says nothing about a name


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"null",
        b'{"format": "broadsheet.gazetteer/2", "places": "x"}',
        b'{"format": "broadsheet.gazetteer/2", "country_of_key": {}, "strong": [1], "places": []}',
        b'{"format": "broadsheet.gazetteer/1", "country_of_key": {}, "strong": [], "places": []}',
    ],
)
def test_a_damaged_cache_is_rebuilt(cache_home, content):
    path = gz._cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert gz.gazetteer() == gz.build_gazetteer()
    assert path.stat().st_size > 1000  # written afresh


def test_an_unwritable_cache_folder_only_costs_time(cache_home):
    (cache_home / "cache").write_text("a file where the folder should be")
    assert gz.is_place("vladivostok")


def test_a_pickle_in_the_cache_is_never_run(cache_home, tmp_path):
    """Whoever can write the cache folder must not be able to run code in the reader."""
    import pickle

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    path = gz._cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps(Payload()))
    assert gz.is_place("vladivostok")
    assert not marker.exists()


def test_the_cache_is_private(cache_home):
    gz.gazetteer()
    path = gz._cache_file()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
