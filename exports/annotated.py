"""The clerk's own workbook back, with each problem marked where it is.

Each problem cell gets a fill (errors red, warnings amber) and a comment saying what is wrong and what to do;
a new first sheet lists every problem, those without a cell too. Nothing else is touched: the workbook is
opened with formulas as formulas (not their cached values) and no cell text is interpreted.

Call it with bytes the loaders accepted: their guard has already vetted the file's size and zip structure.
openpyxl keeps values, formulas, styles, merges, validations and defined names, but drops what it cannot
read (images, charts, shapes, threaded comments): the copy is for finding problems, not a replacement file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from io import BytesIO
from math import ceil

from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from domain.folding import strip_accents
from domain.issues import Issue, Omitted, Severity
from domain.issues import omitted as omitted_text
from domain.places import Place
from domain.schema import PROBLEMAS

AUTHOR = "Tablero Plan de Acción"
SHEET = "Problemas"
COLOURS: dict[Severity, str] = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C"}
MAX_TEXT = 32_767  # the most characters Excel keeps in a cell or a comment
# Widths of the problem list's columns (PROBLEMAS names), in characters.
WIDTHS: dict[str, int] = {"gravedad": 13, "hoja": 18, "fila": 8, "columna": 26, "mensaje": 90, "tipo": 32,
                          "codigo": 26}
NOTHING = "—"  # what the review page shows for a missing sheet or column


def annotate(data: bytes, issues: Sequence[Issue], omitted: Sequence[Omitted] = ()) -> bytes:
    """The workbook in `data` with every issue's cell filled and commented, and a first sheet listing them all.

    An issue is marked on its cell only when it names an existing sheet, a row and a column inside that
    sheet's used range; the rest (a whole row, a whole sheet, the whole plan) appear in the list only.
    Odd places never raise: they just stay in the list.
    """
    wb = load_workbook(BytesIO(data), rich_text=False)
    sheets = {ws.title: ws for ws in wb.worksheets if isinstance(ws, Worksheet)}
    for cell, group in _by_cell(sheets, issues):
        _mark(cell, group)
    _problem_sheet(wb, issues, omitted)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def annotated_name(filename: str) -> str:
    """'plan revisado.xlsx' -> 'plan-revisado-con-problemas.xlsx': a download name safe on any system.

    The name comes from the browser, so directories are dropped and only ASCII letters, digits, '.', '_'
    and '-' are kept (accents are taken off first, so 'Año' becomes 'ano', not 'a-o').
    """
    base = re.split(r"[\\/]", filename)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^a-z0-9._-]+", "-", strip_accents(stem).lower())
    stem = re.sub(r"-{2,}", "-", stem).strip("-._")[:80] or "plan"
    return f"{stem}-con-problemas.xlsx"


# ---------------------------------------------------------------- marking cells

def _target(sheets: dict[str, Worksheet], place: Place) -> Cell | None:
    """The cell to mark for a place: None when the place is not one cell of the workbook's used range.

    A cell inside a merged range that is not its top-left cannot hold a comment, and Excel shows the range's
    value at its top-left: that is the cell marked.
    """
    ws = sheets.get(place.sheet) if place.sheet is not None else None
    if ws is None or place.row is None or place.col is None:
        return None
    if not (1 <= place.row <= ws.max_row and 0 <= place.col < ws.max_column):
        return None
    cell = ws.cell(place.row, place.col + 1)
    if isinstance(cell, MergedCell):
        merged = next((r for r in ws.merged_cells.ranges if cell.coordinate in r), None)
        return ws.cell(merged.min_row, merged.min_col) if merged else None
    return cell


def _by_cell(sheets: dict[str, Worksheet], issues: Iterable[Issue]) -> list[tuple[Cell, list[Issue]]]:
    """The issues grouped by the cell they mark, in the order first met (several issues, one comment)."""
    groups: dict[tuple[str, str], tuple[Cell, list[Issue]]] = {}
    for item in issues:
        cell = _target(sheets, item.place)
        if cell is not None:
            groups.setdefault((cell.parent.title, cell.coordinate), (cell, []))[1].append(item)
    return list(groups.values())


def _word(severity: Severity) -> str:
    """'Error' or 'Advertencia', as the review page says it."""
    return severity.nouns[0].capitalize()


def _fill(severity: Severity) -> PatternFill:
    colour = COLOURS[severity]
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _mark(cell: Cell, issues: list[Issue]) -> None:
    """Fill the cell by its worst issue and comment it with every issue, errors first, after any comment there."""
    ordered = _errors_first(issues)
    cell.fill = _fill(ordered[0].severity)
    text = "\n\n".join(f"{_word(i.severity)}: {i.message}" for i in ordered)
    author = AUTHOR
    if cell.comment is not None:
        text, author = f"{cell.comment.text}\n\n{text}", cell.comment.author or AUTHOR
    text = _clean(text)
    lines = sum(ceil(len(p) / 50) or 1 for p in text.split("\n"))
    cell.comment = Comment(text, author, height=min(max(80, 16 * lines + 16), 640), width=380)


def _errors_first(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: not i.is_error)  # stable: the loaders' order within a severity


def _clean(text: str) -> str:
    """Text Excel accepts: no control characters (a loader may have decoded one from «_x0001_»), and no more
    than a cell holds."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_TEXT]


