"""No display: one sentence saying what is missing and how to run without a screen."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.cli import main
from broadsheet.ui.display import NO_DISPLAY, missing_display, offscreen_for_screenshot

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


@pytest.mark.parametrize(
    ("env", "platform", "missing"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ""}, "linux", True),
        ({}, "freebsd14", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_a_display_is_missing_only_where_the_window_needs_one(env, platform, missing):
    assert missing_display(env, platform) is missing


def test_a_screenshot_without_a_display_is_drawn_offscreen(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    env: dict[str, str] = {}
    offscreen_for_screenshot(env)
    assert env == {"QT_QPA_PLATFORM": "offscreen"}
    shown = {"DISPLAY": ":0"}
    offscreen_for_screenshot(shown)
    assert shown == {"DISPLAY": ":0"}  # a real screen is left alone


def test_the_window_without_a_display_stops_with_one_sentence(monkeypatch, tmp_path, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["--library", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == f"broadsheet: {NO_DISPLAY}\n"
    assert "display" in err and "QT_QPA_PLATFORM=offscreen" in err and "--screenshot" in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland systems only")
def test_the_command_without_a_display_never_reaches_qts_abort(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = os.pathsep.join([str(DESKTOP), env.get("PYTHONPATH", "")])
    run = subprocess.run(
        [sys.executable, "-m", "broadsheet", "--library", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [f"broadsheet: {NO_DISPLAY}"]
    assert "xcb" not in run.stderr and "plugin" not in run.stderr
