"""The ``vankien`` console command (also ``python -m vankien``).

``vankien lint`` runs on every commit and ``vankien build`` in every ``make report``; building
the typer app costs about 0.3 s (its parsing imports pydantic), so well-formed arguments of the
commands in ``vankien.options.FAST`` are parsed from their declarations there and go straight
to their functions. Anything else — help, a parse error, every other command — goes to the
typer app in cli.py, built from the same declarations, whose messages stay the only ones.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import import_module


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader went away (`vankien --help | head`): not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dispatch(args: list[str]) -> int:
    from vankien.options import FAST, parse_fast

    command = FAST.get(args[0]) if args else None
    if command is not None:
        values = parse_fast(command, args[1:])
        if values is not None:
            from vankien.errors import run_guarded

            module, name = command.target.split(":")
            run: Callable[..., int] = getattr(import_module(module), name)
            return run_guarded(lambda: run(**values))
    from vankien.cli import main as cli_main

    return cli_main(args)
