"""domain/checks.py: reconciliation to the cent, own funds, tier ranges, donors ending during the plan."""

from decimal import Decimal

import pandas as pd

from domain.checks import comparisons, in_range, own_funds
from loaders import load_workbook
from tests.builders import rows, workbook


def codes(issues) -> list[str]:
    return [i.code for i in issues]


def test_the_plans_one_cent_gap_is_reported_where_it_is(section7_plan) -> None:
    gap = next(w for w in section7_plan.warnings if w.code == "total_egresos_no_cuadra")
    assert (gap.sheet, gap.row, gap.column) == ("Presupuesto", 22, "Total (B)")
    assert "$7,868,489.37" in gap.message and "$7,868,489.38" in gap.message and "$0.01" in gap.message
    assert "presupuesto_desbalanceado" in codes(section7_plan.warnings)
    assert "total_ingresos_no_cuadra" not in codes(section7_plan.warnings)


def test_donor_ending_mid_year_is_warned(section7_plan) -> None:
    ends = [w.message for w in section7_plan.warnings if w.code == "donacion_termina_en_el_anio"]
    assert len(ends) == 2 and all("31/07/2016" in m for m in ends)


def test_staff_out_of_range_is_warned() -> None:
    def sheet(ws):
        rows(ws, 1, [["Nivel", "Plazas"], ["directivo", 15], ["apoyo", 10], ["asesor", 15], ["operativo", 60]])
    result = load_workbook(workbook(("Personal", sheet)), anio=2016)
    out = [w.message for w in result.warnings if w.code == "nivel_fuera_de_rango"]
    assert len(out) == 1 and "apoyo" in out[0] and "10.00 %" in out[0] and "20 % a 25 %" in out[0]



def test_comparisons_show_the_one_cent_gap(bundled_plan) -> None:
    checks = {c.concept: c for c in comparisons(bundled_plan.tables)}
    egresos = checks["Total Egresos"]
    assert (egresos.stated, egresos.lines, egresos.gap, egresos.state) == (
        Decimal("7868489.38"), Decimal("7868489.37"), Decimal("-0.01"), "no cuadra")
    assert checks["Total Ingresos"].balanced and checks["Total donaciones"].balanced
    assert checks["Total general (fondos propios + donaciones)"].balanced


def test_own_funds_one_rule() -> None:
    stated = {"totales_declarados": pd.DataFrame({"concepto": ["fondos_propios"], "monto": [6818481.04]})}
    assert own_funds(stated).amount == Decimal("6818481.04") and not own_funds(stated).derived
    lines = {"ingresos": pd.DataFrame({"clasificacion": ["a"], "monto": [10.0]}),
             "donaciones": pd.DataFrame({"donante": ["b"], "importe": [2.5], "fecha_finalizacion": [None]})}
    assert own_funds(lines).amount == Decimal("7.50") and own_funds(lines).derived
    assert own_funds({"ingresos": lines["ingresos"]}) is None


def test_in_range_includes_its_bounds() -> None:
    assert in_range(20.0, 20.0, 25.0) and in_range(25.0, 20.0, 25.0) and not in_range(25.01, 20.0, 25.0)
