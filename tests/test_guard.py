"""loaders/guard.py: hostile files. Every one must be refused with UnreadableWorkbook, a Spanish message, a code
that names its kind, quickly and without inflating zip bombs into memory."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import textwrap
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from loaders import UnreadableWorkbook, load_workbook
from settings import Settings
from tests import hostile_files as H

ROOT = Path(__file__).resolve().parents[1]

BOMB_SECONDS = 1.0
BOMB_MEMORY_MB = 200


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[], bytes]
    kind: str  # cases of different kinds below must get different codes
    hint: str  # regex expected in the accent-stripped message
    settings: Settings | None = None


SPANISH_SIZE = r"\bMB\b"
CASES = [
    Case("vacio", H.empty, "empty", r"(?i)vaci"),
    Case("bytes_aleatorios", H.random_bytes, "not_zip", r"(?i)\bxlsx\b"),
    Case("csv_renombrado", H.csv_renamed, "not_zip", r"(?i)\bxlsx\b"),
    Case("truncado_mitad", H.truncated_half, "truncated", r"(?i)(danad|incomplet|truncad|corrupt|cortad)"),
    Case("truncado_ultimos_10_bytes", H.truncated_tail, "truncated",
         r"(?i)(danad|incomplet|truncad|corrupt|cortad)"),
    Case("zip_sin_libro", H.zip_not_workbook, "zip_not_workbook", r"(?i)\bxlsx\b"),
    Case("ole2_cifrado_con_contrasena", H.ole2_encrypted, "encrypted", r"(?i)contrasena"),
    Case("ole2_xls_antiguo", H.ole2_old_xls, "old_xls", r"(?i)\bxlsx?\b"),
    Case("zip_con_bit_de_cifrado", H.zip_encrypted_flag, "encrypted",
         r"(?i)(contrasena|cifrad|encriptad|protegid)"),
    Case("excede_limite_ajustado", H.normal_100kb_xlsx, "too_large", SPANISH_SIZE,
         Settings(max_file_mb=0.05)),
    Case("excede_21_mb", H.too_large_21mb, "too_large", SPANISH_SIZE),
    Case("bomba_zip_honesta", H.bomb_honest, "bomb", r"(?i)(comprim|bomba|\bMB\b)"),
    Case("bomba_zip_mentirosa", H.bomb_lying, "bomb_lying", r"(?i)(comprim|bomba|\bMB\b|danad|corrupt)"),
]
BY_ID = {c.id: c for c in CASES}
BOMBS = [BY_ID["bomba_zip_honesta"], BY_ID["bomba_zip_mentirosa"]]

# Raw exception texts from zipfile / zlib / openpyxl that must never reach the user.
ENGLISH_LEAKS = re.compile(
    r"(?i)(not a zip file|bad crc|password required|is encrypted|truncated|traceback|errno|"
    r"error -\d|keyerror|there is no item|zipfile|zlib)"
)
SPANISH_WORDS = re.compile(r"(?i)\b(el|la|los|las|no|es|un|una|de|del|archivo|libro|puede|se)\b")


def _plain(text: str) -> str:
    """Accents stripped: 'contraseña' -> 'contrasena', 'vacío' -> 'vacio'."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _assert_spanish(message: str, hint: str) -> None:
    assert isinstance(message, str) and message.strip(), "empty message"
    assert SPANISH_WORDS.search(message), f"not Spanish: {message!r}"
    assert re.search(hint, _plain(message)), f"expected /{hint}/ in {message!r}"
    assert not ENGLISH_LEAKS.search(message), f"raw exception text leaked: {message!r}"


def _refuse(case: Case, source=None) -> tuple[UnreadableWorkbook, float]:
    data = case.build() if source is None else source
    t0 = time.perf_counter()
    with pytest.raises(UnreadableWorkbook) as exc:
        load_workbook(data, settings=case.settings) if case.settings else load_workbook(data)
    return exc.value, time.perf_counter() - t0


