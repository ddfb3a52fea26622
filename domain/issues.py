"""The shape of a problem found in a workbook, and the collector that caps them per kind.

What each kind of problem says lives in one catalogue (domain/catalogue.py); a call site only says where
and with which values.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from domain.fmt import count
from domain.places import NOWHERE, Place


class Severity(StrEnum):
    """Errors mean a table cannot be built as written; warnings mean a value is doubtful but the table stands."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def nouns(self) -> tuple[str, str, str]:
        """How Spanish names a severity: singular, plural, and "none" in the right gender."""
        return ("error", "errores", "ninguno") if self is Severity.ERROR else ("advertencia", "advertencias", "ninguna")

    def quantity(self, n: int) -> str:
        """'1 error', '1,470 advertencias'."""
        singular, plural, _ = self.nouns
        return count(n, singular, plural)


@dataclass(frozen=True)
class IssueType:
    """One kind of problem: its code, its one severity, a short Spanish title, what was found, what to do."""

    code: str
    severity: Severity
    title: str
    template: str  # what was expected and what was found, with {fields}
    action: str = ""  # what to do about it, with {fields}

    @property
    def fields(self) -> tuple[str, ...]:
        """The names the template and the action need, in order of first use."""
        names: dict[str, None] = {}
        for text in (self.template, self.action):
            for _, name, _, _ in string.Formatter().parse(text):
                if name:
                    names.setdefault(name, None)
        return tuple(names)

    def render(self, **values: object) -> str:
        text = self.template.format(**values)
        return f"{text} {self.action.format(**values)}" if self.action else text


@dataclass(frozen=True)
class Issue:
    """One problem found in a workbook, located in spreadsheet coordinates."""

    code: str
    message: str
    severity: Severity
    place: Place = NOWHERE
    table: str | None = None  # the canonical table it makes incomplete, when it belongs to one
    title: str = ""

    @property
    def sheet(self) -> str | None:
        return self.place.sheet

    @property
    def row(self) -> int | None:
        return self.place.row

    @property
    def column(self) -> str | None:
        return self.place.column

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, Any]:
        """The data contract's issue, plus its severity, title, table and the structured place."""
        return {"code": self.code, "sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message, "severity": str(self.severity), "title": self.title,
                "table": self.table, "place": self.place.to_json()}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Issue:
        """The issue `to_json` wrote (its place from the structured `place`)."""
        return cls(code=str(doc["code"]), message=str(doc["message"]), severity=Severity(doc["severity"]),
                   place=Place.from_json(doc["place"]), table=doc["table"], title=str(doc["title"]))


@dataclass(frozen=True)
class Omitted:
    """Issues of one code found beyond the listing cap: counted, not listed."""

    code: str
    severity: Severity
    title: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "severity": str(self.severity), "title": self.title, "count": self.count}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Omitted:
        return cls(str(doc["code"]), Severity(doc["severity"]), str(doc["title"]), int(doc["count"]))


@dataclass
class Issues:
    """Collects issues, keeping the first `limit` of each code and counting the rest.

    A 100,000-row sheet with the same mistake on every row must not build 100,000 messages: callers pass
    rows and a factory, which runs only for the rows that will be listed.
    """

    limit: int = 50
    items: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, tuple[Severity, str]] = field(default_factory=dict)

    def add(self, issue: Issue) -> None:
        count = self.counts.get(issue.code, 0) + 1
        self.counts[issue.code] = count
        self.kinds.setdefault(issue.code, (issue.severity, issue.title))
        if count <= self.limit:
            self.items.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        for issue in issues:
            self.add(issue)

    def add_rows(self, rows: Sequence[Any], make: Callable[[Any], Issue]) -> None:
        """One issue per row, built only for the rows that will be listed (all rows share one code)."""
        if not len(rows):
            return
        first = make(rows[0])
        self.add(first)
        room = max(0, self.limit - self.counts[first.code])
        for row in list(rows[1 : 1 + room]):
            self.add(make(row))
        extra = len(rows) - 1 - min(room, len(rows) - 1)
        if extra:
            self.counts[first.code] += extra

    def omitted(self) -> list[Omitted]:
        """Per code, how many issues were found beyond the ones listed."""
        return [Omitted(code, *self.kinds[code], count - self.limit)
                for code, count in self.counts.items() if count > self.limit]


def omitted(item: Omitted) -> str:
    """'30 advertencias más del tipo «Tiempo no reconocido»': the issues counted beyond the listing cap."""
    return f"{item.severity.quantity(item.count)} más del tipo «{item.title}»"
