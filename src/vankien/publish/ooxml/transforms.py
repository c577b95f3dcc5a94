"""Small pure transforms over one part's element tree each; ``postprocess`` chains them.

Each function changes the tree it is given and returns nothing; each is tested with a tiny
before/after XML in tests/publish/ooxml/test_transforms.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vankien.publish.ooxml.ns import NSMAP, qn

if TYPE_CHECKING:
    from lxml import etree

# Revision marks whose w:id must be unique (Word refuses or merges duplicates).
REVISION_TAGS = (
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rPrChange",
    "w:pPrChange",
    "w:sectPrChange",
    "w:tblPrChange",
    "w:trPrChange",
    "w:tcPrChange",
    "w:numberingChange",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
)
# Other annotations that share the id space in Word's eyes.
ANNOTATION_TAGS = (
    "w:bookmarkStart",
    "w:commentRangeStart",
    "w:commentReference",
    "w:moveFromRangeStart",
    "w:moveToRangeStart",
)


def renumber_revisions(document: etree._Element) -> None:
    """Give every revision mark a unique id, in document order, above all annotation ids.

    Pandoc numbers insertions and deletions separately (both start at 1); Word needs them
    unique. Ids of bookmarks and comments are left alone (other parts refer to them).
    """
    revision_tags = {qn(t) for t in REVISION_TAGS}
    annotation_tags = {qn(t) for t in ANNOTATION_TAGS}
    w_id = qn("w:id")
    taken = [
        int(node.get(w_id, "0"))
        for node in document.iter()
        if node.tag in annotation_tags and node.get(w_id, "").lstrip("-").isdigit()
    ]
    next_id = max(taken, default=0) + 1
    for node in document.iter():
        if node.tag in revision_tags:
            node.set(w_id, str(next_id))
            next_id += 1


def w3cdtf(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def set_core_properties(
    core: etree._Element,
    *,
    title: str,
    subject: str,
    creator: str,
    when: dt.datetime,
    keywords: str | None = None,
) -> None:
    """docProps/core.xml from the metadata: no user name, no path, fixed dates."""
    from lxml import etree

    for child in list(core):
        core.remove(child)

    def add(tag: str, text: str, w3c: bool = False) -> None:
        node = etree.SubElement(core, qn(tag))
        node.text = text
        if w3c:
            node.set(qn("xsi:type"), "dcterms:W3CDTF")

    add("dc:title", title)
    add("dc:subject", subject)
    add("dc:creator", creator)
    if keywords is not None:
        add("cp:keywords", keywords)
    add("cp:lastModifiedBy", creator)
    add("cp:revision", "1")
    add("dcterms:created", w3cdtf(when), w3c=True)
    add("dcterms:modified", w3cdtf(when), w3c=True)
    add("dc:language", "vi-VN")


APPLICATION = "vankien"


def app_properties(app: etree._Element) -> None:
    """docProps/app.xml says who made the file and nothing else.

    Pandoc copies its own reference document's values (another program's name and version,
    the word and page counts of a one-page sample, the editing time): all wrong for the
    built document. Counts are left out (Word and LibreOffice recompute them on saving); no
    version, so that the same sources give the same file with every vankien version.
    """
    for node in list(app):
        app.remove(node)
    node = _make(qn("ep:Application"))
    node.text = APPLICATION
    app.append(node)


def keep_with_closing(document: etree._Element, marker_style: str, count: int = 2) -> None:
    """Keep the closing table with the last ``count`` body paragraphs and never split its rows.

    The signature block must never stand alone at the top of a page: its rows cannot split,
    and the paragraphs before it carry keep-with-next, so they move to the next page together.
    """
    body = document.find(qn("w:body"))
    if body is None:
        return
    closing = None
    for table in body.findall(qn("w:tbl")):
        styles = {s.get(qn("w:val")) for s in table.iter(qn("w:pStyle"))}
        if marker_style in styles:
            closing = table
    if closing is None:
        return
    for row in closing.findall(qn("w:tr")):
        trpr = row.find(qn("w:trPr"))
        if trpr is None:
            trpr = _make(qn("w:trPr"))
            row.insert(0, trpr)
        if trpr.find(qn("w:cantSplit")) is None:
            trpr.insert(0, _make(qn("w:cantSplit")))
    kept = 0
    node = closing.getprevious()
    while node is not None and kept < count:
        if node.tag == qn("w:p"):
            _set_keep_next(node)
            kept += 1
        node = node.getprevious()


def _make(tag: str) -> etree._Element:
    from lxml import etree

    return etree.Element(tag)


def _set_keep_next(paragraph: etree._Element) -> None:
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = _make(qn("w:pPr"))
        paragraph.insert(0, ppr)
    if ppr.find(qn("w:keepNext")) is not None:
        return
    style = ppr.find(qn("w:pStyle"))
    keep = _make(qn("w:keepNext"))
    if style is not None:
        style.addnext(keep)
    else:
        ppr.insert(0, keep)


def continuous_footnotes(document: etree._Element) -> None:
    """Footnote numbers run on through the whole document (pandoc restarts them per section)."""
    for sect in document.iter(qn("w:sectPr")):
        pr = sect.find(qn("w:footnotePr"))
        if pr is None:
            pr = _make(qn("w:footnotePr"))
            refs = sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference"))
            if refs:
                refs[-1].addnext(pr)
            else:
                sect.insert(0, pr)
        restart = pr.find(qn("w:numRestart"))
        if restart is None:
            restart = _make(qn("w:numRestart"))
            pr.append(restart)
        restart.set(qn("w:val"), "continuous")


def complete_sections(document: etree._Element) -> None:
    """Fill the section marks of filters/landscape.lua from the document's final section.

    A mark has only ``w:type`` and the orientation. Each gets the final section's header
    references (else page numbers vanish on its pages), footnote settings and margins, and a
    page size turned to its orientation. Only the first section keeps "different first page"
    (no number on page 1): later sections start on pages that must be numbered.
    """
    from copy import deepcopy

    body = document.find(qn("w:body"))
    final = body.find(qn("w:sectPr")) if body is not None else None
    if final is None:
        return
    sections = list(document.iter(qn("w:sectPr")))
    size = final.find(qn("w:pgSz"))
    width = int(size.get(qn("w:w"), "11906")) if size is not None else 11906
    height = int(size.get(qn("w:h"), "16838")) if size is not None else 16838
    short, long_ = min(width, height), max(width, height)
    for sect in sections:
        if sect is final:
            continue
        mark = sect.find(qn("w:pgSz"))
        orient = mark.get(qn("w:orient"), "portrait") if mark is not None else "portrait"
        kind = sect.find(qn("w:type"))
        for child in list(sect):
            sect.remove(child)
        for child in final:
            if child.tag in (qn("w:headerReference"), qn("w:footerReference"), qn("w:footnotePr")):
                sect.append(deepcopy(child))
        if kind is not None:
            sect.append(kind)
        page = _make(qn("w:pgSz"))
        landscape = orient == "landscape"
        page.set(qn("w:w"), str(long_ if landscape else short))
        page.set(qn("w:h"), str(short if landscape else long_))
        if landscape:
            page.set(qn("w:orient"), "landscape")
        sect.append(page)
        for tag in ("w:pgMar", "w:cols"):
            node = final.find(qn(tag))
            if node is not None:
                sect.append(deepcopy(node))
        if sect is sections[0] and final.find(qn("w:titlePg")) is not None:
            sect.append(_make(qn("w:titlePg")))
    if sections and sections[0] is not final:
        for node in final.findall(qn("w:titlePg")):
            final.remove(node)


def section_of(node: etree._Element, body: etree._Element) -> etree._Element | None:
    """The sectPr of the section holding a body-level ``node``: the next one in the body."""
    for sibling in node.itersiblings():
        if sibling.tag == qn("w:sectPr"):
            return sibling
        sect = sibling.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect is not None:
            return sect
    return body.find(qn("w:sectPr"))


def text_width(sect: etree._Element | None) -> int | None:
    if sect is None:
        return None
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    if size is None or margins is None or size.get(qn("w:w")) is None:
        return None
    width = int(size.get(qn("w:w"), "0"))
    left, right = int(margins.get(qn("w:left"), "0")), int(margins.get(qn("w:right"), "0"))
    return width - left - right if width - left - right > 0 else None


def _undeclare_custom_properties(types: etree._Element, rels: etree._Element) -> None:
    """Forget any declaration of docProps/custom.xml (its content type, its relationship)."""
    for node in list(types):
        if node.get("PartName") == "/docProps/custom.xml":
            types.remove(node)
    for node in list(rels):
        if node.get("Target", "").lstrip("/") == "docProps/custom.xml":
            rels.remove(node)


def hide_anchors(part: etree._Element) -> None:
    """Rename the build's anchor bookmarks to their hidden names (``vk03L120`` →
    ``_vk03L120``, see vankien.publish.anchors): Word lists them only when asked to show hidden
    bookmarks. Each goes, as an empty pair, to the start of its paragraph."""
    from vankien.publish.anchors import hidden_name

    name_attr = qn("w:name")
    for node in list(part.iter(qn("w:bookmarkStart"))):
        hidden = hidden_name(node.get(name_attr) or "")
        if hidden is None:
            continue
        node.set(name_attr, hidden)
        # LibreOffice drops a bookmark that follows a footnote reference or sits in a
        # footnote, and keeps one at the paragraph's start: the pair goes there.
        moved = _anchor_pair(node)
        if moved is None:
            continue
        paragraph, end = moved
        at = 1 if len(paragraph) and paragraph[0].tag == qn("w:pPr") else 0
        paragraph.insert(at, end)
        paragraph.insert(at, node)


def _anchor_pair(start: etree._Element) -> tuple[etree._Element, etree._Element] | None:
    """The paragraph an anchor bookmark belongs to and the bookmark's end. pandoc writes
    filters/anchors.lua's div as a bookmark around the paragraph (in the body or a table
    cell; a heading's own bookmark may sit between), and an anchor span (the redline's) as an
    empty pair where the span is, at the paragraph's end."""
    w_p, w_end, id_attr = qn("w:p"), qn("w:bookmarkEnd"), qn("w:id")
    parent = start.getparent()
    if parent is None:
        return None
    if parent.tag == w_p:
        end = start.getnext()
        if end is None or end.tag != w_end or end.get(id_attr) != start.get(id_attr):
            return None
        return parent, end
    paragraph = start.getnext()
    while paragraph is not None and paragraph.tag == start.tag:
        paragraph = paragraph.getnext()
    if paragraph is None or paragraph.tag != w_p:
        return None
    end = paragraph.getnext()
    while end is not None and end.tag == w_end and end.get(id_attr) != start.get(id_attr):
        end = end.getnext()
    if end is None or end.tag != w_end:
        return None
    return paragraph, end


