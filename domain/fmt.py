"""El Salvador's formats for figures shown to people ($7,868,489.38, 31/12/2016, 13.3 %) and Spanish wording."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.folding import one_line

MISSING = "—"  # what a page, a table or an export shows where there is no figure, date or text


def money(value: float | Decimal | None) -> str:
    """$7,868,489.38 and -$0.01; a dash when there is no figure."""
    if value is None:
        return MISSING
    amount = Decimal(str(value))
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"


def fecha(value: date | None) -> str:
    """31/12/2016; a dash when there is no date."""
    return MISSING if value is None or value != value else f"{value:%d/%m/%Y}"


def percent(value: float | None, digits: int = 1) -> str:
    """13.3 % (a space before the sign, as the plan writes it)."""
    return MISSING if value is None else f"{value:,.{digits}f} %"


def count(value: int, singular: str, plural: str) -> str:
    """'1 actividad', '1,204 actividades'."""
    return f"{value:,} {singular if value == 1 else plural}"


def join_names(names: list[str], word: str = "y") -> str:
    """'AMB', 'AMB y UE', 'A, B y C' (or with 'o')."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def shorten(text: str, width: int = 40) -> str:
    """One line of at most `width` characters, cut at a word with an ellipsis."""
    text = one_line(text)
    if len(text) <= width:
        return text
    head = text[: width - 1]
    # Cut at the last whole word: when the next character is a space, the head already ends on one.
    cut = head if text[width - 1] == " " or " " not in head else head.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def wrap(text: str, width: int = 20, lines: int = 2) -> str:
    """Plotly axis labels on narrow screens: at most `lines` lines of `width` characters, joined by <br>."""
    return "<br>".join(wrap_lines(text, width, lines))


def wrap_lines(text: str, width: int = 20, lines: int = 2) -> list[str]:
    """At most `lines` lines of `width` characters, cut at words; the last one shortened when it must be."""
    words, out, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = [*out[: lines - 1], shorten(" ".join(out[lines - 1:]), width)]
    return out


def distinct_labels(values: list[str], width: int, style=shorten) -> list[str]:
    """Display texts for distinct categories, at most `width` wide, never two alike.

    Plotly folds equal category labels into one row, and a reader cannot tell two equal texts apart, so
    where shortening makes two texts equal they are lengthened (up to the full text) and, when even the
    full texts read alike, numbered. The categories themselves stay the full values.
    """
    values = [str(v) for v in values]
    out = [style(v, width) for v in values]
    longest = max((len(v) for v in values), default=0)
    while (dupes := _repeated(out)) and width < longest:
        width += 4
        out = [style(v, width) if o in dupes else o for v, o in zip(values, out, strict=True)]
    if dupes := _repeated(out):
        seen: dict[str, int] = {}
        for i, text in enumerate(out):
            if text in dupes:
                seen[text] = seen.get(text, 0) + 1
                out[i] = f"{text} ({seen[text]})" if seen[text] > 1 else text
    return out


def _repeated(texts: list[str]) -> set[str]:
    seen: set[str] = set()
    return {t for t in texts if t in seen or seen.add(t)}


# The unit an axis of amounts is written in: the amounts read as plain numbers, and its title says the unit in
# words ('Millones de dólares (US$)'), never '$1M' or '$500k' (read as thousands).
MONEY_UNITS: tuple[tuple[float, str], ...] = ((1_000_000, "Millones de dólares (US$)"),
                                              (1_000, "Miles de dólares (US$)"), (1, "Dólares (US$)"))


def money_unit(top: float) -> tuple[float, str]:
    """The unit for amounts up to `top`: millions from two million, thousands from two thousand."""
    return next((size, name) for size, name in MONEY_UNITS if abs(top) >= 2 * size or size == 1)


def trim_number(number: float) -> str:
    """1 -> '1', 2.5 -> '2.5', 1.25 -> '1.25', 1500 -> '1,500' (at most two decimals, none trailing)."""
    return f"{number:,.2f}".rstrip("0").rstrip(".")
