"""charts/timeline.py: donor end dates, the Gantt and the month heatmap (traces, values, marks, titles)."""

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from charts import donor_timeline, gantt, month_heatmap, views
from charts.activities import gantt_rows, month_load
from domain.folding import fold


@pytest.fixture(scope="module")
def plan(bundled_plan):
    return bundled_plan


def donors(plan):
    return views.donors(plan.tables["donaciones"], Decimal("7868489.38"), 2016)


def test_donor_timeline_marks_the_plan_year_and_today(plan) -> None:
    fig = donor_timeline(donors(plan), anio=2016, today=date(2016, 9, 15))
    bar = fig.data[0]
    assert list(bar.y) == ["AACID", "AMB", "Unión Europea/OPAMSS"]  # categories are the full names…
    assert list(fig.layout.yaxis.ticktext) == ["AACID", "AMB", "Unión<br>Europea/OPAMSS"]  # …only the text wraps
    assert list(fig.layout.xaxis.ticktext) == ["Ene", "Abr", "Jul", "Oct"]
    assert list(bar.text) == ["hasta 31/12/2016", "hasta 31/07/2016 · antes del cierre",
                              "hasta 31/07/2016 · antes del cierre"]
    assert bar.x[1] == 213 * 86_400_000  # 01/01 to 31/07/2016 inclusive
    assert fig.layout.shapes[0].type == "rect"  # the plan year
    assert any(a.text == "Hoy 15/09/2016" for a in fig.layout.annotations)


def test_donor_timeline_points_to_a_today_outside_the_plan(plan) -> None:
    fig = donor_timeline(donors(plan), anio=2016, today=date(2026, 11, 25))
    assert [a.text for a in fig.layout.annotations] == ["Hoy: 25/11/2026 →"]


def test_gantt_draws_areas_and_activities_with_donor_marks(plan) -> None:
    rows = gantt_rows(plan.tables["actividades"], open_areas={"Dirección Ejecutiva"})
    fig = gantt(rows, anio=2016, today=date(2016, 5, 2), marks=[(date(2016, 7, 31), "Fin de fondos AMB")])
    areas, acts = fig.data
    assert len(areas.y) == 15 and len(acts.y) == 6
    assert acts.base[0] == "2016-03-01" and acts.x[0] == 31 * 86_400_000  # Marzo
    texts = [a.text for a in fig.layout.annotations]
    assert texts[0] == "<b>Dirección Ejecutiva (6)</b>"  # names sit above their bars, as annotations
    assert "Fin de fondos AMB" in texts and "Hoy 02/05/2016" in texts
    assert list(fig.layout.xaxis.ticktext) == ["Ene", "Abr", "Jul", "Oct"]
    assert fig.layout.title.text == "Calendario por área"


def test_gantt_and_heatmap_empty_cases() -> None:
    empty = pd.DataFrame(columns=["label", "inicio", "fin", "kind", "detail", "area"])
    assert gantt(empty, anio=2016, today=date(2016, 1, 1)).data == ()
    assert month_heatmap(pd.DataFrame(), anio=2016).layout.annotations[0].text.startswith("Ninguna actividad")


def test_month_heatmap_values(plan) -> None:
    load = month_load(plan.tables["actividades"], 2016)
    fig = month_heatmap(load, anio=2016)
    heat = fig.data[0]
    assert list(fig.layout.xaxis.ticktext) == list("EFMAMJJASOND")
    assert heat.customdata[0][2] == ["Dirección Ejecutiva", "marzo"]
    assert sum(map(sum, heat.z)) == load.to_numpy().sum()
    assert heat.y[0] == "Dirección Ejecutiva" and len(set(heat.y)) == len(load) == 15
    assert fig.layout.title.text == "Carga mensual por área, 2016"


def test_the_calendar_colours_by_source_names_whole_and_marks_late_activities(plan) -> None:
    """Issue 11: whole names, a legend of funding sources in words, quarters, and the activities that run past
    their donor's end date marked and named in the headline."""
    from charts import activities as acts
    from charts import blocks
    from charts.prepared import prepare
    from charts.timeline import LATE_MARK

    prepared = prepare(plan, date(2016, 6, 1))
    view = blocks.activity_view(prepared, acts.Filters())
    block = blocks.calendar(prepared, view, None, date(2016, 6, 1))
    fig = block.figure
    legend = {t.name for t in fig.data if t.showlegend}
    assert {"Fondos propios OPAMSS", "AACID", "AMB", "Unión Europea/OPAMSS"} <= legend
    ticks = [a.text.replace("<br>", " ").replace("<b>", "").replace("</b>", "") for a in fig.layout.annotations
             if a.xref == "paper" and a.x == 0]
    assert len(ticks) == len(view.dated) + len(view.areas)  # 72 activities open under their 15 areas
    names = set(plan.tables["actividades"]["actividad"])
    assert all(t.removeprefix(LATE_MARK) in names for t in ticks if not t.endswith(")"))  # whole, never cut
    assert [a.text for a in fig.layout.annotations if a.text in ("T1", "T2", "T3", "T4")] == ["T1", "T2", "T3", "T4"]
    # Each name above its own bar: annotation i's baseline is above bar i's centre, below bar i-1's.
    centres = sorted(y for t in fig.data for y in t.y)
    baselines = [a.y for a in fig.layout.annotations if a.xref == "paper" and a.x == 0]
    assert all(b < c for b, c in zip(baselines, centres, strict=True))
    assert all(c < b for c, b in zip(centres, baselines[1:], strict=False))
    ends = {fold(d): e for d, e in zip(plan.tables["donaciones"]["donante"],
                                       plan.tables["donaciones"]["fecha_finalizacion"], strict=True)}
    late = acts.past_funds(view.dated, plan.tables["donaciones"])
    assert late and all(ends[fold(s)] < f for s, f in zip(*(
        plan.tables["actividades"].set_index("actividad").loc[late, c] for c in ("fuente_financiamiento", "fin")),
        strict=True))
    assert f"«{late[0][:50]}" in block.headline and "después del fin de los fondos de su donante" in block.headline
    assert sum(t.startswith(LATE_MARK) for t in ticks) == len(late)
