"""What changes between two versions of a plan ("¿Qué cambia?"): an upload against the published version, or any
two versions. Budget lines, donors, totals, staff by tier and activities.

Rows are matched loosely: case, accents and spacing do not matter (domain.folding), and the new version's text
is the one shown. A key written twice in one table pairs in order of appearance (the 2nd with the 2nd). A table
that one version lacks is said to be absent, never listed line by line as added or removed. Amounts are exact
Decimal cents (domain.money); the display tables carry floats of those cents, as the other view tables do.
Rows are paired by integer codes of their folded keys and one index lookup, never a loop over rows: a
10,000-activity plan diffs in about a tenth of a second.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

import numpy as np
import pandas as pd

from domain.checks import staff_by_tier, stated_totals
from domain.fmt import count, fecha, join_names
from domain.folding import fold
from domain.money import ZERO, cents, share
from domain.plan import LoadResult
from domain.schema import (
    CAMBIOS_ACTIVIDADES,
    CAMBIOS_DONACIONES,
    CAMBIOS_LINEAS,
    CAMBIOS_PERSONAL,
    CAMBIOS_TOTALES,
    CONCEPTO_LABELS,
    EXPECTED_TABLES,
    NIVELES,
    OWN_FUNDS_LABEL,
    TABLE_LABELS,
    Table,
)
from domain.summary import Summary, summarise

ADDED, REMOVED, CHANGED = "agregada", "eliminada", "cambia"
RESCHEDULED, NEW_FUNDING = "cambia de fechas", "cambia de financiamiento"
NOTHING = "No cambia nada respecto de la anterior."
LINE_TABLES: dict[str, tuple[str, str, str | None]] = {  # table -> (key, amount, end date)
    "ingresos": ("clasificacion", "monto", None),
    "egresos": ("clasificacion", "monto", None),
    "donaciones": ("donante", "importe", "fecha_finalizacion"),
}
LINE_VIEWS: dict[str, Table] = {"ingresos": CAMBIOS_LINEAS, "egresos": CAMBIOS_LINEAS,
                                "donaciones": CAMBIOS_DONACIONES}


class Presence(StrEnum):
    """Where a table is found: a table one version lacks is absent there, not emptied line by line."""

    BOTH = "en ambas"
    OLD_ONLY = "solo en la anterior"
    NEW_ONLY = "solo en la nueva"
    NEITHER = "en ninguna"


def presence(old: LoadResult, new: LoadResult, table: str) -> Presence:
    """A table is present when the workbook had it, even empty (an empty table is a statement too)."""
    here = (old.tables.get(table) is not None, new.tables.get(table) is not None)
    return {(True, True): Presence.BOTH, (True, False): Presence.OLD_ONLY,
            (False, True): Presence.NEW_ONLY}.get(here, Presence.NEITHER)


# ---------------------------------------------------------------- what a diff holds

@dataclass(frozen=True)
class LineChange:
    """One budget line or donor added, removed or changed; `key` is the new text (the old one when removed)."""

    change: str  # ADDED, REMOVED or CHANGED
    key: str
    old: Decimal | None
    new: Decimal | None
    old_end: date | None = None  # donors only: when their funds end
    new_end: date | None = None

    @property
    def difference(self) -> Decimal:
        """What the line adds to its table's total (a removed line takes its whole amount away)."""
        return (self.new or ZERO) - (self.old or ZERO)


@dataclass(frozen=True)
class LinesDiff:
    """One table of lines (ingresos, egresos or donaciones): where it is, and its changes in the new order."""

    table: str
    presence: Presence
    changes: tuple[LineChange, ...] = ()

    def _of(self, kind: str) -> tuple[LineChange, ...]:
        return tuple(c for c in self.changes if c.change == kind)

    @property
    def added(self) -> tuple[LineChange, ...]:
        return self._of(ADDED)

    @property
    def removed(self) -> tuple[LineChange, ...]:
        return self._of(REMOVED)

    @property
    def changed(self) -> tuple[LineChange, ...]:
        return self._of(CHANGED)


