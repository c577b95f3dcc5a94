"""Headings recognised in drafts other writers made, mapped onto the outline by title."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from vankien.word.reader import read_docx
from vankien.word.structure import Cue, Draft, MatchKind, Role, build_draft, recognise_headings

from .conftest import FIXTURES, UNITS, outline_for


def _by_section(draft: Draft) -> dict[str, str]:
    return {h.section.id: h.candidate.text for h in draft.headings if h.section is not None}


@pytest.mark.parametrize(
    "name", ["word-dang-bo", "dang-bo-full", "word-auto-numbers", "python-docx"]
)
def test_whole_outline_is_found_in_both_organisation_types(
    drafts: dict[str, Draft], name: str
) -> None:
    draft = drafts[name]
    assert draft.missing == ()
    assert draft.extra == ()
    assert all(h.number_ok and h.title_ok for h in draft.headings)
    assert all(h.how is MatchKind.NUMBER_AND_TITLE for h in draft.headings)
    assert draft.unplaced == ()


def test_each_writer_way_of_marking_headings(drafts: dict[str, Draft]) -> None:
    typed = recognise_headings(drafts["word-dang-bo"].document)
    strong = [c for c in typed if c.strong]
    assert all(Cue.TYPED_NUMBER in c.cues and Cue.BOLD in c.cues for c in strong)
    # «a) Thuận lợi:» typed on a plain paragraph is only a weak candidate, left as body text.
    weak = [c for c in typed if not c.strong]
    assert [c.text for c in weak][:1] == ["a) Thuận lợi:"]
    assert all(h.candidate.strong for h in drafts["word-dang-bo"].headings)
    auto = recognise_headings(drafts["word-auto-numbers"].document)
    numbered = [c for c in auto if Cue.AUTO_NUMBER in c.cues]
    assert len(numbered) >= 40 and sum(Cue.STYLE in c.cues for c in numbered) >= 20
    styled = recognise_headings(drafts["lo-fodt"].document)
    assert sum(Cue.AUTO_NUMBER in c.cues for c in styled) >= 30


def test_part_heading_split_over_two_lines_is_one_heading(drafts: dict[str, Draft]) -> None:
    draft = drafts["word-dang-bo"]
    part = draft.headings[0]
    assert part.section is not None and part.section.id == "p1"
    assert len(part.candidate.paragraphs) == 2
    assert part.candidate.title.startswith("KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT")


def test_repeated_titles_go_to_the_section_under_the_right_parent(
    drafts: dict[str, Draft],
) -> None:
    mapped = _by_section(drafts["word-dang-bo"])
    assert mapped["p1-ii-1"] == mapped["p2-vi-1"] == "1. Lãnh đạo thực hiện nhiệm vụ chính trị"


def test_seed_defects_are_mapped_by_title_and_recorded(drafts: dict[str, Draft]) -> None:
    draft = drafts["seed-defects"]
    how = {h.section.id: h for h in draft.headings if h.section is not None}
    # The second «II.» is ĐÁNH GIÁ CHUNG, the outline's III.: mapped by its title.
    assert how["p1-iii"].candidate.number_raw == "II."
    assert how["p1-iii"].how is MatchKind.TITLE and not how["p1-iii"].number_ok
    # «III. NHIỆM VỤ, GIẢI PHÁP» after V. is the outline's VI.
    assert how["p2-vi"].candidate.number_raw == "III."
    assert how["p2-vi"].how is MatchKind.TITLE
    # Titles that differ (TRONG TÂM, the 2015 - 2020 term, «chất lương», «Công tác tác»)
    # still map, by number and title, and say the title differs.
    for sid, typed in (
        ("p2-v", "TRONG TÂM"),
        ("p1", "2015 - 2020"),
        ("p2-vi-3-3.1", "chất lương"),
        ("p2-vi-3-3.3", "Công tác tác"),
    ):
        assert typed in how[sid].candidate.text
        assert how[sid].how is MatchKind.NUMBER_AND_TITLE and not how[sid].title_ok
    assert draft.missing == () and draft.extra == ()


def test_placements(drafts: dict[str, Draft]) -> None:
    draft = drafts["word-dang-bo"]
    roles = {p.role for p in draft.placements}
    assert {Role.HEADER, Role.HEADING, Role.BODY, Role.CLOSING} <= roles
    header = [p for p in draft.placements if p.role is Role.HEADER]
    assert header[0].paragraph == 0
    body = next(p for p in draft.placements if p.role is Role.BODY)
    assert body.section is not None and body.section.id == "p1-i"
    closing = [draft.document.paragraphs[i] for i, p in enumerate(draft.placements)]
    assert any(p.text == "Nguyễn Văn An" for p in closing)
    assert draft.placement(body.paragraph) is body
    assert draft.section_of(body.paragraph) is body.section
    assert draft.heading_for("p1-i") is draft.headings[1]


def _draft_from(tmp_path: Path, lines: list[tuple[str, str]]) -> Draft:
    """A python-docx draft: ("b", text) bold paragraph, ("h2", text) Heading 2, ("", text)."""
    document = docx.Document()
    for kind, text in lines:
        if kind.startswith("h"):
            document.add_heading(text, level=int(kind[1]))
        else:
            document.add_paragraph().add_run(text).bold = kind == "b"
    path = tmp_path / "draft.docx"
    document.save(str(path))
    root = UNITS["word-dang-bo"]
    from vankien.unit.load import load_unit

    return build_draft(read_docx(path), outline_for(root), load_unit(root).variables())


def test_missing_extra_and_unplaced(tmp_path: Path) -> None:
    draft = _draft_from(
        tmp_path,
        [
            ("", "Đoạn mở đầu gõ trước mọi đề mục."),
            ("b", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
            ("", "Nội dung mục I."),
            ("b", "a) Thuận lợi:"),  # a bold point that is in no outline: an extra heading
            ("", "a) Khó khăn: không in đậm, chỉ là một đoạn văn."),
            ("h2", "VII. CÔNG TÁC KHÁC"),
            ("", "Nội dung mục thêm."),
            ("b", "III. ĐÁNH GIÁ CHUNG"),
            ("", "Nội dung đánh giá."),
        ],
    )
    texts = [h.candidate.text for h in draft.headings]
    assert texts == ["I. ĐẶC ĐIỂM TÌNH HÌNH", "a) Thuận lợi:", "VII. CÔNG TÁC KHÁC",
                     "III. ĐÁNH GIÁ CHUNG"]  # fmt: skip
    extra = [h.candidate.text for h in draft.extra]
    assert extra == ["a) Thuận lợi:", "VII. CÔNG TÁC KHÁC"]
    missing = {s.id for s in draft.missing}
    assert {"p1", "p1-i-1", "p1-ii", "p2"} <= missing and "p1-iii" not in missing
    # Text before the first heading, and under an extra «VII.» whose Part is missing, falls
    # under no outline section.
    unplaced = [draft.document.paragraphs[i].text for i in draft.unplaced]
    assert unplaced == ["Đoạn mở đầu gõ trước mọi đề mục.", "Nội dung mục thêm."]
    under_extra = next(
        p
        for p in draft.placements
        if draft.document.paragraphs[p.paragraph].text == "Nội dung mục thêm."
    )
    assert under_extra.section is None and under_extra.heading == 2
    plain_point = next(
        p
        for p in draft.placements
        if draft.document.paragraphs[p.paragraph].text.startswith("a) Khó")
    )
    assert plain_point.role is Role.BODY


def test_unnumbered_bold_title_maps_when_it_is_the_outline_title(tmp_path: Path) -> None:
    draft = _draft_from(
        tmp_path,
        [
            ("b", "ĐẶC ĐIỂM TÌNH HÌNH"),
            ("b", "Bối cảnh nhiệm kỳ 2020 - 2025"),
            ("", "Nội dung."),
            ("b", "Một dòng in đậm khác"),
        ],
    )
    mapped = [(h.section.id if h.section else None, h.how) for h in draft.headings]
    assert mapped == [("p1-i", MatchKind.TITLE), ("p1-i-1", MatchKind.TITLE)]


def test_rewritten_title_at_the_right_number_maps_by_number(tmp_path: Path) -> None:
    draft = _draft_from(
        tmp_path,
        [
            ("b", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
            ("b", "1. Bối cảnh nhiệm kỳ 2020 - 2025"),
            ("b", "2. Những thuận lợi và khó khăn chủ yếu trong nhiệm kỳ"),
        ],
    )
    last = draft.headings[-1]
    assert last.section is not None and last.section.id == "p1-i-2"
    assert last.how is MatchKind.NUMBER and last.number_ok and not last.title_ok


def test_fixture_folder_has_what_tests_use() -> None:
    for name in (*UNITS, "word97", "encrypted"):
        assert any(FIXTURES.glob(f"{name}.doc*")), name
    assert (FIXTURES / "make_fixtures.py").is_file()


def test_run_in_heading_starts_a_paragraph_that_goes_on(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph().add_run("I. ĐẶC ĐIỂM TÌNH HÌNH").bold = True
    para = document.add_paragraph()
    para.add_run("1. Bối cảnh nhiệm kỳ 2020 - 2025:").bold = True
    para.add_run(" Nhiệm kỳ qua diễn ra trong bối cảnh nhiều biến động.")
    plain = document.add_paragraph()
    plain.add_run("2. Đảng bộ đã lãnh đạo")  # not bold: a numbered sentence, not a heading
    plain.add_run(" hoàn thành các chỉ tiêu của nghị quyết.")
    path = tmp_path / "run-in.docx"
    document.save(str(path))
    root = UNITS["word-dang-bo"]
    from vankien.unit.load import load_unit
    from vankien.word.markdown import to_markdown

    draft = build_draft(read_docx(path), outline_for(root), load_unit(root).variables())
    run_in = draft.headings[1]
    assert run_in.section is not None and run_in.section.id == "p1-i-1"
    assert Cue.RUN_IN in run_in.candidate.cues and run_in.candidate.body_run == 1
    assert run_in.title_ok and len(draft.headings) == 2
    text = to_markdown(draft).file("01-dac-diem-tinh-hinh.md").text
    assert "### 1. Bối cảnh nhiệm kỳ {{previous_term}}\n\nNhiệm kỳ qua diễn ra" in text
    assert "2. Đảng bộ đã lãnh đạo hoàn thành" in text.replace("\\", "")


def test_table_of_contents_is_not_read_as_headings(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    for name in ("toc 1", "toc 2"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph().add_run("MỤC LỤC").bold = True
    document.add_paragraph("I. ĐẶC ĐIỂM TÌNH HÌNH\t3", style="toc 1")
    document.add_paragraph("1. Bối cảnh nhiệm kỳ 2020 - 2025\t3", style="toc 2")
    document.add_paragraph().add_run("I. ĐẶC ĐIỂM TÌNH HÌNH").bold = True
    document.add_paragraph().add_run("1. Bối cảnh nhiệm kỳ 2020 - 2025").bold = True
    document.add_paragraph("Nhiệm kỳ qua có nhiều biến động.")
    path = tmp_path / "muc-luc.docx"
    document.save(str(path))
    root = UNITS["word-dang-bo"]
    from vankien.unit.load import load_unit
    from vankien.word.markdown import to_markdown

    draft = build_draft(read_docx(path), outline_for(root), load_unit(root).variables())
    assert [h.paragraph for h in draft.headings] == [3, 4]
    assert [p.role for p in draft.placements[:3]] == [Role.CONTENTS] * 3
    assert draft.unplaced == () and draft.extra == ()
    text = to_markdown(draft).file("01-dac-diem-tinh-hinh.md").text
    assert "MỤC LỤC" not in text and "\t3" not in text and text.count("ĐẶC ĐIỂM") == 1


def test_part_number_typed_in_capitals(tmp_path: Path) -> None:
    draft = _draft_from(
        tmp_path,
        [
            ("b", "BÁO CÁO CHÍNH TRỊ"),
            ("b", "PHẦN THỨ NHẤT"),
            ("b", "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI LẦN THỨ XIV, NHIỆM KỲ 2020 - 2025"),
            ("b", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
            (
                "b",
                "PHẦN THỨ HAI: PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP NHIỆM KỲ 2025 - 2030",
            ),
        ],
    )
    mapped = [(h.section.id if h.section else None, h.how) for h in draft.headings]
    assert mapped == [
        ("p1", MatchKind.NUMBER_AND_TITLE),
        ("p1-i", MatchKind.NUMBER_AND_TITLE),
        ("p2", MatchKind.NUMBER_AND_TITLE),
    ]
    assert draft.document.header.title == "BÁO CÁO CHÍNH TRỊ"
    assert 1 not in draft.document.header.paragraphs
