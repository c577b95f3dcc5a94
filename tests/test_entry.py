"""The console command: `vankien lint` takes the fast path, everything else goes to typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vankien import entry


def test_lint_does_not_import_typer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["vankien", "lint", "--root", str(tmp_path)])
    monkeypatch.delitem(sys.modules, "vankien.cli", raising=False)
    assert entry.main() == 2  # no report.yaml there: a user error
    assert "report.yaml" in capsys.readouterr().err
    assert "vankien.cli" not in sys.modules


@pytest.mark.parametrize("args", [["lint", "--help"], ["--help"]])
def test_help_goes_to_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["vankien", *args])
    assert entry.main() == 0
    assert "Cách dùng" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["lint", "--bogus"], ["lint", "--ro", "x"], ["build", "--bogus"]])
def test_bad_arguments_get_typer_s_vietnamese_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert entry.main(argv) == 2
    err = capsys.readouterr().err
    assert "Lỗi:" in err and f"vankien {argv[0]} --help" in err


@pytest.mark.parametrize("command", ["rules", "lint"])  # the typer path and the fast path
def test_a_reader_that_goes_away_is_not_an_internal_error(command: str, report_copy: Path) -> None:
    # `vankien rules | head -0`: the reading end is closed before vankien writes anything
    # (it is closed at once, and vankien takes a tenth of a second to start).
    args = [command, *(["--root", str(report_copy)] * (command == "lint"))]
    with subprocess.Popen(
        [sys.executable, "-m", "vankien", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8")
        code = proc.wait()
    assert "Lỗi nội bộ" not in err and "Traceback" not in err
    assert code in (0, 1)  # the fast path says 0; click, on the typer path, says 1
