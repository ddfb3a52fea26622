"""The store: workbook bytes, uploads, published versions and the publication queue.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("blob_sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=True),
        sa.Column("uploaded_by", sa.String(120), nullable=False),
        sa.Column("uploaded_at", NOW, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("tables", sa.JSON(), nullable=False),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("upload_id", sa.Integer(), sa.ForeignKey("uploads.id"), nullable=False),
        sa.Column("published_by", sa.String(120), nullable=False),
        sa.Column("published_at", NOW, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("restored_from", sa.Integer(), sa.ForeignKey("versions.id"), nullable=True),
        sa.Column("replaces", sa.Integer(), sa.ForeignKey("versions.id"), nullable=True),
        sa.Column("provenance", sa.JSON(), nullable=False),
    )
    op.create_table(
        "publish_lock",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("counter", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(sa.table("publish_lock", sa.column("id"), sa.column("counter")), [{"id": 1, "counter": 0}])


def downgrade() -> None:
    raise NotImplementedError("The store never goes back: nothing published may be lost.")