@functools.cache
def _code(case_id: str) -> str:
    return _refuse(BY_ID[case_id])[0].issue.code


# --------------------------------------------------------------------------- every hostile file


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_refused_with_spanish_message(case: Case) -> None:
    err, elapsed = _refuse(case)
    issue = err.issue
    assert isinstance(issue.code, str) and issue.code
    _assert_spanish(issue.message, case.hint)
    assert (issue.sheet, issue.row, issue.column) == (None, None, None)
    if case.kind.startswith("bomb"):
        assert elapsed < BOMB_SECONDS, f"bomb refused in {elapsed:.2f}s"


PATH_CASES = [(c, "pathlib") for c in CASES] + [
    (BY_ID[i], "str") for i in ("vacio", "ole2_cifrado_con_contrasena", "excede_21_mb", "truncado_mitad")
]


@pytest.mark.parametrize(("case", "kind"), PATH_CASES, ids=[f"{c.id}-{k}" for c, k in PATH_CASES])
def test_refused_from_path_with_same_code(case: Case, kind: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(case.build())
    err, _ = _refuse(case, str(path) if kind == "str" else path)
    assert err.issue.code == _code(case.id)
    _assert_spanish(err.issue.message, case.hint)


def test_codes_differ_by_kind() -> None:
    kinds = ["empty", "not_zip", "truncated", "encrypted", "too_large", "bomb"]
    codes = {k: {_code(c.id) for c in CASES if c.kind == k} for k in kinds}
    for i, a in enumerate(kinds):
        for b in kinds[i + 1 :]:
            assert not codes[a] & codes[b], f"{a} and {b} share codes: {codes}"


def test_old_xls_is_not_called_encrypted() -> None:
    assert _code("ole2_xls_antiguo") != _code("ole2_cifrado_con_contrasena")


def test_lying_bomb_is_reported_as_a_bomb() -> None:
    """Its headers claim 1000 bytes; only inflating reveals ~600 MB. Same diagnosis as the honest one."""
    assert H.declared_sizes(H.bomb_lying())[H.SHEET_PART][1] == H.LYING_DECLARED_SIZE
    assert _code("bomba_zip_mentirosa") == _code("bomba_zip_honesta")


def test_limits_are_what_refuses() -> None:
    """Sanity of the fixtures: the 100 KB workbook is fine under default limits, the tiny one too."""
    assert len(H.normal_100kb_xlsx()) > 0.05 * H.MB
    load_workbook(H.normal_100kb_xlsx())
    load_workbook(H.tiny_valid_xlsx())
    assert H.declared_sizes(H.bomb_honest())[H.SHEET_PART][1] > 500 * H.MB
    assert len(H.bomb_honest()) < 2 * H.MB


# --------------------------------------------------------------------------- bombs: time and memory

_MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from loaders import UnreadableWorkbook, load_workbook
    path = Path(sys.argv[1])
    source = path.read_bytes() if sys.argv[2] == "bytes" else path
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    try:
        load_workbook(source)
        code = None
    except UnreadableWorkbook as exc:
        code = exc.issue.code
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"base_kb": base, "peak_kb": peak, "elapsed": elapsed, "code": code}))
    """
)


@pytest.mark.parametrize("source", ["bytes", "path"])
@pytest.mark.parametrize("case", BOMBS, ids=lambda c: c.id)
def test_bomb_time_and_memory_in_subprocess(case: Case, source: str, tmp_path: Path) -> None:
    path = tmp_path / "bomba.xlsx"
    path.write_bytes(case.build())
    # Through sh, which forks python: Linux carries ru_maxrss across execve, so a child exec'd
    # straight from this (large) pytest process would start with pytest's peak as its own.
    argv = [sys.executable, "-c", _MEASURE, str(path), source]
    proc = subprocess.run(["/bin/sh", "-c", '"$@"; exit $?', "sh", *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    grown_mb = (m["peak_kb"] - m["base_kb"]) / 1024
    print(f"\n{case.id}[{source}]: {m['elapsed']:.3f} s, ru_maxrss {m['base_kb'] / 1024:.1f} -> "
          f"{m['peak_kb'] / 1024:.1f} MB (+{grown_mb:.1f} MB), code={m['code']}")
    assert m["code"] is not None, "bomb was not refused"
    assert m["elapsed"] < BOMB_SECONDS
    assert grown_mb < BOMB_MEMORY_MB


# --------------------------------------------------------------------------- command line


def _cli(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders", str(path), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_cli_json_bomb_exits_2_with_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bomba.xlsx"
    path.write_bytes(H.bomb_honest())
    proc = _cli(path, "--json")
    assert proc.returncode == 2, proc.stderr
    out = json.loads(proc.stdout)
    assert out["ok"] is False
    assert out["anio"] is None
    assert out["warnings"] == [] and out["tables"] == {}
    assert isinstance(out["summary"], dict)
    assert len(out["errors"]) == 1
    error = out["errors"][0]
    assert {"code", "sheet", "row", "column", "message"} <= set(error)  # the contract's fields, plus additions
    assert error["code"] == _code("bomba_zip_honesta")
    assert (error["sheet"], error["row"], error["column"]) == (None, None, None)
    _assert_spanish(error["message"], BY_ID["bomba_zip_honesta"].hint)


def test_cli_plain_empty_exits_2_with_spanish_message(tmp_path: Path) -> None:
    path = tmp_path / "vacio.xlsx"
    path.write_bytes(b"")
    proc = _cli(path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    _assert_spanish(proc.stdout + proc.stderr, BY_ID["vacio"].hint)


@pytest.mark.parametrize("json_flag", [False, True], ids=["plain", "json"])
def test_cli_tiny_valid_workbook_is_readable(tmp_path: Path, json_flag: bool) -> None:
    path = tmp_path / "donaciones.xlsx"
    path.write_bytes(H.tiny_valid_xlsx())
    proc = _cli(path, *(["--json"] if json_flag else []))
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    if json_flag:
        assert isinstance(json.loads(proc.stdout)["ok"], bool)


# ------------------------------------------------------------- fuzz: nothing but UnreadableWorkbook

_FUZZ = hsettings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _load_or_refuse(data: bytes) -> None:
    try:
        load_workbook(data)
    except UnreadableWorkbook as exc:
        assert exc.issue.message.strip()


@_FUZZ
@given(st.data())
def test_fuzz_truncated_valid_workbook_is_refused(data: st.DataObject) -> None:
    full = H.tiny_valid_xlsx()
    cut = data.draw(st.integers(0, len(full) - 1), label="cut")
    with pytest.raises(UnreadableWorkbook):
        load_workbook(full[:cut])


@_FUZZ
@given(st.data())
def test_fuzz_corrupted_bytes_never_crash(data: st.DataObject) -> None:
    buf = bytearray(H.tiny_valid_xlsx())
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(buf) - 1), st.integers(0, 255)),
                               min_size=1, max_size=8), label="flips")
    for pos, value in flips:
        buf[pos] = value
    _load_or_refuse(bytes(buf))


@_FUZZ
@given(st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b))
def test_fuzz_zip_magic_then_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableWorkbook):
        load_workbook(data)


# --------------------------------------------------------------------------- what the cell reader would choke on
# Each of these, before the guard read sheet extents, aborted the process (the reader asked for hundreds of
# GB), looped for a minute, or raised a traceback. Now each is refused before any reader runs, in Spanish,
# naming the sheet and the cell, within 2 s and 300 MB (measured in a fresh process).

READER_SECONDS = 2.0
READER_MEMORY_MB = 300


@dataclass(frozen=True)
class Grid:
    id: str
    build: Callable[[], bytes]
    code: str
    words: tuple[str, ...]  # what the message must name


GRID_CASES = [
    Grid("celda_xfd1048576", lambda: H.far_cell("XFD1048576"), "hoja_demasiado_grande", ("«Ingresos»", "XFD1048576")),
    Grid("celda_aaaaaaaaaa1", lambda: H.far_cell("AAAAAAAAAA1"), "celda_fuera_de_excel", ("«Ingresos»", "AAAAAAAAAA1")),
    Grid("celda_xfe1", lambda: H.far_cell("XFE1"), "celda_fuera_de_excel", ("«Ingresos»", "XFE1")),
    Grid("celda_fila_0", lambda: H.far_cell("B0"), "celda_fuera_de_excel", ("«Ingresos»", "B0")),
    Grid("celda_z1000000", lambda: H.far_cell("Z1000000"), "hoja_demasiado_grande", ("«Ingresos»", "Z1000000")),
    Grid("combinada_a1_zzzzz1", lambda: H.merge("A1:ZZZZZ1"), "celda_fuera_de_excel", ("«Ingresos»", "A1:ZZZZZ1")),
    Grid("combinada_hoja_entera", lambda: H.merge("A1:XFD1048576"), "combinacion_demasiado_grande",
         ("«Ingresos»", "A1:XFD1048576")),
    Grid("combinada_fila_0", lambda: H.merge("A0:B2"), "celda_fuera_de_excel", ("«Ingresos»", "A0:B2")),
    Grid("combinada_fila_de_20_digitos", lambda: H.merge("A1:B99999999999999999999"), "celda_fuera_de_excel",
         ("«Ingresos»",)),
    Grid("combinada_columna_de_20_letras", lambda: H.merge("A1:ABCDEFGHIJKLMNOPQRST1"), "celda_fuera_de_excel",
         ("«Ingresos»",)),
    Grid("fila_de_16384_celdas", H.wide_row, "hoja_demasiado_ancha", ("«Ingresos»", "XFD50")),
    Grid("celdas_sin_referencia_lejos", H.loose_cells, "hoja_demasiado_grande", ("«Ingresos»",)),
    Grid("textos_compartidos_4294967295", H.shared_strings_count, "recuento_imposible", ("4,294,967,295",)),
    Grid("partes_con_el_mismo_nombre", H.duplicate_part, "archivo_danado", ("xl/worksheets/sheet2.xml",)),
]


@pytest.mark.parametrize("case", GRID_CASES, ids=lambda c: c.id)
def test_grid_the_reader_would_choke_on_is_refused_naming_the_cell(case: Grid) -> None:
    with pytest.raises(UnreadableWorkbook) as caught:
        load_workbook(case.build())
    issue = caught.value.issue
    assert issue.code == case.code, issue.message
    assert all(word in issue.message for word in case.words), issue.message
    assert SPANISH_WORDS.search(issue.message) and not ENGLISH_LEAKS.search(issue.message)


@pytest.mark.parametrize("case", GRID_CASES, ids=lambda c: c.id)
def test_grid_refusals_cost_little_time_and_memory(case: Grid, tmp_path: Path) -> None:
    path = tmp_path / "libro.xlsx"
    path.write_bytes(case.build())
    argv = [sys.executable, "-c", _MEASURE, str(path), "bytes"]
    proc = subprocess.run(["/bin/sh", "-c", '"$@"; exit $?', "sh", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]  # a reader abort would end the process with SIGABRT
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    assert m["code"] == case.code
    assert m["elapsed"] < READER_SECONDS
    assert (m["peak_kb"] - m["base_kb"]) / 1024 < READER_MEMORY_MB


def test_a_legal_far_cell_under_the_budget_loads_fast() -> None:
    """B1048576 spans 2 million cells: under the budget, so it loads, and its empty rows cost nothing."""
    t0 = time.perf_counter()
    result = load_workbook(H.far_cell("B1048576"))
    assert time.perf_counter() - t0 < READER_SECONDS
    err = next(e for e in result.errors if e.code == "clasificacion_vacia")
    assert (err.sheet, err.row) == ("Ingresos", 1048576)


def test_a_lying_dimension_is_not_believed() -> None:
    """The reader ignores <dimension>; so does the guard: a workbook claiming A1:XFD1048576 still loads."""
    data = H.patch_parts(H._bundled(), {H.INGRESOS_PART: lambda xml: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)})
    assert load_workbook(data).ok


# --------------------------------------------------------------------------- mutated XML, read in a worker

_REF = st.from_regex(r"\A[A-Z]{0,6}[0-9]{0,22}\Z", fullmatch=True)
_NUMBER = st.one_of(st.integers(-(10**30), 10**30).map(str), st.sampled_from(["1e308", "NaN", "-0", "99999999", "x"]))


def _mutations():
    """One change to a valid workbook's XML: a cell reference, a merge, a count, a style index, a value."""
    return st.one_of(
        st.tuples(st.just("ref"), _REF),
        st.tuples(st.just("merge"), st.tuples(_REF, _REF).map(":".join)),
        st.tuples(st.just("count"), st.integers(0, 2**64).map(str)),
        st.tuples(st.just("fill"), st.one_of(st.integers(-5, 10**12).map(str), st.sampled_from(["abc", "", "1.5"]))),
        st.tuples(st.just("number"), _NUMBER),
        st.tuples(st.just("date"), st.integers(-(10**9), 10**9).map(str)),
    )


