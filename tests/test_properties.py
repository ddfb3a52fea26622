"""Random cells and shapes: the loaders return tables and issues, or the one wrapped error, nothing else."""

import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from loaders import LoadResult, UnreadableWorkbook, load_workbook
from loaders.text import parse_amount, parse_date, parse_tiempo
from tests.builders import POA_HEADER

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
    for n, rows in enumerate(sheets):
        ws = wb.create_sheet(f"Hoja {n}")
        for r, values in enumerate(rows, start=1):
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
    assert all(i.severity == "error" for i in result.errors) and all(i.severity == "warning" for i in result.warnings)
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


@given(st.text(max_size=40), st.one_of(st.none(), st.integers(1900, 2100)))
def test_cell_parsers_are_total(text: str, year) -> None:
    parse_amount(text)
    parse_date(text)
    inicio, fin, problem = parse_tiempo(text, year)
    assert (problem is None) == (inicio is not None and fin is not None)
