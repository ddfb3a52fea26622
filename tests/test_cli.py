"""`python -m loaders`: the readable report, the JSON document and the exit statuses 0/1/2."""

import json
import subprocess
import sys
from pathlib import Path

from tests.builders import ACTIVIDADES, poa_sheet, rows, workbook

ROOT = Path(__file__).parents[1]
BUNDLED = ROOT / "data" / "plan_accion_2016.xlsx"
# The data contract's fields (section 6): the JSON may add to them, never change them.
CONTRACT = {"ok", "anio", "errors", "warnings", "summary", "tables"}
ISSUE = {"code", "sheet", "row", "column", "message"}
SUMMARY = ("ingresos_total", "egresos_total", "donaciones_total", "fondos_propios", "personal_total",
           "personal_por_nivel", "actividades", "areas")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)


def test_bundled_workbook_json_gives_the_plans_figures() -> None:
    done = run(str(BUNDLED), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert set(doc) >= CONTRACT and set(doc) - CONTRACT == {"counts", "omitted"}  # additions only
    assert doc["counts"] == {"errors": 0, "warnings": 4} and doc["omitted"] == []
    assert doc["ok"] is True and doc["anio"] == 2016 and doc["errors"] == []
    assert {k: doc["summary"][k] for k in SUMMARY} == {
        "ingresos_total": 7868489.38, "egresos_total": 7868489.37, "donaciones_total": 1050008.34,
        "fondos_propios": 6818481.04, "personal_total": 94,
        "personal_por_nivel": {"directivo": 7, "apoyo": 21, "asesor": 12, "operativo": 54},
        "actividades": 72, "areas": doc["summary"]["areas"]}
    assert doc["summary"]["fondos_propios_derivado"] is False
    assert doc["summary"]["areas"] >= 8
    gap = next(w for w in doc["warnings"] if w["code"] == "total_egresos_no_cuadra")
    assert set(gap) >= ISSUE and gap["sheet"] == "Egresos"
    assert gap["severity"] == "warning" and gap["place"] == {"sheet": "Egresos", "row": 8, "col": 1, "letter": "B",
                                                               "label": "Monto"}
    assert doc["tables"]["donaciones"][1] == {"donante": "AMB", "importe": 90470.76,
                                               "fecha_finalizacion": "2016-07-31"}
    assert doc["tables"]["actividades"][0]["inicio"].startswith("2016-")
    assert set(doc["tables"]) == {"ingresos", "egresos", "donaciones", "personal", "actividades",
                                  "totales_declarados"}


def test_readable_report_in_spanish() -> None:
    done = run(str(BUNDLED))
    assert done.returncode == 0
    out = done.stdout
    assert "se puede cargar" in out and "$7,868,489.38" in out and "Advertencias (4)" in out
    assert out.index("Resumen") < out.index("Errores") < out.index("Advertencias")
    assert "hoja «Egresos», fila 8, columna Monto (B)" in out


def test_errors_exit_1_with_places(tmp_path) -> None:
    path = tmp_path / "malo.xlsx"
    path.write_bytes(workbook(("Ingresos", lambda ws: rows(ws, 1, [["Clasificación presupuestaria ingresos",
                                                                     "Total"], ["Tasas", "s/m"]]))))
    done = run(str(path), "--json", "--anio", "2016")
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    assert doc["ok"] is False
    error = {k: doc["errors"][0][k] for k in ISSUE}
    assert error == {"code": "monto_invalido", "sheet": "Ingresos", "row": 2, "column": "Total (B)",
                     "message": doc["errors"][0]["message"]}
    assert doc["errors"][0]["table"] == "ingresos" and doc["errors"][0]["place"]["col"] == 1
    assert run(str(path), "--anio", "2016").returncode == 1


def test_anio_argument_dates_month_only_timings(tmp_path) -> None:
    path = tmp_path / "poa.xlsx"
    path.write_bytes(workbook(("UACI", lambda ws: poa_sheet(ws, ACTIVIDADES))))
    assert run(str(path), "--json").returncode == 1
    done = run(str(path), "--json", "--anio", "2016")
    assert done.returncode == 0
    assert json.loads(done.stdout)["tables"]["actividades"][0]["fin"] == "2016-03-31"


def test_missing_file_and_non_workbook_exit_2(tmp_path) -> None:
    missing = run(str(tmp_path / "no.xlsx"), "--json")
    assert missing.returncode == 2 and json.loads(missing.stdout)["errors"][0]["code"] == "archivo_no_encontrado"
    csv = tmp_path / "datos.xlsx"
    csv.write_text("Donante,Importe\nAACID,883217.30\n")
    done = run(str(csv), "--json")
    assert done.returncode == 2
    doc = json.loads(done.stdout)
    assert doc["ok"] is False and len(doc["errors"]) == 1 and doc["tables"] == {}
    assert "CSV" in doc["errors"][0]["message"]


def test_text_mode_strips_terminal_escapes(tmp_path) -> None:
    """A cell or a file name must not clear the screen, retitle the window, add links or hide report lines."""
    # Excel writes a control character in a cell as _xHHHH_; the reader gives it back as the character.
    escapes = "_x001B_[2J_x001B_]0;título_x0007__x001B_]8;;http://x_x001B_\\enlace\u009b1A\u202e"
    from tests.hostile_files import patch_parts

    data = workbook(("Donaciones", lambda ws: rows(ws, 1, [
        ["Donante", "Importe", "Fecha Finalización"], ["AMBPLACEHOLDER", "s/m", "31/07/2016"]])))
    data = patch_parts(data, {"xl/worksheets/sheet1.xml": lambda x: x.replace(b"PLACEHOLDER", escapes.encode())})
    path = tmp_path / "libro\x1b[2J.xlsx"
    path.write_bytes(data)
    done = run(str(path), "--anio", "2016")
    assert done.returncode == 1
    assert not [ch for ch in done.stdout if (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F
                or 0x202A <= ord(ch) <= 0x202E]
    assert "AMB" in done.stdout and "título" in done.stdout  # the text stays, only the controls go
    doc = json.loads(run(str(path), "--json", "--anio", "2016").stdout)  # JSON keeps the data as it is
    assert "\x1b" in doc["errors"][0]["message"]


def test_help_and_usage_errors_are_spanish() -> None:
    helped = run("--help")
    assert helped.returncode == 0 and helped.stdout.startswith("Uso: python -m loaders")
    for english in ("usage", "options", "positional arguments", "show this help"):
        assert english not in helped.stdout
    assert "muestra esta ayuda y termina" in helped.stdout and "LIBRO" in helped.stdout
    wrong = run("--anio", "dos mil", "libro.xlsx")
    assert wrong.returncode == 2
    assert "Uso incorrecto: argumento --anio: no es un número entero: 'dos mil'." in wrong.stderr
    assert "invalid" not in wrong.stderr
