"""No display: one sentence saying what is missing and how to run without a screen."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.cli import main
from broadsheet.ui import display
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


LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd6b5f2000)
\tlibQt6XcbQpa.so.6 => /opt/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0b1c000000)
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0b1b800000)
"""


def test_the_libraries_qt_lacks_are_read_from_ldd(monkeypatch, tmp_path):
    def ldd(cmd, **kwargs):
        assert cmd[0] == "ldd"
        return subprocess.CompletedProcess(cmd, 0, stdout=LDD_OUTPUT, stderr="")

    monkeypatch.setattr(display.subprocess, "run", ldd)
    assert display.missing_libraries(tmp_path / "libqxcb.so") == [
        "libxcb-icccm.so.4",
        "libxkbcommon-x11.so.0",
    ]


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libxcb-render-util.so.0.0.0", "libxcb-render-util0"),
    ],
)
def test_a_missing_library_is_named_by_its_package(soname, package):
    assert display.debian_package(soname) == package


def test_missing_x11_libraries_are_named_with_the_command_that_installs_them(monkeypatch, tmp_path):
    monkeypatch.setattr(display, "xcb_plugin", lambda: tmp_path / "libqxcb.so")
    monkeypatch.setattr(
        display, "missing_libraries", lambda p: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    )
    problem = display.x11_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert "libxcb-icccm.so.4 and libxcb-keysyms.so.1" in problem
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in problem
    assert "QT_QPA_PLATFORM=offscreen" in problem
    # Not an X11 start: nothing to say.
    assert display.x11_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}) is None
    assert display.x11_problem({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 systems only")
def test_a_display_that_does_not_answer_is_said_so(monkeypatch):
    monkeypatch.setattr(display, "missing_libraries", lambda p: [])
    problem = display.x11_problem({"DISPLAY": ":4711"})  # no X server runs there
    assert problem is not None
    assert "the display :4711 (DISPLAY) does not answer" in problem


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 systems only")
def test_the_command_with_a_dead_display_never_reaches_qts_abort(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPLAY"] = ":4711"
    env["PYTHONPATH"] = os.pathsep.join([str(DESKTOP), env.get("PYTHONPATH", "")])
    run = subprocess.run(
        [sys.executable, "-m", "broadsheet", "--library", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("broadsheet: Broadsheet cannot open its window")
    assert "plugin" not in run.stderr