@dataclass(frozen=True)
class TotalChange:
    """One total before and after, exact to the cent; None where a version has no figure."""

    concept: str  # how people name it: "Ingresos", "Total Ingresos (declarado)"
    old: Decimal | None
    new: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class TierChange:
    """One tier's headcount and share of staff before and after (0 when the table is there but the tier is not)."""

    nivel: str
    old: int | None
    new: int | None
    old_share: float | None
    new_share: float | None

    @property
    def difference(self) -> int | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class StaffDiff:
    presence: Presence
    tiers: tuple[TierChange, ...] = ()  # every tier either version has, in the plan's order

    @property
    def changed(self) -> tuple[TierChange, ...]:
        """Tiers whose headcount changes (when both versions have staff)."""
        return tuple(t for t in self.tiers if t.changed) if self.presence is Presence.BOTH else ()


@dataclass(frozen=True)
class ActivityChange:
    """One activity on either side: its new texts (the old ones when removed), dates and funding before and after."""

    area: str
    actividad: str
    old_inicio: date | None
    old_fin: date | None
    new_inicio: date | None
    new_fin: date | None
    old_fuente: str | None
    new_fuente: str | None


@dataclass(frozen=True)
class ActivitiesDiff:
    """Activities added, removed, rescheduled (inicio or fin) and with a new funding source; one activity can be
    both rescheduled and newly funded. Other fields (objectives, responsible, risks) are not compared."""

    presence: Presence
    added: tuple[ActivityChange, ...] = ()
    removed: tuple[ActivityChange, ...] = ()
    rescheduled: tuple[ActivityChange, ...] = ()
    funding_changed: tuple[ActivityChange, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.rescheduled or self.funding_changed)


@dataclass(frozen=True)
class PlanDiff:
    """Everything that changes from one version (old) to another (new).

    The *_table methods give the pages their tables, headed by the Spanish labels of the views declared in
    domain.schema (CAMBIOS_*); amounts stay numbers (floats of the exact cents) so that they sort.
    """

    ingresos: LinesDiff
    egresos: LinesDiff
    donaciones: LinesDiff
    totals: tuple[TotalChange, ...]  # ingresos, egresos, donaciones, fondos propios: always all four
    declared: tuple[TotalChange, ...]  # the workbooks' stated totals (totales_declarados) that differ
    staff: StaffDiff
    activities: ActivitiesDiff

    def lines(self, table: str) -> LinesDiff:
        return {"ingresos": self.ingresos, "egresos": self.egresos, "donaciones": self.donaciones}[table]

    def presence(self, table: str) -> Presence:
        """Where each expected table is: ingresos, egresos, donaciones, personal or actividades."""
        if table in LINE_TABLES:
            return self.lines(table).presence
        return {"personal": self.staff.presence, "actividades": self.activities.presence}[table]

    @property
    def empty(self) -> bool:
        """Nothing changes: same tables present, same lines, totals, staff and activities."""
        return (all(self.presence(t) in (Presence.BOTH, Presence.NEITHER) for t in EXPECTED_TABLES)
                and not any(self.lines(t).changes for t in LINE_TABLES)
                and not self.declared and not any(t.changed for t in self.totals)
                and not self.staff.changed and not self.activities.changed)

    def sentence(self) -> str:
        """One Spanish line saying what changes, for the top of a comparison."""
        if self.empty:
            return NOTHING
        clauses = [c for c in (_lines_clause(self), _absent_clause(self), _declared_clause(self.declared),
                               _staff_clause(self.staff), _activities_clause(self.activities)) if c]
        text = "; ".join(clauses) or "cambian los totales"
        return f"{text[0].upper()}{text[1:]}."

    def lines_table(self, table: str) -> pd.DataFrame:
        """The changed lines of ingresos, egresos or donaciones, under the labels of LINE_VIEWS[table]."""
        return _lines_frame(self.lines(table), LINE_VIEWS[table])

    def totals_table(self) -> pd.DataFrame:
        """The four totals before and after, then each stated total that differs (CAMBIOS_TOTALES)."""
        rows = [*self.totals, *self.declared]
        return _display(CAMBIOS_TOTALES, concepto=[t.concept for t in rows], antes=_floats(t.old for t in rows),
                        despues=_floats(t.new for t in rows), diferencia=_floats(t.difference for t in rows))

    def staff_table(self) -> pd.DataFrame:
        """Headcount and share per tier before and after (CAMBIOS_PERSONAL)."""
        tiers = self.staff.tiers
        return _display(CAMBIOS_PERSONAL, nivel=[t.nivel for t in tiers], plazas_antes=_ints(t.old for t in tiers),
                        pct_antes=_floats(t.old_share for t in tiers), plazas_despues=_ints(t.new for t in tiers),
                        pct_despues=_floats(t.new_share for t in tiers),
                        diferencia=_ints(t.difference for t in tiers))

    def activities_table(self) -> pd.DataFrame:
        """One row per change of an activity: added, removed, new dates, new funding (CAMBIOS_ACTIVIDADES).

        Antes/Después hold the period (added and removed ones too) or the funding source, as text.
        """
        a = self.activities
        rows = [*((ADDED, c, "—", _period(c.new_inicio, c.new_fin)) for c in a.added),
                *((REMOVED, c, _period(c.old_inicio, c.old_fin), "—") for c in a.removed),
                *((RESCHEDULED, c, _period(c.old_inicio, c.old_fin), _period(c.new_inicio, c.new_fin))
                  for c in a.rescheduled),
                *((NEW_FUNDING, c, c.old_fuente or "—", c.new_fuente or "—") for c in a.funding_changed)]
        return _display(CAMBIOS_ACTIVIDADES, cambio=[r[0] for r in rows], area=[r[1].area for r in rows],
                        actividad=[r[1].actividad for r in rows], antes=[r[2] for r in rows],
                        despues=[r[3] for r in rows])


