"""Only a library SQLite finds damaged is moved aside: a full disk, a refused permission, a
read-only folder leave it and its -wal/-shm as they are, with a message of their own."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from broadsheet import corrections as corr
from broadsheet.cli import main
from broadsheet.errors import LibraryError
from broadsheet.store import database
from broadsheet.store.library import Library
from reports import report_facts as facts

PAGE = 4096


def sqlite_error(code: int, name: str, text: str) -> sqlite3.OperationalError:
    e = sqlite3.OperationalError(text)
    e.sqlite_errorcode, e.sqlite_errorname = code, name
    return e


@pytest.fixture
def library(tmp_path) -> Path:
    """A library of 30 documents with a correction, closed; its folder."""
    lib = Library(tmp_path)
    for i in range(30):
        lib.put(facts(i))
    f = facts(0)
    lib.add_correction(f.sha256, corr.rename(f.entities[0], "Chancellor Merkel"))
    lib.close()
    return tmp_path


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def nothing_moved(folder: Path) -> bool:
    return not list(folder.glob("*.corrupt-*"))


@pytest.mark.parametrize(
    "code, name, text",
    [
        (13, "SQLITE_FULL", "database or disk is full"),
        (10, "SQLITE_IOERR", "disk I/O error"),
        (4874, "SQLITE_IOERR_SHMSIZE", "disk I/O error"),
        (14, "SQLITE_CANTOPEN", "unable to open database file"),
        (8, "SQLITE_READONLY", "attempt to write a readonly database"),
    ],
)
def test_an_error_that_says_nothing_of_the_file_leaves_it_alone(
    library, monkeypatch, capsys, code, name, text
):
    before = files_of(library)

    def refuse(*_a: object, **_k: object) -> sqlite3.Connection:
        raise sqlite_error(code, name, text)

    monkeypatch.setattr(sqlite3, "connect", refuse)
    assert main(["list", "--library", str(library)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(library / "library.sqlite3") in err
    assert "Traceback" not in err and "damaged" not in err
    assert nothing_moved(library) and files_of(library) == before
    monkeypatch.undo()
    assert len(Library(library).documents()) == 30


def test_a_full_disk_names_itself_and_keeps_the_library(library, monkeypatch, capsys):
    monkeypatch.setattr(
        sqlite3,
        "connect",
        lambda *a, **k: (_ for _ in ()).throw(
            sqlite_error(13, "SQLITE_FULL", "database or disk is full")
        ),
    )
    assert main(["list", "--library", str(library)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"broadsheet: The disk holding the library {library / 'library.sqlite3'} "
        "is full; free some space and try again.\n"
    )


def test_a_write_on_a_full_disk_fails_clearly_and_loses_nothing(library, monkeypatch):
    real = database._on_connect

    def no_room(con: sqlite3.Connection, record: object) -> None:
        real(con, record)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full

    monkeypatch.setattr(database, "_on_connect", no_room)
    lib = Library(library)
    with pytest.raises(
        LibraryError,
        match=r"^The disk holding the library .* is full; free some "
        r"space and try again\.$",
    ):
        lib.put(facts(99, " Long." * 20_000))
    assert len(lib.documents()) == 30
    lib.close()
    monkeypatch.undo()
    assert nothing_moved(library) and len(Library(library).documents()) == 30


def test_a_write_refused_says_so(library, monkeypatch):
    real = database._on_connect

    def read_only(con: sqlite3.Connection, record: object) -> None:
        real(con, record)
        con.execute("PRAGMA query_only = ON")  # "attempt to write a readonly database"

    monkeypatch.setattr(database, "_on_connect", read_only)
    lib = Library(library)
    with pytest.raises(LibraryError, match="^Broadsheet may not write to the library "):
        lib.put(facts(99))
    assert nothing_moved(library)


def test_a_wal_that_cannot_be_opened_is_not_damage(library, capsys):
    (library / "library.sqlite3-wal").mkdir()
    assert main(["list", "--library", str(library)]) == 1
    assert "may not open the library" in capsys.readouterr().err
    assert nothing_moved(library) and (library / "library.sqlite3-wal").is_dir()
    (library / "library.sqlite3-wal").rmdir()
    assert len(Library(library).documents()) == 30


def _corrupt_tables(db: Path, tables: tuple[str, ...] = ("documents", "analyses")) -> None:
    """Garbage over the pages of these tables and their indexes; the header and the schema
    (page 1) stay good, so opening cannot tell."""
    con = sqlite3.connect(db)
    roots = [
        r
        for (r,) in con.execute(
            f"SELECT rootpage FROM sqlite_master WHERE tbl_name IN ({', '.join('?' * len(tables))})"
            " AND rootpage > 1",
            tables,
        )
    ]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with db.open("r+b") as f:
        for page in roots:
            f.seek((page - 1) * PAGE)
            f.write(bytes(range(256)) * (PAGE // 256))


def test_damaged_pages_are_found_moved_aside_and_the_reader_data_restored(library):
    lib = Library(library)
    assert lib.notice == ""
    f = facts(0)
    _corrupt_tables(lib.path)
    with pytest.raises(
        LibraryError,
        match=r"damaged; it was moved aside to library\.sqlite3\."
        r"corrupt-.* restored",
    ):
        lib.documents()
    [aside] = library.glob("library.sqlite3.corrupt-*")
    assert not aside.name.endswith(("-wal", "-shm"))
    assert lib.documents() == []  # the new library, from now on
    [c] = lib.corrections(f.sha256)
    assert c.payload["name"] == "Chancellor Merkel"
    con = sqlite3.connect(lib.path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    lib.put(f)
    assert [d.sha256 for d in lib.documents()] == [f.sha256]


def _within(seconds: float, fn) -> None:  # noqa: ANN001 - a function
    """Run ``fn`` in a thread; fail (rather than hang) if it does not end in time."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as e:  # reported to the test
            errors.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "deadlocked"
    if errors:
        raise errors[0]


