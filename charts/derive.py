"""Derived tables the pages show next to their charts: pure pandas/pyarrow over the canonical tables.

Money stays exact: sums are Decimal cents (loaders.checks.exact_sum); floats are only for drawing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.checks import Check, comparisons, exact_sum, in_range, stated_totals
from loaders.model import FONDOS_PROPIOS, NIVELES, TOTAL_INGRESOS
from loaders.text import fold

# Columns a search in the POA matrix looks through.
SEARCHED = ("actividad", "area", "objetivo_estrategico", "objetivo_especifico", "resultado", "indicador",
            "fuente_verificacion", "responsable", "fuente_financiamiento", "riesgo", "tiempo")


def reconciliation(tables: dict[str, pd.DataFrame]) -> list[Check]:
    """Stated totals vs the sum of lines, and own funds + donations vs the general total (the loader's checks)."""
    return comparisons(tables, stated_totals(tables))


def budget_total(tables: dict[str, pd.DataFrame]) -> Decimal | None:
    """The plan's budget: the stated income total, else the sum of income lines."""
    return stated_totals(tables).get(TOTAL_INGRESOS) or exact_sum(tables.get("ingresos"), "monto")


def own_funds(tables: dict[str, pd.DataFrame]) -> Decimal | None:
    """OPAMSS own funds as stated; else the budget minus donations when both are known."""
    totals = stated_totals(tables)
    if FONDOS_PROPIOS in totals:
        return totals[FONDOS_PROPIOS]
    budget, gifts = budget_total(tables), exact_sum(tables.get("donaciones"), "importe")
    return None if budget is None or gifts is None else budget - gifts


def shares(frame: pd.DataFrame, column: str) -> pd.Series:
    """Each line's share of its table's exact total, in %."""
    total = exact_sum(frame, column)
    if not total:
        return pd.Series(0.0, index=frame.index)
    return frame[column] / float(total) * 100


def donors(tables: dict[str, pd.DataFrame], anio: int | None) -> pd.DataFrame:
    """Each donor with amount, share of donations and of the budget, end date and whether it ends in the plan."""
    frame = tables.get("donaciones")
    if frame is None or frame.empty:
        return pd.DataFrame(columns=["donante", "importe", "pct_donaciones", "pct_presupuesto", "fecha_finalizacion",
                                     "termina_en_el_plan"])
    budget = budget_total(tables)
    out = frame[["donante", "importe", "fecha_finalizacion"]].copy()
    out.insert(2, "pct_donaciones", shares(frame, "importe"))
    out.insert(3, "pct_presupuesto", frame["importe"] / float(budget) * 100 if budget else np.nan)
    out["termina_en_el_plan"] = [isinstance(d, date) and anio is not None and d.year == anio
                                 for d in out["fecha_finalizacion"]]
    return out.reset_index(drop=True)


def staff(personal: pd.DataFrame | None, rangos: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Headcount and share by tier, its range and the verdict in words."""
    columns = ["nivel", "plazas", "porcentaje", "rango", "estado"]
    if personal is None or personal.empty:
        return pd.DataFrame(columns=columns)
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
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- activities

FILTERS = {"area": "area", "objetivo": "objetivo_estrategico", "responsable": "responsable",
           "fuente": "fuente_financiamiento"}


Frame = pd.DataFrame | pa.Table  # the activity functions take either; pages filter Arrow tables


def _col(frame: Frame, name: str) -> pa.Array:
    """One column as a contiguous Arrow array, from a DataFrame (zero copy when Arrow-backed) or a Table."""
    column = frame[name] if isinstance(frame, pa.Table) else pa.array(frame[name])
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def _names(frame: Frame) -> list[str]:
    return frame.column_names if isinstance(frame, pa.Table) else list(frame.columns)


def options(actividades: Frame, column: str) -> list[str]:
    """The distinct non-empty values of a column, in first-seen order (the plan's own order)."""
    return [v for v in pc.unique(_col(actividades, column).drop_null()).to_pylist() if v and v.strip()]


def fold_array(values: pa.Array) -> pa.Array:
    """loaders.text.fold in Arrow: NFKD, combining marks dropped, lower case, single spaces."""
    bare = pc.replace_substring_regex(pc.utf8_normalize(values, "NFKD"), r"\p{Mn}", "")
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(bare), r"\s+", " "))


def search_index(actividades: Frame) -> pa.Array:
    """One folded (lower case, no accents) text per activity, so a search is one substring match.

    Each column is folded over its distinct values only (results, indicators and objectives repeat).
    """
    present = _names(actividades)
    parts = []
    for name in (c for c in SEARCHED if c in present):
        encoded = pc.fill_null(_col(actividades, name).cast(pa.large_string()), "").dictionary_encode()
        parts.append(pc.take(fold_array(encoded.dictionary), encoded.indices))
    return pc.binary_join_element_wise(*parts, pa.scalar(" | ", pa.large_string()))


def select(actividades: Frame, index: pa.Array | None = None, *, query: str = "",
           **chosen: list[str]) -> np.ndarray:
    """Boolean mask of the activities matching every chosen filter (empty = all) and the search text."""
    mask = np.ones(len(actividades), dtype=bool)
    for name, values in chosen.items():
        if values:
            wanted = pa.array(list(values), pa.string())
            mask &= pc.fill_null(pc.is_in(_col(actividades, FILTERS[name]), wanted), False).to_numpy(
                zero_copy_only=False)
    needle = fold(query.strip()) if query else ""
    if needle:
        index = index if index is not None else search_index(actividades)
        mask &= pc.match_substring(index, needle).to_numpy(zero_copy_only=False)
    return mask


def _month_numbers(values: pa.Array, anio: int) -> np.ndarray:
    """Months since January of the plan year (0 = January); -10**6 where there is no date."""
    months = pc.add(pc.multiply(pc.subtract(pc.year(values), anio), 12), pc.subtract(pc.month(values), 1))
    return pc.fill_null(months, -10**6).to_numpy(zero_copy_only=False)


def dated(actividades: Frame) -> np.ndarray:
    """Activities with both dates (the others are listed apart, never dropped)."""
    both = pc.and_(pc.is_valid(_col(actividades, "inicio")), pc.is_valid(_col(actividades, "fin")))
    return both.to_numpy(zero_copy_only=False)


def _areas(actividades: Frame, keep: np.ndarray) -> pa.Array:
    return pc.fill_null(_col(actividades, "area").filter(pa.array(keep)), "Sin área")


def month_load(actividades: Frame, anio: int) -> pd.DataFrame:
    """Activities under way in each month of the plan year, by area (rows in the plan's order)."""
    has = pa.array(dated(actividades))
    starts = np.clip(_month_numbers(_col(actividades, "inicio").filter(has), anio), -1, 12)
    ends = np.clip(_month_numbers(_col(actividades, "fin").filter(has), anio), -1, 12)
    encoded = _areas(actividades, has).dictionary_encode()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    areas = encoded.dictionary.to_pylist()
    counts = np.zeros((len(areas), 12), dtype=np.int64)
    for month in range(12):
        active = (starts <= month) & (ends >= month)
        counts[:, month] = np.bincount(codes[active], minlength=len(areas))
    return pd.DataFrame(counts, index=pd.Index(areas, name="area"), columns=range(1, 13))


def _area_spans(table: pa.Table) -> pd.DataFrame:
    """Per area (plan order): earliest start, latest end and the number of dated activities."""
    grouped = table.group_by("area", use_threads=False).aggregate(
        [("inicio", "min"), ("fin", "max"), ("inicio", "count")])
    return pd.DataFrame({"area": grouped["area"].to_pylist(), "inicio": grouped["inicio_min"].to_pylist(),
                         "fin": grouped["fin_max"].to_pylist(), "actividades": grouped["inicio_count"].to_pylist()})


def fund_cliff(actividades: pd.DataFrame | None, donaciones: pd.DataFrame | None) -> pd.DataFrame:
    """Activities funded by each donor, flagging those that end after the donor's funds do."""
    columns = ["donante", "fecha_finalizacion", "area", "actividad", "tiempo", "inicio", "fin", "despues_del_fin"]
    if actividades is None or actividades.empty or donaciones is None or donaciones.empty:
        return pd.DataFrame(columns=columns)
    by_key = {fold(d): (d, end if isinstance(end, date) else None)
              for d, end in zip(donaciones["donante"], donaciones["fecha_finalizacion"], strict=True)}
    sources = [s for s in options(actividades, "fuente_financiamiento") if fold(s) in by_key]
    if not sources:
        return pd.DataFrame(columns=columns)
    fuente = _col(actividades, "fuente_financiamiento")
    which = pc.index_in(fuente, pa.array(sources, pa.string()))
    funded = pc.is_valid(which)
    which = which.filter(funded)
    donor = pc.take(pa.array([by_key[fold(s)][0] for s in sources], pa.string()), which)
    end = pc.take(pa.array([by_key[fold(s)][1] for s in sources], pa.date32()), which)
    fin = _col(actividades, "fin").filter(funded)
    late = pc.fill_null(pc.greater(fin, end), False)
    out = pa.table({"donante": donor, "fecha_finalizacion": end,
                    **{c: _col(actividades, c).filter(funded) for c in ("area", "actividad", "tiempo", "inicio")},
                    "fin": fin, "despues_del_fin": late})
    # Per donor (in the donations' order), the activities past the end first, then the plan's order.
    order = {name: i for i, name in enumerate(donaciones["donante"])}
    rank = pc.take(pa.array([order[by_key[fold(s)][0]] for s in sources], pa.int64()), which)
    out = out.append_column("_rank", rank).append_column("_row", pa.array(np.arange(len(out))))
    out = out.sort_by([("_rank", "ascending"), ("despues_del_fin", "descending"), ("_row", "ascending")])
    frame = out.drop_columns(["_rank", "_row"]).to_pandas(types_mapper=pd.ArrowDtype)
    frame["despues_del_fin"] = frame["despues_del_fin"].astype(bool)
    return frame


def gantt_rows(actividades: Frame, *, open_areas: set[str] | None = None, limit: int = 120) -> pd.DataFrame:
    """Rows for the Gantt: one per area, and under each open area its activities, at most `limit` rows.

    `open_areas=None` opens every area. Only dated activities are drawn; the rest are listed apart.
    """
    has = pa.array(dated(actividades))
    table = pa.table({"area": _areas(actividades, has),
                      **{name: _col(actividades, name).filter(has) for name in ("actividad", "inicio", "fin")}})
    detail: dict[str, list[tuple[str, object, object]]] = {}
    keep = None if open_areas is None else pc.is_in(table["area"], pa.array(sorted(open_areas), pa.string()))
    if keep is None or pc.any(keep).as_py():
        opened = table if keep is None else table.filter(keep)
        for area, text, start, end in zip(*(opened[c].to_pylist() for c in ("area", "actividad", "inicio", "fin")),
                                          strict=True):
            detail.setdefault(area, []).append((str(text), start, end))
    rows: list[tuple[str, object, object, str, str, str]] = []
    for area, inicio, fin, n in _area_spans(table).itertuples(index=False):
        if len(rows) >= limit:
            break
        rows.append((f"{area} ({n})", inicio, fin, "area", f"{area}: {n} actividades", area))
        for text, start, end in detail.get(area, ()):
            if len(rows) >= limit:
                break
            rows.append((text, start, end, "actividad", text, area))
    return pd.DataFrame(rows, columns=["label", "inicio", "fin", "kind", "detail", "area"])
