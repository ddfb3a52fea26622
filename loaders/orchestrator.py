"""One workbook in, canonical tables and every issue out: the loaders' single entry point."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pandas as pd

from domain.calendar import plausible
from domain.catalogue import issue
from domain.checks import reconcile
from domain.fmt import join_names, money, shorten
from domain.folding import fold
from domain.issues import Issue, Issues
from domain.places import Place
from domain.plan import LoadResult
from domain.schema import COLUMNS, CONCEPTO_LABELS, EGRESOS, EXPECTED_TABLES, INGRESOS, TABLE_LABELS
from loaders.budget_lines import kind_from_labels
from loaders.cutoff import cutoff_notes
from loaders.detect import (
    BUDGET_KINDS,
    TABLES,
    Detection,
    Header,
    NearMiss,
    find_tables,
    names_field,
    texts_between,
    title_above,
)
from loaders.grid import Grid, read_grids
from loaders.guard import UnreadableWorkbook, refuse, scan_zip, too_large
from loaders.poa import RowTally, parse_poa
from loaders.small_tables import (
    Parsed,
    Report,
    parse_budget,
    parse_donations,
    parse_plan,
    parse_ranges,
    parse_staff,
    report_rows,
)
from loaders.text import parse_int, year_in
from settings import Settings, get_settings

_LOG = logging.getLogger(__name__)
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# A title row that names the plan's period: 'PLAN …', 'POA …', 'VIGENCIA 2024', 'EJERCICIO FISCAL 2025'.
_TITLE_WORDS = re.compile(r"\b(?:plan|poa|vigencia|ejercicio|gestion|presupuesto|cronograma|seguimiento|"
                          r"programacion|anual|ano)\b")
_TITLE_ROWS = 30
# What a form printed once per unit says about its columns: the same sentence from each form, said once.
_ONCE = frozenset({"columnas_presupuesto", "moneda_supuesta", "actividad_con_codigos", "programacion_financiera"})
# The words before a field's name in a header ('Cód centro gestor', 'Nombre del proyecto').
_CODE_OF = re.compile(r"^\s*(?:c[oó]d(?:igo)?\.?|n[uú]mero|nombre)\s+(?:de(?:l)?\s+)?", re.IGNORECASE)
_YES = ("si", "sí", "s", "yes", "x", "verdadero", "true", "1")


def read_source(source: bytes | str | Path, settings: Settings) -> tuple[bytes, str | None]:
    """A workbook's bytes and file name; a file on disk over the size limit is refused before it is read."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    path = Path(source)
    try:
        if error := too_large(path.stat().st_size, settings):
            raise error  # refused before a huge file is read into memory
        return path.read_bytes(), path.name
    except OSError as exc:
        raise refuse("archivo_no_encontrado", path=path.name, reason=exc.strerror or str(exc)) from exc


def _budget_kind(grid: Grid, header: Header | NearMiss, beside: list[Header] = ()) -> str | None:
    """A generic 'Clasificación | Monto' header is income or expense by its sheet name or title, else by its
    own words ('RECAUDACION' is income, 'Partida de gasto' expense); a POA's budget sub-lines (a budget header
    in the band of an activities header) are what its tasks spend."""
    for text in (fold(grid.name), title_above(grid, header)):
        has_in, has_out = "ingreso" in text, ("egreso" in text or "gasto" in text)
        if has_in != has_out:
            return "ingresos" if has_in else "egresos"
    if any(h.kind == "actividades" and abs(h.row - header.row) <= 3 for h in beside):
        return "egresos"
    return kind_from_labels(header.labels)


