"""Every row of the format spec, checked on the built documents (fixtures and examples).

The expected figures are the rules' own (docs of the format spec), written here per profile;
they are not read from the profile files, so a wrong profile value fails these tests.
"""

from __future__ import annotations

import re

import pytest
from lxml import etree
from tests.publish.conftest import report_roots, source_blocks

from vankien.publish.ooxml.ns import NSMAP, qn

MM = 1440 / 25.4

# Per guideline: (low, high) ranges where the rule gives a range.
SPEC = {
    "hd36": {
        "margins": {"top": (20, 20), "bottom": (20, 20), "left": (30, 30), "right": (15, 15)},
        "body_size": (14, 15),
        "first_line_mm": (9.5, 10.5),
        "line": ("exact-or-at-least", 18),
        "nation": ["ĐẢNG CỘNG SẢN VIỆT NAM"],
        "nation_size": (15, 15),
        "header_size": (14, 14),
        "number": r"^Số (\d{2,}|[\s\u00a0]+)-BC/(ĐU|CB)$",
        "title_size": (15, 16),
        "star": True,
        "on_behalf": r"^T/M (ĐẢNG ỦY|BAN CHẤP HÀNH|CHI BỘ|CHI ỦY)$",
        "sign_title_bold": False,
        "label_size": 14,
        "label_underline": True,
        "label_bold": False,
        "recipient_size": 12,
        "page_number_size": (14, 14),
    },
    "nd30": {
        "margins": {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)},
        "body_size": (13, 14),
        "first_line_mm": (10, 12.7),
        "line": ("multiple", (1.0, 1.5)),
        "nation": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        "nation_size": (12, 13),
        "header_size": (12, 13),
        "number": r"^Số: (\d{2,}|[\s\u00a0]+)/BC-(ĐU|CB)$",
        "title_size": (13, 14),
        "star": False,
        "on_behalf": r"^TM\. (ĐẢNG ỦY|BAN CHẤP HÀNH|CHI BỘ|CHI ỦY)$",
        "sign_title_bold": True,
        "label_size": 12,
        "label_underline": False,
        "label_bold": True,
        "recipient_size": 11,
        "page_number_size": (13, 14),
    },
}
DATE_RE = re.compile(r"^.+, ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})$")


def spec(built):
    return SPEC[built.profile]


def within(value, bounds):
    low, high = bounds
    return low - 1e-6 <= value <= high + 1e-6


def final_sect(docx):
    sect = docx.body.find(qn("w:sectPr"))
    assert sect is not None
    return sect


# --- page --------------------------------------------------------------------------------


def test_page_is_a4_portrait_with_the_rule_margins(built):
    sect = final_sect(built.docx)
    size = sect.find(qn("w:pgSz"))
    assert round(int(size.get(qn("w:w"))) / MM) == 210
    assert round(int(size.get(qn("w:h"))) / MM) == 297
    assert size.get(qn("w:orient")) in (None, "portrait")
    margins = sect.find(qn("w:pgMar"))
    for side, bounds in spec(built)["margins"].items():
        assert within(int(margins.get(qn(f"w:{side}"))) / MM, (bounds[0] - 0.05, bounds[1] + 0.05))


def test_page_number_is_a_page_field_top_centre_and_not_on_page_one(built):
    docx = built.docx
    sect = final_sect(docx)
    sections = list(docx.doc.iter(qn("w:sectPr")))
    # "different first page" on the section holding page 1 only (later sections are numbered)
    assert sections[0].find(qn("w:titlePg")) is not None
    assert all(s.find(qn("w:titlePg")) is None for s in sections[1:])
    for other in sections:
        assert len(other.findall(qn("w:headerReference"))) == 2
    rels = docx.part("word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {
        h.get(qn("w:type")): targets[h.get(qn("r:id"))]
        for h in sect.findall(qn("w:headerReference"))
    }
    default = docx.part("word/" + refs["default"])
    instructions = "".join(t.text or "" for t in default.iter(qn("w:instrText")))
    assert instructions.strip() == "PAGE"
    (paragraph,) = default.findall(qn("w:p"))
    assert docx.align(paragraph) == "center"
    assert within(docx.size_pt(paragraph), spec(built)["page_number_size"])
    first = docx.part("word/" + refs["first"])
    assert not list(first.iter(qn("w:instrText")))
    assert docx.text(first).strip() == ""
    # no page number in the footer either
    assert sect.find(qn("w:footerReference")) is None


