"""A table behind a chart as a file: XLSX and CSV, from the table's declaration (domain/schema.py).

Both say what they hold and which published version: the XLSX on a sheet of its own («Origen»), the CSV in its
file name; the name is the block's key and the version (`presupuesto-ingresos-v3.xlsx`).

- XLSX: the declaration's Spanish labels as the header, frozen; money, percentages, counts and dates as real
  numbers and dates with es-SV formats (`$#,##0.00`, `31/12/2016`); columns as wide as their contents.
- CSV: UTF-8 with a byte-order mark, so that Excel reads the accents; numbers with a decimal point and no
  thousands separator, so that they stay numbers; dates as 31/12/2016.

Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) is
neutralised in both (formula injection): the CSV puts an apostrophe before it, as spreadsheet programs do
themselves; the XLSX writes it as a text cell, which no spreadsheet evaluates (read back, it is the same text,
never a formula).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd
import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from domain.folding import strip_accents
from domain.schema import Column, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
NUMBER_FORMATS = {"money": '"$"#,##0.00;-"$"#,##0.00', "int": "#,##0", "percent": '0.0" %"', "date": "DD/MM/YYYY"}
MAX_WIDTH, MIN_WIDTH = 60, 8
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML (hence XLSX) cannot hold


def formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula?"""
    return text.startswith(FORMULA_STARTS)


def neutral(text: str) -> str:
    """A CSV cell's text, with an apostrophe before it when a spreadsheet would read it as a formula."""
    return "'" + text if formula_like(text) else text


@dataclass(frozen=True)
class Provenance:
    """What a file holds and where from: the table's title, the version shown, who published it and when."""

    title: str
    version: int
    published: date
    published_by: str
    filters: str = ""  # the active filters in words, or "" for none

    def lines(self) -> list[tuple[str, str]]:
        return [("Contenido", self.title), ("Versión", f"{self.version}"),
                ("Publicada", f"{self.published:%d/%m/%Y} por {self.published_by}"),
                ("Filtros", self.filters or "ninguno")]


def file_name(key: str, version: int, extension: str) -> str:
    """'presupuesto_ingresos', 3, 'xlsx' -> 'presupuesto-ingresos-v3.xlsx' (ASCII letters, digits and '-')."""
    stem = re.sub(r"[^a-z0-9]+", "-", strip_accents(key).lower()).strip("-") or "tabla"
    return f"{stem}-v{version}.{extension}"


def _rows(frame: pd.DataFrame | pa.Table, columns: list[str]) -> list[list[Any]]:
    """The chosen columns' values, row by row, as Python objects (None where empty)."""
    if isinstance(frame, pa.Table):
        data = {c: frame.column(c).to_pylist() for c in columns}
    else:
        data = {c: [None if _empty(v) else v for v in frame[c].tolist()] for c in columns}
    return [list(row) for row in zip(*(data[c] for c in columns), strict=True)] if columns else []


def _empty(value: object) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _chosen(frame: pd.DataFrame | pa.Table, schema: Table, columns: list[str] | None) -> list[Column]:
    names = set(frame.column_names if isinstance(frame, pa.Table) else frame.columns)
    by_name = {c.name: c for c in schema.columns}
    return [by_name[n] for n in (columns or list(schema.names)) if n in names and n in by_name]


def _number(value: object) -> float | int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        return value if isinstance(value, int) else float(value)
    return None


def as_date(value: object) -> date | None:
    """A cell's day: from a date, a datetime or a pandas Timestamp; None for anything else, NaT and NaN included."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):  # a pandas Timestamp is one
        return value.date()
    return value if isinstance(value, date) else None


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "sí" if value else "no"
    return _ILLEGAL.sub("", str(value))


def to_csv(frame: pd.DataFrame | pa.Table, schema: Table, *, columns: list[str] | None = None) -> bytes:
    """The table as CSV: UTF-8 with BOM, Spanish headers, plain numbers, dates as 31/12/2016."""
    chosen = _chosen(frame, schema, columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutral(c.label) for c in chosen])
    for row in _rows(frame, [c.name for c in chosen]):
        writer.writerow([_csv_cell(column, value) for column, value in zip(chosen, row, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(column: Column, value: object) -> str:
    if value is None:
        return ""
    if column.kind in ("money", "int", "percent") and (number := _number(value)) is not None:
        return f"{number:.2f}" if column.kind == "money" else str(round(number, 4))
    if column.kind == "date" and (day := as_date(value)) is not None:
        return f"{day:%d/%m/%Y}"
    return neutral(_text(value))


def to_xlsx(frame: pd.DataFrame | pa.Table, schema: Table, *, provenance: Provenance,
            columns: list[str] | None = None) -> bytes:
    """The table on a first sheet (header frozen, real numbers and dates, widths to fit) and «Origen» after."""
    chosen = _chosen(frame, schema, columns)
    rows = _rows(frame, [c.name for c in chosen])
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(schema.label))
    sheet.freeze_panes = "A2"
    for i, column in enumerate(chosen, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = _width(column, rows, i - 1)
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for column in chosen:
        cell = _text_cell(sheet, column.label)
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, column, value) for column, value in zip(chosen, row, strict=True)])
    origin = book.create_sheet("Origen")
    origin.column_dimensions["A"].width, origin.column_dimensions["B"].width = 14, 80
    for label, value in provenance.lines():
        name = _text_cell(origin, label)
        name.font = header_font
        origin.append([name, _text_cell(origin, value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(label: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", label)[:31] or "Tabla"


def _text_cell(sheet: Any, value: str) -> WriteOnlyCell:
    """A cell that holds `value` as text, never as a formula, whatever it starts with."""
    cell = WriteOnlyCell(sheet, value=_text(value))
    cell.data_type = "s"
    return cell


def _xlsx_cell(sheet: Any, column: Column, value: object) -> WriteOnlyCell | None:
    if value is None:
        return None
    if column.kind in NUMBER_FORMATS and column.kind != "date" and (number := _number(value)) is not None:
        cell = WriteOnlyCell(sheet, value=number)
        cell.number_format = NUMBER_FORMATS[column.kind]
        return cell
    if column.kind == "date" and (day := as_date(value)) is not None:
        cell = WriteOnlyCell(sheet, value=day)
        cell.number_format = NUMBER_FORMATS["date"]
        return cell
    return _text_cell(sheet, _text(value))


def _width(column: Column, rows: list[list[Any]], index: int, sample: int = 500) -> float:
    """Wide enough for the header's words and the longest of the first `sample` values, within bounds."""
    longest = max((len(w) for w in column.label.split()), default=0)
    for row in rows[:sample]:
        value = row[index]
        if value is None:
            continue
        size = 14 if column.kind == "money" else 11 if column.kind == "date" else len(_text(value))
        longest = max(longest, size)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
