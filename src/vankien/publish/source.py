"""The Markdown that pandoc reads: the skeleton files joined in prefix order, checked first.

Also where pandoc's reading differs from what the writer typed:
- pandoc forgets which bullet character an item used, so "+" items get an empty
  ``[]{.vk-plus}`` span that filters/literal-lists.lua turns back into a literal "+";
- images must live inside the report folder (pandoc would fetch a URL or read any path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vankien.errors import UserError
from vankien.skeleton.fences import commented, fenced
from vankien.skeleton.files import SKELETON_DIR, read_skeleton, skeleton_files
from vankien.skeleton.images import image_problems

# A "+" bullet: up to 3 spaces of indent per level (any nesting), then "+" and a space.
PLUS_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)\+(?P<space>[ \t]+)(?=\S)")


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str


def read_sources(root: Path) -> list[SourceFile]:
    files = skeleton_files(root)
    if not files:
        raise UserError(
            "thư mục skeleton/ không có tệp nội dung nào (dạng NN-ten.md)",
            path=root / SKELETON_DIR,
            hint="chạy «vankien scaffold» để tạo các tệp khung từ đề cương.",
        )
    return [SourceFile(path, read_skeleton(path)) for path in files]


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


def check_images(root: Path, source: SourceFile) -> None:
    """Every image must be a file inside the report folder: the first problem is a user error
    (the linter reports them all, with the same check)."""
    for problem in image_problems(root, source.path, source.text):
        raise problem.error(source.path)


def joined_markdown(root: Path, sources: list[SourceFile]) -> str:
    """The text pandoc reads: the files in order, separated by blank lines."""
    for source in sources:
        check_images(root, source)
    parts = [mark_plus_items(source.text).strip("\n") for source in sources]
    return "\n\n".join(parts) + "\n"
