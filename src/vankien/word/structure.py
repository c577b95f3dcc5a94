"""Headings recognised the way people type them, mapped onto the outline's sections.

A heading is recognised from, together: the number typed in the text ("Phần thứ nhất", "I.",
"1.", "1.1.", "2.2.1.", "a)"), the number Word displays (numbering.xml), the paragraph's heading
style or outline level (localised style names included), and direct bold or capitals on a short
paragraph. Recognised headings are then mapped onto the outline by title, with the linter's own
normalisation (:func:`vankien.outline.model.normal_title`), tolerating wrong numbers (two "II.",
a "III." out of order), missing and extra sections.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from vankien.outline.model import (
    Level,
    Number,
    Outline,
    Section,
    normal_title,
    parse_number,
    split_heading,
)
from vankien.skeleton.render import substitute
from vankien.word.header import clean_text
from vankien.word.model import Area, Paragraph, WordDocument


class Cue(Enum):
    """What made a paragraph look like a heading."""

    TYPED_NUMBER = "typed-number"  # the text starts with a heading number
    AUTO_NUMBER = "auto-number"  # Word's automatic number is a heading number
    STYLE = "style"  # a heading style or an outline level
    BOLD = "bold"  # every character bold (direct or through the style)
    CAPS = "caps"  # displayed in capitals
    SHORT = "short"  # short, no final full stop (a title, not a sentence)
    RUN_IN = "run-in"  # a bold numbered title at the start of a paragraph that goes on


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
    # Further paragraphs that belong to the heading: "Phần thứ nhất" on one line and its title
    # on the next make one heading.
    extra_paragraphs: tuple[int, ...] = ()
    # A run-in heading ("**1.1. Ưu điểm:** Trong nhiệm kỳ …"): the paragraph's body text starts
    # at runs[body_run]; None when the whole paragraph is the heading.
    body_run: int | None = None

    @property
    def paragraphs(self) -> tuple[int, ...]:
        return (self.paragraph, *self.extra_paragraphs)


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
    CONTENTS = "contents"  # the table of contents Word generates (the build makes its own)


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
    _by_index: dict[int, Placement] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_index.update((p.paragraph, p) for p in self.placements)

    def placement(self, paragraph: int) -> Placement:
        """The placement of the paragraph with this index."""
        return self._by_index[paragraph]

    def heading_for(self, section_id: str) -> MappedHeading | None:
        """The (first) heading mapped to the outline section with this id."""
        for heading in self.headings:
            if heading.section is not None and heading.section.id == section_id:
                return heading
        return None

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


MAX_HEADING_WORDS = 40  # longer than this is a sentence, not a heading
MAX_UNNUMBERED_WORDS = 25  # a bold or capitalised line without a number
FUZZY = 0.8  # title similarity (0..1) that still counts as the same title
FUZZY_WEAK = 0.9  # … for a weak candidate (no style, no formatting)
ITEM_RE = re.compile(r"^[-+–•*]\s")
CLOSING_RE = re.compile(r"^(?:T\s*/\s*M\b|TM\.|Nơi\s+nhận\b)", re.IGNORECASE)


_clean = clean_text


def _level_from_style(para: Paragraph) -> Level | None:
    level = para.outline_level or para.style.heading_level
    if level is None:
        return None
    return Level(min(level, 6))


def _run_in(para: Paragraph) -> HeadingCandidate | None:
    """A bold typed number and title at the start of a paragraph whose text goes on unbolded."""
    prefix: list[str] = []
    body = None
    for i, run in enumerate(para.runs):
        if run.image is not None or run.footnote is not None or run.endnote is not None:
            return None
        if run.bold or not run.text.strip():
            prefix.append(run.text)
            continue
        body = i
        break
    if body is None:
        return None
    head = _clean("".join(prefix))
    rest = _clean("".join(r.text for r in para.runs[body:]))
    number, number_raw, title = split_heading(head)
    if number is None or not title or len(rest.split()) < 3:
        return None
    if len(head.split()) > MAX_HEADING_WORDS or number.level is Level.PART:
        return None
    return HeadingCandidate(
        paragraph=para.index,
        text=head,
        number=number,
        number_raw=number_raw,
        title=title.rstrip(" :.–-"),
        level=number.level,
        cues=frozenset({Cue.TYPED_NUMBER, Cue.BOLD, Cue.RUN_IN}),
        strong=True,
        body_run=body,
    )


def _candidate(para: Paragraph) -> HeadingCandidate | None:
    text = _clean(para.display)
    if not text or ITEM_RE.match(text):
        return None
    if (
        para.number is None
        and para.outline_level is None
        and para.style.heading_level is None
        and not para.all_bold
        and parse_number(text) is not None
    ):
        run_in = _run_in(para)
        if run_in is not None:
            return run_in
    words = len(text.split())
    cues: set[Cue] = set()
    parsed = parse_number(text)
    if parsed is not None:
        typed = parse_number(_clean(para.text))
        cues.add(Cue.TYPED_NUMBER if typed is not None else Cue.AUTO_NUMBER)
    elif para.number is not None and not para.number.is_bullet and para.number.label:
        cues.add(Cue.AUTO_NUMBER)  # numbered, but not in a heading form ("(1)", "1/")
    styled = para.outline_level is not None or para.style.heading_level is not None
    if styled:
        cues.add(Cue.STYLE)
    if para.all_bold:
        cues.add(Cue.BOLD)
    if para.all_caps and sum(ch.isalpha() for ch in text) > 3:
        cues.add(Cue.CAPS)
    if (words <= MAX_HEADING_WORDS and not text.endswith((".", ";", ","))) or text.endswith(":"):
        cues.add(Cue.SHORT)
    if text.endswith(".") and parsed is not None and words <= 12:
        cues.add(Cue.SHORT)  # "1. Ưu điểm." : a short title with a stray full stop
    number, number_raw, title = split_heading(text)
    formatted = Cue.BOLD in cues or Cue.CAPS in cues
    if styled:
        strong = words <= MAX_HEADING_WORDS * 2
    elif number is not None and formatted:
        # A bold numbered line is a heading even with a stray final full stop.
        if words > MAX_HEADING_WORDS * 3 // 2:
            return None
        strong = True
    elif number is not None:
        # A long bold title with its number is still a heading (the outline's 2.4. has 52
        # words); a long plain numbered paragraph is a sentence.
        long_title = formatted and words <= MAX_HEADING_WORDS * 2
        if Cue.SHORT not in cues and not (long_title and not text.endswith((".", ";", ","))):
            return None
        strong = number.level in (Level.PART, Level.ROMAN)
    elif formatted and Cue.SHORT in cues and words <= MAX_UNNUMBERED_WORDS:
        strong = False
    else:
        return None
    if not strong and not styled and number is None and text.endswith(":"):
        return None  # "Kết quả cụ thể:" in bold introduces a list; it is not a heading
    level = number.level if number is not None else _level_from_style(para)
    return HeadingCandidate(
        paragraph=para.index,
        text=text,
        number=number,
        number_raw=number_raw,
        title=title,
        level=level,
        cues=frozenset(cues),
        strong=strong,
    )


TOC_STYLE_RE = re.compile(r"^(?:toc|contents|mục\s*lục)\s*(?:[1-9]|heading)$", re.IGNORECASE)
TOC_TITLE = {"mục lục", "table of contents", "contents"}


def contents_paragraphs(document: WordDocument) -> frozenset[int]:
    """The table of contents: paragraphs in a TOC style ("toc 1", LibreOffice's "Contents 1",
    "TOC Heading") and a «MỤC LỤC» title just before them. Their lines repeat the headings with
    page numbers: they are not headings."""
    out: set[int] = set()
    previous: Paragraph | None = None
    for para in document.paragraphs:
        names = (para.style.name.strip(), para.style.id)
        if any(TOC_STYLE_RE.match(n) for n in names if n):
            out.add(para.index)
            if previous is not None and normal_title(previous.text) in TOC_TITLE:
                out.add(previous.index)
        if para.text.strip():
            previous = para
    return frozenset(out)


def recognise_headings(document: WordDocument) -> tuple[HeadingCandidate, ...]:
    """Every body paragraph (not in a table, not in the header block, not in a table of
    contents) that looks like a heading.

    Weak candidates (a typed "a)" on a plain paragraph, a short bold line) are kept with
    ``strong=False``: mapping keeps them as headings only when they match an outline section.
    """
    skip_ = set(document.header.paragraphs) | contents_paragraphs(document)
    body = [p for p in document.paragraphs if p.area is Area.BODY and p.index not in skip_]
    out: list[HeadingCandidate] = []
    skip: set[int] = set()
    for i, para in enumerate(body):
        if para.index in skip:
            continue
        candidate = _candidate(para)
        if candidate is None:
            continue
        if candidate.number is not None and candidate.number.level is Level.PART:
            if not candidate.title:
                # "Phần thứ nhất" alone: its title is the next non-empty paragraph.
                for nxt in body[i + 1 : i + 3]:
                    text = _clean(nxt.display)
                    if not text:
                        continue
                    if parse_number(text) is None and len(text.split()) <= MAX_HEADING_WORDS:
                        candidate = HeadingCandidate(
                            paragraph=candidate.paragraph,
                            text=f"{candidate.text}: {text}",
                            number=candidate.number,
                            number_raw=candidate.number_raw,
                            title=text,
                            level=candidate.level,
                            cues=candidate.cues,
                            strong=True,
                            extra_paragraphs=(nxt.index,),
                        )
                        skip.add(nxt.index)
                    break
            else:
                candidate = HeadingCandidate(
                    candidate.paragraph, candidate.text, candidate.number,
                    candidate.number_raw, candidate.title, candidate.level,
                    candidate.cues, True,
                )  # fmt: skip
        out.append(candidate)
    return tuple(out)


@dataclass
class _Target:
    section: Section
    key: str
    parent: Section | None
    position: int


def _targets(outline: Outline, variables: Mapping[str, str]) -> list[_Target]:
    out: list[_Target] = []

    def visit(section: Section, parent: Section | None) -> None:
        key = normal_title(substitute(section.title, variables))
        out.append(_Target(section, key, parent, len(out)))
        for child in section.children:
            visit(child, section)

    for top in outline.sections:
        visit(top, None)
    return out


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY or matcher.quick_ratio() < FUZZY - 0.05:
        return 0.0
    return matcher.ratio()


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
    targets = _targets(outline, variables)
    exact: dict[str, list[_Target]] = {}
    for target in targets:
        exact.setdefault(target.key, []).append(target)
    parent_of = {t.section.id: t.parent for t in targets}
    taken: set[str] = set()
    chain: list[Section] = []  # the last mapped section and its ancestors, innermost first
    last_position = -1
    out: list[MappedHeading] = []
    for cand in candidates:
        key = normal_title(cand.title) if cand.title else ""
        best: tuple[float, _Target, float] | None = None
        similar: list[tuple[_Target, float]] = [
            (t, 1.0) for t in exact.get(key, ()) if t.section.id not in taken
        ]
        if not similar and key:  # no equal title left: the nearest ones
            for target in targets:
                if target.section.id in taken:
                    continue
                sim = _similarity(key, target.key)
                if sim >= (FUZZY if cand.strong else FUZZY_WEAK):
                    similar.append((target, sim))
        for target, sim in similar:
            depth = next((d for d, s in enumerate(chain) if s is target.parent), -1)
            in_chain = target.parent is None or depth >= 0
            if not cand.strong and not in_chain and len(similar) > 1:
                continue  # a bold line whose title repeats in the outline: only in context
            score = sim
            if target.parent is not None and depth >= 0:
                score += 0.3 - 0.01 * depth
            if cand.number is not None and cand.number == target.section.number:
                score += 0.1
            if cand.level is not None and cand.level is target.section.level:
                score += 0.05
            if target.position > last_position:
                score += 0.02
            if best is None or score > best[0]:
                best = (score, target, sim)
        how: MatchKind | None = None
        section: Section | None = None
        sim = 0.0
        if best is not None:
            _score, target, sim = best
            section = target.section
            how = MatchKind.NUMBER_AND_TITLE if cand.number == section.number else MatchKind.TITLE
        elif cand.strong and cand.number is not None and chain:
            # Same number in the same place, title rewritten: take it when nothing else fits.
            depth = cand.number.level.value
            parent = next((s for s in chain if s.level.value < depth), None)
            for target in targets:
                if (
                    target.section.id not in taken
                    and parent is not None
                    and target.parent is parent
                    and target.section.number == cand.number
                ):
                    section, how = target.section, MatchKind.NUMBER
                    sim = difflib.SequenceMatcher(None, key, target.key).ratio()
                    break
        if section is None:
            if not cand.strong:
                continue
            own = cand.level or (Level(min(chain[0].level.value + 1, 6)) if chain else Level.ROMAN)
            out.append(MappedHeading(cand, None, None, 0.0, False, False, own))
            continue
        taken.add(section.id)
        chain = [section]
        ancestor = parent_of[section.id]
        while ancestor is not None:
            chain.append(ancestor)
            ancestor = parent_of[ancestor.id]
        last_position = next(t.position for t in targets if t.section is section)
        out.append(
            MappedHeading(
                candidate=cand,
                section=section,
                how=how,
                title_score=round(sim, 3),
                number_ok=cand.number == section.number,
                title_ok=key == normal_title(substitute(section.title, variables)),
                level=section.level,
            )
        )
    return tuple(out)


def _closing_start(document: WordDocument, after: int) -> int | None:
    """Index of the first paragraph of the signature block / "Nơi nhận" at the end."""
    paragraphs = document.paragraphs
    for para in paragraphs:
        if para.index <= after:
            continue
        if CLOSING_RE.match(_clean(para.text)):
            if para.cell is not None:
                table = document.tables[para.cell.table]
                return min(table.first_paragraph, para.index)
            return para.index
    return None


def build_draft(document: WordDocument, outline: Outline, variables: Mapping[str, str]) -> Draft:
    """Recognise and map the headings of ``document`` and place every paragraph.

    ``variables`` are the unit's values (``Unit.variables()``) used to resolve ``{{name}}`` in
    the outline's titles before comparing them with the draft's.
    """
    headings = map_headings(recognise_headings(document), outline, variables)
    header = set(document.header.paragraphs)
    contents = contents_paragraphs(document)
    heading_at: dict[int, int] = {}
    for i, heading in enumerate(headings):
        for index in heading.candidate.paragraphs:
            heading_at[index] = i
    last_heading = max(heading_at, default=-1)
    closing = _closing_start(document, last_heading)
    placements: list[Placement] = []
    current: int | None = None  # index into headings
    stack: list[MappedHeading] = []  # open mapped headings, outermost first
    section: Section | None = None
    for para in document.paragraphs:
        if para.index in header:
            placements.append(Placement(para.index, Role.HEADER, None, None))
            continue
        if para.index in contents:
            placements.append(Placement(para.index, Role.CONTENTS, None, None))
            continue
        if para.index in heading_at:
            current = heading_at[para.index]
            heading = headings[current]
            if heading.candidate.paragraph == para.index:
                while stack and stack[-1].level.value >= heading.level.value:
                    stack.pop()
                if heading.section is not None:
                    stack.append(heading)
                    section = heading.section
                else:
                    section = stack[-1].section if stack else None
            placements.append(Placement(para.index, Role.HEADING, section, current))
            continue
        if closing is not None and para.index >= closing:
            placements.append(Placement(para.index, Role.CLOSING, None, None))
            continue
        if para.is_empty:
            placements.append(Placement(para.index, Role.EMPTY, section, current))
            continue
        role = Role.BODY if section is not None else Role.UNPLACED
        placements.append(Placement(para.index, role, section, current))
    found = {h.section.id for h in headings if h.section is not None}
    missing = tuple(s for s in outline.walk() if s.id not in found)
    return Draft(
        document=document,
        outline=outline,
        variables=dict(variables),
        headings=headings,
        placements=tuple(placements),
        missing=missing,
    )
