"""Where each heading stands in the outline's tree: computed once per lint run, read by the
structure, length and number rules and by ``vankien status``."""

from __future__ import annotations

from dataclasses import dataclass

from vankien.lint.model import Context
from vankien.outline.model import Section
from vankien.report.document import Heading

PathKey = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Placed:
    """A heading placed in the document tree: its number path and the outline section."""

    heading: Heading
    level: int  # effective level: the number's level, else the Markdown level
    path: PathKey | None  # None for an unnumbered heading
    parent: Placed | None
    section: Section | None  # the outline section it stands for (first occurrence only)
    duplicate: bool  # same number path as an earlier heading
    allowed_extra: bool  # not in the outline, but under a section that allows extra headings


def placed_headings(ctx: Context) -> list[Placed]:
    """Every heading with its place in the tree, computed once per run.

    Only of the whole report: a file's first heading sits under headings of the files before
    it, and the result is kept for every rule of the run (a file-scope rule asking here once
    had every file after the first judged by the first file's headings)."""
    if not ctx.report.is_whole:
        raise RuntimeError("placed_headings needs the whole report, not one file of it")
    cached = ctx.cache.get("placed")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    index = ctx.section_index
    seen: set[PathKey] = set()
    stack: list[Placed] = []
    out: list[Placed] = []
    for heading in ctx.report.headings:
        level = heading.number.level.value if heading.number else heading.level
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        path: PathKey | None = None
        if heading.number is not None and (parent is None or parent.path is not None):
            prefix = parent.path if parent is not None and parent.path is not None else ()
            path = (*prefix, (level, heading.number.last))
        # Under a duplicated heading everything repeats the first one's paths: one finding
        # (the duplicate number) is enough, its sub-headings are not checked against the outline.
        duplicate = (path is not None and path in seen) or (parent is not None and parent.duplicate)
        section = index.get(path) if path is not None and not duplicate else None
        if path is not None:
            seen.add(path)
        allowed = False
        if section is None and not duplicate:
            ancestor = parent
            while ancestor is not None and ancestor.section is None:
                ancestor = ancestor.parent
            allowed = (
                ancestor is not None
                and ancestor.section is not None
                and (ancestor.section.allow_extra)
            )
        placed = Placed(heading, level, path, parent, section, duplicate, allowed)
        out.append(placed)
        stack.append(placed)
    ctx.cache["placed"] = out
    return out


def section_span(ctx: Context, placed: Placed) -> list[Placed]:
    """The heading itself and all headings nested under it."""
    items = placed_headings(ctx)
    i = placed.heading.index
    out = [placed]
    for other in items[i + 1 :]:
        if other.level <= placed.level:
            break
        out.append(other)
    return out
