"""Which cells carry a background fill: read only for POAs whose month columns are marked by colour."""

from __future__ import annotations

import io
import re
import zipfile

import defusedxml.ElementTree as SafeET

from domain.places import column_index

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>|<(?:\w+:)?c\b([^>]*)/>")
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')


def filled_styles(styles_xml: bytes) -> set[int]:
    """Indexes of cell formats (cellXfs) whose fill is a real pattern (not 'none' nor the default grey)."""
    root = SafeET.fromstring(styles_xml)
    fills = root.find(f"{_NS}fills")
    painted: set[int] = set()
    if fills is not None:
        for index, fill in enumerate(fills.findall(f"{_NS}fill")):
            pattern = fill.find(f"{_NS}patternFill")
            kind = pattern.get("patternType") if pattern is not None else None
            gradient = fill.find(f"{_NS}gradientFill") is not None
            if gradient or (kind not in (None, "none", "gray125") and index > 1 and not _white(pattern)):
                painted.add(index)
    xfs = root.find(f"{_NS}cellXfs")
    styles: set[int] = set()
    if xfs is not None:
        for index, xf in enumerate(xfs.findall(f"{_NS}xf")):
            if int(xf.get("fillId", "0")) in painted:
                styles.add(index)
    return styles


def _white(pattern: object) -> bool:
    """A solid white fill: a cell painted back to the background, not a mark."""
    colour = pattern.find(f"{_NS}fgColor") if pattern is not None else None
    if colour is None or pattern.get("patternType") != "solid":
        return False
    rgb = (colour.get("rgb") or "").upper()
    return rgb[-6:] == "FFFFFF" or (colour.get("theme") == "0" and not colour.get("tint"))


class FillsUnreadable(Exception):
    """The workbook's styles cannot be read (a DTD, a malformed index…): its colours are unknown."""


def filled_cells(data: bytes, part: str) -> set[tuple[int, int]]:
    """(row, col), 0-based, of the cells of one sheet part whose style has a fill.

    Raises FillsUnreadable, and only that, when the styles or the sheet cannot be read.
    """
    try:
        return _filled_cells(data, part)
    except Exception as exc:  # defusedxml refusals (DTDs, entities), bad XML, non-numeric indexes, bad zip
        raise FillsUnreadable(type(exc).__name__) from exc


def _filled_cells(data: bytes, part: str) -> set[tuple[int, int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if "xl/styles.xml" not in names or part not in names:
            return set()
        styles = filled_styles(archive.read("xl/styles.xml"))
        if not styles:
            return set()
        xml = archive.read(part)
    cells = set()
    for m in _CELL.finditer(xml):
        attrs = m[1] or m[2] or b""
        style, ref = _STYLE.search(attrs), _REF.search(attrs)
        if style and ref and int(style[1]) in styles and len(ref[1]) <= 3:
            cells.add((int(ref[2]) - 1, column_index(ref[1].decode())))
    return cells
