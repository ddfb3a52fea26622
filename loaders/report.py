"""What a load says: the JSON document of the CLI and a readable Spanish report (figures from domain.summary)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd

from domain.fmt import count, money
from domain.issues import Issue, Omitted, Severity, omitted
from domain.plan import LoadResult
from domain.schema import OWN_FUNDS_LABEL, TABLE_LABELS
from domain.summary import summarise
from domain.summary import to_json as summary_json
from loaders.guard import UnreadableWorkbook


def _json_value(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def to_json(result: LoadResult, *, rows: bool = True) -> dict[str, Any]:
    """The CLI's JSON document (data contract, section 6), plus true counts and the issues not listed.

    `errors` and `warnings` hold real issues only; `omitted` says, per code, how many more were found
    beyond the listing cap, and `counts` gives the true totals. Without `rows` (the report the store keeps
    with each upload, whose bytes it keeps too) the tables are left out.
    """
    document = {
        "ok": result.ok,
        "anio": result.anio,
        "errors": [i.to_json() for i in result.errors],
        "warnings": [i.to_json() for i in result.warnings],
        "summary": summary_json(summarise(result)),
        "counts": {"errors": result.error_count, "warnings": result.warning_count},
        "omitted": [o.to_json() for o in result.omitted],
    }
    if rows:
        document["tables"] = {
            name: [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
            for name, frame in result.tables.items()
        }
    return document


def unreadable_json(error: UnreadableWorkbook) -> dict[str, Any]:
    """The JSON document for a file that is not a workbook at all (exit status 2)."""
    return {"ok": False, "anio": None, "errors": [error.issue.to_json()], "warnings": [],
            "summary": summary_json(summarise(LoadResult())), "tables": {}, "counts": {"errors": 1, "warnings": 0},
            "omitted": []}


# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that reorder what a
# terminal shows: a cell or a file name must not clear the screen, retitle the window, add links or hide lines.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """The report as plain text for a terminal: every control character and escape sequence removed."""
    return _CONTROL.sub("", text)


def unreadable_text(error: UnreadableWorkbook, name: str) -> str:
    return f"Libro: {name}\nNo se puede leer como libro de Excel: {error.issue.message}"


def _line(issue: Issue) -> str:
    place = issue.place.words()
    return f"  - {place}: {issue.message}" if place else f"  - {issue.message}"


def _omitted_line(item: Omitted) -> str:
    return f"  … y {omitted(item)} ({item.code}): corrija las anteriores y vuelva a validar."


def _section(result: LoadResult, severity: Severity) -> list[str]:
    _, plural, none = severity.nouns
    listed = result.errors if severity is Severity.ERROR else result.warnings
    total = result.count(severity)
    title = plural.capitalize()
    if not total:
        return [f"{title}: {none}."]
    head = f"{title} ({total:,}):" if total == len(listed) else f"{title} ({total:,}; se listan {len(listed):,}):"
    return [head, *(_line(i) for i in listed),
            *(_omitted_line(o) for o in result.omitted if o.severity is severity)]


def verdict(result: LoadResult) -> str:
    """'se puede cargar (0 errores, 1 advertencia)': the true counts, the capped issues included."""
    word = "se puede cargar" if result.ok else "NO se puede cargar: corrija los errores"
    return f"{word} ({Severity.ERROR.quantity(result.error_count)}, {Severity.WARNING.quantity(result.warning_count)})"


def text_report(result: LoadResult, name: str) -> str:
    """A readable Spanish report: summary, then errors, then warnings, each with its place."""
    s = summarise(result)
    lines = [f"Libro: {name}", f"Resultado: {verdict(result)}.", f"Año del plan: {result.anio or 'no encontrado'}",
             "", "Resumen:"]
    found = ", ".join(f"{TABLE_LABELS[k]} ({count(len(v), 'fila', 'filas')})" for k, v in result.tables.items())
    lines.append(f"  Tablas encontradas: {found or 'ninguna'}")
    for value, label in ((s.ingresos_total, "Total ingresos"), (s.egresos_total, "Total egresos"),
                         (s.donaciones_total, "Donaciones")):
        if value is not None:
            lines.append(f"  {label}: {money(value)}")
    if s.fondos_propios is not None:
        how = " (calculado: presupuesto menos donaciones; el libro no lo declara)" if s.fondos_propios.derived else ""
        lines.append(f"  {OWN_FUNDS_LABEL}: {money(s.fondos_propios.amount)}{how}")
    if s.personal_total is not None:
        tiers = ", ".join(f"{n} {p}" for n, p in s.personal_por_nivel.items())
        lines.append(f"  Personal: {count(s.personal_total, 'plaza', 'plazas')} ({tiers})")
    if s.actividades:
        lines.append(f"  Actividades: {s.actividades:,} en {count(s.areas, 'área', 'áreas')}")
    for severity in (Severity.ERROR, Severity.WARNING):
        lines.append("")
        lines.extend(_section(result, severity))
    return "\n".join(lines)
