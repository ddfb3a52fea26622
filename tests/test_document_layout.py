"""The plan's own tables pasted into Excel: found by header anywhere, text amounts, totals kept apart."""

from datetime import date

import pandas as pd
import pytest

from loaders import load_workbook
from tests.builders import ACTIVIDADES, fill, poa_sheet, rows, section7, workbook


def codes(issues) -> list[str]:
    return [i.code for i in issues]


@pytest.fixture(scope="module")
def budget():
    return load_workbook(workbook(("Presupuesto", section7)))


def test_section7_pasted_as_text_gives_the_plans_figures(budget) -> None:
    assert budget.ok, budget.errors
    assert budget.anio == 2016  # from the title row "PLAN DE ACCIÓN 2016"
    ingresos = budget.tables["ingresos"]
    assert ingresos["clasificacion"].iloc[0] == "Tasas y derechos"
    assert list(ingresos["monto"]) == [2370715.00, 402619.00, 790917.12, 317890.20, 10212.00, 850000.00, 3126136.06]
    assert list(budget.tables["egresos"]["monto"]) == [2593778.70, 1246241.74, 155859.76, 2030112.54, 1242496.63,
                                                       600000.00]
    donaciones = budget.tables["donaciones"]
    assert donaciones.to_dict(orient="records") == [
        {"donante": "AACID", "importe": 883217.30, "fecha_finalizacion": date(2016, 12, 31)},
        {"donante": "AMB", "importe": 90470.76, "fecha_finalizacion": date(2016, 7, 31)},
        {"donante": "Unión Europea/OPAMSS", "importe": 76320.28, "fecha_finalizacion": date(2016, 7, 31)},
    ]
    totals = dict(zip(budget.tables["totales_declarados"]["concepto"], budget.tables["totales_declarados"]["monto"],
                      strict=True))
    assert totals == {"total_ingresos": 7868489.38, "total_egresos": 7868489.38, "total_donaciones": 1050008.34,
                      "fondos_propios": 6818481.04, "total_general": 7868489.38}


def test_the_plans_one_cent_gap_is_reported_where_it_is(budget) -> None:
    gap = next(w for w in budget.warnings if w.code == "total_egresos_no_cuadra")
    assert (gap.sheet, gap.row, gap.column) == ("Presupuesto", 22, "Total (B)")
    assert "$7,868,489.37" in gap.message and "$7,868,489.38" in gap.message and "$0.01" in gap.message
    assert "presupuesto_desbalanceado" in codes(budget.warnings)
    assert "total_ingresos_no_cuadra" not in codes(budget.warnings)


def test_donor_ending_mid_year_is_warned(budget) -> None:
    ends = [w.message for w in budget.warnings if w.code == "donacion_termina_en_el_anio"]
    assert len(ends) == 2 and all("31/07/2016" in m for m in ends)


def test_missing_tables_are_warnings_not_errors(budget) -> None:
    missing = [w.message for w in budget.warnings if w.code == "tabla_faltante"]
    assert any("Personal" in m for m in missing) and any("POA" in m for m in missing)


def test_tables_side_by_side_and_below_notes_on_one_sheet() -> None:
    def sheet(ws):
        rows(ws, 3, [["Nota: cifras del plan 2016"], []])
        rows(ws, 6, [["Donante", "Importe", "Fecha Finalización"], ["AACID", 883217.3, date(2016, 12, 31)]], col=2)
        rows(ws, 6, [["Nivel", "Plazas"], ["Directivo", 7], ["Apoyo", 21], ["Asesor", 12], ["Operativo", "54"]],
             col=7)
    result = load_workbook(workbook(("Datos", sheet)), anio=2016)
    assert result.tables["donaciones"]["importe"].tolist() == [883217.30]
    assert result.tables["personal"][["nivel", "plazas"]].to_dict(orient="list") == {
        "nivel": ["directivo", "apoyo", "asesor", "operativo"], "plazas": [7, 21, 12, 54]}


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
    assert ("fecha_invalida", 2, "Fecha Finalización (C)") in found
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


def test_no_table_at_all_is_an_error() -> None:
    result = load_workbook(workbook(("Hoja1", lambda ws: rows(ws, 1, [["hola", "mundo"], [1, 2]]))))
    assert codes(result.errors) == ["sin_tablas"]
    assert "Hoja1" in result.errors[0].message


