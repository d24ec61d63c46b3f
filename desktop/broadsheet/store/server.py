"""Opening a team's library on a PostgreSQL server (``postgresql://user@host/dbname``), through
psycopg 3.

The URL is libpq's: a password is found as libpq finds it (``~/.pgpass``, a service file,
``PGPASSWORD``), never kept by Broadsheet, and SSL is as the URL says (``?sslmode=require``).
The schema is created in one transaction under an advisory lock, so two machines opening a new
library at once make it once.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import LibraryError
from .database import Opened
from .errors import reason
from .migrations import SCHEMA_VERSION, unknown_revision, upgrade

# pg_advisory_xact_lock's key for creating or upgrading the schema: any number of our own.
SCHEMA_LOCK = 0x62726F6164  # "broad"


def engine_url(url: str) -> URL:
    """The URL as SQLAlchemy names psycopg 3's driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise LibraryError(f"{shown(url)} is not a library address: {e}.") from e
    return parsed.set(drivername="postgresql+psycopg")


def shown(url: str) -> str:
    """The URL for messages: without a password, if one was given in it."""
    try:
        return make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


def open_server(url: str) -> Opened:
    where = shown(url)
    query = dict(engine_url(url).query)
    # Times are kept in UTC whatever the server's zone (columns without one, as in SQLite).
    options = " ".join(filter(None, ["-c TimeZone=UTC", str(query.pop("options", "") or "")]))
    engine = create_engine(
        engine_url(url).set(query=query),
        connect_args={"options": options},
        pool_pre_ping=True,  # a server restarted under a long-running window
    )
    try:
        fresh, read_only = _prepare(engine, where)
    except SQLAlchemyError as e:
        engine.dispose()
        if denied(e):  # a reader or an editor cannot change the schema
            raise LibraryError(
                f"The team library {where} must be upgraded by its owner first "
                f"(broadsheet library init URL): {first_line(e)}."
            ) from e
        raise LibraryError(f"Cannot open the team library {where}: {first_line(e)}.") from e
    except BaseException:
        engine.dispose()
        raise
    return Opened(engine, fresh, None, read_only=read_only)


def denied(e: BaseException) -> bool:
    """Whether the server refused for want of a privilege (SQLSTATE 42501)."""
    return getattr(getattr(e, "orig", None), "sqlstate", None) == "42501"


def first_line(e: BaseException) -> str:
    """libpq's own words, without its hints on further lines."""
    words = reason(e).strip().splitlines()
    return words[0].rstrip(".") if words else type(e).__name__


def _prepare(engine: Engine, where: str) -> tuple[bool, bool]:
    """Create or upgrade the schema (``migrations``); whether the library was new, and whether
    this role may only read it."""
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        fresh = not inspect(conn).has_table("documents")
        newer = unknown_revision(conn)
        if newer:
            raise LibraryError(
                f"The team library {where} was written by a newer version of Broadsheet "
                f"(revision {newer}); this version reads schema {SCHEMA_VERSION}."
            )
        upgrade(conn)
        may_write = conn.execute(text("SELECT has_table_privilege('documents', 'INSERT')"))
        return fresh, not may_write.scalar()
