"""What the Word → Markdown conversion keeps, on small documents in the shape Word writes.

Each document is hand-built OOXML (the elements Word writes: rsids, w14:paraId, run splits,
Symbol-font bullets, numbering.xml with lvlText "%1)" and "%1."), read with read_docx, mapped
onto the repository's outline, converted; the Markdown is then read by pandoc with the build's
own reader settings, so each test says what the build will see, not only what the text looks
like.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pypandoc
import pytest

from vankien.outline.load import load_outline
from vankien.publish.pandoc import READER
from vankien.publish.source import mark_plus_items
from vankien.resources import find
from vankien.unit.load import load_unit
from vankien.word.markdown import Conversion, to_markdown
from vankien.word.reader import read_docx
from vankien.word.structure import build_draft

REPO = Path(__file__).resolve().parents[2]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
STYLES = f"""<w:styles {NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>
<w:basedOn w:val="Normal"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr>
</w:style>
</w:styles>"""
# Headings the way units type them: bold Normal paragraphs with the number typed.
HEADINGS = [
    "Phần thứ nhất: KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI LẦN THỨ XIV, NHIỆM KỲ 2020 - 2025",
    "I. ĐẶC ĐIỂM TÌNH HÌNH",
    "1. Bối cảnh nhiệm kỳ 2020 - 2025",
]
HEADING_MD = "### 1. Bối cảnh nhiệm kỳ {{previous_term}}"


def run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r w:rsidR="00A1B2C3">{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, ppr: str = "") -> str:
    ppr_xml = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f'<w:p w14:paraId="1A2B3C4D" w:rsidR="00A1B2C3">{ppr_xml}{"".join(runs)}</w:p>'


def heading_paras() -> str:
    return "".join(para(run(text, "<w:b/>")) for text in HEADINGS)


def make_docx(
    path: Path,
    body: str,
    *,
    numbering: str | None = None,
    footnotes: str | None = None,
    media: bytes | None = None,
) -> Path:
    overrides = [
        ("/word/document.xml", "wordprocessingml.document.main"),
        ("/word/styles.xml", "wordprocessingml.styles"),
    ]
    rels = [("rIdS", "styles", "styles.xml")]
    if numbering:
        overrides.append(("/word/numbering.xml", "wordprocessingml.numbering"))
        rels.append(("rIdN", "numbering", "numbering.xml"))
    if footnotes:
        overrides.append(("/word/footnotes.xml", "wordprocessingml.footnotes"))
        rels.append(("rIdF", "footnotes", "footnotes.xml"))
    if media:
        rels.append(("rIdImg", "image", "media/image1.png"))
    kind = "application/vnd.openxmlformats-officedocument."
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{kind}{t}+xml"/>' for p, t in overrides)
        + "</Types>"
    )
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{i}" Type="{office}/{t}" Target="{target}"/>'
            for i, t, target in rels
        )
        + "</Relationships>"
    )
    document = (
        f"<w:document {NS}><w:body>{heading_paras()}{body}"
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/_rels/document.xml.rels", doc_rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", STYLES)
        if numbering:
            archive.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
        if footnotes:
            archive.writestr("word/footnotes.xml", f"<w:footnotes {NS}>{footnotes}</w:footnotes>")
        if media:
            archive.writestr("word/media/image1.png", media)
    path.write_bytes(buffer.getvalue())
    return path


def convert(path: Path) -> Conversion:
    unit = load_unit(REPO)
    outline = load_outline(find(REPO, "outline", f"{unit.outline}.yaml"))
    return to_markdown(build_draft(read_docx(path), outline, unit.variables()))


def section_text(conversion: Conversion) -> str:
    """The Markdown under the heading «1. Bối cảnh nhiệm kỳ …» of the first file."""
    text = conversion.file("01-dac-diem-tinh-hinh.md").text
    assert HEADING_MD in text, text
    after = text.split(HEADING_MD, 1)[1]
    return after.split("\n### ", 1)[0].strip()


def ast(markdown: str) -> list[Any]:
    """The blocks pandoc reads from ``markdown`` with the build's reader (and its "+" marks)."""
    data = json.loads(pypandoc.convert_text(mark_plus_items(markdown), "json", format=READER))
    blocks: list[Any] = data["blocks"]
    return blocks


def plain(inlines: list[Any]) -> str:
    out = []
    for item in inlines:
        if item["t"] == "Str":
            out.append(item["c"])
        elif item["t"] in ("Space", "SoftBreak"):
            out.append(" ")
        elif item["t"] in ("Strong", "Emph"):
            out.append(plain(item["c"]))
        elif item["t"] == "Span":
            out.append(plain(item["c"][1]))
    return "".join(out)


@pytest.fixture
def docx_path(tmp_path: Path) -> Path:
    return tmp_path / "du-thao.docx"


def test_bold_and_italic_across_split_runs(docx_path: Path) -> None:
    body = para(
        run("Trong nhiệm kỳ, "),
        run("Đảng ", "<w:b/>"),
        run("bộ", '<w:b/><w:lang w:val="vi-VN"/>'),
        run(" đã quán triệt "),
        run("Nghị quyết số 57-NQ/TW", "<w:i/>"),
        run(" và "),
        run("kết luận", "<w:b/><w:i/>"),
        run(" với ", '<w:b w:val="0"/>'),
        run("trọng tâm", '<w:rStyle w:val="Strong"/>'),
        run("."),
    )
    text = section_text(convert(make_docx(docx_path, body)))
    assert text == (
        "Trong nhiệm kỳ, **Đảng bộ** đã quán triệt *Nghị quyết số 57-NQ/TW* và ***kết luận*** "
        "với **trọng tâm**."
    )
    inlines = ast(text)[0]["c"]
    strong = [plain(i["c"]) for i in inlines if i["t"] == "Strong"]
    emph = [plain(i["c"]) for i in inlines if i["t"] == "Emph"]
    assert strong == ["Đảng bộ", "trọng tâm"]
    assert emph == ["Nghị quyết số 57-NQ/TW", "kết luận"]


BULLETS = """
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf02d"/>
  <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf02b"/>
  <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/>
 </w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
  <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/>
  <w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:hint="default"/></w:rPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="3">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf02b"/>
  <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
"""


def item(text: str, num: int, level: int = 0) -> str:
    return para(
        run(text),
        ppr=f'<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{level}"/>'
        f'<w:numId w:val="{num}"/></w:numPr>',
    )


def test_automatic_and_typed_list_markers_become_literal_markers(docx_path: Path) -> None:
    body = "".join(
        [
            item("Thuận lợi:", 2),
            item("Cấp ủy đoàn kết, thống nhất.", 1),
            item("Đội ngũ có trình độ cao:", 1),
            item("31 đảng viên là thạc sĩ;", 1, 1),
            item("12 đảng viên là lãnh đạo phòng.", 1, 1),
            item("Khó khăn:", 2),
            item("Kinh phí còn hạn chế.", 3),
            item("Một số nhiệm vụ chậm tiến độ.", 3, 1),
            item("Một danh sách riêng chỉ có dấu cộng.", 4),
            para(run("- Gõ tay dấu gạch ngang.")),
            para(run("+ Gõ tay dấu cộng.")),
            para(run("– Gõ tay gạch nối dài.")),
        ]
    )
    text = section_text(convert(make_docx(docx_path, body, numbering=BULLETS)))
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == [
        "a) Thuận lợi:",
        "- Cấp ủy đoàn kết, thống nhất.",
        "- Đội ngũ có trình độ cao:",
        "+ 31 đảng viên là thạc sĩ;",
        "+ 12 đảng viên là lãnh đạo phòng.",
        "b) Khó khăn:",
        "- Kinh phí còn hạn chế.",
        "+ Một số nhiệm vụ chậm tiến độ.",
        "+ Một danh sách riêng chỉ có dấu cộng.",
        "- Gõ tay dấu gạch ngang.",
        "+ Gõ tay dấu cộng.",
        "- Gõ tay gạch nối dài.",
    ]
    # What the build reads: "a)" stays text; "-" and "+" items are bullet lists whose "+"
    # items carry the build's vk-plus mark (filters/literal-lists.lua writes them back as "+").
    blocks = ast(text)
    assert blocks[0]["t"] == "Para" and plain(blocks[0]["c"]) == "a) Thuận lợi:"
    items = [
        (it[0]["c"][0]["t"] == "Span", plain(it[0]["c"]).strip())
        for b in blocks
        if b["t"] == "BulletList"
        for it in b["c"]
    ]
    assert items[:4] == [
        (False, "Cấp ủy đoàn kết, thống nhất."),
        (False, "Đội ngũ có trình độ cao:"),
        (True, "31 đảng viên là thạc sĩ;"),
        (True, "12 đảng viên là lãnh đạo phòng."),
    ]


def cell(text: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para(run(text))}</w:tc>"


def test_tables_with_merged_cells_are_pipe_tables_the_build_reads(docx_path: Path) -> None:
    rows = [
        [cell("TT", '<w:vMerge w:val="restart"/>'), cell("Chỉ tiêu", '<w:vMerge w:val="restart"/>'),
         cell("Kết quả", '<w:gridSpan w:val="2"/>')],
        [cell("", "<w:vMerge/>"), cell("", "<w:vMerge/>"), cell("Kế hoạch"), cell("Thực hiện")],
        [cell("1"), cell("Kết nạp đảng viên | mới"), cell("10"), cell("12")],
        [cell("2"), f"<w:tc>{para(run('Tổ chức đảng'))}{para(run('trong sạch'))}</w:tc>",
         cell("100%", '<w:gridSpan w:val="2"/>')],
    ]  # fmt: skip
    table = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblBorders><w:top w:val="single"/>'
        "</w:tblBorders></w:tblPr><w:tblGrid>"
        + '<w:gridCol w:w="1000"/>' * 4
        + "</w:tblGrid>"
        + "".join(f"<w:tr>{''.join(r)}</w:tr>" for r in rows)
        + "</w:tbl>"
    )
    body = para(run("Kết quả cụ thể như sau.")) + table + para(run("Đoạn sau bảng."))
    text = section_text(convert(make_docx(docx_path, body)))
    blocks = ast(text)
    assert [b["t"] for b in blocks] == ["Para", "Table", "Para"]
    _attr, _caption, _colspecs, head, bodies, _foot = blocks[1]["c"]
    grid = [
        [plain(c[4][0]["c"]) if c[4] else "" for c in row[1]]
        for row in head[1] + [r for b in bodies for r in b[3]]
    ]
    assert grid == [
        ["TT", "Chỉ tiêu", "Kết quả", ""],
        ["", "", "Kế hoạch", "Thực hiện"],
        ["1", "Kết nạp đảng viên | mới", "10", "12"],
        ["2", "Tổ chức đảng trong sạch", "100%", ""],
    ]
    # The linter reads table rows as text: no runs of spaces for its spacing rule to flag.
    assert not any("  " in line for line in text.split("\n") if line.startswith("|"))