def test_staff_out_of_range_is_warned() -> None:
    def sheet(ws):
        rows(ws, 1, [["Nivel", "Plazas"], ["directivo", 15], ["apoyo", 10], ["asesor", 15], ["operativo", 60]])
    result = load_workbook(workbook(("Personal", sheet)), anio=2016)
    out = [w.message for w in result.warnings if w.code == "nivel_fuera_de_rango"]
    assert len(out) == 1 and "apoyo" in out[0] and "10.00 %" in out[0] and "20 % a 25 %" in out[0]


# ------------------------------------------------------------------ POA matrices


def test_poa_with_objective_rows_and_merged_results() -> None:
    data = workbook(("Control del Desarrollo", lambda ws: poa_sheet(ws, ACTIVIDADES)))
    result = load_workbook(data, anio=2016)
    poa = result.tables["actividades"]
    assert len(poa) == 4
    assert set(poa["area"]) == {"Control del Desarrollo"}
    assert poa["objetivo_estrategico"].str.startswith("OBJETIVO ESTRATÉGICO 1").all()
    assert poa["objetivo_especifico"].str.startswith("OBJETIVO ESPECÍFICO 1").all()
    assert poa["resultado"].tolist() == ["Permisos tramitados a tiempo"] * 3 + ["Normativa actualizada"]
    assert poa["indicador"].tolist()[:3] == ["90 % en plazo"] * 3
    assert poa["fuente_verificacion"].tolist()[2] == "Informe mensual"
    assert poa["inicio"].tolist() == [date(2016, 1, 1), date(2016, 4, 1), date(2016, 1, 1), date(2016, 2, 1)]
    assert poa["fin"].tolist() == [date(2016, 3, 31), date(2016, 6, 30), date(2016, 12, 31), date(2016, 6, 30)]
    assert poa["tiempo"].tolist()[0] == "Enero - Marzo"
    assert not [w for w in result.warnings if w.code not in ("tabla_faltante",)]


def test_poa_area_title_row_names_the_area_on_a_generic_sheet() -> None:
    data = workbook(("POA", lambda ws: poa_sheet(ws, ACTIVIDADES, area_title="ÁREA: Unidad Jurídica")))
    poa = load_workbook(data, anio=2016).tables["actividades"]
    assert set(poa["area"]) == {"Unidad Jurídica"}


def test_poa_header_aliases_and_case() -> None:
    header = ("RESULTADO", "indicador", "Medio de verificacion", "ACTIVIDADES", "tiempo", "RESPONSABLES",
              "Financiamiento", "Supuestos / Riesgos")
    data = workbook(("Jurídica", lambda ws: poa_sheet(ws, ACTIVIDADES, header=header)))
    poa = load_workbook(data, anio=2016).tables["actividades"]
    assert poa["fuente_verificacion"].tolist()[0] == "Informe mensual"
    assert poa["riesgo"].tolist()[-1] == "Falta de consenso"
    assert poa["responsable"].tolist()[-1] == "Unidad Jurídica"


def test_unreadable_timing_is_a_located_warning_and_the_activity_is_kept() -> None:
    acts = [(*ACTIVIDADES[0][:4], "Por definir", *ACTIVIDADES[0][5:]), ACTIVIDADES[1]]
    result = load_workbook(workbook(("Área X", lambda ws: poa_sheet(ws, acts))), anio=2016)
    assert result.ok
    poa = result.tables["actividades"]
    assert len(poa) == 2 and pd.isna(poa["inicio"].iloc[0]) and poa["inicio"].iloc[1] == date(2016, 4, 1)
    warning = next(w for w in result.warnings if w.code == "tiempo_no_reconocido")
    assert (warning.sheet, warning.row, warning.column) == ("Área X", 4, "Tiempo (E)")
    assert "«Por definir»" in warning.message


def test_month_timing_without_any_year_is_an_error() -> None:
    result = load_workbook(workbook(("Área X", lambda ws: poa_sheet(ws, ACTIVIDADES))))
    assert result.anio is None and not result.ok
    assert {e.code for e in result.errors} == {"anio_desconocido"}
    assert result.errors[0].row == 4