# ---------------------------------------------------------------- the diff

def diff(old: LoadResult, new: LoadResult) -> PlanDiff:
    """What changes from `old` (the published or earlier version) to `new` (an upload or later version)."""
    before, after = summarise(old), summarise(new)
    return PlanDiff(
        ingresos=_lines(old, new, "ingresos"),
        egresos=_lines(old, new, "egresos"),
        donaciones=_lines(old, new, "donaciones"),
        totals=tuple(TotalChange(label, get(before), get(after)) for label, get in _TOTALS),
        declared=_declared(old, new),
        staff=_staff(old, new),
        activities=_activities(old, new),
    )


def _own_funds(summary: Summary) -> Decimal | None:
    return None if summary.fondos_propios is None else summary.fondos_propios.amount


_TOTALS: tuple[tuple[str, Callable[[Summary], Decimal | None]], ...] = (
    (TABLE_LABELS["ingresos"], lambda s: s.ingresos_total),
    (TABLE_LABELS["egresos"], lambda s: s.egresos_total),
    (TABLE_LABELS["donaciones"], lambda s: s.donaciones_total),
    (OWN_FUNDS_LABEL, _own_funds),
)


def _declared(old: LoadResult, new: LoadResult) -> tuple[TotalChange, ...]:
    """The stated totals that differ: a corrected stated total is a change even when no line moves."""
    before, after = stated_totals(old.tables), stated_totals(new.tables)
    concepts = [c for c in CONCEPTO_LABELS if c in before or c in after]
    concepts += [c for c in [*before, *after] if c not in concepts and c not in CONCEPTO_LABELS]
    changes = (TotalChange(f"{CONCEPTO_LABELS.get(c, c)} (declarado)", before.get(c), after.get(c))
               for c in dict.fromkeys(concepts))
    return tuple(c for c in changes if c.changed)


# ---------------------------------------------------------------- folding and pairing rows

def _mark_class() -> str:
    """A regex class of the combining marks domain.folding drops (unicodedata.combining), in the blocks where
    accents live; written as the characters themselves, which both regex engines pandas may use read alike."""
    blocks = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
    return "[" + "".join(chr(c) for a, b in blocks for c in range(a, b + 1) if unicodedata.combining(chr(c))) + "]"


_MARKS = _mark_class()
_IRREGULAR = r"[^\x20-\x7e]|  |^ | $"  # anything but printable ASCII with single spaces inside


