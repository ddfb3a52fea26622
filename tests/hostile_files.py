"""Hostile inputs for the workbook loader, each built in code as bytes (nothing is committed).

Every builder is deterministic; the slow ones (zip bombs, the 100 KB workbook) are cached.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import random
import struct
import zipfile

import openpyxl

MB = 1024 * 1024

LOCAL_SIG = b"PK\x03\x04"
CENTRAL_SIG = b"PK\x01\x02"
EOCD_SIG = b"PK\x05\x06"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP64_EXTRA_ID = 0x0001

SHEET_PART = "xl/worksheets/sheet1.xml"
BOMB_INFLATED_BYTES = 600 * MB  # what the honest bomb's sheet inflates to
LYING_DECLARED_SIZE = 1000  # what the lying bomb claims instead


# --------------------------------------------------------------------------- valid workbooks


def _save(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@functools.cache
def tiny_valid_xlsx() -> bytes:
    """A normal, readable workbook: one 'Donaciones' table with one row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Donaciones"
    ws.append(["Donante", "Importe", "Fecha Finalización"])
    ws.append(["AACID", 883217.30, dt.datetime(2016, 12, 31)])
    ws["C2"].number_format = "yyyy-mm-dd"
    return _save(wb)


@functools.cache
def normal_100kb_xlsx() -> bytes:
    """A legitimate workbook of roughly 100 KB (hard-to-compress text so the zip stays big)."""
    rng = random.Random(100)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Donaciones"
    ws.append(["Donante", "Importe", "Fecha Finalización"])
    for i in range(1500):
        ws.append([f"Donante {rng.getrandbits(64):016x}", rng.randint(1, 10**9) / 100,
                   dt.datetime(2016, 1, 1) + dt.timedelta(days=i % 3000)])
    return _save(wb)


# --------------------------------------------------------------------------- not a workbook


def empty() -> bytes:
    return b""


def random_bytes() -> bytes:
    data = random.Random(1234).randbytes(4096)
    assert not data.startswith((b"PK", OLE2_MAGIC[:2]))
    return data


def csv_renamed() -> bytes:
    """A CSV export someone renamed to .xlsx."""
    return ("Donante;Importe;Fecha Finalización\r\n"
            "AACID;883217,30;31/12/2016\r\n").encode()


