"""``lint_report``: the API the build and the status command call."""

from __future__ import annotations

import pytest

from vankien.errors import UserError
from vankien.lint.model import Severity
from vankien.lint.runner import find_root, lint_report
from vankien.report.load import load_report

BROKEN = "Nhiệm kỳ 2020-2025; lần thứ……"


def test_result_api(mini) -> None:
    result = lint_report(load_report(mini(body=BROKEN)))
    assert result.has_errors
    assert {f.code for f in result.errors} == {"PH001"}
    assert {f.code for f in result.warnings} == {"CON003"}
    assert result.at_or_above(Severity.WARNING) == result.findings
    assert result.report is not None and result.report.unit.stage.is_final


def test_draft_has_no_errors_for_unfilled_text(mini) -> None:
    result = lint_report(load_report(mini(body=BROKEN, unit={"document.stage": "du-thao-2"})))
    assert not result.has_errors and result.warnings


def test_paths_filter_findings_not_analysis(mini) -> None:
    root = mini(body=BROKEN)
    assert lint_report(load_report(root), [root / "skeleton" / "02-hai.md"]).findings == ()
    assert (
        lint_report(load_report(root), [root / "skeleton"]).findings
        == lint_report(load_report(root)).findings
    )


def test_find_root(mini, tmp_path) -> None:
    root = mini()
    assert find_root([root / "skeleton" / "01-mot.md"]) == root.resolve()
    assert find_root([], cwd=root / "skeleton") == root.resolve()
    with pytest.raises(UserError):
        find_root([tmp_path])
