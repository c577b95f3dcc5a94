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


COMMENT_OPEN_RE = re.compile(r"^[ \t]{0,3}<!--")


def commented(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to an HTML comment block (CommonMark's HTML block of
    kind 2: a line starting with ``<!--`` up to the line holding ``-->``; one left open runs to
    the end). Comments inside fenced code are code, not comments."""
    out = [False] * len(lines)
    code = fenced(lines)
    index = 0
    while index < len(lines):
        if code[index] or COMMENT_OPEN_RE.match(lines[index]) is None:
            index += 1
            continue
        start = index
        rest = lines[index][lines[index].index("<!--") + 4 :]
        while "-->" not in rest and index + 1 < len(lines):
            index += 1
            rest = lines[index]
        out[start : index + 1] = [True] * (index + 1 - start)
        index += 1
    return out
