"""loaders/orchestrator.py: one workbook in, tables and every issue out: year, coverage, caps."""

import datetime as dt
import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from domain.issues import Severity
from domain.plan import LoadResult
from loaders import UnreadableWorkbook, load_workbook
from tests.builders import ACTIVIDADES, POA_HEADER, poa_sheet, rows, workbook


def codes(issues) -> list[str]:
    return [i.code for i in issues]


def test_missing_tables_are_warnings_not_errors(section7_plan) -> None:
    missing = [w.message for w in section7_plan.warnings if w.code == "tabla_faltante"]
    assert any("Personal" in m for m in missing) and any("POA" in m for m in missing)


def test_no_table_at_all_is_an_error() -> None:
    result = load_workbook(workbook(("Hoja1", lambda ws: rows(ws, 1, [["hola", "mundo"], [1, 2]]))))
    assert codes(result.errors) == ["sin_tablas"]
    assert "Hoja1" in result.errors[0].message


def test_year_from_file_name_and_from_argument() -> None:
    data = workbook(("Área X", lambda ws: poa_sheet(ws, ACTIVIDADES)))
    assert load_workbook(data, filename="poa_2017.xlsx").anio == 2017
    assert load_workbook(data, anio=2018).tables["actividades"]["inicio"].iloc[0] == date(2018, 1, 1)


def test_many_identical_problems_are_capped_and_counted() -> None:
    acts = [(f"R{i}", "i", "f", f"Act {i}", "Por definir", "UACI", "AMB", "r") for i in range(80)]
    result = load_workbook(workbook(("UACI", lambda ws: poa_sheet(ws, acts, merge_results=False))), anio=2016)
    timing = [w for w in result.warnings if w.code == "tiempo_no_reconocido"]
    assert len(timing) == 50  # only real issues are listed…
    assert [(o.code, o.count) for o in result.omitted] == [("tiempo_no_reconocido", 30)]  # …the rest counted
    missing = [w for w in result.warnings if w.code == "tabla_faltante"]  # budget, donors, staff
    assert result.warning_count == 80 + len(missing) == 84  # the true count: every unreadable timing
    assert len(result.tables["actividades"]) == 80


# ------------------------------------------------------------------ properties: random workbooks and bytes

HEADERS = [*POA_HEADER, "Donante", "Importe", "Fecha Finalización", "Nivel", "Plazas", "Clasificación",
           "Total", "Campo", "Valor", "Año", "E", "F", "M", "OBJETIVO ESTRATÉGICO 1: x", "ÁREA: y", "Total Egresos"]
cell = st.one_of(
    st.none(), st.sampled_from(HEADERS), st.text(max_size=30),
    st.floats(allow_nan=False, allow_infinity=False, width=32), st.integers(-10**12, 10**12),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)), st.booleans(),
    st.sampled_from(["$ 2,370,715.00", "31/Dic/2016", "Enero - Marzo", "s/m", "X", "=1/0", "Por definir"]),
)
grid = st.lists(st.lists(cell, min_size=1, max_size=9), min_size=1, max_size=14)


def _xlsx(sheets: list[list[list[object]]], merges: list[tuple[int, int, int, int]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for n, cells in enumerate(sheets):
        ws = wb.create_sheet(f"Hoja {n}")
        for r, values in enumerate(cells, start=1):
            for c, value in enumerate(values, start=1):
                if isinstance(value, str):
                    value = "".join(ch for ch in value if ch.isprintable())
                ws.cell(row=r, column=c, value=value)
        for r0, c0, dr, dc in merges[: 1 + n]:
            if dr or dc:
                ws.merge_cells(start_row=r0, start_column=c0, end_row=r0 + dr, end_column=c0 + dc)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(grid, min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 3), st.integers(0, 3)), max_size=3),
       st.one_of(st.none(), st.integers(1990, 2100)))
def test_random_workbooks_never_raise_anything_else(sheets, merges, anio) -> None:
    try:
        data = _xlsx(sheets, merges)
    except Exception:  # noqa: BLE001 - openpyxl refuses some random values (illegal characters): not our input
        return
    result = load_workbook(data, anio=anio)
    assert isinstance(result, LoadResult)
    assert all(i.severity is Severity.ERROR for i in result.errors)
    assert all(i.severity is Severity.WARNING for i in result.warnings)
    for issue in result.errors + result.warnings:
        assert issue.message and (issue.row is None or issue.row >= 1)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=4096), st.integers(0, 4000))
def test_random_and_truncated_bytes_are_refused_with_the_wrapped_error(noise: bytes, cut: int) -> None:
    for data in (noise, b"PK\x03\x04" + noise, _xlsx([[["Donante", "Importe"], ["A", 1]]], [])[:cut]):
        try:
            load_workbook(data)
        except UnreadableWorkbook as error:
            assert error.issue.message


def test_anything_unexpected_inside_becomes_one_refusal(monkeypatch) -> None:
    """Never raise past the edge: a parser's surprise is a Spanish refusal, with the cause kept for the log."""
    from loaders import orchestrator

    def explode(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(orchestrator._PARSERS, "ingresos", explode)
    with pytest.raises(UnreadableWorkbook) as caught:
        load_workbook(workbook(("Ingresos", lambda ws: rows(ws, 1, [["Clasificación presupuestaria ingresos",
                                                                       "Total"], ["Tasas", 1]]))), anio=2016)
    assert caught.value.issue.code == "lectura_fallida" and "ZeroDivisionError" in caught.value.issue.message
    assert isinstance(caught.value.__cause__, ZeroDivisionError)
