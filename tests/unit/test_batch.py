"""The multi-process analysis API gives the same facts as analysing in this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.batch import BatchResult, analyse_paths_parallel
from broadsheet.ingest import read_article

TEXTS = {
    "a.txt": "Angela Merkel met Emmanuel Macron in Paris on Monday. "
             "\"We agree on the budget,\" Merkel said.",
    "b.txt": "The mayor of Chicago, Lori Lightfoot, said the city would hire more teachers. "
             "Officials at the Chicago Public Schools may delay the plan, according to Reuters.",
    "c.txt": "It is believed that the storm could reach Florida by Friday. "
             "NASA said its satellites were tracking it.",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("batch")
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_parallel_results_equal_single_process(folder: Path, analyzer_session) -> None:
    paths = [folder / n for n in TEXTS] + [folder / "missing.txt"]
    seen: list[BatchResult] = []
    results = analyse_paths_parallel(paths, model=analyzer_session.model, processes=2,
                                     on_result=seen.append)

    assert [r.path for r in results] == [str(p) for p in paths]  # input order
    assert sorted(r.index for r in seen) == [0, 1, 2, 3]  # each delivered once, as it finished
    expected = analyzer_session.analyse_articles([read_article(p) for p in paths[:3]])
    for r, f in zip(results[:3], expected, strict=True):
        assert r.error is None
        assert r.facts == f.to_json()
    assert results[3].facts is None and results[3].error  # unreadable: a message, not a crash


def test_no_paths_starts_no_process() -> None:
    assert analyse_paths_parallel([], processes=2) == []