def test_what_is_pending_is_saved_before_a_damaged_library_is_moved(library):
    lib = Library(library)
    f = facts(0)
    lib.flush()
    lib.set_position(f.sha256, 5)  # a save pending or running while the damage is found
    _corrupt_tables(lib.path)

    def read() -> None:
        with pytest.raises(LibraryError, match="moved aside"):
            lib.documents()

    _within(30, read)
    assert lib.position(f.sha256) == 5 and len(lib.corrections(f.sha256)) == 1


def test_a_save_that_meets_damage_neither_hangs_nor_writes_less(library):
    lib = Library(library)
    f = facts(0)
    before = (library / "reader-data.json").read_bytes()
    _corrupt_tables(lib.path, ("corrections",))
    lib.set_position(f.sha256, 5)
    _within(30, lib.close)  # the save cannot read the corrections: it writes nothing
    assert (library / "reader-data.json").read_bytes() == before


def test_damaged_pages_found_by_broadsheet_list(library, capsys):
    _corrupt_tables(library / "library.sqlite3")
    assert main(["list", "--library", str(library)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "moved aside" in err and "restored" in err
    assert main(["list", "--library", str(library)]) == 0
    assert "The library is empty." in capsys.readouterr().out


def test_an_error_that_only_looks_like_damage_moves_nothing(library, monkeypatch):
    """SQLITE_CORRUPT from a read, but quick_check finds the file sound: it is kept."""
    from sqlalchemy.exc import DatabaseError

    def malformed(*_a: object, **_k: object) -> None:
        raise DatabaseError(
            "SELECT", {}, sqlite_error(11, "SQLITE_CORRUPT", "database disk image is malformed")
        )

    lib = Library(library)
    monkeypatch.setattr(Library, "_listing", malformed)
    with pytest.raises(
        LibraryError, match="^Cannot read the library .*: database disk image is malformed"
    ):
        lib.documents()
    monkeypatch.undo()
    assert nothing_moved(library) and len(lib.documents()) == 30


def _as_another_user() -> list[str] | None:
    """A command prefix that runs as a user who is not root (root may write anywhere)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    # That user must also be able to run Broadsheet from this checkout (a private clone is not).
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import broadsheet.cli"], capture_output=True
    )
    return None if probe.returncode else prefix


@pytest.mark.parametrize("left_open", [False, True], ids=["closed", "with -wal and -shm"])
def test_a_read_only_folder_can_still_be_listed(left_open):
    prefix = _as_another_user()
    if prefix is None:
        pytest.skip("cannot run Broadsheet as a user other than root here")
    top = Path(tempfile.mkdtemp(prefix="broadsheet-ro-"))
    folder, home = top / "lib", top / "home"
    con = None
    try:
        home.mkdir()
        lib = Library(folder)
        lib.put(facts(1))
        if left_open:  # a writer's -wal and -shm stay beside it, with pages of their own
            con = sqlite3.connect(lib.path)
            con.execute("PRAGMA wal_autocheckpoint = 0")
            con.execute("UPDATE documents SET title = 'Latest title'")
            con.commit()
        lib.close()
        for p in folder.iterdir():
            os.chmod(p, 0o444)
        os.chmod(folder, 0o555)
        os.chmod(top, 0o755)
        if os.geteuid() == 0:
            os.chown(home, 65534, 65534)
        before = files_of(folder)
        run = subprocess.run(
            [*prefix, sys.executable, "-m", "broadsheet.cli", "list", "--library", str(folder)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "BROADSHEET_HOME": str(home), "HOME": str(home)},
        )
        assert run.returncode == 0, run.stderr
        assert ("Latest title" if left_open else "Report 1") in run.stdout
        assert run.stderr == (
            f"broadsheet: Broadsheet may not write to the library folder "
            f"{folder}, so its documents can be read but nothing new can be "
            "kept.\n"
        )
        assert files_of(folder) == before and nothing_moved(folder)
    finally:
        if con is not None:
            con.close()
        os.chmod(folder, 0o700)
        shutil.rmtree(top, ignore_errors=True)


def test_a_recovery_that_cannot_restore_keeps_the_reader_data(library, monkeypatch):
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    from broadsheet.store.models import Correction as CorrectionRow

    saved = (library / "reader-data.json").read_bytes()
    lib = Library(library)
    _corrupt_tables(lib.path)
    real = Session.add

    def full(self: Session, row: object, *a: object) -> None:
        if isinstance(row, CorrectionRow):
            raise OperationalError(
                "INSERT", {}, sqlite_error(13, "SQLITE_FULL", "database or disk is full")
            )
        real(self, row, *a)

    monkeypatch.setattr(Session, "add", full)
    with pytest.raises(LibraryError, match=r"moved aside.* is full; .* kept in "):
        lib.documents()
    monkeypatch.undo()
    [kept] = library.glob("reader-data.unrestored-*.json")
    assert kept.read_bytes() == saved
    f = facts(0)
    lib.set_position(f.sha256, 3)
    lib.close()
    assert kept.read_bytes() == saved
