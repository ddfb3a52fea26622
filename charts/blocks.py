"""What each page shows, block by block: a figure, its one-line headline and the table behind it.

A block is built once per workbook and state (ui.memo keys it on the builder, the workbook and the
arguments) and rendered by ui.render. The same blocks will feed the slides and the exports. Builders
take a `Prepared` plan first; when a table behind a block has errors, the block says it is incomplete.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from charts import activities as acts
from charts import headlines, views
from charts.budget import budget_flow as flow_figure
from charts.budget import classification_bars, execution_bars, execution_table, funding_split, staff_vs_ranges
from charts.prepared import Prepared
from charts.timeline import donor_timeline, gantt, month_heatmap
from domain.calendar import MONTHS_SHORT
from domain.fmt import join_names
from domain.issues import Severity
from domain.plan import LoadResult
from domain.schema import (
    ATRASADAS,
    AVANCE_AREAS,
    CALENDARIO,
    CARGA,
    CONCILIACION,
    EJECUCION_EGRESOS,
    EJECUCION_INGRESOS,
    FLUJO,
    FUENTES,
    LINEAS,
    NIVELES_VISTA,
    PRECIPICIO,
    TABLE_LABELS,
    UNIDADES,
    Table,
)


@dataclass(frozen=True, eq=False)
class Block:
    key: str  # stable: the widget key on the page, later the export file's stem
    headline: str  # one sentence computed from the numbers; also the chart's text alternative
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None  # the table behind the figure, columns as in `schema`
    schema: Table | None = None
    incomplete: str = ""  # when errors left lines out of the tables behind it: says so, in words
    note: str = ""  # what the figure leaves out on purpose and how to see it (a slide's calendar of areas only)


def incomplete_note(plan: LoadResult, *tables: str) -> str:
    """'Incompleto: la tabla de Ingresos tiene 1 error (hoja «Ingresos», fila 3)…', or '' when complete."""
    broken = plan.incomplete()
    parts = []
    for table in tables:
        if broken.get(table):
            first = next(e for e in plan.errors if e.table == table)
            where = first.place.words()
            parts.append(f"la tabla de {TABLE_LABELS[table]} tiene {Severity.ERROR.quantity(broken[table])}"
                         + (f" (el primero en {where})" if where else ""))
    if not parts:
        return ""
    return (f"Incompleto: {join_names(parts)}. Lo que dicen esas filas no está en este gráfico ni en sus "
            "totales; vea la revisión del libro.")


def _block(key: str, headline: str, figure: go.Figure | None, table: pd.DataFrame | None, schema: Table | None,
           plan: LoadResult, *tables: str) -> Block:
    note = incomplete_note(plan, *tables)
    if note and figure is not None and figure.layout.title.text:
        figure.layout.title.text = f"{figure.layout.title.text} (incompleto)"
    return Block(key=key, headline=headline, figure=figure, table=table, schema=schema, incomplete=note)


# ---------------------------------------------------------------- Presupuesto

def budget_side(p: Prepared, side: str, percent: bool, chars: int | None = None) -> Block:
    """Ingresos or Egresos by classification, drawn on one scale with the other side (names wrapped at `chars`
    when the screen is known: a slide)."""
    table = side.lower()
    t = p.plan.tables
    frame = t.get(table)
    scale = [views.shares(f, "monto").max() if percent else f["monto"].max()
             for f in (t.get("ingresos"), t.get("egresos")) if f is not None and not f.empty]
    total = p.summary.ingresos_total if table == "ingresos" else p.summary.egresos_total
    return _block(f"presupuesto_{table}", headlines.budget_side(frame, side, total),
                  classification_bars(frame, side=side, percent=percent, xmax=float(max(scale)) if scale else None,
                                      chars=chars),
                  views.budget_lines(frame), LINEAS, p.plan, table)


def budget_flow(p: Prepared, chars: int | None = None) -> Block:
    t = p.plan.tables
    ingresos, egresos = t.get("ingresos"), t.get("egresos")
    return _block("presupuesto_flujo",
                  headlines.budget_flow(p.summary.ingresos_total, p.summary.egresos_total,
                                        0 if egresos is None else len(egresos)),
                  flow_figure(ingresos, egresos, anio=p.anio, chars=chars), views.flow(ingresos, egresos, p.anio),
                  FLUJO, p.plan, "ingresos", "egresos")


def budget_execution(p: Prepared, side: str) -> Block:
    """A follow-up's budget against what was executed (Egresos) or collected (Ingresos), per classification."""
    table = side.lower()
    rows = execution_table(p.plan.tables.get(table))
    corte = p.summary.fecha_corte
    return _block(f"presupuesto_ejecucion_{table}", headlines.execution(rows, side, corte),
                  execution_bars(rows, side=side, corte=corte), rows,
                  EJECUCION_INGRESOS if table == "ingresos" else EJECUCION_EGRESOS, p.plan, table)


