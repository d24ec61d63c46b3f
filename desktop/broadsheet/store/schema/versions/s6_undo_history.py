"""Schema 5 → 6: the undo history outlives the session (``corrections.undoable``). What was
active is in it, to undo after the upgrade; what was undone before is left out, since whether
it could still be redone was not kept.

Revision ID: s6
Revises: s5
"""

import sqlalchemy as sa
from alembic import op

from broadsheet.store.schema.steps import has_column, stamp

revision = "s6"
down_revision = "s5"


def upgrade() -> None:
    conn = op.get_bind()
    if not has_column(conn, "corrections", "undoable"):
        with op.batch_alter_table("corrections") as batch:  # SQLite: batch mode
            batch.add_column(
                sa.Column("undoable", sa.Boolean, nullable=False, server_default=sa.false())
            )
    op.execute("UPDATE corrections SET undoable = active")
    stamp(conn, revision)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
