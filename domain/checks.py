"""The plan's rules: what the workbook states against what its lines add up to, own funds, tier ranges, donors.

Sums use the exact cents of each line (domain.money), so a one-cent gap is reported, never rounded away.
Each rule is one named function, used by the loader's warnings and by the pages alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from domain.calendar import donor_ends_in_plan
from domain.catalogue import issue
from domain.fmt import fecha, money, percent
from domain.issues import Issue
from domain.money import add, cents, exact_sum
from domain.places import NOWHERE, Place
from domain.schema import (
    CONCEPTO_LABELS,
    FONDOS_PROPIOS,
    NIVELES,
    TOTAL_DONACIONES,
    TOTAL_EGRESOS,
    TOTAL_GENERAL,
    TOTAL_INGRESOS,
)

Tables = Mapping[str, pd.DataFrame]


def in_range(share: float, low: float, high: float) -> bool:
    """A tier's share of staff (in %) inside its target range, bounds included: one rule for warning and page."""
    return low <= share <= high


def stated_totals(tables: Tables) -> dict[str, Decimal]:
    """The totales_declarados table by concepto, exact to the cent."""
    frame = tables.get("totales_declarados")
    if frame is None or frame.empty:
        return {}
    return {str(c): cents(m) for c, m in zip(frame["concepto"], frame["monto"], strict=True)}


def budget_total(tables: Tables) -> Decimal | None:
    """The plan's budget: the stated income total, else the sum of income lines."""
    stated = stated_totals(tables).get(TOTAL_INGRESOS)
    return stated if stated is not None else exact_sum(tables.get("ingresos"), "monto")


@dataclass(frozen=True)
class Execution:
    """Budget against executed amounts of one side of a follow-up, both summed over the same lines, to the cent.

    Only lines that state an executed amount count on both sides, so the rate compares like with like.
    """

    budget: Decimal
    executed: Decimal
    lines: int

    @property
    def rate(self) -> float | None:
        """Executed as a percentage of the budget; None for a zero budget."""
        return None if not self.budget else float(self.executed) / float(self.budget) * 100


def has_execution(frame: pd.DataFrame | None) -> bool:
    """A budget table from a follow-up: it has an `ejecutado` column with at least one amount."""
    return frame is not None and "ejecutado" in frame.columns and bool(frame["ejecutado"].notna().any())


def execution(frame: pd.DataFrame | None) -> Execution | None:
    """Budget and executed totals over the lines that state an execution; None without execution data."""
    if not has_execution(frame):
        return None
    assert frame is not None
    lines = frame[frame["ejecutado"].notna()]
    return Execution(add(lines["monto"]), add(lines["ejecutado"]), len(lines))


@dataclass(frozen=True)
class OwnFunds:
    """OPAMSS's own funds, and whether the workbook states them or they are budget minus donations."""

    amount: Decimal
    derived: bool


def own_funds(tables: Tables) -> OwnFunds | None:
    """Own funds as the workbook states them; else the budget minus donations, marked as derived.

    The one rule for the CLI's summary and every page; None when neither way gives a figure.
    """
    stated = stated_totals(tables).get(FONDOS_PROPIOS)
    if stated is not None:
        return OwnFunds(stated, derived=False)
    budget, gifts = budget_total(tables), exact_sum(tables.get("donaciones"), "importe")
    if budget is None or gifts is None:
        return None
    return OwnFunds(budget - gifts, derived=True)


def ending_donors(donaciones: pd.DataFrame | None, anio: int | None) -> pd.DataFrame:
    """The donors whose funds end during the plan (domain.calendar.donor_ends_in_plan), in the table's order."""
    if donaciones is None or donaciones.empty:
        return pd.DataFrame(columns=["donante", "importe", "fecha_finalizacion"])
    mask = [donor_ends_in_plan(end, anio) for end in donaciones["fecha_finalizacion"]]
    return donaciones.loc[mask, ["donante", "importe", "fecha_finalizacion"]].reset_index(drop=True)


