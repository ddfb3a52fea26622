"""The tables the pages show next to their charts, derived from the canonical tables (columns: domain.schema).

Money stays exact: totals are Decimal cents (domain.money); floats are only for drawing and shares.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain.calendar import donor_ends_in_plan
from domain.checks import Check, OwnFunds, in_range
from domain.fmt import count, fecha
from domain.money import exact_sum
from domain.plan import LoadResult
from domain.schema import (
    CONCILIACION,
    FLUJO,
    FUENTES,
    LINEAS,
    NIVELES,
    NIVELES_VISTA,
    OWN_FUNDS_LABEL,
    PROBLEMAS,
    UNIDADES,
)


def _empty(view) -> pd.DataFrame:
    return pd.DataFrame(columns=list(view.names))


def shares(frame: pd.DataFrame, column: str) -> pd.Series:
    """Each line's share of its table's exact total, in %."""
    total = exact_sum(frame, column)
    if not total:
        return pd.Series(0.0, index=frame.index)
    return frame[column] / float(total) * 100


def budget_lines(frame: pd.DataFrame | None) -> pd.DataFrame:
    """One side of the budget with each line's share of its total."""
    if frame is None or frame.empty:
        return _empty(LINEAS)
    return pd.DataFrame({"clasificacion": frame["clasificacion"], "monto": frame["monto"],
                         "porcentaje": shares(frame, "monto")}).reset_index(drop=True)


def budget_label(anio: int | None) -> str:
    """The Sankey's middle node and the flow table's pivot: 'Presupuesto 2016'."""
    return f"Presupuesto {anio}" if anio else "Presupuesto"


def flow(ingresos: pd.DataFrame | None, egresos: pd.DataFrame | None, anio: int | None) -> pd.DataFrame:
    """Every flow through the year's budget: each income line into it, and out of it to each expense line."""
    if ingresos is None or egresos is None or ingresos.empty or egresos.empty:
        return _empty(FLUJO)
    middle = budget_label(anio)
    return pd.concat([
        pd.DataFrame({"de": ingresos["clasificacion"], "a": middle, "monto": ingresos["monto"]}),
        pd.DataFrame({"de": middle, "a": egresos["clasificacion"], "monto": egresos["monto"]}),
    ], ignore_index=True)


def reconciliation(checks: tuple[Check, ...] | list[Check]) -> pd.DataFrame:
    """Each stated total against the sum of its lines: amounts stay numbers (they sort), dashes only on screen."""
    if not checks:
        return _empty(CONCILIACION)
    return pd.DataFrame({
        "concepto": [c.concept for c in checks],
        "declarado": [None if c.stated is None else float(c.stated) for c in checks],
        "lineas": [None if c.lines is None else float(c.lines) for c in checks],
        "diferencia": [None if c.gap is None else float(c.gap) for c in checks],
        "estado": [c.state for c in checks],
    })


def own_funds_label(own: OwnFunds) -> str:
    """'Fondos propios OPAMSS', or with '(calculado)' when the workbook does not state them."""
    return f"{OWN_FUNDS_LABEL} (calculado)" if own.derived else OWN_FUNDS_LABEL


def donors(donaciones: pd.DataFrame | None, budget: object, anio: int | None) -> pd.DataFrame:
    """Each donor: amount, share of donations and of the budget, end date, whether its funds end in the plan."""
    if donaciones is None or donaciones.empty:
        return _empty(FUENTES)
    return pd.DataFrame({
        "fuente": donaciones["donante"].astype(object),
        "fecha_finalizacion": donaciones["fecha_finalizacion"],
        "termina_en_el_plan": [donor_ends_in_plan(d, anio) for d in donaciones["fecha_finalizacion"]],
        "importe": donaciones["importe"].astype(float),
        "pct_donaciones": shares(donaciones, "importe"),
        "pct_presupuesto": donaciones["importe"] / float(budget) * 100 if budget else np.nan,
    }).reset_index(drop=True)


