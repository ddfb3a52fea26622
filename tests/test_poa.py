"""loaders/poa.py: POA matrices with objective rows, merged results, timings and month marks."""

from datetime import date

import pandas as pd
import pytest

from loaders import load_workbook
from tests.builders import ACTIVIDADES, fill, poa_sheet, rows, workbook


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


def test_end_before_start_is_an_error_on_that_row() -> None:
    def sheet(ws):
        rows(ws, 1, [["Área", "Actividad", "Inicio", "Fin", "Responsable"],
                     ["UACI", "Comprar equipo", date(2016, 5, 1), date(2016, 3, 1), "UACI"],
                     ["UACI", "Licitar", "01/02/2016", "28/02/2016", "UACI"]])
    result = load_workbook(workbook(("POA", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "fin_antes_de_inicio")
    assert (err.row, err.column) == (2, "Fin (D)")
    # The dates the clerk wrote, not "termina (—) antes de empezar (—)".
    assert err.message.startswith("La actividad termina (01/03/2016) antes de empezar (01/05/2016).")
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
    assert any(w.code == "actividades_sin_fechas" and w.row == 5 and w.message.startswith("1 actividad no tiene")
               for w in result.warnings)


def test_a_bad_activity_date_is_a_warning_with_its_own_code() -> None:
    def sheet(ws):
        rows(ws, 1, [["Área", "Actividad", "Inicio", "Fin"], ["UACI", "Licitar", "pronto", "28/02/2016"]])
    result = load_workbook(workbook(("POA", sheet)), anio=2016)
    warning = next(w for w in result.warnings if w.code == "fecha_actividad_invalida")
    assert (warning.row, warning.column) == (2, "Inicio (C)") and "«pronto»" in warning.message
    assert result.ok and len(result.tables["actividades"]) == 1


def test_month_marks_by_fill_only() -> None:
    def sheet(ws):
        rows(ws, 1, [["PLAN DE ACCIÓN 2016"], ["Actividades", *"EFMAMJJASOND", "Responsable"],
                     ["Auditoría interna", *([None] * 12), "UFI"]])
        for col in ("F", "G", "H"):  # May, June, July for an activity starting in column A
            fill(ws, f"{col}3")
    result = load_workbook(workbook(("Unidad Financiera", sheet)))
    poa = result.tables["actividades"]
    assert poa["inicio"].iloc[0] == date(2016, 5, 1) and poa["fin"].iloc[0] == date(2016, 7, 31)


def test_activity_dates_far_from_the_plan_are_warned_and_the_activity_is_undated() -> None:
    def sheet(ws):
        rows(ws, 1, [["Área", "Actividad", "Inicio", "Fin"], ["UACI", "Licitar", "01/02/2016", "31/12/9999"],
                     ["UACI", "Comprar", "0001-01-01", "28/02/2016"], ["UACI", "Pagar", "01/02/2016", "28/02/2016"]])
    result = load_workbook(workbook(("POA", sheet)), anio=2016)
    places = [(w.row, w.column) for w in result.warnings if w.code == "fecha_fuera_de_rango"]
    assert places == [(2, "Fin (D)"), (3, "Inicio (C)")]
    poa = result.tables["actividades"]
    assert poa["inicio"].isna().tolist() == [True, True, False]


@pytest.mark.parametrize("styles", [
    lambda xml: __import__("re").sub(rb'fillId="\d+"', b'fillId="abc"', xml),
    lambda xml: xml.replace(b"<styleSheet", b'<!DOCTYPE x [<!ENTITY a "b">]><styleSheet', 1),
], ids=["fillId_abc", "dtd"])
def test_unreadable_colours_are_a_warning_not_a_traceback(styles) -> None:
    from tests import hostile_files as H

    result = load_workbook(H.fill_only_poa(styles))
    assert [w.code for w in result.warnings if w.code == "colores_ilegibles"] == ["colores_ilegibles"]
    assert len(result.tables["actividades"]) == 1
