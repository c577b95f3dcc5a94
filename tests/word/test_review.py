"""Reading reviewed copies back: the Word-shaped fixtures (make_word_review_fixtures.py), a
LibreOffice review, merging, and bad input."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.publish.command import build_docx
from vankien.report.load import load_report
from vankien.word.review import (
    Area,
    ChangeKind,
    ItemKind,
    Matched,
    ReviewItem,
    ReviewSummary,
    read_copy,
    read_review,
)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
REPO = HERE.parents[1]
DRAFT = REPO / "tests" / "publish" / "fixtures" / "dang-bo-draft"
FILE = "skeleton/01-phan-thu-nhat.md"


@pytest.fixture(scope="module")
def word() -> ReviewSummary:
    return read_review([FIXTURES / "review-word.docx"], load_report(DRAFT))


@pytest.fixture(scope="module")
def bare() -> ReviewSummary:
    return read_review([FIXTURES / "review-word-bare.docx"], load_report(DRAFT))


def comment(summary: ReviewSummary, start: str) -> ReviewItem:
    found = [i for i in summary.items if i.kind is ItemKind.COMMENT and i.text.startswith(start)]
    assert len(found) == 1, [i.text for i in summary.items]
    return found[0]


def change(summary: ReviewSummary, line: int) -> ReviewItem:
    found = [i for i in summary.items if i.kind is ItemKind.CHANGE and i.source.line == line]
    assert len(found) == 1
    return found[0]


def test_every_item_is_placed_through_its_anchor(word: ReviewSummary) -> None:
    assert word.copies[0].anchored and word.unit == "bao-cao-du-thao"
    assert not word.matched_by_text
    assert {i.source.matched for i in word.items} == {Matched.ANCHOR}
    assert {i.source.file for i in word.items} == {FILE}
    lines = [i.source.line or 0 for i in word.items]
    assert lines == sorted(lines), "document order"
    kinds = [i.kind for i in word.items]
    assert kinds.count(ItemKind.COMMENT) == 7  # 9 comments, 2 of them replies
    assert kinds.count(ItemKind.CHANGE) == 5 and kinds.count(ItemKind.UNTRACKED) == 1


def test_each_line_holds_the_text_its_item_is_on(word: ReviewSummary) -> None:
    source = (DRAFT / FILE).read_text(encoding="utf-8").split("\n")
    assert "Gạch đầu dòng thứ nhất" in source[change(word, 22).source.line - 1]  # type: ignore[operator]
    assert source[37].startswith("| Kết nạp đảng viên mới")
    assert comment(word, "Nên viết").source.line == 38
    assert source[comment(word, "Cần nêu rõ").source.line - 1].startswith("#### 1.1.")  # type: ignore[operator]
    assert source[comment(word, "Nguồn số liệu").source.line - 1].startswith("[^kn]:")  # type: ignore[operator]


def test_threads_resolved_state_and_people(word: ReviewSummary) -> None:
    first = comment(word, "Đề nghị bổ sung")
    assert first.author.name == "Nguyễn Thị Lan" and first.author.initials == "NTL"
    assert first.author.provider == "AD" and first.author.user_id == "S-1-5-21-1004"
    assert first.date == "2026-11-20T09:01:00Z"
    assert [(r.author.name, r.text) for r in first.replies] == [
        ("Trần Văn Bảo", "Đồng ý với đồng chí Lan, đề nghị Văn phòng bổ sung."),
        ("Lê Minh Chí", "Nhất trí."),  # a reply to the reply: the same thread
    ]
    assert not first.resolved and comment(word, "Hai đoạn").resolved
    assert {p.name for i in word.items for p in i.authors} >= {
        "Nguyễn Thị Lan",
        "Trần Văn Bảo",
        "Lê Minh Chí",
        "",
    }


def test_comment_ranges(word: ReviewSummary) -> None:
    assert comment(word, "Đề nghị bổ sung").anchored.startswith("Trong nhiệm kỳ, Đảng ủy")
    spanning = comment(word, "Hai đoạn").anchored  # two paragraphs, overlapping the first
    assert spanning.split("\n")[1] == "- Gạch đầu dòng thứ nhất (đã hoàn thành)."
    assert comment(word, "Số liệu này").anchored == "(đã hoàn thành)."  # on inserted text
    assert comment(word, "Góp ý chung").anchored == ""  # no range
    in_cell = comment(word, "Nên viết")
    assert in_cell.area is Area.TABLE and in_cell.anchored == "Kết nạp đảng viên mới"
    in_note = comment(word, "Nguồn số liệu")
    assert in_note.area is Area.FOOTNOTE and in_note.anchored == "Số liệu đến ngày 31/12/2024."


def test_tracked_changes_with_old_and_new_wording(word: ReviewSummary) -> None:
    deleted = change(word, 20)
    assert [(c.kind, c.text) for c in deleted.changes] == [(ChangeKind.DELETION, " lần thứ VIII")]
    assert deleted.old_text and deleted.old_text.endswith("Đảng bộ lần thứ VIII.")
    assert deleted.new_text and deleted.new_text.endswith("Đảng bộ.")
    replaced = change(word, 24)
    assert (replaced.old_text, replaced.new_text) == ("+ Ý cộng thứ nhất;", "+ Ý cộng đầu tiên;")
    assert replaced.author.name == "Lê Minh Chí"
    assert change(word, 34).changes[0].kind is ChangeKind.MOVE_FROM
    assert change(word, 47).changes[0].kind is ChangeKind.MOVE_TO
    assert change(word, 22).changes[0].offset == len("- Gạch đầu dòng thứ nhất")


def test_an_edit_without_track_changes_has_an_unknown_author(word: ReviewSummary) -> None:
    (item,) = [i for i in word.items if i.kind is ItemKind.UNTRACKED]
    assert item.source.line == 47 and not item.author.known
    assert item.old_text == "Nội dung của điểm a."
    assert item.new_text and item.new_text.startswith("Nội dung của điểm a (sửa trực tiếp).")


def test_without_anchors_the_same_items_are_matched_by_text(
    word: ReviewSummary, bare: ReviewSummary
) -> None:
    assert not bare.copies[0].anchored and bare.matched_by_text
    assert {i.source.matched for i in bare.items} == {Matched.TEXT}

    def rows(s: ReviewSummary) -> list[tuple[object, ...]]:
        return [(i.kind, i.source.file, i.source.line, i.text, i.anchored) for i in s.items]

    assert rows(bare) == rows(word)


def test_copies_are_merged_once_in_document_order(tmp_path: Path) -> None:
    other = tmp_path / "ban-cua-dong-chi-bao.docx"
    shutil.copy(FIXTURES / "review-word.docx", other)
    one = read_review([FIXTURES / "review-word.docx"], load_report(DRAFT))
    two = read_review(
        [FIXTURES / "review-word.docx", other, FIXTURES / "review-word-bare.docx"],
        load_report(DRAFT),
    )
    assert len(two.items) == len(one.items)
    assert {i.copies for i in two.items if i.kind is not ItemKind.UNTRACKED} == {
        ("review-word.docx", other.name, "review-word-bare.docx")
    }


def test_a_built_copy_without_review_gives_no_items(tmp_path: Path) -> None:
    built = tmp_path / "ban-dung.docx"
    built.write_bytes(build_docx(load_report(DRAFT))[0])
    assert read_copy(built, load_report(DRAFT)).items == ()


def test_bad_input_is_a_user_error(tmp_path: Path) -> None:
    corrupt = tmp_path / "hong.docx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="hỏng"):
        read_copy(corrupt, load_report(DRAFT))
    other = tmp_path / "bao-cao-khac.docx"
    with zipfile.ZipFile(FIXTURES / "review-word.docx") as src, zipfile.ZipFile(other, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/custom.xml":
                data = data.replace(b"bao-cao-du-thao", b"bao-cao-chi-bo-khac")
            dst.writestr(info, data)
    with pytest.raises(UserError, match="bao-cao-chi-bo-khac"):
        read_copy(other, load_report(DRAFT))
    foreign = FIXTURES / "python-docx.docx"  # a unit's own draft: not from this report
    with pytest.raises(UserError, match="không phải một bản"):
        read_copy(foreign, load_report(DRAFT))