# ---------------------------------------------------------------- the problem list

def _rows(issues: Sequence[Issue], omitted: Sequence[Omitted]) -> list[tuple[Severity, dict[str, object]]]:
    """One row per issue and per kind counted beyond the cap, errors first, in PROBLEMAS' columns."""
    rows: list[tuple[Severity, dict[str, object]]] = []
    for severity in Severity:
        rows += [(severity, _issue_row(i)) for i in issues if i.severity is severity]
        rows += [(severity, _omitted_row(o)) for o in omitted if o.severity is severity]
    return rows


def _issue_row(item: Issue) -> dict[str, object]:
    place = item.place
    return {"gravedad": _word(item.severity), "hoja": place.sheet or NOTHING, "fila": place.row,
            "columna": place.column or NOTHING, "mensaje": item.message, "tipo": item.title, "codigo": item.code}


def _omitted_row(extra: Omitted) -> dict[str, object]:
    """'… y 30 advertencias más del tipo «Tiempo no reconocido»': counted beyond the loaders' cap, not listed."""
    return {"gravedad": _word(extra.severity), "hoja": NOTHING, "fila": None, "columna": NOTHING,
            "mensaje": f"… y {omitted_text(extra)}", "tipo": extra.title, "codigo": extra.code}


def _free_name(wb: Workbook, base: str) -> str:
    """`base`, or 'base (2)', 'base (3)'…: the first name no sheet has (Excel compares them ignoring case)."""
    taken = {name.casefold() for name in wb.sheetnames}
    name, n = base, 2
    while name.casefold() in taken:
        name, n = f"{base} ({n})", n + 1
    return name


def _put(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """Write a value as data: text stays text even when it starts with '=' (openpyxl would make it a formula)."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        cell.value = _clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _problem_sheet(wb: Workbook, issues: Sequence[Issue], omitted: Sequence[Omitted]) -> Worksheet:
    """The new first sheet, shown on opening: every problem with where it is, as the review page lists them."""
    ws = wb.create_sheet(_free_name(wb, SHEET), 0)
    names = PROBLEMAS.names
    for col, column in enumerate(PROBLEMAS.columns, start=1):
        _put(ws, 1, col, column.label).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(column.name, 16)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, (severity, row) in enumerate(_rows(issues, omitted), start=2):
        for col, name in enumerate(names, start=1):
            _put(ws, r, col, row[name]).alignment = wrap
        ws.cell(r, names.index("gravedad") + 1).fill = _fill(severity)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(ws.max_row, 2)}"
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    wb.active = 0
    for view in wb.views:
        view.firstSheet = 0  # the tab bar starts at the new sheet
    return ws
