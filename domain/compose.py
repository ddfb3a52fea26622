"""A partial workbook over the version it replaces: a budget revision (ingresos and egresos only) still shows
the activities, donors and staff of the version before it, and says where each table came from.

A table is the new workbook's when the workbook has it, even empty (an empty table is a statement: "no
donors"); only a table the workbook does not have at all is taken from the base. The provenance maps each
expected table to the version id it came from.

Stated totals (totales_declarados) follow the tables they state:
- every total the new workbook states is kept (it is the upload's word; the checks then compare it with
  whatever lines the plan now holds, borrowed or not);
- a total the new workbook does not state is taken from the base only when every table it speaks of is
  borrowed from the base too: total_donaciones with donaciones; fondos_propios and total_general (budget
  less donations, and own funds plus donations) only when both ingresos and donaciones are borrowed. A base
  total over a table the new workbook replaces would describe lines that are no longer shown, so it is dropped
  (own funds are then derived from the new budget and the borrowed donations: domain.checks.own_funds).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from domain.plan import LoadResult
from domain.schema import (
    CANONICAL,
    CONCEPTO_LABELS,
    EXPECTED_TABLES,
    FONDOS_PROPIOS,
    TOTAL_DONACIONES,
    TOTAL_EGRESOS,
    TOTAL_GENERAL,
    TOTAL_INGRESOS,
)

STATED = "totales_declarados"
# Each stated total and the tables it speaks of.
STATES_ABOUT: dict[str, frozenset[str]] = {
    TOTAL_INGRESOS: frozenset({"ingresos"}),
    TOTAL_EGRESOS: frozenset({"egresos"}),
    TOTAL_DONACIONES: frozenset({"donaciones"}),
    FONDOS_PROPIOS: frozenset({"ingresos", "donaciones"}),
    TOTAL_GENERAL: frozenset({"ingresos", "donaciones"}),
}


def compose(new: LoadResult, base: LoadResult | None, new_id: int, base_provenance: Mapping[str, int] | None,
            *, base_id: int | None = None) -> tuple[LoadResult, dict[str, int]]:
    """The plan `new` completes with `base`'s tables it lacks, and which version each expected table came from.

    A borrowed table's version is `base_provenance[table]` (the base may itself be composed), else `base_id`.
    Neither input is changed: the result holds copies.
    """
    if base is None:
        return _copy(new, {name: frame.copy() for name, frame in new.tables.items()}), _origins(new, new_id)
    borrowed = [t for t in EXPECTED_TABLES if t not in new.tables and t in base.tables]
    provenance = {t: new_id if t in new.tables else _origin(t, base_provenance, base_id)
                  for t in EXPECTED_TABLES if t in new.tables or t in borrowed}
    tables = {name: frame.copy() for name, frame in new.tables.items() if name != STATED}
    tables |= {name: base.tables[name].copy() for name in borrowed}
    stated = _stated(new.tables.get(STATED), base.tables.get(STATED), set(borrowed))
    if stated is not None:
        tables[STATED] = stated
    plan = _copy(new, _in_order(tables))
    plan.anio = new.anio if new.anio is not None else base.anio
    plan.actividades_ilustrativas = (base if "actividades" in borrowed else new).actividades_ilustrativas
    plan.personal_derivado = (base if "personal" in borrowed else new).personal_derivado
    return plan, provenance


def _origins(plan: LoadResult, version: int) -> dict[str, int]:
    return {t: version for t in EXPECTED_TABLES if t in plan.tables}


def _origin(table: str, base_provenance: Mapping[str, int] | None, base_id: int | None) -> int:
    """Where a borrowed table came from: the base's own provenance first (it may have borrowed it too)."""
    if base_provenance is not None and table in base_provenance:
        return base_provenance[table]
    if base_id is None:
        raise ValueError(f"compose: no version id for the borrowed table {table} (give base_provenance or base_id)")
    return base_id


def _stated(new: pd.DataFrame | None, base: pd.DataFrame | None, borrowed: set[str]) -> pd.DataFrame | None:
    """The new workbook's stated totals, plus the base's over borrowed tables only (module docstring)."""
    ours = set() if new is None else {str(c) for c in new["concepto"]}
    keep = [] if base is None else [_from_base(str(c), ours, borrowed) for c in base["concepto"]]
    if not any(keep):
        return None if new is None else new.copy()
    taken = base.loc[keep]
    frame = taken.copy() if new is None else pd.concat([new, taken], ignore_index=True)
    rank = {c: i for i, c in enumerate(CONCEPTO_LABELS)}
    order = frame["concepto"].map(lambda c: rank.get(str(c), len(rank)))
    return frame.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def _from_base(concept: str, ours: set[str], borrowed: set[str]) -> bool:
    """A base total is kept when the new workbook does not state it and every table it speaks of is borrowed
    (a concept of unknown meaning never is)."""
    about = STATES_ABOUT.get(concept)
    return concept not in ours and about is not None and about <= borrowed


def _in_order(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Canonical tables in the contract's order, then any other the new workbook had."""
    return {**{t: tables[t] for t in CANONICAL if t in tables}, **tables}


def _copy(plan: LoadResult, tables: dict[str, pd.DataFrame]) -> LoadResult:
    """`plan` with other tables, its metadata and issues copied (lists and dicts not shared with the input)."""
    return LoadResult(tables=tables, anio=plan.anio, titulo=plan.titulo, rangos=dict(plan.rangos),
                      notas=dict(plan.notas), actividades_ilustrativas=plan.actividades_ilustrativas,
                      personal_derivado=plan.personal_derivado, errors=list(plan.errors),
                      warnings=list(plan.warnings), omitted=list(plan.omitted))
