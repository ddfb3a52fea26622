"""loaders/sheetscan.py: a sheet's extent and merges read from its XML, in chunks, whatever the chunk size."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest

from domain.places import column_index
from loaders.sheetscan import SheetScanner
from tests.factories import poa_document_layout

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def scan(xml: bytes, chunk: int = 1 << 20):
    scanner = SheetScanner()
    for start in range(0, len(xml), chunk):
        scanner.feed(xml[start:start + chunk])
    scanner.feed(b"", final=True)
    return scanner.extent


@pytest.fixture(scope="module")
def sheet() -> bytes:
    """One area sheet of the document layout: objective rows and result cells merged."""
    with zipfile.ZipFile(BytesIO(poa_document_layout(3_000))) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_extent_and_merges_match_a_plain_regex_reading(sheet: bytes) -> None:
    extent = scan(sheet)
    refs = re.findall(rb'<c r="([A-Z]+)(\d+)"', sheet)
    assert extent.max_row == max(int(r) for _, r in refs)
    assert extent.max_col == max(column_index(c.decode()) + 1 for c, _ in refs)
    assert extent.cell_refs == extent.cell_tags == len(refs) and extent.unreferenced == 0
    expected = []
    for m in _MERGE.finditer(sheet):
        r0, c0 = int(m[2]) - 1, column_index(m[1].decode())
        r1, c1 = (int(m[4]) - 1, column_index(m[3].decode())) if m[3] else (r0, c0)
        expected.append([r0, c0, r1, c1])
    assert extent.merges.tolist() == expected and expected


@pytest.mark.parametrize("chunk", [7, 64, 65, 1000, 4097])
def test_any_chunk_size_gives_the_same_reading(sheet: bytes, chunk: int) -> None:
    whole, pieces = scan(sheet[:200_000]), scan(sheet[:200_000], chunk)
    assert (pieces.max_row, pieces.max_col, pieces.cell_refs, pieces.row_refs, pieces.cell_tags) == (
        whole.max_row, whole.max_col, whole.cell_refs, whole.row_refs, whole.cell_tags)
    assert pieces.merges.tolist() == whole.merges.tolist()


@pytest.mark.parametrize(("xml", "illegal"), [
    (b'<row r="1"><c r="AAAA1"><v>1</v></c></row>', "AAAA1"),
    (b'<row r="1"><c r="XFE1"><v>1</v></c></row>', "XFE1"),
    (b'<row r="2"><c r="B0"><v>1</v></c></row>', "B0"),
    (b'<row r="1"><c r="A12345678"><v>1</v></c></row>', "A12345678"),
    (b'<row r="1048577"><c r="A1"><v>1</v></c></row>', "fila 1048577"),
    (b'<mergeCells><mergeCell ref="A1:B99999999999999999999"/></mergeCells>', "A1:B99999999999999999999"),
    (b'<row r="1"><c r="A1x"><v>1</v></c></row>', "A1x"),
    (b'<row r="1"><c r="B\xb2"><v>1</v></c></row>', "B\xb2"),
    (b'<row r="A5"><c r="A5"><v>1</v></c></row>', "fila A5"),
    (b'<mergeCells><mergeCell ref="A1:B2x"/></mergeCells>', "A1:B2x"),
])
@pytest.mark.parametrize("legal_after", [0, 600], ids=["sparse_chunk", "dense_chunk"])
def test_references_outside_excels_grid_are_named(xml: bytes, illegal: str, legal_after: int) -> None:
    """The same name whether the chunk is read reference by reference or in whole-array steps (legal cells and
    merges after the bad one make it dense)."""
    padding = (b'<row r="1000">' + b'<c r="B1000"><v>1</v></c>' * legal_after + b"</row><mergeCells>"
               + b'<mergeCell ref="C1000:C1001"/>' * legal_after + b"</mergeCells>")
    extent = scan(b"<worksheet><sheetData>" + xml + padding + b"</sheetData></worksheet>")
    assert extent.illegal.startswith(illegal[:12])
    assert extent.cell_refs == legal_after + xml.count(b"<c r=")


def test_far_cells_and_cells_without_reference_bound_the_extent() -> None:
    far = scan(b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="9"><c r="XFD1048576"><v>1</v></c>'
               b"</row></sheetData>")
    assert (far.max_row, far.max_col, far.far_col_ref) == (1_048_576, 16_384, "XFD1048576")
    assert far.cells() == 1_048_576 * 16_384
    loose = scan(b'<sheetData><row r="1000"><c r="A1000"><v>1</v></c>' + b"<c><v>1</v></c>" * 500 +
                 b"</row></sheetData>")
    assert loose.unreferenced == 500 and loose.cells() >= 1000 * 501


@pytest.mark.parametrize("count", [10, 1_000], ids=["one_by_one", "whole_array"])
def test_both_ways_of_reading_merges_agree_with_a_regex(count: int) -> None:
    import random

    from domain.places import column_letter

    rng = random.Random(count)
    refs = []
    for _ in range(count):
        r0, c0 = rng.randint(1, 1_048_000), rng.randint(0, 16_000)
        refs.append(f"{column_letter(c0)}{r0}:{column_letter(c0 + rng.randint(0, 300))}{r0 + rng.randint(0, 500)}")
    xml = ("<worksheet><sheetData/><mergeCells>" + "".join(f'<mergeCell ref="{r}"/>' for r in refs)
           + "</mergeCells></worksheet>").encode()
    expected = []
    for m in _MERGE.finditer(xml):
        r0, c0 = int(m[2]) - 1, column_index(m[1].decode())
        r1, c1 = (int(m[4]) - 1, column_index(m[3].decode())) if m[3] else (r0, c0)
        expected.append([r0, c0, r1, c1])
    for chunk in (97, 1 << 20):
        extent = scan(xml, chunk)
        assert extent.merges.tolist() == expected and not extent.illegal
