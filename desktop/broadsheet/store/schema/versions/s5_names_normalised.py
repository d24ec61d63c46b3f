"""Schema 4 → 5: names are normalised as mentions are grouped within a document (hyphens as
spaces, no periods), so that "Also in" finds "Kim Jong-un" from "Kim Jong Un". Each analysis's
names are made again from its facts, as ``put`` makes them.

Revision ID: s5
Revises: s4
"""

from alembic import op
from sqlalchemy import text

from broadsheet.store.schema.steps import analyses_in_batches, insert_names, stamp

revision = "s5"
down_revision = "s4"


def upgrade() -> None:
    conn = op.get_bind()
    named = "AND id IN (SELECT analysis_id FROM entity_names)"
    for aid, facts in analyses_in_batches(conn, named):
        conn.execute(text("DELETE FROM entity_names WHERE analysis_id = :a"), {"a": aid})
        insert_names(conn, aid, facts)
    stamp(conn, revision)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