def test_footnotes_are_numbered_continuously(built):
    restart = final_sect(built.docx).find(f"{qn('w:footnotePr')}/{qn('w:numRestart')}")
    assert restart is not None and restart.get(qn("w:val")) == "continuous"


# --- fonts and body ----------------------------------------------------------------------


def test_times_new_roman_everywhere_and_black(built):
    docx = built.docx
    styles = docx.part("word/styles.xml")
    fonts = styles.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{attr}")) == "Times New Roman"
    for part in ("word/styles.xml", "word/document.xml"):
        for node in docx.part(part).iter(qn("w:rFonts")):
            named = {
                v for k, v in node.attrib.items() if not k.endswith("Theme") and "theme" not in k
            }
            assert named <= {"Times New Roman"}, node.attrib
            assert not any("theme" in k.lower() for k in node.attrib), node.attrib
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:styleId")) in ("Guidance", "Hyperlink"):
            continue  # drafts only / links
        for color in style.iter(qn("w:color")):
            assert color.get(qn("w:val")) in ("000000", "auto"), style.get(qn("w:styleId"))


def body_paragraphs(docx):
    return [
        p
        for p in docx.paragraphs()
        if docx.style_of(p) in ("BodyText", "FirstParagraph") and docx.text(p).strip()
    ]


def test_body_text_size_alignment_indent_spacing(built):
    docx = built.docx
    rules = spec(built)
    paragraphs = body_paragraphs(docx)
    assert len(paragraphs) >= 3
    for p in paragraphs:
        assert within(docx.size_pt(p), rules["body_size"])
        assert docx.align(p) == "both"
        assert within(docx.indent_mm(p, "firstLine"), rules["first_line_mm"])
        assert docx.indent_mm(p, "left") == 0
        assert docx.spacing_pt(p, "before") + docx.spacing_pt(p, "after") >= 6
        rule = docx.prop(p, "pPr", "w:spacing", "w:lineRule")
        line = int(docx.prop(p, "pPr", "w:spacing", "w:line") or 0)
        kind, bounds = rules["line"]
        if kind == "multiple":
            assert rule == "auto" and within(line / 240, bounds)
        else:
            assert rule in ("exact", "atLeast") and line / 20 >= bounds
        assert not docx.flag(p, "w:b")


def test_normal_style_carries_no_body_indent(built):
    """Normal leaks into footnotes and table cells: the body indent lives in Body Text."""
    normal = built.docx.styles["Normal"]
    assert normal.find(f"{qn('w:pPr')}/{qn('w:ind')}") is None
    # A paragraph in Normal (as in a footnote or a table cell) has no indent, whatever the
    # document defaults say; one in Body Text has the body's first-line indent.
    docx = built.docx
    for style, first_line in (("Normal", (0, 0)), ("BodyText", spec(built)["first_line_mm"])):
        p = etree.fromstring(
            f'<w:p xmlns:w="{NSMAP["w"]}"><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>'
        )
        assert within(docx.indent_mm(p, "firstLine"), first_line), style
        assert docx.indent_mm(p, "left") == 0, style


# --- headings ----------------------------------------------------------------------------


HEADING_LOOK = {
    # style: (bold, italic or None for "either", caps, centred)
    "Heading2": (True, False, True, False),  # I.
    "Heading3": (True, False, None, False),  # 1.
    "Heading4": (True, True, None, False),  # 1.1.
    "Heading5": (False, True, None, False),  # 1.1.1.
    "Heading6": (False, None, None, False),  # a)
}
HEADING_NUMBER = {
    "Heading2": r"^[IVXLC]+\. ",
    "Heading3": r"^\d+\. ",
    "Heading4": r"^\d+\.\d+\. ",
    "Heading5": r"^\d+\.\d+\.\d+\. ",
    "Heading6": r"^[a-zđ]\) ",
}


