"""The policy of tests/conftest.py for tests that need LibreOffice: skipped with a reason on a
machine without it, a failure under CI=true. A real pytest runs a real test of the suite with
LibreOffice out of its PATH."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEEDS_SOFFICE = "tests/review/test_release.py::test_package_has_a_pdf"


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "bin"  # a PATH with no program at all: no soffice, no libreoffice
    empty.mkdir(exist_ok=True)
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "PATH")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", NEEDS_SOFFICE],
        cwd=REPO,
        env={**base, "PATH": str(empty), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_libreoffice_the_test_is_skipped_naming_the_program(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "thiếu soffice (LibreOffice)" in result.stdout


def test_under_ci_a_skip_for_missing_libreoffice_is_a_failure(tmp_path: Path) -> None:
    result = _run(tmp_path, CI="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 error" in result.stdout and "skipped" not in result.stdout
    assert "CI=true: kiểm thử này không được bỏ qua trên CI" in result.stdout
    assert "thiếu soffice (LibreOffice)" in result.stdout
