"""``vankien check --annotate DIR``: a copy of the unit's own docx with every finding as a comment.

Each comment is anchored on the runs that hold the offending text (``w:commentRangeStart``
before the first, ``w:commentRangeEnd`` and a run with ``w:commentReference`` after the last,
all placed as children of the paragraph). Runs are never split, so the unit's paragraphs, runs
and formatting stay exactly as they were: what is added to ``word/document.xml`` is only those
three elements per comment. The comments go to ``word/comments.xml`` (created, with its
relationship and content type, when the draft has none; appended to when the unit left comments
of its own). Every other part of the package is copied byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from lxml import etree

from vankien.errors import UserError
from vankien.textio import write_atomic
from vankien.word.check import Located

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Elements whose text a reader does not see (deleted text, field codes, the other branch).
_HIDDEN = {w("del"), w("moveFrom"), w("instrText"), w("delText"), f"{{{MC}}}Fallback"}


def initials(author: str) -> str:
    letters = [word[0] for word in author.split() if word[:1].isalpha()]
    return "".join(letters).upper()[:8] or "VK"


def _visible_chars(p: etree._Element) -> list[tuple[str, etree._Element]]:
    """Every visible non-space character of a paragraph with the run it is in."""
    out: list[tuple[str, etree._Element]] = []

    def walk(node: etree._Element, run: etree._Element | None) -> None:
        for child in node:
            if not isinstance(child.tag, str) or child.tag in _HIDDEN:
                continue
            if child.tag == w("p"):
                continue  # a text box's paragraphs are paragraphs of their own
            current = child if child.tag == w("r") else run
            if child.tag == w("t") and current is not None:
                for ch in unicodedata.normalize("NFC", child.text or ""):
                    if not ch.isspace():
                        out.append((ch, current))
            walk(child, current)

    walk(p, None)
    return out


def _top(p: etree._Element, node: etree._Element) -> etree._Element:
    """The child of ``p`` that contains ``node``."""
    while node.getparent() is not None and node.getparent() is not p:
        node = node.getparent()  # type: ignore[assignment]
    return node


def _anchor(
    p: etree._Element, text: str, start: int | None, end: int | None
) -> tuple[etree._Element | None, etree._Element | None]:
    """The first and last child of ``p`` holding ``text[start:end]`` (None: no text at all)."""
    chars = _visible_chars(p)
    if not chars:
        return None, None
    if start is None or end is None:
        return _top(p, chars[0][1]), _top(p, chars[-1][1])
    # Offsets in the reader's text count spaces; the XML's may be written differently (tabs,
    # breaks): count only the visible non-space characters before each end.
    first = sum(1 for ch in text[:start] if not ch.isspace())
    last = sum(1 for ch in text[:end] if not ch.isspace()) - 1
    first = min(max(first, 0), len(chars) - 1)
    last = min(max(last, first), len(chars) - 1)
    return _top(p, chars[first][1]), _top(p, chars[last][1])


def _comment(comment_id: int, author: str, date: str, paragraphs: Sequence[str]) -> etree._Element:
    c = etree.Element(w("comment"), nsmap={"w": W})
    c.set(w("id"), str(comment_id))
    c.set(w("author"), author)
    c.set(w("date"), date)
    c.set(w("initials"), initials(author))
    for n, text in enumerate(paragraphs):
        p = etree.SubElement(c, w("p"))
        if n == 0:
            ref = etree.SubElement(p, w("r"))
            etree.SubElement(ref, w("annotationRef"))
        r = etree.SubElement(p, w("r"))
        t = etree.SubElement(r, w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return c


def comment_text(item: Located) -> list[str]:
    f = item.finding
    lines = [f"{f.severity.vietnamese.capitalize()} {f.code}/{f.name}: {_message(item)}"]
    lines.append(f"Giải thích và cách sửa: docs/rules/{f.code}.md (lệnh «vankien rules»).")
    return lines


def _message(item: Located) -> str:
    """The rule's message without the location prefix (the comment is the location)."""
    prefix = item.location.describe() + ": "
    message = item.finding.message
    return message[len(prefix) :] if message.startswith(prefix) else message


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def annotate(
    source: Path,
    target: Path,
    findings: Sequence[Located],
    author: str,
    texts: Mapping[int, str],
    now: dt.datetime | None = None,
) -> int:
    """Write ``target``: ``source`` with one comment per finding; returns the comment count.

    ``texts`` are the paragraphs' texts as the reader gave them (Paragraph.index → text): the
    findings' offsets count in them.
    """
    from vankien.word.reader import paragraph_elements

    if target.resolve() == source.resolve():
        raise UserError(
            "không ghi đè lên tệp của đơn vị",
            path=target,
            hint="chọn thư mục khác cho «--annotate».",
        )
    when = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(source) as zin:
        infos = zin.infolist()
        data = {info.filename: zin.read(info.filename) for info in infos}
    parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False, huge_tree=True)
    doc = etree.fromstring(data[DOCUMENT], parser)
    paragraphs = paragraph_elements(doc)
    fallback = next((p for p in paragraphs if _visible_chars(p)), None)

    existing = data.get("word/comments.xml")
    if existing is not None:
        comments = etree.fromstring(existing, parser)
    else:
        comments = etree.Element(w("comments"), nsmap={"w": W})
    used = [int(c.get(w("id"), "0")) for c in comments.iter(w("comment"))]
    used += [int(x) for x in re.findall(rb'w:id="(\d+)"', data[DOCUMENT])]
    next_id = max(used, default=-1) + 1

    count = 0
    for item in findings:
        loc = item.location
        p = paragraphs[loc.paragraph] if loc.paragraph is not None else fallback
        if p is None:
            continue
        text = texts.get(loc.paragraph, "") if loc.paragraph is not None else ""
        if text and loc.start is not None:
            first, last = _anchor(p, text, loc.start, loc.end)
        else:
            first, last = _anchor(p, "", None, None)
        cid = next_id
        next_id += 1
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), str(cid))
        end = etree.Element(w("commentRangeEnd"))
        end.set(w("id"), str(cid))
        ref = etree.Element(w("r"))
        etree.SubElement(ref, w("commentReference")).set(w("id"), str(cid))
        if first is None or last is None:
            p.append(start)
            p.append(end)
            p.append(ref)
        else:
            first.addprevious(start)
            last.addnext(end)
            end.addnext(ref)
        comments.append(_comment(cid, author, when, comment_text(item)))
        count += 1

    data[DOCUMENT] = _xml(doc)
    data["word/comments.xml"] = _xml(comments)
    if existing is None:
        data[RELS] = _add_relationship(data[RELS], parser)
        data[TYPES] = _add_content_type(data[TYPES], parser)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        names = [info.filename for info in infos]
        for info in infos:
            zout.writestr(info, data[info.filename], compress_type=info.compress_type)
        if "word/comments.xml" not in names:
            zout.writestr("word/comments.xml", data["word/comments.xml"], zipfile.ZIP_DEFLATED)
    write_atomic(target, out.getvalue())
    return count


