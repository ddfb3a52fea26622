"""Workbook bytes -> one grid of cell texts per sheet, read after the guard (loaders/guard.py) let them in.

`read_grids` reads cell values with fastexcel (calamine, Rust) as text, one Arrow column per spreadsheet
column; merged ranges (found by the guard's pass) are filled from their top-left cell with vectorised takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from domain.catalogue import issue
from domain.folding import one_line
from domain.issues import Issue
from domain.places import Place
from loaders.fills import FillsUnreadable, filled_cells
from loaders.guard import ZipScan, refuse


@dataclass(eq=False)
class Grid:
    """One sheet's cells as text: `frame` has one column per spreadsheet column (0-based index in
    `frame.columns`, so column_letter(c) names it) and one row per Excel row (index 0 = row 1).
    Cells covered by a merged range hold the range's top-left value."""

    name: str
    frame: pd.DataFrame
    part: str | None = None
    source: bytes | None = field(default=None, repr=False)  # the workbook (shared, not copied): for fills

    @cached_property
    def filled_cells(self) -> set[tuple[int, int]] | None:
        """Cells (row, col) with a background fill, read only when a sheet marks months by colour; None when
        the workbook's colours cannot be read."""
        if self.source is None or self.part is None:
            return set()
        try:
            return filled_cells(self.source, self.part)
        except FillsUnreadable:
            return None


def _fill_merged(columns: dict[int, pa.Array], n_rows: int, merged: np.ndarray) -> dict[int, pa.Array]:
    """Copy each merged range's top-left value over the range: Arrow takes, no per-cell Python.

    Ranges are clipped to the cells the sheet holds: a merge that reaches past them adds nothing to fill.
    """
    if not len(merged) or not n_rows or not columns:
        return columns
    ranges = np.array(merged, dtype=np.int64)
    ranges = ranges[(ranges[:, 0] < n_rows) & (ranges[:, 1] <= max(columns))]
    if not len(ranges):
        return columns
    ranges[:, 2] = np.minimum(ranges[:, 2], n_rows - 1)
    ranges[:, 3] = np.minimum(ranges[:, 3], max(columns))
    for col in range(int(ranges[:, 1].min(initial=0)), int(ranges[:, 3].max(initial=-1)) + 1):
        hit = ranges[(ranges[:, 1] <= col) & (ranges[:, 3] >= col)]
        if not len(hit):
            continue
        lengths = hit[:, 2] - hit[:, 0] + 1
        anchors = np.repeat(hit[:, 0], lengths)
        rows = anchors + np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        anchor_cols = np.repeat(hit[:, 1], lengths)
        base = columns.get(col, pa.nulls(n_rows, pa.string()))
        for anchor_col in np.unique(anchor_cols):
            pick = anchor_cols == anchor_col
            source = np.arange(n_rows)
            source[rows[pick]] = anchors[pick]
            mask = np.zeros(n_rows, dtype=bool)
            mask[rows[pick]] = True
            donor = columns.get(int(anchor_col), pa.nulls(n_rows, pa.string()))
            base = pc.if_else(pa.array(mask), pc.take(donor, pa.array(source)), base)
        columns[col] = base
    return columns


def _reader_index(names: list[str], listed: list[tuple[str, str]], index: int, loose: str) -> int | None:
    """Where the cell reader lists the workbook's `index`-th sheet, named `loose` on one line: the same place
    when both lists agree, else the sheet of the same name (white space compared loosely: a reader may keep a
    newline that the workbook's XML turns into a space)."""
    if len(names) == len(listed) and one_line(names[index]) == loose:
        return index
    matches = [i for i, n in enumerate(names) if one_line(n) == loose]
    return matches[0] if matches else None


def read_grids(data: bytes, scan: ZipScan) -> tuple[list[Grid], list[Issue]]:
    """Every worksheet's cells as text, merged ranges filled, and what could not be read as a sheet.

    Raises UnreadableWorkbook only.
    """
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        names = list(reader.sheet_names)
    except Exception as exc:
        raise refuse("archivo_danado", detail="el lector de celdas no lo puede abrir") from exc
    grids: list[Grid] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for index, (name, part) in enumerate(scan.sheets):
        if not part.startswith("xl/worksheets/"):
            continue  # chartsheets and dialog sheets hold no cells
        loose = one_line(name)
        if loose in seen:  # Excel forbids it; a reader would read the first twice
            issues.append(issue("hoja_repetida", sheet=name, first=seen[loose] + 1, second=index + 1))
            continue
        seen[loose] = index
        where = _reader_index(names, scan.sheets, index, loose)
        if where is None:
            issues.append(issue("hoja_no_leida", Place(sheet=name), sheet=name))
            continue
        table, offsets = _load(reader, where, name)
        n_rows = table.num_rows
        columns = {offset: table.column(i) for i, offset in enumerate(offsets)}
        columns = _fill_merged(columns, n_rows, scan.merged(part))
        frame = pd.DataFrame(
            {c: pd.Series(pd.arrays.ArrowStringArray(pc.cast(columns[c], pa.string())))
             for c in sorted(columns)},
            index=pd.RangeIndex(n_rows),
        )
        grids.append(Grid(name=name, frame=frame, part=part, source=data))
    return grids, issues


def _load(reader: object, where: int, name: str) -> tuple[pa.Table, list[int]]:
    """One sheet's cells as an Arrow table of text, and the Excel column of each table column."""
    try:
        sheet = reader.load_sheet(where, header_row=None, dtypes="string", skip_rows=0)
        return sheet.to_arrow(), [c.absolute_index for c in sheet.available_columns()]
    except Exception as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "no data" in message.lower() or "empty" in message.lower():
            return pa.table({}), []
        raise refuse("archivo_danado", detail=f"la hoja «{name}» no se puede leer") from exc
