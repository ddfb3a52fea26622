"""`python -m store editor add NAME --password-stdin | list | disable NAME | enable NAME`, and `migrate`.

Exit status: 0 done, 1 refused (an existing name, a short password, an unknown editor), 2 wrong usage.
The password is one line of standard input, never an argument (arguments show in `ps` and shell history).
"""

from __future__ import annotations

import argparse
import sys

from domain.cli import SpanishParser
from domain.fmt import fecha
from store import editors
from store.db import Store

CLI_ACTOR = "consola"


def _parser() -> argparse.ArgumentParser:
    parser = SpanishParser(prog="python -m store", description="Administra la base de versiones del tablero.")
    commands = parser.add_subparsers(dest="command", required=True, title="órdenes", metavar="ORDEN",
                                     parser_class=SpanishParser)
    commands.add_parser("migrate", help="lleva la base a la última revisión (el tablero lo hace al arrancar)")
    editor = commands.add_parser("editor", help="cuentas de quienes suben y publican libros")
    actions = editor.add_subparsers(dest="action", required=True, title="acciones", metavar="ACCIÓN",
                                    parser_class=SpanishParser)
    add = actions.add_parser("add", help="crea un editor; la contraseña se lee de una línea de la entrada")
    add.add_argument("name", metavar="NOMBRE")
    add.add_argument("--password-stdin", action="store_true", required=True,
                     help="lee la contraseña de la entrada estándar (obligatorio)")
    actions.add_parser("list", help="lista los editores")
    for verb, text in (("disable", "desactiva un editor (no se borra nada)"), ("enable", "reactiva un editor")):
        actions.add_parser(verb, help=text).add_argument("name", metavar="NOMBRE")
    return parser


def _editor(store: Store, args: argparse.Namespace) -> int:
    if args.action == "add":
        password = sys.stdin.readline().rstrip("\r\n")
        row = editors.add(store, args.name, password, by=CLI_ACTOR)
        print(f"Editor «{row.name}» creado.")
    elif args.action == "list":
        rows = editors.listing(store)
        if not rows:
            print("No hay editores. Cree uno con «python -m store editor add NOMBRE --password-stdin».")
        for row in rows:
            state = "activo" if row.active else "desactivado"
            print(f"{row.name}\t{state}\tcreado el {fecha(row.created_at.date())}")
    else:
        row = editors.set_active(store, args.name, args.action == "enable", by=CLI_ACTOR)
        print(f"Editor «{row.name}» {'reactivado' if row.active else 'desactivado'}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    store = Store()
    try:
        store.migrate()
        return 0 if args.command == "migrate" else _editor(store, args)
    except editors.EditorError as error:
        print(f"No se pudo: {error}", file=sys.stderr)
        return 1
    finally:
        store.dispose()


if __name__ == "__main__":
    sys.exit(main())
