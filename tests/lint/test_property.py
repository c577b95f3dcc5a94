"""Random Markdown and Unicode through the parser, every rule and the runner: nothing crashes,
and every finding points at a real place in a real file."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vankien.lint.fix import apply_fixes
from vankien.lint.model import LintConfig
from vankien.lint.runner import all_rules, run_rules
from vankien.report.document import parse_file
from vankien.report.load import load_report

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

PIECES = st.sampled_from(
    [
        "# ", "## ", "### ", "#### ", "###### ", "Phần thứ nhất: ", "Phần thứ hai", "I. ", "II.",
        "V. ", "1. ", "1.1. ", "2.2.1. ", "a) ", "- ", "+ ", "> ", "    ", "```", "~~~", "\n",
        "\n\n", "<!-- ", " -->", "<!-- vankien-disable-next-line PH001: x -->",
        "<!-- vankien-disable CON001", "<!-- vankien-enable CON001 -->", "{{org}}", "{{x}}",
        "{{", "}}", "[Viết nội dung tại đây]{.placeholder}", "…", "...", "……", "lần thứ ",
        "Số ", "ngày ", "nhiệm kỳ ", "2020 - 2025", "2015-2020", "2020–2024", "XV", "14",
        "Đại hội Đảng bộ lần thứ ", "Đảng bộ (Chi bộ)", "T/M ĐẢNG ỦY", "Nghị quyết số 21-NQ/TW",
        "Hướng dẫn số 12", "31/02/2023", "[bookmark: _GoBack]", "_Hlk123", "TODO", "??",
        "`mã`", "`", "|", " ", "Đảng", "quán triệt", "\t", "\r", "\u00a0", "\u200b", "\u0301",
        "ð", "§¶ng", "baùo", "Viá»‡t",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_parser_maps_every_unit_back_to_the_file(text: str) -> None:
    text = text.replace("\r", "\n")
    source = parse_file("skeleton/01-mot.md", text)
    for heading in source.headings:
        assert 1 <= heading.line <= max(1, len(source.line_starts))
    for unit in source.units:
        for pos in range(0, len(unit.text), 7):
            offset = unit.file_offset(pos)
            assert 0 <= offset <= len(text)
            line, col = source.loc(offset)
            assert line >= 1 and col >= 1


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=TEXT, second=TEXT)
def test_every_rule_and_the_runner_survive(tmp_path_factory, first: str, second: str) -> None:
    root = tmp_path_factory.mktemp("r")
    shutil.copytree(MINI, root, dirs_exist_ok=True)
    texts = {
        "skeleton/01-mot.md": first.replace("\r", "\n"),
        "skeleton/02-hai.md": second.replace("\r", "\n"),
    }
    report = load_report(root, texts)
    findings = run_rules(report, LintConfig(), all_rules())
    lines = {rel: text.count("\n") + 1 for rel, text in texts.items()}
    for finding in findings:
        assert finding.line >= 1 and finding.col >= 1
        assert finding.message
        if finding.path in lines:
            assert finding.line <= lines[finding.path]
        if finding.fix is not None:
            text = texts[finding.path]
            assert 0 <= finding.fix.start <= finding.fix.end <= len(text)
            apply_fixes(text, [finding.fix])
