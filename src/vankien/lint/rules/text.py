"""Helpers shared by the rules that read prose: quoting, locating and the data files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from vankien.errors import UserError
from vankien.lint.model import Context, Fix, Hit, Severity
from vankien.report.document import SourceFile, TextUnit, shown
from vankien.resources import data_entries

DATA = Path(__file__).resolve().parent.parent / "data"


def quote(text: str, start: int, end: int, context: int = 18) -> str:
    """The matched text with a little context on each side, in «» quotes."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    snippet = text[left:right].strip()
    snippet = " ".join(snippet.split())
    pre = "…" if left > 0 else ""
    post = "…" if right < len(text) else ""
    return shown(f"«{pre}{snippet}{post}»")


def unit_hit(
    source: SourceFile,
    unit: TextUnit,
    start: int,
    detail: str,
    *,
    end: int | None = None,
    replacement: str | None = None,
    severity: Severity | None = None,
    fix_start: int | None = None,
) -> Hit:
    """A hit at ``unit.text[start]``, with an optional fix replacing ``text[start:end]``."""
    offset = unit.file_offset(start)
    line, col = source.loc(offset)
    fix = None
    if replacement is not None and end is not None:
        begin = offset if fix_start is None else unit.file_offset(fix_start)
        fix = Fix(begin, unit.file_offset(end), replacement)
    return Hit(source.rel, line, col, detail, fix, severity)


def units(ctx: Context) -> Iterator[tuple[SourceFile, TextUnit]]:
    for source in ctx.report.files:
        for unit in source.units:
            yield source, unit


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file in lint/data/."""
    path = DATA / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise UserError(f"thiếu tệp dữ liệu «{name}» của vankien", path=path) from None
    return tuple(data_entries(text))


@cache
def data_regex(name: str) -> re.Pattern[str]:
    """The lines of a data file as one case-insensitive alternation."""
    parts = []
    for number, line in enumerate(data_lines(name), 1):
        try:
            re.compile(line)
        except re.error as exc:
            raise UserError(
                f"biểu thức sai trong tệp dữ liệu: {exc}", path=DATA / name, line=number
            ) from None
        parts.append(f"(?:{line})")
    return re.compile("|".join(parts), re.IGNORECASE)
