"""Where something is in a workbook: sheet, Excel row and column, in the terms a clerk uses."""

from __future__ import annotations

from dataclasses import dataclass


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """'A' -> 0, 'AB' -> 27."""
    value = 0
    for ch in letters:
        value = value * 26 + ord(ch) - 64
    return value - 1


@dataclass(frozen=True)
class Place:
    """A cell, a row, a sheet or nowhere: every part is optional.

    `row` is the Excel row (1-based) and `col` the 0-based column index, so that an annotated copy of the
    workbook finds the cell from the place alone; `label` is the column's header text as written.
    """

    sheet: str | None = None
    row: int | None = None
    col: int | None = None
    label: str | None = None

    @property
    def letter(self) -> str | None:
        return None if self.col is None else column_letter(self.col)

    @property
    def column(self) -> str | None:
        """'Tiempo (E)': the header text and the letter (the data contract's `column`)."""
        if self.col is None:
            return self.label or None
        return f"{self.label} ({self.letter})" if self.label else self.letter

    @property
    def cell(self) -> str | None:
        """'E12', when both the row and the column are known."""
        return f"{self.letter}{self.row}" if self.col is not None and self.row is not None else None

    def words(self) -> str:
        """'hoja «POA», fila 12, columna Tiempo (E)'; empty when the place is the whole workbook."""
        parts = []
        if self.sheet:
            parts.append(f"hoja «{self.sheet}»")
        if self.row is not None:
            parts.append(f"fila {self.row}")  # as Excel shows it: no thousands separator
        if self.column:
            parts.append(f"columna {self.column}")
        return ", ".join(parts)

    def to_json(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "col": self.col, "letter": self.letter, "label": self.label}

    @classmethod
    def from_json(cls, doc: dict[str, object]) -> Place:
        """The place `to_json` wrote (the letter follows from the column)."""
        return cls(sheet=doc["sheet"], row=doc["row"], col=doc["col"], label=doc["label"])


NOWHERE = Place()
