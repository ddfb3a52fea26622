"""charts/budget.py: budget, funding and staff charts: traces, values, titles and labels (no pixels)."""

from decimal import Decimal

import pandas as pd
import pytest

from charts import budget_flow, classification_bars, empty_figure, funding_split, staff_vs_ranges
from domain.checks import OwnFunds

OWN = OwnFunds(Decimal("6818481.04"), derived=False)


@pytest.fixture(scope="module")
def plan(bundled_plan):
    return bundled_plan


def test_classification_bars_amounts(plan) -> None:
    fig = classification_bars(plan.tables["ingresos"], side="Ingresos")
    assert fig.layout.title.text == "Ingresos por clasificación"
    bar = fig.data[0]
    assert list(bar.x) == plan.tables["ingresos"]["monto"].tolist()
    assert bar.text[-1] == "$3,126,136.06"  # exact, to the cent: no silent rounding on a bar
    assert fig.layout.xaxis.title.text == "Millones de dólares (US$)" and fig.layout.xaxis.ticktext[1] == "1"
    assert bar.customdata[-1][0] == "Saldos de años anteriores"
    assert bar.y[-1] == "Saldos de años anteriores"  # the category is the full name…
    assert fig.layout.annotations[-1].text == "Saldos de años anteriores"  # …written whole above its bar
    name = fig.layout.annotations[-1]  # its baseline is its bar's top: the name stands just above its bar
    assert name.yanchor == "bottom" and name.y == pytest.approx(6 + bar.offset) and bar.y[6] == bar.y[-1]
    assert fig.layout.yaxis.showticklabels is False  # the bars keep the chart's whole width
    assert fig.layout.separators == ".,"


def test_classification_bars_percent_share_one_scale(plan) -> None:
    fig = classification_bars(plan.tables["egresos"], side="Egresos", percent=True, xmax=39.73)
    assert sum(fig.data[0].x) == pytest.approx(100)
    assert fig.data[0].text[0] == "33.0 %"
    assert fig.layout.xaxis.ticksuffix == " %"
    assert fig.layout.xaxis.range[1] == pytest.approx(39.73 * 1.12)


def test_budget_flow_passes_through_the_years_budget(plan) -> None:
    fig = budget_flow(plan.tables["ingresos"], plan.tables["egresos"], anio=2016)
    sankey = fig.data[0]
    n_in, n_out = len(plan.tables["ingresos"]), len(plan.tables["egresos"])
    assert len(sankey.node.label) == n_in + 1 + n_out
    assert sankey.node.customdata[n_in] == "Presupuesto 2016"
    assert set(sankey.link.target[:n_in]) == {n_in} and set(sankey.link.source[n_in:]) == {n_in}
    assert sum(sankey.link.value[:n_in]) == pytest.approx(7868489.38)
    assert sum(sankey.link.value[n_in:]) == pytest.approx(7868489.37)


def test_funding_split_shows_the_plans_shares(plan) -> None:
    fig = funding_split(plan.tables["donaciones"], OWN)
    bar = fig.data[0]
    assert [c[0] for c in bar.customdata] == ["Fondos propios OPAMSS", "AACID", "AMB", "Unión Europea/OPAMSS"]
    assert list(bar.x) == [6818481.04, 883217.30, 90470.76, 76320.28]
    assert list(bar.text) == ["86.7 %", "11.2 %", "1.1 %", "1.0 %"]  # every donor labelled, even the slivers
    assert fig.layout.showlegend is False


def test_staff_vs_ranges_labels_in_text(plan) -> None:
    fig = staff_vs_ranges(plan.tables["personal"], plan.rangos)
    bar = fig.data[0]
    assert list(bar.hovertext) == ["directivo", "apoyo", "asesor", "operativo"]
    assert list(bar.customdata) == [7, 21, 12, 54]
    assert bar.text[0] == "7.45 % · sin rango"
    assert bar.text[1] == "22.34 % · dentro del rango (20–25 %)"
    notes = [a.text for a in fig.layout.annotations]
    assert notes[3] == "<b>operativo</b>: 54 plazas<br>57.45 % · dentro del rango (55–65 %)"
    assert [(s.x0, s.x1) for s in fig.layout.shapes] == [(20.0, 25.0), (10.0, 15.0), (55.0, 65.0)]


def test_staff_out_of_range_is_said_in_words() -> None:
    personal = pd.DataFrame({"nivel": ["apoyo", "operativo"], "unidad": ["", ""], "plazas": [1, 9]})
    fig = staff_vs_ranges(personal, {"apoyo": (20.0, 25.0), "operativo": (55.0, 65.0)})
    # The table orders tiers as the plan does: apoyo (10 %) before operativo (90 %).
    assert fig.data[0].text[0] == "10.00 % · fuera del rango (20–25 %)"
    assert fig.data[0].text[1] == "90.00 % · fuera del rango (55–65 %)"


@pytest.mark.parametrize("builder", [
    lambda: classification_bars(None, side="Ingresos"),
    lambda: budget_flow(None, None),
    lambda: funding_split(None, None),
    lambda: staff_vs_ranges(None, {}),
])
def test_missing_tables_give_an_explicit_empty_figure(builder) -> None:
    fig = builder()
    assert fig.data == ()
    assert fig.layout.annotations[0].text.startswith(("El libro no trae", "Hacen falta"))


def test_empty_figure_says_why() -> None:
    assert empty_figure("Nada que mostrar").layout.annotations[0].text == "Nada que mostrar"


def test_the_flow_names_every_node_whole_with_its_amount(plan) -> None:
    from charts.budget import budget_flow

    fig = budget_flow(plan.tables["ingresos"], plan.tables["egresos"], anio=2016)
    labels = list(fig.data[0].node.label)
    n_in = len(plan.tables["ingresos"])
    assert labels[n_in] == "" and fig.layout.title.subtitle.text == "<b>Presupuesto 2016</b>: $7,868,489.38"
    assert "…" not in "".join(labels)
    assert labels[0].endswith("<br>$2,370,715.00") and labels[0].replace("<br>", " ").startswith("Tasas y derechos")
    assert any(label.replace("<br>", " ").startswith("Recuperación de inversiones financieras") for label in labels)


def test_budget_names_are_whole_on_the_axis(plan) -> None:
    fig = classification_bars(plan.tables["egresos"], side="Egresos")
    shown = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    assert shown == [str(c) for c in plan.tables["egresos"]["clasificacion"]]
