"""The Markdown that pandoc reads: the skeleton files joined in prefix order, checked first.

Also where pandoc's reading differs from what the writer typed:
- pandoc forgets which bullet character an item used, so "+" items get an empty
  ``[]{.vk-plus}`` span that filters/literal-lists.lua turns back into a literal "+";
- images must live inside the report folder (pandoc would fetch a URL or read any path).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vankien.skeleton.fences import commented, fenced
from vankien.skeleton.images import image_problems
from vankien.targets.place import Insertion

# A "+" bullet: up to 3 spaces of indent per level (any nesting), then "+" and a space.
PLUS_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)\+(?P<space>[ \t]+)(?=\S)")


@dataclass(frozen=True)
class BuildSource:
    """One piece of pandoc's input: a skeleton file's path and its text as the build hands it
    on (perhaps with lines the build inserted), not the parsed file lint reads
    (:class:`vankien.report.document.SourceFile`)."""

    path: Path
    text: str
    # In the file's own line numbers, top to bottom; empty for the text as the writer typed it.
    inserted: tuple[Insertion, ...] = ()
    # ``{{names}}`` the unit has no value for, left as typed (vankien.publish.variables)
    unknown_variables: tuple[str, ...] = ()


def mark_plus_items(text: str) -> str:
    """Put ``[]{.vk-plus}`` after every "+" bullet marker of the Markdown text.

    Lines that pandoc does not read as Markdown keep their "+": fenced code, and HTML comment
    blocks (the guidance comments, whose "+" lines filters/guidance.lua shows as they are).
    """
    lines = text.split("\n")
    literal = [a or b for a, b in zip(fenced(lines), commented(lines), strict=True)]
    return "\n".join(
        line if raw else PLUS_ITEM_RE.sub(r"\g<indent>+\g<space>[]{.vk-plus} ", line, count=1)
        for line, raw in zip(lines, literal, strict=True)
    )


def check_images(root: Path, source: BuildSource) -> None:
    """Every image must be a file inside the report folder: the first problem is a user error
    (the linter reports them all, with the same check)."""
    for problem in image_problems(root, source.path, source.text):
        raise problem.error(source.path)


def joined_markdown(root: Path, sources: list[BuildSource]) -> str:
    """The text pandoc reads: the files in order, separated by blank lines."""
    return joined_with_anchors(root, sources)[0]


def joined_with_anchors(
    root: Path, sources: list[BuildSource], banner: Callable[[BuildSource], str] | None = None
) -> tuple[str, str]:
    """The text pandoc reads (each file preceded by the line ``banner`` gives, if any) and
    where each file starts in it, as filters/anchors.lua reads it (metadata
    ``vk-anchor-files``): ``NN:start:skipped`` per file, ``;``-separated, where ``start`` is
    the joined line holding the file's first kept line and ``skipped`` the blank lines cut
    from the file's start."""
    for source in sources:
        check_images(root, source)
    parts: list[str] = []
    spec: list[str] = []
    line = 1
    for source in sources:
        if banner is not None:
            parts.append(banner(source))
            line += 2
        marked = mark_plus_items(source.text)
        kept = marked.strip("\n")
        skipped = len(marked) - len(marked.lstrip("\n"))
        spec.extend(_anchor_segments(source, line, skipped))
        parts.append(kept)
        line += kept.count("\n") + 2
    return "\n\n".join(parts) + "\n", ";".join(spec)


def _anchor_segments(source: BuildSource, start: int, skipped: int) -> list[str]:
    """The ``NN:start:offset`` entries of one file (line ``start`` of the joined text is the
    file's line ``offset + 1``), one per stretch between the lines the build inserted, which
    get ``--:start:0`` entries: an inserted table has no writer's line to point back to."""
    prefix = source.path.name[:2]
    segments = [f"{prefix}:{start}:{skipped}"]
    shift = 0  # lines added minus lines replaced by the insertions above
    for insertion in source.inserted:
        at = insertion.index + shift  # its first line in the text the build reads
        segments.append(f"--:{start + at - skipped}:0")
        shift += insertion.added - insertion.replaced
        after = insertion.index + insertion.replaced
        segments.append(f"{prefix}:{start + after + shift - skipped}:{after}")
    return segments
