"""Every test file under tests/ is collected: a folder pytest skips by name cannot hide tests.

pytest's default ``norecursedirs`` leaves out folders named ``build``, ``dist``, ``venv`` and
dot-folders; ``tests/build/`` (256 tests) once went unrun for that reason. This test asks a real
pytest what it collects and compares it with the test files on disk.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _files_on_disk() -> set[str]:
    return {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "tests").rglob("test_*.py")
        if "__pycache__" not in path.parts
    }


def _files_collected() -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {line.split("::", 1)[0] for line in result.stdout.splitlines() if "::" in line}


def test_every_test_file_is_collected() -> None:
    on_disk = _files_on_disk()
    collected = _files_collected()
    assert len(on_disk) > 50  # the walk itself found the suite
    assert sorted(on_disk - collected) == []


def test_no_source_or_test_folder_is_named_like_an_output_folder() -> None:
    """``build``/``dist`` are output folders, ignored by pytest, .gitignore and other tools."""
    reserved = {"build", "dist", "venv"}
    clashes = [
        path.relative_to(REPO).as_posix()
        for top in ("src", "tests")
        for path in (REPO / top).rglob("*")
        if path.is_dir() and path.name in reserved
    ]
    assert clashes == []
