"""Money to the cent: each amount as Decimal cents, sums of those, never a float sum."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: object) -> Decimal:
    """An amount as exact Decimal cents (floats through their shortest text: 790917.12 stays 790917.12)."""
    return Decimal(str(value)).quantize(CENT)


def exact_sum(frame: pd.DataFrame | None, column: str) -> Decimal | None:
    """The sum of a money column in exact cents; None when there is no table (0.00 is a real sum)."""
    if frame is None or frame.empty:
        return None
    return add(frame[column])


def add(values: Iterable[object]) -> Decimal:
    return sum((cents(v) for v in values), ZERO)


def share(part: Decimal | float | None, whole: Decimal | float | None) -> float | None:
    """`part` as a percentage of `whole`; None when either is missing or the whole is zero."""
    if part is None or whole is None or not whole:
        return None
    return float(part) / float(whole) * 100