def funding_sources(donaciones: pd.DataFrame | None, own: OwnFunds | None, budget: object,
                    anio: int | None) -> pd.DataFrame:
    """Own funds (when known) and then each donor, with their shares."""
    rows = donors(donaciones, budget, anio)
    if own is None:
        return rows
    head = pd.DataFrame({"fuente": [own_funds_label(own)], "fecha_finalizacion": [None], "termina_en_el_plan": [False],
                         "importe": [float(own.amount)], "pct_donaciones": [None],
                         "pct_presupuesto": [float(own.amount) / float(budget) * 100 if budget else None]})
    return pd.concat([head, rows], ignore_index=True) if len(rows) else head


def staff(personal: pd.DataFrame | None, rangos: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Headcount and share by tier, its range and the verdict in words."""
    if personal is None or personal.empty:
        return _empty(NIVELES_VISTA)
    by_tier = personal.groupby("nivel", sort=False)["plazas"].sum()
    order = [n for n in NIVELES if n in by_tier.index] + [n for n in by_tier.index if n not in NIVELES]
    total = int(by_tier.sum())
    rows = []
    for tier in order:
        plazas = int(by_tier[tier])
        share = 100 * plazas / total if total else 0.0
        if tier in rangos:
            low, high = rangos[tier]
            estado = "dentro del rango" if in_range(share, low, high) else "fuera del rango"
            rango = f"{low:g}–{high:g} %"
        else:
            estado, rango = "sin rango", "—"
        rows.append((tier, plazas, share, rango, estado))
    return pd.DataFrame(rows, columns=list(NIVELES_VISTA.names))


def staff_units(personal: pd.DataFrame | None) -> pd.DataFrame:
    """Headcount per unit (rows, in the workbook's order) and tier (columns), with a total; empty without units."""
    if personal is None or personal.empty:
        return _empty(UNIDADES)
    units = personal.loc[personal["unidad"].fillna("").astype(str).str.strip() != ""]
    if units.empty:
        return _empty(UNIDADES)
    pivot = units.pivot_table(index="unidad", columns="nivel", values="plazas", aggfunc="sum", fill_value=0,
                              sort=False)
    out = pd.DataFrame({"unidad": pivot.index.astype(object)})
    for tier in NIVELES:
        out[tier] = pivot[tier].to_numpy() if tier in pivot.columns else 0
    out["total"] = out[list(NIVELES)].sum(axis=1)
    return out[list(UNIDADES.names)]


@dataclass(frozen=True)
class DonorGroup:
    """One donor's activities in the fund-cliff list: a title in words, open when some run past the funds."""

    donor: str
    title: str
    late: int
    table: pd.DataFrame


def donor_groups(cliff: pd.DataFrame) -> list[DonorGroup]:
    """The fund-cliff table split per donor, in the donations' order."""
    out = []
    for donor, group in cliff.groupby("donante", sort=False):
        late = int(group["despues_del_fin"].sum())
        end = group["fecha_finalizacion"].iloc[0]
        title = (f"{donor}: {count(len(group), 'actividad', 'actividades')}, fondos hasta el {fecha(end)}"
                 + (f" — ⚠ {late} después del fin de sus fondos" if late else ""))
        out.append(DonorGroup(str(donor), title, late, group.reset_index(drop=True)))
    return out



def problems(plan: LoadResult) -> pd.DataFrame:
    """Every listed issue as a table (errors first), for the review page, one row per problem."""
    items = [*plan.errors, *plan.warnings]
    return pd.DataFrame({
        "gravedad": ["Error" if i.is_error else "Advertencia" for i in items],
        "hoja": [i.place.sheet or "—" for i in items],
        "fila": pd.array([i.place.row for i in items], dtype="Int64"),
        "columna": [i.place.column or "—" for i in items],
        "tipo": [i.title for i in items],
        "mensaje": [i.message for i in items],
        "codigo": [i.code for i in items],
    }, columns=list(PROBLEMAS.names))
