"""Dash spacing: a dash between two words or numbers with a space on one side only.

The convention (docs/vietnamese-checks.md, «Gạch nối»): a dash that joins two words or two
numbers either has one space on each side («kinh tế - xã hội», «2020 - 2025», the form the
build prints for term years) or none at all, inside a code or a compound written as one
(«21-NQ/TW», «COVID-19»). A space on one side only is always a slip. The fix makes the spacing
symmetric («tế - xã»), and is offered only where both sides are Vietnamese words or both are
numbers: next to a code or an acronym the writer may have meant the unspaced form.

Year ranges («2019 -2024») are left to CON003, which writes them in the print form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vankien.lint.vietnamese.config import LangConfig
from vankien.lint.vietnamese.hits import TextHit
from vankien.lint.vietnamese.syllable import parse

_DASHES = "-–—"
# A word or number, then spaces and a dash glued to the next word; or a dash glued to the
# word before and spaces after it. Spaces are ordinary spaces or non-breaking ones.
_ONE_SIDED_RE = re.compile(
    rf"(?P<left>[\w%]+)(?:(?P<sp1>[ \u00a0]+)(?P<d1>[{_DASHES}])(?=\w)"
    rf"|(?P<d2>[{_DASHES}])(?P<sp2>[ \u00a0]+)(?=\w))"
)
_RIGHT_RE = re.compile(r"\w+%?")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*%?")


def _year_ranges(text: str) -> list[tuple[int, int]]:
    from vankien.lint.rules.consistency import YEAR_RANGE_RE

    return [m.span() for m in YEAR_RANGE_RE.finditer(text)]


def _kind(word: str) -> str:
    """«number», «word» (a Vietnamese syllable, not in capitals) or «other» (code, acronym)."""
    if _NUMBER_RE.fullmatch(word):
        return "number"
    if word.isalpha() and not (word.isupper() and len(word) > 1) and parse(word.lower()):
        return "word"
    return "other"


def check_dash_spacing(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """A dash with a space on one side only: «kinh tế- xã hội», «kinh tế -xã hội», «tháng 6
    -8». ``text`` is a paragraph (soft line breaks joined by spaces). The fix puts one space
    on each side, when both sides are words or both are numbers; a year range is CON003's.
    """
    del cfg  # the convention needs no word list
    if not any(d in text for d in _DASHES):
        return
    years: list[tuple[int, int]] | None = None
    for m in _ONE_SIDED_RE.finditer(text):
        right = _RIGHT_RE.match(text, m.end())
        if right is None:
            continue
        left = m.group("left")
        # A document symbol with its number left blank: «Số -BC/ĐU» (filled in by hand).
        if text.startswith("/", right.end()):
            continue
        # A negative number («giảm -5%»): a lower-case word, spaces, a dash and digits.
        if m.group("d1") and right.group()[:1].isdigit() and left.islower():
            continue
        if years is None:
            years = _year_ranges(text)
        if any(s <= m.start("left") < e for s, e in years):
            continue
        dash = m.group("d1") or m.group("d2")
        gap_start, gap_end = m.end("left"), m.end()
        kinds = {_kind(left), _kind(right.group())}
        fixable = kinds in ({"word"}, {"number"})
        written = text[m.start("left") : right.end()]
        wanted = f"{left} {dash} {right.group()}"
        advice = (
            f"viết «{wanted}» (mỗi bên một dấu cách)"
            if fixable
            else f"viết «{wanted}» hoặc liền «{left}{dash}{right.group()}» nếu là mã, tên viết tắt"
        )
        yield TextHit(
            gap_start,
            gap_end,
            f"gạch nối chỉ có dấu cách một bên: «{written}» → {advice}",
            f" {dash} ",
            fixable,
        )
