"""AppTest: the dashboard runs on the bundled workbook without exceptions and shows its figures."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

DASHBOARD = str(Path(__file__).parents[1] / "dashboard.py")


def test_home_page_shows_the_bundled_plan() -> None:
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Presupuesto (ingresos)"] == "$7,868,489.38"
    assert metrics["Fondos propios OPAMSS"] == "$6,818,481.04"
    assert metrics["Donaciones"] == "$1,050,008.34"
    assert metrics["Personal"] == "94 plazas"
    assert any("ilustrativ" in i.value.lower() for i in at.info)
    assert any("$0.01" in w.value for w in at.warning)
