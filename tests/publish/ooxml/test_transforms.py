"""Each post-processing transform on a tiny before/after XML."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from vankien.publish.ooxml import transforms as t
from vankien.publish.ooxml.ns import NSMAP

W = NSMAP["w"]
NS = f'xmlns:w="{W}"'
CELL = '<w:tc><w:p><w:pPr><w:pStyle w:val="RecipientsLabel"/></w:pPr></w:p></w:tc>'


def tree(xml: str) -> etree._Element:
    return etree.fromstring(xml)


def same(a: etree._Element, b: str) -> bool:
    return etree.tostring(a, method="c14n") == etree.tostring(tree(b), method="c14n")


def test_renumber_revisions_makes_ids_unique_above_bookmarks():
    before = tree(
        f"<w:document {NS}><w:body>"
        '<w:bookmarkStart w:id="7" w:name="h"/>'
        '<w:p><w:ins w:id="1" w:author="A"><w:r><w:t>x</w:t></w:r></w:ins>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>y</w:delText></w:r></w:del></w:p>'
        '<w:p><w:ins w:id="2" w:author="A"/></w:p>'
        '<w:bookmarkEnd w:id="7"/></w:body></w:document>'
    )
    t.renumber_revisions(before)
    assert same(
        before,
        f"<w:document {NS}><w:body>"
        '<w:bookmarkStart w:id="7" w:name="h"/>'
        '<w:p><w:ins w:id="8" w:author="A"><w:r><w:t>x</w:t></w:r></w:ins>'
        '<w:del w:id="9" w:author="A"><w:r><w:delText>y</w:delText></w:r></w:del></w:p>'
        '<w:p><w:ins w:id="10" w:author="A"/></w:p>'
        '<w:bookmarkEnd w:id="7"/></w:body></w:document>',
    )


def test_renumber_revisions_without_annotations_starts_at_one():
    doc = tree(
        f'<w:document {NS}><w:body><w:p><w:del w:id="5"/><w:ins w:id="5"/></w:p>'
        "</w:body></w:document>"
    )
    t.renumber_revisions(doc)
    assert [n.get(f"{{{W}}}id") for n in doc.iter(f"{{{W}}}del", f"{{{W}}}ins")] == ["1", "2"]


def test_keep_with_closing_marks_rows_and_previous_paragraphs():
    doc = tree(
        f"<w:document {NS}><w:body>"
        "<w:p><w:r><w:t>a</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>c</w:t></w:r></w:p>"
        f"<w:tbl><w:tr>{CELL}</w:tr></w:tbl>"
        "<w:sectPr/></w:body></w:document>"
    )
    t.keep_with_closing(doc, "RecipientsLabel", count=2)
    assert same(
        doc,
        f"<w:document {NS}><w:body>"
        "<w:p><w:r><w:t>a</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/></w:pPr><w:r><w:t>b</w:t></w:r></w:p>'
        "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>c</w:t></w:r></w:p>"
        f"<w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr>{CELL}</w:tr></w:tbl>"
        "<w:sectPr/></w:body></w:document>",
    )


def test_keep_with_closing_without_closing_table_changes_nothing():
    xml = (
        f"<w:document {NS}><w:body><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
        "</w:body></w:document>"
    )
    doc = tree(xml)
    t.keep_with_closing(doc, "RecipientsLabel")
    assert same(doc, xml)


def test_continuous_footnotes_sets_or_adds_num_restart():
    doc = tree(
        f'<w:document {NS} xmlns:r="{NSMAP["r"]}"><w:body>'
        '<w:p><w:pPr><w:sectPr><w:pgSz w:w="1"/></w:sectPr></w:pPr></w:p>'
        '<w:sectPr><w:headerReference w:type="default" r:id="x"/>'
        '<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr></w:sectPr>'
        "</w:body></w:document>"
    )
    t.continuous_footnotes(doc)
    assert same(
        doc,
        f'<w:document {NS} xmlns:r="{NSMAP["r"]}"><w:body>'
        '<w:p><w:pPr><w:sectPr><w:footnotePr><w:numRestart w:val="continuous"/></w:footnotePr>'
        '<w:pgSz w:w="1"/></w:sectPr></w:pPr></w:p>'
        '<w:sectPr><w:headerReference w:type="default" r:id="x"/>'
        '<w:footnotePr><w:numRestart w:val="continuous"/></w:footnotePr></w:sectPr>'
        "</w:body></w:document>",
    )


def test_core_properties_replace_everything_with_metadata():
    core = tree(
        f'<cp:coreProperties xmlns:cp="{NSMAP["cp"]}" xmlns:dc="{NSMAP["dc"]}" '
        f'xmlns:dcterms="{NSMAP["dcterms"]}" xmlns:xsi="{NSMAP["xsi"]}">'
        "<dc:creator>root</dc:creator><cp:lastModifiedBy>/home/x</cp:lastModifiedBy>"
        "</cp:coreProperties>"
    )
    t.set_core_properties(
        core,
        title="T",
        subject="S",
        creator="ĐẢNG ỦY X",
        when=dt.datetime(2025, 2, 5, tzinfo=dt.UTC),
    )
    text = etree.tostring(core, encoding="unicode")
    assert "root" not in text and "/home" not in text
    assert core.findtext(f"{{{NSMAP['dc']}}}creator") == "ĐẢNG ỦY X"
    assert core.findtext(f"{{{NSMAP['dcterms']}}}created") == "2025-02-05T00:00:00Z"
    assert core.findtext(f"{{{NSMAP['dcterms']}}}modified") == "2025-02-05T00:00:00Z"


def test_app_properties_name_vankien_and_nothing_else():
    app = tree(
        f'<Properties xmlns="{NSMAP["ep"]}"><Company>ACME</Company><AppVersion>1</AppVersion>'
        "<Application>Microsoft Word 12.0.0</Application><Words>83</Words><Pages>1</Pages>"
        "</Properties>"
    )
    t.app_properties(app)
    assert same(
        app, f'<Properties xmlns="{NSMAP["ep"]}"><Application>vankien</Application></Properties>'
    )


FINAL_SECT = (
    '<w:sectPr><w:headerReference w:type="default" r:id="h1"/>'
    '<w:headerReference w:type="first" r:id="h2"/>'
    '<w:footnotePr><w:numRestart w:val="continuous"/></w:footnotePr>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/><w:titlePg/></w:sectPr>'
)
RNS = f'{NS} xmlns:r="{NSMAP["r"]}"'


def mark(orient: str) -> str:
    return (
        '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/>'
        f'<w:pgSz w:orient="{orient}"/></w:sectPr></w:pPr></w:p>'
    )


def test_complete_sections_copies_headers_and_turns_the_landscape_page():
    doc = tree(
        f"<w:document {RNS}><w:body><w:p/>{mark('portrait')}<w:tbl/>{mark('landscape')}"
        f"<w:p/>{FINAL_SECT}</w:body></w:document>"
    )
    t.complete_sections(doc)
    common = (
        '<w:headerReference w:type="default" r:id="h1"/>'
        '<w:headerReference w:type="first" r:id="h2"/>'
        '<w:footnotePr><w:numRestart w:val="continuous"/></w:footnotePr>'
        '<w:type w:val="nextPage"/>'
    )
    margins = '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/>'
    assert same(
        doc,
        f"<w:document {RNS}><w:body><w:p/>"
        f'<w:p><w:pPr><w:sectPr>{common}<w:pgSz w:w="11906" w:h="16838"/>{margins}<w:titlePg/>'
        "</w:sectPr></w:pPr></w:p><w:tbl/>"
        f'<w:p><w:pPr><w:sectPr>{common}<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        f"{margins}</w:sectPr></w:pPr></w:p><w:p/>"
        + FINAL_SECT.replace("<w:titlePg/>", "")
        + "</w:body></w:document>",
    )


def test_complete_sections_without_marks_keeps_the_first_page_rule():
    doc = tree(f"<w:document {RNS}><w:body><w:p/>{FINAL_SECT}</w:body></w:document>")
    t.complete_sections(doc)
    assert same(doc, f"<w:document {RNS}><w:body><w:p/>{FINAL_SECT}</w:body></w:document>")


def test_hide_anchors_renames_the_builds_bookmarks_and_moves_them_to_the_start():
    part = tree(
        f"<w:document {NS}><w:body><w:p><w:pPr/><w:r><w:t>x</w:t></w:r>"
        '<w:bookmarkStart w:id="1" w:name="vk03L120"/><w:bookmarkEnd w:id="1"/>'
        '<w:bookmarkStart w:id="3" w:name="vk-khac"/><w:bookmarkEnd w:id="3"/></w:p>'
        '<w:p><w:r><w:t>y</w:t></w:r><w:bookmarkStart w:id="2" w:name="vk03L120_2"/>'
        '<w:bookmarkEnd w:id="2"/></w:p>'
        '<w:bookmarkStart w:id="4" w:name="i-dac-diem"/><w:bookmarkEnd w:id="4"/>'
        "</w:body></w:document>"
    )
    expected = (
        f"<w:document {NS}><w:body><w:p><w:pPr/>"
        '<w:bookmarkStart w:id="1" w:name="_vk03L120"/><w:bookmarkEnd w:id="1"/>'
        "<w:r><w:t>x</w:t></w:r>"
        '<w:bookmarkStart w:id="3" w:name="vk-khac"/><w:bookmarkEnd w:id="3"/></w:p>'
        '<w:p><w:bookmarkStart w:id="2" w:name="_vk03L120_2"/><w:bookmarkEnd w:id="2"/>'
        "<w:r><w:t>y</w:t></w:r></w:p>"
        '<w:bookmarkStart w:id="4" w:name="i-dac-diem"/><w:bookmarkEnd w:id="4"/>'
        "</w:body></w:document>"
    )
    t.hide_anchors(part)
    assert same(part, expected)
    t.hide_anchors(part)  # idempotent
    assert same(part, expected)


def test_hide_anchors_moves_a_bookmark_around_a_paragraph_into_it():
    """pandoc's writing of an anchor div: the pair around the paragraph, in the body (with a
    heading's own bookmark between) or in a table cell."""
    part = tree(
        f"<w:document {NS}><w:body>"
        '<w:bookmarkStart w:id="1" w:name="vk01L5"/><w:bookmarkStart w:id="2" w:name="i-x"/>'
        '<w:p><w:pPr/><w:r><w:t>x</w:t></w:r></w:p><w:bookmarkEnd w:id="2"/>'
        '<w:bookmarkEnd w:id="1"/>'
        '<w:tbl><w:tr><w:tc><w:tcPr/><w:bookmarkStart w:id="3" w:name="vk01L9_2"/>'
        '<w:p><w:r><w:t>y</w:t></w:r></w:p><w:bookmarkEnd w:id="3"/></w:tc></w:tr></w:tbl>'
        "</w:body></w:document>"
    )
    expected = (
        f"<w:document {NS}><w:body>"
        '<w:bookmarkStart w:id="2" w:name="i-x"/>'
        '<w:p><w:pPr/><w:bookmarkStart w:id="1" w:name="_vk01L5"/><w:bookmarkEnd w:id="1"/>'
        '<w:r><w:t>x</w:t></w:r></w:p><w:bookmarkEnd w:id="2"/>'
        '<w:tbl><w:tr><w:tc><w:tcPr/><w:p><w:bookmarkStart w:id="3" w:name="_vk01L9_2"/>'
        '<w:bookmarkEnd w:id="3"/><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        "</w:body></w:document>"
    )
    t.hide_anchors(part)
    assert same(part, expected)
    t.hide_anchors(part)  # idempotent
    assert same(part, expected)


def test_custom_properties_are_declared_once_with_the_part():
    types = tree(
        f'<Types xmlns="{NSMAP["ct"]}"><Override PartName="/docProps/custom.xml" ContentType="x"/>'
        "</Types>"
    )
    rels = tree(
        f'<Relationships xmlns="{NSMAP["rel"]}">'
        '<Relationship Id="rIdCustom1" Type="t" Target="docProps/custom.xml"/>'
        '<Relationship Id="rId1" Type="t" Target="word/document.xml"/></Relationships>'
    )
    t.add_custom_properties(types, rels)
    assert [(o.get("PartName"), o.get("ContentType")) for o in types] == [
        ("/docProps/custom.xml", t.CT_CUSTOM)
    ]
    assert [(r.get("Id"), r.get("Target")) for r in rels] == [
        ("rId1", "word/document.xml"),
        ("rIdCustom1", "docProps/custom.xml"),
    ]
    root = t.custom_properties([("vankien-unit", "bao-cao"), ("vankien-anchors", "1")])
    props = [(p.get("pid"), p.get("name"), p[0].text) for p in root]
    assert props == [("2", "vankien-unit", "bao-cao"), ("3", "vankien-anchors", "1")]
    assert root.nsmap[None] == NSMAP["custom"]