CUSTOM_PART = "docProps/custom.xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
FMTID_USER = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # user-defined properties (MS-OLEPS)


def custom_properties(properties: Sequence[tuple[str, str]]) -> etree._Element:
    """A docProps/custom.xml tree holding ``properties`` as text properties, in order."""
    from lxml import etree

    # The default namespace, as Word writes this part (lxml's stubs do not allow a None key).
    nsmap = {None: NSMAP["custom"], "vt": NSMAP["vt"]}
    root = etree.Element(qn("custom:Properties"), nsmap=nsmap)  # type: ignore[arg-type]
    for pid, (name, value) in enumerate(properties, start=2):
        prop = etree.SubElement(root, qn("custom:property"))
        prop.set("fmtid", FMTID_USER)
        prop.set("pid", str(pid))
        prop.set("name", name)
        etree.SubElement(prop, qn("vt:lpwstr")).text = value
    return root


def add_custom_properties(types: etree._Element, rels: etree._Element) -> None:
    """Declare docProps/custom.xml (its content type and the package relationship)."""
    from lxml import etree

    _undeclare_custom_properties(types, rels)
    override = etree.SubElement(types, qn("ct:Override"))
    override.set("PartName", f"/{CUSTOM_PART}")
    override.set("ContentType", CT_CUSTOM)
    taken = {node.get("Id") for node in rels}
    n = 1
    while f"rIdCustom{n}" in taken:
        n += 1
    rel = etree.SubElement(rels, qn("rel:Relationship"))
    rel.set("Id", f"rIdCustom{n}")
    rel.set("Type", REL_CUSTOM)
    rel.set("Target", CUSTOM_PART)


__all__ = [
    "NSMAP",
    "add_custom_properties",
    "app_properties",
    "continuous_footnotes",
    "custom_properties",
    "hide_anchors",
    "keep_with_closing",
    "renumber_revisions",
    "set_core_properties",
]
