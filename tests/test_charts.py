"""Chart builders: traces, values, titles and labels from the canonical tables (no pixels)."""

from pathlib import Path

import pandas as pd
import pytest

from charts import empty_figure, funding_split, income_vs_expense, staff_vs_ranges
from loaders import load_workbook

BUNDLED = Path(__file__).parents[1] / "data" / "plan_accion_2016.xlsx"


@pytest.fixture(scope="module")
def plan():
    return load_workbook(BUNDLED)


def test_income_vs_expense_amounts(plan) -> None:
    fig = income_vs_expense(plan.tables["ingresos"], plan.tables["egresos"])
    assert [t.name for t in fig.data] == ["Ingresos", "Egresos"]
    assert list(fig.data[0].x) == plan.tables["ingresos"]["monto"].tolist()
    assert fig.data[1].y[0] == "Remuneraciones"
    assert fig.layout.title.text == "Ingresos y egresos por clasificación"
    assert fig.layout.separators == ".,"


def test_income_vs_expense_percent_adds_to_100(plan) -> None:
    fig = income_vs_expense(plan.tables["ingresos"], plan.tables["egresos"], percent=True)
    assert sum(fig.data[0].x) == pytest.approx(100)
    assert fig.layout.xaxis.ticksuffix == " %"


def test_funding_split_shows_the_plans_shares(plan) -> None:
    fig = funding_split(plan.tables["donaciones"], 6818481.04)
    assert [t.name for t in fig.data] == ["Fondos propios OPAMSS", "AACID", "AMB", "Unión Europea/OPAMSS"]
    assert fig.data[0].x[0] == 6818481.04
    assert fig.data[0].text[0] == "86.7 %" and fig.data[1].text[0] == "11.2 %"


def test_staff_vs_ranges_labels_in_text(plan) -> None:
    fig = staff_vs_ranges(plan.tables["personal"], plan.rangos)
    bar = fig.data[0]
    assert list(bar.y) == ["directivo", "apoyo", "asesor", "operativo"]
    assert list(bar.customdata) == [7, 21, 12, 54]
    assert bar.text[0] == "7.45 % · sin rango"
    assert bar.text[1] == "22.34 % · dentro del rango (20–25 %)"
    assert len(fig.layout.shapes) == 3


def test_staff_out_of_range_is_said_in_words() -> None:
    personal = pd.DataFrame({"nivel": ["apoyo", "operativo"], "unidad": ["", ""], "plazas": [1, 9]})
    fig = staff_vs_ranges(personal, {"apoyo": (20.0, 25.0), "operativo": (55.0, 65.0)})
    assert fig.data[0].text[0].endswith("fuera del rango (20–25 %)")


@pytest.mark.parametrize("builder", [
    lambda: income_vs_expense(None, None),
    lambda: funding_split(None, None),
    lambda: staff_vs_ranges(None, {}),
])
def test_missing_tables_give_an_explicit_empty_figure(builder) -> None:
    fig = builder()
    assert fig.data == () and fig.layout.annotations[0].text.startswith("El libro no trae")


def test_empty_figure_says_why() -> None:
    assert empty_figure("Nada que mostrar").layout.annotations[0].text == "Nada que mostrar"
