"""Workbook bytes -> cell grids, after refusing hostile files.

Two passes over the zip:
1. `inspect` checks the container before any parser sees it (size, signature, encryption, part count,
   declared sizes and ratio), then inflates every part itself in bounded chunks, counting the real
   inflated bytes and the CRC, so a zip bomb that lies about its sizes is caught by what it actually
   inflates to. The same pass collects what the cell reader does not give: merged ranges and the
   sheet-name -> part map.
2. `read_grids` reads cell values with fastexcel (calamine, Rust) as text, one Arrow column per
   spreadsheet column; merged ranges are filled from their top-left cell with vectorised takes.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import defusedxml.ElementTree as SafeET
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.model import UnreadableWorkbook
from settings import Settings

MB = 1024 * 1024
_CHUNK = 1 * MB
_TAG_TAIL = 512  # longer than any <mergeCell ref="…"/> tag
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

ASK_XLSX = "Guárdelo desde Excel como «Libro de Excel (.xlsx)» y vuelva a intentarlo."


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """'A' -> 0, 'AB' -> 27."""
    value = 0
    for ch in letters:
        value = value * 26 + ord(ch) - 64
    return value - 1


@dataclass
class ZipScan:
    """What the first pass learnt about a workbook that passed the guard."""

    sheet_parts: dict[str, str] = field(default_factory=dict)  # sheet name -> part name
    merged: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)  # part -> ranges
    inflated_bytes: int = 0


def _refuse(code: str, message: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(code, message)


def _check_container(data: bytes, settings: Settings) -> zipfile.ZipFile:
    size_mb = len(data) / MB
    if not data:
        raise _refuse("archivo_vacio", "El archivo está vacío (0 bytes). Vuelva a exportarlo desde Excel.")
    if size_mb > settings.max_file_mb:
        raise _refuse(
            "archivo_demasiado_grande",
            f"El archivo pesa {size_mb:,.1f} MB y el límite es {settings.max_file_mb:,.0f} MB. "
            "Quite hojas o imágenes que no sean del plan y vuelva a intentarlo.",
        )
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_MARK in data[: 4 * MB]:
            raise _refuse(
                "archivo_cifrado",
                "El libro está protegido con contraseña (cifrado). Quite la contraseña en Excel "
                "(Archivo > Información > Proteger libro) y guárdelo de nuevo como .xlsx.",
            )
        raise _refuse(
            "formato_xls",
            "El archivo es un libro de Excel antiguo (.xls, formato 97-2003), no un .xlsx. " + ASK_XLSX,
        )
    if not data.startswith(b"PK"):
        head = data[:2048]
        textual = head.count(b"\x00") == 0 and (b"," in head or b";" in head or b"\t" in head)
        kind = "es texto (CSV o similar)" if textual else "no es un libro de Excel"
        raise _refuse("no_es_xlsx", f"El archivo {kind}: se esperaba un libro .xlsx. {ASK_XLSX}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error):
        raise _refuse(
            "archivo_danado",
            "El archivo .xlsx está dañado o incompleto (quizá la descarga o la copia se cortó). "
            "Ábralo en Excel, guárdelo de nuevo y vuelva a intentarlo.",
        ) from None
    if len(infos) > settings.max_parts:
        raise _refuse(
            "demasiadas_partes",
            f"El archivo contiene {len(infos):,} partes internas (el límite es {settings.max_parts:,}); "
            "no parece un libro de Excel normal.",
        )
    names = {info.filename.lower() for info in infos}
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(
            "no_es_xlsx", f"El archivo es un .zip pero no un libro de Excel (.xlsx). {ASK_XLSX}"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise _refuse(
            "archivo_cifrado",
            "El libro tiene partes cifradas con contraseña. Quite la contraseña en Excel y guárdelo de nuevo.",
        )
    declared = sum(info.file_size for info in infos)
    if declared > settings.max_inflated_mb * MB:
        raise _bomb(declared, len(data), settings)
    for info in infos:
        if info.file_size > 5 * MB and info.file_size > settings.max_ratio * max(info.compress_size, 1):
            raise _bomb_ratio(info.file_size, info.compress_size, settings)
    return archive


def _bomb(inflated: int, compressed: int, settings: Settings) -> UnreadableWorkbook:
    return _refuse(
        "bomba_zip",
        f"El archivo se descomprime a más de {inflated / MB:,.0f} MB a partir de {compressed / MB:,.1f} MB "
        f"(límite {settings.max_inflated_mb:,.0f} MB, proporción máxima {settings.max_ratio:,.0f}:1): "
        "no parece un libro de Excel legítimo y no se abrirá.",
    )


def _bomb_ratio(inflated: int, compressed: int, settings: Settings) -> UnreadableWorkbook:
    return _refuse(
        "bomba_zip",
        f"Una parte del archivo se descomprime más de {inflated / max(compressed, 1):,.0f} veces su tamaño "
        f"(más de {inflated / MB:,.0f} MB a partir de {compressed / MB:,.2f} MB; el máximo es "
        f"{settings.max_ratio:,.0f} veces): no parece un libro de Excel legítimo y no se abrirá.",
    )


def _member_payload(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The member's compressed bytes, located through its local header (no copy)."""
    offset = info.header_offset
    header = data[offset : offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise _refuse("archivo_danado", "El archivo .xlsx está dañado (cabecera interna inválida). "
                      "Ábralo en Excel, guárdelo de nuevo y vuelva a intentarlo.")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_len + extra_len
    payload = memoryview(data)[start : start + info.compress_size]
    if len(payload) < info.compress_size:
        raise _refuse("archivo_danado", "El archivo .xlsx está incompleto (termina antes de tiempo). "
                      "Vuelva a descargarlo o a guardarlo desde Excel.")
    return payload


def _inflate_chunks(payload: memoryview, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """Yield the member's inflated bytes in bounded chunks, never more than `limit` in total."""
    if info.compress_type == zipfile.ZIP_STORED:
        for start in range(0, len(payload), _CHUNK):
            yield bytes(payload[start : start + _CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise _refuse("archivo_danado", "El archivo .xlsx usa una compresión que Excel no produce. "
                      "Ábralo en Excel y guárdelo de nuevo.")
    inflater = zlib.decompressobj(-15)
    produced = 0
    for start in range(0, len(payload), 64 * 1024):
        pending = bytes(payload[start : start + 64 * 1024])
        while pending:
            out = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > limit:
                yield out
                return
            if out:
                yield out
    tail = inflater.flush()
    if tail:
        yield tail


def _xml_attr_map(xml: bytes, tag: str, key: str, value: str) -> dict[str, str]:
    root = SafeET.fromstring(xml)
    return {el.get(key) or "": el.get(value) or "" for el in root.iter(tag)}


def inspect(data: bytes, settings: Settings) -> ZipScan:
    """Refuse a hostile file fast, or return the workbook's sheet map and merged ranges."""
    archive = _check_container(data, settings)
    scan = ZipScan()
    budget = int(settings.max_inflated_mb * MB)
    small_parts: dict[str, bytes] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        payload = _member_payload(data, info)
        ratio_limit = max(int(settings.max_ratio * max(info.compress_size, 1)), 5 * MB)
        part_limit = min(budget - scan.inflated_bytes, ratio_limit)
        is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        keep = info.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
        crc, size, carry, kept = 0, 0, b"", []
        merges: list[tuple[int, int, int, int]] = []
        try:
            for chunk in _inflate_chunks(payload, info, part_limit):
                size += len(chunk)
                if size > part_limit:
                    if scan.inflated_bytes + size > budget:
                        raise _bomb(scan.inflated_bytes + size, len(data), settings)
                    raise _bomb_ratio(size, info.compress_size, settings)
                crc = zlib.crc32(chunk, crc)
                if keep:
                    kept.append(chunk)
                if is_sheet:
                    # Scan whole tags only: keep what follows the chunk's last '>' for the next one.
                    cut = chunk.rfind(b">") + 1
                    if cut == 0:  # no tag ends here: only a tag's beginning can matter later
                        carry = (carry + chunk)[-_TAG_TAIL:]
                        continue
                    window, carry = carry + chunk[:cut], chunk[cut:][-_TAG_TAIL:]
                    if b"mergeCell " in window:
                        merges.extend(_merge_ranges(window))
        except zlib.error:
            raise _refuse("archivo_danado", f"El archivo .xlsx está dañado (la parte {info.filename} no se puede "
                          "descomprimir). "
                          "Ábralo en Excel, guárdelo de nuevo y vuelva a intentarlo.") from None
        if size != info.file_size or crc != info.CRC:
            raise _refuse(
                "archivo_danado",
                f"El archivo .xlsx está dañado: la parte {info.filename} no coincide con su tamaño o su "
                "suma de control. Ábralo en Excel, guárdelo de nuevo y vuelva a intentarlo.",
            )
        scan.inflated_bytes += size
        if keep:
            small_parts[info.filename] = b"".join(kept)
        if merges:
            scan.merged[info.filename] = merges
    try:
        rels = _xml_attr_map(small_parts["xl/_rels/workbook.xml.rels"], f"{_NS_PKG_REL}Relationship", "Id", "Target")
        sheets = _xml_attr_map(small_parts["xl/workbook.xml"], f"{_NS_MAIN}sheet", "name", f"{_NS_REL}id")
    except Exception as exc:  # noqa: BLE001 - the edge: defusedxml refusals, malformed XML, missing part
        raise _refuse("archivo_danado", f"La estructura interna del libro no se puede leer ({type(exc).__name__}). "
                      "Ábralo en Excel, guárdelo de nuevo y vuelva a intentarlo.") from None
    for name, rel_id in sheets.items():
        target = rels.get(rel_id, "")
        scan.sheet_parts[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return scan


def _merge_ranges(window: bytes) -> list[tuple[int, int, int, int]]:
    ranges = []
    for m in _MERGE.finditer(window):
        r0, c0 = int(m[2]) - 1, column_index(m[1].decode())
        r1, c1 = (int(m[4]) - 1, column_index(m[3].decode())) if m[3] else (r0, c0)
        ranges.append((r0, c0, r1, c1))
    return ranges


@dataclass(eq=False)
class Grid:
    """One sheet's cells as text: `frame` has one column per spreadsheet column (0-based index in
    `frame.columns`, so column_letter(c) names it) and one row per Excel row (index 0 = row 1).
    Cells covered by a merged range hold the range's top-left value."""

    name: str
    frame: pd.DataFrame
    merged: list[tuple[int, int, int, int]]
    part: str | None = None
    source: bytes | None = field(default=None, repr=False)

    @cached_property
    def filled_cells(self) -> set[tuple[int, int]]:
        """Cells (row, col) with a background fill: read only when a sheet marks months by colour."""
        if self.source is None or self.part is None:
            return set()
        from loaders.fills import filled_cells

        return filled_cells(self.source, self.part)


def _fill_merged(columns: dict[int, pa.Array], n_rows: int,
                 merged: list[tuple[int, int, int, int]]) -> dict[int, pa.Array]:
    """Copy each merged range's top-left value over the range: Arrow takes, no per-cell Python."""
    if not merged or not n_rows:
        return columns
    ranges = np.array(merged, dtype=np.int64)
    ranges = ranges[ranges[:, 0] < n_rows]
    ranges[:, 2] = np.minimum(ranges[:, 2], n_rows - 1)
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


def read_grids(data: bytes, scan: ZipScan) -> list[Grid]:
    """Every worksheet's cells as text, merged ranges filled. Raises UnreadableWorkbook only."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        names = list(reader.sheet_names)
    except Exception as exc:  # noqa: BLE001 - the edge: any reader failure is one wrapped refusal
        raise _refuse("archivo_danado", f"El libro no se puede leer ({type(exc).__name__}: {exc}). "
                      "Ábralo en Excel, guárdelo de nuevo y vuelva a intentarlo.") from None
    grids = []
    for name in names:
        part = scan.sheet_parts.get(name)
        if part is None or not part.startswith("xl/worksheets/"):
            continue  # chartsheets and dialog sheets hold no cells
        try:
            sheet = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            table = sheet.to_arrow()
            offsets = [c.absolute_index for c in sheet.available_columns()]
        except Exception as exc:  # noqa: BLE001 - the edge: any reader failure is one wrapped refusal
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "no data" in message.lower() or "empty" in message.lower():
                table, offsets = pa.table({}), []
            else:
                raise _refuse("archivo_danado", f"La hoja «{name}» no se puede leer ({message}). "
                              "Ábrala en Excel, guárdela de nuevo y vuelva a intentarlo.") from None
        n_rows = table.num_rows
        columns = {offset: table.column(i) for i, offset in enumerate(offsets)}
        merged = scan.merged.get(part, [])
        columns = _fill_merged(columns, n_rows, merged)
        frame = pd.DataFrame(
            {c: pd.Series(pd.arrays.ArrowStringArray(pc.cast(columns[c], pa.string())))
             for c in sorted(columns)},
            index=pd.RangeIndex(n_rows),
        )
        grids.append(Grid(name=name, frame=frame, merged=merged, part=part, source=data))
    return grids
