"""Text widths from the font's advance widths."""

from __future__ import annotations

from vankien.publish.textwidth import width_pt


def test_widths_follow_the_font_and_the_size() -> None:
    assert width_pt("0", 10) == 5.0
    assert width_pt("00", 14) == 14.0
    assert width_pt("M", 10, bold=True) > width_pt("M", 10)
    assert width_pt("Tỷ lệ", 13) == width_pt("Ty le", 13)  # marks take no width
    assert width_pt("Đ", 10) == width_pt("D", 10)
    assert width_pt("a\u00a0b", 10) == width_pt("a b", 10)


def test_a_character_the_table_lacks_still_has_a_width() -> None:
    assert width_pt("中", 10) == 5.0
