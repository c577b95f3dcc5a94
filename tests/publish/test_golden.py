"""Golden docx parts: the draft fixture's document, styles, headers and properties, compared
as parsed XML (the document's dates removed). VANKIEN_REGEN_GOLDEN=1 rewrites them.

Any change to the template, the filters, the profile or the post-processing shows up here as
a reviewable XML diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

from vankien.publish.ooxml.ns import qn

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
REGEN = os.environ.get("VANKIEN_REGEN_GOLDEN") == "1"
PARTS = (
    "word/document.xml",
    "word/styles.xml",
    "word/header1.xml",
    "word/header2.xml",
    "word/footnotes.xml",
    "word/settings.xml",
    "docProps/core.xml",
    "[Content_Types].xml",
    "word/_rels/document.xml.rels",
)
TIMESTAMPS = ("dcterms:created", "dcterms:modified")


def normalised(data: bytes) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(data, parser)
    for tag in TIMESTAMPS:
        for node in root.iter(qn(tag)):
            node.text = "TIMESTAMP"
    etree.indent(root)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


@pytest.mark.parametrize("name", PARTS)
def test_draft_fixture_part_matches_golden(draft_docx, name):
    assert name in draft_docx.parts, f"{name} missing from the built document"
    actual = normalised(draft_docx.parts[name])
    golden = GOLDEN / "dang-bo-draft" / name.replace("[", "").replace("]", "")
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
    assert golden.is_file(), f"missing {golden}: run with VANKIEN_REGEN_GOLDEN=1 and review it"
    assert actual == normalised(golden.read_bytes()), f"{name} differs from {golden}"
