"""Opening the library's SQLite file: WAL mode, a busy timeout, foreign keys, the schema.

A file that is not a readable SQLite database is moved aside (``library.sqlite3.corrupt-TIME``)
and a new library is created in its place; the caller is told so it can tell the reader.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .errors import LibraryError
from .migrations import SCHEMA_VERSION, migrate, version
from .models import Base

FILENAME = "library.sqlite3"
BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Opened:
    engine: Engine
    fresh: bool  # a new, empty library was created
    moved_aside: Path | None  # where an unreadable library file went


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _readable(path: Path) -> bool:
    """A SQLite file whose header and schema can be read (a cheap check, not integrity_check)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
        if not head:
            return True  # an empty file is a new database to SQLite
        if head != SQLITE_MAGIC:
            return False
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("PRAGMA schema_version").fetchone()
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
        return True
    except sqlite3.OperationalError as e:
        return "locked" in str(e) or "busy" in str(e)  # in use elsewhere is not corrupt
    except sqlite3.DatabaseError:
        return False


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):  # their pages belong to the file that was moved
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def open_engine(folder: Path) -> Opened:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise LibraryError(f"Cannot create the library folder {folder}: {e.strerror}") from e
    path = folder / FILENAME
    moved = None
    if path.exists() and not _readable(path):
        try:
            moved = _move_aside(path)
        except OSError as e:
            raise LibraryError(f"The library {path} is damaged and cannot be moved aside: "
                               f"{e.strerror}") from e
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    for attempt in range(5):
        try:
            fresh = _prepare(engine, path)
            break
        except LibraryError:
            engine.dispose()
            raise
        except OperationalError as e:
            # Another process creating the same new library at this moment: its schema wins.
            if attempt < 4 and ("already exists" in str(e) or "locked" in str(e)):
                time.sleep(0.1 * (attempt + 1))
                continue
            engine.dispose()
            raise LibraryError(f"Cannot open the library {path}: {e.orig}") from e
        except Exception as e:
            engine.dispose()
            raise LibraryError(f"Cannot open the library {path}: {e}") from e
    return Opened(engine, fresh, moved)


def _prepare(engine: Engine, path: Path) -> bool:
    """Create or upgrade the schema in one transaction; True if the library was new."""
    with engine.begin() as conn:
        fresh = not inspect(conn).has_table("documents")
        if not fresh and version(conn) > SCHEMA_VERSION:
            raise LibraryError(
                f"The library {path} was written by a newer version of Broadsheet "
                f"(schema {version(conn)}); this version reads schema {SCHEMA_VERSION}.")
        Base.metadata.create_all(conn)
        migrate(conn, fresh)
    return fresh


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
