"""Schema 1 → 2: full-text search, entity names for "Also in", corrections and reading
positions; names and search rows filled from each document's newest analysis.

Revision ID: s2
Revises: s1
"""

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

from broadsheet.store import search
from broadsheet.store.schema.steps import has_table, insert_names, sqlite, stamp

revision = "s2"
down_revision = "s1"

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5("
    "sha256 UNINDEXED, title, text, names, tokenize='unicode61 remove_diacritics 2')"
)


def upgrade() -> None:
    conn = op.get_bind()
    if not has_table(conn, "entity_names"):
        op.create_table(
            "entity_names",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column(
                "analysis_id",
                sa.Integer,
                sa.ForeignKey("analyses.id", ondelete="CASCADE"),
                nullable=False,
            ),
            sa.Column("entity_id", sa.String(32), nullable=False),
            sa.Column("kind", sa.String(20), nullable=False),
            sa.Column("norm", sa.Text, nullable=False),
        )
        op.create_index("ix_entity_names_norm", "entity_names", ["norm"])
    if not has_table(conn, "corrections"):
        op.create_table(
            "corrections",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("sha256", sa.String(64), nullable=False),
            sa.Column("action", sa.String(20), nullable=False),
            sa.Column("payload", sa.Text, nullable=False),
            sa.Column("active", sa.Boolean, nullable=False),
            sa.Column("created_at", sa.DateTime, nullable=False),
        )
        op.create_index("ix_corrections_sha256", "corrections", ["sha256"])
    if not has_table(conn, "reading_positions"):
        op.create_table(
            "reading_positions",
            sa.Column("sha256", sa.String(64), primary_key=True),
            sa.Column("offset", sa.Integer, nullable=False),
            sa.Column("updated_at", sa.DateTime, nullable=False),
        )
    if not sqlite(conn):
        # A team's library starts at this version's schema: nothing to fill in.
        search.create_postgres(conn)
        stamp(conn, revision)
        return
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
        insert_names(conn, aid, facts)
        ents = facts.get("entities", [])
        names = " ".join(n for e in ents for n in (e["name"], *e.get("aliases", [])))
        conn.execute(text("DELETE FROM document_fts WHERE sha256 = :s"), {"s": sha})
        conn.execute(
            text("INSERT INTO document_fts (sha256, title, text, names) VALUES (:s, :t, :x, :n)"),
            {"s": sha, "t": title, "x": body, "n": names},
        )
    stamp(conn, revision)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
