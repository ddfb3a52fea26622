"""loaders/report.py: the readable report and the JSON document say the true counts, in good Spanish."""

from __future__ import annotations

import json

from domain.catalogue import issue
from domain.places import Place
from domain.plan import LoadResult
from loaders import load_workbook
from loaders.report import text_report, to_json, verdict
from tests.builders import poa_sheet, rows, workbook


def capped_workbook() -> bytes:
    """80 activities whose timing nobody can read: 80 warnings, 50 listed, 30 counted."""
    acts = [(f"R{i}", "i", "f", f"Act {i}", "Por definir", "UACI", "AMB", "r") for i in range(80)]
    return workbook(("UACI", lambda ws: poa_sheet(ws, acts, merge_results=False)))


def test_the_headline_counts_every_issue_the_capped_ones_included() -> None:
    result = load_workbook(capped_workbook(), anio=2016)
    report = text_report(result, "poa.xlsx")
    assert "Resultado: se puede cargar (0 errores, 84 advertencias)." in report  # not "54 advertencias"
    assert "Advertencias (84; se listan 54):" in report
    assert ("… y 30 advertencias más del tipo «Tiempo no reconocido» (tiempo_no_reconocido): corrija las "
            "anteriores y vuelva a validar.") in report


def test_json_keeps_real_issues_apart_from_the_count_of_the_rest() -> None:
    doc = json.loads(json.dumps(to_json(load_workbook(capped_workbook(), anio=2016))))
    timing = [w for w in doc["warnings"] if w["code"] == "tiempo_no_reconocido"]
    assert len(timing) == 50 and all(w["row"] is not None for w in timing)  # no fake "… y N más" issue
    assert doc["omitted"] == [{"code": "tiempo_no_reconocido", "severity": "warning", "title": "Tiempo no reconocido",
                               "count": 30}]
    assert doc["counts"] == {"errors": 0, "warnings": 84}


def test_singular_and_gender_are_right() -> None:
    result = LoadResult(anio=2016)
    result.add(issue("monto_invalido", Place("Ingresos", 2, 1, "Total"), table="ingresos", what="«Tasas»", found="s/m"))
    result.add(issue("tabla_faltante", name="Egresos"))
    assert verdict(result) == "NO se puede cargar: corrija los errores (1 error, 1 advertencia)"
    report = text_report(result, "x.xlsx")
    assert "Errores (1):" in report and "Advertencias (1):" in report and "1 errores" not in report


def test_nothing_found_reads_ninguno_and_ninguna(bundled_plan) -> None:
    report = text_report(bundled_plan, "plan.xlsx")
    assert "Errores: ninguno." in report
    clean = load_workbook(workbook(("Donaciones", lambda ws: rows(ws, 1, [
        ["Donante", "Importe", "Fecha Finalización"], ["AACID", 883217.3, "31/12/2016"]]))), anio=2016)
    assert [w.code for w in clean.warnings] == ["tabla_faltante"] * 4
    no_warnings = text_report(LoadResult(tables=clean.tables, anio=2016), "x.xlsx")
    assert "Advertencias: ninguna." in no_warnings


def test_derived_own_funds_are_reported_and_marked() -> None:
    def sheet(ws):
        rows(ws, 1, [["Clasificación presupuestaria ingresos", "Total"], ["Tasas", "1,000.00"]])
        rows(ws, 4, [["Donante", "Importe", "Fecha Finalización"], ["AMB", "250.00", "31/07/2016"]])
    result = load_workbook(workbook(("Presupuesto", sheet)), anio=2016)
    doc = to_json(result)
    assert doc["summary"]["fondos_propios"] == 750.0 and doc["summary"]["fondos_propios_derivado"] is True
    assert "Fondos propios OPAMSS: $750.00 (calculado: presupuesto menos donaciones" in text_report(result, "x")