def reconciliation(p: Prepared) -> Block:
    return _block("presupuesto_totales", headlines.reconciliation(p.summary.checks), None,
                  views.reconciliation(p.summary.checks), CONCILIACION, p.plan, "ingresos", "egresos", "donaciones")


# ---------------------------------------------------------------- Financiamiento

def funding(p: Prepared) -> Block:
    s, t = p.summary, p.plan.tables
    return _block("financiamiento_reparto", headlines.funding(s.fondos_propios, s.donaciones_total, s.presupuesto),
                  funding_split(t.get("donaciones"), s.fondos_propios),
                  views.funding_sources(t.get("donaciones"), s.fondos_propios, s.presupuesto, p.anio), FUENTES,
                  p.plan, "donaciones")


def donor_ends(p: Prepared, today: date) -> Block:
    donors = views.donors(p.plan.tables.get("donaciones"), p.summary.presupuesto, p.anio)
    return _block("financiamiento_fechas", headlines.donor_ends(donors, p.anio),
                  donor_timeline(donors, anio=p.anio, today=today), donors, FUENTES, p.plan, "donaciones")


def fund_cliff(p: Prepared) -> Block:
    """The activities each donor funds, those past the end of its funds first (no figure: a list per donor)."""
    t = p.plan.tables
    cliff = acts.fund_cliff(t.get("actividades"), t.get("donaciones"))
    return _block("financiamiento_actividades", headlines.fund_cliff(cliff), None, cliff, PRECIPICIO, p.plan,
                  "actividades", "donaciones")


# ---------------------------------------------------------------- Personal

def staff(p: Prepared) -> Block:
    personal = p.plan.tables.get("personal")
    table = views.staff(personal, p.plan.rangos)
    return _block("personal_rangos", headlines.staff(table), staff_vs_ranges(personal, p.plan.rangos), table,
                  NIVELES_VISTA, p.plan, "personal")


def staff_units(p: Prepared) -> Block:
    table = views.staff_units(p.plan.tables.get("personal"))
    return _block("personal_unidades", headlines.staff_units(table), None, table, UNIDADES, p.plan, "personal")


# ---------------------------------------------------------------- Actividades

def activity_view(p: Prepared, filters: acts.Filters) -> acts.ActivityView:
    return acts.view(p.activities, filters)


def calendar(p: Prepared, view: acts.ActivityView, pick: str | None, today: date,
             beside: int | None = None) -> Block:
    """The Gantt for the filtered activities, the chosen area open (every area when there are few; none for
    `acts.ONLY_AREAS`); `beside`: names left of the bars, wrapped at that many characters (a slide)."""
    donaciones = p.plan.tables.get("donaciones")
    rows = acts.gantt_rows(view.dated, open_areas=acts.open_areas(len(view.dated), pick), donaciones=donaciones)
    marks = acts.donor_marks(donaciones, p.anio)
    headline = headlines.gantt(shown=len(view.dated), areas=len(view.areas), undated=len(view.undated),
                               whole_year=view.whole_year, late=acts.past_funds(view.dated, donaciones))
    return _block("actividades_gantt", headline,
                  gantt(rows, anio=p.activities.anio, today=today, marks=marks, beside=beside),
                  rows.loc[:, list(CALENDARIO.names)], CALENDARIO, p.plan, "actividades")


def month_load(p: Prepared, view: acts.ActivityView, beside: int | None = None) -> Block:
    load = view.load
    table = load.rename(columns=dict(enumerate(MONTHS_SHORT, start=1))).reset_index()
    return _block("actividades_carga", headlines.month_load(load),
                  month_heatmap(load, anio=p.activities.anio, beside=beside),
                  table[list(CARGA.names)], CARGA, p.plan, "actividades")


def activity_progress(p: Prepared, view: acts.ActivityView, today: date) -> Block:
    """A follow-up's progress per area (each activity weighs the same) against what the cut-off expects."""
    corte = acts.cutoff(p.summary.fecha_corte, p.activities.anio, today)
    rows = acts.progress(view.filtered, p.activities.anio, corte.when)
    by_area = acts.progress_by_area(rows)
    return _block("actividades_avance",
                  headlines.progress(by_area, int((rows["brecha"] < 0).sum()), corte.when, corte.source),
                  acts.progress_figure(by_area, corte), by_area[list(AVANCE_AREAS.names)], AVANCE_AREAS, p.plan,
                  "actividades")


def activities_behind(p: Prepared, view: acts.ActivityView, today: date) -> Block:
    """The activities whose progress is below the share of their own dates elapsed at the cut-off."""
    corte = acts.cutoff(p.summary.fecha_corte, p.activities.anio, today)
    late = acts.behind(acts.progress(view.filtered, p.activities.anio, corte.when))
    return _block("actividades_atrasadas", headlines.behind(len(late), corte.when), None,
                  late[list(ATRASADAS.names)], ATRASADAS, p.plan, "actividades")
