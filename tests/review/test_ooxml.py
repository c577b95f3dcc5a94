"""Whole inserted/deleted paragraphs and rows get a paragraph-mark / row revision."""

from __future__ import annotations

from lxml import etree

from vankien.review.ooxml import mark_whole_paragraphs

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def doc(body: str) -> etree._Element:
    return etree.fromstring(f"<w:document {NS}><w:body>{body}</w:body></w:document>")


INS = '<w:ins w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z"><w:r><w:t>mới</w:t></w:r></w:ins>'
DEL = '<w:del w:id="2" w:author="B" w:date="2025-01-02T00:00:00Z"><w:r><w:delText>cũ</w:delText></w:r></w:del>'  # noqa: E501
PLAIN = "<w:r><w:t>giữ</w:t></w:r>"


def test_inserted_paragraph_gets_an_inserted_mark_after_its_properties():
    root = doc(f'<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:jc w:val="both"/></w:pPr>{INS}</w:p>')
    mark_whole_paragraphs(root)
    ppr = root.find(f".//{W}pPr")
    assert [c.tag for c in ppr] == [f"{W}pStyle", f"{W}jc", f"{W}rPr"]
    mark = ppr.find(f"{W}rPr/{W}ins")
    assert mark is not None and mark.get(f"{W}author") == "A"


def test_deleted_paragraph_without_properties():
    root = doc(f"<w:p>{DEL}</w:p>")
    mark_whole_paragraphs(root)
    assert root.find(f".//{W}p/{W}pPr/{W}rPr/{W}del").get(f"{W}author") == "B"


def test_mixed_or_unchanged_paragraphs_are_left_alone():
    root = doc(f"<w:p>{PLAIN}{INS}</w:p><w:p>{INS}{DEL}</w:p><w:p>{PLAIN}</w:p><w:p/>")
    before = etree.tostring(root)
    mark_whole_paragraphs(root)
    assert etree.tostring(root) == before


def test_inserted_row_is_marked():
    cell = f"<w:tc><w:p>{INS}</w:p></w:tc>"
    root = doc(
        f"<w:tbl><w:tr>{cell}{cell}</w:tr><w:tr><w:tc><w:p>{PLAIN}</w:p></w:tc></w:tr></w:tbl>"
    )
    mark_whole_paragraphs(root)
    rows = root.findall(f".//{W}tr")
    assert rows[0].find(f"{W}trPr/{W}ins") is not None
    assert rows[1].find(f"{W}trPr") is None
