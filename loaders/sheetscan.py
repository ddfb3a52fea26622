"""What a worksheet's XML says about its size, read while the guard inflates it, before any cell reader runs.

The native reader allocates the bounding box of a sheet's cells at once, so one cell at XFD1048576 asks it
for 17 billion cells and aborts the process. Here every `r="…"` reference (cells and rows) and every merged
range is read in vectorised passes over each inflated chunk (numpy over the bytes, no Python per cell), so
that the guard can refuse an illegal coordinate or an extent over the budget, and name the cell, first. A
chunk with few references (a small sheet) is read with regular expressions instead: whole-array steps have a
fixed cost per call that a handful of references does not repay. Tests hold both readings to the same result.

References are read through 8-byte big-endian words at any byte offset (a strided view of the chunk): a
reference's letters and digits then come out with a few whole-array operations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from domain.places import Place, column_index

MAX_ROWS = 1_048_576  # Excel's limits: rows 1…1,048,576, columns A…XFD
MAX_COLS = 16_384
_TAIL = 64  # bytes left for the next chunk: longer than any reference with its attribute name
_FEW = 256  # fewer references or merges in a chunk are read one by one (whole-array steps cost per call)
_A1 = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_ROW = re.compile(r"([1-9][0-9]{0,6})")
_CELL_TAG = re.compile(rb"<c[ \t\n\r>/]")  # a cell tag's name and what may follow it
_REFERENCE = re.compile(rb"<(?:c|row) r=\"")
_CONTEXT = 16  # bytes kept before the next chunk's first new byte: a reference's tag ("<row r=")
_TAG_END = np.zeros(256, dtype=bool)
_TAG_END[[32, 9, 10, 13, 62, 47]] = True  # what may follow a tag's name: white space, '>' or '/'
_MASKS = np.array([0, 0xFF0000, 0xFFFF00, 0xFFFFFF], dtype=np.uint64)  # a reference's first 1–3 letters
_LEADING = np.array([(2**64 - 1) << (64 - 8 * k) & (2**64 - 1) for k in range(9)], dtype=np.uint64)  # first k bytes


@dataclass
class Extent:
    """The largest row and column one sheet's cells and rows name, and anything illegal met on the way."""

    max_row: int = 0
    max_col: int = 0  # 1-based; 0 when no cell names its column
    far_row_ref: str = ""  # a reference that names the largest row ("B1048576")
    far_col_ref: str = ""  # a reference that names the largest column ("XFD1")
    illegal: str = ""  # the first reference outside Excel's grid ("AAAAAAAAAA1", "A0")
    cell_tags: int = 0  # `<c …>` and `<c>` tags met
    cell_refs: int = 0  # `<c r="…"` references met
    row_refs: int = 0
    _merges: list[np.ndarray] = field(default_factory=list, repr=False)

    def add_merges(self, block: np.ndarray) -> None:
        self._merges.append(block)

    @property
    def merges(self) -> np.ndarray:
        """Merged ranges, one row each: 0-based (first row, first column, last row, last column)."""
        return np.concatenate(self._merges) if self._merges else np.zeros((0, 4), dtype=np.int64)

    def largest_merge(self) -> tuple[int, str]:
        """The most cells one merged range covers, and that range in A1 notation."""
        m = self.merges
        if not len(m):
            return 0, ""
        areas = (m[:, 2] - m[:, 0] + 1) * (m[:, 3] - m[:, 1] + 1)
        r0, c0, r1, c1 = (int(v) for v in m[int(np.argmax(areas))])
        return int(areas.max()), f"{Place(row=r0 + 1, col=c0).cell}:{Place(row=r1 + 1, col=c1).cell}"

    @property
    def unreferenced(self) -> int:
        """Cells with no readable reference: a reader places them one after another along their row."""
        return max(0, self.cell_tags - self.cell_refs)

    def cells(self) -> int:
        """The most cells a reader may allocate for this sheet.

        Cells without a reference may all stand in one row, after the farthest column; rows without one
        only matter for them, and each such cell is counted as a row of its own too.
        """
        loose = self.unreferenced
        return (self.max_row + loose) * (max(self.max_col, 1) + loose)


