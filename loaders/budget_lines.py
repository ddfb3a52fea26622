"""Budget reports as public-finance offices publish them: which column is the budget and which the execution,
hierarchical classifications, one classification repeated per unit, amounts in other currencies.

Pure functions over header labels and row texts; loaders/small_tables.py walks the grid and reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.fmt import money
from domain.folding import fold
from domain.money import CENT, ZERO
from domain.places import column_letter
from domain.schema import (
    BREAKDOWN_WORDS,
    BUDGET_STAGES,
    CLASSIFICATION_LEVELS,
    CURRENCIES,
    EXECUTION_STAGES,
    INCOME_EXECUTION_STAGES,
)
from loaders.text import parse_amount


@dataclass(frozen=True)
class Layout:
    """Which grid columns a budget table's figures come from, chosen by the words of its header."""

    monto: int
    ejecutado: int | None
    levels: tuple[int, ...]  # classification columns, top level first (one when the classification is flat)
    breakdown: int | None  # a unit or programme column over which one classification repeats
    labels: dict[int, str]
    staged: bool  # the budget column was chosen by its stage (vigente, modificado, inicial)

    @property
    def plain(self) -> bool:
        """A plan's own 'Clasificación | Monto' table: read exactly as it always was."""
        return not self.staged and self.ejecutado is None and len(self.levels) == 1 and self.breakdown is None

    @property
    def columns(self) -> tuple[int, ...]:
        extra = tuple(c for c in (self.ejecutado, self.breakdown) if c is not None)
        return (*self.levels, self.monto, *extra)


def _words(text: str) -> set[str]:
    return set(re.sub(r"[^a-z0-9%]+", " ", fold(text)).split())


_STAGE_WORDS = 5  # a header names a stage in a few words; a sentence that mentions one is data, not a header


def _stage_column(labels: dict[int, str], stages: Iterable[tuple[str, ...]], skip: set[int]) -> int | None:
    """The first column, by stage order then left to right, whose header names that stage (rates excluded)."""
    for words in stages:
        for col in sorted(labels):
            found = _words(labels[col])
            rate = "%" in labels[col] or "porcentaje" in found
            if len(found) <= _STAGE_WORDS and col not in skip and not rate and found & set(words):
                return col
    return None


def _levels(labels: dict[int, str]) -> tuple[int, ...]:
    """Columns headed by a level of the classification (PRINCIPAL | PARCIAL | SUB PARCIAL), top first."""
    found = {}
    for col, text in labels.items():
        key = re.sub(r"[^a-z]", "", fold(text))
        if key in CLASSIFICATION_LEVELS and key not in found:
            found[key] = col
    return tuple(found[k] for k in CLASSIFICATION_LEVELS if k in found)


def budget_layout(columns: dict[str, int], labels: dict[int, str], kind: str) -> Layout:
    """The budget and execution columns of a header: the current budget, the executed amount, the levels."""
    staged = _stage_column(labels, BUDGET_STAGES, set())
    monto = staged if staged is not None else columns["monto"]
    stages = INCOME_EXECUTION_STAGES if kind == "ingresos" else EXECUTION_STAGES
    ejecutado = _stage_column(labels, stages, {monto})
    levels = _levels(labels) or (columns["clasificacion"],)
    used = {*levels, monto, ejecutado}
    breakdown = next((c for c in sorted(labels) if c not in used and c < monto
                      and any(w.startswith(BREAKDOWN_WORDS) for w in _words(labels[c]))), None)
    return Layout(monto, ejecutado, levels, breakdown, labels, staged is not None)


def source_note(layout: Layout) -> str:
    """'Monto: «PRESUPUESTO VIGENTE» (columna F); ejecutado: «RECAUDACION» (columna G)'."""
    parts = [f"Monto: «{layout.labels[layout.monto]}» (columna {column_letter(layout.monto)})"]
    if layout.ejecutado is not None:
        parts.append(f"ejecutado: «{layout.labels[layout.ejecutado]}» (columna {column_letter(layout.ejecutado)})")
    return "; ".join(parts)


# ---------------------------------------------------------------- amounts in other currencies

_MARK = "|".join(re.escape(m) for m in sorted(CURRENCIES, key=len, reverse=True))
_MONEY = re.compile(rf"^\(?\s*(?P<pre>{_MARK})?\s*(?P<num>-?\s*[0-9][0-9.,\s]*)\s*(?P<post>{_MARK})?\s*\)?$")
_DECIMAL_COMMA = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")
_BARE_COMMA = re.compile(r"^-?[0-9]+,[0-9]{1,2}$")  # '12,50': read only next to a foreign currency's mark


@dataclass(frozen=True)
class Money:
    """An amount read from a cell, with the currency its mark names (None when it has none or '$')."""

    value: Decimal | None
    currency: str | None = None


