"""Body tables: widths from the content, rows that stay whole, the header row's look."""

from __future__ import annotations

from lxml import etree

from vankien.publish.ooxml.ns import NSMAP
from vankien.publish.ooxml.tables import TableLook, table_look, typeset_tables
from vankien.publish.textwidth import width_pt

W = NSMAP["w"]
NS = f'xmlns:w="{W}"'
SECT = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/></w:sectPr>'
)
TEXT_WIDTH = 11906 - 1701 - 850


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def cell(text: str) -> str:
    return (
        '<w:tc><w:tcPr/><w:p><w:pPr><w:pStyle w:val="Compact"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'
    )


def table(rows: list[list[str]], style: str = "Table") -> str:
    grid = "".join(f'<w:gridCol w:w="{9000 // len(rows[0])}"/>' for _ in rows[0])
    body = "".join(
        "<w:tr>"
        + ('<w:trPr><w:tblHeader w:val="on"/></w:trPr>' if n == 0 else "")
        + "".join(cell(t) for t in row)
        + "</w:tr>"
        for n, row in enumerate(rows)
    )
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:type="auto" w:w="0"/>'
        f'<w:tblLook w:val="0020"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )


def document(*blocks: str) -> etree._Element:
    return etree.fromstring(
        f"<w:document {NS}><w:body>{''.join(blocks)}{SECT}</w:body></w:document>"
    )


ROWS = [
    ["STT", "Chỉ tiêu", "Kế hoạch", "Tỷ lệ (%)"],
    [
        "1",
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên hằng năm của toàn đảng bộ",
        "Từ 90% trở lên",
        "93,5",
    ],
    ["2", "Kết nạp đảng viên mới trong nhiệm kỳ theo chỉ tiêu nghị quyết", "10 đảng viên", "120"],
    ["12", "Đảng viên có trình độ lý luận chính trị trung cấp trở lên", "60%", "64,7"],
]
LOOK = TableLook(size_pt=13, margin_twips=85, space_pt=6)


def widths_of(tbl: etree._Element) -> tuple[list[int], list[list[int]]]:
    grid = [int(c.get(q("w"))) for c in tbl.iter(q("gridCol"))]
    cells = [
        [int(tc.find(f"{q('tcPr')}/{q('tcW')}").get(q("w"))) for tc in tr.findall(q("tc"))]
        for tr in tbl.findall(q("tr"))
    ]
    return grid, cells


def test_widths_come_from_the_content_and_agree_everywhere() -> None:
    doc = document(table(ROWS))
    typeset_tables(doc, LOOK)
    tbl = doc.find(f".//{q('tbl')}")
    grid, cells = widths_of(tbl)
    assert sum(grid) == TEXT_WIDTH
    assert all(row == grid for row in cells)  # tcW on every cell, equal to the grid
    stt, text, plan, figures = grid
    # the STT column and the figures are as wide as their content, no wider than needed
    pad = 2 * 85 + 3 * 20
    assert stt < 1.3 * (width_pt("STT", 13, bold=True) * 20 + pad)
    assert figures >= width_pt("(%)", 13, bold=True) * 20 + pad
    assert figures < 2 * (width_pt("Tỷ lệ", 13, bold=True) * 20 + pad)
    assert text > plan > stt  # the long text takes the rest
    layout = tbl.find(f"{q('tblPr')}/{q('tblLayout')}")
    assert layout is not None and layout.get(q("type")) == "fixed"
    tblw = tbl.find(f"{q('tblPr')}/{q('tblW')}")
    assert (tblw.get(q("type")), tblw.get(q("w"))) == ("dxa", str(TEXT_WIDTH))


def test_the_same_content_in_another_order_gets_the_same_widths() -> None:
    order = [2, 0, 3, 1]
    doc = document(table([[row[i] for i in order] for row in ROWS]))
    typeset_tables(doc, LOOK)
    grid, _ = widths_of(doc.find(f".//{q('tbl')}"))
    base = document(table(ROWS))
    typeset_tables(base, LOOK)
    first, _ = widths_of(base.find(f".//{q('tbl')}"))
    assert all(abs(grid[n] - first[i]) <= 2 * TEXT_WIDTH // 80 for n, i in enumerate(order))


def test_rows_never_split_and_the_header_repeats_centred_and_bold() -> None:
    doc = document(table(ROWS))
    typeset_tables(doc, LOOK)
    rows = doc.findall(f".//{q('tr')}")
    for tr in rows:
        trpr = tr.find(q("trPr"))
        assert trpr is not None and trpr.find(q("cantSplit")) is not None
        # schema order: cantSplit before tblHeader
        tags = [etree.QName(c).localname for c in trpr]
        assert tags == sorted(tags, key=["cantSplit", "tblHeader"].index)
    assert rows[0].find(f"{q('trPr')}/{q('tblHeader')}") is not None
    for tc in rows[0].findall(q("tc")):
        assert tc.find(f".//{q('jc')}").get(q("val")) == "center"
        assert tc.find(f".//{q('rPr')}/{q('b')}") is not None
        assert tc.find(f".//{q('keepNext')}") is not None
    for tr in rows[1:]:
        cells = tr.findall(q("tc"))
        jc = [c.find(f".//{q('jc')}") for c in cells]
        assert jc[0] is not None and jc[0].get(q("val")) == "center"  # STT
        assert jc[1] is None and jc[2] is None  # text at the left
        assert jc[3] is not None and jc[3].get(q("val")) == "center"  # figures


def test_space_around_the_table_and_the_introduction_stays_with_it() -> None:
    before = "<w:p><w:r><w:t>bảng sau.</w:t></w:r></w:p>"
    after = '<w:p><w:pPr><w:spacing w:before="120"/></w:pPr><w:r><w:t>Sau bảng.</w:t></w:r></w:p>'
    doc = document(before, table(ROWS), after)
    typeset_tables(doc, LOOK)
    first, last = doc.findall(f"{q('body')}/{q('p')}")
    assert first.find(f"{q('pPr')}/{q('spacing')}").get(q("after")) == "120"
    assert first.find(f"{q('pPr')}/{q('keepNext')}") is not None
    assert last.find(f"{q('pPr')}/{q('spacing')}").get(q("before")) == "240"


def test_other_tables_are_left_alone() -> None:
    xml = table(ROWS, style="Other")
    doc = document(xml)
    typeset_tables(doc, LOOK)
    assert etree.tostring(doc.find(f".//{q('tbl')}")) == etree.tostring(
        etree.fromstring(xml.replace("<w:tbl>", f"<w:tbl {NS}>", 1))
    )


def test_look_is_read_from_the_styles() -> None:
    styles = etree.fromstring(
        f'<w:styles {NS}><w:style w:styleId="Compact"><w:rPr><w:sz w:val="24"/></w:rPr></w:style>'
        '<w:style w:styleId="Table"><w:tblPr><w:tblCellMar><w:left w:w="100" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style></w:styles>"
    )
    look = table_look(styles)
    assert (look.size_pt, look.margin_twips) == (12, 100)
