"""reference.docx: the committed file is what the code generates; its figures come from the
profile; the bytes are reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from vankien.publish.ooxml.ns import qn
from vankien.publish.ooxml.package import read_parts
from vankien.publish.profile import load_profile
from vankien.publish.reference import make_reference, pandoc_default_reference

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base() -> bytes:
    return pandoc_default_reference()


def canonical(data: bytes) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(data, parser), method="c14n")


def test_committed_reference_docx_is_what_the_code_generates(base):
    committed = read_parts((REPO / "reference.docx").read_bytes())
    generated = read_parts(make_reference(load_profile(REPO / "profiles" / "hd36.yaml"), base))
    assert sorted(committed) == sorted(generated), "run: make reference"
    for name in generated:
        if name.endswith((".xml", ".rels")):
            assert canonical(committed[name]) == canonical(generated[name]), (
                f"{name}: run make reference"
            )
        else:
            assert committed[name] == generated[name], name


def test_generation_is_byte_for_byte_reproducible(base):
    profile = load_profile(REPO / "profiles" / "hd36.yaml")
    assert make_reference(profile, base) == make_reference(profile, base)


@pytest.mark.parametrize("name", ["hd36", "nd30"])
def test_styles_carry_the_profile_figures(base, name):
    profile = load_profile(REPO / "profiles" / f"{name}.yaml")
    parts = read_parts(make_reference(profile, base))
    styles = etree.fromstring(parts["word/styles.xml"])
    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    body = profile.styles["body"]
    for style_id in ("BodyText", "FirstParagraph"):
        style = by_id[style_id]
        size = style.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        assert int(size.get(qn("w:val"))) == round(body.size * 2)
        ind = style.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        assert int(ind.get(qn("w:firstLine"))) == round(body.first_line_mm * 1440 / 25.4)
        assert style.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "both"
    for style_id in (
        "Heading1",
        "Heading2",
        "Heading3",
        "Heading4",
        "Heading5",
        "Heading6",
        "PartLine",
    ):
        assert style_id in by_id
        assert by_id[style_id].find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None
        assert by_id[style_id].find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None
    table = by_id["Table"]
    assert table.get(qn("w:type")) == "table"
    assert len(table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")) == 6
    document = etree.fromstring(parts["word/document.xml"])
    sect = document.find(f"{qn('w:body')}/{qn('w:sectPr')}")
    margins = sect.find(qn("w:pgMar"))
    assert int(margins.get(qn("w:left"))) == round(profile.page.left_mm * 1440 / 25.4)
    assert sect.find(qn("w:titlePg")) is not None
    assert {"word/header1.xml", "word/header2.xml"} <= set(parts)
    core = etree.fromstring(parts["docProps/core.xml"])
    assert core.findtext(qn("cp:keywords")) == f"vankien-profile:{name}"


def test_mirror_margins_for_duplex_printing(base, tmp_path):
    text = (REPO / "profiles" / "hd36.yaml").read_text(encoding="utf-8")
    text = text.replace("id: hd36", "id: duplex").replace(
        "mirror: {value: false,", "mirror: {value: true,"
    )
    path = tmp_path / "duplex.yaml"
    path.write_text(text, encoding="utf-8")
    parts = read_parts(make_reference(load_profile(path), base))
    settings = etree.fromstring(parts["word/settings.xml"])
    assert settings.find(qn("w:mirrorMargins")) is not None
    default = read_parts(make_reference(load_profile(REPO / "profiles" / "hd36.yaml"), base))
    assert etree.fromstring(default["word/settings.xml"]).find(qn("w:mirrorMargins")) is None
