"""reference.docx generated from a profile, over pandoc's own default reference document.

Pandoc takes from the reference document all styles, the document defaults and the final
section properties (page size, margins, headers). Everything here is derived from the profile,
and the bytes are reproducible (fixed timestamps, fixed part order).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from typing import TYPE_CHECKING

from vankien.publish.ooxml.ns import CT_HEADER, NSMAP, REL_HEADER, XML_SPACE, qn
from vankien.publish.ooxml.package import parse, read_parts, serialize, write_parts
from vankien.publish.profile import ParaStyle, Profile
from vankien.publish.styles import STYLES, StyleSpec

if TYPE_CHECKING:
    from lxml import etree

# The reference document's own dates; documents get theirs from the unit (see postprocess).
REFERENCE_STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
HEADER_DEFAULT = "word/header1.xml"
HEADER_FIRST = "word/header2.xml"
_HIGHLIGHTS = {
    "yellow",
    "green",
    "cyan",
    "magenta",
    "blue",
    "red",
    "darkBlue",
    "darkCyan",
    "darkGreen",
    "darkMagenta",
    "darkRed",
    "darkYellow",
    "darkGray",
    "lightGray",
    "black",
}


def twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


def pt20(pt: float) -> str:
    return str(round(pt * 20))


def pandoc_default_reference() -> bytes:
    import tempfile
    from pathlib import Path

    from vankien.publish.pandoc import pandoc_path

    with tempfile.TemporaryDirectory(prefix="vankien-ref-") as tmp:
        target = Path(tmp) / "default.docx"
        subprocess.run(
            [pandoc_path(), "-o", str(target), "--print-default-data-file", "reference.docx"],
            check=True,
            capture_output=True,
            cwd=tmp,
        )
        return target.read_bytes()


def _el(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element) -> etree._Element:
    from lxml import etree

    node = etree.Element(qn(tag), nsmap=None)
    for key, value in (attrs or {}).items():
        node.set(qn(key), value)
    for child in children:
        node.append(child)
    return node


def paragraph_properties(style: ParaStyle) -> etree._Element | None:
    """``w:pPr`` for a style, children in schema order; None when nothing is set."""
    ppr = _el("w:pPr")
    if style.keep_next is not None:
        ppr.append(_el("w:keepNext", {"w:val": "1" if style.keep_next else "0"}))
    if style.keep_lines is not None:
        ppr.append(_el("w:keepLines", {"w:val": "1" if style.keep_lines else "0"}))
    # Widow and orphan control on, said explicitly in every style: a Word whose own default
    # differs, or a style edited by hand, must not leave a paragraph's single line behind.
    ppr.append(_el("w:widowControl", {"w:val": "1"}))
    if style.box or style.left_border:
        line = {"w:val": "single", "w:sz": "8", "w:space": "4", "w:color": "auto"}
        sides = ("w:top", "w:left", "w:bottom", "w:right") if style.box else ("w:left",)
        if style.left_border and not style.box:
            line = {**line, "w:sz": "18", "w:color": style.color or "auto"}
        ppr.append(_el("w:pBdr", None, *(_el(side, line) for side in sides)))
    if style.shading is not None:
        ppr.append(_el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": style.shading}))
    spacing: dict[str, str] = {}
    if style.before_pt is not None:
        spacing["w:before"] = pt20(style.before_pt)
    if style.after_pt is not None:
        spacing["w:after"] = pt20(style.after_pt)
    if style.line is not None and style.line_rule is not None:
        if style.line_rule == "multiple":
            spacing["w:line"] = str(round(style.line * 240))
            spacing["w:lineRule"] = "auto"
        else:
            spacing["w:line"] = pt20(style.line)
            spacing["w:lineRule"] = "exact" if style.line_rule == "exact" else "atLeast"
    if spacing:
        ppr.append(_el("w:spacing", spacing))
    ind: dict[str, str] = {}
    if style.left_mm is not None:
        ind["w:left"] = twips(style.left_mm)
    if style.right_mm is not None:
        ind["w:right"] = twips(style.right_mm)
    if style.first_line_mm is not None:
        if style.first_line_mm >= 0:
            ind["w:firstLine"] = twips(style.first_line_mm)
        else:
            ind["w:hanging"] = twips(-style.first_line_mm)
    if ind:
        ppr.append(_el("w:ind", ind))
    if style.align is not None:
        ppr.append(_el("w:jc", {"w:val": "both" if style.align == "justify" else style.align}))
    if style.outline_level is not None:
        ppr.append(_el("w:outlineLvl", {"w:val": str(style.outline_level)}))
    return ppr if len(ppr) else None


def run_properties(
    style: ParaStyle, font: str | None, character: bool = False
) -> etree._Element | None:
    """``w:rPr`` for a style; a character style's shading is a run shading (Word ignores
    highlight in styles, so a highlighted character style is written as shading)."""
    rpr = _el("w:rPr")
    if font is not None:
        rpr.append(
            _el("w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:eastAsia": font, "w:cs": font})
        )
    for flag, tags in ((style.bold, ("w:b", "w:bCs")), (style.italic, ("w:i", "w:iCs"))):
        if flag is not None:
            for tag in tags:
                rpr.append(_el(tag, None if flag else {"w:val": "0"}))
    if style.caps is not None:
        rpr.append(_el("w:caps", None if style.caps else {"w:val": "0"}))
    if style.color is not None:
        rpr.append(_el("w:color", {"w:val": style.color}))
    if style.size is not None:
        half = str(round(style.size * 2))
        rpr.append(_el("w:sz", {"w:val": half}))
        rpr.append(_el("w:szCs", {"w:val": half}))
    if style.underline is not None:
        rpr.append(_el("w:u", {"w:val": "single" if style.underline else "none"}))
    if character and style.shading is not None:
        rpr.append(_el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": style.shading}))
    return rpr if len(rpr) else None


def style_element(
    spec: StyleSpec, index: int, style: ParaStyle, font: str | None
) -> etree._Element:
    attrs = {"w:type": spec.kind, "w:styleId": spec.ids[index]}
    if spec.custom:
        attrs["w:customStyle"] = "1"
    if spec.ids[index] == "Normal":
        attrs["w:default"] = "1"
    node = _el("w:style", attrs, _el("w:name", {"w:val": spec.names[index]}))
    based_on = spec.based_on
    if index > 0:  # First Paragraph is based on Body Text, as in pandoc's default
        based_on = spec.ids[0]
    if based_on is not None:
        node.append(_el("w:basedOn", {"w:val": based_on}))
    if spec.next is not None:
        node.append(_el("w:next", {"w:val": spec.next}))
    node.append(_el("w:qFormat"))
    if spec.kind == "paragraph":
        ppr = paragraph_properties(style)
        if ppr is not None:
            node.append(ppr)
    rpr = run_properties(style, font, character=spec.kind == "character")
    if rpr is not None:
        node.append(rpr)
    return node


def _table_style(border_pt: float) -> etree._Element:
    size = str(round(border_pt * 8))
    line = {"w:val": "single", "w:sz": size, "w:space": "0", "w:color": "auto"}
    borders = _el(
        "w:tblBorders",
        None,
        *(
            _el(side, line)
            for side in ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV")
        ),
    )
    margins = _el(
        "w:tblCellMar",
        None,
        _el("w:left", {"w:w": "85", "w:type": "dxa"}),
        _el("w:right", {"w:w": "85", "w:type": "dxa"}),
    )
    first_row = _el(
        "w:tblStylePr",
        {"w:type": "firstRow"},
        _el("w:rPr", None, _el("w:b"), _el("w:bCs")),
        _el("w:tblPr"),
        _el("w:tcPr", None, _el("w:vAlign", {"w:val": "center"})),
    )
    return _el(
        "w:style",
        {"w:type": "table", "w:default": "1", "w:styleId": "Table"},
        _el("w:name", {"w:val": "Table"}),
        _el("w:uiPriority", {"w:val": "59"}),
        _el("w:qFormat"),
        _el("w:tblPr", None, _el("w:tblInd", {"w:w": "0", "w:type": "dxa"}), borders, margins),
        first_row,
    )


def _strip_theme_look(styles: etree._Element) -> None:
    """Pandoc's default colours headings blue and uses theme fonts: a Party document has neither."""
    for tag in ("w:rFonts", "w:color"):
        for node in styles.iter(qn(tag)):
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)


