"""How texts are compared: case, accents and spacing do not matter ('ÁREA:  Gestión' meets 'area: gestion')."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: 'ÁREA:  Gestión' -> 'area: gestion'."""
    return " ".join(strip_accents(text).lower().split())
