"""charts/headlines.py: the one-line sentences, computed from the numbers (each is also a chart's alt text)."""

from decimal import Decimal

import pandas as pd

from charts import headlines, views
from domain.checks import OwnFunds, comparisons, own_funds
from domain.summary import summarise


def test_reconciliation_names_the_one_cent_gap(bundled_plan) -> None:
    checks = comparisons(bundled_plan.tables)
    assert headlines.reconciliation(checks) == "3 de 4 totales cuadran al centavo; Total Egresos difiere en $0.01."
    egresos = next(c for c in checks if c.concept == "Total Egresos")
    assert headlines.reconciliation_line(egresos) == (
        "Total Egresos: declarado $7,868,489.38, suma de líneas $7,868,489.37 — diferencia de $0.01 (de menos en "
        "las líneas).")


def test_funding_headline(bundled_plan) -> None:
    own = own_funds(bundled_plan.tables)
    text = headlines.funding(own, Decimal("1050008.34"), Decimal("7868489.38"))
    assert text == ("Las donaciones financian el 13.3 % del presupuesto ($1,050,008.34); el 86.7 % son fondos "
                    "propios de OPAMSS ($6,818,481.04).")
    derived = headlines.funding(OwnFunds(Decimal("6818481.04"), True), Decimal("1050008.34"), Decimal("7868489.38"))
    assert "fondos propios de OPAMSS calculados ($6,818,481.04)" in derived
    assert headlines.own_funds_note(OwnFunds(Decimal(1), True)).startswith("Calculado:")
    assert headlines.own_funds_note(own) == ""


def test_donor_ends_names_only_the_donors_ending_during_the_plan(bundled_plan) -> None:
    donors = views.donors(bundled_plan.tables["donaciones"], Decimal("7868489.38"), 2016)
    assert headlines.donor_ends(donors, 2016) == (
        "Los fondos de AMB y Unión Europea/OPAMSS terminan el 31/07/2016, 5 meses antes del cierre del plan.")
    assert headlines.donor_ends(donors.iloc[:1], 2016) == (
        "Ninguna donación termina durante el plan: sus fondos llegan al 31/12/2016 o más allá.")
    assert headlines.donor_ends(donors.iloc[:0], 2016) == "El libro no trae donaciones."


def test_ending_card_counts_two_donors_and_their_amount(bundled_plan) -> None:
    s = summarise(bundled_plan)
    assert s.ending_total == Decimal("166791.04")
    assert headlines.ending(s) == "2 donantes terminan en 2016; AMB y Unión Europea/OPAMSS el 31/07/2016."


def test_staff_headline(bundled_plan) -> None:
    assert headlines.staff(views.staff(bundled_plan.tables["personal"], bundled_plan.rangos)) == (
        "94 plazas en 4 niveles: los 3 niveles con rango meta están dentro de él.")
    out = views.staff(pd.DataFrame({"nivel": ["apoyo", "operativo"], "unidad": ["", ""], "plazas": [1, 9]}),
                      bundled_plan.rangos)
    assert headlines.staff(out) == ("10 plazas en 2 niveles: apoyo está fuera de su rango (10.00 %, meta 20–25 %) y "
                                    "operativo está fuera de su rango (90.00 %, meta 55–65 %).")


def test_review_and_banner_count_in_good_spanish() -> None:
    assert headlines.review(1, 1) == "El libro tiene 1 error y 1 advertencia."
    assert headlines.review(0, 0) == "El libro no tiene errores ni advertencias."
    assert headlines.workbook_errors(1).startswith("El libro mostrado tiene 1 error:")


def test_the_month_load_names_its_ties() -> None:
    load = pd.DataFrame({5: [2, 1], 6: [1, 2], 7: [0, 0]}, index=["Jurídica", "Planificación"])
    assert headlines.month_load(load) == ("Mayo y junio son los meses con más actividades en curso (3); «Jurídica» y "
                                          "«Planificación» son las áreas con más carga a lo largo del año.")
    load = pd.DataFrame({5: [2, 1], 6: [1, 1]}, index=["Jurídica", "Planificación"])
    assert headlines.month_load(load) == ("Mayo es el mes con más actividades en curso (3); «Jurídica» es el área "
                                          "con más carga a lo largo del año.")
