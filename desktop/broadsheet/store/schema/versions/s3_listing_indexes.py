"""Schema 2 → 3: each search row's rowid becomes its document's id, so that replacing or
removing a document finds its row through the rowid instead of reading every row (which made
each ``put`` slower as the library grew); an index for deleting an analysis's names; and
covering indexes for listing documents without reading their text or facts.

Revision ID: s3
Revises: s2
"""

from alembic import op

from broadsheet.store.schema.steps import sqlite, stamp

revision = "s3"
down_revision = "s2"

INDEXES = (
    ("ix_entity_names_analysis", "entity_names", ["analysis_id"]),
    ("ix_entity_names_lookup", "entity_names", ["norm", "kind", "analysis_id", "entity_id"]),
    ("ix_documents_listing", "documents", ["added_at", "sha256", "title", "path", "chars"]),
    (
        "ix_analyses_listing",
        "analyses",
        ["document_id", "id", "people", "places", "organisations", "claims"],
    ),
    ("ix_analyses_document", "analyses", ["id", "document_id"]),  # "Also in": analysis → document
)


def upgrade() -> None:
    conn = op.get_bind()
    if sqlite(conn):
        conn.exec_driver_sql(
            "CREATE TEMP TABLE fts_rekey AS SELECT d.id AS id, f.sha256, f.title, f.text, "
            "f.names FROM document_fts f JOIN documents d ON d.sha256 = f.sha256 "
            "WHERE f.rowid IN (SELECT max(rowid) FROM document_fts GROUP BY sha256)"
        )
        conn.exec_driver_sql("DELETE FROM document_fts")
        conn.exec_driver_sql(
            "INSERT INTO document_fts (rowid, sha256, title, text, names) "
            "SELECT id, sha256, title, text, names FROM fts_rekey"
        )
        conn.exec_driver_sql("DROP TABLE fts_rekey")
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, if_not_exists=True)
    stamp(conn, revision)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
