"""El Salvador's formats for figures shown to people: $7,868,489.38, 31/12/2016, 13.3 %."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from loaders.checks import money as _money

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")
MONTHS_SHORT = ("Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic")


def money(value: float | Decimal | None) -> str:
    """$7,868,489.38; a dash when there is no figure."""
    if value is None:
        return "—"
    return f"-{_money(-value)}" if value < 0 else _money(value)


def fecha(value: date | None) -> str:
    """31/12/2016; a dash when there is no date."""
    return "—" if value is None or value != value else f"{value:%d/%m/%Y}"


def percent(value: float | None, digits: int = 1) -> str:
    """13.3 % (a space before the sign, as the plan writes it)."""
    return "—" if value is None else f"{value:,.{digits}f} %"


def count(value: int, singular: str, plural: str) -> str:
    """'1 actividad', '1,204 actividades'."""
    return f"{value:,} {singular if value == 1 else plural}"


def shorten(text: str, width: int = 40) -> str:
    """One line of at most `width` characters, cut at a word with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    head = text[: width - 1]
    # Cut at the last whole word: when the next character is a space, the head already ends on one.
    cut = head if text[width - 1] == " " or " " not in head else head.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def wrap(text: str, width: int = 20, lines: int = 2) -> str:
    """Plotly axis labels on narrow screens: at most `lines` lines of `width` characters, joined by <br>."""
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
    return "<br>".join(out)


def join_names(names: list[str]) -> str:
    """'AMB', 'AMB y UE', 'A, B y C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} y {names[-1]}"