def fold_all(texts: pd.Series) -> np.ndarray:
    """domain.folding.fold of each text (a missing one folds to ""), vectorised: fold one by one is the cost
    of a 10,000-activity diff.

    Texts that, decomposed and without accents, are printable ASCII with single inner spaces only need lower
    case, done at once; every other text goes through fold itself, so each key is fold's.
    """
    if len(texts) < 100:  # a few texts: the vectorised steps would cost more than they save
        return np.array(["" if pd.isna(t) else fold(str(t)) for t in texts.tolist()], dtype=object)
    text = texts.astype("string").fillna("")
    stripped = text.str.normalize("NFKD").str.replace(_MARKS, "", regex=True)
    odd = stripped.str.contains(_IRREGULAR, regex=True).to_numpy(dtype=bool)
    out = stripped.str.lower().to_numpy(dtype=object)
    out[odd] = [fold(t) for t in text.to_numpy(dtype=object)[odd]]
    return out


def _keys(*columns: pd.Series) -> list[np.ndarray]:
    """Integer codes of the columns' folded texts, shared by all of them: equal codes, equal folded texts.

    Each distinct text is folded once: two versions share most of their texts.
    """
    codes, uniques = pd.factorize(pd.concat(columns, ignore_index=True))  # Arrow strings stay Arrow: fast
    folded = np.append(fold_all(pd.Series(uniques)), "")  # code -1 (missing) reads the last: ""
    keys = pd.factorize(folded)[0][codes]
    return np.split(keys, np.cumsum([len(c) for c in columns])[:-1])


@dataclass(frozen=True, eq=False)
class _Pairs:
    """Rows of two versions matched: each pair's position in the old and in the new table (-1: not there), in
    the new version's order, then the removed rows in the old one's."""

    old: np.ndarray
    new: np.ndarray

    @property
    def both(self) -> np.ndarray:
        return (self.old >= 0) & (self.new >= 0)


def _occurrence(key: np.ndarray) -> np.ndarray:
    """Each row's occurrence number among the rows of its key: 0 for the first, 1 for the second, …"""
    order = np.argsort(key, kind="stable")
    ranked, index = key[order], np.arange(len(key))
    first = np.ones(len(key), dtype=bool)
    first[1:] = ranked[1:] != ranked[:-1]
    nth = np.empty(len(key), dtype=np.int64)
    nth[order] = index - np.maximum.accumulate(np.where(first, index, 0))
    return nth


def _pair(old: pd.DataFrame, new: pd.DataFrame, keys: tuple[str, ...]) -> _Pairs:
    """Match rows on their folded keys, the nth row of a repeated key with the nth: integer codes and one lookup."""
    codes = _keys(*(old[k] for k in keys), *(new[k] for k in keys))
    key = np.concatenate([codes[0], codes[len(keys)]])
    for i in range(1, len(keys)):
        more = np.concatenate([codes[i], codes[i + len(keys)]])
        key = pd.factorize(key * (more.max(initial=0) + 1) + more)[0]
    size = len(key) + 1
    row = [k * size + _occurrence(k) for k in (key[: len(old)], key[len(old):])]  # (key, nth): unique per side
    found = pd.Index(row[0]).get_indexer(row[1])  # each new row's old position, -1 when added
    kept = np.zeros(len(old), dtype=bool)
    kept[found[found >= 0]] = True
    removed = np.flatnonzero(~kept)
    return _Pairs(np.concatenate([found, removed]),
                 np.concatenate([np.arange(len(new)), np.full(len(removed), -1)]).astype(np.int64))


def _column(frame: pd.DataFrame, column: str, pos: np.ndarray) -> list[object]:
    """The values of a column at some positions, None where the position is -1 (no row on that side)."""
    if len(frame) == 0:
        return [None] * len(pos)
    values = frame[column].take(np.maximum(pos, 0)).to_numpy(dtype=object).tolist()
    return [None if p < 0 else v for p, v in zip(pos.tolist(), values, strict=True)]


# ---------------------------------------------------------------- lines, staff, activities

def _lines(old: LoadResult, new: LoadResult, table: str) -> LinesDiff:
    where = presence(old, new, table)
    if where is not Presence.BOTH:
        return LinesDiff(table, where)
    a, b = old.tables[table], new.tables[table]
    p = _pair(a, b, (LINE_TABLES[table][0],))
    columns = [c for c in LINE_TABLES[table] if c]
    before = zip(*(_column(a, c, p.old) for c in columns), strict=True)
    after = zip(*(_column(b, c, p.new) for c in columns), strict=True)
    changes = (_line_change(x, y, i >= 0, j >= 0) for x, y, i, j in zip(before, after, p.old, p.new, strict=True))
    return LinesDiff(table, where, tuple(c for c in changes if c is not None))