def read_money(text: str) -> Money:
    """'$ 2,370,715.00' as today; also '$ 1.234.567,89', 'Bs 1.234,50', 'Q 1,234.50', '1234 USD'.

    El Salvador's format is tried first, so every amount the plan's template holds reads as before; a
    comma as the decimal separator is read only when the grouping leaves no doubt ('1.234,5', '12,50').
    """
    raw = text.strip().replace("\u00a0", " ")
    match = _MONEY.match(raw.lower())
    mark = match and (match["pre"] or match["post"])
    currency = CURRENCIES.get(mark) if mark else None
    currency = None if currency == "USD" and mark == "$" else currency
    plain = parse_amount(raw)
    if plain is not None or match is None:
        return Money(plain, currency)
    number = match["num"].replace(" ", "")
    if not (_DECIMAL_COMMA.match(number) or (currency and _BARE_COMMA.match(number))):
        return Money(parse_amount(number), currency)
    try:
        value = Decimal(number.replace(".", "").replace(",", ".")).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return Money(None, currency)
    negative = raw.startswith("(") and raw.endswith(")")
    return Money(-value if negative else value, currency or ("pesos" if mark == "$" else None))


# ---------------------------------------------------------------- lines, hierarchy and grouping

@dataclass
class Line:
    """One budget row as read: its classification path, amounts and where it sits."""

    path: tuple[str, ...]
    monto: Decimal
    ejecutado: Decimal | None
    row: int
    part: str = ""  # the unit or programme this row is for, when the table repeats classifications
    rows: list[tuple[str, Decimal]] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return sum(1 for p in self.path if p)

    @property
    def label(self) -> str:
        return next(p for p in reversed(self.path) if p)


_CODE = re.compile(r"^\s*(\d+(?:[.\-]\d+)*)[\s.\-]+\S")


def _code(label: str) -> str | None:
    match = _CODE.match(label)
    return match[1].replace("-", ".") if match else None


def _prefixes(code: str) -> list[str]:
    """The codes that head `code`: '5.1.2' -> ['5', '5.1']; '51101' -> ['5', '51', '511', '5110']."""
    if "." in code:
        parts = code.split(".")
        return [".".join(parts[:k]) for k in range(1, len(parts))]
    return [code[:k] for k in range(1, len(code))]


def leaves(lines: list[Line], levels: int) -> tuple[list[Line], str | None]:
    """The lines to sum, and which ones were kept ('las hojas'), when the classification has levels.

    With level columns, a row that stops above the deepest level and heads deeper rows is a subtotal. With
    codes in one column ('51', '511', '51101'), a code heading others is a subtotal only when its amount is
    their sum to the cent; otherwise the numbers are a plain list ('1', '12') and everything is summed.
    Both walk each line once (sets of prefixes), so a long report stays linear.
    """
    if levels > 1:
        heads = {line.path[:k] for line in lines for k in range(1, line.depth)}
        kept = [x for x in lines if x.path[: x.depth] not in heads]
        return (kept, "las hojas") if len(kept) < len(lines) else (lines, None)
    return _code_leaves(lines)


def _code_leaves(lines: list[Line]) -> tuple[list[Line], str | None]:
    codes = [_code(x.label) for x in lines]
    below: dict[str, list[int]] = {}  # a code -> the lines it heads
    for i, code in enumerate(codes):
        for head in _prefixes(code) if code else []:
            below.setdefault(head, []).append(i)
    parents = [i for i, code in enumerate(codes) if code in below]
    if not parents:
        return lines, None
    leaf = [code not in below for code in codes]
    for i in parents:
        if lines[i].monto != sum((lines[j].monto for j in below[codes[i]] if leaf[j]), ZERO):
            return lines, None
    return [x for x, is_leaf in zip(lines, leaf, strict=True) if is_leaf], "las hojas"


def group_lines(lines: list[Line]) -> list[Line]:
    """One line per classification: rows repeating a classification (per unit, per programme) summed."""
    groups: dict[tuple[str, ...], Line] = {}
    for line in lines:
        key = tuple(fold(p) for p in line.path)
        entry = (line.part or f"fila {line.row + 1}", line.monto)
        if key not in groups:
            groups[key] = Line(line.path, line.monto, line.ejecutado, line.row, rows=[entry])
            continue
        kept = groups[key]
        kept.monto += line.monto
        if line.ejecutado is not None:
            kept.ejecutado = (kept.ejecutado or ZERO) + line.ejecutado
        kept.rows.append(entry)
    return list(groups.values())


def breakdown(line: Line) -> str:
    """'Unidad A: $1,000.00; Unidad B: $2,000.00' for a grouped line; '' for a line read once."""
    return "" if len(line.rows) < 2 else "; ".join(f"{part}: {money(amount)}" for part, amount in line.rows)


def labels(lines: list[Line]) -> list[str]:
    """Each line's name: its deepest level, with its parent when that name alone is met under two parents."""
    count: dict[str, int] = {}
    for line in lines:
        count[fold(line.label)] = count.get(fold(line.label), 0) + 1
    out = []
    for line in lines:
        parts = [p for p in line.path if p]
        out.append(" › ".join(parts[-2:]) if count[fold(line.label)] > 1 and len(parts) > 1 else line.label)
    return out


_INCOME_WORDS = ("recaud", "percib", "recurso", "ingreso")
_EXPENSE_WORDS = ("devengad", "pagad", "compromis", "gasto", "egreso", "obligad")


def kind_from_labels(labels: dict[int, str]) -> str | None:
    """Income or expense by a report's own header words ('RECAUDACION' is income, 'Devengado' expense); None
    when they say neither or both. For a generic budget header whose sheet and title do not say it."""
    words = {w for text in labels.values() for w in _words(text)}
    income = any(w.startswith(_INCOME_WORDS) for w in words)
    expense = any(w.startswith(_EXPENSE_WORDS) for w in words)
    return None if income == expense else ("ingresos" if income else "egresos")
