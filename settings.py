"""Every tunable of the project in one place: default, environment variable, help text."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


def _env(name: str, default: float | str) -> float | str:
    raw = os.environ.get(name)
    return type(default)(raw) if raw not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    """Limits and defaults; each field reads `PLAN_<NAME>` from the environment when set."""

    max_file_mb: float = field(
        default=20.0, metadata={"help": "Largest workbook accepted, in MB (compressed file size)."}
    )
    max_inflated_mb: float = field(
        default=300.0, metadata={"help": "Largest total size of the workbook's parts once inflated, in MB."}
    )
    max_ratio: float = field(
        default=120.0,
        metadata={"help": "Largest inflated/compressed ratio of one part above 5 MB (zip bomb guard)."},
    )
    max_parts: int = field(default=2000, metadata={"help": "Largest number of parts inside the xlsx zip."})
    max_issues_per_code: int = field(
        default=50, metadata={"help": "Issues of one kind listed one by one; the rest are counted."}
    )

    workbook: str = field(
        default="",
        metadata={"help": "Workbook the dashboard shows (path to an .xlsx); empty = the bundled 2016 plan."},
    )

    @classmethod
    def from_env(cls) -> Settings:
        values = {f.name: _env(f"PLAN_{f.name.upper()}", f.default) for f in fields(cls)}
        return cls(**values)


def get_settings() -> Settings:
    return Settings.from_env()
