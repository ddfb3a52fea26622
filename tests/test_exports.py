"""Tables as files (exports/tables.py), read back: the XLSX with openpyxl, the CSV as text."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest

from charts import blocks
from charts.prepared import Prepared
from domain.schema import ACTIVIDADES
from exports.tables import FORMULA_STARTS, Provenance, file_name, neutral, to_csv, to_xlsx

ORIGIN = Provenance(title="Ingresos", version=3, published=date(2016, 3, 12), published_by="ana")
PAYLOADS = ["=HYPERLINK(\"http://malo.test\",\"clic\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


def _xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_an_income_table_as_xlsx_has_spanish_headers_real_numbers_and_its_version(prepared: Prepared) -> None:
    block = blocks.budget_side(prepared, "Ingresos", False)
    book = _xlsx(to_xlsx(block.table, block.schema, provenance=ORIGIN))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.label for c in block.schema.columns]
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value == "Tasas y derechos"
    assert sheet["B2"].value == 2_370_715 and sheet["B2"].data_type == "n"
    assert sheet["B2"].number_format == '"$"#,##0.00;-"$"#,##0.00'
    assert sum(sheet.cell(row, 2).value for row in range(2, sheet.max_row + 1)) == pytest.approx(7_868_489.38, abs=1e-6)
    assert sheet.column_dimensions["A"].width >= len("Recuperación de inversiones financieras")
    origin = {row[0].value: row[1].value for row in book["Origen"].iter_rows()}
    assert origin["Versión"] == "3" and origin["Publicada"] == "12/03/2016 por ana"
    assert origin["Contenido"] == "Ingresos" and origin["Filtros"] == "ninguno"


def test_dates_are_dates_in_xlsx_and_31_12_2016_in_csv(prepared: Prepared) -> None:
    block = blocks.donor_ends(prepared, date(2026, 11, 25))
    sheet = _xlsx(to_xlsx(block.table, block.schema, provenance=ORIGIN)).worksheets[0]
    labels = [c.value for c in sheet[1]]
    when = sheet.cell(2, labels.index("Fecha de finalización") + 1)
    assert when.value == datetime(2016, 12, 31) and when.number_format == "DD/MM/YYYY"
    rows = _csv(to_csv(block.table, block.schema))
    assert rows[0] == labels
    assert rows[1][labels.index("Fecha de finalización")] == "31/12/2016"
    assert rows[1][labels.index("Importe")] == "883217.30"  # a plain number: Excel keeps it a number


def test_csv_keeps_accents_and_leaves_empty_cells_empty(prepared: Prepared) -> None:
    block = blocks.donor_ends(prepared, date(2026, 11, 25))
    rows = _csv(to_csv(block.table, block.schema))
    assert "Unión Europea/OPAMSS" in [r[0] for r in rows]
    cells = {cell for row in rows for cell in row}
    assert not cells & {"—", "None", "nan"}


@pytest.mark.parametrize("kind", ["pandas", "arrow"])
def test_formulas_in_text_are_neutralised_in_every_export(kind: str) -> None:
    frame = pd.DataFrame({"actividad": PAYLOADS, "area": ["=1+1"] * len(PAYLOADS)})
    data = pa.Table.from_pandas(frame, preserve_index=False) if kind == "arrow" else frame
    origin = Provenance(title="=MALO()", version=1, published=date(2016, 1, 1), published_by="@ana",
                        filters="Área: =1+2")
    book = _xlsx(to_xlsx(data, ACTIVIDADES, provenance=origin, columns=["actividad", "area"]))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type != "f" for c in cells), "no cell of any sheet may be a formula"
    texts = [book.worksheets[0].cell(r, 1).value for r in range(2, len(PAYLOADS) + 2)]
    assert texts == [p.replace("\r", "\n") for p in PAYLOADS]  # the same text (XML reads a CR back as LF)
    rows = _csv(to_csv(data, ACTIVIDADES, columns=["actividad", "area"]))
    for row in rows[1:]:
        assert all(not cell.startswith(FORMULA_STARTS) for cell in row), row
        assert row[0].startswith("'") and row[0][1:] in PAYLOADS


def test_neutral_leaves_ordinary_text_alone() -> None:
    assert neutral("Tasas y derechos") == "Tasas y derechos"
    assert neutral("=1") == "'=1" and neutral("-") == "'-"


def test_file_names_say_what_and_which_version() -> None:
    assert file_name("presupuesto_ingresos", 3, "xlsx") == "presupuesto-ingresos-v3.xlsx"
    assert file_name("actividades_matriz", 12, "csv") == "actividades-matriz-v12.csv"
    assert file_name("Año ../x", 1, "csv") == "ano-x-v1.csv"


def test_the_poa_matrix_exports_whole_with_its_dates(plan_1000) -> None:
    frame = plan_1000.tables["actividades"]
    rows = _csv(to_csv(frame, ACTIVIDADES))
    assert len(rows) == len(frame) + 1
    sheet = _xlsx(to_xlsx(frame, ACTIVIDADES, provenance=ORIGIN)).worksheets[0]
    assert sheet.max_row == len(frame) + 1
    labels = [c.value for c in sheet[1]]
    column = labels.index(ACTIVIDADES.column("inicio").label) + 1
    dated = frame["inicio"].notna().to_numpy().nonzero()[0][0]  # the first activity with a start date
    start = sheet.cell(int(dated) + 2, column)
    assert start.value == pd.Timestamp(frame["inicio"].iloc[dated]).to_pydatetime().replace(tzinfo=None)
    assert start.number_format == "DD/MM/YYYY"
