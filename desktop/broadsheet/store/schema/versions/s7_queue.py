"""Schema 6 → 7: documents waiting for a team's workers (``pending``): each one's text, path,
title and metadata as read, and the lease of the worker analysing it.

Revision ID: s7
Revises: s6
"""

import sqlalchemy as sa
from alembic import op

from broadsheet.store.schema.steps import has_table, stamp

revision = "s7"
down_revision = "s6"


def upgrade() -> None:
    conn = op.get_bind()
    if not has_table(conn, "pending"):
        op.create_table(
            "pending",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("sha256", sa.String(64), nullable=False, unique=True),
            sa.Column("path", sa.Text, nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("chars", sa.Integer, nullable=False),
            sa.Column("article_json", sa.Text, nullable=False),
            sa.Column("added_at", sa.DateTime, nullable=False),
            sa.Column("leased_until", sa.DateTime, nullable=True),
            sa.Column("worker", sa.Text, nullable=False),
            sa.Column("attempts", sa.Integer, nullable=False),
            sa.Column("error", sa.Text, nullable=False),
        )
        op.create_index("ix_pending_queue", "pending", ["error", "leased_until", "id"])
    stamp(conn, revision)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
