"""The ``vankien`` console command.

``vankien lint`` runs on every commit (pre-commit calls the console command), so it starts
without importing typer and pydantic (about 0.1 s); every other command goes to the typer app
in cli.py.
"""

from __future__ import annotations

import sys


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["lint"] and not {"-h", "--help"} & set(args):
        from vankien.lint.command import lint_main

        return lint_main(args[1:])
    from vankien.cli import main as cli_main

    return cli_main()
