"""The console command: `vankien lint` takes the fast path, everything else goes to typer."""

from __future__ import annotations

import sys

import pytest

from vankien import entry


def test_lint_does_not_import_typer(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["vankien", "lint", "--root", str(tmp_path)])
    monkeypatch.delitem(sys.modules, "vankien.cli", raising=False)
    assert entry.main() == 2  # no report.yaml there: a user error
    assert "report.yaml" in capsys.readouterr().err
    assert "vankien.cli" not in sys.modules


@pytest.mark.parametrize("args", [["lint", "--help"], ["--help"]])
def test_help_goes_to_typer(monkeypatch, capsys, args) -> None:
    monkeypatch.setattr(sys, "argv", ["vankien", *args])
    assert entry.main() == 0
    assert "Cách dùng" in capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(entry.FAST_PATHS))
def test_fast_path_options_equal_the_typer_command(command: str) -> None:
    """The fast parser and cli.py declare the same options, so the two cannot drift apart."""
    from importlib import import_module

    import typer.main

    from vankien.cli import app

    module, _ = entry.FAST_PATHS[command]
    parser = import_module(module).fast_parser()
    fast = {opt for action in parser._actions for opt in action.option_strings}
    typer_command = typer.main.get_command(app).commands[command]
    declared = {
        opt
        for param in typer_command.params
        for opt in (*param.opts, *param.secondary_opts)
        if opt.startswith("-")
    }
    assert fast == declared


@pytest.mark.parametrize("argv", [["lint", "--bogus"], ["lint", "--ro", "x"], ["build", "--bogus"]])
def test_bad_arguments_get_typer_s_vietnamese_message(argv, capsys) -> None:
    assert entry.main(argv) == 2
    err = capsys.readouterr().err
    assert "Lỗi:" in err and f"vankien {argv[0]} --help" in err
