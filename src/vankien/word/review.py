"""The committee's review read back: comments and tracked changes of reviewed copies of a
built document, each resolved to the section, the skeleton file and line it is about.

:func:`read_review` reads one or more reviewed .docx copies (each member may send back their
own) against the report folder and returns a :class:`ReviewSummary`: the review items of every
copy, merged (an item found in several copies is listed once, with the copies that carry it),
in document order.

An item is one of (:class:`ItemKind`):

- a comment (``word/comments.xml``), with its replies as a thread (``commentsExtended.xml``
  ``w15:paraIdParent``; ``commentsIds.xml``), its resolved («done») state, its author's name as
  ``people.xml`` gives it, its date, and the text it is anchored on (empty for a comment with
  no range; a range may span several paragraphs, lie on inserted text, in a table cell or in a
  footnote);
- a tracked change of one paragraph: every ``w:ins`` / ``w:del`` (``w:delText``) /
  ``w:moveFrom`` / ``w:moveTo`` of that paragraph together, with the old wording (as built)
  and the new one (all changes accepted), and each change apart (:class:`Change`);
- an untracked edit: a paragraph whose text (tracked changes rejected) no longer equals the
  text its source gives (someone edited without Track Changes: the author is unknown).

Each item's :class:`SourceLocation` is found through the build's anchors
(:mod:`vankien.word.anchors`), or, in a document without them (or where a reviewer's edit
removed them), by matching the paragraph's text against a fresh build of the sources
(:attr:`Matched.TEXT`, which every output must say).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from vankien.word.anchors import BuildIdentity


class ItemKind(Enum):
    COMMENT = "comment"  # a reviewer's comment (with its replies)
    CHANGE = "change"  # tracked insertions / deletions / moves in one paragraph
    UNTRACKED = "untracked"  # the paragraph's text differs from its source; no tracked change


class ChangeKind(Enum):
    INSERTION = "insertion"  # w:ins
    DELETION = "deletion"  # w:del (the text is w:delText)
    MOVE_FROM = "move-from"  # w:moveFrom: text moved away from here
    MOVE_TO = "move-to"  # w:moveTo: text moved to here


class Matched(Enum):
    """How an item's source location was found."""

    ANCHOR = "anchor"  # through the build's bookmark in the paragraph
    TEXT = "text"  # by matching the paragraph's text to the sources ("matched by text")
    NONE = "none"  # not found: the location's file/line are None


class Area(Enum):
    """Where in the document the item sits."""

    BODY = "body"
    TABLE = "table"  # in a table cell
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"


@dataclass(frozen=True)
class SourceLocation:
    """Where an item is in the report's sources.

    ``file`` is relative to the report folder (``skeleton/03-chinh-tri-tu-tuong.md``), never an
    absolute path; ``line`` is 1-based. The section is the innermost outline section the
    paragraph falls under (None before the first heading or when the outline does not have it).
    """

    file: str | None
    line: int | None
    section_id: str | None  # the outline section's id
    section_number: str  # as displayed: "I.", "1.2.", "Phần thứ nhất" ("" when none)
    section_title: str  # "" when none
    matched: Matched
    score: float = 1.0  # for Matched.TEXT: similarity 0..1 of the texts (1.0: equal)


@dataclass(frozen=True)
class Person:
    """A reviewer as the file names them: w:author, with people.xml's identity if any."""

    name: str  # w:author ("" when the file has none)
    initials: str = ""
    provider: str = ""  # people.xml w15:presenceInfo w15:providerId ("AD", "Windows Live", …)
    user_id: str = ""  # people.xml w15:presenceInfo w15:userId (an e-mail, a SID, …)

    @property
    def known(self) -> bool:
        return bool(self.name.strip())


UNKNOWN = Person("")  # the author of an untracked edit


@dataclass(frozen=True)
class Reply:
    """One comment of a thread after the first (a reply, ``w15:paraIdParent``)."""

    author: Person
    date: str | None  # w:date as written (ISO 8601), None when absent
    text: str
    done: bool


@dataclass(frozen=True)
class Change:
    """One tracked change inside a paragraph."""

    kind: ChangeKind
    author: Person
    date: str | None
    text: str  # the inserted, deleted or moved text
    offset: int  # where it starts in the paragraph's old text (for an insertion: before
    # which character of the old text it goes)


@dataclass(frozen=True)
class ReviewItem:
    """One row of the summary («bảng tổng hợp ý kiến góp ý»).

    For a comment: ``text`` is the comment, ``anchored`` the text it is on, ``replies`` the
    rest of its thread, ``resolved`` its «done» state. For a change or an untracked edit:
    ``old_text`` is the paragraph as built (what the source gives), ``new_text`` as the
    reviewer left it (tracked changes accepted), ``changes`` each tracked change, and
    ``text`` a one-line description in Vietnamese.
    """

    kind: ItemKind
    source: SourceLocation
    area: Area
    author: Person
    date: str | None
    text: str
    anchored: str  # the paragraph text(s) the item is on ("" for a comment with no range)
    replies: tuple[Reply, ...] = ()
    resolved: bool = False
    old_text: str | None = None
    new_text: str | None = None
    changes: tuple[Change, ...] = ()
    copies: tuple[str, ...] = ()  # file names of the reviewed copies that carry the item
    # Document order: (paragraph position in the copy, offset); merged items take the order of
    # their source location, then this.
    order: tuple[int, int] = (0, 0)

    @property
    def authors(self) -> tuple[Person, ...]:
        """Everyone who took part (the item's author, then repliers / changers), once each."""
        seen: list[Person] = [self.author]
        for who in (*(r.author for r in self.replies), *(c.author for c in self.changes)):
            if who not in seen:
                seen.append(who)
        return tuple(seen)


@dataclass(frozen=True)
class ReviewedCopy:
    """One reviewed .docx as read."""

    path: Path
    identity: BuildIdentity  # what the file says about its build (fields None when absent)
    anchored: bool  # the file carries vankien's anchors (else every item is matched by text)
    items: tuple[ReviewItem, ...]  # in the copy's document order


@dataclass(frozen=True)
class ReviewSummary:
    """All copies read and their items merged, in document order."""

    unit: str  # the report's unit (report.yaml «output»)
    copies: tuple[ReviewedCopy, ...]
    items: tuple[ReviewItem, ...] = field(default=())

    @property
    def matched_by_text(self) -> bool:
        """Some item was placed by text matching (outputs must say so)."""
        return any(item.source.matched is Matched.TEXT for item in self.items)


def read_copy(path: Path, root: Path) -> ReviewedCopy:
    """Read one reviewed copy against the report folder ``root``.

    Raises :class:`vankien.errors.UserError` (exit 2) for a file that cannot be read (see
    :func:`vankien.word.reader.read_docx`) or that is not a document of this report (its
    recorded unit differs, or, without one, too few of its paragraphs match the sources).
    A copy without any comment or change gives no items (not an error).
    """
    raise NotImplementedError


def merge(copies: Sequence[ReviewedCopy]) -> tuple[ReviewItem, ...]:
    """The items of all copies, each once (same kind, place, author, date and text), in
    document order (source file prefix and line, then the order within the copy)."""
    raise NotImplementedError


def read_review(paths: Sequence[Path], root: Path) -> ReviewSummary:
    """Read every reviewed copy in ``paths`` against the report folder ``root`` and merge
    their items. Raises UserError (exit 2) for the first copy that cannot be read."""
    raise NotImplementedError
