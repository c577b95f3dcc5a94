"""VI016: a group of words written twice in a row."""

from __future__ import annotations

import pytest

from vankien.lint.vietnamese.checks import LangConfig
from vankien.lint.vietnamese.phrases import check_repeated_phrases


def _hits(text: str, cfg: LangConfig) -> list[str | None]:
    return [h.suggestion for h in check_repeated_phrases(text, cfg)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Đã được đã được triển khai.", ["Đã được"]),
        ("công tác kiểm tra công tác kiểm tra, giám sát", ["công tác kiểm tra"]),
        ("Đó cũng là cũng là mối quan hệ biện chứng.", ["cũng là"]),
        ("từng bước được từng bước được trẻ hóa", ["từng bước được"]),
    ],
)
def test_repeated_group(text: str, want: list[str], cfg: LangConfig) -> None:
    assert _hits(text, cfg) == want


@pytest.mark.parametrize(
    "text",
    [
        "Tổ chức, tổ chức lại bộ máy; kiểm tra, kiểm tra lại.",  # across punctuation
        "dần dần dần dần",  # one word: VI007's
        "III. MỤC TIÊU TỔNG QUÁT Mục tiêu tổng quát của Đảng bộ",  # a heading echoed
        "năm 2020 năm 2021",  # numbers break the group
    ],
)
def test_no_finding(text: str, cfg: LangConfig) -> None:
    assert _hits(text, cfg) == []


def test_silent_on_correct_prose(cfg: LangConfig, prose: list[str]) -> None:
    assert [h for t in prose for h in _hits(t, cfg)] == []
