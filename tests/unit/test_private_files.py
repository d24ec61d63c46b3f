"""What Broadsheet writes about the reader's documents is readable by the reader alone, and
files are replaced whole."""

from __future__ import annotations

import logging
import os

from broadsheet import atomic, logs
from broadsheet.paths import private_dir


def test_the_log_folder_and_files_are_private_under_a_lax_umask(tmp_path, monkeypatch):
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path / "home"))
    old = os.umask(0o022)
    handlers = list(logs.package_log.handlers)
    try:
        for h in handlers:
            logs.package_log.removeHandler(h)
        path = logs.setup_logging()
        assert path is not None
        logs.package_log.info("a line that names /home/reader/leak.txt")
        for h in logs.package_log.handlers:
            h.flush()
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700
        assert "leak.txt" in path.read_text(encoding="utf-8")
    finally:
        os.umask(old)
        for h in list(logs.package_log.handlers):
            logs.package_log.removeHandler(h)
            h.close()
        for h in handlers:
            logs.package_log.addHandler(h)
        logging.getLogger("broadsheet").setLevel(logging.INFO)


def test_a_folder_the_user_chose_keeps_its_mode(tmp_path):
    chosen = tmp_path / "Documents"
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    private_dir(chosen)
    assert chosen.stat().st_mode & 0o777 == 0o755
    made = private_dir(tmp_path / "new" / "folder")
    assert made.stat().st_mode & 0o777 == 0o700


def test_an_atomic_write_replaces_whole_and_leaves_no_temp(tmp_path):
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")
    atomic.write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]
    assert target.stat().st_mode & 0o777 == 0o600


def test_stale_temps_are_the_old_ones_only(tmp_path):
    target = tmp_path / "x.json"
    old, fresh = tmp_path / ".x.json.abc.tmp", tmp_path / ".x.json.def.tmp"
    old.write_text("", encoding="utf-8")
    fresh.write_text("", encoding="utf-8")
    os.utime(old, (1, 1))
    assert atomic.stale_temps(target, 60) == [old]
