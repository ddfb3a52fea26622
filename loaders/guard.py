"""The hostile-file guard: refuse what is not a workbook, before any parser sees it (zip bombs included).

`scan_zip` checks the container first (size, signature, encryption, part count, duplicate parts, declared
sizes and ratio), then inflates every part itself in bounded chunks, counting the real inflated bytes and
the CRC, so a zip bomb that lies about its sizes is caught by what it actually inflates to. The same pass
reads each worksheet's real extent and merged ranges (loaders/sheetscan.py) and the shared strings' declared
count, so that a sheet the cell reader would allocate billions of cells for is refused before it runs, with
the sheet and the far cell named.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import defusedxml.ElementTree as SafeET
import numpy as np

from domain.catalogue import issue
from domain.issues import Issue
from domain.places import Place
from loaders.sheetscan import Extent, SheetScanner
from settings import Settings

MB = 1024 * 1024
_CHUNK = 1 * MB
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
_SST_COUNT = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\buniqueCount="(\d+)"')
_SMALLEST_STRING = 8  # bytes of the shortest shared string, "<si><t/>": a declared count cannot exceed size / 8
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_KEPT_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook at all (exit status 2): carries one issue saying why."""

    def __init__(self, item: Issue) -> None:
        super().__init__(item.message)
        self.issue = item


def refuse(code: str, **values: object) -> UnreadableWorkbook:
    """The refusal of catalogue type `code`, to raise (with `from exc`, so the server log keeps the cause)."""
    return UnreadableWorkbook(issue(code, **values))


def size_mb(size: int) -> str:
    return f"{size / MB:,.1f}"


def too_large(size: int, settings: Settings) -> UnreadableWorkbook | None:
    """The refusal for a file over the size limit, checked before reading it (a path) or parsing it (bytes)."""
    if size > settings.max_file_mb * MB:
        return refuse("archivo_demasiado_grande", size_mb=size_mb(size), limit_mb=f"{settings.max_file_mb:,.0f}")
    return None


@dataclass
class ZipScan:
    """What the guard learnt about a workbook that passed it."""

    sheets: list[tuple[str, str]] = field(default_factory=list)  # (sheet name, part), in the workbook's order
    extents: dict[str, Extent] = field(default_factory=dict)  # worksheet part -> what its XML names
    inflated_bytes: int = 0

    @property
    def sheet_parts(self) -> dict[str, str]:
        return dict(self.sheets)

    def merged(self, part: str) -> np.ndarray:
        extent = self.extents.get(part)
        return extent.merges if extent is not None else np.zeros((0, 4), dtype=np.int64)


def _check_signature(data: bytes, settings: Settings) -> None:
    """Empty, too large, an old .xls or an encrypted workbook (both OLE2), or not a zip at all."""
    if not data:
        raise refuse("archivo_vacio")
    if error := too_large(len(data), settings):
        raise error
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_MARK in data[: 4 * MB]:
            raise refuse("archivo_cifrado", detail="cifrado")
        raise refuse("formato_xls")
    if not data.startswith(b"PK"):
        head = data[:2048]
        textual = head.count(b"\x00") == 0 and (b"," in head or b";" in head or b"\t" in head)
        raise refuse("no_es_xlsx", what="es texto (CSV o similar)" if textual else "no es un libro de Excel")


