"""Draft → Markdown: one text per skeleton file, headings at the outline's levels, every line
traced to the paragraph it came from."""

from __future__ import annotations

import re
from pathlib import Path

import pypandoc

from vankien.report.document import parse_file
from vankien.skeleton.render import PLACEHOLDER, substitute
from vankien.targets.place import MARKER_RE
from vankien.unit.load import load_unit
from vankien.word.markdown import (
    UNPLACED_CLOSE,
    UNPLACED_OPEN,
    Conversion,
    HeadingForm,
    to_markdown,
)
from vankien.word.structure import Draft

from .conftest import REPO


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def test_full_draft_becomes_the_example_skeleton(drafts: dict[str, Draft]) -> None:
    """The full-size draft was made from examples/dang-bo: converted back, every file has the
    example's headings, in the outline's form, and the example's paragraphs."""
    conversion = to_markdown(drafts["dang-bo-full"])
    example = REPO / "examples" / "dang-bo"
    values = load_unit(example).variables()
    assert [f.file for f in conversion.files] == sorted(
        p.name for p in (example / "skeleton").glob("*.md")
    )
    for item in conversion.files:
        original = (example / "skeleton" / item.file).read_text(encoding="utf-8")
        assert _headings(item.text) == _headings(original), item.file
        ours = [" ".join(line.split()) for line in item.text.splitlines()]
        for line in substitute(original, values).splitlines():
            if not line or line.startswith(("#", "|", "<!--", "Viết", "Phần «")) or "-->" in line:
                continue
            if MARKER_RE.match(line):  # the build puts chi-tieu.yaml's table there
                continue
            # The fixture's Word artefacts (a tracked insertion, a date field) only append.
            want = " ".join(line.split())
            assert any(o.startswith(want.rstrip(".")) for o in ours), (item.file, line[:60])


def test_lines_know_their_paragraph(drafts: dict[str, Draft]) -> None:
    draft = drafts["word-dang-bo"]
    conversion = to_markdown(draft)
    text_of = {p.index: p for p in draft.document.paragraphs}
    checked = 0
    for item in conversion.files:
        lines = item.text.splitlines()
        assert len(item.sources) == len(lines)
        for n, line in enumerate(lines, 1):
            source = item.sources[n - 1]
            if not line or line.startswith(("#", "|", "[^")) or source is None:
                continue
            words = [w for w in re.split(r"[\s*\\]+", text_of[source].display) if w][:3]
            assert all(w in line for w in words), (line, words)
            checked += 1
        assert item.source(len(lines)) is not None
    assert checked > 50


def test_draft_form_keeps_the_drafts_numbers_for_the_linter(drafts: dict[str, Draft]) -> None:
    conversion = to_markdown(drafts["seed-defects"], headings=HeadingForm.DRAFT)
    danh_gia = conversion.file("08-danh-gia-chung.md")
    parsed = parse_file(danh_gia.rel, danh_gia.text)
    first = parsed.headings[0]
    assert (first.level, first.number_raw, first.title) == (2, "II.", "ĐÁNH GIÁ CHUNG")
    nv = parse_file(
        "skeleton/10-nhiem-vu-giai-phap.md", conversion.file("10-nhiem-vu-giai-phap.md").text
    )
    assert nv.headings[0].text == "III. NHIỆM VỤ, GIẢI PHÁP" and nv.headings[0].level == 2
    first_file = conversion.file("01-dac-diem-tinh-hinh.md").text
    assert first_file.startswith(
        "# Phần thứ nhất: KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI LẦN THỨ......, NHIỆM KỲ 2015 - 2020"
    )
    # The outline form writes the outline's headings instead.
    outline_form = to_markdown(drafts["seed-defects"]).file("08-danh-gia-chung.md").text
    assert outline_form.startswith("## III. ĐÁNH GIÁ CHUNG")


def test_notes_images_links_lists(drafts: dict[str, Draft]) -> None:
    conversion = to_markdown(drafts["word-dang-bo"])
    text = "\n".join(f.text for f in conversion.files)
    assert "các chi bộ trực thuộc[^1] và cổng thông tin" in text
    assert "[^1]: Báo cáo số 12-BC/ĐU, ngày 15/4/2025 của Đảng ủy Sở." in text
    assert "[sokhcn.thanhhoa.gov.vn](<https://sokhcn.thanhhoa.gov.vn/>)" in text
    (image,) = conversion.images
    assert (image.part, image.path) == ("word/media/image1.png", "images/image1.png")
    assert "![Biểu đồ kết nạp đảng viên 2020 - 2025](../images/image1.png)" in text
    assert re.search(r"^- \S", text, re.M)
    # The header block and the signature block are metadata: not in the body.
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text and "Nơi nhận" not in text


