"""`python -m loaders PATH [--json] [--anio YEAR]`: check a workbook before uploading it.

Exit status: 0 the workbook loads (warnings allowed), 1 it has errors, 2 it cannot be read at all.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from domain.cli import SpanishParser
from loaders.guard import UnreadableWorkbook
from loaders.isolation import IsolatedReader
from loaders.report import terminal_safe, text_report, to_json, unreadable_json, unreadable_text


def main(argv: list[str] | None = None) -> int:
    parser = SpanishParser(
        prog="python -m loaders",
        description="Valida un libro .xlsx del Plan de Acción e informa de lo que encuentra.",
    )
    parser.add_argument("path", type=Path, metavar="LIBRO", help="ruta del libro .xlsx")
    parser.add_argument("--json", action="store_true", help="un objeto JSON en la salida estándar")
    parser.add_argument("--anio", type=int, default=None, help="año del plan si el libro no lo dice")
    args = parser.parse_args(argv)
    reader = IsolatedReader(workers=1)
    try:
        result = reader.load(args.path, anio=args.anio)
    except UnreadableWorkbook as error:
        if args.json:
            print(json.dumps(unreadable_json(error), ensure_ascii=False))
        else:
            print(terminal_safe(unreadable_text(error, args.path.name)))
        return 2
    finally:
        reader.close()
    if args.json:
        print(json.dumps(to_json(result), ensure_ascii=False))
    else:
        print(terminal_safe(text_report(result, args.path.name)))
    return 0 if result.ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m loaders x.xlsx | head`: stop quietly, like any Unix tool
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
