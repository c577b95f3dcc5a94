from __future__ import annotations

import pytest

from vankien.outline.model import Level, Number, int_to_roman, parse_number, roman_to_int


@pytest.mark.parametrize(
    ("text", "level", "parts", "rest"),
    [
        ("Phần thứ nhất: KẾT QUẢ", Level.PART, (1,), "KẾT QUẢ"),
        ("Phần thứ hai", Level.PART, (2,), ""),
        ("Phần III. TITLE", Level.PART, (3,), "TITLE"),
        ("I. ĐẶC ĐIỂM", Level.ROMAN, (1,), "ĐẶC ĐIỂM"),
        ("XIV- MỤC", Level.ROMAN, (14,), "MỤC"),
        ("1. Bối cảnh", Level.ARABIC, (1,), "Bối cảnh"),
        ("2.2. Công tác", Level.DECIMAL2, (2, 2), "Công tác"),
        ("2.2.1. Nguyên nhân", Level.DECIMAL3, (2, 2, 1), "Nguyên nhân"),
        ("b) Điểm", Level.ALPHA, (2,), "Điểm"),
    ],
)
def test_parse_number(text: str, level: Level, parts: tuple[int, ...], rest: str) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    number, remainder = parsed
    assert (number.level, number.parts, remainder) == (level, parts, rest)


@pytest.mark.parametrize("text", ["Bối cảnh", "IIII. X", "Phần thứ không", "- Việc"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_number_text_round_trips() -> None:
    for level, parts, text in [
        (Level.PART, (2,), "Phần thứ hai"),
        (Level.ROMAN, (6,), "VI."),
        (Level.DECIMAL3, (2, 2, 1), "2.2.1."),
        (Level.ALPHA, (3,), "c)"),
    ]:
        assert Number(level, parts).text() == text
        parsed = parse_number(text)
        assert parsed is not None and parsed[0] == Number(level, parts)


def test_roman_numbers() -> None:
    for n in range(1, 60):
        assert roman_to_int(int_to_roman(n)) == n
    assert roman_to_int("IIII") is None
    assert roman_to_int("") is None
