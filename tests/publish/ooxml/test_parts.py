"""Dropping unused parts with their content types and relationships."""

from __future__ import annotations

from vankien.publish.ooxml.ns import NSMAP
from vankien.publish.ooxml.package import parse
from vankien.publish.ooxml.parts import drop_part, drop_unused_parts

W = NSMAP["w"]
NS = f'xmlns:w="{W}"'
TYPES = (
    f'<Types xmlns="{NSMAP["ct"]}">'
    '<Override PartName="/word/document.xml" ContentType="d"/>'
    '<Override PartName="/word/numbering.xml" ContentType="n"/>'
    '<Override PartName="/word/comments.xml" ContentType="c"/>'
    '<Override PartName="/docProps/custom.xml" ContentType="p"/></Types>'
)
DOC_RELS = (
    f'<Relationships xmlns="{NSMAP["rel"]}">'
    '<Relationship Id="r1" Type="t" Target="numbering.xml"/>'
    '<Relationship Id="r2" Type="t" Target="comments.xml"/>'
    '<Relationship Id="r3" Type="t" Target="styles.xml"/>'
    '<Relationship Id="r4" Type="t" Target="comments.xml" TargetMode="External"/>'
    "</Relationships>"
)
ROOT_RELS = (
    f'<Relationships xmlns="{NSMAP["rel"]}">'
    '<Relationship Id="a" Type="t" Target="word/document.xml"/>'
    '<Relationship Id="b" Type="t" Target="/docProps/custom.xml"/></Relationships>'
)


def package(document: str, comments: str = "") -> dict[str, bytes]:
    return {
        "[Content_Types].xml": TYPES.encode(),
        "_rels/.rels": ROOT_RELS.encode(),
        "word/_rels/document.xml.rels": DOC_RELS.encode(),
        "word/document.xml": f"<w:document {NS}><w:body>{document}</w:body></w:document>".encode(),
        "word/styles.xml": f'<w:styles xmlns:w="{W}"/>'.encode(),
        "word/numbering.xml": f'<w:numbering {NS}><w:num w:numId="1000"/></w:numbering>'.encode(),
        "word/comments.xml": f'<w:comments xmlns:w="{W}">{comments}</w:comments>'.encode(),
        "docProps/custom.xml": b"<Properties/>",
    }


def names(data: bytes, attr: str) -> list[str]:
    return [str(node.get(attr)) for node in parse(data)]


def test_unused_numbering_empty_comments_and_custom_properties_go_with_their_links() -> None:
    parts = package("<w:p/>")
    drop_unused_parts(parts)
    assert sorted(parts) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",
    ]
    assert names(parts["[Content_Types].xml"], "PartName") == ["/word/document.xml"]
    assert names(parts["word/_rels/document.xml.rels"], "Id") == ["r3", "r4"]
    assert names(parts["_rels/.rels"], "Id") == ["a"]


def test_parts_in_use_stay() -> None:
    parts = package(
        '<w:p><w:pPr><w:numPr><w:numId w:val="1000"/></w:numPr></w:pPr></w:p>',
        comments='<w:comment w:id="0"/>',
    )
    drop_unused_parts(parts)
    assert "word/numbering.xml" in parts and "word/comments.xml" in parts
    assert names(parts["word/_rels/document.xml.rels"], "Id") == ["r1", "r2", "r3", "r4"]


def test_dropping_a_part_takes_its_own_relationships_part() -> None:
    parts = package("<w:p/>")
    parts["word/_rels/comments.xml.rels"] = DOC_RELS.encode()
    drop_part(parts, "word/comments.xml")
    assert "word/_rels/comments.xml.rels" not in parts