def test_part_heading_is_a_centred_bold_line_then_a_caps_bold_centred_title(built):
    docx = built.docx
    lines = docx.by_style("PartLine")
    assert lines, "no «Phần thứ …» line"
    for line in lines:
        assert re.match(r"^Phần (thứ \w+|[IVXLC]+)$", docx.text(line))
        assert docx.flag(line, "w:b") and not docx.flag(line, "w:caps")
        assert docx.align(line) == "center"
        assert docx.keep_next(line)
        title = line.getnext()
        while title.tag != qn("w:p"):  # heading bookmarks sit between the paragraphs
            title = title.getnext()
        assert docx.style_of(title) == "Heading1"
        assert docx.flag(title, "w:b") and docx.flag(title, "w:caps")
        assert docx.align(title) == "center"
        assert docx.text(title).strip() and ":" not in docx.text(title)[:2]


# Each heading style on each document whose Markdown has headings of that level.
HEADING_CASES = [
    pytest.param(root, style, id=f"{root.name}-{style}")
    for root in report_roots()
    for style in sorted(HEADING_LOOK)
    if style in source_blocks(root)
]


def test_every_heading_style_is_checked_on_some_document():
    assert {case.values[1] for case in HEADING_CASES} == set(HEADING_LOOK)


@pytest.mark.parametrize(("built", "style"), HEADING_CASES, indirect=["built"])
def test_heading_levels_look_and_literal_numbers(built, style):
    docx = built.docx
    bold, italic, caps, centred = HEADING_LOOK[style]
    found = docx.by_style(style)
    assert found, f"the Markdown of {built.name} has {style} headings, the document none"
    for p in found:
        assert re.match(HEADING_NUMBER[style], docx.text(p)), docx.text(p)
        assert docx.flag(p, "w:b") is bold
        if italic is not None:
            assert docx.flag(p, "w:i") is italic
        if caps:
            assert docx.flag(p, "w:caps") or docx.text(p) == docx.text(p).upper()
        assert (docx.align(p) == "center") is centred
        assert within(docx.size_pt(p), spec(built)["body_size"])
        assert docx.keep_next(p)


def test_every_heading_style_has_an_outline_level(built):
    docx = built.docx
    for level, style in enumerate(
        ["Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6"]
    ):
        node = docx.styles[style].find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        assert node is not None and node.get(qn("w:val")) == str(level)
    assert docx.styles["PartLine"].find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None


# --- header block ------------------------------------------------------------------------


def header_table(docx):
    table = docx.tables()[0]
    assert docx.body.index(table) <= 1, "the header table must open the document"
    return table


def test_header_table_is_borderless_two_columns(built):
    docx = built.docx
    table = header_table(docx)
    assert len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")) == 2
    borders = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert borders is not None
    assert {b.get(qn("w:val")) for b in borders} <= {"nil", "none"}
    assert table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}") is None


def test_header_cells_text_in_order(built):
    from vankien.unit.load import load_unit

    docx = built.docx
    unit = load_unit(built.root)
    rules = spec(built)
    (left1, right1), (left2, right2) = docx.cells(header_table(docx))
    lines = [t for t in docx.cell_lines(left1) if t]
    left = [t.replace("\n", " ") for t in lines]
    expected_left = [unit.superior.upper(), unit.issuer.upper()] + (["*"] if rules["star"] else [])
    assert left == expected_left
    # a name broken into lines leaves no lone word on a line (vankien.publish.breaks)
    assert all(len(line.split()) > 1 for t in lines[:2] for line in t.split("\n"))
    right = [t for t in docx.cell_lines(right1) if t]
    assert right == rules["nation"]
    (number,) = docx.cell_lines(left2)
    assert re.match(rules["number"], number), number
    if unit.doc_number is not None:
        assert f"{unit.doc_number:02d}" in number
    (date,) = docx.cell_lines(right2)
    m = DATE_RE.match(date)
    assert m is not None, date
    assert date.startswith(unit.place + ", ")
    day, month, year = m.groups()
    assert int(day) == unit.date.day and int(year) == unit.date.year
    assert month == (f"{unit.date.month:02d}" if unit.date.month <= 2 else str(unit.date.month))


