"""Files about the reader's documents are the reader's alone, under any umask: every folder
Broadsheet makes is 0700, every log file (rotated ones and the crash log too) 0600."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from broadsheet import logs, paths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix file modes")


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def lax_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def fresh_log(tmp_path, monkeypatch, lax_umask) -> Iterator[Path]:
    """``setup_logging`` on a new home; the handlers from before are put back afterwards."""
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path / "new-home"))
    kept = list(logs.package_log.handlers)
    for h in kept:
        logs.package_log.removeHandler(h)
    path = logs.setup_logging()
    assert path is not None
    yield path
    for h in list(logs.package_log.handlers):
        logs.package_log.removeHandler(h)
        h.close()
    for h in kept:
        logs.package_log.addHandler(h)
    logging.getLogger("broadsheet").setLevel(logging.INFO)


def test_rotated_log_files_stay_private(fresh_log):
    [handler] = [h for h in logs.package_log.handlers if isinstance(h, RotatingFileHandler)]
    for i in range(3):
        logs.package_log.info("reading /home/reader/article-%d.txt", i)
        handler.doRollover()
    logs.package_log.info("after the rotations")
    handler.flush()
    files = sorted(fresh_log.parent.glob("broadsheet.log*"))
    assert len(files) == 4
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert mode(fresh_log.parent) == 0o700


def test_every_folder_made_for_a_private_one_is_private(tmp_path, lax_umask):
    # The log folder is often two deep (…/state/broadsheet/log): the middle one counts too.
    made = paths.private_dir(tmp_path / "state" / "broadsheet" / "log")
    assert [mode(p) for p in (made, made.parent, made.parent.parent)] == [0o700] * 3


def test_a_folder_that_is_there_keeps_its_mode(tmp_path, lax_umask):
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    os.chmod(chosen, 0o755)
    paths.private_dir(chosen / "logs")
    assert mode(chosen) == 0o755 and mode(chosen / "logs") == 0o700


def test_the_crash_log_is_private(qtbot, tmp_path, lax_umask):
    from broadsheet.ui.crash import CrashHandler

    paths.private_dir(tmp_path / "logs")
    handler = CrashHandler(tmp_path / "logs" / "broadsheet.log")
    handler.enable_faulthandler()
    try:
        assert mode(tmp_path / "logs" / "faults.log") == 0o600
    finally:
        handler.uninstall()


def test_a_crash_log_from_before_is_made_private(qtbot, tmp_path, lax_umask):
    from broadsheet.ui.crash import CrashHandler

    old = tmp_path / "faults.log"
    old.write_text("an old fault\n", encoding="utf-8")
    os.chmod(old, 0o644)
    handler = CrashHandler(tmp_path / "broadsheet.log")
    handler.enable_faulthandler()
    try:
        assert mode(old) == 0o600 and old.read_text(encoding="utf-8") == "an old fault\n"
    finally:
        handler.uninstall()


def test_the_socket_folder_in_the_cache_leaves_no_open_folder_above_it(
    tmp_path, monkeypatch, lax_umask
):
    from broadsheet.ui.single_instance import server_name

    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path / "home"))
    server_name(tmp_path / "lib")
    assert mode(tmp_path / "home" / "cache") == 0o700
