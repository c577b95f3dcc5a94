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
(:mod:`vankien.publish.anchors`), or, in a document without them (or where a reviewer's edit
removed them), by matching the paragraph's text against a fresh build of the sources
(:attr:`Matched.TEXT`, which every output must say).
"""

from __future__ import annotations

import difflib
import re
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vankien.errors import UserError
from vankien.publish.anchors import BuildIdentity, parse_anchor
from vankien.publish.textwidth import NBSP

if TYPE_CHECKING:
    from vankien.outline.model import Section
    from vankien.report.model import Report
    from vankien.word.structure import Draft


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


# ---------------------------------------------------------------------------- one paragraph

_KINDS = {
    "ins": ChangeKind.INSERTION,
    "del": ChangeKind.DELETION,
    "moveFrom": ChangeKind.MOVE_FROM,
    "moveTo": ChangeKind.MOVE_TO,
}
_REMOVED = (ChangeKind.DELETION, ChangeKind.MOVE_FROM)
_PASS_THROUGH = ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo", "sdtContent")


@dataclass
class _Para:
    """One ``w:p`` as a reviewer left it: the text as built (changes rejected), as left
    (changes accepted), the tracked changes, bookmarks and comment marks with their offsets."""

    index: int  # Paragraph.index (body) or position within the notes part (notes)
    area: Area
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    changes: list[tuple[ChangeKind, str, str | None, list[str], int]] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)
    # comment id → (offset in the new text) of its range start / end / reference
    starts: dict[int, int] = field(default_factory=dict)
    ends: dict[int, int] = field(default_factory=dict)
    refs: dict[int, int] = field(default_factory=dict)
    note_refs: list[int] = field(default_factory=list)  # footnote ids referenced here

    @property
    def old_text(self) -> str:
        return "".join(self.old)

    @property
    def new_text(self) -> str:
        return "".join(self.new)


def _walk(el: Any, para: _Para, change: tuple[ChangeKind, str, str | None] | None) -> None:
    from vankien.word.reader import MC, W

    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        local = tag.rsplit("}", 1)[-1]
        if tag == f"{W}r":
            _run(child, para, change)
        elif local in _KINDS and tag.startswith(W):
            kind = _KINDS[local]
            mark = (kind, child.get(f"{W}author") or "", child.get(f"{W}date"))
            para.changes.append((*mark, [], len(para.old_text)))
            _walk(child, para, mark)
        elif tag == f"{W}bookmarkStart":
            para.bookmarks.append(child.get(f"{W}name") or "")
        elif tag == f"{W}commentRangeStart":
            para.starts[_id(child)] = len(para.new_text)
        elif tag == f"{W}commentRangeEnd":
            para.ends[_id(child)] = len(para.new_text)
        elif (
            tag == f"{W}sdt"
            or (local in _PASS_THROUGH and tag.startswith(W))
            or tag == f"{MC}AlternateContent"
            or tag == f"{MC}Choice"
        ):
            _walk(child, para, change)


def _id(el: Any) -> int:
    from vankien.word.reader import W

    try:
        return int(el.get(f"{W}id") or "")
    except ValueError:
        return -1


def _run(r: Any, para: _Para, change: tuple[ChangeKind, str, str | None] | None) -> None:
    from vankien.word.reader import W

    text: list[str] = []
    in_code = 0
    rpr = r.find(f"{W}rPr")
    if rpr is not None and rpr.find(f"{W}vanish") is not None:
        return
    for child in r:
        tag = child.tag
        if tag == f"{W}fldChar":
            kind = child.get(f"{W}fldCharType")
            in_code = 1 if kind == "begin" else 0 if kind in ("separate", "end") else in_code
        elif in_code:
            continue
        elif tag in (f"{W}t", f"{W}delText"):
            # The build joins groups that must not break («nhiệm kỳ 2020 - 2025») with
            # no-break spaces (publish/breaks.py); the sources have plain ones.
            text.append((child.text or "").replace(NBSP, " "))
        elif tag in (f"{W}tab", f"{W}ptab"):
            text.append("\t")
        elif tag in (f"{W}br", f"{W}cr") and child.get(f"{W}type") != "page":
            text.append("\n")
        elif tag == f"{W}noBreakHyphen":
            text.append("-")
        elif tag == f"{W}commentReference":
            para.refs[_id(child)] = len(para.new_text) + len("".join(text))
        elif tag == f"{W}footnoteReference":
            para.note_refs.append(_id(child))
    piece = unicodedata.normalize("NFC", "".join(text))
    if not piece:
        return
    if change is None or change[0] not in _REMOVED:
        para.new.append(piece)
    if change is None or change[0] in _REMOVED:
        para.old.append(piece)
    if change is not None:
        para.changes[-1][3].append(piece)


def _paragraphs(root: Any, area: Area, *, elements: list[Any] | None = None) -> list[_Para]:
    from vankien.word.reader import W

    out = []
    for i, p in enumerate(elements if elements is not None else list(root.iter(f"{W}p"))):
        para = _Para(i, area)
        _walk(p, para, None)
        out.append(para)
    return out


# ---------------------------------------------------------------------------- one package


@dataclass
class _Thread:
    id: int
    author: Person
    date: str | None
    text: str
    para_id: str | None  # w14:paraId of its last paragraph (commentsExtended keys on it)
    done: bool = False
    parent: str | None = None


@dataclass
class _Copy:
    """Everything read from one reviewed .docx."""

    body: list[_Para]
    notes: dict[int, list[_Para]]  # footnote id → its paragraphs
    comments: dict[int, _Thread]
    properties: dict[str, str]


def _people(pkg: Any, part_of: dict[str, str]) -> dict[str, Person]:
    from vankien.word.reader import W_NS

    w15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
    root = pkg.xml(part_of.get("people"))
    out: dict[str, Person] = {}
    if root is None:
        return out
    del W_NS
    for person in root.iter(f"{w15}person"):
        name = person.get(f"{w15}author") or ""
        info = person.find(f"{w15}presenceInfo")
        out[name] = Person(
            name=name,
            provider=(info.get(f"{w15}providerId") or "") if info is not None else "",
            user_id=(info.get(f"{w15}userId") or "") if info is not None else "",
        )
    return out


def _comments(pkg: Any, part_of: dict[str, str]) -> dict[int, _Thread]:
    from vankien.word.reader import W14, W

    w15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
    people = _people(pkg, part_of)
    root = pkg.xml(part_of.get("comments"))
    out: dict[int, _Thread] = {}
    if root is None:
        return out
    for c in root.iter(f"{W}comment"):
        paras = list(c.iter(f"{W}p"))
        text = "\n".join(
            "".join(t.text or "" for t in p.iter(f"{W}t")).strip() for p in paras
        ).strip()
        name = c.get(f"{W}author") or ""
        known = people.get(name)
        author = Person(
            name=name,
            initials=c.get(f"{W}initials") or "",
            provider=known.provider if known else "",
            user_id=known.user_id if known else "",
        )
        cid = _id(c)
        out[cid] = _Thread(
            id=cid,
            author=author,
            date=c.get(f"{W}date"),
            text=unicodedata.normalize("NFC", text),
            para_id=paras[-1].get(f"{W14}paraId") if paras else None,
        )
    extended = pkg.xml(part_of.get("commentsExtended"))
    if extended is not None:
        by_para = {t.para_id: t for t in out.values() if t.para_id}
        for ex in extended.iter(f"{w15}commentEx"):
            thread = by_para.get(ex.get(f"{w15}paraId"))
            if thread is not None:
                thread.done = (ex.get(f"{w15}done") or "0") in ("1", "true")
                thread.parent = ex.get(f"{w15}paraIdParent")
    return out


def _properties(pkg: Any) -> dict[str, str]:
    root = pkg.xml("docProps/custom.xml")
    out: dict[str, str] = {}
    if root is None:
        return out
    for prop in root:
        name = prop.get("name")
        if name and len(prop):
            out[name] = prop[0].text or ""
    return out


def _read_package(path: Path) -> _Copy:
    """The paragraphs, notes, comments and custom properties of ``path`` (the reader's package
    layer: the same refusals as :func:`vankien.word.reader.read_docx`)."""
    from vankien.word.reader import W, open_main, paragraph_elements, parts_by_type

    with open_main(path) as (pkg, main, root):
        part_of = parts_by_type(pkg.rels(main))
        body = _paragraphs(root, Area.BODY, elements=paragraph_elements(root))
        notes: dict[int, list[_Para]] = {}
        foot = pkg.xml(part_of.get("footnotes"))
        if foot is not None:
            for note in foot.iter(f"{W}footnote"):
                if note.get(f"{W}type") in (None, "normal"):
                    notes[_id(note)] = _paragraphs(note, Area.FOOTNOTE)
        comments = _comments(pkg, part_of)
        properties = _properties(pkg)
    return _Copy(body, notes, comments, properties)


# ---------------------------------------------------------------------------- the sources

TEXT_MATCH = 0.6  # least similarity for a paragraph to be placed by its text
SPACE_RE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class _Reference:
    """The sources as built: each anchored block's text, and the skeleton file of a prefix."""

    texts: dict[str, str]  # anchor name → the block's text as built (normalised)
    files: dict[str, str]  # "03" → "skeleton/03-chinh-tri-tu-tuong.md"
    note: str  # "" or why the sources are not the copy's own (Vietnamese, for the outputs)


