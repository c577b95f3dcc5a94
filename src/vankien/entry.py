"""The ``vankien`` console command (also ``python -m vankien``).

``vankien lint`` runs on every commit and ``vankien build`` in every ``make report``; building
the typer app costs about 0.3 s (its parsing imports pydantic), so well-formed arguments of
these two commands go straight to their functions. Anything else — help, a parse error, every
other command — goes to the typer app in cli.py, whose messages stay the only ones.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import NoReturn

HELP_FLAGS = frozenset({"-h", "--help"})
FAST_PATHS: dict[str, tuple[str, str]] = {
    "lint": ("vankien.lint.command", "lint_main"),
    "build": ("vankien.publish.command", "build_main"),
    "check": ("vankien.word.command", "check_main"),
    "comments": ("vankien.word.comments", "comments_main"),
}


class NotFastPath(Exception):
    """The arguments need typer (an error to report in its words, or --help)."""


def strict_parser(prog: str) -> argparse.ArgumentParser:
    """An argparse parser for a fast path: no abbreviations, no help, and any error raises
    NotFastPath so that typer parses the arguments again and reports the problem."""

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise NotFastPath(message)

    return _Parser(prog=prog, add_help=False, allow_abbrev=False)


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
