"""loaders/detect.py: tables found by their header anywhere, whatever its spelling, and near misses."""

from datetime import date

from loaders import load_workbook
from tests.builders import ACTIVIDADES, poa_sheet, rows, section7, workbook


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


def test_poa_header_aliases_and_case() -> None:
    header = ("RESULTADO", "indicador", "Medio de verificacion", "ACTIVIDADES", "tiempo", "RESPONSABLES",
              "Financiamiento", "Supuestos / Riesgos")
    data = workbook(("Jurídica", lambda ws: poa_sheet(ws, ACTIVIDADES, header=header)))
    poa = load_workbook(data, anio=2016).tables["actividades"]
    assert poa["fuente_verificacion"].tolist()[0] == "Informe mensual"
    assert poa["riesgo"].tolist()[-1] == "Falta de consenso"
    assert poa["responsable"].tolist()[-1] == "Unidad Jurídica"


# ------------------------------------------------------------------ near misses: an error, never "no table"


def test_a_misspelt_amount_header_is_an_error_with_the_closest_alias() -> None:
    def sheet(ws):
        rows(ws, 1, [["PLAN DE ACCIÓN 2016"], [], ["Clasificación presupuestaria ingresos", "Montto"],
                     ["Tasas y derechos", "$ 2,370,715.00"]])
    result = load_workbook(workbook(("Ingresos", sheet)))
    assert not result.ok and "ingresos" not in result.tables
    err = next(e for e in result.errors if e.code == "encabezado_incompleto")
    assert (err.sheet, err.row, err.column) == ("Ingresos", 3, "Montto (B)")
    assert err.place.col == 1 and err.table == "ingresos"
    assert "tabla de Ingresos" in err.message and "«Clasificación presupuestaria ingresos» (A)" in err.message
    assert "le falta la columna «Monto»: «Montto» (B) se parece a «Monto»" in err.message
    assert "sin_tablas" not in [e.code for e in result.errors]  # the near miss says what is wrong


def test_an_expense_table_without_its_amount_column_is_an_error() -> None:
    def sheet(ws):
        rows(ws, 1, [["Clasificación presupuestaria egresos", "Observaciones"], ["Remuneraciones", "planilla"],
                     ["Inversiones financieras", ""]])
    result = load_workbook(workbook(("Presupuesto", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "encabezado_incompleto")
    assert (err.row, err.column) == (1, "Clasificación presupuestaria egresos (A)")
    assert "tabla de Egresos" in err.message and "le falta la columna «Monto»" in err.message


def test_a_poa_header_without_activities_is_an_error() -> None:
    def sheet(ws):
        rows(ws, 1, [["Resultados", "Indicadores", "Tiempo", "Responsable"],
                     ["Permisos a tiempo", "90 %", "Marzo", "UACI"]])
    result = load_workbook(workbook(("UACI", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "encabezado_incompleto")
    assert (err.sheet, err.row) == ("UACI", 1)
    assert "tabla de Actividades (POA)" in err.message and "le falta la columna «Actividad»" in err.message
    assert "se reconocen «Resultados» (A), «Indicadores» (B), «Tiempo» (C) y «Responsable» (D)" in err.message


def test_a_donor_header_with_two_typos_names_both_misspellings() -> None:
    def sheet(ws):
        rows(ws, 1, [["Donante", "Impotre", "Fecha Finalización"], ["AMB", "$ 90,470.76", "31/07/2016"]])
    err = next(e for e in load_workbook(workbook(("Donaciones", sheet)), anio=2016).errors)
    assert err.code == "encabezado_incompleto" and "«Impotre» (B) se parece a «Importe»" in err.message


def test_activities_and_responsible_alone_are_a_poa() -> None:
    """The 'no tables' message suggests «Actividades» as a header; such a table must then be found."""
    def sheet(ws):
        rows(ws, 1, [["PLAN DE ACCIÓN 2016"], ["Actividades", "Responsable"], ["Levantar catastro", "SIM"],
                     ["Auditoría interna", "UFI"]])
    result = load_workbook(workbook(("Planificación", sheet)))
    assert result.tables["actividades"]["actividad"].tolist() == ["Levantar catastro", "Auditoría interna"]
    assert result.tables["actividades"]["responsable"].tolist() == ["SIM", "UFI"]


def test_a_title_above_a_table_is_not_a_near_miss() -> None:
    def sheet(ws):
        rows(ws, 1, [["Clasificación presupuestaria ingresos"], [], ["Clasificación", "Monto"],
                     ["Tasas y derechos", 2370715]])
    result = load_workbook(workbook(("Hoja1", sheet)), anio=2016)
    assert result.ok, result.errors
    assert result.tables["ingresos"]["monto"].tolist() == [2370715.0]


def test_the_bundled_workbook_has_no_near_miss(bundled_plan) -> None:
    assert "encabezado_incompleto" not in [e.code for e in bundled_plan.errors]


def test_a_broken_header_ends_the_table_above_it() -> None:
    """The rows under a near miss are not read as more lines of the table above (here, the donors)."""
    def sheet(ws):
        section7(ws)
        rows(ws, 40, [["Resultados", "Indicadores", "Tiempo", "Responsable"], ["Permisos", "90 %", "Marzo", "UACI"]])
    result = load_workbook(workbook(("Presupuesto", sheet)))
    assert [e.code for e in result.errors] == ["encabezado_incompleto"]
    assert result.errors[0].row == 40
    assert list(result.tables["donaciones"]["donante"]) == ["AACID", "AMB", "Unión Europea/OPAMSS"]
