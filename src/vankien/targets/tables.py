"""The two target tables as pandoc Markdown (pipe tables), made from the data.

The layout of the printed table (widths, header row, alignment) is the build's
post-processing; this module only decides the columns and the text of every cell, the same
text for the same data every time.
"""

from __future__ import annotations

import re

from vankien.outline.model import TargetTable
from vankien.targets.model import SetKind, Target, TargetSet

# Characters pandoc's Markdown reader would read as markup inside a cell.
_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|~^$#@])")
_VARIABLE_RE = re.compile(r"(\{\{[A-Za-z0-9_]+\}\})")


def escape_cell(text: str) -> str:
    """``text`` as literal Markdown in a table cell: markup characters escaped, line breaks
    made spaces, the outline's ``{{variables}}`` kept as they are (the build fills them in)."""
    pieces = _VARIABLE_RE.split(" ".join(text.split()))
    return "".join(p if _VARIABLE_RE.fullmatch(p) else _SPECIAL_RE.sub(r"\\\1", p) for p in pieces)


def header(target_set: TargetSet, table: TargetTable) -> list[str]:
    """The column titles of ``target_set``'s table."""
    if target_set.kind is SetKind.NEXT:
        return ["STT", "Chỉ tiêu", "Chỉ tiêu nhiệm kỳ {{current_term}}"]
    years = [f"Năm {year}" for year in target_set.years()] if table.years else []
    return ["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", *years, "Đánh giá"]


def row(kind: SetKind, item: Target, table: TargetTable, years: tuple[int, ...]) -> list[str]:
    """One target's cells, in :func:`header`'s order (``years``: the per-year columns)."""
    if kind is SetKind.NEXT:
        return [str(item.number), escape_cell(item.text), escape_cell(item.planned_cell())]
    verdict = item.verdict
    cells = [
        str(item.number),
        escape_cell(item.text),
        escape_cell(item.planned_cell()),
        escape_cell(item.achieved_cell()),
    ]
    if table.years:
        cells += [escape_cell(item.year_cell(year)) for year in years]
    cells.append(verdict.value if verdict is not None else "")
    return cells


def markdown_table(target_set: TargetSet, table: TargetTable) -> str:
    """The whole table as a pipe table, without a trailing newline.

    The dashes of the separator row follow the longest cell of each column (pandoc takes the
    relative column widths from them when a cell wraps).
    """
    titles = header(target_set, table)
    years = target_set.years()
    rows = [row(target_set.kind, item, table, years) for item in target_set]
    widths = [max(len(titles[i]), *(len(r[i]) for r in rows)) for i in range(len(titles))]
    dashes = [max(3, min(width, 40)) for width in widths]
    lines = [
        "| " + " | ".join(titles) + " |",
        "|" + "|".join("-" * n for n in dashes) + "|",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]
    return "\n".join(lines)