def _line_change(before: tuple, after: tuple, had: bool, has: bool) -> LineChange | None:
    """A pair of rows (key, amount[, end date]) as a change; None when amount and end date are the same."""
    old, new = _cents(before[1]), _cents(after[1])
    old_end, new_end = (_date(before[2]), _date(after[2])) if len(before) > 2 else (None, None)
    if had and has and old == new and old_end == new_end:
        return None
    change = CHANGED if had and has else ADDED if has else REMOVED
    return LineChange(change, str(after[0] if has else before[0]), old, new, old_end, new_end)


def _staff(old: LoadResult, new: LoadResult) -> StaffDiff:
    where = presence(old, new, "personal")
    before, after = (None if p.tables.get("personal") is None else staff_by_tier(p.tables["personal"])
                     for p in (old, new))
    met = [*(before or {}), *(after or {})]
    order = [n for n in NIVELES if n in met] + [n for n in dict.fromkeys(met) if n not in NIVELES]
    return StaffDiff(where, tuple(_tier(n, before, after) for n in order))


def _tier(nivel: str, before: dict[str, int] | None, after: dict[str, int] | None) -> TierChange:
    old = None if before is None else before.get(nivel, 0)
    new = None if after is None else after.get(nivel, 0)
    return TierChange(nivel, old, new, share(old, sum((before or {}).values())),
                      share(new, sum((after or {}).values())))


def _activities(old: LoadResult, new: LoadResult) -> ActivitiesDiff:
    where = presence(old, new, "actividades")
    if where is not Presence.BOTH:
        return ActivitiesDiff(where)
    a, b = old.tables["actividades"], new.tables["actividades"]
    p = _pair(a, b, ("area", "actividad"))
    i, j = p.old[p.both], p.new[p.both]
    moved = ~(_same(a["inicio"], b["inicio"], i, j) & _same(a["fin"], b["fin"], i, j))
    fuente_old, fuente_new = _keys(a["fuente_financiamiento"], b["fuente_financiamiento"])
    funding_changed = fuente_old[i] != fuente_new[j]
    added, removed = p.old < 0, p.new < 0
    return ActivitiesDiff(where, _records(a, b, p.old[added], p.new[added]),
                          _records(a, b, p.old[removed], p.new[removed]), _records(a, b, i[moved], j[moved]),
                          _records(a, b, i[funding_changed], j[funding_changed]))