def _reference(
    root: Path, identity: BuildIdentity, cache: dict[str | None, _Reference]
) -> _Reference:
    """Build the sources the copy was built from (its recorded commit when git has it, else
    the working tree) and read every anchored block's text back."""
    key = identity.commit
    if key in cache:
        return cache[key]
    from vankien.publish.command import build_docx
    from vankien.report.load import load_report
    from vankien.skeleton.files import SKELETON_DIR, skeleton_files

    files = {p.name[:2]: f"{SKELETON_DIR}/{p.name}" for p in skeleton_files(root)}
    note = ""
    with tempfile.TemporaryDirectory(prefix="vankien-review-") as tmp:
        source = root
        if identity.commit is not None:
            from vankien import gitio

            try:
                gitio.read_tree(root, identity.commit, Path(tmp) / "tree")
                source = Path(tmp) / "tree"
            except UserError:
                note = (
                    f"không tìm thấy phiên bản {identity.commit[:10]} mà bản này được dựng từ; "
                    "so với nội dung hiện tại"
                )
        elif identity.anchors is None:
            note = "bản không có mốc vị trí: so với nội dung hiện tại theo chữ"
        built = Path(tmp) / "reference.docx"
        built.write_bytes(build_docx(load_report(source))[0])
        package = _read_package(built)
    texts: dict[str, str] = {}
    for para in (*package.body, *(p for ps in package.notes.values() for p in ps)):
        for name in para.bookmarks:
            anchor = parse_anchor(name)
            if anchor is not None:
                texts[anchor.name] = _norm(para.old_text)
    cache[key] = _Reference(texts, files, note)
    return cache[key]


