"""vankien comments: the summary of reviewed copies in each format, and its refusals."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import docx
import pytest

from vankien.entry import main
from vankien.publish.anchors import BuildIdentity
from vankien.report.load import load_report
from vankien.word import comments
from vankien.word.review import (
    UNKNOWN,
    Area,
    Change,
    ChangeKind,
    ItemKind,
    Matched,
    Person,
    Reply,
    ReviewedCopy,
    ReviewItem,
    ReviewSummary,
    SourceLocation,
)

REPO = Path(__file__).resolve().parents[2]
HUNG = Person("Lê Văn Hùng", "LVH")
MAI = Person("Trần Thị Mai", "TTM")
WHERE = SourceLocation(
    "skeleton/01-dac-diem-tinh-hinh.md", 12, "1", "I.", "ĐẶC ĐIỂM TÌNH HÌNH", Matched.ANCHOR
)
BY_TEXT = SourceLocation(
    "skeleton/02-nhiem-vu-chinh-tri.md", 30, "2", "1.1.", "Việc lãnh đạo", Matched.TEXT, 0.93
)


def summary() -> ReviewSummary:
    items = (
        ReviewItem(
            kind=ItemKind.COMMENT,
            source=WHERE,
            area=Area.BODY,
            author=HUNG,
            date="2025-05-06T09:30:00Z",
            text="Nên nêu rõ số ca mắc | trong cơ quan *và* thời gian.",
            anchored="dịch Covid-19 bùng phát",
            replies=(Reply(MAI, "2025-05-07T08:00:00Z", "Đồng ý, bổ sung số liệu.", False),),
            resolved=True,
            copies=("hung.docx", "mai.docx"),
        ),
        ReviewItem(
            kind=ItemKind.CHANGE,
            source=BY_TEXT,
            area=Area.TABLE,
            author=MAI,
            date="2025-05-06T10:00:00Z",
            text="sửa «sâu sát, kịp thời» thành «kịp thời»",
            anchored="sự lãnh đạo, chỉ đạo sâu sát, kịp thời",
            old_text="sự lãnh đạo, chỉ đạo sâu sát, kịp thời",
            new_text="sự lãnh đạo, chỉ đạo kịp thời",
            changes=(Change(ChangeKind.DELETION, MAI, "2025-05-06T10:00:00Z", "sâu sát, ", 21),),
            copies=("mai.docx",),
        ),
        ReviewItem(
            kind=ItemKind.UNTRACKED,
            source=WHERE,
            area=Area.BODY,
            author=UNKNOWN,
            date=None,
            text="đoạn văn đã bị sửa mà không bật theo dõi thay đổi",
            anchored="Tuy vậy, việc cụ thể hóa",
            old_text="Tuy vậy, việc cụ thể hóa",
            new_text="Tuy nhiên, việc cụ thể hóa",
            copies=("hung.docx",),
        ),
    )
    identity = BuildIdentity(None, None, None, False, None)
    copies = tuple(
        ReviewedCopy(Path(f"gop-y/{name}"), identity, False, ()) for name in ("hung", "mai")
    )
    return ReviewSummary("bao-cao", copies, items)


def test_table_shows_thread_resolved_state_and_old_new_wording() -> None:
    text = comments.render_table(summary())
    assert "I. ĐẶC ĐIỂM TÌNH HÌNH — skeleton/01-dac-diem-tinh-hinh.md:12" in text
    assert "[đã giải quyết]" in text and "↳ Trần Thị Mai (07/05/2025): Đồng ý" in text
    assert "Cũ: «sự lãnh đạo, chỉ đạo sâu sát, kịp thời»" in text
    assert "Xóa «sâu sát,»" in text and "Mới: sự lãnh đạo, chỉ đạo kịp thời" in text
    assert "Thay «vậy» bằng «nhiên»" in text
    assert "skeleton/02-nhiem-vu-chinh-tri.md:30 (theo văn bản)" in text
    assert "không rõ" in text  # the untracked edit's author
    assert comments.TEXT_MATCH_NOTE in text
    assert "1 ý kiến, 1 đoạn sửa có theo dõi, 1 đoạn sửa không theo dõi, từ 2 bản" in text


def test_markdown_is_one_table_row_per_item_with_pipes_escaped() -> None:
    text = comments.render_markdown(summary())
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 3
    assert "số ca mắc \\| trong" in rows[1] and "<br>↳ Trần Thị Mai" in rows[1]


def test_csv_has_an_empty_answer_column() -> None:
    table = list(csv.reader(io.StringIO(comments.render_csv(summary()))))
    assert table[0][-1] == comments.ANSWER
    assert [row[-1] for row in table[1:]] == ["", "", ""]
    assert table[1][3] == "Lê Văn Hùng, Trần Thị Mai"


def test_json_carries_the_same_fields() -> None:
    data = json.loads(comments.render_json(summary()))
    first, second, third = data["items"]
    assert first["section"] == {"id": "1", "number": "I.", "title": "ĐẶC ĐIỂM TÌNH HÌNH"}
    assert (first["file"], first["line"], first["matched"]) == (WHERE.file, 12, "anchor")
    assert first["replies"][0]["author"]["name"] == "Trần Thị Mai" and first["resolved"]
    assert second["old_text"].endswith("sâu sát, kịp thời") and second["area"] == "table"
    assert second["changes"][0]["kind"] == "deletion" and second["matched"] == "text"
    assert third["kind"] == "untracked" and third["author"]["name"] == ""
    assert data["matched_by_text"] is True and data["copies"][0]["file"] == "hung"


def test_empty_summary() -> None:
    empty = ReviewSummary("bao-cao", (), ())
    assert "Không có ý kiến" in comments.render_table(empty)
    assert json.loads(comments.render_json(empty))["items"] == []
    assert len(list(csv.reader(io.StringIO(comments.render_csv(empty))))) == 1


def test_since_keeps_what_was_written_after_the_revision(tmp_path: Path) -> None:
    import subprocess

    root = tmp_path / "r"
    shutil.copytree(REPO / "examples" / "chi-bo", root)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    env = {"GIT_AUTHOR_DATE": "2025-05-06T09:45:00+00:00"}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
        cwd=root,
        check=True,
        env={**os.environ, **env},
    )
    kept = comments.since_filter(summary(), root, "HEAD").items
    # The comment (09:30) has a later reply; the change is at 10:00; the untracked edit has
    # no date: all kept. A commit after every date keeps only the undated one.
    assert len(kept) == 3
    env = {"GIT_AUTHOR_DATE": "2025-06-01T00:00:00+00:00"}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "y", "--allow-empty"],
        cwd=root,
        check=True,
        env={**os.environ, **env},
    )
    assert [i.kind for i in comments.since_filter(summary(), root, "HEAD").items] == [
        ItemKind.UNTRACKED
    ]


@pytest.mark.slow
def test_docx_is_the_official_table_with_an_empty_answer_column(tmp_path: Path) -> None:
    root = tmp_path / "chi-bo"
    shutil.copytree(REPO / "examples" / "chi-bo", root)
    data = comments.render_docx(summary(), load_report(root))
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert comments.TITLE.upper() in texts
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    assert [c.text for c in table.rows[0].cells] == list(comments.DOCX_HEADERS)
    assert len(table.rows) == 4
    assert all(row.cells[-1].text == "" for row in table.rows[1:])
    # Markup typed by a reviewer stays literal.
    assert "*và*" in table.rows[1].cells[3].text and "|" in table.rows[1].cells[3].text
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape, "the wide table is on landscape pages"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["comments", "x.docx", "--format", "pdf"], "định dạng «pdf»"),
        (["comments", "khong-co.docx"], "không tìm thấy tệp"),
    ],
)
def test_bad_input_is_exit_2(tmp_path, monkeypatch, capsys, args, message) -> None:
    root = tmp_path / "r"
    shutil.copytree(REPO / "examples" / "chi-bo", root)
    monkeypatch.chdir(root)
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_an_empty_folder_is_exit_2(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "gop-y").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["comments", "gop-y"]) == 2
    assert "chưa chỉ ra bản góp ý" in capsys.readouterr().err


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def dang_bo(tmp_path: Path) -> Path:
    """The example the review fixtures were built from, in a git repository of its own."""
    import subprocess

    root = tmp_path / "dang-bo"
    shutil.copytree(REPO / "examples" / "dang-bo", root)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
        cwd=root,
        check=True,
    )
    return root


def summary_json(capsys, *args: str) -> dict:
    assert main(["comments", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_libreoffice_copy_is_summarised_with_sources(dang_bo, capsys) -> None:
    data = summary_json(capsys, str(FIXTURES / "review-libreoffice.docx"), "--root", str(dang_bo))
    items = data["items"]
    kinds = [i["kind"] for i in items]
    assert kinds.count("comment") == 4 and kinds.count("change") == 3
    assert kinds.count("untracked") == 1
    # A cell of a target table comes from chi-tieu.yaml, not from a writer's line: it has its
    # section and no skeleton line (--apply never touches it); every other item has both.
    from_data = [i for i in items if i["area"] == "table"]
    assert from_data and all(i["file"] is None and i["section"]["number"] for i in from_data)
    rest = [i for i in items if i not in from_data]
    assert all(i["file"].startswith("skeleton/") and i["line"] for i in rest)
    authors = {i["author"]["name"] for i in items}
    assert {"Lê Văn Hùng", "Trần Thị Mai", "Nguyễn Văn Bình", ""} <= authors
    table = next(i for i in items if i["text"].startswith("Đề nghị ghi rõ năm"))
    assert table["area"] == "table" and table["resolved"]
    change = next(i for i in items if i["kind"] == "change" and "không ít" in i["new_text"])
    assert "gặp nhiều khó khăn" in change["old_text"]
    untracked = next(i for i in items if i["kind"] == "untracked")
    assert "Qua thực hiện, không phát hiện" in untracked["new_text"]


def test_two_copies_are_merged_in_document_order(dang_bo, capsys) -> None:
    data = summary_json(
        capsys,
        str(FIXTURES / "review-libreoffice.docx"),
        str(FIXTURES / "review-python-docx.docx"),
        "--root",
        str(dang_bo),
    )
    comments_ = [i for i in data["items"] if i["kind"] == "comment"]
    assert len(comments_) == 8
    order = [(i["file"], i["line"]) for i in data["items"] if i["file"] is not None]
    assert order == sorted(order)


def test_the_copy_as_built_has_an_empty_summary(dang_bo, capsys) -> None:
    data = summary_json(capsys, str(FIXTURES / "review-built.docx"), "--root", str(dang_bo))
    assert data["items"] == []


def test_a_file_that_is_not_a_docx_is_exit_2(dang_bo, tmp_path, capsys) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_text("không phải Word", encoding="utf-8")
    assert main(["comments", str(bad), "--root", str(dang_bo)]) == 2
    assert "hong.docx" in capsys.readouterr().err


def test_apply_writes_the_tracked_changes_once(dang_bo, capsys) -> None:
    import subprocess

    copy = str(FIXTURES / "review-libreoffice.docx")
    assert main(["comments", copy, "--root", str(dang_bo), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "Đã sửa 3 đoạn" in out and "Lê Văn Hùng" in out.split("lời commit")[-1]
    diff = subprocess.run(
        ["git", "diff", "--", "skeleton"], cwd=dang_bo, capture_output=True, text=True, check=True
    ).stdout
    assert "+- {{org}} luôn nhận được sự lãnh đạo, chỉ đạo kịp thời" in diff
    assert "có nhiều chuyển biến tích cực, rõ nét" in diff and "gặp không ít khó khăn" in diff
    assert "không phát hiện" not in diff  # the untracked edit is listed, not applied
    # The working tree is now dirty: refused without --force; with it, nothing more to do.
    assert main(["comments", copy, "--root", str(dang_bo), "--apply"]) == 2
    assert "chưa commit" in capsys.readouterr().err
    assert main(["comments", copy, "--root", str(dang_bo), "--apply", "--force"]) == 0
    assert "Đã sửa 0 đoạn" in capsys.readouterr().out
    again = subprocess.run(
        ["git", "diff", "--", "skeleton"], cwd=dang_bo, capture_output=True, text=True, check=True
    ).stdout
    assert again == diff
