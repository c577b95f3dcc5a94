"""`vankien build` without typer (vankien.entry): well-formed arguments run the build, the same
as through typer; the arguments it leaves to typer are in tests/test_options.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vankien.cli import main
from vankien.entry import main as entry_main

REPO = Path(__file__).resolve().parents[2]


def test_well_formed_arguments_run_the_build(tmp_path: Path, capsys) -> None:
    # An empty folder: the build itself reports the missing report.yaml (exit 2), so the
    # fast path did handle it.
    assert entry_main(["build", "--root", str(tmp_path), "-o", str(tmp_path / "x.docx")]) == 2
    assert "report.yaml" in capsys.readouterr().err


@pytest.mark.slow
def test_same_document_as_through_typer(tmp_path: Path) -> None:
    root = tmp_path / "report"
    root.mkdir()
    shutil.copy(REPO / "examples" / "dang-bo" / "report.yaml", root / "report.yaml")
    shutil.copytree(REPO / "examples" / "dang-bo" / "skeleton", root / "skeleton")
    shutil.copy(REPO / "examples" / "dang-bo" / "chi-tieu.yaml", root / "chi-tieu.yaml")
    fast, slow = tmp_path / "fast.docx", tmp_path / "typer.docx"
    assert entry_main(["build", "--root", str(root), "--output", str(fast)]) == 0
    assert main(["build", "--root", str(root), "--bogus"]) == 2  # typer's path still answers
    import typer.main

    from vankien.cli import app

    result = typer.main.get_command(app).main(
        args=["build", "--root", str(root), "-o", str(slow)],
        prog_name="vankien",
        standalone_mode=False,
    )
    assert result in (0, None)
    assert fast.read_bytes() == slow.read_bytes()
