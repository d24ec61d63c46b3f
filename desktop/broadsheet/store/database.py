"""Opening the library's SQLite file: WAL mode, a busy timeout, foreign keys, the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from .models import SCHEMA_VERSION, Base

FILENAME = "library.sqlite3"
BUSY_TIMEOUT_MS = 10_000


class LibraryError(Exception):
    """The library cannot be opened or written; the message is for the user."""


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def open_engine(folder: Path) -> Engine:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise LibraryError(f"Cannot create the library folder {folder}: {e.strerror}") from e
    path = folder / FILENAME
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    try:
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            # Full-text search over titles, texts and entity names (SQLite FTS5).
            conn.exec_driver_sql(
                "CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5("
                "sha256 UNINDEXED, title, text, names, tokenize='unicode61 remove_diacritics 2')"
            )
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except Exception as e:
        engine.dispose()
        raise LibraryError(f"Cannot open the library {path}: {e}") from e
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
