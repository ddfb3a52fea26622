"""One workbook in, canonical tables and every issue out: the loaders' single entry point."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from loaders.checks import reconcile
from loaders.detect import FIELD_LABELS, REQUIRED, Header, find_headers, title_above
from loaders.model import (
    COLUMNS,
    CONCEPTO_LABELS,
    EXPECTED_TABLES,
    TABLE_LABELS,
    Issue,
    Issues,
    LoadResult,
    UnreadableWorkbook,
)
from loaders.poa import parse_poa
from loaders.tables import Parsed, parse_budget, parse_donations, parse_plan, parse_ranges, parse_staff
from loaders.text import fold, parse_int, year_in
from loaders.xlsx import Grid, inspect, read_grids
from settings import Settings, get_settings

_YES = ("si", "sí", "s", "yes", "x", "verdadero", "true", "1")


def _read_source(source: bytes | str | Path, settings: Settings) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > settings.max_file_mb * 1024 * 1024:
            # Refuse before reading a huge file into memory.
            raise UnreadableWorkbook(
                "archivo_demasiado_grande",
                f"El archivo pesa {size / 1024 / 1024:,.1f} MB y el límite es {settings.max_file_mb:,.0f} MB. "
                "Quite hojas o imágenes que no sean del plan y vuelva a intentarlo.",
            )
        return path.read_bytes(), path.name
    except OSError as exc:
        raise UnreadableWorkbook("archivo_no_encontrado",
                                 f"No se puede abrir «{path}»: {exc.strerror or exc}.") from None


def _budget_kind(grid: Grid, header: Header) -> str | None:
    """A generic 'Clasificación | Monto' header is income or expense by its sheet name or title."""
    for text in (fold(grid.name), title_above(grid, header)):
        has_in, has_out = "ingreso" in text, ("egreso" in text or "gasto" in text)
        if has_in != has_out:
            return "ingresos" if has_in else "egresos"
    return None


def _plan_year(meta: dict[str, str], grids: list[Grid], headers: list[Header], filename: str | None,
               anio: int | None, result: LoadResult) -> int | None:
    """The plan year, from (in order) the Plan sheet, a title row, the file name, the explicit argument."""
    for key in ("ano", "año", "anio", "ejercicio"):
        if key in meta:
            value = parse_int(meta[key])
            if value and 1900 < value < 2200:
                return _agree(value, anio, result)
    firsts = {h.sheet: h.row for h in reversed(headers)}
    for grid in grids:
        top = grid.frame.iloc[: firsts.get(grid.name, min(len(grid.frame), 10))]
        for value in top.to_numpy().ravel():
            if isinstance(value, str) and "plan" in fold(value) and (year := year_in(value)):
                return _agree(year, anio, result)
    if filename and (year := year_in(filename)):
        return _agree(year, anio, result)
    return anio


def _agree(found: int, asked: int | None, result: LoadResult) -> int:
    if asked is not None and asked != found:
        result.add(Issue(code="anio_distinto", severity="warning",
                         message=f"Se pidió el año {asked}, pero el libro dice {found}: se usa {found}, el del libro."))
    return found


def _frame(kind: str, rows: list[dict]) -> pd.DataFrame:
    columns = list(COLUMNS[kind])
    frame = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    if kind in ("ingresos", "egresos", "donaciones", "personal"):
        text_cols = [c for c in columns if c in ("clasificacion", "donante", "nivel", "unidad")]
        frame[text_cols] = frame[text_cols].astype(object)
    if kind == "personal":
        frame["plazas"] = frame["plazas"].astype("int64")
    return frame


def load_workbook(source: bytes | str | Path, *, anio: int | None = None, filename: str | None = None,
                  settings: Settings | None = None) -> LoadResult:
    """Read a workbook in any supported layout into the canonical tables, collecting every issue.

    Raises UnreadableWorkbook only when the file itself cannot be read as a workbook.
    """
    settings = settings or get_settings()
    data, name = _read_source(source, settings)
    filename = filename or name
    scan = inspect(data, settings)
    grids = read_grids(data, scan)
    result = LoadResult()
    found: dict[Grid, list[Header]] = {grid: find_headers(grid) for grid in grids}
    headers = [h for hs in found.values() for h in hs]
    meta: dict[str, str] = {}
    for grid, hs in found.items():
        for header in hs:
            if header.kind == "plan":
                meta.update(parse_plan(grid, header).meta)
    result.anio = _plan_year(meta, grids, headers, filename, anio, result)
    result.titulo = meta.get("titulo") or (f"Plan de Acción {result.anio}" if result.anio else None)
    result.notas = {k: v for k, v in meta.items() if k.startswith("nota")}
    result.actividades_ilustrativas = fold(meta.get("actividades ilustrativas", "no")) in _YES
    result.personal_derivado = fold(meta.get("personal derivado", "no")) in _YES

    rows: dict[str, list[dict]] = {kind: [] for kind in COLUMNS}
    poa_frames: list[pd.DataFrame] = []
    stated: dict[str, tuple[Decimal, Issue]] = {}
    ranges: list[dict] = []
    issues = Issues(settings.max_issues_per_code)

    def take(parsed: Parsed, kind: str | None) -> None:
        issues.extend(parsed.issues)
        if kind:
            rows[kind].extend(parsed.rows)
        for concept, value, where in parsed.totals:
            if concept in stated and stated[concept][0] != value:
                issues.add(Issue(code="total_repetido", severity="warning", sheet=where.sheet, row=where.row,
                                    column=where.column, message=f"{CONCEPTO_LABELS[concept]} aparece dos veces "
                                    f"con montos distintos; se usa el primero ({stated[concept][0]:,.2f})."))
                continue
            stated.setdefault(concept, (value, where))

    for grid, hs in found.items():
        for header in hs:
            kind = header.kind
            if kind == "presupuesto":
                kind = _budget_kind(grid, header) or ""
                if not kind:
                    issues.add(Issue(code="tabla_ambigua", sheet=grid.name, row=header.row + 1,
                                        column=header.label(header.columns["clasificacion"]),
                                        message="No se sabe si esta tabla de clasificaciones es de ingresos o de "
                                        "egresos: escriba «Clasificación presupuestaria ingresos» (o egresos) en "
                                        "el encabezado, o ponga el nombre a la hoja."))
                    continue
            if kind in ("ingresos", "egresos"):
                take(parse_budget(grid, header, kind), kind)
            elif kind == "donaciones":
                take(parse_donations(grid, header, result.anio), kind)
            elif kind == "personal":
                take(parse_staff(grid, header), kind)
            elif kind == "rangos":
                parsed = parse_ranges(grid, header)
                take(parsed, None)
                ranges.extend(parsed.rows)
            elif kind == "actividades":
                poa_frames.append(parse_poa(grid, header, result.anio, issues))

    for kind in ("ingresos", "egresos", "donaciones", "personal"):
        if rows[kind]:
            result.tables[kind] = _frame(kind, rows[kind])
    if poa_frames:
        result.tables["actividades"] = pd.concat(poa_frames, ignore_index=True)
    if stated:
        result.tables["totales_declarados"] = pd.DataFrame(
            [{"concepto": c, "monto": float(v)} for c, (v, _) in stated.items()],
            columns=list(COLUMNS["totales_declarados"]),
        )
    for item in ranges:
        result.rangos[item["nivel"]] = (item["minimo"], item["maximo"])

    if not headers or not any(k in result.tables for k in EXPECTED_TABLES):
        issues.add(Issue(code="sin_tablas", message=_no_tables_message(grids)))
    else:
        for kind in EXPECTED_TABLES:
            if kind not in result.tables:
                issues.add(Issue(code="tabla_faltante", severity="warning",
                                    message=f"El libro no trae la tabla de {TABLE_LABELS[kind]}: se seguirá "
                                    "mostrando la de la versión publicada."))
    if result.anio is None and "actividades" not in result.tables:
        issues.add(Issue(code="anio_no_encontrado", severity="warning",
                            message="El libro no dice de qué año es el plan: añada una hoja «Plan» con «Año» o "
                            "un título «PLAN DE ACCIÓN 2016»."))
    issues.extend(reconcile(result.tables, stated, result.rangos, result.anio))
    for item in issues.final():
        result.add(item)
    return result


def _no_tables_message(grids: list[Grid]) -> str:
    sheets = ", ".join(f"«{g.name}»" for g in grids) or "ninguna"
    examples = "; ".join(
        " | ".join(FIELD_LABELS.get(f, f) for f in REQUIRED[k]) for k in ("ingresos", "donaciones", "actividades")
    )
    return (f"No se encontró ninguna tabla del plan en el libro (hojas: {sheets}). Cada tabla necesita una fila "
            f"de encabezado, por ejemplo: {examples}. Descargue la plantilla para ver el formato.")
