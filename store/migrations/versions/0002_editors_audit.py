"""Editors (who may publish) and the audit trail of every action.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "editors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", NOW, nullable=True),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", NOW, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False, index=True),
        sa.Column("detail", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("The store never goes back: the audit trail is never dropped.")
