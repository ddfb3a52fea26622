"""Layouts met in real workbooks that are not the plan's: budget memos printed per unit, summaries by unit, income
reports that only their own words call income, schedules without a year or without any timing column."""

import pytest

from loaders import load_workbook
from tests.builders import POA_HEADER, colour_schedule, income_report, memo_forms, rows, unit_summary, workbook


def _codes(result) -> list[str]:
    return [i.code for i in [*result.errors, *result.warnings]]


def test_budget_memos_printed_per_unit_are_one_expense_table_by_description() -> None:
    result = load_workbook(workbook(("Worksheet", memo_forms)))
    egresos = result.tables["egresos"]
    # Named by their description, not the 'PARTIDA DE GASTO' codes; amounts from TOTAL, not the '01' codes.
    assert egresos["clasificacion"].tolist() == ["PASAJES AL INTERIOR DEL PAÍS", "VIÁTICOS", "OTROS REPUESTOS"]
    assert egresos["monto"].tolist() == [12500.0, 980.0, 120.5]
    assert egresos["desglose"].iloc[0].count("$") == 2 and egresos["desglose"].iloc[1] == ""
    codes = _codes(result)
    # What each printed form says about its columns is said once; the unit totals add up to the stated total.
    for code in ("columnas_presupuesto", "actividad_con_codigos", "programacion_financiera", "lineas_agrupadas"):
        assert codes.count(code) == 1, code
    grouped = next(w for w in result.warnings if w.code == "lineas_agrupadas")
    assert grouped.message.startswith("4 líneas agrupadas en 3 clasificaciones")
    assert not result.errors and "total_egresos_no_cuadra" not in codes
    assert "actividades" not in result.tables and result.anio == 2024


def test_a_summary_by_unit_is_left_aside_with_a_warning_not_an_error() -> None:
    def poa(ws):
        rows(ws, 1, [["PLAN DE ACCIÓN 2025"], list(POA_HEADER), ["R1", "I1", "F1", "Tarea", "Marzo", "SIM", "P", "N"]])
    result = load_workbook(workbook(("Organismo", unit_summary), ("Gobierno", poa)))
    assert not result.errors and len(result.tables["actividades"]) == 1
    (warning,) = [w for w in result.warnings if w.code == "resumen_por_unidad"]
    assert warning.sheet == "Organismo" and warning.row == 3 and warning.place.letter == "A"
    assert "«Organismo»" in warning.message and "«Cód centro gestor»" in warning.message


@pytest.mark.parametrize("sheet", ["Hoja1", "Recursos AC"])
def test_an_income_report_is_income_by_its_own_words(sheet: str) -> None:
    result = load_workbook(workbook((sheet, income_report)))
    ingresos = result.tables["ingresos"]
    assert ingresos["monto"].sum() == 180.0 and ingresos["ejecutado"].sum() == 110.0
    assert "egresos" not in result.tables and "tabla_ambigua" not in _codes(result)


def test_marked_months_without_a_year_are_one_error_and_keep_their_months() -> None:
    result = load_workbook(workbook(("Hoja1", colour_schedule)))
    poa = result.tables["actividades"]
    assert [e.code for e in result.errors] == ["anio_desconocido"]
    assert "tiempo_no_reconocido" not in _codes(result)
    assert poa["tiempo"].tolist() == ["May", "Ago, Sep", "May, Jun, Jul"]
    assert poa["inicio"].isna().all()
    # Non-breaking spaces after the numbering read as one space.
    assert poa["actividad"].iloc[0] == "1. Visita técnica al laboratorio de aguas"


def test_activities_without_any_timing_are_summarised_once() -> None:
    def sheet(ws):
        rows(ws, 1, [["PLAN OPERATIVO ANUAL 2025"], ["Actividades", "Responsable"],
                     *[[f"Tarea {i}", "Dirección"] for i in range(1, 8)]])
    result = load_workbook(workbook(("Dirección", sheet)))
    assert len(result.tables["actividades"]) == 7
    (warning,) = [w for w in result.warnings if w.code == "actividades_sin_fechas"]
    assert warning.message.startswith("7 actividades están en tablas sin columna de tiempo") and warning.row == 3
    assert "tiempo_no_reconocido" not in _codes(result)

    def blank(ws):
        rows(ws, 1, [["PLAN OPERATIVO ANUAL 2025"], list(POA_HEADER)[:8],
                     ["R1", "I1", "F1", "Con fecha", "Marzo", "SIM", "Fondos propios", "Ninguno"],
                     ["R1", "I1", "F1", "Sin fecha", None, "SIM", "Fondos propios", "Ninguno"],
                     ["R1", "I1", "F1", "Mal escrita", "Marzzo", "SIM", "Fondos propios", "Ninguno"]])
    result = load_workbook(workbook(("Dirección", blank)))
    codes = _codes(result)
    assert codes.count("actividades_sin_fechas") == 1 and codes.count("tiempo_no_reconocido") == 1
    assert next(w for w in result.warnings if w.code == "actividades_sin_fechas").message.startswith(
        "1 actividad no tiene tiempo")


def test_progress_is_taken_from_the_latest_quarter_that_has_values() -> None:
    def sheet(ws):
        label = "% de Avance Actividad\nTrimestre "
        rows(ws, 1, [["SEGUIMIENTO PLAN DE ACCIÓN 2025"],
                     ["Nombre Actividad", "Fecha Inicio", "Fecha Fin", f"{label}I", f"{label}II", f"{label}III"],
                     ["Pavimentar vías", "01/01/2025", "31/12/2025", "20 %", "45 %", None],
                     ["Dotar escuelas", "01/01/2025", "30/06/2025", "50 %", "100 %", None]])
    poa = load_workbook(workbook(("MEDE01.03.01.P01.F05", sheet))).tables["actividades"]
    assert poa["avance"].tolist() == [45.0, 100.0]
