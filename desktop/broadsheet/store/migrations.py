"""The library's schema brought up to date with Alembic, on SQLite and PostgreSQL alike.

The revisions are in ``store/schema/versions/`` (``s1`` … ``s7``: schema 1 to 7). A library
from before Alembic has no ``alembic_version`` table: a SQLite file's ``PRAGMA user_version``
says which revision it is at (0 meant schema 1), and it is stamped so before the rest run. Every
revision also sets ``user_version`` on SQLite, so a Broadsheet from before Alembic still refuses
a library newer than it knows. Everything runs in the caller's transaction, so a crash leaves
the library as it was. A library already at ``HEAD`` is opened without loading Alembic (it
would cost every opening about 10 ms).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect

from .schema.steps import number

if TYPE_CHECKING:
    from alembic.config import Config

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
HEAD = "s8"
SCHEMA_VERSION = number(HEAD)
VERSION_TABLE = "alembic_version"


def current_revision(conn: Connection) -> str | None:
    """The revision Alembic stamped the library with, or None (new, or from before Alembic)."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()


def version(conn: Connection) -> int:
    """The schema number: SQLite's ``user_version``, or the Alembic revision's on a server."""
    if conn.dialect.name == "sqlite":
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
    current = current_revision(conn)
    return number(current) if current else 0


def _known() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory(str(SCHEMA_DIR)).walk_revisions()}


def unknown_revision(conn: Connection) -> str | None:
    """The library's revision if this version of Broadsheet does not know it (a newer one
    wrote it), else None."""
    current = current_revision(conn)
    if current is None or current == HEAD:
        return None
    return None if current in _known() else current


def _config(conn: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCHEMA_DIR))
    config.attributes["connection"] = conn
    return config


def upgrade(conn: Connection) -> None:
    """Create the schema, or upgrade it to ``HEAD``."""
    current = current_revision(conn)
    if current == HEAD:
        return
    from alembic import command

    config = _config(conn)
    if current is None and inspect(conn).has_table("documents"):
        # From before Alembic. A team's library made then was made at schema 6.
        legacy = max(version(conn), 1) if conn.dialect.name == "sqlite" else SCHEMA_VERSION
        command.stamp(config, f"s{legacy}")
    command.upgrade(config, HEAD)
