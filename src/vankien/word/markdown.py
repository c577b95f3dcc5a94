"""A :class:`~vankien.word.structure.Draft` as Markdown: one text per skeleton file.

Both ``vankien check`` (lints the texts in memory) and ``vankien import`` (writes them) use this
one conversion. Headings are written at the outline's levels; body paragraphs as Markdown (bold
``**``, italic ``*``, "-" and "+" items as the literal markers the build expects, tables as
pipe tables or grid tables, footnotes as ``[^n]``, images as ``![](../images/…)``). Every line
remembers the paragraph it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from vankien.word.structure import Draft

IMAGE_DIR = "images"  # images are extracted to <report>/images/ (paths in Markdown: ../images/)
UNPLACED_OPEN = "<!-- VANKIEN: NỘI DUNG CHƯA XẾP ĐƯỢC VÀO MỤC NÀO CỦA ĐỀ CƯƠNG"
UNPLACED_CLOSE = "<!-- VANKIEN: HẾT NỘI DUNG CHƯA XẾP ĐƯỢC -->"


class HeadingForm(Enum):
    """How a mapped heading is written."""

    OUTLINE = "outline"  # as the outline (and ``vankien scaffold``) writes it: for import
    DRAFT = "draft"  # the draft's own number and title at the outline's level: for check, so
    # the linter's structure rules see the draft's numbering and titles


@dataclass(frozen=True)
class ImageExport:
    """A picture to copy out of the docx."""

    part: str  # zip member, e.g. "word/media/image1.png"
    path: str  # where it goes, relative to the report folder: "images/image1.png"


@dataclass(frozen=True)
class MarkdownFile:
    """One skeleton file's Markdown and, for each of its lines, the paragraph it came from."""

    file: str  # skeleton file name, e.g. "01-dac-diem-tinh-hinh.md"
    text: str
    sources: tuple[int | None, ...]  # sources[n - 1]: Paragraph.index of line n (None: none)

    @property
    def rel(self) -> str:
        """The path lint uses: "skeleton/<file>"."""
        return f"skeleton/{self.file}"

    def source(self, line: int) -> int | None:
        """Paragraph.index of 1-based ``line``; a blank or generated line takes the nearest
        paragraph above it (None before any)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Conversion:
    files: tuple[MarkdownFile, ...]  # one per outline file (Outline.files() order)
    images: tuple[ImageExport, ...]
    unplaced: tuple[tuple[str, tuple[int, ...]], ...]  # (file, paragraphs) of marked blocks

    def file(self, name: str) -> MarkdownFile:
        for item in self.files:
            if item.file == name:
                return item
        raise KeyError(name)


def to_markdown(draft: Draft, *, headings: HeadingForm = HeadingForm.OUTLINE) -> Conversion:
    """Convert ``draft``: every outline file gets its headings (mapped ones in ``headings``
    form, extra ones as the draft writes them, at their own level) and the body paragraphs
    under them. Missing sections get no heading (the linter reports them). Text placed under no
    outline section goes, between ``UNPLACED_OPEN`` and ``UNPLACED_CLOSE`` marker lines, into
    the nearest file (the first file for text before the first heading).
    """
    raise NotImplementedError
