"""Vietnamese numbers: read as written, written back the same way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vankien.targets.numbers import (
    NumberError,
    Quantity,
    format_number,
    format_quantity,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value", "unit", "decimals"),
    [
        ("93,5%", "93.5", "%", 1),
        ("1.250", "1250", "", 0),
        ("12 đảng viên", "12", "đảng viên", 0),
        ("1.250,75 triệu đồng", "1250.75", "triệu đồng", 2),
        ("10.000.000", "10000000", "", 0),
        ("100 %", "100", "%", 0),
        ("7 phần trăm", "7", "%", 0),
        ("  46   nhiệm  vụ ", "46", "nhiệm vụ", 0),
        ("0,50%", "0.50", "%", 2),
    ],
)
def test_parse_number_reads_vietnamese_notation(
    text: str, value: str, unit: str, decimals: int
) -> None:
    assert parse_number(text) == Quantity(Decimal(value), unit, decimals)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1.5", "«1.5»"),
        ("1,250.5", "«1,250.5»"),
        ("1.2345", "«1.2345»"),
        ("mười hai", "không bắt đầu bằng một con số"),
        ("-3", "không bắt đầu bằng một con số"),
        ("", "ô trống"),
    ],
)
def test_parse_number_refuses_other_notations(text: str, says: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert says in info.value.message


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("1250"), 0, "1.250"),
        (Decimal("93.5"), 1, "93,5"),
        (Decimal("88.888"), 1, "88,9"),
        (Decimal("0.05"), 1, "0,1"),
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (12, 0, "12"),
        (Decimal("999"), 0, "999"),
    ],
)
def test_format_number(value: Decimal, decimals: int, text: str) -> None:
    assert format_number(value, decimals) == text


def test_format_quantity_puts_percent_without_space() -> None:
    assert format_quantity(Decimal("93.5"), "%", 1) == "93,5%"
    assert format_quantity(1250, "đảng viên") == "1.250 đảng viên"
    assert format_quantity(7, "") == "7"


@pytest.mark.parametrize("text", ["93,5%", "1.250", "12 đảng viên", "1.250,75 triệu đồng"])
def test_round_trip(text: str) -> None:
    assert parse_number(text).text() == text