def _anchor_of(para: _Para) -> str | None:
    for name in para.bookmarks:
        anchor = parse_anchor(name)
        if anchor is not None:
            return anchor.name
    return None


def _match_text(text: str, reference: _Reference) -> tuple[str | None, float]:
    """The anchor whose built text is closest to ``text``, word by word (None under
    TEXT_MATCH: a short line sharing a word or two with a paragraph is not that paragraph)."""
    target = _norm(text)
    if not target:
        return None, 0.0
    for name, built in reference.texts.items():
        if built == target:
            return name, 1.0
    words = target.split()
    best, score = None, 0.0
    for name, built in reference.texts.items():
        if not built:
            continue
        matcher = difflib.SequenceMatcher(None, built.split(), words, autojunk=False)
        floor = max(score, TEXT_MATCH)
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        ratio = matcher.ratio()
        if ratio > score:
            best, score = name, ratio
    return (best, score) if score >= TEXT_MATCH else (None, score)


# ---------------------------------------------------------------------------- one copy


@dataclass
class _Context:
    reference: _Reference
    draft: Draft
    variables: Mapping[str, str]
    anchored: bool


def _section(ctx: _Context, index: int) -> Section | None:
    return ctx.draft.section_of(index)


def _location(ctx: _Context, para: _Para, body_index: int) -> SourceLocation:
    from vankien.skeleton.render import substitute

    section = _section(ctx, body_index)
    name = _anchor_of(para)
    matched, score = Matched.ANCHOR, 1.0
    if name is None:
        name, score = _match_text(para.old_text or para.new_text, ctx.reference)
        matched = Matched.TEXT if name is not None else Matched.NONE
    anchor = parse_anchor(name) if name is not None else None
    return SourceLocation(
        file=ctx.reference.files.get(anchor.prefix) if anchor else None,
        line=anchor.line if anchor else None,
        section_id=section.id if section else None,
        section_number=section.number_text if section else "",
        section_title=substitute(section.title, ctx.variables) if section else "",
        matched=matched,
        score=round(score, 3),
    )


def _describe(changes: Sequence[Change]) -> str:
    words = {
        ChangeKind.INSERTION: "thêm",
        ChangeKind.DELETION: "xóa",
        ChangeKind.MOVE_FROM: "chuyển đi",
        ChangeKind.MOVE_TO: "chuyển đến",
    }
    text = "; ".join(f"{words[c.kind]} «{c.text.strip()}»" for c in changes)
    return text[:1].upper() + text[1:]


