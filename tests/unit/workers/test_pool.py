"""The multi-process analysis API gives the same facts as analysing in this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.ingest import read_article
from broadsheet.workers.pool import BatchResult, analyse_paths_parallel

TEXTS = {
    "a.txt": "Angela Merkel met Emmanuel Macron in Paris on Monday. "
    '"We agree on the budget," Merkel said.',
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
    results = analyse_paths_parallel(
        paths, model=analyzer_session.model, processes=2, on_result=seen.append
    )

    assert [r.path for r in results] == [str(p) for p in paths]  # input order
    assert sorted(r.index for r in seen) == [0, 1, 2, 3]  # each delivered once, as it finished
    expected = analyzer_session.analyse_articles([read_article(p) for p in paths[:3]])
    for r, f in zip(results[:3], expected, strict=True):
        assert r.error is None
        assert r.facts == f.to_json()
    assert results[3].facts is None and results[3].error  # unreadable: a message, not a crash


def test_no_paths_starts_no_process() -> None:
    assert analyse_paths_parallel([], processes=2) == []


def test_a_stuck_worker_is_ended_and_its_files_fail_with_a_message(
    folder: Path, analyzer_session, monkeypatch
) -> None:
    """A worker that never answers (stopped here, as one stuck in native code would be)."""
    import multiprocessing
    import os
    import signal
    import threading
    import time

    import broadsheet.workers.pool as batch

    monkeypatch.setattr(batch, "STALL_S", 3.0)
    monkeypatch.setattr(batch, "MAX_RESTARTS", 0)
    stopped: list[int] = []

    def stop_the_first_worker() -> None:
        until = time.monotonic() + 60
        while not stopped and time.monotonic() < until:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGSTOP)
                stopped.append(child.pid)
                break
            time.sleep(0.01)

    watcher = threading.Thread(target=stop_the_first_worker)
    watcher.start()
    t0 = time.monotonic()
    results = analyse_paths_parallel(
        [folder / n for n in TEXTS], model=analyzer_session.model, processes=1
    )
    watcher.join()
    assert stopped and time.monotonic() - t0 < 60
    assert all(r.facts is None and "stopped making progress" in r.error for r in results)
