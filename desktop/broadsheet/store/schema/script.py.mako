"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""

from alembic import op

from broadsheet.store.schema.steps import stamp

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}
    stamp(op.get_bind(), ${repr(up_revision)})


def downgrade() -> None:
    raise NotImplementedError("a library is never downgraded")
