"""Versioned schema steps: a library written by an older Broadsheet opens in this one.

``PRAGMA user_version`` holds the schema version. New tables are created by ``create_all``
(additive); each step here does what that cannot: new columns, virtual tables, back-fills,
indexes on tables that already exist (made from the models' declarations, never spelled here).
Every step runs in one transaction with the version bump, so a crash leaves the old version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, text

from .models import Base, entity_claims, entity_names

SCHEMA_VERSION = 6

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5("
    "sha256 UNINDEXED, title, text, names, tokenize='unicode61 remove_diacritics 2')"
)


def create_indexes(conn: Connection) -> None:
    """Create the indexes the models declare that the file lacks: ``create_all`` makes those of
    new tables only, and a table an older version made may lack some."""
    for table in Base.metadata.sorted_tables:
        for ix in table.indexes:
            ix.create(conn, checkfirst=True)


def _insert_names(conn: Connection, aid: int, facts: dict[str, Any]) -> None:
    rows = [{"a": aid, **n} for n in entity_names(facts)]
    if rows:
        conn.execute(
            text(
                "INSERT INTO entity_names (analysis_id, entity_id, kind, norm) "
                "VALUES (:a, :entity_id, :kind, :norm)"
            ),
            rows,
        )


def _to_2(conn: Connection) -> None:
    """Schema 1 (documents, analyses, recent files) → 2: full-text search, entity names for
    "Also in", corrections and reading positions (the last two are new tables)."""
    conn.exec_driver_sql(FTS_DDL)
    rows = conn.execute(
        text(
            "SELECT a.id, d.sha256, d.title, d.text, a.facts_json FROM analyses a "
            "JOIN documents d ON d.id = a.document_id "
            "WHERE a.id = (SELECT max(id) FROM analyses WHERE document_id = d.id)"
        )
    ).all()
    for aid, sha, title, body, facts_json in rows:
        facts = json.loads(facts_json)
        _insert_names(conn, aid, facts)
        ents = facts.get("entities", [])
        names = " ".join(n for e in ents for n in (e["name"], *e.get("aliases", [])))
        conn.execute(text("DELETE FROM document_fts WHERE sha256 = :s"), {"s": sha})
        conn.execute(
            text("INSERT INTO document_fts (sha256, title, text, names) VALUES (:s, :t, :x, :n)"),
            {"s": sha, "t": title, "x": body, "n": names},
        )


def _to_3(conn: Connection) -> None:
    """Schema 2 → 3: each search row's rowid becomes its document's id, so that replacing or
    removing a document finds its row through the rowid instead of reading every row (which made
    each ``put`` slower as the library grew); an index for deleting an analysis's names; and
    covering indexes for listing documents without reading their text or facts."""
    conn.exec_driver_sql(
        "CREATE TEMP TABLE fts_rekey AS SELECT d.id AS id, f.sha256, f.title, f.text, f.names "
        "FROM document_fts f JOIN documents d ON d.sha256 = f.sha256 "
        "WHERE f.rowid IN (SELECT max(rowid) FROM document_fts GROUP BY sha256)"
    )
    conn.exec_driver_sql("DELETE FROM document_fts")
    conn.exec_driver_sql(
        "INSERT INTO document_fts (rowid, sha256, title, text, names) "
        "SELECT id, sha256, title, text, names FROM fts_rekey"
    )
    conn.exec_driver_sql("DROP TABLE fts_rekey")
    create_indexes(conn)


def _to_4(conn: Connection) -> None:
    """Schema 3 → 4: each analysis's entities with their names and claims (``entity_claims``,
    a new table), so that "Also in" no longer reads whole facts JSONs. Analyses are read a few
    hundred at a time: a large library holds hundreds of megabytes of facts. The index on
    entity names alone goes: the lookup index starts with the name, and each index costs
    every ``put`` time and the file space."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_entity_names_norm")
    last = 0
    while True:
        rows = conn.execute(
            text("SELECT id, facts_json FROM analyses WHERE id > :last ORDER BY id LIMIT 200"),
            {"last": last},
        ).all()
        if not rows:
            return
        filled = [
            (aid, e["entity_id"], e["name"], e["claims"])
            for aid, facts_json in rows
            for e in entity_claims(json.loads(facts_json))
        ]
        if filled:  # "OR REPLACE": a library stamped back to an older version may have them
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO entity_claims "
                "(analysis_id, entity_id, name, claims) VALUES (?, ?, ?, ?)",
                filled,
            )
        last = rows[-1][0]


def _to_5(conn: Connection) -> None:
    """Schema 4 → 5: names are normalised as mentions are grouped within a document (hyphens
    as spaces, no periods), so that "Also in" finds "Kim Jong-un" from "Kim Jong Un". Each
    analysis's names are made again from its facts, as ``put`` makes them; a few hundred
    analyses at a time."""
    last = 0
    while True:
        rows = conn.execute(
            text(
                "SELECT id, facts_json FROM analyses WHERE id > :last "
                "AND id IN (SELECT analysis_id FROM entity_names) ORDER BY id LIMIT 200"
            ),
            {"last": last},
        ).all()
        if not rows:
            return
        for aid, facts_json in rows:
            conn.execute(text("DELETE FROM entity_names WHERE analysis_id = :a"), {"a": aid})
            _insert_names(conn, aid, json.loads(facts_json))
        last = rows[-1][0]


def _to_6(conn: Connection) -> None:
    """Schema 5 → 6: the undo history outlives the session (``corrections.undoable``). What
    was active is in it, to undo after the upgrade; what was undone before is left out, since
    whether it could still be redone was not kept."""
    cols = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(corrections)")}
    if "undoable" not in cols:
        conn.exec_driver_sql(
            "ALTER TABLE corrections ADD COLUMN undoable BOOLEAN NOT NULL DEFAULT 0"
        )
    conn.exec_driver_sql("UPDATE corrections SET undoable = active")


STEPS: dict[int, Callable[[Connection], None]] = {
    2: _to_2,
    3: _to_3,
    4: _to_4,
    5: _to_5,
    6: _to_6,
}


def version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def migrate(conn: Connection, fresh: bool) -> list[int]:
    """Bring the schema to ``SCHEMA_VERSION``; returns the steps run. A fresh file only needs
    the virtual table and the version stamp."""
    if fresh:
        conn.exec_driver_sql(FTS_DDL)
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return []
    ran = []
    current = version(conn)
    for target in range(max(current, 1) + 1, SCHEMA_VERSION + 1):
        STEPS[target](conn)
        conn.exec_driver_sql(f"PRAGMA user_version = {target}")
        ran.append(target)
    return ran
