"""The typer-free argument parsing of the commands that run on every commit (lint) and every
``make report`` (build), and of check and comments: a strict argparse parser per command
that hands any doubt (an error, ``--help``) back to the typer app in cli.py, whose messages
stay the only ones. The commands import this module, never the entry point above them.
"""

from __future__ import annotations

import argparse
from typing import NoReturn


class NotFastPath(Exception):
    """The arguments need typer (an error to report in its words, or --help)."""


def strict_parser(prog: str) -> argparse.ArgumentParser:
    """An argparse parser for a fast path: no abbreviations, no help, and any error raises
    NotFastPath so that typer parses the arguments again and reports the problem."""

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise NotFastPath(message)

    return _Parser(prog=prog, add_help=False, allow_abbrev=False)