def truncated_half() -> bytes:
    data = tiny_valid_xlsx()
    return data[: len(data) // 2]


def truncated_tail() -> bytes:
    """Only the last 10 bytes are missing: the end-of-central-directory record is cut."""
    return tiny_valid_xlsx()[:-10]


def zip_not_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("hello.txt", "hola, esto no es un libro de Excel\n")
    return buf.getvalue()


# --------------------------------------------------------------------------- OLE2 (encrypted / .xls)


def _ole2(stream_names: list[str], size: int = 8192) -> bytes:
    """An OLE2 compound-file stand-in: the 512-byte header, then directory entries naming streams.

    Not a fully valid compound file, but it has what sniffers look at: the magic and the
    UTF-16LE stream names (Excel's password-protected .xlsx is exactly such a container
    holding 'EncryptionInfo' and 'EncryptedPackage').
    """
    header = bytearray(512)
    header[0:8] = OLE2_MAGIC
    # minor version, major version 3, byte order mark, 512-byte sectors
    struct.pack_into("<HHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 0x0009)
    struct.pack_into("<H", header, 32, 0x0006)  # mini sector shift
    directory = bytearray()
    for name in ["Root Entry", *stream_names]:
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[0 : len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if name == "Root Entry" else 2  # storage type: root / stream
        directory += entry
    data = bytes(header) + bytes(directory)
    return data + b"\0" * (size - len(data))


def ole2_encrypted() -> bytes:
    """What Excel writes for a password-protected .xlsx."""
    return _ole2(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])


def ole2_old_xls() -> bytes:
    """An old Excel 97-2003 .xls (BIFF8 in OLE2), not encrypted."""
    return _ole2(["Workbook", "\x05SummaryInformation"])


# --------------------------------------------------------------------------- zip header surgery


def _central_entries(data: bytes):
    """Yield (central_offset, local_offset, name) for every entry of a (non-zip64-EOCD) zip."""
    eocd = data.rindex(EOCD_SIG)
    count, _cd_size, cd_offset = struct.unpack_from("<HII", data, eocd + 10)
    pos = cd_offset
    for _ in range(count):
        assert data[pos : pos + 4] == CENTRAL_SIG
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        (local_offset,) = struct.unpack_from("<I", data, pos + 42)
        name = data[pos + 46 : pos + 46 + name_len].decode("utf-8")
        yield pos, local_offset, name
        pos += 46 + name_len + extra_len + comment_len


def _set_size_in_header(buf: bytearray, size_field: int, extra_start: int, extra_len: int, size: int) -> None:
    """Set a header's uncompressed size, in the 32-bit field or in its zip64 extra field."""
    (current,) = struct.unpack_from("<I", buf, size_field)
    if current != 0xFFFFFFFF:
        struct.pack_into("<I", buf, size_field, size)
        return
    pos, end = extra_start, extra_start + extra_len
    while pos + 4 <= end:
        tag, length = struct.unpack_from("<HH", buf, pos)
        if tag == ZIP64_EXTRA_ID:
            struct.pack_into("<Q", buf, pos + 4, size)  # uncompressed size comes first
            return
        pos += 4 + length
    raise AssertionError("zip64 size without a zip64 extra field")


def set_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size an entry declares, in its local and central headers."""
    buf = bytearray(data)
    for central, local, entry in _central_entries(data):
        if entry != name:
            continue
        name_len, extra_len = struct.unpack_from("<HH", buf, central + 28)
        _set_size_in_header(buf, central + 24, central + 46 + name_len, extra_len, size)
        assert buf[local : local + 4] == LOCAL_SIG
        name_len, extra_len = struct.unpack_from("<HH", buf, local + 26)
        _set_size_in_header(buf, local + 22, local + 30 + name_len, extra_len, size)
        return bytes(buf)
    raise KeyError(name)


def set_encrypted_flag(data: bytes) -> bytes:
    """Set general-purpose flag bit 0 ('encrypted') on every entry, local and central headers."""
    buf = bytearray(data)
    for central, local, _ in _central_entries(data):
        struct.pack_into("<H", buf, central + 8, struct.unpack_from("<H", buf, central + 8)[0] | 0x1)
        struct.pack_into("<H", buf, local + 6, struct.unpack_from("<H", buf, local + 6)[0] | 0x1)
    return bytes(buf)


def zip_encrypted_flag() -> bytes:
    """A real workbook whose zip entries say they are (traditional-PKWARE) encrypted."""
    data = set_encrypted_flag(tiny_valid_xlsx())
    assert all(info.flag_bits & 0x1 for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    return data


# --------------------------------------------------------------------------- size limit


def too_large_21mb() -> bytes:
    """21 MB that start like a zip; over the default 20 MB limit."""
    return LOCAL_SIG + b"\0" * (21 * MB - len(LOCAL_SIG))


# --------------------------------------------------------------------------- zip bombs

_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b'<sheetData><row r="1">')
_SHEET_CELL = b'<c r="A1"><v>0</v></c>'
_SHEET_TAIL = b"</row></sheetData></worksheet>"
_BOMB_CELL_BYTES = 8 * MB  # the rest is whitespace: distance-1 matches compress ~1000:1


@functools.cache
def bomb_honest() -> bytes:
    """A structurally valid xlsx whose sheet1.xml honestly declares ~600 MB inflated (~0.6 MB zipped).

    The sheet is 8 MB of repeated cells then whitespace (legal XML between elements), streamed
    through ZipFile.open(..., "w") so the 600 MB never sit in memory.
    """
    template = zipfile.ZipFile(io.BytesIO(tiny_valid_xlsx()))
    cells = _SHEET_CELL * (MB // len(_SHEET_CELL))
    spaces = b" " * MB
    n_cells = _BOMB_CELL_BYTES // len(cells)
    n_spaces = (BOMB_INFLATED_BYTES - len(_SHEET_HEAD) - len(_SHEET_TAIL)) // MB - n_cells
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for info in template.infolist():
            if info.filename != SHEET_PART:
                zf.writestr(info.filename, template.read(info.filename))
                continue
            with zf.open(SHEET_PART, "w", force_zip64=True) as sheet:
                sheet.write(_SHEET_HEAD)
                for _ in range(n_cells):
                    sheet.write(cells)
                for _ in range(n_spaces):
                    sheet.write(spaces)
                sheet.write(_SHEET_TAIL)
    return buf.getvalue()


@functools.cache
def bomb_lying() -> bytes:
    """The honest bomb, but its headers claim sheet1.xml inflates to 1000 bytes."""
    return set_declared_size(bomb_honest(), SHEET_PART, LYING_DECLARED_SIZE)


def declared_sizes(data: bytes) -> dict[str, tuple[int, int]]:
    """{part: (compressed, declared uncompressed)} as the central directory says."""
    return {i.filename: (i.compress_size, i.file_size) for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}


# --------------------------------------------------------------------------- the reader's own limits (issue 8)
# Each starts from a valid workbook and changes one part's XML, as an attacker or a broken tool would.

BUNDLED_PATH = "data/plan_accion_2016.xlsx"
INGRESOS_PART = "xl/worksheets/sheet2.xml"  # the bundled plan's «Ingresos» sheet


def _bundled() -> bytes:
    from tests.factories import BUNDLED

    return BUNDLED.read_bytes()


def patch_parts(base: bytes, edits: dict, extra: dict | None = None) -> bytes:
    """`base` with the parts in `edits` passed through their function (and `extra` parts added, raw)."""
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info.filename)
            zf.writestr(info.filename, edits[info.filename](data) if info.filename in edits else data)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return out.getvalue()


def _with_cell(ref: str, value: str = "x"):
    def edit(xml: bytes) -> bytes:
        row = "".join(ch for ch in ref if ch.isdigit()) or "1"
        cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c></row>'.encode()
        return xml.replace(b"</sheetData>", cell + b"</sheetData>")
    return edit


def _with_merge(ref: str):
    def edit(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/>'
                                            f"</mergeCells>".encode())
    return edit


def far_cell(ref: str) -> bytes:
    """The bundled plan with one more cell in «Ingresos», at `ref` (XFD1048576, B1048576, AAAAAAAAAA1…)."""
    return patch_parts(_bundled(), {INGRESOS_PART: _with_cell(ref)})


def merge(ref: str) -> bytes:
    """The bundled plan with one merged range in «Ingresos» (A1:ZZZZZ1, A1:XFD1048576, A0:B2…)."""
    return patch_parts(_bundled(), {INGRESOS_PART: _with_merge(ref)})


def wide_row(cells: int = 16_384) -> bytes:
    """The bundled plan with a row of `cells` numbers in «Ingresos» (every column Excel has)."""
    from domain.places import column_letter

    row = b'<row r="50">' + b"".join(f'<c r="{column_letter(i)}50"><v>1</v></c>'.encode()
                                     for i in range(cells)) + b"</row>"
    return patch_parts(_bundled(), {INGRESOS_PART: lambda xml: xml.replace(b"</sheetData>", row + b"</sheetData>")})


def loose_cells(row: int = 1_048_576, cells: int = 16_384) -> bytes:
    """Cells with no reference, placed one after another along a far row: the reader counts their columns."""
    tags = b'<row r="%d">' % row + b"<c><v>1</v></c>" * cells + b"</row>"
    return patch_parts(_bundled(), {INGRESOS_PART: lambda xml: xml.replace(b"</sheetData>", tags + b"</sheetData>")})


@functools.cache
def _with_shared_strings() -> bytes:
    from tests.factories import poa_document_layout

    return poa_document_layout(50)


def shared_strings_count(count: int = 4_294_967_295) -> bytes:
    """A workbook whose shared strings declare `count` distinct texts (the reader reserves room for them)."""
    import re

    return patch_parts(_with_shared_strings(), {
        "xl/sharedStrings.xml": lambda xml: re.sub(rb'uniqueCount="\d+"', b'uniqueCount="%d"' % count, xml)})


def duplicate_part() -> bytes:
    """A zip with two entries of one name: zipfile would let the last one win."""
    src = zipfile.ZipFile(io.BytesIO(_bundled()))
    out = io.BytesIO()
    import warnings

    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # "Duplicate name": exactly the point
        for info in src.infolist():
            zf.writestr(info.filename, src.read(info.filename))
        zf.writestr(INGRESOS_PART, src.read("xl/worksheets/sheet3.xml"))
    return out.getvalue()


def renamed_sheet(old: str, new: str) -> bytes:
    """The bundled plan with sheet «old» renamed in workbook.xml (to a duplicate name, or with a newline)."""
    return patch_parts(_bundled(), {"xl/workbook.xml": lambda xml: xml.replace(f'name="{old}"'.encode(),
                                                                               f'name="{new}"'.encode())})


def fill_only_poa(styles_edit=None) -> bytes:
    """A POA whose months are marked by fill colour only, the styles part passed through `styles_edit`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Unidad Financiera"
    ws.append(["PLAN DE ACCIÓN 2016"])
    ws.append(["Actividades", *"EFMAMJJASOND", "Responsable"])
    ws.append(["Auditoría interna", *([None] * 12), "UFI"])
    for col in "FGH":
        ws[f"{col}3"].fill = openpyxl.styles.PatternFill("solid", start_color="FFFF00")
    data = _save(wb)
    return patch_parts(data, {"xl/styles.xml": styles_edit}) if styles_edit else data
