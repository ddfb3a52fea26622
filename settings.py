"""Every tunable of the project in one place: default, environment variable, help text.

Each field of `Settings` reads `PLAN_<NAME>` from the environment, parsed by its type: a bad value stops the
start with a sentence naming the variable, and booleans read «true/false», «sí/no», «1/0».
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import get_type_hints

_TRUE = frozenset({"1", "true", "yes", "on", "si", "sí", "verdadero"})
_FALSE = frozenset({"0", "false", "no", "off", "falso"})


class SettingError(ValueError):
    """A `PLAN_*` variable holds a value its setting cannot take."""


def parse(kind: type, raw: str, variable: str) -> object:
    """The value of `variable` as `kind` (bool, int, float or str)."""
    text = raw.strip()
    if kind is bool:
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise SettingError(f"{variable}={raw!r}: se esperaba un sí o un no (true/false, 1/0).")
    if kind in (int, float):
        try:
            return kind(text.replace(",", "")) if kind is float else int(text.replace(",", ""))
        except ValueError:
            expected = "un número entero" if kind is int else "un número"
            raise SettingError(f"{variable}={raw!r}: se esperaba {expected}.") from None
    return raw


@dataclass(frozen=True)
class Settings:
    """Limits and defaults; each field reads `PLAN_<NAME>` from the environment when set."""

    max_file_mb: float = field(
        default=20.0, metadata={"help": "Largest workbook accepted, in MB (compressed file size)."}
    )
    max_inflated_mb: float = field(
        default=300.0, metadata={"help": "Largest total size of the workbook's parts once inflated, in MB."}
    )
    max_ratio: float = field(
        default=120.0,
        metadata={"help": "Largest inflated/compressed ratio of one part above 5 MB (zip bomb guard)."},
    )
    max_parts: int = field(default=2000, metadata={"help": "Largest number of parts inside the xlsx zip."})
    max_cells: int = field(
        default=5_000_000,
        metadata={"help": "Most cells one sheet may span (rows × columns up to its farthest cell or merge)."},
    )
    max_filled_cells: int = field(
        default=1_000_000,
        metadata={"help": "Most cells a whole workbook may hold (cells written in its sheets, empty or not)."},
    )
    max_columns: int = field(
        default=2_000, metadata={"help": "Most columns a whole workbook may span (the widths of its sheets added)."}
    )
    max_sheets: int = field(default=100, metadata={"help": "Most sheets a workbook may hold."})
    date_window_years: int = field(
        default=20,
        metadata={"help": "Dates more than this many years from the plan year are warned about and dropped."},
    )
    parse_workers: int = field(
        default=2,
        metadata={"help": "Worker processes kept ready to read workbooks (each reads one, then is replaced)."},
    )
    parse_memory_mb: int = field(
        default=3072, metadata={"help": "Address space a workbook reader may use, in MB; beyond it the read stops."}
    )
    parse_seconds: float = field(
        default=30.0, metadata={"help": "Seconds a workbook reader may take; beyond them the read stops."}
    )
    max_issues_per_code: int = field(
        default=50, metadata={"help": "Issues of one kind listed one by one; the rest are counted."}
    )

    workbook: str = field(
        default="",
        metadata={"help": "Workbook published as version 1 when the database is new (path to an .xlsx); empty = "
                          "the bundled 2016 plan."},
    )
    db_url: str = field(
        default="",
        metadata={"help": "SQLAlchemy URL of the version store; empty = an SQLite file in var/plan.db. Several "
                          "instances share one PostgreSQL: postgresql+psycopg://user:pass@host/db."},
    )
    login_attempts: int = field(
        default=5, metadata={"help": "Wrong passwords in a row that lock an editor account."}
    )
    lockout_minutes: int = field(
        default=15, metadata={"help": "Minutes an editor account stays locked after too many wrong passwords."}
    )
    editor_emails: str = field(
        default="",
        metadata={"help": "With OIDC sign-in configured: e-mails allowed to edit and their editor names, as "
                          "«ana@opamss.org.sv=ana, luis@opamss.org.sv=luis»."},
    )

    @classmethod
    def variable(cls, name: str) -> str:
        return f"PLAN_{name.upper()}"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        types = get_type_hints(cls)
        values = {}
        for f in fields(cls):
            raw = environ.get(cls.variable(f.name))
            if raw not in (None, ""):
                values[f.name] = parse(types[f.name], raw, cls.variable(f.name))
        return cls(**values)


def get_settings() -> Settings:
    return Settings.from_env()