@dataclass(frozen=True)
class Check:
    """One reconciliation: a stated total against what its lines add up to."""

    code: str  # the warning's code when they differ
    concept: str  # how a table of checks names it: "Total Egresos"
    subject: str  # how the warning names it: "Egresos"
    stated: Decimal | None
    lines: Decimal | None
    place: Place = NOWHERE  # the cell that states the total, when known

    @property
    def gap(self) -> Decimal | None:
        if self.stated is None or self.lines is None:
            return None
        return self.lines - self.stated

    @property
    def balanced(self) -> bool | None:
        return None if self.gap is None else self.gap == 0

    @property
    def state(self) -> str:
        return "—" if self.balanced is None else "cuadra al centavo" if self.balanced else "no cuadra"


def comparisons(tables: Tables, places: Mapping[str, Place] | None = None) -> list[Check]:
    """Each stated total against the sum of its lines, and own funds + donations against the general total.

    A check is listed when either side is known; `balanced` is None when one side is missing.
    """
    stated, places = stated_totals(tables), places or {}
    donaciones = exact_sum(tables.get("donaciones"), "importe")
    checks = [
        Check(code, CONCEPTO_LABELS[concept], subject, stated.get(concept), lines, places.get(concept, NOWHERE))
        for lines, concept, code, subject in (
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
            None if gifts is None else stated[FONDOS_PROPIOS] + gifts, places.get(TOTAL_GENERAL, NOWHERE)))
    return [c for c in checks if c.stated is not None or c.lines is not None]


def _gap(check: Check) -> Issue:
    gap = check.gap
    return issue(check.code, check.place, what=check.subject, lines=money(check.lines), stated=money(check.stated),
                 gap=money(abs(gap)), sign="más" if gap > 0 else "menos")


def reconcile(tables: Tables, places: Mapping[str, Place], rangos: Mapping[str, tuple[float, float]],
              anio: int | None) -> list[Issue]:
    """Every reconciliation warning of the data contract, section 4."""
    checks = comparisons(tables, places)
    gaps = [_gap(c) for c in checks if c.balanced is False]
    out = [g for g in gaps if g.code != "total_general_no_cuadra"]
    ingresos = exact_sum(tables.get("ingresos"), "monto")
    egresos = exact_sum(tables.get("egresos"), "monto")
    if ingresos is not None and egresos is not None and ingresos != egresos:
        diff = ingresos - egresos
        out.append(issue("presupuesto_desbalanceado", ingresos=money(ingresos), egresos=money(egresos),
                         kind="superávit" if diff > 0 else "déficit", gap=money(abs(diff))))
    out.extend(g for g in gaps if g.code == "total_general_no_cuadra")
    out.extend(_staff(tables.get("personal"), rangos))
    out.extend(_donor_ends(tables.get("donaciones"), anio))
    return out


def staff_by_tier(personal: pd.DataFrame | None) -> dict[str, int]:
    """Headcount per tier, tiers in the plan's order (then any other, as met)."""
    if personal is None or personal.empty:
        return {}
    by_tier = personal.groupby("nivel", sort=False)["plazas"].sum()
    order = [n for n in NIVELES if n in by_tier.index] + [n for n in by_tier.index if n not in NIVELES]
    return {str(n): int(by_tier[n]) for n in order}


def _staff(personal: pd.DataFrame | None, rangos: Mapping[str, tuple[float, float]]) -> list[Issue]:
    by_tier = staff_by_tier(personal)
    total = sum(by_tier.values())
    if not total:
        return []
    out = []
    for nivel, (low, high) in rangos.items():
        plazas = by_tier.get(nivel, 0)
        share = 100 * plazas / total
        if not in_range(share, low, high):
            out.append(issue("nivel_fuera_de_rango", table="personal", nivel=nivel, plazas=plazas, total=total,
                             share=percent(share, 2), side="por debajo" if share < low else "por encima",
                             low=f"{low:g} %", high=f"{high:g} %"))
    return out


def _donor_ends(donaciones: pd.DataFrame | None, anio: int | None) -> list[Issue]:
    ending = ending_donors(donaciones, anio)
    return [issue("donacion_termina_en_el_anio", donor=donor, end=fecha(end), anio=anio)
            for donor, end in zip(ending["donante"], ending["fecha_finalizacion"], strict=True)]
