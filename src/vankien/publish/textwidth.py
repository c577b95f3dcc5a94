"""How wide a piece of text is when set in the document's font (Times New Roman).

An estimate from the font's advance widths (data/fonts/times-widths.txt), without kerning:
good to a few per cent, which is what sizing a table column or choosing where to break a
header line needs. Vietnamese letters count as their base letter.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from vankien.resources import data_path

UNKNOWN = 500  # thousandths of the size, for a character the table does not list
NBSP = "\u00a0"


@cache
def _widths() -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    text = data_path("fonts/times-widths.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("# "):
            continue
        char, regular, bold = line.rsplit(" ", 2)
        out[" " if char == "space" else char] = (int(regular), int(bold))
    return out


def _char_width(char: str, bold: bool) -> int:
    table = _widths()
    if char == NBSP:
        char = " "
    found = table.get(char)
    if found is None:
        base = unicodedata.normalize("NFD", char)[:1]
        found = table.get(base)
    if found is None:
        return UNKNOWN if unicodedata.category(char)[0] != "M" else 0
    return found[1] if bold else found[0]


def width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points."""
    return sum(_char_width(char, bold) for char in text) * size_pt / 1000
