"""Post-processing of a redline's document part: whole paragraphs and rows as revisions.

Pandoc marks the runs of an inserted paragraph, not the paragraph itself: rejecting it in Word
would leave an empty paragraph (and an empty table row). Word marks a paragraph as inserted or
deleted through its paragraph mark (``w:pPr/w:rPr/w:ins|w:del``) and a row through
``w:trPr/w:ins|w:del``; these functions add those marks where every run is inside one kind of
revision. Ids are left to ``renumber_revisions``, which runs afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vankien.publish.ooxml.ns import qn

if TYPE_CHECKING:
    from lxml import etree

# Order of the children of w:pPr (ECMA-376 §17.3.1.26): w:rPr comes after these.
_PPR_BEFORE_RPR = {
    qn(f"w:{t}")
    for t in (
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
    )
}


def _only_kind(element: etree._Element) -> str | None:
    """ "ins" or "del" when every text run under ``element`` sits in that kind of revision."""
    runs = [
        r
        for r in element.iter(qn("w:r"))
        if r.find(qn("w:t")) is not None or r.find(qn("w:delText")) is not None
    ]
    if not runs:
        return None
    kinds = set()
    for run in runs:
        parent = run.getparent()
        tag = parent.tag if parent is not None else None
        if tag == qn("w:ins"):
            kinds.add("ins")
        elif tag == qn("w:del"):
            kinds.add("del")
        else:
            return None
    return kinds.pop() if len(kinds) == 1 else None


def _revision_like(element: etree._Element, kind: str) -> etree._Element:
    from lxml import etree

    source = next(element.iter(qn(f"w:{kind}")))
    mark = etree.Element(qn(f"w:{kind}"))
    for attr in ("w:id", "w:author", "w:date"):
        value = source.get(qn(attr))
        if value is not None:
            mark.set(qn(attr), value)
    return mark


def mark_whole_paragraphs(document: etree._Element) -> None:
    """Mark the paragraph mark of fully inserted/deleted paragraphs, and such table rows."""
    from lxml import etree

    for paragraph in document.iter(qn("w:p")):
        kind = _only_kind(paragraph)
        if kind is None:
            continue
        ppr = paragraph.find(qn("w:pPr"))
        if ppr is None:
            ppr = etree.Element(qn("w:pPr"))
            paragraph.insert(0, ppr)
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = etree.Element(qn("w:rPr"))
            index = sum(1 for child in ppr if child.tag in _PPR_BEFORE_RPR)
            ppr.insert(index, rpr)
        if rpr.find(qn(f"w:{kind}")) is None:
            rpr.insert(0, _revision_like(paragraph, kind))
    for row in document.iter(qn("w:tr")):
        kind = _only_kind(row)
        if kind is None:
            continue
        trpr = row.find(qn("w:trPr"))
        if trpr is None:
            trpr = etree.Element(qn("w:trPr"))
            tblpr_ex = row.find(qn("w:tblPrEx"))
            row.insert(1 if tblpr_ex is not None else 0, trpr)
        if trpr.find(qn(f"w:{kind}")) is None:
            trpr.append(_revision_like(row, kind))
