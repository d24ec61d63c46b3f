"""Every analysis step is bounded: a component that never returns is interrupted, the article
fails with a message and the others go on; text that once sent source resolution round for ever
is analysed."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest
import spacy
from spacy.language import Language

import broadsheet.nlp.claims  # noqa: F401 - registers the doc extensions analyse reads
import broadsheet.nlp.entities  # noqa: F401
from broadsheet.analysis import Analyzer
from broadsheet.errors import StepTimeout
from broadsheet.facts import Article
from broadsheet.nlp import deadline
from broadsheet.nlp.deadline import step_limit
from broadsheet.nlp.extract import analyse

# A source ("Maria Lopez.  Reuters/Instagram.  “Donald Trump scares me.") that runs over three
# sentences, each with its root inside it: resolving it looped for ever.
CROSSING_SOURCE = (
    "“We will see what happens next, and we are ready for it.” ― Maria Lopez.  "
    "Reuters/Instagram.  “Donald Trump scares me. He has no plan at all for the people of this "
    "country.” ― Daniel Ortega.  Reuters/Instagram.  ”Fear. I am truly afraid that he will win.”"
)


@Language.component("test_endless")
def endless(doc):
    if "endless" in doc.text:
        while True:
            pass
    return doc


@pytest.fixture
def endless_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_endless")
    return nlp


def test_deadline_interrupts_a_loop_and_puts_back_the_handler():
    before = signal.getsignal(signal.SIGALRM)
    t0 = time.monotonic()
    with pytest.raises(StepTimeout), deadline.deadline(0.3):
        while True:
            pass
    assert time.monotonic() - t0 < 2
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_deadline_leaves_a_timer_of_someone_elses_alone():
    signal.setitimer(signal.ITIMER_REAL, 50)
    try:
        with deadline.deadline(0.1):
            time.sleep(0.3)  # not interrupted: the other timer is in force
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 40
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_deadline_off_the_main_thread_does_nothing():
    seen = []

    def run() -> None:
        seen.append(deadline.can_interrupt())
        with deadline.deadline(0.01):
            time.sleep(0.05)
        seen.append("done")

    th = threading.Thread(target=run)
    th.start()
    th.join()
    assert seen == [False, "done"]


def test_step_limit_grows_with_the_text():
    assert step_limit(0) == deadline.BASE_S
    assert step_limit(50_000) > step_limit(1_000) >= deadline.BASE_S


def test_a_step_that_never_ends_is_stopped(endless_nlp):
    art = Article(text="This text is endless.", path="endless.txt", title="")
    t0 = time.monotonic()
    with pytest.raises(StepTimeout, match="stopped after"):
        list(analyse(endless_nlp, [art], step_seconds=0.5))
    assert time.monotonic() - t0 < 5


def test_one_endless_article_fails_alone_and_the_others_are_analysed(
    endless_nlp, tmp_path, monkeypatch
):
    monkeypatch.setattr(deadline, "BASE_S", 0.5)
    monkeypatch.setattr(deadline, "CHARS_PER_S", 10**9)
    files = []
    for name, text in (
        ("a.txt", "A first article."),
        ("b.txt", "An endless one."),
        ("c.txt", "A third article."),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    analyzer = Analyzer(None)
    analyzer.use_pipeline(endless_nlp)
    out = {o.path.rsplit("/", 1)[-1]: o for o in analyzer.run(files)}
    assert out["a.txt"].facts is not None and out["c.txt"].facts is not None
    assert out["b.txt"].facts is None
    assert "b.txt" in out["b.txt"].error and "stopped after" in out["b.txt"].error


def test_a_source_across_sentences_is_resolved_in_a_subprocess(tmp_path):
    """Before: ``SourceResolver._core`` never returned on this text."""
    one_line = tmp_path / "one-line.txt"
    one_line.write_text(CROSSING_SOURCE, encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "broadsheet",
            "extract",
            "--library",
            str(tmp_path / "lib"),
            "--format",
            "jsonl",
            str(one_line),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"claims"' in proc.stdout
