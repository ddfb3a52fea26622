"""Reconciliation: what the workbook states against what its lines add up to, and plan-level warnings.

Sums use the exact cents (Decimal) of each line, so a one-cent gap is reported, never rounded away.
"""

from __future__ import annotations

from dataclasses import dataclass
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

CENT = Decimal("0.01")


def in_range(share: float, low: float, high: float) -> bool:
    """A tier's share of staff (in %) inside its target range, bounds included: one rule for warning and page."""
    return low <= share <= high


def money(value: Decimal | float) -> str:
    """$7,868,489.38 (El Salvador: comma thousands, dot decimals)."""
    return f"${Decimal(str(value)):,.2f}"


def exact_sum(frame: pd.DataFrame | None, column: str) -> Decimal | None:
    if frame is None or frame.empty:
        return None
    return sum((Decimal(str(v)).quantize(CENT) for v in frame[column]), Decimal("0.00"))


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


def stated_totals(tables: dict[str, pd.DataFrame]) -> dict[str, Decimal]:
    """The totales_declarados table by concepto, exact to the cent."""
    frame = tables.get("totales_declarados")
    if frame is None or frame.empty:
        return {}
    return {str(c): Decimal(str(m)).quantize(CENT) for c, m in zip(frame["concepto"], frame["monto"], strict=True)}


@dataclass(frozen=True)
class Check:
    """One reconciliation: a stated total against what its lines add up to."""

    code: str  # the warning's code when they differ
    concepto: str  # how a table of checks names it: "Total Egresos"
    what: str  # how the warning names it: "Egresos"
    declarado: Decimal | None
    lineas: Decimal | None
    where: Issue | None = None  # the cell that states the total, when known

    @property
    def diferencia(self) -> Decimal | None:
        if self.declarado is None or self.lineas is None:
            return None
        return self.lineas - self.declarado

    @property
    def cuadra(self) -> bool | None:
        return None if self.diferencia is None else self.diferencia == 0


def comparisons(tables: dict[str, pd.DataFrame], stated: dict[str, Decimal],
                where: dict[str, Issue] | None = None) -> list[Check]:
    """Each stated total against the sum of its lines, and own funds + donations against the general total.

    A check is listed when either side is known; `cuadra` is None when one side is missing.
    """
    where = where or {}
    donaciones = exact_sum(tables.get("donaciones"), "importe")
    checks = [
        Check(code, CONCEPTO_LABELS[concept], what, stated.get(concept), lines, where.get(concept))
        for lines, concept, code, what in (
            (exact_sum(tables.get("ingresos"), "monto"), TOTAL_INGRESOS, "total_ingresos_no_cuadra", "Ingresos"),
            (exact_sum(tables.get("egresos"), "monto"), TOTAL_EGRESOS, "total_egresos_no_cuadra", "Egresos"),
            (donaciones, TOTAL_DONACIONES, "total_donaciones_no_cuadra", "Donaciones"),
        )
    ]
    if FONDOS_PROPIOS in stated and TOTAL_GENERAL in stated:
        gifts = donaciones if donaciones is not None else stated.get(TOTAL_DONACIONES)
        checks.append(Check(
            "total_general_no_cuadra", f"{CONCEPTO_LABELS[TOTAL_GENERAL]} (fondos propios + donaciones)",
            f"{CONCEPTO_LABELS[FONDOS_PROPIOS]} + donaciones", stated[TOTAL_GENERAL],
            None if gifts is None else stated[FONDOS_PROPIOS] + gifts, where.get(TOTAL_GENERAL)))
    return [c for c in checks if c.declarado is not None or c.lineas is not None]


def reconcile(tables: dict[str, pd.DataFrame], stated: dict[str, tuple[Decimal, Issue]],
              rangos: dict[str, tuple[float, float]], anio: int | None) -> list[Issue]:
    """Every reconciliation warning of the data contract, section 4."""
    checks = comparisons(tables, {c: v for c, (v, _) in stated.items()}, {c: w for c, (_, w) in stated.items()})
    gaps = [_gap(c.code, c.what, c.lineas, c.declarado, c.where) for c in checks if c.cuadra is False]
    general = [g for g in gaps if g.code == "total_general_no_cuadra"]
    out = [g for g in gaps if g.code != "total_general_no_cuadra"]
    ingresos = exact_sum(tables.get("ingresos"), "monto")
    egresos = exact_sum(tables.get("egresos"), "monto")
    if ingresos is not None and egresos is not None and ingresos != egresos:
        diff = ingresos - egresos
        kind = "superávit" if diff > 0 else "déficit"
        out.append(Issue(code="presupuesto_desbalanceado", severity="warning",
                         message=f"El presupuesto no está balanceado: ingresos {money(ingresos)} y egresos "
                         f"{money(egresos)} ({kind} de {money(abs(diff))})."))
    out.extend(general)
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
        if not in_range(share, low, high):
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