def _words(buf: bytes) -> np.ndarray:
    """An 8-byte big-endian word starting at every byte of `buf` (a view, no copy)."""
    return np.ndarray(shape=(len(buf) - 7,), dtype=">u8", buffer=buf, strides=(1,))


def _is_letter(words: np.ndarray, k: int) -> np.ndarray:
    """Whether byte k (0 = first) of each word is an upper-case letter."""
    b = (words >> np.uint64(56 - 8 * k)) & np.uint64(0xFF)
    return (b >= np.uint64(65)) & (b <= np.uint64(90))


def _top_byte(words: np.ndarray) -> np.ndarray:
    return (words >> np.uint64(56)).astype(np.uint8)


def _first_quote(words: np.ndarray) -> np.ndarray:
    """Index (0–7) of the first '"' byte of each word, 8 when it has none."""
    return _first_byte(words, 0x22)


def _first_byte(words: np.ndarray, value: int) -> np.ndarray:
    """Index (0–7) of the first byte equal to `value` in each word, 8 when none is (a SWAR zero-byte search)."""
    x = words ^ np.uint64(value * 0x0101010101010101)
    hits = (x - np.uint64(0x0101010101010101)) & ~x & np.uint64(0x8080808080808080)
    found = hits != 0
    top = np.log2(np.where(found, hits, np.uint64(1)).astype(np.float64)).astype(np.int64)
    return np.where(found, 7 - top // 8, 8)


def _decode(buf: bytes, start: int) -> str:
    end = buf.find(b'"', start, start + 40)
    return buf[start:end if end > 0 else start + 20].decode("latin-1")


def _coordinates(ref: str, is_cell: bool) -> tuple[int, int] | None:
    """1-based (column, row) a cell's reference names (column 0 for a row's), None when it is outside Excel's grid
    or is not a reference at all."""
    found = (_A1 if is_cell else _ROW).fullmatch(ref)
    if not found:
        return None
    col, row = (column_index(found[1]) + 1, int(found[2])) if is_cell else (0, int(found[1]))
    return (col, row) if col <= MAX_COLS and row <= MAX_ROWS else None


def _named(ref: str, is_cell: bool) -> str:
    """How an illegal reference is named in the refusal: a row's number alone would say nothing."""
    return ref if is_cell else f"fila {ref}"


def _all_digits(words: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Whether the first `count` bytes of each word are all ASCII digits (SWAR: each byte minus '0' is 0–9)."""
    low = (words ^ np.uint64(0x3030303030303030)) & _LEADING[count]
    nibbles = (low & np.uint64(0xF0F0F0F0F0F0F0F0)) == 0
    return nibbles & (((low + np.uint64(0x0606060606060606)) & np.uint64(0x1010101010101010)) == 0)


class SheetScanner:
    """Feed it a worksheet part's inflated chunks in order; read `extent` at the end.

    Each window is the previous window's last bytes plus the new chunk. Only what starts in
    [`_done`, `cut`) is read: the first bytes were read last time and are kept only as context before a
    reference, the last `_TAIL` bytes wait for the next chunk (a reference may straddle two chunks).
    """

    def __init__(self) -> None:
        self.extent = Extent()
        self._carry = b""
        self._far_row_is_row_tag = False  # a cell naming the same far row is the better one to name

    def feed(self, chunk: bytes, *, final: bool = False) -> None:
        window = self._carry + chunk
        done = min(len(self._carry), _CONTEXT)
        cut = len(window) if final else max(done, len(window) - _TAIL)
        if final:
            window += b"\0" * 24
        if cut > done:
            self._scan(window, done, cut)
        self._carry = window[max(0, cut - _CONTEXT):] if not final else b""

    def _scan(self, buf: bytes, done: int, cut: int) -> None:
        if buf.count(b'r="', done, cut) < _FEW:
            self._scan_few(buf, done, cut)
            return
        e = self.extent
        a = np.frombuffer(buf, np.uint8)
        span = a[done:cut]
        c = np.flatnonzero(span == 99) + done  # 'c': cell tags are '<c ', '<c>' or '<c/>'
        c = c[c >= 1]
        c = c[a[c - 1] == 60]
        e.cell_tags += int(np.count_nonzero(_TAG_END[a[c + 1]]))
        r = np.flatnonzero(span == 114) + done  # 'r' of ' r="'
        r = r[r >= 5]
        r = r[(a[r + 1] == 61) & (a[r + 2] == 34) & (a[r - 1] == 32)]
        if len(r):
            self._references(buf, a, r)
        first = buf.find(b"mergeCell", max(0, done - 12), cut + 40)
        if first >= 0:
            self._merges(buf, a, max(done, first), cut)

    def _scan_few(self, buf: bytes, done: int, cut: int) -> None:
        """The same reading through regular expressions: for a sparse chunk, cheaper than whole-array steps."""
        e = self.extent
        e.cell_tags += len(_CELL_TAG.findall(buf, max(0, done - 1), cut + 1))
        bad_cell = bad_row = ""
        for found in _REFERENCE.finditer(buf, max(0, done - 5), cut + 3):
            if not done <= found.end() - 3 < cut:  # the 'r' of ' r="' is read in this window only
                continue
            is_cell = found.end() - found.start() == 6  # '<c r="', not '<row r="'
            wrong = self._take(_decode(buf, found.end()), is_cell)
            if is_cell:
                e.cell_refs += 1
                bad_cell = bad_cell or wrong
            else:
                e.row_refs += 1
                bad_row = bad_row or wrong
        e.illegal = e.illegal or bad_cell or bad_row
        first = buf.find(b"mergeCell", max(0, done - 12), cut + 40)
        if first >= 0:
            self._merges(buf, np.frombuffer(buf, np.uint8), max(done, first), cut)

    def _references(self, buf: bytes, a: np.ndarray, r: np.ndarray) -> None:
        e = self.extent
        is_cell = (a[r - 3] == 60) & (a[r - 2] == 99)  # '<c r="'
        is_row = (a[r - 5] == 60) & (a[r - 4] == 114) & (a[r - 3] == 111) & (a[r - 2] == 119)  # '<row r="'
        keep = is_cell | is_row
        r, is_cell = r[keep], is_cell[keep]
        n_cells = int(np.count_nonzero(is_cell))
        e.cell_refs += n_cells
        e.row_refs += len(r) - n_cells
        start = r + 3
        words = _words(buf)
        head = words[start].astype(np.uint64)
        l0, l1, l2, l3 = (_is_letter(head, k) for k in range(4))
        l01 = l0 & l1
        l012 = l01 & l2
        nl = l0.astype(np.int64) + l01 + l012
        digits = words[start + nl].astype(np.uint64)
        nd = _first_quote(digits)
        bad = ((l012 & l3) | (nd == 0) | (nd > 7) | (_top_byte(digits) == 48) | (is_cell ^ l0)
               | ~_all_digits(digits, nd))
        if bad.any() and not e.illegal:
            cells_bad = np.flatnonzero(bad & is_cell)
            first = int(cells_bad[0]) if len(cells_bad) else int(np.flatnonzero(bad)[0])
            e.illegal = _named(_decode(buf, int(start[first])), bool(is_cell[first]))
        ok = ~bad
        if not ok.any():
            return
        if n_cells:
            col_key = (nl.astype(np.uint64) << np.uint64(24)) | ((head >> np.uint64(40)) & _MASKS[nl])
            best = int(np.argmax(np.where(ok & is_cell, col_key, np.uint64(0))))
            if ok[best] and is_cell[best]:
                e.illegal = e.illegal or self._take(_decode(buf, int(start[best])), True)
        shift = (np.uint64(64) - nd.astype(np.uint64) * np.uint64(8)) % np.uint64(64)
        row_key = np.where(ok, (nd.astype(np.uint64) << np.uint64(56)) | (digits >> shift), np.uint64(0))
        top = np.flatnonzero(row_key == row_key.max())
        cells = top[is_cell[top]]
        best = int(cells[0] if len(cells) else top[0])
        e.illegal = e.illegal or self._take(_decode(buf, int(start[best])), bool(is_cell[best]))

    def _merges(self, buf: bytes, a: np.ndarray, done: int, cut: int) -> None:
        """Every `<mergeCell ref="A1:B2"/>` in [done, cut), both corners parsed in whole-array steps."""
        e = self.extent
        f = np.flatnonzero(a[done:cut] == 102) + done  # the 'f' of 'ref="'
        f = f[f >= 12]
        f = f[(a[f - 2] == 114) & (a[f - 1] == 101) & (a[f + 1] == 61) & (a[f + 2] == 34)]
        tag = np.frombuffer(b"mergeCell", np.uint8)
        if len(f):
            f = f[np.all(a[(f - 12)[:, None] + np.arange(len(tag))] == tag, axis=1)]
        if not len(f):
            return
        start = f + 3
        if len(start) < _FEW:
            self._few_merges(buf, start.tolist())
            return
        words = _words(buf)
        c0, r0, end, ok0 = _parse(a, words, start)
        ranged = a[end] == 58  # ':'
        c1, r1, _, ok1 = _parse(a, words, np.where(ranged, end + 1, start))
        ok = ok0 & ok1
        if not ok.all() and not e.illegal:
            e.illegal = _decode(buf, int(start[np.flatnonzero(~ok)[0]]))
        block = np.stack([np.minimum(r0, r1) - 1, np.minimum(c0, c1) - 1, np.maximum(r0, r1) - 1,
                          np.maximum(c0, c1) - 1], axis=1)[ok]
        e.add_merges(block)


    def _take(self, ref: str, is_cell: bool) -> str:
        """Widen the extent to one decoded reference; its name for the refusal when it is outside Excel's grid.

        Of a cell and its row's tag naming the same far row, the cell is the one named."""
        where = _coordinates(ref, is_cell)
        if where is None:
            return _named(ref, is_cell)
        e, (col, row) = self.extent, where
        if col > e.max_col:
            e.max_col, e.far_col_ref = col, ref
        if row > e.max_row or (row == e.max_row and is_cell and self._far_row_is_row_tag):
            e.max_row, e.far_row_ref = row, ref if is_cell else f"A{row}"
            self._far_row_is_row_tag = not is_cell
        return ""

    def _few_merges(self, buf: bytes, starts: list[int]) -> None:
        """The same reading, one reference at a time: for a handful of merges, cheaper than whole-array steps."""
        e, block = self.extent, []
        for pos in starts:
            text = _decode(buf, pos)
            first, _, second = text.partition(":")
            second = second or first
            one, other = _coordinates(first, True), _coordinates(second, True)
            if one is None or other is None:
                e.illegal = e.illegal or text
                continue
            (c0, r0), (c1, r1) = one, other
            block.append((min(r0, r1) - 1, min(c0, c1) - 1, max(r0, r1) - 1, max(c0, c1) - 1))
        if block:
            e.add_merges(np.array(block, dtype=np.int64))


def _parse(a: np.ndarray, words: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, ...]:
    """Column (1-based), row, end offset and legality of the A1 reference at each offset."""
    head = words[start].astype(np.uint64)
    l0, l1, l2, l3 = (_is_letter(head, k) for k in range(4))
    nl = l0.astype(np.int64) + (l0 & l1) + (l0 & l1 & l2)
    col = np.zeros(len(start), dtype=np.int64)
    for k in range(3):
        letter = ((head >> np.uint64(56 - 8 * k)) & np.uint64(0xFF)).astype(np.int64) - 64
        col = np.where(nl > k, col * 26 + letter, col)
    digits = words[start + nl].astype(np.uint64)
    nd = np.minimum(_first_quote(digits), _first_byte(digits, 0x3A))  # the reference ends at '"' or ':'
    row = np.zeros(len(start), dtype=np.int64)
    for k in range(7):
        digit = ((digits >> np.uint64(56 - 8 * k)) & np.uint64(0xFF)).astype(np.int64) - 48
        row = np.where(nd > k, row * 10 + digit, row)
    end = start + nl + nd
    ok = (nl >= 1) & ~(l0 & l1 & l2 & l3) & (nd >= 1) & (nd <= 7) & (_top_byte(digits) != 48) & _all_digits(digits, nd)
    ok &= (row >= 1) & (row <= MAX_ROWS) & (col <= MAX_COLS) & ((a[end] == 58) | (a[end] == 34))
    return col, row, end, ok
