"""VI015: a dash with a space on one side only; the fix and when it is offered."""

from __future__ import annotations

import pytest

from vankien.lint.vietnamese.checks import LangConfig
from vankien.lint.vietnamese.dashes import check_dash_spacing


def _fixed(text: str, cfg: LangConfig) -> str:
    out = text
    for hit in sorted(check_dash_spacing(text, cfg), key=lambda h: -h.start):
        assert hit.fixable and hit.suggestion is not None
        out = out[: hit.start] + hit.suggestion + out[hit.end :]
    return out


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("kinh tế- xã hội", "kinh tế - xã hội"),
        ("kinh tế -xã hội", "kinh tế - xã hội"),
        ("ngày 15 -20 hằng tháng", "ngày 15 - 20 hằng tháng"),
        ("văn hóa – thể thao– du lịch", "văn hóa – thể thao – du lịch"),
        ("“Đoàn kết- Dân chủ- Kỷ cương”", "“Đoàn kết - Dân chủ - Kỷ cương”"),
    ],
)
def test_fix_puts_a_space_on_each_side(text: str, want: str, cfg: LangConfig) -> None:
    fixed = _fixed(text, cfg)
    assert fixed == want
    assert list(check_dash_spacing(fixed, cfg)) == []  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "kinh tế - xã hội; 21-NQ/TW; COVID-19; V.I. Lê-nin",
        "giảm -5%; nhiệm kỳ 2019 -2024; Số -BC/ĐU",
        "- một mục danh sách",
    ],
)
def test_no_finding(text: str, cfg: LangConfig) -> None:
    assert list(check_dash_spacing(text, cfg)) == []


def test_beside_a_code_it_reports_without_a_fix(cfg: LangConfig) -> None:
    (hit,) = check_dash_spacing("dịch COVID -19", cfg)
    assert not hit.fixable
    assert "«COVID-19»" in hit.message


def test_silent_on_correct_prose(cfg: LangConfig, prose: list[str]) -> None:
    assert [h for t in prose for h in check_dash_spacing(t, cfg)] == []
