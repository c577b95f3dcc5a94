"""``lint_report``: the API the build and the status command call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.lint.model import Severity
from vankien.lint.runner import all_rules, find_root, lint_report, may_be_error
from vankien.report.load import load_report
from vankien.unit.model import Stage

BREAK_ALL = Path(__file__).resolve().parent / "fixtures" / "break-all"

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


@pytest.mark.parametrize("stage", ["final", "draft"])
def test_errors_only_finds_the_same_errors(stage: str) -> None:
    # break-all breaks every rule: the warnings-only rules are left out, no error is lost.
    report = load_report(BREAK_ALL)
    at = Stage(None) if stage == "final" else Stage(1)
    full = lint_report(report, stage=at)
    gate = lint_report(report, stage=at, errors_only=True)
    assert gate.errors == full.errors and gate.errors
    skipped = {f.code for f in full.findings} - {f.code for f in gate.findings}
    assert "VI009" in skipped  # a warning rule (the slowest language check) did not run
    config = full.context.config if full.context is not None else None
    assert config is not None
    by_code = {rule.code: rule for rule in all_rules()}
    assert all(not may_be_error(by_code[code], config) for code in skipped)


def test_errors_only_runs_a_warning_rule_raised_to_error(mini: Callable[..., Path]) -> None:
    unit = {"lint": {"severity": {"CON003": "error"}}}
    result = lint_report(load_report(mini(body=BROKEN, unit=unit)), errors_only=True)
    assert {f.code for f in result.errors} == {"PH001", "CON003"}
