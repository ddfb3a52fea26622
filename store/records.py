"""What the store hands out: frozen copies of its rows, never ORM objects (nothing leaks a session)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, TypeVar

from store.db import utc
from store.models import AuditRow, EditorModel, UploadRow, VersionRow

VALID, WITH_ERRORS, REFUSED = "valido", "con_errores", "rechazado"
SEED, UPLOAD, RESTORE = "seed", "upload", "restore"
SYSTEM = "sistema"  # who publishes the bundled workbook on the first run

R = TypeVar("R")


def copy(cls: type[R], row: object, **given: Any) -> R:
    """A frozen record of a row: each field from the column of the same name (moments as UTC), unless given."""
    values = {}
    for f in fields(cls):
        if f.name not in given:
            value = getattr(row, f.name)
            values[f.name] = utc(value) if isinstance(value, datetime) else value
    return cls(**values, **given)


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
        return copy(cls, row, tables=dict(row.tables))


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
        return copy(cls, row, number=row.id, provenance={k: int(v) for k, v in row.provenance.items()})


@dataclass(frozen=True)
class EditorRow:
    name: str
    active: bool
    created_at: datetime
    locked_until: datetime | None

    @classmethod
    def of(cls, row: EditorModel) -> EditorRow:
        return copy(cls, row)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    detail: dict[str, Any]

    @classmethod
    def of(cls, row: AuditRow) -> AuditEntry:
        return copy(cls, row, detail=dict(row.detail))
