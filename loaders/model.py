"""The loaders' vocabulary: canonical tables, issues, and the result of loading a workbook."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

# Canonical tables: declared once, every other module refers to these names.
COLUMNS: dict[str, tuple[str, ...]] = {
    "ingresos": ("clasificacion", "monto"),
    "egresos": ("clasificacion", "monto"),
    "donaciones": ("donante", "importe", "fecha_finalizacion"),
    "personal": ("nivel", "unidad", "plazas"),
    "actividades": (
        "area",
        "objetivo_estrategico",
        "objetivo_especifico",
        "resultado",
        "indicador",
        "fuente_verificacion",
        "actividad",
        "tiempo",
        "inicio",
        "fin",
        "responsable",
        "fuente_financiamiento",
        "riesgo",
    ),
    "totales_declarados": ("concepto", "monto"),
}
TABLES: tuple[str, ...] = tuple(COLUMNS)
# Tables a plan is expected to hold; totales_declarados is derived from them.
EXPECTED_TABLES: tuple[str, ...] = ("ingresos", "egresos", "donaciones", "personal", "actividades")
TABLE_LABELS: dict[str, str] = {
    "ingresos": "Ingresos",
    "egresos": "Egresos",
    "donaciones": "Donaciones",
    "personal": "Personal",
    "actividades": "Actividades (POA)",
    "totales_declarados": "Totales declarados",
}

NIVELES: tuple[str, ...] = ("directivo", "apoyo", "asesor", "operativo")
# Share of total staff per tier (section 5 of the plan); directivo has no range.
DEFAULT_RANGOS: dict[str, tuple[float, float]] = {
    "apoyo": (20.0, 25.0),
    "asesor": (10.0, 15.0),
    "operativo": (55.0, 65.0),
}

# Keys of totales_declarados.concepto.
TOTAL_INGRESOS = "total_ingresos"
TOTAL_EGRESOS = "total_egresos"
TOTAL_DONACIONES = "total_donaciones"
FONDOS_PROPIOS = "fondos_propios"
TOTAL_GENERAL = "total_general"
CONCEPTO_LABELS: dict[str, str] = {
    TOTAL_INGRESOS: "Total Ingresos",
    TOTAL_EGRESOS: "Total Egresos",
    TOTAL_DONACIONES: "Total donaciones",
    FONDOS_PROPIOS: "Fondos propios OPAMSS",
    TOTAL_GENERAL: "Total general",
}


@dataclass(frozen=True)
class Issue:
    """One problem found in a workbook, located in spreadsheet coordinates."""

    code: str
    message: str
    sheet: str | None = None
    row: int | None = None  # Excel row, 1-based
    column: str | None = None  # "Tiempo (E)": header label and column letter
    severity: str = "error"  # "error" | "warning"

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message}

    def place(self) -> str:
        """Where the issue is, in words: 'hoja POA, fila 12, columna Tiempo (E)'."""
        parts = []
        if self.sheet:
            parts.append(f"hoja «{self.sheet}»")
        if self.row is not None:
            parts.append(f"fila {self.row}")
        if self.column:
            parts.append(f"columna {self.column}")
        return ", ".join(parts)


class Issues:
    """Collects issues, keeping the first `limit` of each code and counting the rest.

    A 100,000-row sheet with the same mistake on every row must not build 100,000 messages: callers
    pass rows and a message factory, which runs only for the rows that will be listed.
    """

    def __init__(self, limit: int = 50) -> None:
        self.limit = limit
        self.items: list[Issue] = []
        self.counts: dict[str, int] = {}
        self._severity: dict[str, str] = {}

    def add(self, issue: Issue) -> None:
        count = self.counts.get(issue.code, 0) + 1
        self.counts[issue.code] = count
        self._severity[issue.code] = issue.severity
        if count <= self.limit:
            self.items.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        for issue in issues:
            self.add(issue)

    def add_rows(self, code: str, rows: Sequence[Any], make: Callable[[Any], Issue]) -> None:
        """One issue per row, built only for the rows that will be listed."""
        if not len(rows):
            return
        room = max(0, self.limit - self.counts.get(code, 0))
        for row in list(rows[:room]):
            self.add(make(row))
        extra = len(rows) - min(room, len(rows))
        if extra:
            self.counts[code] = self.counts.get(code, 0) + extra
            self._severity.setdefault(code, make(rows[0]).severity)

    def final(self) -> list[Issue]:
        """The listed issues plus one line per code saying how many more there were."""
        out = list(self.items)
        for code, count in self.counts.items():
            if count > self.limit:
                out.append(Issue(code=code, severity=self._severity[code],
                                 message=f"… y {count - self.limit:,} problemas más del mismo tipo ({code}); "
                                 "corrija los anteriores y vuelva a validar."))
        return out


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook at all (exit status 2): carries one issue saying why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.issue = Issue(code=code, message=message, severity="error")


@dataclass
class LoadResult:
    """Canonical tables found in a workbook, its metadata and every issue, collected at once."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    anio: int | None = None
    titulo: str | None = None
    rangos: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_RANGOS))
    notas: dict[str, str] = field(default_factory=dict)
    actividades_ilustrativas: bool = False
    personal_derivado: bool = False
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, issue: Issue) -> None:
        (self.errors if issue.severity == "error" else self.warnings).append(issue)
