"""``vankien redline`` end to end: a real repository with several authors and commits, real git,
real pandoc. The redline read back with ``--track-changes=accept`` gives the newer revision's
text, with ``reject`` the older one's."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from lxml import etree
from tests.review.conftest import (
    BINH,
    CUONG,
    DUNG,
    OFFICE,
    commit,
    copy_example,
    edit,
    git,
    init_repo,
    prose_paragraphs,
)
from tests.review.test_astdiff import pairs

from vankien import gitio
from vankien.cli import main
from vankien.review.astdiff import plain_words
from vankien.review.redline import make_redline
from vankien.review.render import read_docx, read_revision, write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = pytest.mark.slow


def text_of(root: Path, rev: str, layout: Path, mode: str = "accept") -> str:
    """The text of ``rev`` written as a plain .docx with ``layout``'s header, read back."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        gitio.read_tree(root, rev, folder)
        document = read_revision(folder).document
    setup = read_revision(layout).setup
    return plain_words(read_docx(write_docx(setup, document), mode)["blocks"])


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def revisions(data: bytes, kind: str) -> list[etree._Element]:
    return list(document_xml(data).iter(f"{W}{kind}"))


def run_text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))


@pytest.fixture(scope="module")
def edited_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three commits after du-thao-1 by three authors: prose, a moved section, a table cell.

    Shared by the tests of this module: none of them changes the committed history.
    """
    example_repo = init_repo(tmp_path_factory.mktemp("redline") / "repo")
    copy_example(example_repo)
    commit(example_repo, BINH, "2025-03-01T08:00:00+07:00", "Dự thảo đầu tiên")
    git(example_repo, "tag", "du-thao-1")
    skeleton = example_repo / "skeleton"
    f03 = skeleton / "03-chinh-tri-tu-tuong.md"
    first, second = prose_paragraphs(f03)[:2]
    words = first.split()
    changed = " ".join([*words[:5], "thường xuyên và", *words[7:]]) + " Đoạn này đã được bổ sung."
    edit(f03, first, changed)
    edit(f03, second + "\n\n", "")
    edit(f03, "#### 2.2.", "Đảng ủy giao Ban Tuyên giáo theo dõi, tổng hợp hằng quý.\n\n#### 2.2.")
    commit(example_repo, CUONG, "2025-03-05T09:30:00+07:00", "Tuyên giáo sửa mục 2")

    # A figure in the prose, and the same author's change of a table cell: the table is built
    # from chi-tieu.yaml (a section's changes carry the mark of its heading's file).
    edit(skeleton / "02-nhiem-vu-chinh-tri.md", "12 doanh nghiệp", "13 doanh nghiệp")
    edit(example_repo / "chi-tieu.yaml", "achieved: 12 đảng viên", "achieved: 13 đảng viên")
    commit(example_repo, DUNG, "2025-03-06T10:00:00+07:00", "Tổ chức sửa số liệu kết nạp")

    f04 = skeleton / "04-to-chuc-xay-dung-dang.md"
    text = f04.read_text(encoding="utf-8")
    start, middle = text.index("#### 3.2."), text.index("#### 3.3.")
    moved = text[start:middle]
    f04.write_text(text[:start] + text[middle:].rstrip("\n") + "\n\n" + moved, encoding="utf-8")
    commit(example_repo, BINH, "2025-03-07T14:00:00+07:00", "Văn phòng đổi thứ tự mục")
    git(example_repo, "tag", "du-thao-2")
    return example_repo


@pytest.fixture(scope="module")
def redline_data(edited_repo: Path) -> bytes:
    return make_redline(edited_repo, "du-thao-1", "du-thao-2").data


def test_accept_gives_to_and_reject_gives_from(edited_repo: Path, redline_data: bytes) -> None:
    with_layout = edited_repo  # the newer revision's header is on both sides
    accepted = plain_words(read_docx(redline_data, "accept")["blocks"])
    rejected = plain_words(read_docx(redline_data, "reject")["blocks"])
    assert accepted == text_of(edited_repo, "du-thao-2", with_layout)
    assert rejected == text_of(edited_repo, "du-thao-1", with_layout)
    assert accepted != rejected


def section_blocks(repo: Path, rev: str, heading: str) -> int:
    """How many blocks (the heading, each paragraph) one section of 04-…md has at ``rev``."""
    text = git(repo, "show", f"{rev}:skeleton/04-to-chuc-xay-dung-dang.md")
    start = text.index(heading)
    end = text.find("\n#", start + 1)
    return sum(1 for b in text[start : end if end != -1 else None].split("\n\n") if b.strip())


def test_changes_carry_their_authors_and_dates(edited_repo: Path, redline_data: bytes) -> None:
    data = redline_data
    by_author: dict[str, list[str]] = {}
    for node in revisions(data, "ins") + revisions(data, "del"):
        key = f"{node.get(f'{W}author')} {node.get(f'{W}date')}"
        by_author.setdefault(key, []).append(run_text(node))
    cuong = by_author[f"{CUONG.name} 2025-03-05T02:30:00Z"]
    assert any("thường xuyên và" in t for t in cuong)
    assert any("Ban Tuyên giáo theo dõi" in t for t in cuong)
    dung = by_author[f"{DUNG.name} 2025-03-06T03:00:00Z"]
    assert "12" in "".join(dung) and "13" in "".join(dung)
    # Binh's one change swapped 3.2 and 3.3: the shorter of the two (3.3: 320 words against
    # 444) is shown moved, deleted from its place and inserted at its new one, paragraph for
    # paragraph, and nothing else carries Binh's name.
    binh = by_author[f"{BINH.name} 2025-03-07T07:00:00Z"]
    deleted = [run_text(n) for n in revisions(data, "del") if n.get(f"{W}author") == BINH.name]
    inserted = [run_text(n) for n in revisions(data, "ins") if n.get(f"{W}author") == BINH.name]
    deleted, inserted = [t for t in deleted if t.strip()], [t for t in inserted if t.strip()]
    assert deleted == inserted
    assert deleted[0] == "3.3. Công tác bảo vệ chính trị nội bộ"
    assert len(deleted) == section_blocks(edited_repo, "du-thao-1", "#### 3.3.")
    assert sorted(t for t in binh if t.strip()) == sorted(deleted * 2)
    assert not any("3.2." in t for t in binh)


def test_moved_section_shows_as_deleted_and_inserted(redline_data: bytes) -> None:
    """3.2 moved after 3.3: one of the two shows as moved (deleted and inserted), whole."""
    data = redline_data
    deleted = " ".join(run_text(n) for n in revisions(data, "del"))
    inserted = " ".join(run_text(n) for n in revisions(data, "ins"))
    moved = [n for n in ("3.2.", "3.3.") if n in deleted and n in inserted]
    kept = [n for n in ("3.2.", "3.3.") if n not in deleted and n not in inserted]
    assert len(moved) == 1 and len(kept) == 1
    assert "3.1." not in deleted + inserted


def test_revision_ids_are_unique_and_whole_paragraphs_are_marked(redline_data: bytes) -> None:
    data = redline_data
    root = document_xml(data)
    ids = [
        n.get(f"{W}id")
        for n in root.iter()
        if n.tag in (f"{W}ins", f"{W}del") and n.get(f"{W}id") is not None
    ]
    assert ids and max(Counter(ids).values()) == 1
    added = [p for p in root.iter(f"{W}p") if "Ban Tuyên giáo theo dõi" in run_text(p)]
    assert added and added[0].find(f"{W}pPr/{W}rPr/{W}ins") is not None


def test_working_tree_is_the_default_and_untouched(edited_repo: Path) -> None:
    f05 = edited_repo / "skeleton" / "05-kiem-tra-giam-sat.md"
    paragraph = prose_paragraphs(f05)[0]
    edit(f05, paragraph, paragraph + " Câu mới chưa commit.")
    before = git(edited_repo, "status", "--porcelain")
    try:
        result = make_redline(edited_repo, "du-thao-2")
        assert git(edited_repo, "status", "--porcelain") == before
    finally:
        git(edited_repo, "checkout", "--", "skeleton")
    inserted = [n for n in revisions(result.data, "ins") if "Câu mới chưa commit" in run_text(n)]
    assert inserted and inserted[0].get(f"{W}author") == OFFICE.name


def test_cli_writes_the_file_and_refuses_unknown_revisions(
    edited_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "so-sanh.docx"
    code = main(["redline", "du-thao-1", "du-thao-2", "--root", str(edited_repo), "-o", str(out)])
    assert code == 0 and out.is_file()
    assert "chỗ thêm" in capsys.readouterr().out
    code = main(["redline", "du-thao-9", "--root", str(edited_repo), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "không có phiên bản «du-thao-9»" in err and "Traceback" not in err


def test_outside_a_repository_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["redline", "main", "--root", str(tmp_path)])
    assert code == 2
    assert "không nằm trong kho git" in capsys.readouterr().err


@pytest.fixture(scope="module")
def layout_and_meta(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    from tests.review.conftest import copy_example

    folder = tmp_path_factory.mktemp("layout")
    copy_example(folder)
    revision = read_revision(folder)
    return revision.setup, revision.document


@settings(max_examples=5, deadline=None)
@given(pairs())
def test_generated_edits_survive_the_docx_round_trip(layout_and_meta, pair):
    from vankien.review.astdiff import Mark, diff_document

    setup, document = layout_and_meta
    old, new = pair
    mark = Mark(CUONG.name, "2025-03-05T02:30:00Z")
    blocks = diff_document(old, new, mark)

    def docx(blocks: list[Any]) -> bytes:
        return write_docx(setup, {**copy.deepcopy(document), "blocks": blocks})

    def words(data: bytes, mode: str) -> str:
        return plain_words(read_docx(data, mode)["blocks"])

    redline = docx(blocks)
    assert words(redline, "accept") == words(docx(new), "accept")
    assert words(redline, "reject") == words(docx(old), "accept")
    json.dumps(blocks)  # stays plain JSON


def test_from_the_empty_skeleton_to_the_whole_example(tmp_path: Path) -> None:
    """The largest redline there is: every section of the example written since the scaffold."""
    import shutil

    from tests.review.conftest import REPO

    repo = init_repo(tmp_path / "repo")
    copy_example(repo)
    shutil.rmtree(repo / "skeleton")
    shutil.copytree(REPO / "skeleton", repo / "skeleton")  # the scaffold's empty skeleton
    commit(repo, BINH, "2025-02-01T08:00:00+07:00", "Khung")
    shutil.rmtree(repo / "skeleton")
    shutil.copytree(REPO / "examples" / "dang-bo" / "skeleton", repo / "skeleton")
    commit(repo, CUONG, "2025-04-01T08:00:00+07:00", "Viết xong")
    data = make_redline(repo, "HEAD~1", "HEAD").data
    assert plain_words(read_docx(data, "accept")["blocks"]) == text_of(repo, "HEAD", repo)
    assert plain_words(read_docx(data, "reject")["blocks"]) == text_of(repo, "HEAD~1", repo)
    assert revisions(data, "ins") and not revisions(data, "del")


def test_a_broken_revision_is_named_in_the_error(
    example_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(example_repo / "report.yaml", "type: dang-bo-co-so", "type: dang-bo")
    commit(example_repo, DUNG, "2025-03-06T10:00:00+07:00", "Sửa nhầm")
    assert main(["redline", "du-thao-1", "HEAD", "--root", str(example_repo)]) == 2
    err = capsys.readouterr().err
    assert f"{example_repo / 'report.yaml'}:" in err
    assert "phiên bản «HEAD»: loại tổ chức «dang-bo» không hợp lệ" in err


def test_the_redline_carries_the_newer_revisions_anchors(
    edited_repo: Path, redline_data: bytes
) -> None:
    import re

    from vankien.gitio import resolve
    from vankien.publish.anchors import parse_anchor

    with zipfile.ZipFile(io.BytesIO(redline_data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        custom = archive.read("docProps/custom.xml").decode("utf-8")
    names = re.findall(r'w:name="(_vk[^"]+)"', xml)
    assert len(names) > 100 and len(set(names)) == len(names)
    assert all(parse_anchor(n) for n in names)
    # the edited paragraph (a tracked change) keeps the anchor of its line at du-thao-2
    f03 = git(edited_repo, "show", "du-thao-2:skeleton/03-chinh-tri-tu-tuong.md").split("\n")
    line = next(i for i, text in enumerate(f03, 1) if "Đoạn này đã được bổ sung." in text)
    assert f"_vk03L{line}" in names
    assert resolve(edited_repo, "du-thao-2") in custom
