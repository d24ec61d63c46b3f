"""The reader's data beside the library: restored entry by entry, never overwritten by less
after a failed restore, saved off the caller's thread, and no temp files left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from broadsheet import corrections as corr
from broadsheet.errors import LibraryError
from broadsheet.store import sidecar
from broadsheet.store.library import Library
from broadsheet.store.models import Correction as CorrectionRow
from reports import report_facts as facts


@pytest.fixture
def saved(tmp_path) -> Path:
    """A folder whose sidecar holds 3 corrections, 2 positions and 2 recent files, and no
    library (it was lost)."""
    lib = Library(tmp_path)
    for i in range(3):
        f = facts(i)
        lib.add_correction(f.sha256, corr.rename(f.entities[0], f"Name {i}"))
    lib.set_position(facts(0).sha256, 10)
    lib.set_position(facts(1).sha256, 20)
    lib.add_recent(tmp_path / "a.txt")
    lib.add_recent(tmp_path / "b.txt")
    lib.close()
    for p in tmp_path.glob("library.sqlite3*"):
        p.unlink()
    return tmp_path


def edit(folder: Path, change) -> dict:  # noqa: ANN001 - a function of the JSON
    data = json.loads(sidecar.path_in(folder).read_text(encoding="utf-8"))
    change(data)
    sidecar.path_in(folder).write_text(json.dumps(data), encoding="utf-8")
    return data


def names(lib: Library) -> list[str]:
    return [c.payload["name"] for i in range(3) for c in lib.corrections(facts(i).sha256)]


def test_one_bad_entry_costs_only_itself(saved):
    def spoil(data: dict) -> None:
        data["corrections"].insert(1, {"sha256": "abc", "action": "rename"})  # no payload
        data["positions"]["def"] = "twelve"
        data["recent"].append(None)

    edit(saved, spoil)
    lib = Library(saved)
    assert names(lib) == ["Name 0", "Name 1", "Name 2"]
    assert lib.position(facts(1).sha256) == 20 and len(lib.recent_files()) == 2
    [kept] = saved.glob("reader-data.unreadable-*.json")
    assert json.loads(kept.read_text(encoding="utf-8")) == {
        "format": sidecar.FORMAT,
        "corrections": [{"sha256": "abc", "action": "rename"}],
        "positions": {"def": "twelve"},
        "recent": [None],
    }
    assert (
        f"3 entries of your saved reader data could not be read; they were kept in {kept}."
    ) in lib.notice
    assert "restored" in lib.notice
    lib.flush()
    assert len(sidecar.read(saved).corrections) == 3  # the good ones, saved again
    lib.close()
    assert Library(saved).notice == ""  # told once


def test_a_sidecar_that_is_not_json_is_kept_aside(saved):
    broken = b'{"format": "broadsheet.reader-data/1", "corrections": [{"sha'
    sidecar.path_in(saved).write_bytes(broken)
    lib = Library(saved)
    [kept] = saved.glob("reader-data.unreadable-*.json")
    assert kept.read_bytes() == broken
    assert lib.notice == (
        f"Your saved reader data in {sidecar.path_in(saved)} could not be "
        f"read; it was kept in {kept}."
    )
    lib.add_correction(facts(0).sha256, corr.hide(facts(0).entities[0]))
    lib.close()
    assert kept.read_bytes() == broken  # the next change wrote a new file, not over it
    assert [c["action"] for c in sidecar.read(saved).corrections] == ["hide"]


def test_a_failed_restore_changes_nothing_and_is_tried_again(saved, monkeypatch):
    before = sidecar.path_in(saved).read_bytes()
    real = Session.add

    def full(self: Session, row: object, *a: object) -> None:
        if isinstance(row, CorrectionRow):
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        real(self, row, *a)

    monkeypatch.setattr(Session, "add", full)
    with pytest.raises(LibraryError):
        Library(saved)
    monkeypatch.undo()
    assert sidecar.path_in(saved).read_bytes() == before
    lib = Library(saved)  # the library file is there now, with nothing of the reader's in it
    assert names(lib) == ["Name 0", "Name 1", "Name 2"] and "restored" in lib.notice
    lib.set_position(facts(2).sha256, 5)
    lib.close()
    assert len(sidecar.read(saved).corrections) == 3


def test_a_change_returns_before_the_sidecar_is_written(tmp_path, monkeypatch):
    real, writes, release = sidecar.write, [], threading.Event()

    def slow(folder: Path, data: dict) -> None:
        writes.append((threading.current_thread(), len(data["corrections"])))
        if threading.current_thread() is not threading.main_thread():
            release.wait(30)
        real(folder, data)

    monkeypatch.setattr(sidecar, "write", slow)
    lib = Library(tmp_path)
    f = facts(1)
    lib.add_correction(f.sha256, corr.hide(f.entities[0]))  # returns at once
    deadline = time.monotonic() + 10
    while not writes and time.monotonic() < deadline:
        time.sleep(0.01)
    for i in range(20):  # while that save waits: one more save takes them all
        lib.add_correction(f.sha256, corr.rename(f.entities[0], f"Name {i}"))
    lib.set_position(f.sha256, 7)
    assert not sidecar.path_in(tmp_path).exists()
    assert writes and writes[0][0] is not threading.main_thread()
    release.set()
    lib.close()
    assert len(writes) <= 3  # not one per change
    data = sidecar.read(tmp_path)
    assert len(data.corrections) == 21 and data.positions == {f.sha256: 7}
    assert not list(tmp_path.glob(".reader-data.json.*"))


def test_what_is_pending_is_written_when_the_program_ends(tmp_path):
    code = (
        "import sys; from broadsheet.store.library import Library\n"
        "lib = Library(sys.argv[1])\n"
        "for i in range(50): lib.set_position(f'sha{i}', i)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, timeout=120)
    assert len(sidecar.read(tmp_path).positions) == 50


def test_temp_files_left_by_killed_saves_are_removed(tmp_path):
    Library(tmp_path).close()
    old = tmp_path / ".reader-data.json.k1ll3d.tmp"
    new = tmp_path / ".reader-data.json.wr1t1ng.tmp"
    for p in (old, new):
        p.write_text("{", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    Library(tmp_path).close()
    assert not old.exists() and new.exists()  # one being written now is left to its writer
