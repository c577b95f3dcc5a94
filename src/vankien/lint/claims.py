"""Numeric claims in prose and tables, found in the parsed document model.

What the NUM rules read: a fraction or a count next to a percentage («8/9 chỉ tiêu, đạt 90%»),
counts of targets by verdict («8/10 chỉ tiêu đạt và vượt», «2 chỉ tiêu không đạt»), claims
about one target («vượt 20% kế hoạch», «đạt 90% kế hoạch», «tăng từ A lên B», «gấp N lần»),
pipe tables (rows and cells, with where each cell starts) and years. Everything here is about
finding and locating; the figures are read by :mod:`vankien.targets.numbers` and the
judging is done by the rules (:mod:`vankien.lint.rules.numbers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from vankien.report.document import SourceFile, TextUnit
from vankien.targets.numbers import NUMBER_PATTERN, parse_number

# A figure as Vietnamese writes it («1.250», «93,5», «12»): the targets' one number pattern.
FIGURE = NUMBER_PATTERN
_F = f"(?:{FIGURE})"
# A fraction «8/9» (not a date «29/02/2024», not «1/2/3»).
FRACTION_RE = re.compile(rf"(?<![\d/.,])(?P<a>{_F})\s*/\s*(?P<b>{_F})(?![\d/])")
# «45 trên (tổng số) 48», «45 trong tổng số 48»: a count of a whole.
OF_TOTAL_RE = re.compile(
    rf"(?<![\d/.,])(?P<a>{_F})\s+(?:trên|trong)\s+(?:tổng\s+số\s+)?(?P<b>{_F})(?![\d/])",
    re.IGNORECASE,
)
PERCENT_RE = re.compile(rf"(?<![\d/.,])(?P<p>{_F})\s*%")
# After a fraction, its percentage: a few words (the unit: «chỉ tiêu», «đảng viên»), a comma
# or a bracket, a linking word, the figure. A word of change («vượt 20%») is another claim.
_CHANGE = r"(?:vượt|tăng|giảm|hơn|thêm|còn|thiếu|so)(?![^\W\d_])"
PERCENT_AFTER_RE = re.compile(
    rf"(?:\s+(?!{_CHANGE})[^\W\d_]+){{0,6}}\s*[,(–-]?\s*"
    rf"(?:(?:đạt|bằng|chiếm|là|=|tương\s+đương|tỷ\s+lệ|tỉ\s+lệ)\s*)?(?P<p>{_F})\s*%",
    re.IGNORECASE,
)
# «đạt 90% (9/10 sáng kiến)»: the percentage first, its fraction in brackets.
PERCENT_THEN_FRACTION_RE = re.compile(
    rf"(?<![\d/.,])(?P<p>{_F})\s*%\s*\(\s*(?P<a>{_F})\s*(?:/|trên)\s*(?P<b>{_F})(?![\d/])",
    re.IGNORECASE,
)

# Counts of targets by verdict. The verdict words (data, one fact in one place, would be the
# targets' verdict names; these are the phrasings of the text).
_TARGET = r"chỉ\s+tiêu"
_VERDICT = (
    r"(?P<verdict>đạt\s+và\s+vượt|đạt\s+hoặc\s+vượt|hoàn\s+thành\s+và\s+hoàn\s+thành\s+vượt"
    r"|hoàn\s+thành\s+vượt|không\s+đạt|chưa\s+đạt|không\s+hoàn\s+thành|chưa\s+hoàn\s+thành"
    r"|vượt|đạt|hoàn\s+thành)"
)
_QUALIFIER = r"(?:\s+(?:chủ\s+yếu|cơ\s+bản|của\s+nghị\s+quyết|nghị\s+quyết|đề\s+ra))*"
# «8/10 chỉ tiêu (chủ yếu …) đạt và vượt», «6 chỉ tiêu vượt», «2/10 chỉ tiêu … không đạt».
COUNT_AFTER_RE = re.compile(
    rf"(?<![\d/.,])(?P<n>\d+)(?:\s*/\s*(?P<of>\d+))?\s+{_TARGET}{_QUALIFIER}"
    rf"(?P<between>[^;.!?\d]{{0,80}}?)\s+{_VERDICT}(?![^\W\d_])",
    re.IGNORECASE,
)
# «đạt và vượt 10/12 chỉ tiêu», «không đạt 2 chỉ tiêu».
COUNT_BEFORE_RE = re.compile(
    rf"(?<![^\W\d_]){_VERDICT}\s+(?P<n>\d+)(?:\s*/\s*(?P<of>\d+))?\s+{_TARGET}(?![^\W\d_])",
    re.IGNORECASE,
)
# «vượt 20% kế hoạch», «đạt 90% chỉ tiêu», «vượt 7 điểm phần trăm», «vượt 15%».
TARGET_PERCENT_RE = re.compile(
    rf"(?<![^\W\d_])(?P<verb>vượt|đạt|bằng)\s+(?P<p>{_F})\s*(?P<unit>%|điểm\s+phần\s+trăm)"
    rf"(?P<object>\s+(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu))?",
    re.IGNORECASE,
)
INCREASE_RE = re.compile(
    rf"(?<![^\W\d_])tăng\s+từ\s+(?P<a>{_F})\s*(?P<ua>%?)(?P<mid>[^;.!?\d]{{0,40}}?)\s+lên\s+"
    rf"(?P<b>{_F})\s*(?P<ub>%?)",
    re.IGNORECASE,
)
TIMES_RE = re.compile(rf"(?<![^\W\d_])gấp\s+(?P<n>{_F})\s+lần", re.IGNORECASE)
# The first cell of a table's total row.
TOTAL_ROW_RE = re.compile(r"^\**\s*(?:tổng\s+cộng|tổng\s+số|tổng|cộng)\b", re.IGNORECASE)
YEAR_RE = re.compile(r"(?<![\d/.,])(?:năm\s+)?((?:19|20)\d{2})(?![\d/])", re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    text: str  # the cell's text, stripped
    start: int  # offset of the cell's text in the row unit's text


@dataclass(frozen=True)
class TableRow:
    unit: TextUnit
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class PipeTable:
    """A pipe table of one file: its header row and its body rows (the separator dropped)."""

    source: SourceFile
    header: TableRow
    rows: tuple[TableRow, ...]
    heading: int | None  # the heading the table is under

    def column(self, *names: str) -> int | None:
        """The index of the first header cell that starts with one of ``names``."""
        for i, cell in enumerate(self.header.cells):
            text = " ".join(cell.text.split()).lower()
            if any(text.startswith(n.lower()) for n in names):
                return i
        return None


_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _cells(unit: TextUnit) -> tuple[Cell, ...]:
    text = unit.text
    out: list[Cell] = []
    pos = 0
    if text.lstrip().startswith("|"):
        pos = text.index("|") + 1
    while pos <= len(text):
        end = pos
        while end < len(text) and text[end] != "|":
            end += 2 if text[end] == "\\" else 1
        raw = text[pos:end]
        if end >= len(text) and not raw.strip():
            break
        # A cell bold or italic as a whole («**STT**», Word's header row) reads as its text.
        lead = len(raw) - len(raw.lstrip(" \t*_"))
        out.append(Cell(raw.strip(" \t*_"), pos + lead))
        pos = end + 1
    return tuple(out)


def tables(source: SourceFile) -> Iterator[PipeTable]:
    """The pipe tables of a file: runs of consecutive table-row units with a separator row."""
    run: list[TextUnit] = []

    def flush() -> Iterator[PipeTable]:
        if len(run) >= 2 and _SEPARATOR_RE.match(run[1].text.strip()):
            header = TableRow(run[0], _cells(run[0]))
            rows = tuple(TableRow(u, _cells(u)) for u in run[2:])
            yield PipeTable(source, header, rows, run[0].heading)

    for unit in source.units:
        is_row = unit.kind != "heading" and unit.text.lstrip().startswith("|")
        if is_row and run and unit.line == run[-1].line + 1:
            run.append(unit)
            continue
        yield from flush()
        run = [unit] if is_row else []
    yield from flush()


def prose_units(source: SourceFile) -> Iterator[TextUnit]:
    """The paragraphs and items of a file that are not table rows."""
    for unit in source.body_units():
        if not unit.text.lstrip().startswith("|"):
            yield unit


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``text[pos]``: from after the last «.», «;», «:» before it (or the
    start) to the next one (or the end)."""
    start = max(text.rfind(c, 0, pos) for c in ".;:!?") + 1
    ends = [i for i in (text.find(c, pos) for c in ".;!?") if i != -1]
    return start, min(ends) if ends else len(text)


def clause_before(text: str, pos: int) -> str:
    """The clause a claim at ``pos`` is about: back to the last «;», «.», «:» or «,»."""
    start = max(text.rfind(c, 0, pos) for c in ".;:!?,") + 1
    return text[start:pos]


def decimals(figure: str) -> int:
    """How many decimals a figure is written with («88,9» → 1)."""
    return parse_number(figure).decimals


def words_of(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def stop_words() -> frozenset[str]:
    """Words that say nothing about which target a clause names (data: target-stopwords.txt)."""
    from vankien.lint.rules.text import data_lines

    return frozenset(w.lower() for line in data_lines("target-stopwords.txt") for w in line.split())