def _open_zip(data: bytes, settings: Settings) -> zipfile.ZipFile:
    """The zip's directory, checked against the limits before anything is inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        raise refuse("archivo_danado", detail="está incompleto o roto (quizá la descarga o la copia se cortó)") \
            from exc
    if len(infos) > settings.max_parts:
        raise refuse("demasiadas_partes", parts=f"{len(infos):,}", limit=f"{settings.max_parts:,}")
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:  # zipfile would silently let the last one win
            raise refuse("archivo_danado", detail=f"tiene dos partes internas llamadas {info.filename}")
        seen.add(info.filename)
    names = {info.filename.lower() for info in infos}
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise refuse("no_es_xlsx", what="es un .zip pero no un libro de Excel")
    if any(info.flag_bits & 0x1 for info in infos):
        raise refuse("archivo_cifrado", detail="tiene partes cifradas")
    declared = sum(info.file_size for info in infos)
    if declared > settings.max_inflated_mb * MB:
        raise _bomb(declared, len(data), settings)
    for info in infos:
        if info.file_size > 5 * MB and info.file_size > settings.max_ratio * max(info.compress_size, 1):
            raise _bomb_ratio(info.file_size, info.compress_size, settings)
    return archive


def _bomb(inflated: int, compressed: int, settings: Settings) -> UnreadableWorkbook:
    return refuse("bomba_zip", detail=(
        f"El archivo se descomprime a más de {inflated / MB:,.0f} MB a partir de {compressed / MB:,.1f} MB "
        f"(límite {settings.max_inflated_mb:,.0f} MB, proporción máxima {settings.max_ratio:,.0f}:1)"))


def _bomb_ratio(inflated: int, compressed: int, settings: Settings) -> UnreadableWorkbook:
    return refuse("bomba_zip", detail=(
        f"Una parte del archivo se descomprime más de {inflated / max(compressed, 1):,.0f} veces su tamaño "
        f"(más de {inflated / MB:,.0f} MB a partir de {compressed / MB:,.2f} MB; el máximo es "
        f"{settings.max_ratio:,.0f} veces)"))


def _member_payload(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The member's compressed bytes, located through its local header (no copy)."""
    offset = info.header_offset
    header = data[offset : offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise refuse("archivo_danado", detail="una cabecera interna no es válida")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_len + extra_len
    payload = memoryview(data)[start : start + info.compress_size]
    if len(payload) < info.compress_size:
        raise refuse("archivo_danado", detail="termina antes de tiempo (está incompleto)")
    return payload


def _inflate_chunks(payload: memoryview, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """Yield the member's inflated bytes in bounded chunks, never more than `limit` in total."""
    if info.compress_type == zipfile.ZIP_STORED:
        for start in range(0, len(payload), _CHUNK):
            yield bytes(payload[start : start + _CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise refuse("archivo_danado", detail="usa una compresión que Excel no produce")
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


@dataclass
class _Member:
    """One part as inflated by the guard: its real size and CRC, what a worksheet names, kept bytes."""

    size: int = 0
    crc: int = 0
    extent: Extent | None = None
    kept: list[bytes] = field(default_factory=list)
    head: bytes = b""  # the part's first bytes (the shared strings' declared count sits there)


def _scan_member(data: bytes, info: zipfile.ZipInfo, limit: int, spent: int, settings: Settings) -> _Member:
    """Inflate one part within `limit`, counting what it really produces; read a worksheet's extent on the way."""
    payload = _member_payload(data, info)
    is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    keep = info.filename in _KEPT_PARTS
    member = _Member()
    scanner = SheetScanner() if is_sheet else None
    try:
        for chunk in _inflate_chunks(payload, info, limit):
            member.size += len(chunk)
            if member.size > limit:
                if spent + member.size > settings.max_inflated_mb * MB:
                    raise _bomb(spent + member.size, len(data), settings)
                raise _bomb_ratio(member.size, info.compress_size, settings)
            member.crc = zlib.crc32(chunk, member.crc)
            if keep:
                member.kept.append(chunk)
            if len(member.head) < 4096:
                member.head += chunk[: 4096 - len(member.head)]
            if scanner is not None:
                scanner.feed(chunk)
    except zlib.error as exc:
        raise refuse("archivo_danado", detail=f"la parte {info.filename} no se puede descomprimir") from exc
    if member.size != info.file_size or member.crc != info.CRC:
        raise refuse("archivo_danado",
                     detail=f"la parte {info.filename} no coincide con su tamaño o su suma de control")
    if scanner is not None:
        scanner.feed(b"", final=True)
        member.extent = scanner.extent
    return member


def _check_shared_strings(member: _Member) -> None:
    """The reader reserves room for the count the shared strings declare: it must fit in the part's size."""
    found = _SST_COUNT.search(member.head)
    if found and int(found[1]) > member.size // _SMALLEST_STRING + 16:
        raise refuse("recuento_imposible", count=f"{int(found[1]):,}", size=f"{member.size:,}")


def _check_extents(scan: ZipScan, settings: Settings) -> None:
    """Refuse, naming the sheet and the cell, a coordinate outside Excel's grid or a sheet over the cells budget;
    then a workbook that, all sheets together, holds more cells or columns than the budgets (time)."""
    filled = columns = 0
    for name, part in scan.sheets:
        extent = scan.extents.get(part)
        if extent is None:
            continue
        if extent.illegal:
            raise refuse("celda_fuera_de_excel", sheet=name, ref=extent.illegal)
        cells = extent.cells()
        if cells > settings.max_cells:
            far = sorted({r for r in (extent.far_row_ref, extent.far_col_ref) if r})
            far = far or [Place(row=extent.max_row or 1, col=max(extent.max_col - 1, 0)).cell]
            raise refuse("hoja_demasiado_grande", sheet=name, cells=" y ".join(far), count=f"{cells:,}",
                         limit=f"{settings.max_cells:,}")
        area, ref = extent.largest_merge()
        if area > settings.max_cells:
            raise refuse("combinacion_demasiado_grande", sheet=name, ref=ref, count=f"{area:,}",
                         limit=f"{settings.max_cells:,}")
        width = extent.max_col + extent.unreferenced
        if width > settings.max_columns:
            raise refuse("hoja_demasiado_ancha", sheet=name, ref=extent.far_col_ref or f"{width:,} celdas seguidas",
                         count=f"{width:,}", limit=f"{settings.max_columns:,}")
        filled += extent.cell_tags
        columns += width
    if filled > settings.max_filled_cells:
        raise refuse("libro_demasiado_grande", what="celdas", count=f"{filled:,}",
                     limit=f"{settings.max_filled_cells:,}")
    if columns > settings.max_columns:
        raise refuse("libro_demasiado_grande", what="columnas (sumando las de cada hoja)", count=f"{columns:,}",
                     limit=f"{settings.max_columns:,}")


def _sheets(kept: dict[str, bytes], settings: Settings) -> list[tuple[str, str]]:
    """(sheet name, part) in the workbook's order, from the workbook part and its relationships."""
    try:
        rels = _xml_attr_map(kept["xl/_rels/workbook.xml.rels"], f"{_NS_PKG_REL}Relationship", "Id", "Target")
        root = SafeET.fromstring(kept["xl/workbook.xml"])
        listed = [(el.get("name") or "", el.get(f"{_NS_REL}id") or "") for el in root.iter(f"{_NS_MAIN}sheet")]
    except Exception as exc:
        raise refuse("archivo_danado",
                     detail=f"su estructura interna no se puede leer ({type(exc).__name__})") from exc
    if len(listed) > settings.max_sheets:
        raise refuse("demasiadas_hojas", sheets=f"{len(listed):,}", limit=f"{settings.max_sheets:,}")
    sheets = []
    for name, rel_id in listed:
        target = rels.get(rel_id, "")
        sheets.append((name, target.lstrip("/") if target.startswith("/") else "xl/" + target))
    parts = [part for _, part in sheets if part.startswith("xl/worksheets/")]
    if len(parts) != len(set(parts)):
        raise refuse("archivo_danado", detail="dos de sus hojas apuntan a la misma parte interna")
    return sheets


def scan_zip(data: bytes, settings: Settings) -> ZipScan:
    """Refuse a hostile file fast, or return the workbook's sheet map and merged ranges."""
    _check_signature(data, settings)
    archive = _open_zip(data, settings)
    scan = ZipScan()
    budget = int(settings.max_inflated_mb * MB)
    kept: dict[str, bytes] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        ratio_limit = max(int(settings.max_ratio * max(info.compress_size, 1)), 5 * MB)
        member = _scan_member(data, info, min(budget - scan.inflated_bytes, ratio_limit), scan.inflated_bytes,
                              settings)
        scan.inflated_bytes += member.size
        if member.kept:
            kept[info.filename] = b"".join(member.kept)
        if member.extent is not None:
            scan.extents[info.filename] = member.extent
        if info.filename == "xl/sharedStrings.xml":
            _check_shared_strings(member)
    scan.sheets = _sheets(kept, settings)
    _check_extents(scan, settings)
    return scan
