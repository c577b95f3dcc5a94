"""``vankien scaffold --check`` on the loaded report: missing files, changed headings and files
the outline does not know are each reported; resolved variables are not drift."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vankien.errors import EXIT_FINDINGS, EXIT_OK
from vankien.report.drift import scaffold_check
from vankien.report.load import load_report
from vankien.skeleton.scaffold import scaffold


def fresh_report(tmp_path: Path, repo_root: Path) -> Path:
    root = tmp_path / "donvi"
    root.mkdir()
    shutil.copy(repo_root / "report.yaml", root / "report.yaml")
    return root


def check(root: Path) -> int:
    return scaffold_check(load_report(root))


def test_check_reports_drift(
    tmp_path: Path, repo_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fresh_report(tmp_path, repo_root)
    scaffold(root)
    assert check(root) == EXIT_OK
    skeleton = root / "skeleton"
    (skeleton / "07-doan-the.md").unlink()
    edited = skeleton / "05-kiem-tra-giam-sat.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "#### 4.2. Công tác phòng", "#### 4.2. Việc phòng"
        ),
        encoding="utf-8",
    )
    (skeleton / "99-them.md").write_text("# Thêm\n", encoding="utf-8")
    capsys.readouterr()
    assert check(root) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "skeleton/07-doan-the.md: thiếu tệp" in out
    assert "skeleton/05-kiem-tra-giam-sat.md" in out and "4.2. Công tác phòng" in out
    assert "skeleton/99-them.md: tệp không có trong đề cương" in out
    assert (skeleton / "05-kiem-tra-giam-sat.md").read_text(encoding="utf-8").count(
        "4.2. Việc"
    ) == 1


def test_check_accepts_resolved_variables_in_headings(tmp_path: Path, repo_root: Path) -> None:
    root = fresh_report(tmp_path, repo_root)
    scaffold(root)
    path = root / "skeleton" / "01-dac-diem-tinh-hinh.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{{previous_term}}", "2020 - 2025"),
        encoding="utf-8",
    )
    assert check(root) == EXIT_OK
