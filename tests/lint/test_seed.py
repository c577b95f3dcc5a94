"""The seed outline, transcribed as written (defects included), yields a finding for each of
its known defects."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.lint.runner import lint_report
from vankien.report.load import load_report

SEED = Path(__file__).resolve().parent / "fixtures" / "seed"


@pytest.fixture(scope="module")
def findings():
    return lint_report(load_report(SEED)).findings


def _has(findings, code: str, quoted: str, path: str | None = None) -> bool:
    return any(
        f.code == code and quoted in f.message and (path is None or f.path.endswith(path))
        for f in findings
    )


def test_duplicated_roman_two(findings) -> None:
    assert _has(findings, "STR002", "«II. ĐÁNH GIÁ CHUNG»: trùng số", "07-doan-the.md")


def test_roman_three_out_of_order(findings) -> None:
    assert _has(findings, "STR002", "«III. NHIỆM VỤ, GIẢI PHÁP»: số thứ tự đi lùi")


def test_term_2015_2020(findings) -> None:
    hits = [f for f in findings if f.code == "CON001" and "2015 - 2020" in f.message]
    assert hits and hits[0].severity.label == "error" and hits[0].line == 1


def test_bookmark_artefacts(findings) -> None:
    assert _has(findings, "PH005", "[bookmark: _Hlk164558209]")
    assert _has(findings, "PH005", "[bookmark: _GoBack]")


def test_congress_number_left_blank(findings) -> None:
    blanks = [f for f in findings if f.code == "PH001" and "số thứ tự đại hội" in f.message]
    assert len(blanks) >= 3  # «LẦN THỨ......», «lần thứ….», «lần thứ…»


def test_org_alternatives(findings) -> None:
    assert _has(findings, "CON005", "«Đảng bộ (Chi bộ)»")


def test_trong_tam_differs_from_outline(findings) -> None:
    assert _has(findings, "STR004", "«TRONG» thay vì «TRỌNG»")


LANGUAGE = [
    ("TRONG TÂM", "TRỌNG TÂM"),
    ("quán triển", "quán triệt"),
    ("gián sát", "giám sát"),
    ("chất lương", "chất lượng"),
    ("tác tác", None),
    ("hiện hiện", None),
]


@pytest.mark.parametrize(("wrong", "right"), LANGUAGE)
def test_language_slips(findings, wrong: str, right: str | None) -> None:
    vi = [f for f in findings if f.code.startswith("VI")]
    assert any(wrong.lower() in f.message.lower() for f in vi), wrong
