"""settings.py: typed settings from PLAN_* variables, and a README that lists every one of them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import pytest

from settings import SettingError, Settings, parse

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_defaults_and_overrides() -> None:
    assert Settings.from_env({}) == Settings()
    custom = Settings.from_env({"PLAN_MAX_FILE_MB": "5.5", "PLAN_MAX_PARTS": "1,000", "PLAN_WORKBOOK": "x.xlsx"})
    assert (custom.max_file_mb, custom.max_parts, custom.workbook) == (5.5, 1000, "x.xlsx")
    assert Settings.from_env({"PLAN_MAX_PARTS": ""}).max_parts == 2000  # empty means the default


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("Sí", True), ("1", True), ("on", True),
                                            ("false", False), ("no", False), ("0", False), (" FALSE ", False)])
def test_booleans_parse_as_people_write_them(raw: str, value: bool) -> None:
    assert parse(bool, raw, "PLAN_X") is value  # "false" is False, not a non-empty (true) string


def test_a_boolean_setting_reads_false_as_false() -> None:
    @dataclass(frozen=True)
    class WithFlag(Settings):
        show_details: bool = field(default=True, metadata={"help": "test flag"})

    assert WithFlag.from_env({"PLAN_SHOW_DETAILS": "false"}).show_details is False


@pytest.mark.parametrize(("name", "raw", "words"), [
    ("PLAN_MAX_PARTS", "mil", "número entero"), ("PLAN_MAX_PARTS", "2.5", "número entero"),
    ("PLAN_MAX_FILE_MB", "veinte", "número"),
])
def test_a_bad_value_names_its_variable(name: str, raw: str, words: str) -> None:
    with pytest.raises(SettingError) as caught:
        Settings.from_env({name: raw})
    assert name in str(caught.value) and repr(raw) in str(caught.value) and words in str(caught.value)
    with pytest.raises(SettingError, match="PLAN_FLAG"):
        parse(bool, "quizá", "PLAN_FLAG")


def test_every_setting_has_help_and_is_in_the_readme() -> None:
    for f in fields(Settings):
        assert f.metadata.get("help"), f.name
        assert f"`{Settings.variable(f.name)}`" in README, f"README must document {Settings.variable(f.name)}"
