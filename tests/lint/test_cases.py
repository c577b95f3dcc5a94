"""Rule tests are data: tests/lint/cases/<CODE>.yaml, one ``valid`` and one ``invalid`` list.

A case gives ``body`` (text put under «### 2. Kết quả nổi bật» of the mini report; its lines
count from 1) or whole ``files`` (lines are file lines), optional ``unit`` changes to
report.yaml, and for invalid cases ``expect``: the findings of that rule, each with ``line``
and optionally ``col``, ``file``, ``message`` (a part of it), ``severity``, ``fixed`` (the
file after ``--fix``: only for fixable rules).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from vankien.lint.fix import compute_fixes
from vankien.lint.runner import all_rules, lint_report, may_be_error
from vankien.report.load import load_report

CASES = Path(__file__).resolve().parent / "cases"
MINI_FIRST = Path(__file__).resolve().parent / "fixtures" / "mini" / "skeleton" / "01-mot.md"


def body_line() -> int:
    """The line of the mini fixture where a case's ``body`` starts."""
    lines = MINI_FIRST.read_text(encoding="utf-8").splitlines()
    return lines.index("{{BODY}}") + 1


def _load() -> list[tuple[str, str, int, dict[str, Any]]]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for kind in ("valid", "invalid"):
            for i, case in enumerate(data.get(kind) or []):
                out.append((path.stem, kind, i, case))
    return out


ALL = _load()


RULES = {rule.code: rule for rule in all_rules()}


def _run(mini: Any, code: str, case: dict[str, Any]):
    root = mini(body=case.get("body"), files=case.get("files"), unit=case.get("unit"))
    result = lint_report(load_report(root))
    assert result.context is not None
    for finding in result.errors:  # what lint_report(errors_only=True) relies on
        assert may_be_error(RULES[finding.code], result.context.config), finding.render()
    return root, [f for f in result.findings if f.code == code]


@pytest.mark.parametrize(
    ("code", "kind", "index", "case"),
    ALL,
    ids=[f"{c}-{k}-{i}" for c, k, i, _ in ALL],
)
def test_case(mini: Any, code: str, kind: str, index: int, case: dict[str, Any]) -> None:
    root, found = _run(mini, code, case)
    shown = "\n".join(f.render() for f in found)
    if kind == "valid":
        assert not found, f"{code} valid case {index} has findings:\n{shown}"
        return
    expected = case["expect"]
    assert len(found) == len(expected), f"{code} invalid case {index}:\n{shown}"
    offset = body_line() - 1 if "body" in case else 0
    for finding, want in zip(found, expected, strict=True):
        assert finding.line == want["line"] + offset, shown
        if "col" in want:
            assert finding.col == want["col"], shown
        if "file" in want:
            assert finding.path == f"skeleton/{want['file']}", shown
        if "message" in want:
            assert want["message"] in finding.message, shown
        if "severity" in want:
            assert finding.severity.label == want["severity"], shown
    if "fixed" in case:
        from vankien.lint.model import LintConfig
        from vankien.report.load import load_report

        report = load_report(root)
        result = compute_fixes(root, report, LintConfig(), all_rules())
        fixed = case["fixed"]
        if isinstance(fixed, dict):
            for name, text in fixed.items():
                assert result.fixed[f"skeleton/{name}"] == text
            return
        text = result.fixed["skeleton/01-mot.md"]
        if "body" in case:
            lines = text.splitlines()
            body_lines = len(case["body"].rstrip("\n").splitlines())
            text = "\n".join(lines[offset : offset + body_lines]) + "\n"
        assert text == fixed
