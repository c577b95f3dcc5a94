"""The one declaration of each command's options: the fast parser and the typer command derived
from it read real arguments to the same values, and the help page shows every option."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from vankien import options
from vankien.cli import app
from vankien.options import FAST, Command, Param, parse_fast

VALUES: dict[type, str] = {Path: "thu-muc", str: "gia-tri", int: "3"}


def _typer_values(command: Command, argv: list[str]) -> dict[str, object]:
    click_command = typer.main.get_command(app).commands[command.name]  # type: ignore[attr-defined]
    ctx = click_command.make_context(f"vankien {command.name}", list(argv))
    values = dict(ctx.params)
    for param in command.params:  # typer hands the command [] for an absent list (cli._add)
        if param.many and values[param.name] is None:
            values[param.name] = []
    return {name: list(v) if isinstance(v, tuple) else v for name, v in values.items()}


def _required(command: Command) -> list[str]:
    return ["a.docx"] if any(p.required for p in command.params) else []


CASES = [
    (command, param, flag)
    for command in FAST.values()
    for param in command.params
    for flag in (param.flags or (None,))
]


@pytest.mark.parametrize(
    ("command", "param", "flag"),
    CASES,
    ids=[f"{c.name}-{flag or p.name}" for c, p, flag in CASES],
)
def test_fast_parser_and_typer_read_the_same_values(
    command: Command, param: Param, flag: str | None
) -> None:
    if flag is None:
        argv = ["mot.md", "hai.md"]
    elif param.is_flag:
        argv = [*_required(command), flag]
    else:
        argv = [*_required(command), flag, VALUES[param.type]]
    fast = parse_fast(command, argv)
    assert fast is not None
    assert fast == _typer_values(command, argv)
    expected: object = (
        [Path("mot.md"), Path("hai.md")]
        if flag is None
        else True
        if param.is_flag
        else param.type(VALUES[param.type])
    )
    assert fast[param.name] == expected


@pytest.mark.parametrize("command", FAST.values(), ids=list(FAST))
def test_defaults_are_the_same(command: Command) -> None:
    argv = _required(command)
    assert parse_fast(command, argv) == _typer_values(command, argv)


@pytest.mark.parametrize(
    ("command", "argv"),
    [
        (options.LINT, ["--bogus"]),
        (options.LINT, ["--ro", "x"]),  # no abbreviations: typer has none either
        (options.LINT, ["--root"]),  # missing value
        (options.LINT, ["--help"]),
        (options.BUILD, ["--root", "x", "extra"]),
        (options.BUILD, ["--root", str(Path(__file__))]),  # a file: typer's check and message
        (options.CHECK, []),  # the files are required
        (options.CHECK, ["a.docx", "--jobs", "nhiều"]),
        (options.CHECK, ["a.docx", "--annotate", str(Path(__file__))]),
        (options.COMMENTS, ["a.docx", "-h"]),
    ],
)
def test_what_the_fast_parser_leaves_to_typer(command: Command, argv: list[str]) -> None:
    assert parse_fast(command, argv) is None


def _every_command() -> list[str]:
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", FAST.values(), ids=list(FAST))
def test_help_shows_every_option_with_its_help(command: Command, capsys) -> None:
    from vankien.cli import main

    assert main([command.name, "--help"]) == 0
    page = " ".join(capsys.readouterr().out.split())
    for param in command.params:
        for flag in param.flags:
            assert flag in page
        assert " ".join(param.help.split()) in page


def test_root_is_declared_once_for_every_command_that_has_it() -> None:
    group = typer.main.get_command(app)
    for name in _every_command():
        for param in group.commands[name].params:  # type: ignore[attr-defined]
            if param.name == "root":
                assert param.help in (
                    options.ROOT.help,
                    options.ROOT_OPTIONAL.help,
                    options.LINT.params[1].help,
                ), name
