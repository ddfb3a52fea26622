"""argparse in Spanish, for every command line of the project (`python -m loaders`, `python -m store`): its
help, its headings and its usage errors (exit status 2, one Spanish sentence)."""

from __future__ import annotations

import argparse
import sys

# argparse's own English, as it writes it into usage errors, and its Spanish.
_ARGPARSE_WORDS = (("the following arguments are required", "faltan los argumentos"),
                   ("unrecognized arguments", "argumentos desconocidos"), ("invalid choice", "opción desconocida"),
                   ("choose from", "elija entre"), ("expected one argument", "falta un valor"),
                   ("invalid int value", "no es un número entero"), ("argument ", "argumento "))


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix="Uso: " if prefix is None else prefix)


class SpanishParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Spanish."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._optionals.title = "opciones"
        self._positionals.title = "argumentos"
        self.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")

    def error(self, message: str) -> None:
        for english, spanish in _ARGPARSE_WORDS:
            message = message.replace(english, spanish)
        self.print_usage(sys.stderr)
        self.exit(2, f"Uso incorrecto: {message}. Vea «{self.prog} --help».\n")