def _same(before: pd.Series, after: pd.Series, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Equal values at paired positions, two missing ones being equal (dates as Arrow dates, datetime64 or
    objects: compared as they are when both sides agree, else as datetime64)."""
    x, y = before.take(i).reset_index(drop=True), after.take(j).reset_index(drop=True)
    if x.dtype != y.dtype:
        x, y = pd.to_datetime(x, errors="coerce"), pd.to_datetime(y, errors="coerce")
    equal = (x == y).fillna(False).to_numpy(dtype=bool)
    return equal | (x.isna().to_numpy(dtype=bool) & y.isna().to_numpy(dtype=bool))


def _records(old: pd.DataFrame, new: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> tuple[ActivityChange, ...]:
    """Paired activities as changes, texts from the new side when there is one: a loop over the changed only."""
    def texts(column: str) -> list[str]:
        pairs = zip(_column(old, column, i), _column(new, column, j), j.tolist(), strict=True)
        return [_text(after if k >= 0 else before) or "" for before, after, k in pairs]

    def values(frame: pd.DataFrame, column: str, pos: np.ndarray, read: Callable[[object], object]) -> list:
        return [read(v) for v in _column(frame, column, pos)]

    columns = (texts("area"), texts("actividad"), values(old, "inicio", i, _date), values(old, "fin", i, _date),
               values(new, "inicio", j, _date), values(new, "fin", j, _date),
               values(old, "fuente_financiamiento", i, _text), values(new, "fuente_financiamiento", j, _text))
    return tuple(ActivityChange(*row) for row in zip(*columns, strict=True))


# ---------------------------------------------------------------- values and wording

def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _cents(value: object) -> Decimal | None:
    return None if value is None or pd.isna(value) else cents(value)


def _date(value: object) -> date | None:
    """A plain date from whatever a frame holds (Timestamp, datetime, date); None when missing."""
    if value is None or value is pd.NaT or not isinstance(value, date):
        return None  # NaN, NaT and anything else that is no date
    return value.date() if isinstance(value, datetime) else value  # a Timestamp is a datetime


def _floats(values: Iterable[Decimal | None]) -> pd.Series:
    """Exact cents as floats for display; a missing figure is NaN, so the column stays numeric."""
    return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")


def _period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "sin fechas"
    return f"{fecha(start)} – {fecha(end)}"


def _ints(values: Iterable[int | None]) -> pd.Series:
    """Headcounts with gaps: a nullable integer column."""
    return pd.Series(list(values), dtype="Int64")


def _display(view: Table, **columns: Iterable[object]) -> pd.DataFrame:
    """A display table: the view's columns in its order, headed by its Spanish labels (domain.schema)."""
    return pd.DataFrame(columns, columns=list(view.names)).rename(columns=view.labels())


def _lines_frame(lines: LinesDiff, view: Table) -> pd.DataFrame:
    c = lines.changes
    columns: dict[str, Iterable[object]] = {
        "cambio": [x.change for x in c], view.names[1]: [x.key for x in c], "antes": _floats(x.old for x in c),
        "despues": _floats(x.new for x in c), "diferencia": _floats(x.difference for x in c)}
    if "fin_antes" in view.names:
        columns |= {"fin_antes": [x.old_end for x in c], "fin_despues": [x.new_end for x in c]}
    return _display(view, **columns)


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _lines_clause(d: PlanDiff) -> str:
    """'cambian 2 líneas de ingresos y 1 de egresos': every line added, removed or changed."""
    tables = [d.lines(t) for t in LINE_TABLES if d.lines(t).changes]
    parts = [f"{count(len(x.changes), 'línea', 'líneas') if i == 0 else f'{len(x.changes):,}'} de {x.table}"
             for i, x in enumerate(tables)]
    total = sum(len(x.changes) for x in tables)
    return f"{_verb(total, 'cambia', 'cambian')} {join_names(parts)}" if parts else ""


def _absent_clause(d: PlanDiff) -> str:
    """'la nueva no trae actividades; solo la nueva trae donaciones'."""
    gone = [t for t in EXPECTED_TABLES if d.presence(t) is Presence.OLD_ONLY]
    fresh = [t for t in EXPECTED_TABLES if d.presence(t) is Presence.NEW_ONLY]
    parts = ([f"la nueva no trae {join_names(gone, 'ni')}"] if gone else []) + (
        [f"solo la nueva trae {join_names(fresh)}"] if fresh else [])
    return "; ".join(parts)


def _declared_clause(declared: tuple[TotalChange, ...]) -> str:
    n = len(declared)
    return f"{_verb(n, 'cambia', 'cambian')} {count(n, 'total declarado', 'totales declarados')}" if n else ""


def _staff_clause(staff: StaffDiff) -> str:
    n = len(staff.changed)
    return f"cambian las plazas de {count(n, 'nivel', 'niveles')}" if n else ""


def _activities_clause(a: ActivitiesDiff) -> str:
    """'se agregan 3 actividades, se elimina 1 y 5 cambian de fechas': the noun said once, with the first count."""
    items = ((len(a.added), "se agrega", "se agregan", True), (len(a.removed), "se elimina", "se eliminan", True),
             (len(a.rescheduled), "cambia de fechas", "cambian de fechas", False),
             (len(a.funding_changed), "cambia de fuente de financiamiento", "cambian de fuente de financiamiento",
              False))
    parts: list[str] = []
    for n, one, many, verb_first in (i for i in items if i[0]):
        what = f"{n:,}" if parts else count(n, "actividad", "actividades")
        verb = _verb(n, one, many)
        parts.append(f"{verb} {what}" if verb_first else f"{what} {verb}")
    return join_names(parts)
