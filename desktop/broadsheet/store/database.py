"""Opening the library's SQLite file: WAL mode, a busy timeout, foreign keys, the schema.

Only a file that SQLite itself says is damaged (its header is not SQLite's, or ``quick_check``
finds faults) is moved aside (``library.sqlite3.corrupt-TIME``) and a new library created in its
place; the caller is told so it can tell the reader. A full disk, a refused permission or a
failing disk get their own message and leave the file and its -wal/-shm as they are. A library
in a folder Broadsheet may not write to is opened read-only when SQLite can read it so.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import LibraryError
from .errors import BUSY, DAMAGED, DENIED, kind, message
from .migrations import HEAD, SCHEMA_VERSION, current_revision, unknown_revision, upgrade, version

FILENAME = "library.sqlite3"
BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")


@dataclass
class Opened:
    engine: Engine
    fresh: bool  # a new, empty library was created
    moved_aside: Path | None  # where a damaged library file went
    read_only: bool = False  # the folder may not be written: the library can only be read
    reader_data: bool = False  # it holds some of the reader's own data


class _Damaged(Exception):
    """SQLite says the library file is damaged (checked, not guessed from an error)."""


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _on_connect_read_only(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only = ON")
    cur.close()


def _uri(path: Path, query: str) -> str:
    return f"{path.absolute().as_uri()}?{query}"


def _connect(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)


def _header_ok(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    return not head or head == SQLITE_MAGIC  # an empty file is a new database to SQLite


def _probe(uri: str) -> None:
    """Read the header and the schema (cheap, unlike integrity_check); raises what SQLite
    raises."""
    con = _connect(uri)
    try:
        con.execute("PRAGMA schema_version").fetchone()
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        con.close()


def damaged(path: Path, query: str = "mode=ro") -> bool:
    """Whether SQLite says the file is damaged: not SQLite's header, or faults found by
    ``quick_check`` (which reads every page: only run when an error said so). Errors that say
    nothing about the file (a full disk, a refused permission) are raised."""
    if not _header_ok(path):
        return True
    try:
        con = _connect(_uri(path, query))
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        if kind(e) == DAMAGED:
            return True
        raise
    return rows != [("ok",)]


def _confirm(path: Path, error: BaseException, query: str = "mode=ro") -> None:
    """Raise ``_Damaged`` if the file is damaged, else a ``LibraryError`` for ``error``."""
    try:
        if damaged(path, query):
            raise _Damaged() from error
    except (sqlite3.Error, OSError) as e:
        raise LibraryError(message(e, path)) from e
    raise LibraryError(message(error, path)) from error


def move_aside(path: Path) -> Path:
    """Rename a damaged library file (and its -wal/-shm) to ``NAME.corrupt-TIME``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        path.rename(target)
        for suffix in SIDE_FILES:  # their pages belong to the file that was moved
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError as e:
        raise LibraryError(
            f"The library {path} is damaged and cannot be moved aside: {e.strerror}."
        ) from e
    return target


def _make_folder(folder: Path) -> None:
    """Create the library folder for this user alone; a folder that exists is left as it is."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)  # whatever the umask
    except FileExistsError:
        if not folder.is_dir():
            raise LibraryError(
                f"Cannot create the library folder {folder}: a file of that name is in the way."
            ) from None
    except OSError as e:
        raise LibraryError(f"Cannot create the library folder {folder}: {e.strerror}.") from e


def _create_private(path: Path) -> None:
    """An empty library file readable by this user alone, before SQLite opens it: SQLite gives
    its -wal and -shm the same permissions."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as e:
        raise LibraryError(message(e, path, "create")) from e


def open_engine(folder: Path) -> Opened:
    _make_folder(folder)
    path = folder / FILENAME
    try:
        return _open(path, None)
    except _Damaged:
        pass
    return reopen_damaged(path)


def reopen_damaged(path: Path) -> Opened:
    """Move a damaged library aside and start a new one in its place."""
    moved = move_aside(path)
    try:
        return _open(path, moved)
    except _Damaged:  # a file just created cannot be; someone else's, then
        raise LibraryError(f"The library {path} is damaged.") from None


