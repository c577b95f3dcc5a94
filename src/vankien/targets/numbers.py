"""Numbers written the Vietnamese way: read them («93,5%», «1.250», «12 đảng viên») and write
them (a decimal comma, a dot between thousands, «%» without a space).

One reader and one writer for the whole tool: the targets file, the tables built from it and
the numeric-claim rules all go through :func:`parse_number` and :func:`format_number`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PERCENT = "%"

# A number as Vietnamese writes it: digits with a dot between groups of three (1.250,
# 10.000.000) or plain digits (1250), then a decimal comma and its digits (93,5).
NUMBER_PATTERN = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_QUANTITY_RE = re.compile(rf"^(?P<number>{NUMBER_PATTERN})\s*(?P<unit>.*)$", re.DOTALL)
# A dot with other than three digits after it, or a comma before three digits and another
# separator: the forms other languages use (1.5, 1,250.5), which Vietnamese reads differently.
_FOREIGN_RE = re.compile(r"^\d+(?:[.,]\d+)*")


class NumberError(ValueError):
    """A figure that cannot be read; ``message`` and ``hint`` are Vietnamese, for a UserError
    or a finding."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Quantity:
    """A value and its unit as written: ``Quantity(Decimal("93.5"), "%", 1)`` for «93,5%».

    ``unit`` is "" when none was written, «%» for a percentage, else the words after the number
    (NFC, single spaces: «đảng viên»). ``decimals`` is the number of digits written after the
    decimal comma: the precision a comparison or a recomputed figure is held to.
    """

    value: Decimal
    unit: str
    decimals: int = 0

    @property
    def is_percent(self) -> bool:
        return self.unit == PERCENT

    def text(self) -> str:
        """The quantity written the Vietnamese way: «93,5%», «1.250 đảng viên»."""
        return format_quantity(self.value, self.unit, self.decimals)

    def with_unit(self, unit: str) -> Quantity:
        return Quantity(self.value, unit, self.decimals)


def normal_unit(text: str) -> str:
    """A unit as the tool compares it: NFC, single spaces, «%» for «%» or «phần trăm»."""
    unit = " ".join(unicodedata.normalize("NFC", text).split())
    return PERCENT if unit.casefold() in ("%", "phần trăm") else unit


def _decimal(number: str) -> tuple[Decimal, int]:
    whole, _, fraction = number.partition(",")
    return Decimal(whole.replace(".", "") + ("." + fraction if fraction else "")), len(fraction)


def parse_number(text: str) -> Quantity:
    """Read a figure written the Vietnamese way, with its unit if any.

    >>> parse_number("93,5%")
    Quantity(value=Decimal('93.5'), unit='%', decimals=1)
    >>> parse_number("1.250")
    Quantity(value=Decimal('1250'), unit='', decimals=0)
    >>> parse_number("12 đảng viên")
    Quantity(value=Decimal('12'), unit='đảng viên', decimals=0)

    A dot separates thousands (only before groups of three digits), a comma starts the
    decimals. Anything else («1.5», «1,250.5», «mười hai», «-3») is a :class:`NumberError`
    saying how to write it.
    """
    raw = unicodedata.normalize("NFC", str(text)).strip()
    if not raw:
        raise NumberError("thiếu số liệu (ô trống)")
    m = _QUANTITY_RE.match(raw)
    unit = normal_unit(m.group("unit")) if m else ""
    if m is None or (unit[:1].isdigit() or unit[:1] in (".", ",")):
        foreign = _FOREIGN_RE.match(raw)
        if foreign is not None:
            written = foreign.group(0)
            raise NumberError(
                f"không đọc được số «{written}» theo cách viết tiếng Việt",
                hint="dấu chấm ngăn cách hàng nghìn (1.250), dấu phẩy ngăn cách phần thập phân "
                "(93,5); ví dụ «93,5%», «1.250», «12 đảng viên».",
            )
        raise NumberError(
            f"«{raw}» không bắt đầu bằng một con số",
            hint="ghi số trước, đơn vị sau; ví dụ «93,5%», «1.250», «12 đảng viên».",
        )
    value, decimals = _decimal(m.group("number"))
    return Quantity(value, unit, decimals)


def format_number(value: Decimal | int, decimals: int = 0) -> str:
    """``value`` rounded to ``decimals`` digits (half up), with a decimal comma and a dot
    between thousands: 1250 → «1.250», 93.5 → «93,5», 88.888 with 1 → «88,9»."""
    number = Decimal(value)
    quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    return f"{out},{fraction}" if fraction else out


def format_quantity(value: Decimal | int, unit: str, decimals: int = 0) -> str:
    """A value with its unit: «93,5%» (no space before «%»), «12 đảng viên», «1.250»."""
    number = format_number(value, decimals)
    if not unit:
        return number
    return f"{number}{unit}" if unit == PERCENT else f"{number} {unit}"
