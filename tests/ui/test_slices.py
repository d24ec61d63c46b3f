"""The slicer: short jobs end at once, long ones in turns, a newer job drops an older one."""

import pytest

from broadsheet.ui.slices import Slicer


def job(log, name, steps):
    try:
        for i in range(steps):
            log.append((name, i))
            yield
    finally:
        log.append((name, "end"))


def test_a_short_job_is_done_before_start_returns(qtbot):
    s, log, done = Slicer(), [], []
    s.start(job(log, "a", 3), lambda: done.append("a"))
    assert done == ["a"] and not s.busy()
    assert log == [("a", 0), ("a", 1), ("a", 2), ("a", "end")]


def test_a_long_job_goes_in_turns_and_a_newer_one_replaces_it(qtbot):
    s, log, done = Slicer(budget_ms=0), [], []
    s.start(job(log, "a", 100), lambda: done.append("a"))
    assert s.busy() and log == [("a", 0)]  # one step, then the event loop has its turn
    s.start(job(log, "b", 3), lambda: done.append("b"))
    assert ("a", "end") in log  # dropped, its cleanup run, never reported done
    qtbot.waitUntil(lambda: not s.busy(), timeout=5000)
    assert done == ["b"]
    assert [e for e in log if e[0] == "a"] == [("a", 0), ("a", "end")]


def test_a_failing_step_ends_its_job(qtbot):
    def bad():
        yield
        raise RuntimeError("boom")

    s = Slicer(budget_ms=1000)
    with pytest.raises(RuntimeError):
        s.start(bad())
    assert not s.busy()