def test_header_cells_formatting(built):
    docx = built.docx
    rules = spec(built)
    (left1, right1), (left2, right2) = docx.cells(header_table(docx))
    superior, issuer = [p for p in left1.findall(qn("w:p")) if docx.text(p)][:2]
    assert not docx.flag(superior, "w:b")
    assert docx.flag(issuer, "w:b")
    for p in (superior, issuer):
        assert docx.text(p) == docx.text(p).upper()
        assert within(docx.size_pt(p), rules["header_size"])
        assert docx.align(p) == "center"
    nation = right1.findall(qn("w:p"))[0]
    assert docx.flag(nation, "w:b") and docx.text(nation) == docx.text(nation).upper()
    assert within(docx.size_pt(nation), rules["nation_size"])
    date = right2.findall(qn("w:p"))[0]
    assert docx.flag(date, "w:i")
    assert within(docx.size_pt(date), (13, 14))
    number = left2.findall(qn("w:p"))[0]
    assert not docx.flag(number, "w:b")


def test_star_is_centred_under_the_issuer(built):
    docx = built.docx
    (left1, _), _ = docx.cells(header_table(docx))
    paragraphs = [p for p in left1.findall(qn("w:p")) if docx.text(p)]
    if not spec(built)["star"]:
        assert "*" not in [docx.text(p) for p in paragraphs]
        return
    star = paragraphs[-1]
    assert docx.text(star) == "*"
    assert docx.align(star) == "center"
    assert docx.text(paragraphs[-2]) == docx.text(paragraphs[-2]).upper()


def test_line_under_the_nation_line_is_as_long_as_the_text(built):
    """A top-bordered empty paragraph right under the last right-hand line, trimmed by its
    indents to the profile's measured text length (checked by eye on the rendered page)."""
    from vankien.publish.profile import find_profile

    docx = built.docx
    profile = find_profile(built.root, built.profile)
    (_, right1), _ = docx.cells(header_table(docx))
    paragraphs = right1.findall(qn("w:p"))
    rule = paragraphs[-1]
    assert docx.text(rule) == ""
    assert docx.text(paragraphs[-2]) == spec(built)["nation"][-1]
    border = rule.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
    assert border is not None and border.get(qn("w:val")) == "single"
    width = int(right1.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) / MM
    length = width - docx.indent_mm(rule, "left") - docx.indent_mm(rule, "right")
    assert abs(length - profile.header.rule_mm) < 0.2
    # a line as long as a 15 pt (12–13 pt State) caps text: some 55–80 mm, never the cell width
    assert 50 < length < width - 2


# --- title block -------------------------------------------------------------------------


def test_title_subject_and_dash(built):
    from vankien.publish.profile import find_profile
    from vankien.unit.load import load_unit

    docx = built.docx
    unit = load_unit(built.root)
    rules = spec(built)
    (title,) = docx.by_style("ReportTitle")
    assert docx.text(title) == "BÁO CÁO CHÍNH TRỊ"
    assert docx.flag(title, "w:b") and docx.align(title) == "center"
    assert within(docx.size_pt(title), rules["title_size"])
    subject = title.getnext()
    broken = docx.text(subject)  # broken into lines where a person would (publish/breaks.py)
    assert all(line.strip() == line and line for line in broken.split("\n"))
    text = broken.replace("\n", " ")
    assert docx.style_of(subject) == "ReportSubject"
    assert docx.flag(subject, "w:b") and docx.align(subject) == "center"
    assert within(docx.size_pt(subject), (14, 15) if built.profile == "hd36" else (13, 14))
    # Both profiles write the subject in lower case (HD 36, ND 30); «subject_case: upper» in
    # report.yaml is checked in test_blocks.py, and none of these reports sets it.
    assert find_profile(built.root, built.profile).texts.subject_case == "lower"
    assert "subject_case" not in unit.build
    assert text.startswith("của ")
    assert f", trình Đại hội {unit.congress_kind} lần thứ {unit.congress_text()}, " in text
    assert text.endswith(f", nhiệm kỳ {unit.current_term.text()}")
    own, other = ("Đảng bộ", "Chi bộ") if unit.org_type.name == "DANG_BO" else ("Chi bộ", "Đảng bộ")
    assert f"{own} {unit.name}" in text
    assert f"{other} {unit.name}" not in text
    dash = subject.getnext()
    assert docx.text(dash) == "-----" and docx.align(dash) == "center"