def _change_item(ctx: _Context, para: _Para, body_index: int, area: Area) -> ReviewItem | None:
    changes = tuple(
        Change(kind, Person(author), date, "".join(pieces), offset)
        for kind, author, date, pieces, offset in para.changes
        if "".join(pieces)
    )
    if not changes:
        return None
    return ReviewItem(
        kind=ItemKind.CHANGE,
        source=_location(ctx, para, body_index),
        area=area,
        author=changes[0].author,
        date=changes[0].date,
        text=_describe(changes),
        anchored=para.old_text,
        old_text=para.old_text,
        new_text=para.new_text,
        changes=changes,
        order=(body_index, para.index if area is Area.FOOTNOTE else 0),
    )


def _untracked_item(ctx: _Context, para: _Para, body_index: int, area: Area) -> ReviewItem | None:
    name = _anchor_of(para)
    if name is None and not ctx.anchored and _norm(para.old_text):
        # A copy without anchors: a close, unequal paragraph. (In a copy with anchors, a
        # paragraph without one is the template's: header block, part lines, closing.)
        name = _match_text(para.old_text, ctx.reference)[0]
    if name is None or name not in ctx.reference.texts:
        return None
    built = ctx.reference.texts[name]
    if _norm(para.old_text) == built:
        return None
    return ReviewItem(
        kind=ItemKind.UNTRACKED,
        source=_location(ctx, para, body_index),
        area=area,
        author=UNKNOWN,
        date=None,
        text="Sửa không bật theo dõi thay đổi (không rõ người sửa)",
        anchored=built,
        old_text=built,
        new_text=para.new_text,
        order=(body_index, para.index if area is Area.FOOTNOTE else 0),
    )


def _range_text(paras: Sequence[_Para], cid: int) -> tuple[int, str] | None:
    """(position in ``paras`` of the paragraph the comment starts in, the text it covers)."""
    start = next((i for i, p in enumerate(paras) if cid in p.starts), None)
    if start is None:
        ref = next((i for i, p in enumerate(paras) if cid in p.refs), None)
        return None if ref is None else (ref, "")
    pieces: list[str] = []
    for i in range(start, len(paras)):
        text = paras[i].new_text
        begin = paras[i].starts[cid] if i == start else 0
        if cid in paras[i].ends:
            pieces.append(text[begin : paras[i].ends[cid]])
            break
        pieces.append(text[begin:])
    return start, _norm("\n".join(pieces).strip()) if len(pieces) == 1 else "\n".join(
        _norm(p) for p in pieces if p.strip()
    )


def _threads(comments: Mapping[int, _Thread]) -> tuple[list[_Thread], dict[int, list[_Thread]]]:
    """Root comments in id order, and each root's replies in id order."""
    by_para = {t.para_id: t for t in comments.values() if t.para_id}

    def root_of(thread: _Thread) -> _Thread:
        seen = set()
        while thread.parent and thread.parent in by_para and thread.id not in seen:
            seen.add(thread.id)
            thread = by_para[thread.parent]
        return thread

    roots: list[_Thread] = []
    replies: dict[int, list[_Thread]] = {}
    for thread in sorted(comments.values(), key=lambda t: t.id):
        top = root_of(thread)
        if top is thread:
            roots.append(thread)
        else:
            replies.setdefault(top.id, []).append(thread)
    return roots, replies


def _comment_items(ctx: _Context, package: _Copy, areas: Mapping[int, Area]) -> list[ReviewItem]:
    roots, replies = _threads(package.comments)
    note_owner = {nid: p.index for p in package.body for nid in p.note_refs}
    out: list[ReviewItem] = []
    for thread in roots:
        found = _range_text(package.body, thread.id)
        area = Area.BODY
        if found is not None:
            para = package.body[found[0]]
            body_index, order = para.index, (para.index, 0)
            area = areas.get(para.index, Area.BODY)
        else:
            for nid, paras in package.notes.items():
                found = _range_text(paras, thread.id)
                if found is not None:
                    para = paras[found[0]]
                    body_index = note_owner.get(nid, 0)
                    order, area = (body_index, 1 + para.index), Area.FOOTNOTE
                    break
        if found is None:
            continue  # a comment whose anchor is gone (Word drops those when it saves)
        reply_items = tuple(
            Reply(r.author, r.date, r.text, r.done) for r in replies.get(thread.id, [])
        )
        out.append(
            ReviewItem(
                kind=ItemKind.COMMENT,
                source=_location(ctx, para, body_index),
                area=area,
                author=thread.author,
                date=thread.date,
                text=thread.text,
                anchored=found[1],
                replies=reply_items,
                resolved=thread.done,
                order=order,
            )
        )
    return out