def build_styles(styles: etree._Element, profile: Profile) -> None:
    """Rewrite styles.xml: TNR everywhere, black text, every registry style from the profile."""
    _strip_theme_look(styles)
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            family = profile.font
            rpr.insert(
                0,
                _el(
                    "w:rFonts",
                    {"w:ascii": family, "w:hAnsi": family, "w:eastAsia": family, "w:cs": family},
                ),
            )
            for lang in rpr.iter(qn("w:lang")):
                lang.set(qn("w:val"), "vi-VN")
                lang.set(qn("w:eastAsia"), "vi-VN")
        ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        if ppr is not None:
            for child in list(ppr):
                ppr.remove(child)
            ppr.append(_el("w:widowControl", {"w:val": "1"}))
            ppr.append(_el("w:spacing", {"w:after": "0"}))
    existing = {node.get(qn("w:styleId")): node for node in styles.iter(qn("w:style"))}
    # Pandoc's "Table" style: replaced by a bordered one (pandoc never creates table styles).
    wanted: list[etree._Element] = [_table_style(profile.table_border_pt)]
    for spec in STYLES:
        style = profile.styles[spec.key]
        font: str | None = profile.font if spec.key == "normal" else None
        for index in range(len(spec.ids)):
            wanted.append(style_element(spec, index, style, font))
    for node in wanted:
        old = existing.get(node.get(qn("w:styleId")))
        if old is not None:
            old.addprevious(node)
            parent = old.getparent()
            assert parent is not None
            parent.remove(old)
        else:
            styles.append(node)