def test_draft_mark_follows_the_stage(built):
    from vankien.unit.load import load_unit

    docx = built.docx
    unit = load_unit(built.root)
    marks = docx.by_style("DraftMark")
    if unit.stage.is_final:
        assert marks == []
    else:
        (mark,) = marks
        assert docx.text(mark) == f"Dự thảo lần {unit.stage.draft}"
        assert docx.body.index(mark) == 0


# --- closing -----------------------------------------------------------------------------


def closing_table(docx):
    table = docx.tables()[-1]
    following = [n for n in table.itersiblings() if n.tag != qn("w:sectPr")]
    assert following == [], "the closing block must end the document"
    return table


def test_recipients_beside_the_signature(built):
    from vankien.unit.load import load_unit

    docx = built.docx
    unit = load_unit(built.root)
    rules = spec(built)
    ((left, right),) = docx.cells(closing_table(docx))
    label, *items = [p for p in left.findall(qn("w:p")) if docx.text(p)]
    assert docx.text(label) == "Nơi nhận:"
    assert docx.size_pt(label) == rules["label_size"]
    assert docx.flag(label, "w:b") is rules["label_bold"]
    underline = docx.prop(label, "rPr", "w:u", "w:val")
    assert (underline not in (None, "none")) is rules["label_underline"]
    assert items, "no recipient"
    for item in items:
        assert docx.text(item).startswith("- ")
        assert docx.size_pt(item) == rules["recipient_size"]
    assert docx.text(items[-1]).startswith("- Lưu")

    paragraphs = right.findall(qn("w:p"))
    on_behalf, title = paragraphs[0], paragraphs[1]
    assert re.match(rules["on_behalf"], docx.text(on_behalf)), docx.text(on_behalf)
    leader = "ĐẢNG ỦY" if unit.org_type.name == "DANG_BO" else "CHI"
    assert leader in docx.text(on_behalf)
    assert "(" not in docx.text(on_behalf)
    assert docx.flag(on_behalf, "w:b") and docx.size_pt(on_behalf) == 14
    assert docx.text(title) == unit.signer_title == unit.signer_title.upper()
    assert docx.flag(title, "w:b") is rules["sign_title_bold"]
    blanks = 0
    for p in paragraphs[2:]:
        if docx.text(p):
            break
        blanks += 1
    assert 3 <= blanks <= 5
    name = paragraphs[-1]
    assert docx.text(name) == unit.signer_name
    assert docx.flag(name, "w:b") and docx.size_pt(name) == 14
    # the signature block is level with «Nơi nhận:»
    assert docx.spacing_pt(label, "before") == docx.spacing_pt(on_behalf, "before")


def test_signature_block_never_alone_on_a_page(built):
    docx = built.docx
    table = closing_table(docx)
    for row in table.findall(qn("w:tr")):
        assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    previous = table.getprevious()
    while previous is not None and previous.tag != qn("w:p"):
        previous = previous.getprevious()
    assert previous is not None and docx.keep_next(previous)
    ((_left, right),) = docx.cells(table)
    for p in right.findall(qn("w:p"))[:-1]:
        assert docx.keep_next(p)


# --- lists, variables, properties --------------------------------------------------------


def test_no_word_numbering_on_enumerators(built):
    docx = built.docx
    assert not list(docx.doc.iter(qn("w:numPr")))
    for p in docx.paragraphs():
        text = docx.text(p)
        if re.match(r"^([-+] |[a-zđ]\) |\d+\. )", text) and docx.style_of(p) not in (
            "Heading3",
            "Heading6",
            "Guidance",
        ):
            assert docx.style_of(p) in ("BodyText", "FirstParagraph"), (text, docx.style_of(p))
            assert docx.indent_mm(p, "hanging") == 0


def test_no_placeholder_variable_left(built):
    docx = built.docx
    assert "{{" not in docx.text(docx.doc)
    assert "(Chi bộ)" not in docx.text(docx.doc)
    assert "ĐẢNG ỦY (CHI BỘ)" not in docx.text(docx.doc)


