"""The POA's activities as the pages see them: filters, search, the month load, the Gantt rows and its
collapse policy, and the activities each donor funds. Pure pyarrow/pandas.

The activity functions take a DataFrame or an Arrow table; the pages filter Arrow tables (no pandas copies).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import ClassVar

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.compute as pc

from charts.theme import PALETTE, categories, category_axis, empty_figure, figure, short_label
from domain.calendar import donor_ends_in_plan, plan_end, plan_start
from domain.fmt import fecha, join_names, shorten
from domain.folding import fold
from domain.schema import ACTIVIDADES, PRECIPICIO

# Columns a search in the POA matrix looks through.
SEARCHED = ("actividad", "area", "objetivo_estrategico", "objetivo_especifico", "resultado", "indicador",
            "fuente_verificacion", "responsable", "fuente_financiamiento", "riesgo", "tiempo")
# The Gantt's collapse policy: up to DETAIL_LIMIT dated activities every area is open; above it one row per
# area, and the reader opens one area (or all). Never more than ROW_LIMIT bars in one calendar.
DETAIL_LIMIT = 100
ROW_LIMIT = 120
ALL_AREAS = "Todas las áreas"
ONLY_AREAS = "Solo las áreas"  # one row per area, none open (a slide where the activities would not fit)
NO_AREA = "Sin área"


@dataclass(frozen=True)
class Filters:
    """What a reader chose on the activities page (empty = all). Hashable: it keys the memoised views."""

    area: tuple[str, ...] = ()
    objetivo: tuple[str, ...] = ()
    responsable: tuple[str, ...] = ()
    fuente: tuple[str, ...] = ()
    query: str = ""

    COLUMNS: ClassVar[dict[str, str]] = {"area": "area", "objetivo": "objetivo_estrategico",
                                         "responsable": "responsable", "fuente": "fuente_financiamiento"}
    SEARCH_PARAM: ClassVar[str] = "buscar"  # in an address, each chosen filter is its name, the search this

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> Filters:
        """The filters an address names (`?area=A&area=B&responsable=U&buscar=agua`); other parameters ignored."""
        chosen = {name: tuple(dict.fromkeys(v for v in params.get(name, ()) if v and v.strip()))
                  for name in cls.COLUMNS}
        return cls(**chosen, query=" ".join(params.get(cls.SEARCH_PARAM, ())).strip())

    @classmethod
    def params_named(cls) -> tuple[str, ...]:
        return (*cls.COLUMNS, cls.SEARCH_PARAM)

    def params(self) -> list[tuple[str, str]]:
        """These filters as address parameters, the inverse of `from_params`."""
        pairs = [(name, value) for name, values in self.chosen().items() for value in values]
        return pairs + ([(self.SEARCH_PARAM, self.query.strip())] if self.query.strip() else [])

    @classmethod
    def label(cls, name: str) -> str:
        """The filter's label: the column's display label from the schema."""
        return ACTIVIDADES.column(cls.COLUMNS[name]).label

    def chosen(self) -> dict[str, tuple[str, ...]]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "query"}

    @property
    def active(self) -> bool:
        return bool(self.query.strip()) or any(self.chosen().values())

    def words(self) -> str:
        """The filters in words, for what an export holds: 'Área: A, B; búsqueda «agua»', or '' for none."""
        parts = [f"{self.label(name)}: {join_names(list(values))}" for name, values in self.chosen().items() if values]
        if self.query.strip():
            parts.append(f"búsqueda «{self.query.strip()}»")
        return "; ".join(parts)


Frame = pd.DataFrame | pa.Table


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
    """domain.folding.fold in Arrow: NFKD, combining marks dropped, lower case, single spaces."""
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


def select(actividades: Frame, index: pa.Array | None = None, filters: Filters = Filters()) -> np.ndarray:
    """Boolean mask of the activities matching every chosen filter (empty = all) and the search text."""
    mask = np.ones(len(actividades), dtype=bool)
    for name, values in filters.chosen().items():
        if values:
            wanted = pa.array(list(values), pa.string())
            mask &= pc.fill_null(pc.is_in(_col(actividades, Filters.COLUMNS[name]), wanted), False).to_numpy(
                zero_copy_only=False)
    needle = fold(filters.query.strip()) if filters.query else ""
    if needle:
        index = index if index is not None else search_index(actividades)
        mask &= pc.match_substring(index, needle).to_numpy(zero_copy_only=False)
    return mask


def dated(actividades: Frame) -> np.ndarray:
    """Activities with both dates (the others are listed apart, never dropped)."""
    both = pc.and_(pc.is_valid(_col(actividades, "inicio")), pc.is_valid(_col(actividades, "fin")))
    return both.to_numpy(zero_copy_only=False)


def _areas(actividades: Frame, keep: np.ndarray) -> pa.Array:
    return pc.fill_null(_col(actividades, "area").filter(pa.array(keep)), NO_AREA)


def _month_numbers(values: pa.Array, anio: int) -> np.ndarray:
    """Months since January of the plan year (0 = January); -10**6 where there is no date."""
    months = pc.add(pc.multiply(pc.subtract(pc.year(values), anio), 12), pc.subtract(pc.month(values), 1))
    return pc.fill_null(months, -10**6).to_numpy(zero_copy_only=False)


def month_load(actividades: Frame, anio: int) -> pd.DataFrame:
    """Activities under way in each month of the plan year, by area (rows in the plan's order, full names)."""
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


def whole_year(dated_table: pa.Table, anio: int) -> int:
    """How many dated activities last the whole plan year."""
    if not len(dated_table):
        return 0
    return pc.sum(pc.and_(pc.less_equal(dated_table["inicio"], pa.scalar(plan_start(anio))),
                          pc.greater_equal(dated_table["fin"], pa.scalar(plan_end(anio))))).as_py() or 0


def plan_year(anio: int | None, actividades: pd.DataFrame, today: date) -> int:
    """The plan year, or the year most activities start in when the workbook omits it (else this year)."""
    if anio:
        return anio
    years = pd.Series([d.year for d in actividades["inicio"].dropna()])
    return int(years.mode().iloc[0]) if len(years) else today.year


@dataclass(frozen=True, eq=False)
class ActivityIndex:
    """What the activities page derives from a workbook once: Arrow table, search index, filter options."""

    table: pa.Table
    index: pa.Array
    options: dict[str, list[str]]
    anio: int
    load: pd.DataFrame  # the month load of every activity


def index_activities(actividades: pd.DataFrame, anio: int) -> ActivityIndex:
    table = pa.Table.from_pandas(actividades, preserve_index=False)
    return ActivityIndex(table=table, index=search_index(table),
                         options={name: options(table, column) for name, column in Filters.COLUMNS.items()},
                         anio=anio, load=month_load(table, anio))


@dataclass(frozen=True, eq=False)
class ActivityView:
    """The activities a filter state selects, split by whether they have dates, and their month load."""

    filters: Filters
    filtered: pa.Table
    dated: pa.Table
    undated: pa.Table
    areas: list[str] = field(default_factory=list)  # areas with dated activities, in the plan's order
    whole_year: int = 0
    load: pd.DataFrame | None = None

    @property
    def cache_key(self) -> tuple:
        """What identifies this view within one workbook: its filters (ui.memo keys on it)."""
        return ("ActivityView", self.filters)


def view(activities: ActivityIndex, filters: Filters) -> ActivityView:
    table = activities.table
    mask = select(table, activities.index, filters)
    filtered = table if mask.all() else table.filter(pa.array(mask))
    has_dates = dated(filtered)
    with_dates = filtered.filter(pa.array(has_dates))
    load = activities.load if filtered is table else month_load(filtered, activities.anio)
    return ActivityView(filters=filters, filtered=filtered, dated=with_dates,
                        undated=filtered.filter(pa.array(~has_dates)), areas=options(with_dates, "area"),
                        whole_year=whole_year(with_dates, activities.anio), load=load)


def needs_area_picker(n_dated: int) -> bool:
    return n_dated > DETAIL_LIMIT


def open_areas(n_dated: int, pick: str | None) -> set[str] | None:
    """Which areas the Gantt opens: all (None) when there are few activities or the reader asks for all."""
    if pick == ONLY_AREAS:
        return set()
    if not needs_area_picker(n_dated) or pick == ALL_AREAS:
        return None
    return {pick} if pick else set()


def _area_spans(table: pa.Table) -> pd.DataFrame:
    """Per area (plan order): earliest start, latest end and the number of dated activities."""
    grouped = table.group_by("area", use_threads=False).aggregate(
        [("inicio", "min"), ("fin", "max"), ("inicio", "count")])
    return pd.DataFrame({"area": grouped["area"].to_pylist(), "inicio": grouped["inicio_min"].to_pylist(),
                         "fin": grouped["fin_max"].to_pylist(), "actividades": grouped["inicio_count"].to_pylist()})


def gantt_rows(actividades: Frame, *, open_areas: set[str] | None = None, limit: int = ROW_LIMIT,
               donaciones: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows for the Gantt: one per area, and under each open area its activities, at most `limit` rows.

    `open_areas=None` opens every area. Only dated activities are drawn; the rest are listed apart. Each
    activity row says its funding source and whether it runs past its donor's end date (`runs_past`).
    """
    has = pa.array(dated(actividades))
    sources = (_col(actividades, "fuente_financiamiento").filter(has) if "fuente_financiamiento" in _names(actividades)
               else pa.nulls(int(pc.sum(has).as_py() or 0), pa.string()))
    table = pa.table({"area": _areas(actividades, has), "fuente": sources,
                      "tarde": runs_past(actividades, donaciones).filter(has),
                      **{name: _col(actividades, name).filter(has) for name in ("actividad", "inicio", "fin")}})
    detail: dict[str, list[tuple[str, object, object, str | None, bool]]] = {}
    keep = None if open_areas is None else pc.is_in(table["area"], pa.array(sorted(open_areas), pa.string()))
    if keep is None or pc.any(keep).as_py():
        opened = table if keep is None else table.filter(keep)
        for area, text, start, end, source, late in zip(
                *(opened[c].to_pylist() for c in ("area", "actividad", "inicio", "fin", "fuente", "tarde")),
                strict=True):
            detail.setdefault(area, []).append((str(text), start, end, source, late))
    rows: list[tuple] = []
    for area, inicio, fin, n in _area_spans(table).itertuples(index=False):
        if len(rows) >= limit:
            break
        rows.append((f"{area} ({n})", inicio, fin, "area", f"{area}: {n} actividades", area, None, False))
        for text, start, end, source, late in detail.get(area, ()):
            if len(rows) >= limit:
                break
            rows.append((text, start, end, "actividad", text, area, source, late))
    return pd.DataFrame(rows, columns=["label", "inicio", "fin", "kind", "detail", "area", "fuente", "tarde"])


def past_funds(actividades: Frame, donaciones: pd.DataFrame | None) -> list[str]:
    """The names of the activities that run past their donor's end date."""
    return [str(a) for a in _col(actividades, "actividad").filter(runs_past(actividades, donaciones)).to_pylist()]


def runs_past(actividades: Frame, donaciones: pd.DataFrame | None) -> pa.Array:
    """Per activity, whether it ends after the funds of the donor its source names (all false without one)."""
    match = _donor_match(actividades, donaciones)
    if match is None:
        return pa.array(np.zeros(len(_col(actividades, "actividad")), dtype=bool))
    return _past(_col(actividades, "fin"), _donor_column(match, 1))


def _past(fin: pa.Array, until: pa.Array) -> pa.Array:
    return pc.fill_null(pc.greater(fin, until), False)  # domain.calendar.runs_past_funds, vectorised


@dataclass(frozen=True)
class _DonorMatch:
    """Which donor funds each activity: its funding source, folded, is a donor's name."""

    sources: list[str]  # the activities' sources (as written) that name a donor
    which: pa.Array  # per activity, its index in `sources` (null: not a donor)
    donors: dict[str, tuple[str, date | None]]  # folded name -> (the donor as written, its end date)


def _donor_match(actividades: Frame, donaciones: pd.DataFrame | None) -> _DonorMatch | None:
    if donaciones is None or donaciones.empty or "fuente_financiamiento" not in _names(actividades):
        return None
    donors = {fold(d): (d, end if isinstance(end, date) else None)
              for d, end in zip(donaciones["donante"], donaciones["fecha_finalizacion"], strict=True)}
    sources = [s for s in options(actividades, "fuente_financiamiento") if fold(s) in donors]
    if not sources:
        return None
    return _DonorMatch(sources, pc.index_in(_col(actividades, "fuente_financiamiento"), pa.array(sources, pa.string())),
                       donors)


def _donor_column(match: _DonorMatch, part: int) -> pa.Array:
    """Per activity, its donor's name (part 0) or end date (part 1); null where no donor funds it."""
    values = [match.donors[fold(s)][part] for s in match.sources]
    return pc.take(pa.array(values, pa.string() if part == 0 else pa.date32()), match.which)


def donor_marks(donaciones: pd.DataFrame | None, anio: int | None) -> list[tuple[date, str]]:
    """One Gantt mark per date on which donors' funds end during the plan (the one rule of domain.calendar)."""
    if donaciones is None or donaciones.empty:
        return []
    ending: dict[date, list[str]] = {}
    for donor, end in zip(donaciones["donante"], donaciones["fecha_finalizacion"], strict=True):
        if donor_ends_in_plan(end, anio):
            ending.setdefault(end, []).append(shorten(donor, 14))
    return [(end, f"Fin de fondos {join_names(names)}") for end, names in sorted(ending.items())]


STATE_LATE = "⚠ termina después del fin de los fondos"
STATE_IN_TIME = "dentro del plazo"


def fund_cliff(actividades: pd.DataFrame | None, donaciones: pd.DataFrame | None) -> pd.DataFrame:
    """Activities funded by each donor, flagging those that end after the donor's funds do."""
    columns = list(PRECIPICIO.names)
    match = None if actividades is None or actividades.empty else _donor_match(actividades, donaciones)
    if match is None:
        return pd.DataFrame(columns=columns)
    funded = pc.is_valid(match.which)
    which = match.which.filter(funded)
    donor = _donor_column(match, 0).filter(funded)
    end = _donor_column(match, 1).filter(funded)
    fin = _col(actividades, "fin").filter(funded)
    late = _past(fin, end)
    out = pa.table({"estado": pc.if_else(late, STATE_LATE, STATE_IN_TIME), "donante": donor,
                    "fecha_finalizacion": end,
                    **{c: _col(actividades, c).filter(funded) for c in ("area", "actividad", "tiempo", "inicio")},
                    "fin": fin, "despues_del_fin": late})
    # Per donor (in the donations' order), the activities past the end first, then the plan's order.
    order = {name: i for i, name in enumerate(donaciones["donante"])}
    rank = pc.take(pa.array([order[match.donors[fold(s)][0]] for s in match.sources], pa.int64()), which)
    out = out.append_column("_rank", rank).append_column("_row", pa.array(np.arange(len(out))))
    out = out.sort_by([("_rank", "ascending"), ("despues_del_fin", "descending"), ("_row", "ascending")])
    frame = out.drop_columns(["_rank", "_row"]).to_pandas(types_mapper=pd.ArrowDtype)
    frame["despues_del_fin"] = frame["despues_del_fin"].astype(bool)
    return frame


# ---------------------------------------------------------------- a follow-up's progress (avance)

@dataclass(frozen=True)
class Cutoff:
    """The date progress is judged at, and where it comes from (said on the page)."""

    when: date
    source: str  # 'la fecha de corte del libro', 'hoy', 'el cierre del plan'


def cutoff(fecha_corte: date | None, anio: int, today: date) -> Cutoff:
    """The workbook's cut-off date; without one, today while the plan year runs, else the plan's last day."""
    if fecha_corte is not None:
        return Cutoff(fecha_corte, "la fecha de corte del libro")
    if today < plan_start(anio):
        return Cutoff(plan_start(anio), "el inicio del plan")
    if today > plan_end(anio):
        return Cutoff(plan_end(anio), "el cierre del plan")
    return Cutoff(today, "hoy")


def has_progress(actividades: Frame | None) -> bool:
    """The workbook gives a % of progress for at least one activity (a follow-up)."""
    return (actividades is not None and "avance" in _names(actividades)
            and pc.any(pc.is_valid(_col(actividades, "avance"))).as_py() is True)


def expected_progress(actividades: Frame, anio: int, corte: date) -> np.ndarray:
    """The rule for 'behind schedule': the share (0–100) of each activity's own dates elapsed at the cut-off,
    or of the plan year for an activity without dates."""
    start = pc.fill_null(_col(actividades, "inicio"), pa.scalar(plan_start(anio))).to_numpy(zero_copy_only=False)
    end = pc.fill_null(_col(actividades, "fin"), pa.scalar(plan_end(anio))).to_numpy(zero_copy_only=False)
    start, end = start.astype("datetime64[D]"), end.astype("datetime64[D]")
    at = np.datetime64(corte, "D")
    span = (end - start).astype(np.int64) + 1
    done = (at - start).astype(np.int64) + 1
    return np.clip(done / np.maximum(span, 1), 0, 1) * 100


def progress(actividades: Frame, anio: int, corte: date) -> pd.DataFrame:
    """Every activity with a progress figure: area, name, dates, progress, expected at the cut-off and the gap."""
    has = pc.is_valid(_col(actividades, "avance"))
    table = pa.table({"area": pc.fill_null(_col(actividades, "area"), NO_AREA),
                      **{c: _col(actividades, c) for c in ("actividad", "inicio", "fin", "avance")}}).filter(has)
    frame = table.to_pandas()
    frame["avance"] = frame["avance"].astype(float)
    frame["esperado"] = expected_progress(table, anio, corte).round(1)
    frame["brecha"] = (frame["avance"] - frame["esperado"]).round(1)
    return frame


def progress_by_area(rows: pd.DataFrame) -> pd.DataFrame:
    """Per area (plan order): activities with progress, their average progress (each activity weighs the same),
    the average expected at the cut-off and how many are behind."""
    grouped = rows.assign(atrasadas=rows["brecha"] < 0).groupby("area", sort=False)
    out = grouped.agg(actividades=("avance", "size"), avance=("avance", "mean"), esperado=("esperado", "mean"),
                      atrasadas=("atrasadas", "sum")).reset_index()
    out[["avance", "esperado"]] = out[["avance", "esperado"]].round(1)
    return out


def behind(rows: pd.DataFrame) -> pd.DataFrame:
    """The activities behind schedule, the largest gap first."""
    late = rows[rows["brecha"] < 0]
    return late.sort_values("brecha", kind="stable").reset_index(drop=True)


def progress_figure(by_area: pd.DataFrame, corte: Cutoff) -> go.Figure:
    """Average progress per area against what the cut-off expects (bars and a marker per area)."""
    if by_area.empty:
        return empty_figure("El libro no trae el avance de ninguna actividad.")
    rows = categories(by_area["area"])
    data = [
        {"type": "bar", "orientation": "h", "y": rows, "x": by_area["avance"].tolist(), "name": "Avance promedio",
         "marker": {"color": PALETTE[0]}, "text": [f"{v:,.1f} %" for v in by_area["avance"]],
         "textposition": "auto", "hovertemplate": "%{x:,.1f} %<extra>Avance promedio</extra>"},
        {"type": "scatter", "mode": "markers", "y": rows, "x": by_area["esperado"].tolist(),
         "name": f"Esperado al {fecha(corte.when)}", "marker": {"symbol": "line-ns-open", "size": 22,
                                                                "color": PALETTE[3], "line": {"width": 3}},
         "hovertemplate": "%{x:,.1f} %<extra>Esperado al corte</extra>"},
    ]
    layout = {"xaxis": {"range": [0, 105], "ticksuffix": " %", "title": {"text": "Avance"}},
              "yaxis": {**category_axis(rows, 28, short_label), "autorange": "reversed"}}
    return figure(data, layout, title=f"Avance por área al {fecha(corte.when)}",
                  height=max(260, 120 + 42 * len(rows)))