def _plan_year(meta: dict[str, str], grids: list[Grid], headers: list[Header], filename: str | None,
               anio: int | None, result: LoadResult) -> int | None:
    """The plan year, from (in order) the Plan sheet, a visible title row, the file name, the explicit argument.

    Body cells and hidden sheets never say it: a date in a row or a sheet of last year's figures would.
    When a title and the file name disagree, the title wins and the warning says so."""
    for key in ("ano", "año", "anio", "ejercicio"):
        if key in meta:
            value = parse_int(meta[key])
            if value and 1900 < value < 2200:
                return _agree(value, anio, result)
    named = year_in(filename) if filename else None
    if titled := _title_year(grids, headers):
        year, text = titled
        if named is not None and named != year:
            result.add(issue("anio_fuentes_distintas", first=f"el título «{shorten(text, 60)}»", first_year=year,
                             second=f"el nombre del archivo «{filename}»", second_year=named))
        return _agree(year, anio, result)
    if named is not None:
        return _agree(named, anio, result)
    return anio


def _title_year(grids: list[Grid], headers: list[Header]) -> tuple[int, str] | None:
    """The year of a title above the first table of a visible sheet ('PLAN OPERATIVO ANUAL 2025', 'POA -
    VIGENCIA 2024'), and the title."""
    firsts = {h.sheet: h.row for h in reversed(headers)}
    for grid in grids:
        for value in texts_between(grid, 0, min(firsts.get(grid.name, 10), _TITLE_ROWS)):  # titles sit at the top
            if _TITLE_WORDS.search(fold(value)) and (year := year_in(value)):
                return year, value.strip()
    return None