def test_tables_are_pipe_tables_the_build_reads(drafts: dict[str, Draft]) -> None:
    full = to_markdown(drafts["dang-bo-full"]).file("02-nhiem-vu-chinh-tri.md").text
    pipe = [line for line in full.splitlines() if line.startswith("|")]
    assert pipe[0].startswith("| **STT** |") and set(pipe[1]) <= {"|", "-"}
    # Merged cells (LibreOffice from HTML rowspan/colspan): text in the first cell they cover.
    merged = to_markdown(drafts["lo-html"]).file("02-nhiem-vu-chinh-tri.md").text
    table = "\n".join(line for line in merged.splitlines() if line.startswith("|"))
    html = str(pypandoc.convert_text(table, "html", format="commonmark_x"))
    assert html.count("<tr>") == 5 and html.count("<th>") == 4
    assert "<th><strong>Kết quả</strong></th>" in html


def test_unplaced_text_goes_to_a_marked_block(tmp_path: Path) -> None:
    from .test_structure import _draft_from

    draft = _draft_from(
        tmp_path,
        [
            ("", "Đoạn mở đầu gõ trước mọi đề mục."),
            ("b", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
            ("", "Nội dung *mục* I."),
        ],
    )
    conversion = to_markdown(draft)
    first = conversion.file("01-dac-diem-tinh-hinh.md").text
    assert first.startswith(UNPLACED_OPEN)
    block = first.split(UNPLACED_CLOSE)[0]
    assert "Đoạn mở đầu gõ trước mọi đề mục." in block
    assert "## I. ĐẶC ĐIỂM TÌNH HÌNH" in first.split(UNPLACED_CLOSE)[1]
    assert "Nội dung \\*mục\\* I." in first  # typed asterisks are text, not emphasis
    assert conversion.unplaced == (("01-dac-diem-tinh-hinh.md", (0,)),)


def test_fill_missing_writes_the_outline_headings(tmp_path: Path) -> None:
    from .test_structure import _draft_from

    draft = _draft_from(
        tmp_path, [("b", "II. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN CÁC NHIỆM VỤ TRONG NHIỆM KỲ 2020 - 2025")]
    )
    plain: Conversion = to_markdown(draft)
    assert plain.file("01-dac-diem-tinh-hinh.md").text == ""
    filled = to_markdown(draft, fill_missing=True)
    first = filled.file("01-dac-diem-tinh-hinh.md").text
    assert _headings(first)[:2] == [
        "# Phần thứ nhất: KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI LẦN THỨ {{previous_congress}}, "
        "NHIỆM KỲ {{previous_term}}",
        "## I. ĐẶC ĐIỂM TÌNH HÌNH",
    ]
    assert PLACEHOLDER in first
    second = filled.file("02-nhiem-vu-chinh-tri.md").text
    assert _headings(second)[0].startswith("## II. KẾT QUẢ LÃNH ĐẠO")
    assert all(_headings(f.text) for f in filled.files)  # every skeleton file has its headings


def test_footnote_in_a_table_cell_is_defined_in_the_same_file(tmp_path: Path) -> None:

    from .conftest import draft_of_file
    from .fixtures.make_fixtures import WordShaped

    w = WordShaped()
    w.heading_typed("I. ĐẶC ĐIỂM TÌNH HÌNH", 2)
    w.p(w.run("Bảng số liệu:"))
    note = w.footnote("Số liệu đến 31/3/2025.")
    w.raw(
        '<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr>'
        "<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
        f"<w:tc><w:p>{w.run('Đảng viên')}</w:p></w:tc><w:tc><w:p>{w.run('68')}{note}</w:p></w:tc>"
        "</w:tr></w:tbl>"
    )
    path = tmp_path / "bang.docx"
    w.save(path)
    draft = draft_of_file(path)
    text = to_markdown(draft).file("01-dac-diem-tinh-hinh.md").text
    assert "| Đảng viên | 68[^1] |" in text
    assert "[^1]: Số liệu đến 31/3/2025." in text
