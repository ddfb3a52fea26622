"""The audit trail: one row per action, written in the same transaction as the action itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import Store, now
from store.models import AuditRow
from store.records import AuditEntry

LOGIN_OK, LOGIN_FAILED, LOCKOUT = "login_ok", "login_failed", "lockout"
UPLOAD, REFUSAL, PUBLISH, RESTORE = "upload", "refusal", "publish", "restore"
EDITOR_ADDED, EDITOR_DISABLED, EDITOR_ENABLED = "editor_added", "editor_disabled", "editor_enabled"


def log(session: Session, actor: str, action: str, **detail: Any) -> None:
    session.add(AuditRow(at=now(), actor=actor, action=action, detail=detail))


def entries(store: Store, *, action: str | None = None, limit: int = 500) -> list[AuditEntry]:
    """The latest entries first."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if action:
        query = query.where(AuditRow.action == action)
    with store.session() as session:
        return [AuditEntry.of(row) for row in session.scalars(query)]
