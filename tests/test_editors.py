"""Editor accounts: argon2id hashes, one refusal for every failed login, a lockout that survives a restart,
and the `python -m store editor` command line."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy

from settings import Settings
from store import Store, audit, editors
from store.db import now
from store.editors import REFUSED, EditorError

ROOT = Path(__file__).parents[1]
PASSWORD = "una clave larga 2016"


@pytest.fixture
def ana(db: Store) -> Store:
    editors.add(db, "ana", PASSWORD, by="consola")
    return db


def stored_hash(db: Store, name: str) -> str:
    with db.engine.connect() as connection:
        return connection.execute(sqlalchemy.text("SELECT password_hash FROM editors WHERE name = :n"),
                                  {"n": name}).scalar()


def test_a_password_is_stored_only_as_an_argon2id_hash(ana: Store) -> None:
    hashed = stored_hash(ana, "ana")
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed


def test_the_right_password_logs_in_and_anything_else_gets_one_same_sentence(ana: Store) -> None:
    assert editors.authenticate(ana, "ana", PASSWORD).ok
    assert editors.authenticate(ana, " ana ", PASSWORD).name == "ana"
    wrong = editors.authenticate(ana, "ana", "otra clave cualquiera")
    unknown = editors.authenticate(ana, "nadie", PASSWORD)
    editors.set_active(ana, "ana", False, by="consola")
    disabled = editors.authenticate(ana, "ana", PASSWORD)
    assert [r.ok for r in (wrong, unknown, disabled)] == [False, False, False]
    assert wrong.message == unknown.message == disabled.message == REFUSED
    assert "usuario o la contraseña" in REFUSED


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(ana: Store) -> None:
    for _ in range(5):
        assert not editors.authenticate(ana, "ana", "equivocada!").ok
    locked = editors.authenticate(ana, "ana", PASSWORD)
    assert not locked.ok and locked.message == REFUSED
    assert [e.actor for e in audit.entries(ana, action=audit.LOCKOUT)] == ["ana"]


def test_the_lockout_survives_a_restart_and_ends_after_its_minutes(db_url: str) -> None:
    first = Store(db_url, settings=Settings(login_attempts=3, lockout_minutes=15))
    first.migrate()
    editors.add(first, "ana", PASSWORD, by="consola")
    for _ in range(3):
        editors.authenticate(first, "ana", "equivocada!")
    first.dispose()
    restarted = Store(db_url, settings=Settings(login_attempts=3, lockout_minutes=15))  # another instance
    assert not editors.authenticate(restarted, "ana", PASSWORD).ok
    with restarted.engine.begin() as connection:  # fifteen minutes pass
        connection.execute(sqlalchemy.text("UPDATE editors SET locked_until = :t"),
                           {"t": now() - timedelta(seconds=1)})
    assert editors.authenticate(restarted, "ana", PASSWORD).ok
    restarted.dispose()


def test_a_good_login_clears_the_failures_in_a_row(ana: Store) -> None:
    for _ in range(4):
        editors.authenticate(ana, "ana", "equivocada!")
    assert editors.authenticate(ana, "ana", PASSWORD).ok
    for _ in range(4):
        editors.authenticate(ana, "ana", "equivocada!")
    assert editors.authenticate(ana, "ana", PASSWORD).ok


def test_logins_go_to_the_audit_trail(ana: Store) -> None:
    editors.authenticate(ana, "ana", PASSWORD)
    editors.authenticate(ana, "nadie", PASSWORD)
    editors.set_active(ana, "ana", False, by="consola")
    actions = [(e.actor, e.action) for e in reversed(audit.entries(ana))]
    assert actions == [("consola", audit.EDITOR_ADDED), ("ana", audit.LOGIN_OK), ("nadie", audit.LOGIN_FAILED),
                       ("consola", audit.EDITOR_DISABLED)]


@pytest.mark.parametrize(("name", "password", "fragment"), [
    ("ana", "corta", "al menos 10"),
    ("", PASSWORD, "entre 1 y"),
    ("a\x1b[2Jb", PASSWORD, "entre 1 y"),
])
def test_bad_names_and_short_passwords_are_refused(db: Store, name: str, password: str, fragment: str) -> None:
    with pytest.raises(EditorError, match=fragment):
        editors.add(db, name, password, by="consola")


def test_disabling_keeps_the_account(ana: Store) -> None:
    editors.set_active(ana, "ana", False, by="consola")
    assert [(e.name, e.active) for e in editors.listing(ana)] == [("ana", False)]
    with pytest.raises(EditorError, match="Ya existe"):
        editors.add(ana, "ana", PASSWORD, by="consola")


def cli(db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLAN_DB_URL": db_url}
    return subprocess.run([sys.executable, "-m", "store", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60, check=False)


def test_the_command_line_adds_lists_and_disables_editors(db_url: str) -> None:
    added = cli(db_url, "editor", "add", "ana", "--password-stdin", stdin=PASSWORD + "\n")
    assert (added.returncode, added.stdout.strip()) == (0, "Editor «ana» creado.")
    assert PASSWORD not in added.stdout + added.stderr
    again = cli(db_url, "editor", "add", "ana", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 1 and "Ya existe un editor llamado «ana»" in again.stderr
    short = cli(db_url, "editor", "add", "luis", "--password-stdin", stdin="corta\n")
    assert short.returncode == 1 and "al menos 10 caracteres" in short.stderr
    assert cli(db_url, "editor", "disable", "ana").stdout.strip() == "Editor «ana» desactivado."
    listed = cli(db_url, "editor", "list")
    assert listed.returncode == 0 and listed.stdout.startswith("ana\tdesactivado\tcreado el ")
    unknown = cli(db_url, "editor", "disable", "nadie")
    assert unknown.returncode == 1 and "No existe un editor llamado «nadie»" in unknown.stderr
    store = Store(db_url, settings=Settings())
    assert editors.authenticate(store, "ana", PASSWORD).message == REFUSED
    store.dispose()


def test_the_command_line_speaks_spanish_when_used_wrongly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    missing = cli(url, "editor", "add", "ana")
    assert missing.returncode == 2
    assert "Uso incorrecto: faltan los argumentos: --password-stdin" in missing.stderr
    helped = cli(url, "editor", "add", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("Uso: python -m store editor add")
    assert "usage" not in helped.stdout and "show this help" not in helped.stdout
