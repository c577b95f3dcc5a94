"""Shared fixtures: the repository root and a copy of a report folder to work in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _cache_enabled_in_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI turns vankien's cache off; the tests exercise it either way, so they decide."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("VANKIEN_NO_CACHE", raising=False)


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def report_copy(tmp_path: Path) -> Path:
    """A writable copy of the repository's own report folder (report.yaml + skeleton/)."""
    target = tmp_path / "report"
    target.mkdir()
    shutil.copy(REPO / "report.yaml", target / "report.yaml")
    shutil.copytree(REPO / "skeleton", target / "skeleton")
    return target
