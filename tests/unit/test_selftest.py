"""``broadsheet --self-test``: the checks, the one line, the exit status (unbundled)."""

from __future__ import annotations

import copy
import os
import subprocess
import sys

import pytest

from broadsheet.facts import Mention
from broadsheet.ui import selftest
from broadsheet.ui.selftest import SelfTestFailure, check_facts


def test_the_sample_passes_the_checks(sample_facts):
    counts = check_facts(sample_facts)
    assert set(counts) == {"people", "places", "organisations", "claims"}
    assert all(n > 0 for n in counts.values())


def test_a_mention_off_its_text_fails(sample_facts):
    bad = copy.deepcopy(sample_facts)
    m = bad.entities[0].mentions[0]
    bad.entities[0].mentions[0] = Mention(m.start + 1, m.end + 1, m.text)
    with pytest.raises(SelfTestFailure, match="does not match"):
        check_facts(bad)


def test_offsets_out_of_range_fail(sample_facts):
    bad = copy.deepcopy(sample_facts)
    bad.claims[0].content.end = len(bad.text) + 5
    with pytest.raises(SelfTestFailure, match="out of range"):
        check_facts(bad)


def test_no_claims_fails(sample_facts):
    bad = copy.deepcopy(sample_facts)
    bad.claims = []
    with pytest.raises(SelfTestFailure, match="no claims"):
        check_facts(bad)


def test_the_dates_are_checked_and_a_parser_without_its_data_fails(sample_facts, monkeypatch):
    selftest.check_dates(sample_facts)
    bad = copy.deepcopy(sample_facts)
    bad.dates = []
    with pytest.raises(SelfTestFailure, match="no dates"):
        selftest.check_dates(bad)
    from broadsheet.nlp import dates

    monkeypatch.setattr(dates, "_parsed", lambda words, base: None)  # as without its data
    with pytest.raises(SelfTestFailure, match="date parser"):
        selftest.check_dates(sample_facts)


def test_main_prints_one_line_and_returns_0(monkeypatch, capsys, sample_facts):
    monkeypatch.setattr(selftest, "analyse_sample", lambda model=None: sample_facts)
    assert selftest.main(window=False) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and "self-test OK" in out and "claims" in out
    assert err == ""


def test_main_gives_the_reason_and_returns_1(monkeypatch, capsys):
    def broken(model=None):
        raise ModuleNotFoundError("No module named 'thinc.backends.numpy_ops'")

    monkeypatch.setattr(selftest, "analyse_sample", broken)
    assert selftest.main(window=False) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "FAILED" in err and "numpy_ops" in err


def test_main_without_stdout_is_silent(monkeypatch, sample_facts):
    # A windowed build on Windows has no console streams at all.
    monkeypatch.setattr(selftest, "analyse_sample", lambda model=None: sample_facts)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert selftest.main(window=False) == 0


def test_the_window_is_drawn_offscreen(qapp, sample_facts):
    w, h = selftest.check_window(sample_facts)
    assert w > 800 and h > 500


def test_broadsheet_self_test_command(tmp_path):
    env = {**os.environ, "BROADSHEET_HOME": str(tmp_path / "home")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test picks offscreen itself without a display
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    p = subprocess.run(
        [sys.executable, "-m", "broadsheet.cli", "--self-test"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Broadsheet ") and "self-test OK" in lines[0]
    assert p.stderr == ""
    assert not (tmp_path / "home" / "library.sqlite3").exists()  # nothing kept


def test_the_network_check_passes_on_the_sample_and_fails_without_links(sample_facts):
    selftest.check_network(sample_facts)
    lonely = copy.deepcopy(sample_facts)
    lonely.claims = []
    with pytest.raises(SelfTestFailure, match="link no one"):
        selftest.check_network(lonely)


def test_the_map_check_fails_without_the_outlines(monkeypatch):
    from broadsheet import geography

    selftest.check_map()

    def missing():
        raise geography.NoOutlines("the country outlines are not installed")

    monkeypatch.setattr(geography, "countries", missing)
    with pytest.raises(SelfTestFailure, match="map cannot be drawn"):
        selftest.check_map()
