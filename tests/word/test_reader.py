"""read_docx on documents other writers made, and its refusals of bad input."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from vankien.errors import EXIT_USER, UserError, run_guarded
from vankien.word.model import Area
from vankien.word.reader import paragraph_elements, read_docx

from .conftest import FIXTURES


def _texts(name: str) -> list[str]:
    return [p.text for p in read_docx(FIXTURES / name).paragraphs]


def test_word_artefacts_are_read_as_a_person_sees_them() -> None:
    doc = read_docx(FIXTURES / "word-dang-bo.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    # Field: the result is kept, the field code is not.
    assert "(cập nhật 02/05/2025)" in text
    assert "DATE" not in text and "dd/MM" not in text
    # Tracked changes: the insertion is read, the deletion is not.
    assert "Số liệu được cập nhật đến tháng 4/2025." in text
    assert "(số liệu tạm tính)" not in text
    assert doc.tracked_changes > 0
    # Smart tag and hyperlink text are part of the paragraph; _GoBack leaves no trace.
    para = next(p for p in doc.paragraphs if "là địa bàn trọng điểm" in p.text)
    assert "của Sở; Thanh Hóa là địa bàn" in para.text
    assert any(r.hyperlink == "https://sokhcn.thanhhoa.gov.vn/" for r in para.runs)
    assert "_GoBack" not in text
    # Runs split inside words by rsids are joined again.
    assert any("quán triệt" in p.text for p in doc.paragraphs)


def test_notes_comments_images_and_pages() -> None:
    doc = read_docx(FIXTURES / "word-dang-bo.docx")
    assert [n.text for n in doc.footnotes] == [
        "Báo cáo số 12-BC/ĐU, ngày 15/4/2025 của Đảng ủy Sở."
    ]
    ref = next(p for p in doc.paragraphs if any(r.footnote for r in p.runs))
    assert ref.runs[[r.footnote for r in ref.runs].index(1)].text == ""
    assert {c.text for c in doc.comments} == {"Đề nghị bổ sung số liệu năm 2024."}
    assert all(c.author == "Lê Văn Cường" for c in doc.comments)
    (image,) = doc.images
    assert image.part == "word/media/image1.png"
    assert image.description == "Biểu đồ kết nạp đảng viên 2020 - 2025"
    assert doc.pages_known
    pages = [p.page for p in doc.paragraphs if p.area is Area.BODY]
    assert pages[0] == 1 and all(isinstance(n, int) for n in pages)
    assert pages == sorted(pages) and pages[-1] > 5  # type: ignore[type-var]
    assert doc.application == "Microsoft Office Word"


def test_text_box_is_read_once_after_its_anchor() -> None:
    doc = read_docx(FIXTURES / "word-dang-bo.docx")
    boxes = [p for p in doc.paragraphs if p.area is Area.TEXTBOX]
    assert [p.text for p in boxes] == ["DỰ THẢO LẦN 2"]  # the VML fallback is not read again
    assert doc.header.stage is not None and doc.header.stage.draft == 2


def test_paragraph_indices_follow_paragraph_elements() -> None:
    path = FIXTURES / "word-dang-bo.docx"
    doc = read_docx(path)
    with zipfile.ZipFile(path) as zf:
        from lxml import etree

        root = etree.fromstring(zf.read("word/document.xml"))
    elements = paragraph_elements(root)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for para in doc.paragraphs:
        element = elements[para.index]
        typed = "".join(t.text or "" for t in element.iter(f"{w}t"))
        if para.area is not Area.TEXTBOX and not typed.count("DỰ THẢO"):
            assert para.text.replace("\t", "") in typed or para.text == ""
    assert [p.index for p in doc.paragraphs] == sorted(p.index for p in doc.paragraphs)


def test_tables_and_cells() -> None:
    doc = read_docx(FIXTURES / "word-dang-bo.docx")
    header, *rest = doc.tables
    assert header.borderless and header.columns == 2 and len(header.rows) == 1
    grid = next(t for t in rest if not t.borderless)
    assert grid.columns == 4
    first_cell = doc.paragraphs[
        [p.index for p in doc.paragraphs].index(grid.rows[0][0].paragraphs[0])
    ]
    assert first_cell.cell is not None and first_cell.cell.row == 0 and first_cell.all_bold


def test_merged_cells_from_libreoffice() -> None:
    doc = read_docx(FIXTURES / "lo-html.docx")
    table = next(t for t in doc.tables if not t.borderless)
    spans = [(c.row, c.col, c.grid_span, c.v_merge) for row in table.rows for c in row]
    assert (0, 2, 2, None) in spans  # "Kết quả" spans two columns
    assert (0, 0, 1, "restart") in spans and (1, 0, 1, "continue") in spans


@pytest.mark.parametrize("name", ["lo-fodt.docx", "lo-html.docx", "python-docx.docx"])
def test_other_writers_read(name: str) -> None:
    doc = read_docx(FIXTURES / name)
    assert doc.word_count() > 100
    assert any("BÁO CÁO CHÍNH TRỊ" in p.text for p in doc.paragraphs)


def test_python_docx_styles_and_comment() -> None:
    doc = read_docx(FIXTURES / "python-docx.docx")
    headings = [p for p in doc.paragraphs if p.style.heading_level]
    assert {p.style.heading_level for p in headings} == {1, 2, 3}
    assert headings[0].style.name.lower() == "heading 1"
    assert [c.text for c in doc.comments] == ["Bổ sung số liệu."]
    assert len(doc.images) == 1 and doc.images[0].part.startswith("word/media/")


def _refused(path: Path) -> UserError:
    with pytest.raises(UserError) as info:
        read_docx(path)
    error = info.value
    assert error.path == str(path)
    assert error.hint
    return error


def test_word97_is_refused() -> None:
    error = _refused(FIXTURES / "word97.doc")
    assert "Word 97" in error.message and "soffice" in (error.hint or "")


def test_password_protected_is_refused() -> None:
    path = FIXTURES / "encrypted.docx"
    assert path.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # an OLE file, as Word writes it
    assert "mật khẩu" in _refused(path).message


def test_corrupt_not_docx_and_empty(tmp_path: Path) -> None:
    truncated = tmp_path / "hong.docx"
    truncated.write_bytes((FIXTURES / "word-dang-bo.docx").read_bytes()[:3000])
    assert "bị hỏng" in _refused(truncated).message

    text = tmp_path / "ghi-chu.docx"
    text.write_text("Báo cáo chính trị\n", encoding="utf-8")
    assert "không phải văn bản Word" in _refused(text).message

    other = tmp_path / "bang-tinh.docx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "word/document.xml" in _refused(other).message

    bad_xml = tmp_path / "xml-hong.docx"
    shutil.copy(FIXTURES / "word-dang-bo.docx", bad_xml)
    with (
        zipfile.ZipFile(FIXTURES / "word-dang-bo.docx") as src,
        zipfile.ZipFile(bad_xml, "w") as dst,
    ):
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    assert "không phải XML hợp lệ" in _refused(bad_xml).message

    empty = tmp_path / "trong.docx"
    docx.Document().save(str(empty))
    assert "trống" in _refused(empty).message

    zero = tmp_path / "rong.docx"
    zero.write_bytes(b"")
    assert "0 byte" in _refused(zero).message
    assert "không tìm thấy" in _refused(tmp_path / "khong-co.docx").message


def test_refusal_exits_with_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.docx"
    path.write_text("không phải docx", encoding="utf-8")

    def run() -> int:
        read_docx(path)
        return 0

    assert run_guarded(run) == EXIT_USER
    err = capsys.readouterr().err
    assert str(path) in err and "lỗi:" in err


@pytest.mark.parametrize(("font", "encoding"), [(".VnTime", "TCVN3"), ("VNI-Times", "VNI")])
def test_pre_unicode_vietnamese_fonts_are_named(tmp_path: Path, font: str, encoding: str) -> None:
    path = tmp_path / "cu.docx"
    document = docx.Document()
    run = document.add_paragraph().add_run("B¸o c¸o chÝnh trÞ")  # TCVN3 bytes shown as Latin-1
    run.font.name = font
    document.add_paragraph().add_run("")
    document.save(str(path))
    doc = read_docx(path)
    assert font in doc.fonts and doc.legacy_encoding == encoding
    assert read_docx(FIXTURES / "word-dang-bo.docx").legacy_encoding is None


VENDOR = FIXTURES / "vendor" / "python-docx"


def test_files_word_wrote_rendered_page_breaks_and_links() -> None:
    doc = read_docx(VENDOR / "par-rendered-page-breaks.docx")
    assert doc.pages_known and doc.application == "Microsoft Office Word"
    # Breaks inside paragraphs: a paragraph is on the page where it starts.
    assert [p.page for p in doc.paragraphs] == [1, 1, 2, 4]
    links = read_docx(VENDOR / "par-hlink-frags.docx")
    targets = [r.hyperlink for p in links.paragraphs for r in p.runs if r.hyperlink]
    assert "#linkedBookmark" in targets and "https://foo.com?q=bar#baz" in targets
    assert links.paragraphs[1].text == "Two with link to bookmark."


def test_files_word_wrote_comments_tables_numbering() -> None:
    comments = read_docx(VENDOR / "comments-rich-para.docx").comments
    assert len(comments) == 4 and comments[0].author == "Steve Canny"
    tables = read_docx(VENDOR / "tbl-cell-access.docx").tables
    assert tables and any(c.grid_span > 1 or c.v_merge for t in tables for r in t.rows for c in r)
    (para,) = read_docx(VENDOR / "num-having-numbering-part.docx").paragraphs
    assert para.number is not None and para.number.from_style and para.label == "1."