def read_copy(
    path: Path, report: Report, _cache: dict[str | None, _Reference] | None = None
) -> ReviewedCopy:
    """Read one reviewed copy against the loaded ``report``.

    Raises :class:`vankien.errors.UserError` (exit 2) for a file that cannot be read (see
    :func:`vankien.word.reader.read_docx`) or that is not a document of this report (its
    recorded unit differs, or, without one, too few of its paragraphs match the sources).
    A copy without any comment or change gives no items (not an error).
    """
    from vankien.word.reader import read_docx
    from vankien.word.structure import build_draft

    root, unit = report.root, report.unit
    package = _read_package(path)
    identity = BuildIdentity.from_properties(package.properties)
    if identity.unit is not None and identity.unit != unit.output:
        raise UserError(
            f"tệp Word này được dựng từ báo cáo «{identity.unit}», không phải báo cáo "
            f"«{unit.output}» của thư mục này",
            path=path,
            hint="chạy lệnh trong thư mục của đúng báo cáo (--root), hoặc kiểm tra lại tệp "
            "được gửi về.",
        )
    document = read_docx(path)
    variables = report.variables
    draft = build_draft(document, report.outline, variables)
    reference = _reference(root, identity, _cache if _cache is not None else {})
    anchored = any(_anchor_of(p) for p in package.body)
    ctx = _Context(reference, draft, variables, anchored)
    if not anchored:
        _refuse_foreign(path, package, reference)
    areas = {p.index: Area.TABLE if p.cell is not None else Area.BODY for p in document.paragraphs}
    items: list[ReviewItem] = []
    for para in package.body:
        area = areas.get(para.index, Area.BODY)
        for make in (_change_item, _untracked_item):
            item = make(ctx, para, para.index, area)
            if item is not None:
                items.append(item)
    owner = {nid: p.index for p in package.body for nid in p.note_refs}
    for nid, paras in package.notes.items():
        for para in paras:
            for make in (_change_item, _untracked_item):
                item = make(ctx, para, owner.get(nid, 0), Area.FOOTNOTE)
                if item is not None:
                    items.append(replace(item, order=(owner.get(nid, 0), 1 + para.index)))
    items.extend(_comment_items(ctx, package, areas))
    items.sort(key=lambda item: item.order)
    items = [replace(item, copies=(path.name,)) for item in items]
    return ReviewedCopy(path=path, identity=identity, anchored=anchored, items=tuple(items))


def _refuse_foreign(path: Path, package: _Copy, reference: _Reference) -> None:
    """A document without anchors is read by text: refuse one that is not this report's."""
    texts = [p.old_text for p in package.body if len(_norm(p.old_text)) >= 20]
    if not texts:
        return
    sample = texts[:: max(1, len(texts) // 40)]
    placed = sum(1 for text in sample if _match_text(text, reference)[0] is not None)
    if placed * 4 < len(sample):
        raise UserError(
            "tệp Word này không phải một bản của báo cáo trong thư mục này (không có mốc vị "
            f"trí, và chỉ {placed}/{len(sample)} đoạn văn khớp với nội dung báo cáo)",
            path=path,
            hint="kiểm tra lại tệp được gửi về, hoặc chạy lệnh trong thư mục của đúng báo cáo "
            "(--root).",
        )


# ---------------------------------------------------------------------------- several copies


def _key(item: ReviewItem) -> tuple[object, ...]:
    return (
        item.kind,
        item.source.file,
        item.source.line,
        item.author.name,
        item.date,
        _norm(item.text),
        item.anchored,
        item.old_text,
        item.new_text,
    )


def merge(copies: Sequence[ReviewedCopy]) -> tuple[ReviewItem, ...]:
    """The items of all copies, each once (same kind, place, author, date and text), in
    document order (source file prefix and line, then the order within the copy)."""
    merged: dict[tuple[object, ...], ReviewItem] = {}
    for copy in copies:
        for item in copy.items:
            key = _key(item)
            if key in merged:
                seen = merged[key]
                names = seen.copies + tuple(n for n in item.copies if n not in seen.copies)
                merged[key] = replace(seen, copies=names)
            else:
                merged[key] = item

    def place(item: ReviewItem) -> tuple[str, int, tuple[int, int]]:
        return (item.source.file or "\uffff", item.source.line or 0, item.order)

    return tuple(sorted(merged.values(), key=place))


def read_review(paths: Sequence[Path], report: Report) -> ReviewSummary:
    """Read every reviewed copy in ``paths`` against the loaded ``report`` and merge their
    items. Raises UserError (exit 2) for the first copy that cannot be read."""
    cache: dict[str | None, _Reference] = {}
    copies = tuple(read_copy(Path(p), report, cache) for p in paths)
    return ReviewSummary(unit=report.unit.output, copies=copies, items=merge(copies))
