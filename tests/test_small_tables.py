"""loaders/small_tables.py: budget lines, stated totals, donors and staff, as pasted from the plan."""

from datetime import date

from loaders import load_workbook
from tests.builders import rows, workbook


def test_section7_pasted_as_text_gives_the_plans_figures(section7_plan) -> None:
    assert section7_plan.ok, section7_plan.errors
    assert section7_plan.anio == 2016  # from the title row "PLAN DE ACCIÓN 2016"
    ingresos = section7_plan.tables["ingresos"]
    assert ingresos["clasificacion"].iloc[0] == "Tasas y derechos"
    assert list(ingresos["monto"]) == [2370715.00, 402619.00, 790917.12, 317890.20, 10212.00, 850000.00, 3126136.06]
    assert list(section7_plan.tables["egresos"]["monto"]) == [2593778.70, 1246241.74, 155859.76, 2030112.54, 1242496.63,
                                                       600000.00]
    donaciones = section7_plan.tables["donaciones"]
    assert donaciones.to_dict(orient="records") == [
        {"donante": "AACID", "importe": 883217.30, "fecha_finalizacion": date(2016, 12, 31)},
        {"donante": "AMB", "importe": 90470.76, "fecha_finalizacion": date(2016, 7, 31)},
        {"donante": "Unión Europea/OPAMSS", "importe": 76320.28, "fecha_finalizacion": date(2016, 7, 31)},
    ]
    stated = section7_plan.tables["totales_declarados"]
    totals = dict(zip(stated["concepto"], stated["monto"], strict=True))
    assert totals == {"total_ingresos": 7868489.38, "total_egresos": 7868489.38, "total_donaciones": 1050008.34,
                      "fondos_propios": 6818481.04, "total_general": 7868489.38}


def test_text_amount_errors_are_located_and_everything_is_collected() -> None:
    def sheet(ws):
        rows(ws, 1, [["Clasificación presupuestaria ingresos", "Total"], ["Tasas y derechos", "s/m"],
                     ["Venta de bienes", "2,5"], ["", "$ 100.00"], ["Otros", None]])
    result = load_workbook(workbook(("Ingresos", sheet)), anio=2016)
    assert not result.ok
    places = {(e.code, e.sheet, e.row, e.column) for e in result.errors}
    assert ("monto_invalido", "Ingresos", 2, "Total (B)") in places
    assert ("monto_invalido", "Ingresos", 3, "Total (B)") in places
    assert ("clasificacion_vacia", "Ingresos", 4, "Clasificación presupuestaria ingresos (A)") in places
    assert ("monto_vacio", "Ingresos", 5, "Total (B)") in places
    message = next(e.message for e in result.errors if e.row == 2)
    assert "«s/m»" in message and "$ 2,370,715.00" in message


def test_generic_budget_header_takes_its_kind_from_the_sheet_name() -> None:
    def sheet(ws):
        rows(ws, 1, [["Clasificación", "Monto"], ["Remuneraciones", 2593778.7]])
    result = load_workbook(workbook(("Egresos", sheet)), anio=2016)
    assert result.tables["egresos"]["monto"].tolist() == [2593778.70]


def test_ambiguous_generic_budget_header_is_an_error_with_its_place() -> None:
    def sheet(ws):
        rows(ws, 1, [["Clasificación", "Monto"], ["Algo", 1]])
    result = load_workbook(workbook(("Hoja1", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "tabla_ambigua")
    assert (err.sheet, err.row, err.column) == ("Hoja1", 1, "Clasificación (A)")


def test_bad_donor_date_and_staff_values_are_located() -> None:
    def sheet(ws):
        rows(ws, 1, [["Donante", "Importe", "Fecha Finalización"], ["AMB", "$ 90,470.76", "fin de julio"]])
        rows(ws, 5, [["Nivel", "Plazas"], ["gerencial", 3], ["apoyo", 2.5], ["asesor", -1]])
    result = load_workbook(workbook(("Hoja", sheet)), anio=2016)
    found = {(e.code, e.row, e.column) for e in result.errors}
    assert ("fecha_donacion_invalida", 2, "Fecha Finalización (C)") in found
    assert ("nivel_invalido", 6, "Nivel (A)") in found
    assert ("plazas_invalidas", 7, "Plazas (B)") in found
    assert ("plazas_invalidas", 8, "Plazas (B)") in found


def test_row_without_donor_says_what_it_holds() -> None:
    def sheet(ws):
        rows(ws, 1, [["Donante", "Importe", "Fecha Finalización"], ["AMB", 90470.76, "31/07/2016"],
                     [None, None, "fin de julio"]])
    result = load_workbook(workbook(("Donaciones", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "donante_vacio")
    assert (err.row, err.column) == (3, "Donante (A)")
    assert "Fecha Finalización: «fin de julio»" in err.message


def test_amounts_and_headcounts_beyond_sane_bounds_are_errors_not_overflows() -> None:
    def sheet(ws):
        rows(ws, 1, [["Clasificación presupuestaria ingresos", "Total"], ["Tasas", "1" * 35], ["Otra", "5"]])
        rows(ws, 6, [["Nivel", "Plazas"], ["apoyo", "99999999999999999999"], ["operativo", "9223372036854775807"],
                     ["asesor", 3]])
    result = load_workbook(workbook(("Hoja", sheet)), anio=2016)
    found = {(e.code, e.row) for e in result.errors}
    assert ("monto_fuera_de_rango", 2) in found
    assert ("plazas_invalidas", 7) in found and ("plazas_invalidas", 8) in found
    assert result.tables["ingresos"]["monto"].tolist() == [5.0]
    assert result.tables["personal"]["plazas"].tolist() == [3]  # never a negative overflow


def test_a_donor_end_date_far_from_the_plan_is_warned_and_dropped() -> None:
    def sheet(ws):
        rows(ws, 1, [["Donante", "Importe", "Fecha Finalización"], ["AMB", 5, "31/12/9999"], ["UE", 7, "31/07/2016"]])
    result = load_workbook(workbook(("Donaciones", sheet)), anio=2016)
    warning = next(w for w in result.warnings if w.code == "fecha_fuera_de_rango")
    assert (warning.row, warning.column) == (2, "Fecha Finalización (C)") and "31/12/9999" in warning.message
    assert result.tables["donaciones"]["fecha_finalizacion"].tolist() == [None, date(2016, 7, 31)]
