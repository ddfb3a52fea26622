"""Derived tables and headlines: exact sums, the fund cliff, filters, the month load, the sentences."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from charts import derive, headlines
from charts.fmt import fecha, money, shorten, wrap
from loaders import load_workbook

BUNDLED = Path(__file__).parents[1] / "data" / "plan_accion_2016.xlsx"


@pytest.fixture(scope="module")
def plan():
    return load_workbook(BUNDLED)


def test_formats_are_el_salvadors() -> None:
    assert money(Decimal("7868489.38")) == "$7,868,489.38"
    assert money(Decimal("-0.01")) == "-$0.01"
    assert fecha(date(2016, 7, 31)) == "31/07/2016"
    assert shorten("Subdirección de Control del Desarrollo Urbano", 24) == "Subdirección de Control…"
    assert wrap("Recuperación de inversiones financieras", 22) == "Recuperación de<br>inversiones…"


def test_reconciliation_shows_the_one_cent_gap(plan) -> None:
    checks = {c.concepto: c for c in derive.reconciliation(plan.tables)}
    egresos = checks["Total Egresos"]
    assert (egresos.declarado, egresos.lineas, egresos.diferencia) == (
        Decimal("7868489.38"), Decimal("7868489.37"), Decimal("-0.01"))
    assert checks["Total Ingresos"].cuadra and checks["Total donaciones"].cuadra
    assert checks["Total general (fondos propios + donaciones)"].cuadra
    assert headlines.reconciliation(list(checks.values())) == (
        "3 de 4 totales cuadran al centavo; Total Egresos difiere en $0.01.")


def test_funding_headline(plan) -> None:
    t = plan.tables
    assert derive.own_funds(t) == Decimal("6818481.04")
    text = headlines.funding(derive.own_funds(t), Decimal("1050008.34"), derive.budget_total(t))
    assert text == ("Las donaciones financian el 13.3 % del presupuesto ($1,050,008.34); el 86.7 % son fondos "
                    "propios de OPAMSS ($6,818,481.04).")


def test_donors_and_their_end_dates(plan) -> None:
    donors = derive.donors(plan.tables, 2016)
    assert list(donors["donante"]) == ["AACID", "AMB", "Unión Europea/OPAMSS"]
    assert donors["pct_donaciones"].sum() == pytest.approx(100)
    assert donors["termina_en_el_plan"].all()
    assert headlines.donor_ends(donors, 2016) == (
        "Los fondos de AMB y Unión Europea/OPAMSS terminan el 31/07/2016, 5 meses antes del cierre del plan.")


def test_fund_cliff_flags_activities_after_the_donors_end(plan) -> None:
    cliff = derive.fund_cliff(plan.tables["actividades"], plan.tables["donaciones"])
    late = cliff.loc[cliff["despues_del_fin"]]
    assert sorted(late["donante"]) == ["AMB", "AMB", "Unión Europea/OPAMSS"]
    assert (late["fin"] > late["fecha_finalizacion"]).all()
    assert not cliff.loc[cliff["donante"] == "AACID", "despues_del_fin"].any()
    assert headlines.fund_cliff(cliff).startswith("3 actividades financiadas por AMB y Unión Europea/OPAMSS")


def test_fund_cliff_matches_donor_names_loosely() -> None:
    actividades = pd.DataFrame({"fuente_financiamiento": ["union europea/opamss", "Otro"], "area": ["A", "B"],
                                "actividad": ["x", "y"], "tiempo": ["", ""],
                                "inicio": [date(2016, 1, 1)] * 2, "fin": [date(2016, 9, 30)] * 2})
    donaciones = pd.DataFrame({"donante": ["Unión Europea/OPAMSS"], "importe": [1.0],
                               "fecha_finalizacion": [date(2016, 7, 31)]})
    cliff = derive.fund_cliff(actividades, donaciones)
    assert list(cliff["donante"]) == ["Unión Europea/OPAMSS"] and cliff["despues_del_fin"].all()


def test_staff_table_and_headline(plan) -> None:
    table = derive.staff(plan.tables["personal"], plan.rangos)
    assert list(table["plazas"]) == [7, 21, 12, 54]
    assert list(table["estado"]) == ["sin rango", "dentro del rango", "dentro del rango", "dentro del rango"]
    out = derive.staff(pd.DataFrame({"nivel": ["apoyo", "operativo"], "unidad": ["", ""], "plazas": [1, 9]}),
                       plan.rangos)
    assert headlines.staff(out) == ("10 plazas en 2 niveles: apoyo está fuera de su rango (10.00 %, meta 20–25 %) y "
                                    "operativo está fuera de su rango (90.00 %, meta 55–65 %).")


def test_filters_and_search(plan) -> None:
    a = plan.tables["actividades"]
    index = derive.search_index(a)
    assert derive.select(a, index, fuente=["AMB"]).sum() == 6
    assert derive.select(a, index, fuente=["AMB"], area=["Informática"]).sum() == 0
    # Accent- and case-insensitive: "GESTION" finds "gestión".
    assert derive.select(a, index, query="GESTION").sum() == derive.select(a, index, query="gestión").sum() > 0
    assert derive.select(a, index).all()


def test_month_load_counts_activities_under_way() -> None:
    a = pd.DataFrame({"area": ["A", "A", "B", "B"],
                      "inicio": pd.array([date(2016, 1, 1), date(2016, 3, 1), date(2015, 6, 1), None],
                                         dtype="date32[pyarrow]"),
                      "fin": pd.array([date(2016, 12, 31), date(2016, 4, 30), date(2016, 2, 29), None],
                                      dtype="date32[pyarrow]")})
    load = derive.month_load(a, 2016)
    assert load.loc["A"].tolist() == [1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]
    assert load.loc["B"].tolist() == [1, 1] + [0] * 10  # started in 2015, clipped to the plan year
    assert headlines.month_load(load).startswith("Enero es el mes con más actividades en curso (2)")  # first of ties


def test_gantt_rows_collapse_and_limit(plan) -> None:
    a = plan.tables["actividades"]
    everything = derive.gantt_rows(a)
    assert (everything["kind"] == "area").sum() == 15 and (everything["kind"] == "actividad").sum() == 72
    collapsed = derive.gantt_rows(a, open_areas=set())
    assert list(collapsed["kind"].unique()) == ["area"] and len(collapsed) == 15
    one = derive.gantt_rows(a, open_areas={"Informática"})
    assert (one["kind"] == "actividad").sum() == 3
    assert len(derive.gantt_rows(a, limit=20)) == 20


def test_arrow_fold_matches_the_loaders_fold(plan) -> None:
    import pyarrow as pa

    from loaders.text import fold

    samples = ["ÁREA:  Gestión Ñandú", "Unión\tEuropea", "  OE1: Adecuar  ", "ﬁnanciación"]
    samples += list(plan.tables["actividades"]["actividad"])
    folded = derive.fold_array(pa.array(samples, pa.large_string())).to_pylist()
    assert folded == [fold(s) for s in samples]