def _page_number_paragraph() -> etree._Element:
    def run(*children: etree._Element) -> etree._Element:
        return _el("w:r", None, *children)

    instr = _el("w:instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = " PAGE "
    cached = _el("w:t")
    cached.text = "2"
    return _el(
        "w:p",
        None,
        _el("w:pPr", None, _el("w:pStyle", {"w:val": "Header"})),
        run(_el("w:fldChar", {"w:fldCharType": "begin"})),
        run(instr),
        run(_el("w:fldChar", {"w:fldCharType": "separate"})),
        run(cached),
        run(_el("w:fldChar", {"w:fldCharType": "end"})),
    )


def _header_part(paragraphs: Iterable[etree._Element]) -> bytes:
    from lxml import etree

    root = etree.Element(qn("w:hdr"), nsmap={"w": NSMAP["w"], "r": NSMAP["r"]})
    for p in paragraphs:
        root.append(p)
    return serialize(root)


def section_properties(profile: Profile, default_rid: str, first_rid: str) -> etree._Element:
    page = profile.page
    return _el(
        "w:sectPr",
        None,
        _el("w:headerReference", {"w:type": "default", "r:id": default_rid}),
        _el("w:headerReference", {"w:type": "first", "r:id": first_rid}),
        _el("w:footnotePr", None, _el("w:numRestart", {"w:val": "continuous"})),
        _el("w:pgSz", {"w:w": twips(page.width_mm), "w:h": twips(page.height_mm)}),
        _el(
            "w:pgMar",
            {
                "w:top": twips(page.top_mm),
                "w:right": twips(page.right_mm),
                "w:bottom": twips(page.bottom_mm),
                "w:left": twips(page.left_mm),
                "w:header": twips(page.header_mm),
                "w:footer": twips(page.footer_mm),
                "w:gutter": "0",
            },
        ),
        _el("w:cols", {"w:space": "720"}),
        _el("w:titlePg"),
    )


def _build_document(document: etree._Element, profile: Profile) -> None:
    body = document.find(qn("w:body"))
    assert body is not None
    for child in list(body):
        body.remove(child)
    # One sample paragraph per style, so that a person opening the file sees what each is.
    for spec in STYLES:
        if spec.kind != "paragraph":
            continue
        for style_id, name in zip(spec.ids, spec.names, strict=True):
            text = _el("w:t")
            text.text = name
            body.append(
                _el(
                    "w:p",
                    None,
                    _el("w:pPr", None, _el("w:pStyle", {"w:val": style_id})),
                    _el("w:r", None, text),
                )
            )
    body.append(section_properties(profile, "rIdVkHeaderDefault", "rIdVkHeaderFirst"))


def _add_headers(parts: dict[str, bytes]) -> None:
    from lxml import etree

    parts[HEADER_DEFAULT] = _header_part([_page_number_paragraph()])
    # Page 1 carries no number: its header is one empty paragraph.
    parts[HEADER_FIRST] = _header_part(
        [_el("w:p", None, _el("w:pPr", None, _el("w:pStyle", {"w:val": "Header"})))]
    )
    rels = parse(parts["word/_rels/document.xml.rels"])
    for rid, target in (("rIdVkHeaderDefault", "header1.xml"), ("rIdVkHeaderFirst", "header2.xml")):
        rel = etree.SubElement(rels, f"{{{NSMAP['rel']}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", REL_HEADER)
        rel.set("Target", target)
    parts["word/_rels/document.xml.rels"] = serialize(rels)
    types = parse(parts["[Content_Types].xml"])
    for name in (HEADER_DEFAULT, HEADER_FIRST):
        override = etree.SubElement(types, f"{{{NSMAP['ct']}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", CT_HEADER)
    parts["[Content_Types].xml"] = serialize(types)


def _build_settings(settings: etree._Element, profile: Profile) -> None:
    footnote_pr = settings.find(qn("w:footnotePr"))
    if footnote_pr is not None:
        footnote_pr.insert(0, _el("w:numRestart", {"w:val": "continuous"}))
    for tag in ("w:rsids", "w:proofState"):
        for node in settings.findall(qn(tag)):
            settings.remove(node)
    if profile.page.mirror:
        zoom = settings.find(qn("w:zoom"))
        anchor = zoom if zoom is not None else settings[0]
        anchor.addnext(_el("w:mirrorMargins"))
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")


def make_reference(profile: Profile, base: bytes | None = None) -> bytes:
    """The bytes of reference.docx for ``profile`` (over ``base``, pandoc's default if None)."""
    from vankien.publish.ooxml.transforms import set_core_properties

    parts = read_parts(base if base is not None else pandoc_default_reference())
    # Sample content of pandoc's default that the generated file has no use for.
    for name in list(parts):
        if name in ("word/comments.xml", "docProps/custom.xml"):
            del parts[name]
    styles = parse(parts["word/styles.xml"])
    build_styles(styles, profile)
    parts["word/styles.xml"] = serialize(styles)
    document = parse(parts["word/document.xml"])
    _build_document(document, profile)
    parts["word/document.xml"] = serialize(document)
    settings = parse(parts["word/settings.xml"])
    _build_settings(settings, profile)
    parts["word/settings.xml"] = serialize(settings)
    _drop_dangling(parts)
    _add_headers(parts)
    core = parse(parts["docProps/core.xml"])
    set_core_properties(
        core,
        title=f"vankien reference.docx — {profile.name}",
        subject=profile.guideline,
        creator="vankien",
        when=REFERENCE_STAMP,
        keywords=f"vankien-profile:{profile.id}",
    )
    parts["docProps/core.xml"] = serialize(core)
    return write_parts(parts, REFERENCE_STAMP)


def _drop_dangling(parts: dict[str, bytes]) -> None:
    """Remove relationships and content types of the parts deleted above, and the sample link."""
    rels = parse(parts["word/_rels/document.xml.rels"])
    for rel in list(rels):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or f"word/{target}" not in parts:
            rels.remove(rel)
    parts["word/_rels/document.xml.rels"] = serialize(rels)
    root_rels = parse(parts["_rels/.rels"])
    for rel in list(root_rels):
        if rel.get("Target", "").lstrip("/") not in parts:
            root_rels.remove(rel)
    parts["_rels/.rels"] = serialize(root_rels)
    types = parse(parts["[Content_Types].xml"])
    for node in list(types):
        name = node.get("PartName")
        if name is not None and name.lstrip("/") not in parts:
            types.remove(node)
    parts["[Content_Types].xml"] = serialize(types)
