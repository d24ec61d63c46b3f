"""Schema 1: documents, their analyses, recent files.

Revision ID: s1
"""

import sqlalchemy as sa
from alembic import op

from broadsheet.store.schema.steps import stamp

revision = "s1"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"], unique=True)
    op.create_table(
        "recent_files",
        sa.Column("path", sa.Text, primary_key=True),
        sa.Column("opened_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "analyses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("pipeline", sa.String(200), nullable=False),
        sa.Column("facts_json", sa.Text, nullable=False),
        sa.Column("people", sa.Integer, nullable=False),
        sa.Column("places", sa.Integer, nullable=False),
        sa.Column("organisations", sa.Integer, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "pipeline"),
    )
    stamp(op.get_bind(), revision)


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