def _mutate(base: bytes, kind: str, value: str) -> bytes:
    sheet = "xl/worksheets/sheet1.xml"
    if kind == "ref":
        return H.patch_parts(base, {sheet: lambda x: re.sub(rb'r="B2"', f'r="{value}"'.encode(), x, count=1)})
    if kind == "merge":
        return H.patch_parts(base, {sheet: lambda x: x.replace(
            b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{value}"/></mergeCells>'.encode())})
    if kind == "count":
        return H.patch_parts(base, {"xl/sharedStrings.xml": lambda x: re.sub(
            rb'(unique)?[cC]ount="\d+"', f'uniqueCount="{value}"'.encode(), x, count=1)})
    if kind == "fill":
        return H.patch_parts(base, {"xl/styles.xml": lambda x: re.sub(rb'fillId="\d+"', f'fillId="{value}"'.encode(),
                                                                      x)})
    target = rb"<v>[^<]*</v>" if kind == "number" else rb"<v>4\d{4}(\.\d+)?</v>"
    return H.patch_parts(base, {sheet: lambda x: re.sub(target, f"<v>{value}</v>".encode(), x, count=1)})


@pytest.fixture(scope="module")
def isolated():
    from loaders.isolation import IsolatedReader

    pool = IsolatedReader(workers=2)
    yield pool
    pool.close()


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["donaciones", "colores"]), _mutations())
def test_mutated_xml_gives_a_report_or_a_refusal_never_a_crash(isolated, base: str, mutation) -> None:
    from loaders.report import to_json, unreadable_json

    data = _mutate(H.tiny_valid_xlsx() if base == "donaciones" else H.fill_only_poa(), *mutation)
    t0 = time.perf_counter()
    try:
        doc, status = to_json(isolated.load(data, anio=2016)), None
        status = 0 if doc["ok"] else 1
    except UnreadableWorkbook as error:
        doc, status = unreadable_json(error), 2
        # The guard and the parsers saw it coming: the worker never had to die, stall or fail unexpectedly.
        assert error.issue.code not in ("lectura_abortada", "lectura_demasiado_larga", "lectura_fallida"), doc
    assert status in (0, 1, 2) and json.loads(json.dumps(doc, ensure_ascii=False))["ok"] is (status == 0)
    assert time.perf_counter() - t0 < READER_SECONDS + 1  # the worker's own read, plus its hand-over
