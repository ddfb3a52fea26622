"""Uploads and published versions. Publishing is an event: the published version is the latest one.

Every publication first updates the one row of `publish_lock`, so two editors publishing at the same moment
queue on it (a row lock on PostgreSQL, the write lock on SQLite): both get a version, numbered in the order
they happened, and each composes over the version really published before it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store import audit
from store.db import Store, now
from store.models import Blob, PublishLock, UploadRow, VersionRow
from store.records import REFUSED, RESTORE, SEED, UPLOAD, WITH_ERRORS, Upload, Version


class StoreError(ValueError):
    """An action the store refuses, in a Spanish sentence a clerk can act on."""


def save_upload(store: Store, data: bytes, filename: str, by: str, *, status: str, report: dict[str, Any],
                tables: dict[str, int]) -> Upload:
    """Keep a readable workbook: its bytes (once per content), name, size, sha256, who, when and its report."""
    sha256 = hashlib.sha256(data).hexdigest()
    with store.session() as session:
        if session.get(Blob, sha256) is None:
            session.add(Blob(sha256=sha256, content=data))
        row = UploadRow(filename=filename, size=len(data), sha256=sha256, blob_sha256=sha256, uploaded_by=by,
                        uploaded_at=now(), status=status, reason=None, report=report, tables=tables)
        session.add(row)
        session.flush()
        audit.log(session, by, audit.UPLOAD, upload=row.id, filename=filename, sha256=sha256, status=status)
        return Upload.of(row)


def record_refusal(store: Store, filename: str, size: int, sha256: str, by: str, reason: str) -> Upload:
    """Remember a refused file (hostile or unreadable): who, what and why, but never its bytes."""
    with store.session() as session:
        row = UploadRow(filename=filename, size=size, sha256=sha256, blob_sha256=None, uploaded_by=by,
                        uploaded_at=now(), status=REFUSED, reason=reason, report={}, tables={})
        session.add(row)
        session.flush()
        audit.log(session, by, audit.REFUSAL, upload=row.id, filename=filename, sha256=sha256, reason=reason)
        return Upload.of(row)


LATEST = select(VersionRow).order_by(VersionRow.id.desc()).limit(1)  # the published version: one indexed query


def _queue(session: Session) -> VersionRow | None:
    """Wait for our turn to publish, then return the version published now (None before the first)."""
    session.execute(update(PublishLock).where(PublishLock.id == 1).values(counter=PublishLock.counter + 1))
    return session.scalars(LATEST).first()


def publish(store: Store, upload_id: int, by: str, note: str = "", *, origin: str = UPLOAD,
            only_if_empty: bool = False) -> Version | None:
    """Publish an upload. Tables it lacks come from the version it replaces (`provenance` says which).

    A workbook with errors is refused, except the seed (the server's own workbook, shown as it is).
    With `only_if_empty`, nothing happens when a version exists (two instances seeding at once).
    """
    with store.session() as session:
        base = _queue(session)
        if only_if_empty and base is not None:
            return None
        upload = session.get(UploadRow, upload_id)
        if upload is None or upload.status == REFUSED:
            raise StoreError("Ese archivo no se puede publicar: fue rechazado o no existe.")
        if upload.status == WITH_ERRORS and origin != SEED:
            raise StoreError("El libro tiene errores: corríjalos y vuelva a subirlo antes de publicarlo.")
        row = VersionRow(upload_id=upload_id, published_by=by, published_at=now(), note=note, origin=origin,
                         restored_from=None, replaces=base.id if base else None, provenance={})
        session.add(row)
        session.flush()
        provenance = dict(base.provenance) if base else {}
        provenance.update(dict.fromkeys(upload.tables, row.id))
        row.provenance = provenance
        audit.log(session, by, audit.PUBLISH, version=row.id, upload=upload_id, origin=origin, note=note)
        session.flush()
        return Version.of(row)


def restore(store: Store, number: int, by: str, note: str = "") -> Version:
    """Publish an older version again, as a new version with the same content: nothing is overwritten."""
    with store.session() as session:
        base = _queue(session)
        old = session.get(VersionRow, number)
        if old is None:
            raise StoreError(f"No existe la versión {number}.")
        row = VersionRow(upload_id=old.upload_id, published_by=by, published_at=now(), note=note, origin=RESTORE,
                         restored_from=old.id, replaces=base.id if base else None, provenance=dict(old.provenance))
        session.add(row)
        session.flush()
        audit.log(session, by, audit.RESTORE, version=row.id, restored_from=old.id, note=note)
        return Version.of(row)


def published(store: Store) -> Version | None:
    """The version everyone sees: the latest publication (one indexed query, asked on every rerun)."""
    with store.session() as session:
        row = session.scalars(LATEST).first()
        return None if row is None else Version.of(row)


def version(store: Store, number: int) -> Version | None:
    with store.session() as session:
        row = session.get(VersionRow, number)
        return None if row is None else Version.of(row)


def history(store: Store) -> list[Version]:
    """Every version, the latest first."""
    with store.session() as session:
        return [Version.of(r) for r in session.scalars(select(VersionRow).order_by(VersionRow.id.desc()))]


def uploads(store: Store, ids: set[int] | None = None) -> dict[int, Upload]:
    """Uploads by id (all of them when `ids` is None), refused ones included."""
    query = select(UploadRow)
    if ids is not None:
        query = query.where(UploadRow.id.in_(ids))
    with store.session() as session:
        return {row.id: Upload.of(row) for row in session.scalars(query)}


def content(store: Store, upload_id: int) -> bytes:
    """The bytes of an upload, exactly as handed in."""
    with store.session() as session:
        row = session.get(UploadRow, upload_id)
        if row is None or row.blob_sha256 is None:
            raise StoreError("Ese archivo no se guardó: fue rechazado o no existe.")
        return session.get(Blob, row.blob_sha256).content


def sources(store: Store, shown: Version) -> dict[str, Version]:
    """For each table of a version, the version whose upload supplied it."""
    numbers = set(shown.provenance.values())
    with store.session() as session:
        rows = {r.id: Version.of(r) for r in session.scalars(select(VersionRow).where(VersionRow.id.in_(numbers)))}
    return {table: rows[n] for table, n in shown.provenance.items()}
