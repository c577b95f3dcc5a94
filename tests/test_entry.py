"""The console command: `vankien lint` takes the fast path, everything else goes to typer."""

from __future__ import annotations

import os
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


# The process as a user starts it (what the console script runs too, see the last test).
VANKIEN = [sys.executable, "-m", "vankien"]


def _args(command: str, root: Path) -> list[str]:
    """``command`` with the report folder where it needs one (`rules` does not)."""
    return [command, "--root", str(root)] if command == "lint" else [command]


@pytest.mark.parametrize("command", ["rules", "lint"])  # the typer path and the fast path
def test_the_process_prints_everything_before_it_leaves(
    command: str, report_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # run() leaves with os._exit: what is still buffered must be written first. To a file,
    # stdout is block-buffered (unless PYTHONUNBUFFERED, which the test's own shell may set).
    args = _args(command, report_copy)
    code = entry.main(args)
    expected = capsys.readouterr().out
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    out = tmp_path / "out.txt"
    with out.open("w", encoding="utf-8") as stream:
        done = subprocess.run([*VANKIEN, *args], stdout=stream, env=env, check=False)
    assert done.returncode == code
    assert out.read_text(encoding="utf-8") == expected and expected


def test_the_process_keeps_the_exit_code_and_the_message(tmp_path: Path) -> None:
    done = subprocess.run(
        [*VANKIEN, *_args("lint", tmp_path)], capture_output=True, encoding="utf-8", check=False
    )
    assert done.returncode == 2
    assert "report.yaml" in done.stderr


@pytest.mark.parametrize("command", ["rules", "lint"])  # the typer path and the fast path
def test_a_reader_that_goes_away_is_not_an_internal_error(command: str, report_copy: Path) -> None:
    # `vankien rules | head -0`: the reading end is closed before vankien writes anything
    # (it is closed at once, and vankien takes a tenth of a second to start).
    with subprocess.Popen(
        [*VANKIEN, *_args(command, report_copy)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8")
        code = proc.wait()
    assert "Lỗi nội bộ" not in err and "Traceback" not in err
    assert code in (0, 1)  # the fast path says 0; click, on the typer path, says 1


def test_the_console_script_is_the_process_entry() -> None:
    from importlib.metadata import entry_points

    (script,) = (e for e in entry_points(group="console_scripts") if e.name == "vankien")
    assert script.value == "vankien.entry:run"
