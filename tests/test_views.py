"""charts/views.py: the tables shown next to the charts, derived from the canonical tables."""

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from charts import views
from domain.checks import OwnFunds
from domain.schema import FUENTES, NIVELES_VISTA, UNIDADES


def test_donors_say_which_funds_end_during_the_plan(bundled_plan) -> None:
    donors = views.donors(bundled_plan.tables["donaciones"], Decimal("7868489.38"), 2016)
    assert tuple(donors.columns) == FUENTES.names
    assert list(donors["fuente"]) == ["AACID", "AMB", "Unión Europea/OPAMSS"]
    assert donors["pct_donaciones"].sum() == pytest.approx(100)
    # AACID's funds last until 31/12/2016, the plan's last day: they cover the whole year.
    assert list(donors["termina_en_el_plan"]) == [False, True, True]


def test_funding_sources_put_own_funds_first_and_say_when_they_are_derived(bundled_plan) -> None:
    donaciones = bundled_plan.tables["donaciones"]
    stated = views.funding_sources(donaciones, OwnFunds(Decimal("6818481.04"), False), Decimal("7868489.38"), 2016)
    assert stated["fuente"].iloc[0] == "Fondos propios OPAMSS"
    assert stated["pct_presupuesto"].iloc[0] == pytest.approx(86.655, abs=1e-3)
    derived = views.funding_sources(donaciones, OwnFunds(Decimal("1.00"), True), Decimal("2.00"), 2016)
    assert derived["fuente"].iloc[0] == "Fondos propios OPAMSS (calculado)"


def test_staff_table(bundled_plan) -> None:
    table = views.staff(bundled_plan.tables["personal"], bundled_plan.rangos)
    assert tuple(table.columns) == NIVELES_VISTA.names
    assert list(table["plazas"]) == [7, 21, 12, 54]
    assert list(table["estado"]) == ["sin rango", "dentro del rango", "dentro del rango", "dentro del rango"]


def test_staff_units_pivot_in_the_workbooks_order() -> None:
    personal = pd.DataFrame({"nivel": ["directivo", "operativo", "apoyo", "operativo"],
                             "unidad": ["Dirección Ejecutiva", "Dirección Ejecutiva", "Informática", "Informática"],
                             "plazas": [2, 3, 1, 3]})
    units = views.staff_units(personal)
    assert tuple(units.columns) == UNIDADES.names
    assert list(units["unidad"]) == ["Dirección Ejecutiva", "Informática"]
    assert list(units["total"]) == [5, 4] and list(units["asesor"]) == [0, 0]
    assert views.staff_units(personal.assign(unidad="")).empty


def test_reconciliation_keeps_amounts_as_numbers(bundled_plan) -> None:
    from domain.checks import comparisons

    table = views.reconciliation(comparisons(bundled_plan.tables))
    egresos = table.loc[table["concepto"] == "Total Egresos"].iloc[0]
    assert (egresos["declarado"], egresos["lineas"], egresos["estado"]) == (7868489.38, 7868489.37, "no cuadra")
    assert egresos["diferencia"] == pytest.approx(-0.01)


def test_flow_passes_through_the_years_budget(bundled_plan) -> None:
    t = bundled_plan.tables
    flow = views.flow(t["ingresos"], t["egresos"], 2016)
    assert set(flow.loc[:6, "a"]) == {"Presupuesto 2016"} and set(flow.loc[7:, "de"]) == {"Presupuesto 2016"}


def test_fund_cliff_groups_by_donor(prepared) -> None:
    from charts.activities import fund_cliff

    t = prepared.plan.tables
    groups = views.donor_groups(fund_cliff(t["actividades"], t["donaciones"]))
    assert [g.donor for g in groups] == ["AACID", "AMB", "Unión Europea/OPAMSS"]
    assert [g.late for g in groups] == [0, 2, 1]
    assert groups[1].title == "AMB: 6 actividades, fondos hasta el 31/07/2016 — ⚠ 2 después del fin de sus fondos"
    assert all(isinstance(d, date) for d in groups[0].table["fecha_finalizacion"])
