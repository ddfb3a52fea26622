"""One summary of a plan, for the command line and the pages alike: the headline figures, exact to the cent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain.checks import (
    Check,
    Execution,
    OwnFunds,
    budget_total,
    comparisons,
    ending_donors,
    execution,
    own_funds,
    staff_by_tier,
)
from domain.money import exact_sum
from domain.plan import LoadResult


@dataclass(frozen=True)
class Summary:
    anio: int | None
    ingresos_total: Decimal | None
    egresos_total: Decimal | None
    donaciones_total: Decimal | None
    presupuesto: Decimal | None  # the stated income total, else the sum of income lines
    fondos_propios: OwnFunds | None
    donantes: int
    ending: tuple[tuple[str, Decimal, date], ...]  # donors whose funds end during the plan
    personal_total: int | None
    personal_por_nivel: dict[str, int]
    actividades: int
    areas: int
    checks: tuple[Check, ...]
    # A follow-up's execution (None for a plan) and its cut-off date (None when the workbook does not say).
    ejecucion_ingresos: Execution | None = None
    ejecucion_egresos: Execution | None = None
    fecha_corte: date | None = None

    @property
    def has_execution(self) -> bool:
        return self.ejecucion_ingresos is not None or self.ejecucion_egresos is not None

    @property
    def ending_total(self) -> Decimal | None:
        """What the donors ending during the plan give, in exact cents; None when there are no donations."""
        if not self.donantes:
            return None
        return sum((amount for _, amount, _ in self.ending), Decimal("0.00"))

    @property
    def soonest_end(self) -> tuple[date, list[str]] | None:
        """The first end date among the donors ending during the plan, and who ends then."""
        if not self.ending:
            return None
        first = min(end for _, _, end in self.ending)
        return first, [name for name, _, end in self.ending if end == first]


def summarise(plan: LoadResult) -> Summary:
    t = plan.tables
    personal, actividades = t.get("personal"), t.get("actividades")
    ending = ending_donors(t.get("donaciones"), plan.anio)
    donaciones = t.get("donaciones")
    return Summary(
        anio=plan.anio,
        ingresos_total=exact_sum(t.get("ingresos"), "monto"),
        egresos_total=exact_sum(t.get("egresos"), "monto"),
        donaciones_total=exact_sum(donaciones, "importe"),
        presupuesto=budget_total(t),
        fondos_propios=own_funds(t),
        donantes=0 if donaciones is None else len(donaciones),
        ending=tuple((str(d), Decimal(str(a)).quantize(Decimal("0.01")), e) for d, a, e in
                     zip(ending["donante"], ending["importe"], ending["fecha_finalizacion"], strict=True)),
        personal_total=None if personal is None else int(personal["plazas"].sum()),
        personal_por_nivel=staff_by_tier(personal),
        actividades=0 if actividades is None else len(actividades),
        areas=0 if actividades is None else int(actividades["area"].nunique()),
        checks=tuple(comparisons(t)),
        ejecucion_ingresos=execution(t.get("ingresos")),
        ejecucion_egresos=execution(t.get("egresos")),
        fecha_corte=cutoff(plan),
    )


def cutoff(plan: LoadResult) -> date | None:
    """The follow-up's cut-off date from the plan's metadata (loaders/cutoff.py stores it as ISO text)."""
    text = plan.notas.get("fecha_corte")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def to_json(summary: Summary) -> dict[str, Any]:
    """The data contract's `summary` object, plus whether own funds are derived and which donors end early."""
    own = summary.fondos_propios
    return {
        "ingresos_total": _float(summary.ingresos_total),
        "egresos_total": _float(summary.egresos_total),
        "donaciones_total": _float(summary.donaciones_total),
        "fondos_propios": None if own is None else float(own.amount),
        "personal_total": summary.personal_total,
        "personal_por_nivel": dict(summary.personal_por_nivel),
        "actividades": summary.actividades,
        "areas": summary.areas,
        "fondos_propios_derivado": None if own is None else own.derived,
        "donaciones_que_terminan_en_el_plan": [
            {"donante": d, "importe": float(a), "fecha_finalizacion": e.isoformat()} for d, a, e in summary.ending],
    }