def _add_relationship(raw: bytes, parser: etree.XMLParser) -> bytes:
    rels = etree.fromstring(raw, parser)
    ids = {r.get("Id") for r in rels}
    n = 1
    while f"rId{n}" in ids or f"rIdVk{n}" in ids:
        n += 1
    rel = etree.SubElement(rels, f"{{{REL_NS}}}Relationship")
    rel.set("Id", f"rIdVk{n}")
    rel.set("Type", COMMENTS_REL)
    rel.set("Target", "comments.xml")
    return _xml(rels)


def _add_content_type(raw: bytes, parser: etree.XMLParser) -> bytes:
    types = etree.fromstring(raw, parser)
    if not any(o.get("PartName") == "/word/comments.xml" for o in types):
        override = etree.SubElement(types, f"{{{CT_NS}}}Override")
        override.set("PartName", "/word/comments.xml")
        override.set("ContentType", COMMENTS_CT)
    return _xml(types)


def annotated_name(source: Path, taken: set[str]) -> str:
    """The copy's file name: the unit's own, made unique within the batch."""
    name = source.name
    stem, suffix = source.stem, source.suffix or ".docx"
    n = 2
    while name in taken:
        name = f"{stem}-{n}{suffix}"
        n += 1
    taken.add(name)
    return name
