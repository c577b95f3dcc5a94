"""Whole-document fixtures with the expected findings marked inline: a line that must be
reported carries ``<!-- expect: CODE, CODE -->`` listing exactly the codes reported on it.

``break-all`` breaks every rule at least once; the example reports must be clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vankien.lint.runner import all_rules, lint_report
from vankien.report.load import load_report

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXPECT_RE = re.compile(r"<!--\s*expect:\s*([A-Z0-9,\s]+?)\s*-->")
YAML_EXPECT_RE = re.compile(r"#\s*expect:\s*([A-Z0-9,\s]+?)\s*$")
MARKED = [HERE / "fixtures" / "break-all"]
EXAMPLES = sorted(p.parent for p in REPO.glob("examples/*/report.yaml"))


def expectations(root: Path) -> set[tuple[str, int, str]]:
    """The marks of the skeleton files, and of report.yaml (``# expect: CODE`` comments)."""
    out: set[tuple[str, int, str]] = set()
    for path in [*sorted((root / "skeleton").glob("*.md")), root / "report.yaml"]:
        rel = path.relative_to(root).as_posix()
        marks = EXPECT_RE if path.suffix == ".md" else YAML_EXPECT_RE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in marks.finditer(line):
                for code in re.split(r"[\s,]+", m.group(1).strip()):
                    out.add((rel, number, code))
    return out


@pytest.mark.parametrize("root", MARKED, ids=[p.name for p in MARKED])
def test_marked_fixture(root: Path) -> None:
    found = {(f.path, f.line, f.code) for f in lint_report(load_report(root)).findings}
    expected = expectations(root)
    assert sorted(found - expected) == [], "báo thừa"
    assert sorted(expected - found) == [], "báo thiếu"


def test_break_all_breaks_every_rule() -> None:
    codes = {code for _, _, code in expectations(HERE / "fixtures" / "break-all")}
    missing = [r.code for r in all_rules() if r.code not in codes]
    assert missing == []


@pytest.mark.parametrize("root", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_report_is_clean(root: Path) -> None:
    result = lint_report(load_report(root))
    assert root.joinpath("report.yaml").read_text(encoding="utf-8")
    assert [f.render() for f in result.findings] == []
