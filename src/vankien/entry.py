"""The ``vankien`` console command (also ``python -m vankien``).

``vankien lint`` runs on every commit and ``vankien build`` in every ``make report``; building
the typer app costs about 0.3 s (its parsing imports pydantic), so well-formed arguments of
these two commands go straight to their functions. Anything else — help, a parse error, every
other command — goes to the typer app in cli.py, whose messages stay the only ones.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

HELP_FLAGS = frozenset({"-h", "--help"})
FAST_PATHS: dict[str, tuple[str, str]] = {
    "lint": ("vankien.lint.command", "lint_main"),
    "build": ("vankien.publish.command", "build_main"),
    "check": ("vankien.word.command", "check_main"),
    "comments": ("vankien.word.comments", "comments_main"),
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader went away (`vankien --help | head`): not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dispatch(args: list[str]) -> int:
    if args and args[0] in FAST_PATHS and not HELP_FLAGS & set(args):
        module, name = FAST_PATHS[args[0]]
        fast: Callable[[Sequence[str]], int | None] = getattr(import_module(module), name)
        code = fast(args[1:])
        if code is not None:
            return code
    from vankien.cli import main as cli_main

    return cli_main(args)