def test_core_properties_from_metadata_and_nothing_of_the_machine(built):
    from vankien.unit.load import load_unit

    docx = built.docx
    unit = load_unit(built.root)
    core = docx.part("docProps/core.xml")
    assert core.findtext(qn("dc:creator")) == unit.issuer
    assert core.findtext(qn("cp:lastModifiedBy")) == unit.issuer
    assert unit.issuer in core.findtext(qn("dc:title"))
    assert core.findtext(qn("dcterms:created")) == f"{unit.date.isoformat()}T00:00:00Z"
    # docProps/custom.xml holds where the document came from, and nothing else
    custom = docx.part("docProps/custom.xml")
    names = [p.get("name") for p in custom]
    assert names[:3] == ["vankien-anchors", "vankien-unit", "vankien-issuer"]
    assert set(names) <= {*names[:3], "vankien-commit", "vankien-modified"}
    assert custom[1].findtext(qn("vt:lpwstr")) == unit.output
    blob = b"".join(
        docx.parts[name] for name in docx.parts if name.endswith(".xml") or name.endswith(".rels")
    )
    for needle in (b"/tmp", b"/home", b"/work", b"/root", b"C:\\", b"vk-"):
        assert needle not in blob, needle


WITH_TABLES = [root for root in report_roots() if "Table" in source_blocks(root)]


def test_some_document_has_a_table():
    assert WITH_TABLES


@pytest.mark.parametrize("built", WITH_TABLES, indirect=True, ids=lambda p: p.name)
def test_body_tables_use_the_bordered_table_style_and_repeat_the_header_row(built):
    docx = built.docx
    body_tables = docx.tables()[1:-1]
    assert body_tables, f"the Markdown of {built.name} has a table, the document none"
    style = docx.styles["Table"]
    borders = style.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    assert len(borders) == 6
    for table in body_tables:
        assert table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}").get(qn("w:val")) == "Table"
        first = table.find(qn("w:tr"))
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_every_paragraph_with_text_has_a_style_of_the_profile(built):
    """No text falls back to Normal (pandoc does that for some blocks): each has a style whose
    figures come from the profile."""
    from vankien.publish.styles import STYLES

    docx = built.docx
    known = {style_id for spec in STYLES for style_id in spec.ids} - {"Normal"}
    for p in docx.doc.iter(qn("w:p")):
        if docx.text(p).strip():
            assert docx.style_of(p) in known, (docx.style_of(p), docx.text(p)[:60])


def test_package_has_only_its_own_properties_and_the_parts_it_uses(built):
    """app.xml names vankien and nothing else (no other program, no stale counts); parts the
    document does not use (an unreferenced list, an empty comments part) are not there, nor
    are their content types and relationships; docProps/custom.xml is vankien's own (where the
    document came from), declared once."""
    docx = built.docx
    app = docx.part("docProps/app.xml")
    assert [etree.QName(c).localname for c in app] == ["Application"]
    assert app[0].text == "vankien"
    for name in ("word/numbering.xml", "word/comments.xml"):
        assert name not in docx.parts
        for other, data in docx.parts.items():
            if other.endswith((".rels", "].xml")):
                assert name.rsplit("/", 1)[-1].encode() not in data, (name, other)


def test_data_tables_are_typeset(built):
    """Every cell of a body table has its width, equal to its grid column; rows never split;
    the header row repeats, centred and bold (publish/ooxml/tables.py)."""
    docx = built.docx
    tables = [
        t
        for t in docx.tables()
        if t.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}") is not None
        and t.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}").get(qn("w:val")) == "Table"
    ]
    for table in tables:  # (the chi bộ fixture has no table: nothing to check there)
        grid = [c.get(qn("w:w")) for c in table.iter(qn("w:gridCol"))]
        assert len(set(grid)) > 1  # not the equal columns pandoc writes
        rows = table.findall(qn("w:tr"))
        for row in rows:
            widths = [
                tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))
                for tc in row.findall(qn("w:tc"))
            ]
            assert widths == grid
            assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for tc in rows[0].findall(qn("w:tc")):
            for p in tc.findall(qn("w:p")):
                assert docx.align(p) == "center" and docx.flag(p, "w:b")
