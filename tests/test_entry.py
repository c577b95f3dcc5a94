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


@pytest.mark.parametrize("argv", [["lint", "--bogus"], ["lint", "--ro", "x"], ["build", "--bogus"]])
def test_bad_arguments_get_typer_s_vietnamese_message(argv, capsys) -> None:
    assert entry.main(argv) == 2
    err = capsys.readouterr().err
    assert "Lỗi:" in err and f"vankien {argv[0]} --help" in err
