import sys

# `vankien lint` runs on every commit: skip importing typer (and pydantic) for it.
if sys.argv[1:2] == ["lint"] and not {"-h", "--help"} & set(sys.argv):
    from vankien.lint.command import lint_main

    raise SystemExit(lint_main(sys.argv[2:]))

from vankien.cli import main

raise SystemExit(main())
