"""Month grids as people build them (loaders/detect.py, loaders/poa.py `_months`, loaders/text.py): part of a
year, numbered months, weeks, quarters, Programado/Realizado sub-columns, marks by text or colour, and cash."""

from datetime import date

import pandas as pd
import pyarrow as pa
import pytest

from loaders import load_workbook
from loaders.detect import find_tables
from loaders.grid import read_grids
from loaders.guard import scan_zip
from loaders.poa import month_marks
from loaders.text import cash_grid, is_mark, month_label, parse_tiempo, quarter_label, sub_label
from settings import get_settings
from tests.builders import (
    cash_memo,
    code_and_text_activity,
    colour_schedule,
    numbered_follow_up,
    quarter_grid,
    weekly_gantt,
    workbook,
)


def _tables(data: bytes):
    grids, _ = read_grids(data, scan_zip(data, get_settings()))
    return [(grid, find_tables(grid)) for grid in grids]


def _dates(frame) -> list[tuple[date | None, date | None]]:
    def plain(values) -> list[date | None]:
        return [None if pd.isna(v) else v for v in values.astype(object).tolist()]
    return list(zip(plain(frame["inicio"]), plain(frame["fin"]), strict=True))


@pytest.mark.parametrize(("text", "month"), [("ENE", 1), ("Enero.", 1), ("SEPTIEMBRE ", 9), ("AUG", 8), ("Set", 9),
                                             ("OCTUBRE ", 10), ("MES", None), ("Marzo 2016", None)])
def test_month_labels(text: str, month: int | None) -> None:
    assert month_label(text) == month


@pytest.mark.parametrize(("text", "months"), [("T1", (1, 3)), ("Trimestre I", (1, 3)), ("II Trimestre", (4, 6)),
                                              ("(Q3) TRIMESTRE 3", (7, 9)), ("4to trimestre", (10, 12)),
                                              ("% de Avance Actividad Trimestre I", None)])
def test_quarter_labels(text: str, months: tuple[int, int] | None) -> None:
    assert quarter_label(text) == months


def test_sub_columns_and_marks() -> None:
    assert [sub_label(t) for t in ("Programado", "Realizado", "Cumplimiento", "III", "Semana 2")] == [
        "programado", "realizado", None, "semana", "semana"]
    assert [is_mark(t) for t in ("X", "x", "1", "✓", "0", "0.00", "-", "N/A", "No aplica", " ")] == [
        True, True, True, True, False, False, False, False, False, False]
    assert cash_grid(["0.00 ", "10,000.00 ", "0.00 "]) and cash_grid(["0", "2500", "1200"])
    assert not cash_grid(["X", "X", ""]) and not cash_grid(["1", "1", "N/A", "0"])


@pytest.mark.parametrize("text", ["Semestral", "Trimestral", "Mensual", "MENSUALMENTE", "cada mes", "de forma mensual",
                                  "Anual"])
def test_recurring_timing_words_run_the_whole_year(text: str) -> None:
    assert parse_tiempo(text, 2016) == (date(2016, 1, 1), date(2016, 12, 31), None)


@pytest.mark.parametrize("text", ["Único", "ÚNICA VEZ", "Una vez"])
def test_a_one_off_timing_is_understood_without_dates(text: str) -> None:
    assert parse_tiempo(text, 2016) == (None, None, "una_vez")


def test_programado_realizado_sub_columns_plan_and_progress() -> None:
    data = workbook(("POA", numbered_follow_up))
    (grid, found), = _tables(data)
    header, = found.headers
    assert header.row == 5 and header.top == 4  # two header rows: the body starts on Excel row 7
    assert header.labels[header.columns["actividad"]] == "6.  ACTIVIDAD"
    assert sorted(set(header.periods.values())) == [(m, m) for m in range(1, 13)]
    assert len(header.realised) == 12 and not set(header.periods) & set(header.realised)
    assert "fuente_verificacion" not in header.columns  # the per-month verification is not a column of the table
    result = load_workbook(data)
    poa = result.tables["actividades"]
    assert poa["actividad"].tolist() == ["Contratar el servicio de recolección", "Coordinar reuniones con el equipo"]
    assert _dates(poa) == [(date(2025, 1, 1), date(2025, 3, 31)), (date(2025, 6, 1), date(2025, 6, 30))]
    body = grid.frame.iloc[header.row + 1 : header.end]
    marks = {c: pa.chunked_array([pa.array([v if isinstance(v, str) else None for v in body[c].tolist()],
                                           pa.string())]) for c in header.months}
    programmed, realised = month_marks(header, marks, len(body))
    assert programmed.tolist() == [3, 1] and realised.tolist() == [1, 0]


