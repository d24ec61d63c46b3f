"""The window's analysis process: same facts as in-process, progress, cancel, a worker that dies,
a missing model, and no worker left behind when its parent is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from broadsheet.analysis import Analyzer
from broadsheet.errors import AnalysisFailed, Cancelled, ModelNotFound
from broadsheet.facts import Article
from broadsheet.ingest import read_article
from broadsheet.nlp.pipeline import choose_model
from broadsheet.store.library import Library
from broadsheet.workers.service import AnalysisProcess


@pytest.fixture(scope="module")
def worker():
    w = AnalysisProcess(choose_model())
    w.start()
    yield w
    w.close()


def long_article(paragraphs: int = 40) -> Article:
    para = "Angela Merkel said on Monday that Berlin would wait for Paris to decide. " * 40
    return Article(text="\n\n".join([para] * paragraphs), path="long.txt", title="Long")


def test_facts_from_the_worker_equal_the_in_process_ones(worker, sample_path, sample_facts):
    facts = worker.analyse(read_article(sample_path))
    assert worker.pid not in (None, os.getpid())
    assert facts.to_json() == sample_facts.to_json()


def test_analyzer_with_a_worker_stores_in_the_library(worker, tmp_path, sample_path):
    lib = Library(tmp_path / "lib")
    try:
        analyzer = Analyzer(lib, worker=worker)
        article = read_article(sample_path)
        seen: list[tuple[int, int]] = []
        facts = analyzer.analyse_articles([article], progress=lambda d, t: seen.append((d, t)))[0]
        assert lib.get(article.sha256, analyzer.pipeline).to_json() == facts.to_json()
        assert seen[-1] == (len(article.text), len(article.text))
    finally:
        lib.close()


def test_progress_and_cancel_return_at_once_and_the_worker_goes_on(worker, sample_path):
    cancel = threading.Event()
    progress: list[tuple[int, int]] = []

    def on_progress(done: int, total: int) -> None:
        progress.append((done, total))
        if done:
            cancel.set()  # after the first chunk

    t0 = time.perf_counter()
    with pytest.raises(Cancelled):
        worker.analyse(long_article(), progress=on_progress, cancel=cancel)
    assert progress[0][0] == 0 and any(d for d, _ in progress)
    assert progress[-1][0] < progress[-1][1]  # it never got to the end
    assert time.perf_counter() - t0 < 60
    # The cancelled request's late replies are skipped: the next answer is the new article's.
    facts = worker.analyse(read_article(sample_path))
    assert facts.title == read_article(sample_path).title


def test_a_worker_that_dies_fails_the_request_and_the_next_one_starts_afresh(sample_path):
    w = AnalysisProcess(choose_model())
    try:
        w.wait_ready()
        first = w.pid

        def kill_soon(done: int, _total: int) -> None:
            if first is not None and done == 0:
                os.kill(first, signal.SIGKILL)

        with pytest.raises(AnalysisFailed, match="ended unexpectedly"):
            w.analyse(long_article(), progress=kill_soon)
        facts = w.analyse(read_article(sample_path))
        assert facts.entities and w.pid not in (None, first)
    finally:
        w.close()


def test_a_worker_stuck_on_a_cancelled_request_is_replaced(sample_path, monkeypatch):
    """A cancel returns at once; the next document must not wait for ever behind it."""
    import broadsheet.workers.service as ap

    monkeypatch.setattr(ap, "CANCEL_GRACE_S", 1.0)
    w = AnalysisProcess(choose_model())
    try:
        w.wait_ready()
        stuck = w.pid
        assert stuck is not None
        cancel = threading.Event()

        def freeze(done: int, _total: int) -> None:
            if done == 0:
                os.kill(stuck, signal.SIGSTOP)  # as a worker caught in a loop: no reply ever
                cancel.set()

        with pytest.raises(Cancelled):
            w.analyse(long_article(), progress=freeze, cancel=cancel)
        t0 = time.monotonic()
        facts = w.analyse(read_article(sample_path))
        assert facts.entities and w.pid not in (None, stuck)
        assert time.monotonic() - t0 < 60
        assert not _alive(stuck)
    finally:
        w.close()


def test_a_silent_worker_fails_the_request_with_a_message(sample_path, monkeypatch):
    import broadsheet.workers.service as ap

    monkeypatch.setattr(ap, "STALL_S", 2.0)
    w = AnalysisProcess(choose_model())
    try:
        w.wait_ready()
        silent = w.pid
        assert silent is not None

        def freeze(done: int, _total: int) -> None:
            if done == 0:
                os.kill(silent, signal.SIGSTOP)

        with pytest.raises(AnalysisFailed, match="without progress"):
            w.analyse(long_article(), progress=freeze)
        assert not _alive(silent)
        facts = w.analyse(read_article(sample_path))  # a new worker for the next one
        assert facts.entities
    finally:
        w.close()


def test_a_model_that_cannot_load_is_reported(tmp_path):
    w = AnalysisProcess("no_such_spacy_pipeline")
    try:
        with pytest.raises(ModelNotFound, match="no_such_spacy_pipeline"):
            w.wait_ready()
        with pytest.raises(ModelNotFound):  # every later request gets the same answer
            w.analyse(Article(text="Some text.", path="x.txt"))
    finally:
        w.close()


def test_the_worker_ends_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent("""
        import os
        from broadsheet.workers.service import AnalysisProcess
        from broadsheet.nlp.pipeline import choose_model
        if __name__ == "__main__":
            w = AnalysisProcess(choose_model())
            w.wait_ready()  # idle, waiting for a request: only the parent watch can end it
            print(w.pid, flush=True)
            os.kill(os.getpid(), 9)
    """),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    pid = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by init) counts as gone.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
