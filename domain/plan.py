"""A plan as read from a workbook: its canonical tables, its metadata and every issue found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from domain.issues import Issue, Omitted, Severity
from domain.schema import DEFAULT_RANGOS


@dataclass
class LoadResult:
    """Canonical tables found in a workbook, its metadata and every issue, collected at once.

    `errors` and `warnings` list real issues only (at most a capped number per code); `omitted` counts,
    per code, the ones found beyond that cap, so that every count shown is the true one.
    """

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    anio: int | None = None
    titulo: str | None = None
    rangos: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_RANGOS))
    notas: dict[str, str] = field(default_factory=dict)
    actividades_ilustrativas: bool = False
    personal_derivado: bool = False
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    omitted: list[Omitted] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, issue: Issue) -> None:
        (self.errors if issue.is_error else self.warnings).append(issue)

    def count(self, severity: Severity) -> int:
        """The true number of issues of a severity: those listed plus those counted beyond the cap."""
        listed = self.errors if severity is Severity.ERROR else self.warnings
        return len(listed) + sum(o.count for o in self.omitted if o.severity is severity)

    @property
    def error_count(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return self.count(Severity.WARNING)

    def incomplete(self) -> dict[str, int]:
        """Tables that errors make incomplete (a line or an activity left out), with how many errors each."""
        out: dict[str, int] = {}
        for item in self.errors:
            if item.table:
                out[item.table] = out.get(item.table, 0) + 1
        for item in self.omitted:
            table = next((e.table for e in self.errors if e.code == item.code and e.table), None)
            if table:
                out[table] += item.count
        return out