def test_weeks_under_months_part_of_the_year() -> None:
    result = load_workbook(workbook(("Hoja_ruta", weekly_gantt)), anio=2026)
    poa = result.tables["actividades"]
    assert poa["actividad"].tolist()[-2:] == ["Socializar los lineamientos con los gobiernos locales",
                                             "Apoyar la actualización de los planes de acción"]
    assert _dates(poa)[-2:] == [(date(2026, 6, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 8, 31))]
    assert poa["responsable"].tolist()[-1] == "Coordinaciones zonales"


def test_marks_by_colour_alone_and_mixed_with_text_no_header_over_activities() -> None:
    result = load_workbook(workbook(("Hoja1", colour_schedule)), anio=2019)
    poa = result.tables["actividades"]
    assert len(poa) == 3 and poa["actividad"].tolist()[2] == "3. Informe de resultados"
    assert _dates(poa) == [(date(2019, 5, 1), date(2019, 5, 31)), (date(2019, 8, 1), date(2019, 9, 30)),
                           (date(2019, 5, 1), date(2019, 7, 31))]


def test_numbered_months_and_the_column_that_holds_the_names() -> None:
    data = workbook(("POA", code_and_text_activity))
    result = load_workbook(data)
    poa = result.tables["actividades"]
    assert poa["actividad"].tolist() == ["Revisar los trámites de parcelación", "Actualizar el reglamento"]
    assert _dates(poa) == [(date(2016, 1, 1), date(2016, 3, 31)), (date(2016, 5, 1), date(2016, 6, 30))]
    (_, found), = _tables(data)
    assert [n.code for n in found.notes] == ["actividad_con_codigos"]
    assert "«001»" in found.notes[0].message and "como actividad" in found.notes[0].message


@pytest.mark.parametrize("labels", [("Trimestre I", "Trimestre II", "Trimestre III", "Trimestre IV"),
                                    ("T1", "T2", "T3", "T4")])
def test_quarter_columns(labels: tuple[str, ...]) -> None:
    result = load_workbook(workbook(("POA", lambda ws: quarter_grid(ws, labels))))
    poa = result.tables["actividades"]
    assert _dates(poa) == [(date(2016, 1, 1), date(2016, 3, 31)), (date(2016, 4, 1), date(2016, 9, 30))]
    assert poa["area"].tolist() == ["Control urbano", "Unidad Jurídica"]


def test_cash_programming_is_not_a_schedule_and_codes_are_not_activities() -> None:
    data = workbook(("Worksheet", cash_memo))
    (_, found), = _tables(data)
    assert not [h for h in found.headers if h.kind == "actividades"]
    assert [n.code for n in found.notes] == ["actividad_con_codigos", "programacion_financiera"]
    assert "«01»" in found.notes[0].message and "no se leyó como actividades" in found.notes[0].message
    result = load_workbook(data)
    assert "actividades" not in result.tables


def test_a_white_fill_is_no_mark() -> None:
    from tests.builders import fill

    def sheet(ws):
        colour_schedule(ws)
        fill(ws, "G2", "FFFFFFFF")  # October painted back to white
    poa = load_workbook(workbook(("Hoja1", sheet)), anio=2019).tables["actividades"]
    assert _dates(poa)[0] == (date(2019, 5, 1), date(2019, 5, 31))


def test_named_activities_over_a_grid_of_amounts_are_read_undated_with_one_warning() -> None:
    def sheet(ws):
        from tests.builders import MESES, rows
        rows(ws, 1, [["PLAN OPERATIVO ANUAL 2016"], [], ["Actividades", "Responsable", *MESES],
                     ["Revisar los trámites", "Control urbano", "0.00", "1,250.00", *["0.00"] * 10],
                     ["Actualizar el reglamento", "Unidad Jurídica", *["500.00"] * 12]])
    result = load_workbook(workbook(("POA", sheet)))
    poa = result.tables["actividades"]
    assert poa["actividad"].tolist() == ["Revisar los trámites", "Actualizar el reglamento"]
    assert _dates(poa) == [(None, None), (None, None)]
    assert [w.code for w in result.warnings].count("programacion_financiera") == 1