def _hidden_sheets(data: bytes) -> frozenset[str]:
    """The names of the sheets a person does not see (state hidden or veryHidden): they never give the year."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = SafeET.fromstring(archive.read("xl/workbook.xml"))
    except (zipfile.BadZipFile, KeyError, ValueError, SafeET.ParseError):  # the guard read it already
        return frozenset()
    return frozenset(el.get("name") or "" for el in root.iter(f"{_NS_MAIN}sheet")
                     if (el.get("state") or "visible") != "visible")


def _agree(found: int, asked: int | None, result: LoadResult) -> int:
    if asked is not None and asked != found:
        result.add(issue("anio_distinto", asked=asked, found=found))
    return found


def _metadata(found: dict[Grid, list[Header]], filename: str | None, anio: int | None, result: LoadResult,
              hidden: frozenset[str] = frozenset()) -> None:
    """Year, title, notes and the workbook's own caveats, from the Plan sheet (and titles of visible sheets, the
    file name)."""
    meta: dict[str, str] = {}
    for grid, headers in found.items():
        for header in headers:
            if header.kind == "plan":
                meta.update(parse_plan(grid, header).meta)
    headers = [h for hs in found.values() for h in hs]
    result.anio = _plan_year(meta, [g for g in found if g.name not in hidden], headers, filename, anio, result)
    result.titulo = meta.get("titulo") or (f"Plan de Acción {result.anio}" if result.anio else None)
    result.notas = {k: v for k, v in meta.items() if k.startswith("nota")}
    result.notas.update(cutoff_notes(found, filename, result.anio, meta))  # a follow-up's cut-off (loaders/cutoff)
    result.actividades_ilustrativas = fold(meta.get("actividades ilustrativas", "no")) in _YES
    result.personal_derivado = fold(meta.get("personal derivado", "no")) in _YES


def _frame(kind: str, rows: list[dict]) -> pd.DataFrame:
    """A canonical table from parsed rows; an optional column (a follow-up's «ejecutado») only when rows bring it."""
    present = {name for row in rows for name in row}
    columns = [c.name for c in TABLES[kind].columns if not c.optional or c.name in present]
    frame = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    text_cols = [c.name for c in TABLES[kind].columns if c.kind == "text" and c.name in columns]
    frame[text_cols] = frame[text_cols].astype(object)
    if kind == "personal":
        frame["plazas"] = frame["plazas"].astype("int64")
    return frame


@dataclass
class _Collected:
    """What the parsers of one workbook gathered, before it becomes canonical tables."""

    issues: Issues
    window: tuple[date, date]  # the dates this plan can mean (domain.calendar.plausible)
    rows: dict[str, list[dict]] = field(default_factory=lambda: {kind: [] for kind in COLUMNS})
    poa: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (sheet, activities), in reading order
    stated: dict[str, tuple[Decimal, Place]] = field(default_factory=dict)
    ranges: list[dict] = field(default_factory=list)
    missed: set[str] = field(default_factory=set)  # tables whose header is a near miss
    tally: RowTally = field(default_factory=RowTally)  # POA rows left aside, reported once per kind
    parts: dict[str, list[tuple[Decimal, Place]]] = field(default_factory=dict)  # reports' totals, per concept
    reports: dict[str, list[Report]] = field(default_factory=dict)  # budget reports' lines, per kind
    said: set[str] = field(default_factory=set)
    currency: str | None = None  # the currency the budgets' amounts name ('ARS'), when they name one

    def say(self, items: list[Issue]) -> None:
        """Add issues; a form printed once per unit says what it found about its columns once, not per form."""
        for item in items:
            if item.code in _ONCE:
                if (key := f"{item.code}/{item.table}") in self.said:
                    continue
                self.said.add(key)
            self.issues.add(item)

    def add_reports(self) -> None:
        """The lines of every budget report of a kind, each classification once."""
        for kind, reports in self.reports.items():
            rows, issues = report_rows(kind, reports)
            self.rows[kind].extend(rows)
            self.issues.extend(issues)

    def add_parts(self) -> None:
        """The totals of budget reports: one form's total, or the sum of the totals of a form printed per unit."""
        self.state([(concept, sum((v for v, _ in parts), Decimal(0)), parts[0][1])
                    for concept, parts in self.parts.items()])

    def take(self, parsed: Parsed, kind: str | None) -> None:
        self.currency = self.currency or parsed.meta.get("moneda")
        if kind and parsed.report is not None:  # grouped with the other reports of its kind, at the end
            self.reports.setdefault(kind, []).append(parsed.report)
            self.say([i for i in parsed.issues if i.code != "lineas_agrupadas"])
        else:
            self.say(parsed.issues)
            if kind:
                self.rows[kind].extend(parsed.rows)
        if parsed.report is not None:  # a form printed per unit states one total per unit: they add up
            for concept, value, place in parsed.totals:
                self.parts.setdefault(concept, []).append((value, place))
            return
        self.state(parsed.totals)

    def state(self, totals: list[tuple[str, Decimal, Place]]) -> None:
        for concept, value, place in totals:
            if concept in self.stated and self.stated[concept][0] != value:
                self.issues.add(issue("total_repetido", place, concepto=CONCEPTO_LABELS[concept],
                                      first=money(self.stated[concept][0])))
                continue
            self.stated.setdefault(concept, (value, place))


def _ranges(grid: Grid, header: Header, result: LoadResult, collected: _Collected) -> None:
    parsed = parse_ranges(grid, header)
    collected.take(parsed, None)
    collected.ranges.extend(parsed.rows)


# A header's kind -> how its table is parsed into the collection.
_PARSERS: dict[str, Callable[[Grid, Header, LoadResult, _Collected], None]] = {
    "ingresos": lambda g, h, r, c: c.take(parse_budget(g, h, "ingresos"), "ingresos"),
    "egresos": lambda g, h, r, c: c.take(parse_budget(g, h, "egresos"), "egresos"),
    "donaciones": lambda g, h, r, c: c.take(parse_donations(g, h, c.window), "donaciones"),
    "personal": lambda g, h, r, c: c.take(parse_staff(g, h), "personal"),
    "rangos": _ranges,
    "actividades": lambda g, h, r, c: c.poa.append((g.name, parse_poa(g, h, r.anio, c.issues, c.window, c.tally))),
    "plan": lambda g, h, r, c: None,  # read first, by _metadata
}


def _parse(found: dict[Grid, list[Header]], result: LoadResult, collected: _Collected) -> None:
    for grid, headers in found.items():
        for header in headers:
            kind = header.kind
            if kind == "presupuesto" and not (kind := _budget_kind(grid, header, headers) or ""):
                collected.issues.add(issue("tabla_ambigua", header.place(header.row, header.columns["clasificacion"]),
                                           ingresos=INGRESOS.column("clasificacion").template_header,
                                           egresos=EGRESOS.column("clasificacion").template_header))
                continue
            header.kind = kind
            _PARSERS[kind](grid, header, result, collected)


def _near_misses(misses: dict[Grid, list[NearMiss]], collected: _Collected) -> None:
    """Each header that lacks a required column (or has it misspelt) is an error: its table is not loaded."""
    for grid, items in misses.items():
        for miss in items:
            kind = miss.kind
            if kind == "presupuesto":
                kind = _budget_kind(grid, miss) or kind
            table = TABLES[kind]
            if (unit := _by_unit(miss)) is not None:
                collected.issues.add(issue("resumen_por_unidad", Place(sheet=miss.sheet, row=miss.row + 1, col=unit,
                                                                       label=miss.labels[unit]),
                                           sheet=miss.sheet, column=miss.labels[unit]))
                continue
            found = [f"«{miss.labels[c]}» ({Place(col=c).letter})" for c in miss.found.values()]
            names = [f"«{table.column(f).template_header}»" for f in miss.missing]
            lacks = (f"le falta la columna {names[0]}" if len(names) == 1
                     else f"le faltan las columnas {join_names(names)}")
            near = "".join(f": «{miss.labels[c]}» ({Place(col=c).letter}) se parece a «{alias}»"
                           for c, alias in miss.misspelt.values())
            col = next(iter(miss.misspelt.values()))[0] if miss.misspelt else min(miss.found.values())
            place = Place(sheet=miss.sheet, row=miss.row + 1, col=col, label=miss.labels.get(col))
            collected.issues.add(issue("encabezado_incompleto", place, table=kind if kind in COLUMNS else None,
                                       table_label=table.label, found=_recognised(found), lacks=lacks, near=near))
            collected.missed.add(kind)


def _by_unit(miss: NearMiss) -> int | None:
    """The unit column of a budget summary by unit ('Cód centro gestor | Ppto Inicial | Ejecución'): amounts per
    organism or project, not per classification. Such a sheet summarises the plan; it is left aside, and said."""
    if miss.kind not in BUDGET_KINDS or miss.missing != ["clasificacion"]:
        return None
    return next((c for c, text in sorted(miss.labels.items())
                 if names_field("actividades", _CODE_OF.sub("", text)) == "area"), None)


def _recognised(found: list[str]) -> str:
    return f"se reconoce {found[0]}" if len(found) == 1 else f"se reconocen {join_names(found)}"


def _assemble(result: LoadResult, collected: _Collected) -> None:
    for kind in ("ingresos", "egresos", "donaciones", "personal"):
        if collected.rows[kind]:
            result.tables[kind] = _frame(kind, collected.rows[kind])
    if collected.poa:
        result.tables["actividades"] = pd.concat(_without_copies(collected), ignore_index=True)
    if collected.stated:
        result.tables["totales_declarados"] = pd.DataFrame(
            [{"concepto": c, "monto": float(v)} for c, (v, _) in collected.stated.items()],
            columns=list(COLUMNS["totales_declarados"]),
        )
    for item in collected.ranges:
        result.rangos[item["nivel"]] = (item["minimo"], item["maximo"])


def _without_copies(collected: _Collected) -> list[pd.DataFrame]:
    """The POA tables, each counted once: a sheet whose activities repeat those of an earlier sheet (a
    certifications copy, a modifications copy) is left out, with one warning naming the copies."""
    kept: list[tuple[str, pd.DataFrame]] = []
    copies: dict[str, list[str]] = {}
    for sheet, frame in collected.poa:
        original = next((s for s, f in kept if s != sheet and _same_activities(f, frame)), None)
        if original is not None:
            copies.setdefault(original, []).append(sheet)
            continue
        kept.append((sheet, frame))
    for sheet, names in copies.items():
        collected.issues.add(issue("poa_copiado", Place(sheet=names[0]), table="actividades", sheet=sheet,
                                   copies=join_names([f"«{n}»" for n in dict.fromkeys(names)])))
    return [frame for _, frame in kept]


def _same_activities(one: pd.DataFrame, other: pd.DataFrame) -> bool:
    """The same activities in the same order (compared in full only when the sizes and ends already agree)."""
    if not len(one) or len(one) != len(other):
        return False
    a, b = one["actividad"].array, other["actividad"].array
    if any(a[k] != b[k] for k in (0, len(a) // 2, len(a) - 1)):
        return False
    return bool((one["actividad"].reset_index(drop=True) == other["actividad"].reset_index(drop=True)).all())


def _coverage(result: LoadResult, grids: list[Grid], collected: _Collected) -> None:
    """No table at all is an error; each expected table missing is a warning; so is an unknown year."""
    if not any(k in result.tables for k in EXPECTED_TABLES):
        if not collected.missed:  # a near miss already says what is wrong with the one table there is
            collected.issues.add(issue("sin_tablas", sheets=", ".join(f"«{g.name}»" for g in grids) or "ninguna",
                                       examples=_examples()))
    else:
        for kind in EXPECTED_TABLES:
            if kind not in result.tables and kind not in collected.missed:
                collected.issues.add(issue("tabla_faltante", name=TABLE_LABELS[kind]))
    if result.anio is None and "actividades" not in result.tables:
        collected.issues.add(issue("anio_no_encontrado"))


def _examples() -> str:
    return "; ".join(" | ".join(TABLES[k].column(f).template_header for f in TABLES[k].required)
                     for k in ("ingresos", "donaciones", "actividades"))


def load_workbook(source: bytes | str | Path, *, anio: int | None = None, filename: str | None = None,
                  settings: Settings | None = None) -> LoadResult:
    """Read a workbook in any supported layout into the canonical tables, collecting every issue.

    Raises UnreadableWorkbook only when the file itself cannot be read as a workbook.
    """
    settings = settings or get_settings()
    data, name = read_source(source, settings)
    try:
        return _load(data, filename or name, anio, settings)
    except UnreadableWorkbook:
        raise
    except Exception as exc:  # the edge: whatever a reader or a parser raises unexpectedly becomes one refusal
        _LOG.exception("unexpected failure reading a workbook")
        raise refuse("lectura_fallida", detail=type(exc).__name__) from exc


def _load(data: bytes, filename: str | None, anio: int | None, settings: Settings) -> LoadResult:
    """The load itself, once the bytes are in hand: guard, cells, headers, tables, checks."""
    grids, sheet_issues = read_grids(data, scan_zip(data, settings))
    result = LoadResult()
    scanned: dict[Grid, Detection] = {grid: find_tables(grid) for grid in grids}
    found = {grid: detection.headers for grid, detection in scanned.items()}
    _metadata(found, filename, anio, result, _hidden_sheets(data))
    collected = _Collected(Issues(settings.max_issues_per_code), plausible(result.anio, settings.date_window_years))
    collected.issues.extend(sheet_issues)
    for detection in scanned.values():
        collected.say(detection.notes)
    _parse(found, result, collected)
    collected.add_parts()
    collected.add_reports()
    collected.tally.report(collected.issues)
    _near_misses({grid: detection.misses for grid, detection in scanned.items() if detection.misses}, collected)
    _assemble(result, collected)
    if collected.currency:
        result.notas["moneda"] = collected.currency
    _coverage(result, grids, collected)
    collected.issues.extend(reconcile(result.tables, {c: p for c, (_, p) in collected.stated.items()}, result.rangos,
                                      result.anio))
    for item in collected.issues.items:
        result.add(item)
    result.omitted = collected.issues.omitted()
    return result
