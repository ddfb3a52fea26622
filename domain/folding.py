"""How texts are compared: case, accents and spacing do not matter ('ÁREA:  Gestión' meets 'area: gestion')."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def one_line(text: object) -> str:
    """White space of any kind (newlines, tabs, runs of spaces) as single spaces, none at the ends."""
    return " ".join(str(text).split())


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: 'ÁREA:  Gestión' -> 'area: gestion'."""
    return one_line(strip_accents(text).lower())
