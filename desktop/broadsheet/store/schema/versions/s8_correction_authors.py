"""Schema 7 → 8: who made each correction (``corrections.author``), for a team's Corrections
view. The corrections made before are nobody's in particular: "".

Revision ID: s8
Revises: s7
"""

import sqlalchemy as sa
from alembic import op

from broadsheet.store.schema.steps import has_column, stamp

revision = "s8"
down_revision = "s7"


def upgrade() -> None:
    conn = op.get_bind()
    if not has_column(conn, "corrections", "author"):
        with op.batch_alter_table("corrections") as batch:  # SQLite: batch mode
            batch.add_column(sa.Column("author", sa.String(128), nullable=False, server_default=""))
    stamp(conn, revision)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
