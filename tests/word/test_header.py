"""The header block: what a unit's draft says about itself at the top of the first page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from vankien.unit.model import OrgType, Stage
from vankien.word.reader import read_docx
from vankien.word.structure import Draft

from .conftest import FIXTURES


def test_dang_bo_header_table_and_stage_box(drafts: dict[str, Draft]) -> None:
    header = drafts["word-dang-bo"].document.header
    assert header.superior == "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"
    assert header.party_line
    assert header.organisation == "ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert header.org_type is OrgType.DANG_BO
    assert header.org_name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert (header.doc_number, header.doc_number_value) == ("Số 45-BC/ĐU", 45)
    assert (header.place, header.date) == ("Thanh Hóa", dt.date(2025, 6, 10))
    assert header.title == "BÁO CÁO CHÍNH TRỊ"
    assert (header.congress, header.term) == (15, "2025 - 2030")
    assert header.stage == Stage(2) and header.stage_text == "DỰ THẢO LẦN 2"


def test_chi_bo_headers_from_three_writers(drafts: dict[str, Draft]) -> None:
    for name in ("word-auto-numbers", "lo-fodt", "python-docx"):
        header = drafts[name].document.header
        assert header.org_type is OrgType.CHI_BO, name
        assert header.organisation == "CHI BỘ SỞ KHOA HỌC VÀ CÔNG NGHỆ", name
        # The subject line names the previous term first: the term read is the new one.
        assert (header.congress, header.term) == (15, "2025 - 2030"), name
        assert header.stage is None, name


def test_placeholders_are_not_values(drafts: dict[str, Draft]) -> None:
    header = drafts["seed-defects"].document.header
    assert header.doc_number == "Số -BC/ĐU" and header.doc_number_value is None
    assert header.date is None and header.place is None
    assert header.congress is None and header.congress_text is not None
    assert "LẦN THỨ……" in header.congress_text
    assert header.stage == Stage(1)


def test_header_from_an_html_page_through_libreoffice() -> None:
    header = read_docx(FIXTURES / "lo-html.docx").header
    assert header.superior == "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"
    assert header.organisation == "ĐẢNG ỦY SỞ Y TẾ" and header.org_type is OrgType.DANG_BO
    assert header.date == dt.date(2025, 3, 5) and header.place == "Nghệ An"


def test_header_paragraphs_are_left_out_of_the_body(drafts: dict[str, Draft]) -> None:
    draft = drafts["word-dang-bo"]
    header = set(draft.document.header.paragraphs)
    headings = {i for h in draft.headings for i in h.candidate.paragraphs}
    assert header and not header & headings
    texts = [p.text for p in draft.document.paragraphs if p.index in header]
    assert "BÁO CÁO CHÍNH TRỊ" in texts and not any(t.startswith("Phần thứ") for t in texts)


def test_issuer_under_a_superior_that_is_a_party_committee(tmp_path: Path) -> None:
    """«ĐẢNG UỶ KHỐI …» (old-style accent) over «CHI BỘ …»: the issuer is the lower line."""
    path = tmp_path / "chi-bo.docx"
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "ĐẢNG UỶ KHỐI CÁC CƠ QUAN TỈNH"
    left.add_paragraph("CHI BỘ TRƯỜNG CHÍNH TRỊ")
    left.add_paragraph("Số 03-BC/CB")
    right.text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    right.add_paragraph("Hà Tĩnh, ngày 02 tháng 4 năm 2025")
    document.add_paragraph("BÁO CÁO CHÍNH TRỊ")
    document.add_paragraph("CỦA CHI ỦY CHI BỘ TRƯỜNG CHÍNH TRỊ, TRÌNH ĐẠI HỘI LẦN THỨ X")
    document.add_paragraph("Phần thứ nhất: KẾT QUẢ")
    document.save(str(path))
    header = read_docx(path).header
    assert header.superior == "ĐẢNG UỶ KHỐI CÁC CƠ QUAN TỈNH"
    assert header.organisation == "CHI BỘ TRƯỜNG CHÍNH TRỊ"
    assert header.org_type is OrgType.CHI_BO and header.congress == 10
    assert header.doc_number_value == 3 and header.date == dt.date(2025, 4, 2)
