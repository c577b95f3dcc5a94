"""The ``vankien`` console command (also ``python -m vankien``).

``vankien lint`` runs on every commit and ``vankien build`` in every ``make report``; building
the typer app costs about 0.3 s (its parsing imports pydantic), so well-formed arguments of the
commands in ``vankien.options.FAST`` are parsed from their declarations there and go straight
to their functions. Anything else — help, a parse error, every other command — goes to the
typer app in cli.py, built from the same declarations, whose messages stay the only ones.

:func:`run` is the process itself (the console script and ``python -m vankien``): one command
in a short-lived process, so the cyclic garbage collector's passes (about 0.03 s of a lint, and
half a second of a lint at ×16, over objects almost none of which are garbage) wait for a large
number of new objects, and the process leaves without the interpreter's teardown (about 0.06-0.1 s
of freeing what the exit frees anyway) once everything it printed is out.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from importlib import import_module
from typing import NoReturn

# gc thresholds for the process (the interpreter's are 700, 10, 10): the young generation is
# collected after this many new objects, a full collection almost never.
GC_THRESHOLDS = (100_000, 50, 100)


def run() -> NoReturn:
    """The ``vankien`` process: :func:`main`, its output flushed, then out with its exit code."""
    gc.set_threshold(*GC_THRESHOLDS)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with suppress(BrokenPipeError, ValueError):  # the reader went away; a closed stream
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader went away (`vankien --help | head`): not an error of ours.
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
