"""Headings recognised the way people type them, mapped onto the outline's sections.

A heading is recognised from, together: the number typed in the text ("Phần thứ nhất", "I.",
"1.", "1.1.", "2.2.1.", "a)"), the number Word displays (numbering.xml), the paragraph's heading
style or outline level (localised style names included), and direct bold or capitals on a short
paragraph. Recognised headings are then mapped onto the outline by title, with the linter's own
normalisation (:func:`vankien.outline.model.normal_title`), tolerating wrong numbers (two "II.",
a "III." out of order), missing and extra sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from vankien.outline.model import Level, Number, Outline, Section
from vankien.word.model import WordDocument


class Cue(Enum):
    """What made a paragraph look like a heading."""

    TYPED_NUMBER = "typed-number"  # the text starts with a heading number
    AUTO_NUMBER = "auto-number"  # Word's automatic number is a heading number
    STYLE = "style"  # a heading style or an outline level
    BOLD = "bold"  # every character bold (direct or through the style)
    CAPS = "caps"  # displayed in capitals
    SHORT = "short"  # short, no final full stop (a title, not a sentence)


class MatchKind(Enum):
    """How a recognised heading was mapped onto an outline section."""

    NUMBER_AND_TITLE = "number-and-title"  # the same number at the same place, same title
    TITLE = "title"  # the title matches; the number is missing or wrong
    NUMBER = "number"  # the number and place match; the title differs (rewritten)


@dataclass(frozen=True)
class HeadingCandidate:
    """A paragraph recognised as a heading, before mapping."""

    paragraph: int  # Paragraph.index
    text: str  # as a reader sees it: automatic number (if any) + text, whitespace collapsed
    number: Number | None  # parsed from ``text`` (the typed or the automatic number)
    number_raw: str  # the number as shown ("II.", "Phần thứ nhất:", "1.2.")
    title: str  # the text after the number
    level: Level | None  # the number's level; else from the style's heading level, else None
    cues: frozenset[Cue]
    strong: bool  # a style/outline level, or a number with bold or capitals: surely a heading


@dataclass(frozen=True)
class MappedHeading:
    """A recognised heading with the outline section it stands for (None: an extra heading)."""

    candidate: HeadingCandidate
    section: Section | None
    how: MatchKind | None  # None when section is None
    title_score: float  # similarity of the normalised titles, 0..1 (1.0: equal)
    number_ok: bool  # the displayed number equals the section's number
    title_ok: bool  # the normalised titles are equal (after the unit's variables)
    level: Level  # the level it takes in the tree (the section's, else its own)

    @property
    def paragraph(self) -> int:
        return self.candidate.paragraph


class Role(Enum):
    """What a body paragraph is in the draft."""

    HEADER = "header"  # part of the header block (thể thức), read as metadata
    HEADING = "heading"  # a recognised heading (mapped or extra)
    BODY = "body"  # text under a heading
    UNPLACED = "unplaced"  # text not under any outline section (e.g. before the first heading)
    CLOSING = "closing"  # the signature block and "Nơi nhận" (written by the build)
    EMPTY = "empty"  # no visible text


@dataclass(frozen=True)
class Placement:
    """Where one body paragraph falls."""

    paragraph: int  # Paragraph.index
    role: Role
    section: Section | None  # the innermost outline section it falls under (None: none)
    heading: int | None  # index into Draft.headings of the heading it falls under


@dataclass(frozen=True)
class Draft:
    """A Word draft read against an outline."""

    document: WordDocument
    outline: Outline
    variables: Mapping[str, str]  # the unit's values used to resolve the outline's titles
    headings: tuple[MappedHeading, ...]  # every recognised heading, in document order
    placements: tuple[Placement, ...]  # one per paragraph of document.paragraphs, same order
    missing: tuple[Section, ...]  # outline sections no heading was mapped to (outline order)

    def placement(self, paragraph: int) -> Placement:
        """The placement of the paragraph with this index."""
        raise NotImplementedError

    def heading_for(self, section_id: str) -> MappedHeading | None:
        """The (first) heading mapped to the outline section with this id."""
        raise NotImplementedError

    def section_of(self, paragraph: int) -> Section | None:
        """The innermost outline section the paragraph falls under."""
        return self.placement(paragraph).section

    @property
    def extra(self) -> tuple[MappedHeading, ...]:
        """Recognised headings that stand for no outline section."""
        return tuple(h for h in self.headings if h.section is None)

    @property
    def unplaced(self) -> tuple[int, ...]:
        """Paragraphs with text that fall under no outline section."""
        return tuple(p.paragraph for p in self.placements if p.role is Role.UNPLACED)


def recognise_headings(document: WordDocument) -> tuple[HeadingCandidate, ...]:
    """Every body paragraph (not in a table, not in the header block) that looks like a heading.

    Weak candidates (a typed "a)" on a plain paragraph, a short bold line) are kept with
    ``strong=False``: mapping keeps them as headings only when they match an outline section.
    """
    raise NotImplementedError


def map_headings(
    candidates: tuple[HeadingCandidate, ...],
    outline: Outline,
    variables: Mapping[str, str],
) -> tuple[MappedHeading, ...]:
    """Map candidates onto outline sections by normalised title, using number, level and the
    section already mapped above as tie-breakers (titles like "Ưu điểm" repeat under several
    sections). Each section is taken at most once; weak candidates that match nothing are
    dropped (they are body text), strong ones are kept as extra headings (section None).
    """
    raise NotImplementedError


def build_draft(document: WordDocument, outline: Outline, variables: Mapping[str, str]) -> Draft:
    """Recognise and map the headings of ``document`` and place every paragraph.

    ``variables`` are the unit's values (``Unit.variables()``) used to resolve ``{{name}}`` in
    the outline's titles before comparing them with the draft's.
    """
    raise NotImplementedError
