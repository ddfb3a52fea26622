"""The tables, as typed SQLAlchemy 2 models. Alembic's revisions (store/migrations) create them; a test checks
that the latest revision and these models agree.

Nothing is ever deleted: an upload, a version, an editor and an audit entry only ever gain rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {datetime: DateTime(timezone=True), dict[str, Any]: JSON, str: Text}


class Blob(Base):
    """A workbook's bytes, once per content: two uploads of the same file share them."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class UploadRow(Base):
    """One file a clerk handed in: readable or refused. A refused file keeps no bytes (blob_sha256 is null)."""

    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str]
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    blob_sha256: Mapped[str | None] = mapped_column(String(64), ForeignKey("blobs.sha256"))
    uploaded_by: Mapped[str] = mapped_column(String(120))
    uploaded_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20))  # valido | con_errores | rechazado
    reason: Mapped[str | None]  # why a refused file was refused
    report: Mapped[dict[str, Any]]  # the loaders' JSON, without the table rows
    tables: Mapped[dict[str, Any]]  # {table: rows} of the canonical tables the workbook holds


class VersionRow(Base):
    """A publication: the plan everyone sees from `published_at` until the next one. Its id is its number.

    `provenance` maps each table to the version whose upload supplied it, so a partial workbook publishes
    over the version it replaces, and a restore copies the restored version's provenance.
    """

    __tablename__ = "versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"))
    published_by: Mapped[str] = mapped_column(String(120))
    published_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(default="")
    origin: Mapped[str] = mapped_column(String(20))  # seed | upload | restore
    restored_from: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))
    replaces: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))
    provenance: Mapped[dict[str, Any]]


class PublishLock(Base):
    """One row that every publication updates first: publications queue on it, on SQLite and on PostgreSQL,
    so each one composes over the version really published before it."""

    __tablename__ = "publish_lock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter: Mapped[int] = mapped_column(BigInteger, default=0)


class EditorModel(Base):
    """Someone who may upload, publish and restore. Disabled, never deleted."""

    __tablename__ = "editors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    failures: Mapped[int] = mapped_column(Integer, default=0)  # wrong passwords in a row
    locked_until: Mapped[datetime | None]


class AuditRow(Base):
    """Every action: login ok or failed, lockout, upload, refusal, publish, restore, editor added or disabled."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[dict[str, Any]]