def _open(path: Path, moved: Path | None) -> Opened:
    if path.exists():
        if not os.access(path, os.W_OK):  # SQLite would open it read-only without a word
            return _open_read_only(path, PermissionError(errno.EACCES, "Permission denied"))
        try:
            if not _header_ok(path):
                raise _Damaged()
            _probe(_uri(path, "mode=ro"))
        except (sqlite3.Error, OSError) as e:
            k = kind(e)
            if k == DENIED:
                return _open_read_only(path, e)
            if k == DAMAGED:
                _confirm(path, e)
            if k != BUSY:  # in use elsewhere: the engine waits for it below
                raise LibraryError(message(e, path)) from e
    else:
        _create_private(path)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    for attempt in range(5):
        try:
            fresh, reader_data = _prepare(engine, path)
            break
        except LibraryError:
            engine.dispose()
            raise
        except DBAPIError as e:
            # Another process creating the same new library at this moment: its schema wins.
            if attempt < 4 and ("already exists" in str(e) or kind(e) == BUSY):
                time.sleep(0.1 * (attempt + 1))
                continue
            engine.dispose()
            if kind(e) == DENIED:
                return _open_read_only(path, e)
            if kind(e) == DAMAGED:
                _confirm(path, e)
            raise LibraryError(message(e, path)) from e
        except Exception as e:
            engine.dispose()
            raise LibraryError(f"Cannot open the library {path}: {e}") from e
    return Opened(engine, fresh, moved, reader_data=reader_data)


# Rows of the reader's data are never deleted: none at all means they were lost.
HAS_READER_DATA = (
    "SELECT EXISTS (SELECT 1 FROM corrections) "
    "OR EXISTS (SELECT 1 FROM reading_positions) "
    "OR EXISTS (SELECT 1 FROM recent_files)"
)


def _prepare(engine: Engine, path: Path) -> tuple[bool, bool]:
    """Create or upgrade the schema in one transaction. Whether the library was new, and
    whether it holds any of the reader's data."""
    with engine.begin() as conn:  # up to date, as nearly always: read, never wait to write
        if current_revision(conn) == HEAD and version(conn) == SCHEMA_VERSION:
            return False, bool(conn.exec_driver_sql(HAS_READER_DATA).scalar())
    # Python's sqlite3 would commit each CREATE on its own: the transaction is begun here, and
    # takes the write lock at once, so another process creating the same library waits and then
    # finds it made, never half made.
    with engine.connect() as conn:
        raw = cast(sqlite3.Connection, conn.connection.driver_connection)
        level, raw.isolation_level = raw.isolation_level, None
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            prepared = _upgrade(conn, path)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            raw.isolation_level = level
    return prepared


def _upgrade(conn: Connection, path: Path) -> tuple[bool, bool]:
    fresh = not inspect(conn).has_table("documents")
    if not fresh and (version(conn) > SCHEMA_VERSION or unknown_revision(conn)):
        raise LibraryError(
            f"The library {path} was written by a newer version of Broadsheet "
            f"(schema {version(conn)}); this version reads schema {SCHEMA_VERSION}."
        )
    upgrade(conn)
    return fresh, not fresh and bool(conn.exec_driver_sql(HAS_READER_DATA).scalar())


def _open_read_only(path: Path, denied: BaseException) -> Opened:
    """The library of a folder Broadsheet may not write to, for reading. SQLite reads a WAL
    library read-only with its -wal and -shm; without a -wal there is nothing outside the file,
    which can then be read as immutable."""
    query = "mode=ro"
    try:
        _probe(_uri(path, query))
    except sqlite3.Error as e:
        wal = path.with_name(path.name + "-wal")
        if kind(e) == DAMAGED:
            _confirm(path, e, query)
        if kind(e) != DENIED or wal.exists() or os.access(path.parent, os.W_OK):
            raise LibraryError(message(denied, path)) from denied
        query = "immutable=1"
        try:
            _probe(_uri(path, query))
        except sqlite3.Error as e2:
            if kind(e2) == DAMAGED:
                _confirm(path, e2, query)
            raise LibraryError(message(denied, path)) from e2
    uri = _uri(path, query)
    engine = create_engine(f"sqlite:///{path}", creator=_creator(uri))
    event.listen(engine, "connect", _on_connect_read_only)
    try:
        with engine.connect() as conn:
            current = inspect(conn).has_table("documents") and version(conn) == SCHEMA_VERSION
    except DBAPIError as e:
        engine.dispose()
        raise LibraryError(message(e, path, "read")) from e
    if not current:
        engine.dispose()
        raise LibraryError(
            f"Broadsheet may not write to the library folder {path.parent}, and "
            f"the library {path} must be created or upgraded before it can be "
            "read; check the folder's permissions and try again."
        )
    return Opened(engine, False, None, read_only=True)


def _creator(uri: str) -> Callable[[], sqlite3.Connection]:
    return lambda: _connect(uri)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
