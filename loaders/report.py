"""What a load says: the summary figures, the JSON document of the CLI, and a readable Spanish report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from loaders.checks import exact_sum, money, stated_totals
from loaders.model import FONDOS_PROPIOS, NIVELES, TABLE_LABELS, Issue, LoadResult, UnreadableWorkbook


def _cents(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def summary(result: LoadResult) -> dict[str, Any]:
    """The headline figures, exact to the cent (sums of Decimal cents, then one float)."""
    tables = result.tables
    own = stated_totals(tables).get(FONDOS_PROPIOS)
    personal = tables.get("personal")
    by_tier = (
        {n: int(personal.loc[personal["nivel"] == n, "plazas"].sum()) for n in NIVELES
         if (personal["nivel"] == n).any()}
        if personal is not None else {}
    )
    actividades = tables.get("actividades")
    return {
        "ingresos_total": _cents(exact_sum(tables.get("ingresos"), "monto")),
        "egresos_total": _cents(exact_sum(tables.get("egresos"), "monto")),
        "donaciones_total": _cents(exact_sum(tables.get("donaciones"), "importe")),
        "fondos_propios": _cents(own),
        "personal_total": int(personal["plazas"].sum()) if personal is not None else None,
        "personal_por_nivel": by_tier,
        "actividades": len(actividades) if actividades is not None else 0,
        "areas": int(actividades["area"].nunique()) if actividades is not None else 0,
    }


def _json_value(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def to_json(result: LoadResult) -> dict[str, Any]:
    """The CLI's JSON document (data contract, section 6)."""
    tables = {
        name: [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
        for name, frame in result.tables.items()
    }
    return {
        "ok": result.ok,
        "anio": result.anio,
        "errors": [i.to_json() for i in result.errors],
        "warnings": [i.to_json() for i in result.warnings],
        "summary": summary(result),
        "tables": tables,
    }


def unreadable_json(error: UnreadableWorkbook) -> dict[str, Any]:
    """The JSON document for a file that is not a workbook at all (exit status 2)."""
    empty = {"ingresos_total": None, "egresos_total": None, "donaciones_total": None, "fondos_propios": None,
             "personal_total": None, "personal_por_nivel": {}, "actividades": 0, "areas": 0}
    return {"ok": False, "anio": None, "errors": [error.issue.to_json()], "warnings": [], "summary": empty,
            "tables": {}}


def _line(issue: Issue) -> str:
    place = issue.place()
    return f"  - {place}: {issue.message}" if place else f"  - {issue.message}"


def text_report(result: LoadResult, name: str) -> str:
    """A readable Spanish report: summary, then errors, then warnings, each with its place."""
    s = summary(result)
    verdict = "se puede cargar" if result.ok else "NO se puede cargar: corrija los errores"
    lines = [f"Libro: {name}", f"Resultado: {verdict} ({len(result.errors)} errores, "
             f"{len(result.warnings)} advertencias).", f"Año del plan: {result.anio or 'no encontrado'}", ""]
    lines.append("Resumen:")
    found = ", ".join(f"{TABLE_LABELS[k]} ({len(v)} filas)" for k, v in result.tables.items()) or "ninguna"
    lines.append(f"  Tablas encontradas: {found}")
    for key, label in (("ingresos_total", "Total ingresos"), ("egresos_total", "Total egresos"),
                       ("donaciones_total", "Donaciones"), ("fondos_propios", "Fondos propios OPAMSS")):
        if s[key] is not None:
            lines.append(f"  {label}: {money(Decimal(str(s[key])))}")
    if s["personal_total"] is not None:
        tiers = ", ".join(f"{n} {p}" for n, p in s["personal_por_nivel"].items())
        lines.append(f"  Personal: {s['personal_total']} plazas ({tiers})")
    if s["actividades"]:
        areas = "1 área" if s["areas"] == 1 else f"{s['areas']} áreas"
        lines.append(f"  Actividades: {s['actividades']:,} en {areas}")
    for title, items in (("Errores", result.errors), ("Advertencias", result.warnings)):
        lines.append("")
        lines.append(f"{title} ({len(items)}):" if items else f"{title}: ninguno.")
        lines.extend(_line(i) for i in items)
    return "\n".join(lines)
