"""What the store hands out: frozen copies of its rows, never ORM objects (nothing leaks a session)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from store.db import utc
from store.models import AuditRow, EditorModel, UploadRow, VersionRow

VALID, WITH_ERRORS, REFUSED = "valido", "con_errores", "rechazado"
SEED, UPLOAD, RESTORE = "seed", "upload", "restore"
SYSTEM = "sistema"  # who publishes the bundled workbook on the first run


@dataclass(frozen=True)
class Upload:
    id: int
    filename: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime
    status: str
    reason: str | None
    report: dict[str, Any]
    tables: dict[str, int]

    @property
    def kept(self) -> bool:
        """Whether its bytes are kept (a refused file's are not)."""
        return self.status != REFUSED

    @classmethod
    def of(cls, row: UploadRow) -> Upload:
        return cls(id=row.id, filename=row.filename, size=row.size, sha256=row.sha256, uploaded_by=row.uploaded_by,
                   uploaded_at=utc(row.uploaded_at), status=row.status, reason=row.reason, report=row.report,
                   tables=dict(row.tables))


@dataclass(frozen=True)
class Version:
    """A published version; `number` is what people call it ("versión 3")."""

    number: int
    upload_id: int
    published_by: str
    published_at: datetime
    note: str
    origin: str
    restored_from: int | None
    replaces: int | None
    provenance: dict[str, int]

    @classmethod
    def of(cls, row: VersionRow) -> Version:
        return cls(number=row.id, upload_id=row.upload_id, published_by=row.published_by,
                   published_at=utc(row.published_at), note=row.note, origin=row.origin,
                   restored_from=row.restored_from, replaces=row.replaces,
                   provenance={k: int(v) for k, v in row.provenance.items()})


@dataclass(frozen=True)
class EditorRow:
    name: str
    active: bool
    created_at: datetime
    locked_until: datetime | None

    @classmethod
    def of(cls, row: EditorModel) -> EditorRow:
        return cls(name=row.name, active=row.active, created_at=utc(row.created_at),
                   locked_until=utc(row.locked_until))


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    detail: dict[str, Any]

    @classmethod
    def of(cls, row: AuditRow) -> AuditEntry:
        return cls(id=row.id, at=utc(row.at), actor=row.actor, action=row.action, detail=dict(row.detail))