FOOTNOTES = """
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>
</w:p></w:footnote>
<w:footnote w:id="7"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>
<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Theo </w:t></w:r><w:r><w:rPr><w:i/></w:rPr>
<w:t>Báo cáo số 12-BC/ĐU</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Đoạn một.</w:t>
</w:r></w:p><w:p><w:r><w:t>Đoạn hai của chú thích.</w:t></w:r></w:p></w:footnote>
"""


def note_ref(note_id: int) -> str:
    return (
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
        f'</w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def test_footnotes_are_numbered_in_reading_order_and_keep_their_text(docx_path: Path) -> None:
    body = para(run("Có 68 đảng viên"), note_ref(7), run(", 6 chi bộ"), note_ref(3), run("."))
    body += para(run("Nhắc lại chú thích đầu"), note_ref(7), run("."))
    text = section_text(convert(make_docx(docx_path, body, footnotes=FOOTNOTES)))
    blocks = ast(text)
    notes = [
        [plain(b["c"]) for b in i["c"]]
        for block in blocks
        for i in block["c"]
        if block["t"] == "Para" and i["t"] == "Note"
    ]
    assert notes == [
        ["Theo Báo cáo số 12-BC/ĐU."],
        ["Đoạn một.", "Đoạn hai của chú thích."],
        ["Theo Báo cáo số 12-BC/ĐU."],
    ]
    assert "[^1]" in text and "[^2]" in text and "[^3]" not in text
    assert "*Báo cáo số 12-BC/ĐU*" in text


def drawing(rel: str, descr: str) -> str:
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/>'
        f'<wp:docPr id="1" name="Picture 1" descr="{descr}"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill>'
        f'<a:blip r:embed="{rel}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r>"
    )


