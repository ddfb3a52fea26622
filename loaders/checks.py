"""Reconciliation: what the workbook states against what its lines add up to, and plan-level warnings.

Sums use the exact cents (Decimal) of each line, so a one-cent gap is reported, never rounded away.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from loaders.model import (
    CONCEPTO_LABELS,
    FONDOS_PROPIOS,
    TOTAL_DONACIONES,
    TOTAL_EGRESOS,
    TOTAL_GENERAL,
    TOTAL_INGRESOS,
    Issue,
)


def money(value: Decimal | float) -> str:
    """$7,868,489.38 (El Salvador: comma thousands, dot decimals)."""
    return f"${Decimal(str(value)):,.2f}"


def exact_sum(frame: pd.DataFrame | None, column: str) -> Decimal | None:
    if frame is None or frame.empty:
        return None
    return sum((Decimal(str(v)).quantize(Decimal("0.01")) for v in frame[column]), Decimal("0.00"))


def _gap(code: str, what: str, lines: Decimal, stated: Decimal, where: Issue | None) -> Issue:
    diff = lines - stated
    sign = "más" if diff > 0 else "menos"
    return Issue(
        code=code,
        message=f"{what}: las líneas suman {money(lines)} y el libro declara {money(stated)} "
        f"(diferencia de {money(abs(diff))} de {sign}). Revise las líneas o el total declarado.",
        sheet=where.sheet if where else None, row=where.row if where else None,
        column=where.column if where else None, severity="warning",
    )


def reconcile(tables: dict[str, pd.DataFrame], stated: dict[str, tuple[Decimal, Issue]],
              rangos: dict[str, tuple[float, float]], anio: int | None) -> list[Issue]:
    """Every reconciliation warning of the data contract, section 4."""
    out: list[Issue] = []
    ingresos = exact_sum(tables.get("ingresos"), "monto")
    egresos = exact_sum(tables.get("egresos"), "monto")
    donaciones = exact_sum(tables.get("donaciones"), "importe")
    for lines, concept, code, what in (
        (ingresos, TOTAL_INGRESOS, "total_ingresos_no_cuadra", "Ingresos"),
        (egresos, TOTAL_EGRESOS, "total_egresos_no_cuadra", "Egresos"),
        (donaciones, TOTAL_DONACIONES, "total_donaciones_no_cuadra", "Donaciones"),
    ):
        if lines is not None and concept in stated and lines != stated[concept][0]:
            out.append(_gap(code, what, lines, stated[concept][0], stated[concept][1]))
    if ingresos is not None and egresos is not None and ingresos != egresos:
        diff = ingresos - egresos
        kind = "superávit" if diff > 0 else "déficit"
        out.append(Issue(code="presupuesto_desbalanceado", severity="warning",
                         message=f"El presupuesto no está balanceado: ingresos {money(ingresos)} y egresos "
                         f"{money(egresos)} ({kind} de {money(abs(diff))})."))
    if FONDOS_PROPIOS in stated and TOTAL_GENERAL in stated:
        own = stated[FONDOS_PROPIOS][0]
        gifts = donaciones if donaciones is not None else stated.get(TOTAL_DONACIONES, (None,))[0]
        if gifts is not None and own + gifts != stated[TOTAL_GENERAL][0]:
            where = stated[TOTAL_GENERAL][1]
            out.append(_gap("total_general_no_cuadra", f"{CONCEPTO_LABELS[FONDOS_PROPIOS]} + donaciones",
                            own + gifts, stated[TOTAL_GENERAL][0], where))
    out.extend(_staff(tables.get("personal"), rangos))
    out.extend(_donor_ends(tables.get("donaciones"), anio))
    return out


def _staff(personal: pd.DataFrame | None, rangos: dict[str, tuple[float, float]]) -> list[Issue]:
    if personal is None or personal.empty:
        return []
    total = int(personal["plazas"].sum())
    if total == 0:
        return []
    out = []
    by_tier = personal.groupby("nivel")["plazas"].sum()
    for nivel, (low, high) in rangos.items():
        share = 100 * int(by_tier.get(nivel, 0)) / total
        if not low <= share <= high:
            where = "por debajo" if share < low else "por encima"
            out.append(Issue(code="nivel_fuera_de_rango", severity="warning",
                             message=f"El nivel {nivel} tiene {int(by_tier.get(nivel, 0))} de {total} plazas "
                             f"({share:.2f} %), {where} de su rango de {low:g} % a {high:g} %."))
    return out


def _donor_ends(donaciones: pd.DataFrame | None, anio: int | None) -> list[Issue]:
    if donaciones is None or donaciones.empty or anio is None:
        return []
    out = []
    for donor, end in zip(donaciones["donante"], donaciones["fecha_finalizacion"], strict=True):
        if isinstance(end, date) and date(anio, 1, 1) <= end < date(anio, 12, 31):
            out.append(Issue(code="donacion_termina_en_el_anio", severity="warning",
                             message=f"Los fondos de {donor} terminan el {end:%d/%m/%Y}, antes del cierre del "
                             f"plan {anio}: las actividades que financia después de esa fecha quedan sin fondos."))
    return out
