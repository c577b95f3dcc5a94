"""Fenced code blocks of a Markdown file, found line by line (CommonMark's fences)."""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Fence:
    """A fenced code block: its first and last line (0-based indexes) and its info string."""

    first: int
    last: int
    info: str


def fences(lines: list[str]) -> list[Fence]:
    """The fenced code blocks of ``lines``; one left open runs to the end (as in CommonMark)."""
    out: list[Fence] = []
    opened: tuple[int, str, str] | None = None
    for index, line in enumerate(lines):
        m = FENCE_RE.match(line)
        if m is None:
            continue
        marker, rest = m.group(1), line[m.end() :].strip()
        if opened is None:
            if marker[0] == "`" and "`" in rest:
                continue  # a code span, not a fence
            opened = (index, marker, rest)
        elif not rest and marker[0] == opened[1][0] and len(marker) >= len(opened[1]):
            out.append(Fence(opened[0], index, opened[2]))
            opened = None
    if opened is not None:
        out.append(Fence(opened[0], len(lines) - 1, opened[2]))
    return out


def fenced(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included)."""
    out = [False] * len(lines)
    for fence in fences(lines):
        out[fence.first : fence.last + 1] = [True] * (fence.last - fence.first + 1)
    return out
