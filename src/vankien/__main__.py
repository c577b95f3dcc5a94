import sys

# `vankien lint` runs on every commit: skip importing typer (and pydantic) for it.
if sys.argv[1:2] == ["lint"] and not {"-h", "--help"} & set(sys.argv):
    from vankien.lint.command import lint_main

    raise SystemExit(lint_main(sys.argv[2:]))

# `vankien build`: same reason; arguments it does not handle fall through to typer below.
if sys.argv[1:2] == ["build"] and not {"-h", "--help"} & set(sys.argv):
    from vankien.build.command import build_main

    code = build_main(sys.argv[2:])
    if code is not None:
        raise SystemExit(code)

from vankien.cli import main

raise SystemExit(main())
