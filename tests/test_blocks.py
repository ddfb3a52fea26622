"""charts/blocks.py: every block the pages show, built from the bundled plan and a 1,000-activity plan.

Every figure passes plotly's full validation; every categorical chart draws one row per category (plotly
folds equal category labels, so identity must be the full value and no two rows may read alike); a block
whose tables have errors says it is incomplete.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest

from charts import activities as acts
from charts import blocks
from charts.prepared import prepare
from domain.schema import validate
from loaders import load_workbook
from tests.builders import rows, workbook
from tests.conftest import TODAY


def every_block(p):
    yield blocks.budget_side(p, "Ingresos", False)
    yield blocks.budget_side(p, "Egresos", True)
    yield blocks.budget_flow(p)
    yield blocks.reconciliation(p)
    yield blocks.funding(p)
    yield blocks.donor_ends(p, date(2016, 5, 1))
    yield blocks.fund_cliff(p)
    yield blocks.staff(p)
    yield blocks.staff_units(p)
    view = blocks.activity_view(p, acts.Filters())
    yield blocks.calendar(p, view, None, TODAY)
    yield blocks.calendar(p, view, acts.ALL_AREAS, TODAY)
    yield blocks.month_load(p, view)


@pytest.fixture(scope="module", params=["bundled", "poa_1000"])
def plan(request, bundled_plan, plan_1000):
    return prepare(bundled_plan if request.param == "bundled" else plan_1000, TODAY)


def test_every_block_has_a_headline_and_a_table_as_declared(plan) -> None:
    for block in every_block(plan):
        assert block.headline and block.key
        assert block.table is not None and block.schema is not None
        assert tuple(block.table.columns) == block.schema.names, block.key
        assert block.incomplete == ""


def test_every_figure_passes_plotlys_full_validation(plan) -> None:
    """Builders skip validation for speed (charts/theme.py); here every property is checked, strictly."""
    for block in every_block(plan):
        if block.figure is None:
            continue
        checked = go.Figure(block.figure.to_dict())  # raises ValueError on any unknown property or bad value
        assert checked.layout.separators == ".,"
        assert checked.layout.title.text, block.key


def _categories(fig: go.Figure) -> tuple[int, int, int]:
    """(rows drawn, distinct categories, distinct displayed texts) of a categorical chart."""
    trace = fig.data[0]
    if trace.type == "sankey":
        labels = [t for t in trace.node.label if t]
        return len(labels), len(labels), len(set(labels))
    axis = fig.layout.yaxis
    if axis.showticklabels is False:  # each name on lines of its own, above its row (theme.named_rows)
        names = _row_names(fig)
        return len(names), len({y for t in fig.data for y in t.y}), len(set(names))
    if axis.ticktext is not None and axis.tickvals is not None:
        values = list(axis.tickvals)
        return len(values), len(set(values)), len(set(axis.ticktext))
    values = [y for t in fig.data for y in t.y]
    return len(values), len(set(values)), len(set(values))


def _row_names(fig: go.Figure) -> list[str]:
    """The names written above the rows of a chart whose y axis has no tick labels."""
    return [a.text for a in fig.layout.annotations if a.xref == "paper" and a.x == 0 and a.yref != "paper"]


EXPECTED = {  # block key -> rows it must draw, from the plan's tables
    "presupuesto_ingresos": lambda p: len(p.plan.tables["ingresos"]),
    "presupuesto_egresos": lambda p: len(p.plan.tables["egresos"]),
    # every classification (the middle node, the year's budget, is named under the title)
    "presupuesto_flujo": lambda p: len(p.plan.tables["ingresos"]) + len(p.plan.tables["egresos"]),
    "financiamiento_reparto": lambda p: 1 + len(p.plan.tables["donaciones"]),
    "financiamiento_fechas": lambda p: len(p.plan.tables["donaciones"]),
    "actividades_carga": lambda p: p.plan.tables["actividades"]["area"].nunique(),
}


def test_every_categorical_chart_draws_one_row_per_category(plan) -> None:
    checked = set()
    for block in every_block(plan):
        if block.figure is None or block.key == "personal_rangos":  # staff: one numeric row per tier, annotated
            continue
        drawn, distinct, texts = _categories(block.figure)
        assert drawn == distinct == texts, (block.key, drawn, distinct, texts)
        if block.key in EXPECTED:
            assert drawn == EXPECTED[block.key](plan), block.key
            checked.add(block.key)
        if block.key == "actividades_gantt":
            assert drawn == len(block.table)
    assert checked == set(EXPECTED)


def test_the_month_load_shows_all_fifteen_areas_of_the_bundled_plan(prepared) -> None:
    block = blocks.month_load(prepared, blocks.activity_view(prepared, acts.Filters()))
    assert len(block.figure.data[0].y) == len(set(block.figure.data[0].y)) == 15
    texts = _row_names(block.figure)
    assert len(set(texts)) == 15 and sum(t.startswith("Subdirección de") for t in texts) == 3


def test_every_canonical_table_meets_its_declaration(bundled_plan, plan_1000) -> None:
    from domain.schema import CANONICAL

    for plan in (bundled_plan, plan_1000):
        for name, frame in plan.tables.items():
            assert validate(CANONICAL[name], frame) == [], name


def test_a_table_with_errors_is_never_drawn_as_complete() -> None:
    def sheet(ws):
        rows(ws, 1, [["Clasificación presupuestaria ingresos", "Total"], ["Tasas y derechos", "$ 2,370,715.00"],
                     ["Venta de bienes y servicios", "s/m"], ["Saldos de años anteriores", "$ 3,126,136.06"]])
        rows(ws, 7, [["Clasificación presupuestaria egresos", "Total"], ["Remuneraciones", "$ 2,593,778.70"]])
    plan = prepare(load_workbook(workbook(("Presupuesto", sheet)), anio=2016), TODAY)
    ingresos = blocks.budget_side(plan, "Ingresos", False)
    assert ingresos.incomplete.startswith("Incompleto: la tabla de Ingresos tiene 1 error (el primero en hoja "
                                          "«Presupuesto», fila 3, columna Total (B))")
    assert ingresos.figure.layout.title.text == "Ingresos por clasificación (incompleto)"
    assert blocks.budget_flow(plan).incomplete and blocks.reconciliation(plan).incomplete
    egresos = blocks.budget_side(plan, "Egresos", False)
    assert egresos.incomplete == "" and "(incompleto)" not in egresos.figure.layout.title.text
