"""What the revisions share: the SQLite schema number they stamp, back-filling an analysis's
entity names, and checks that let a step run again on a library stamped back to an older
version (its tables and columns may be there already)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, inspect, text

from ..models import entity_names


def number(revision: str) -> int:
    """ "s4" → 4: the revision's schema number, as ``PRAGMA user_version`` keeps it."""
    return int(revision.lstrip("s"))


def stamp(conn: Connection, revision: str) -> None:
    """On SQLite, the schema number in the file's header too: a Broadsheet from before Alembic
    reads it, and refuses a library newer than it knows."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA user_version = {number(revision)}")


def sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def has_table(conn: Connection, name: str) -> bool:
    return inspect(conn).has_table(name)


def has_column(conn: Connection, table: str, column: str) -> bool:
    return column in {c["name"] for c in inspect(conn).get_columns(table)}


def insert_names(conn: Connection, aid: int, facts: dict[str, Any]) -> None:
    rows = [{"a": aid, **n} for n in entity_names(facts)]
    if rows:
        conn.execute(
            text(
                "INSERT INTO entity_names (analysis_id, entity_id, kind, norm) "
                "VALUES (:a, :entity_id, :kind, :norm)"
            ),
            rows,
        )


def analyses_in_batches(conn: Connection, where: str = "") -> Any:
    """(id, facts) of every analysis, a few hundred at a time: a large library holds hundreds
    of megabytes of facts."""
    last = 0
    while True:
        rows = conn.execute(
            text(
                f"SELECT id, facts_json FROM analyses WHERE id > :last {where} "
                "ORDER BY id LIMIT 200"
            ),
            {"last": last},
        ).all()
        if not rows:
            return
        for aid, facts_json in rows:
            yield aid, json.loads(facts_json)
        last = rows[-1][0]
