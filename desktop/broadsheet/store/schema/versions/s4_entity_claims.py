"""Schema 3 → 4: each analysis's entities with their names and claims (``entity_claims``), so
that "Also in" no longer reads whole facts JSONs. The index on entity names alone goes: the
lookup index starts with the name, and each index costs every ``put`` time and space.

Revision ID: s4
Revises: s3
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

from broadsheet.store.models import entity_claims
from broadsheet.store.schema.steps import analyses_in_batches, has_table, stamp

revision = "s4"
down_revision = "s3"


def upgrade() -> None:
    conn = op.get_bind()
    if not has_table(conn, "entity_claims"):
        op.create_table(
            "entity_claims",
            sa.Column(
                "analysis_id",
                sa.Integer,
                sa.ForeignKey("analyses.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("entity_id", sa.String(32), primary_key=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("claims", sa.Text, nullable=False),
        )
    op.execute("DROP INDEX IF EXISTS ix_entity_names_norm")
    for aid, facts in analyses_in_batches(conn):
        rows = [{"a": aid, **e} for e in entity_claims(facts)]
        # A library stamped back to an older version may have them: made again.
        conn.execute(text("DELETE FROM entity_claims WHERE analysis_id = :a"), {"a": aid})
        if rows:
            conn.execute(
                text(
                    "INSERT INTO entity_claims (analysis_id, entity_id, name, claims) "
                    "VALUES (:a, :entity_id, :name, :claims)"
                ),
                rows,
            )
    stamp(conn, revision)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
