"""PH003 compares a paragraph with the guidance of its own section, wherever its file starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.lint.runner import lint_report
from vankien.report.load import load_report

MINI_OUTLINE = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "outline" / "mini.yaml"
OWN = (
    "Xác định mục tiêu tổng quát của {{org_lower}} trong nhiệm kỳ tới, "
    "gắn với nhiệm vụ chính trị của cơ quan."
)
SECOND = """# Phần thứ hai: PHƯƠNG HƯỚNG NHIỆM KỲ {{current_term}}

## I. MỤC TIÊU

Nêu khái quát thuận lợi, khó khăn của đảng bộ trong nhiệm kỳ vừa qua và tác động của chúng.

Xác định mục tiêu tổng quát của đảng bộ trong nhiệm kỳ tới, gắn với nhiệm vụ chính trị của cơ quan.
"""


@pytest.mark.parametrize("cache", ["on", "off"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_paragraph_in_a_later_file_is_judged_by_its_own_sections_guidance(
    mini, monkeypatch, cache, jobs
):
    if cache == "off":
        monkeypatch.setenv("VANKIEN_NO_CACHE", "1")
    monkeypatch.setenv("VANKIEN_JOBS", jobs)
    root = mini(files={"02-hai.md": SECOND})
    outline = root / "outline" / "mini.yaml"
    text = MINI_OUTLINE.read_text(encoding="utf-8")
    mark = "        title: MỤC TIÊU\n"
    assert mark in text
    outline.write_text(
        text.replace(mark, f'{mark}        guidance:\n          - "{OWN}"\n'), encoding="utf-8"
    )
    found = [(f.path, f.line) for f in lint_report(load_report(root)).findings if f.code == "PH003"]
    # Line 5 copies the first part's guidance, but «I. MỤC TIÊU» has guidance of its own, and
    # line 5 is not it; line 7 is.
    assert found == [("skeleton/02-hai.md", 7)]