def test_pictures_are_exported_once_and_referenced_from_skeleton(docx_path: Path) -> None:
    body = para(drawing("rIdImg", "Biểu đồ đảng viên"), ppr='<w:jc w:val="center"/>')
    body += para(run("Biểu đồ 1: Số đảng viên"), ppr='<w:jc w:val="center"/>')
    body += para(run("Nhắc lại: "), drawing("rIdImg", ""))
    conversion = convert(make_docx(docx_path, body, media=PNG))
    assert [(e.part, e.path) for e in conversion.images] == [
        ("word/media/image1.png", "images/image1.png")
    ]
    text = section_text(conversion)
    assert "![Biểu đồ đảng viên](../images/image1.png){width=2.5cm}" in text
    assert text.count("(../images/image1.png)") == 2
    blocks = json.dumps(ast(text))
    assert blocks.count('"t": "Image"') == 2
    assert blocks.count('["width", "2.5cm"]') == 2  # the size drawn in Word (914400 EMU)


AUTO_HEADINGS = """
<w:abstractNum w:abstractNumId="5">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>
 </w:lvl>
</w:abstractNum>
<w:num w:numId="9"><w:abstractNumId w:val="5"/></w:num>
"""


def test_headings_with_automatic_numbers_are_mapped(docx_path: Path) -> None:
    def numbered(text: str, level: int) -> str:
        return para(
            run(text, "<w:b/>"),
            ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="9"/></w:numPr>',
        )

    # The document's own "1. Bối cảnh" heading is typed (HEADINGS); these continue the list.
    body = para(run("Nội dung bối cảnh."))
    body += numbered("Bối cảnh nhiệm kỳ 2020 - 2025", 0)  # Word shows "1."
    body += numbered("Thuận lợi, khó khăn", 0)  # "2."
    body += para(run("Nội dung thuận lợi."))
    conversion = convert(make_docx(docx_path, body, numbering=AUTO_HEADINGS))
    text = conversion.file("01-dac-diem-tinh-hinh.md").text
    assert "### 2. Thuận lợi, khó khăn\n\nNội dung thuận lợi." in text


def test_a_line_break_and_markdown_characters_survive(docx_path: Path) -> None:
    body = para(
        run("Dòng một"),
        "<w:r><w:br/></w:r>",
        run("dòng hai có *sao*, _gạch_ và [ngoặc]."),
    )
    body += para(
        run("1. Câu bắt đầu bằng số nhưng là một câu dài của đoạn văn, không phải đề mục.")
    )
    text = section_text(convert(make_docx(docx_path, body)))
    blocks = ast(text)
    assert [b["t"] for b in blocks] == ["Para", "Para"]
    first = blocks[0]["c"]
    assert any(i["t"] == "LineBreak" for i in first)
    assert plain(first).replace("  ", " ") == "Dòng mộtdòng hai có *sao*, _gạch_ và [ngoặc]."
    assert plain(blocks[1]["c"]).startswith("1. Câu bắt đầu bằng số")
