"""Editor accounts: argon2id hashes only, constant-time checks, and a lockout kept in the database.

A failed login never says which part was wrong, nor whether the account exists or is locked: every refusal
is the same sentence, and an unknown name still pays for one hash check.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from store import audit
from store.db import Store, now, utc
from store.models import EditorModel
from store.records import EditorRow

_HASHER = PasswordHasher()  # argon2id with the library's current parameters
_DUMMY = _HASHER.hash("not a password of anyone")
MIN_PASSWORD = 10
MAX_NAME = 120
REFUSED = ("No se pudo ingresar: el usuario o la contraseña no son correctos, o la cuenta está bloqueada por "
           "demasiados intentos. Vuelva a intentarlo más tarde o pida ayuda a quien administra el tablero.")


class EditorError(ValueError):
    """An editor action refused, in Spanish."""


@dataclass(frozen=True)
class Login:
    ok: bool
    name: str | None = None
    message: str = ""


def clean_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    if not name or len(name) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in name):
        raise EditorError(f"El nombre de usuario debe tener entre 1 y {MAX_NAME} caracteres visibles.")
    return name


def add(store: Store, name: str, password: str, *, by: str) -> EditorRow:
    name = clean_name(name)
    if len(password) < MIN_PASSWORD:
        raise EditorError(f"La contraseña debe tener al menos {MIN_PASSWORD} caracteres.")
    with store.session() as session:
        if session.scalars(select(EditorModel).where(EditorModel.name == name)).first():
            raise EditorError(f"Ya existe un editor llamado «{name}».")
        row = EditorModel(name=name, password_hash=_HASHER.hash(password), active=True, created_at=now(),
                          failures=0, locked_until=None)
        session.add(row)
        audit.log(session, by, audit.EDITOR_ADDED, editor=name)
        session.flush()
        return EditorRow.of(row)


def set_active(store: Store, name: str, active: bool, *, by: str) -> EditorRow:
    """Disable (or enable again) an editor; the account and its history stay."""
    with store.session() as session:
        row = session.scalars(select(EditorModel).where(EditorModel.name == clean_name(name))).first()
        if row is None:
            raise EditorError(f"No existe un editor llamado «{name}».")
        row.active = active
        audit.log(session, by, audit.EDITOR_ENABLED if active else audit.EDITOR_DISABLED, editor=row.name)
        session.flush()
        return EditorRow.of(row)


def listing(store: Store) -> list[EditorRow]:
    with store.session() as session:
        return [EditorRow.of(r) for r in session.scalars(select(EditorModel).order_by(EditorModel.name))]


def _matches(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(store: Store, name: str, password: str) -> Login:
    """Check a login; count failures in a row and lock the account after too many (both are settings)."""
    settings = store.settings
    typed = name.strip()[:MAX_NAME]
    with store.session() as session:
        row = session.scalars(select(EditorModel).where(EditorModel.name == typed)).first()
        if row is None or not row.active:
            _matches(_DUMMY, password)  # the same work as for a real account
            audit.log(session, typed or "?", audit.LOGIN_FAILED, reason="unknown" if row is None else "disabled")
            return Login(False, message=REFUSED)
        moment = now()
        if row.locked_until is not None and utc(row.locked_until) > moment:
            _matches(_DUMMY, password)
            audit.log(session, row.name, audit.LOGIN_FAILED, reason="locked")
            return Login(False, message=REFUSED)
        if _matches(row.password_hash, password):
            row.failures, row.locked_until = 0, None
            audit.log(session, row.name, audit.LOGIN_OK)
            return Login(True, row.name)
        row.failures += 1
        audit.log(session, row.name, audit.LOGIN_FAILED, reason="password", in_a_row=row.failures)
        if row.failures >= settings.login_attempts:
            row.failures = 0
            row.locked_until = moment + timedelta(minutes=settings.lockout_minutes)
            audit.log(session, row.name, audit.LOCKOUT, until=row.locked_until.isoformat())
        return Login(False, message=REFUSED)


def is_active(store: Store, name: str) -> bool:
    """Whether a logged-in editor may still act (an account disabled meanwhile may not)."""
    with store.session() as session:
        row = session.scalars(select(EditorModel).where(EditorModel.name == name)).first()
        return bool(row and row.active)