def test_year_from_file_name_and_from_argument() -> None:
    data = workbook(("Área X", lambda ws: poa_sheet(ws, ACTIVIDADES)))
    assert load_workbook(data, filename="poa_2017.xlsx").anio == 2017
    assert load_workbook(data, anio=2018).tables["actividades"]["inicio"].iloc[0] == date(2018, 1, 1)


def test_end_before_start_is_an_error_on_that_row() -> None:
    def sheet(ws):
        rows(ws, 1, [["Área", "Actividad", "Inicio", "Fin", "Responsable"],
                     ["UACI", "Comprar equipo", date(2016, 5, 1), date(2016, 3, 1), "UACI"],
                     ["UACI", "Licitar", "01/02/2016", "28/02/2016", "UACI"]])
    result = load_workbook(workbook(("POA", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "fin_antes_de_inicio")
    assert (err.row, err.column) == (2, "Fin (D)")
    assert result.tables["actividades"]["fin"].tolist()[1] == date(2016, 2, 28)


def test_orphan_row_without_activity_is_a_warning() -> None:
    acts = [ACTIVIDADES[0], ("Otro resultado", "x", "y", "", "Marzo", "UACI", "AMB", "z")]
    result = load_workbook(workbook(("UACI", lambda ws: poa_sheet(ws, acts))), anio=2016)
    warning = next(w for w in result.warnings if w.code == "actividad_vacia")
    assert (warning.row, warning.column) == (5, "Actividades (D)")
    assert len(result.tables["actividades"]) == 1


@pytest.mark.parametrize(
    "months",
    [list("EFMAMJJASOND"), ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"],
     ["Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre",
      "Noviembre", "Diciembre"]],
    ids=["letters", "abbreviations", "names"],
)
@pytest.mark.parametrize("mark", ["X", "x", "✓", "1"])
def test_month_mark_columns(months: list[str], mark: str) -> None:
    def sheet(ws):
        rows(ws, 1, [["PLAN DE ACCIÓN 2016"], [], ["Resultados", "Actividades", *months, "Responsable"]])
        row = ["R1", "Levantar catastro", *([None] * 12), "SIM"]
        row[2 + 2] = row[2 + 3] = row[2 + 5] = mark  # March, April, June
        rows(ws, 4, [row, ["R1", "Sin marcas", *([None] * 12), "SIM"]])
    result = load_workbook(workbook(("Sistema de Información Metrop.", sheet)))
    poa = result.tables["actividades"]
    assert poa["inicio"].iloc[0] == date(2016, 3, 1) and poa["fin"].iloc[0] == date(2016, 6, 30)
    assert poa["tiempo"].iloc[0] == "Mar, Abr, Jun"
    assert pd.isna(poa["inicio"].iloc[1])
    assert any(w.code == "tiempo_no_reconocido" and w.row == 5 for w in result.warnings)


def test_month_marks_by_fill_only() -> None:
    def sheet(ws):
        rows(ws, 1, [["PLAN DE ACCIÓN 2016"], ["Actividades", *"EFMAMJJASOND", "Responsable"],
                     ["Auditoría interna", *([None] * 12), "UFI"]])
        for col in ("F", "G", "H"):  # May, June, July for an activity starting in column A
            fill(ws, f"{col}3")
    result = load_workbook(workbook(("Unidad Financiera", sheet)))
    poa = result.tables["actividades"]
    assert poa["inicio"].iloc[0] == date(2016, 5, 1) and poa["fin"].iloc[0] == date(2016, 7, 31)


def test_sheet_starting_far_from_a1_keeps_excel_coordinates() -> None:
    def sheet(ws):
        rows(ws, 7, [["Donante", "Importe", "Fecha Finalización"], ["AMB", "noventa", "31/07/2016"]], col=4)
    result = load_workbook(workbook(("Hoja", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "monto_invalido")
    assert (err.row, err.column) == (8, "Importe (E)")


def test_many_identical_problems_are_capped_and_counted() -> None:
    acts = [(f"R{i}", "i", "f", f"Act {i}", "Por definir", "UACI", "AMB", "r") for i in range(80)]
    result = load_workbook(workbook(("UACI", lambda ws: poa_sheet(ws, acts, merge_results=False))), anio=2016)
    timing = [w for w in result.warnings if w.code == "tiempo_no_reconocido"]
    assert len(timing) == 51 and "30 problemas más" in timing[-1].message
    assert len(result.tables["actividades"]) == 80
