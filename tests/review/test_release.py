"""``vankien release`` end to end: stages, tags, report.yaml edited in place, the package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from tests.review.conftest import (
    BINH,
    CUONG,
    commit,
    copy_example,
    edit,
    git,
    init_repo,
    prose_paragraphs,
)

from vankien.cli import main
from vankien.review.release import set_stage
from vankien.unit.load import load_unit

pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init_repo(tmp_path / "repo")
    copy_example(root)
    commit(root, BINH, "2025-03-01T08:00:00+07:00", "Bản đầu")
    return root


def tags(repo: Path) -> list[str]:
    return git(repo, "tag", "--list").split()


def test_set_stage_changes_only_that_value(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    original = (
        "# đầu tệp\ndocument:\n  place: Hà Nội  # nơi ký\n"
        "  # giai đoạn\n  stage: 'du-thao-1'   # ghi chú cuối dòng\n  date: 2025-05-20\n"
    )
    path.write_text(original, encoding="utf-8")
    assert set_stage(path, "du-thao-2") is True
    assert path.read_text(encoding="utf-8") == original.replace("'du-thao-1'", "du-thao-2")
    assert set_stage(path, "du-thao-2") is False


def test_first_and_second_draft(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "report.yaml").read_text(encoding="utf-8")
    assert main(["release", "--root", str(repo), "--no-pdf"]) == 0
    assert tags(repo) == ["du-thao-1"]
    after = (repo / "report.yaml").read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [("  stage: chinh-thuc", "  stage: du-thao-1")]
    assert load_unit(repo).stage.slug == "du-thao-1"
    assert git(repo, "log", "-1", "--format=%s").strip() == "Phát hành dự thảo lần 1 (du-thao-1)"
    assert git(repo, "rev-parse", "du-thao-1^{commit}") == git(repo, "rev-parse", "HEAD")
    output = load_unit(repo).output
    assert (repo / "build" / "du-thao-1" / f"{output}.docx").is_file()
    assert "chưa có bản so sánh" in capsys.readouterr().out

    f03 = repo / "skeleton" / "03-chinh-tri-tu-tuong.md"
    paragraph = prose_paragraphs(f03)[0]
    edit(f03, paragraph, paragraph + " Câu bổ sung của Ban Tuyên giáo.")
    commit(repo, CUONG, "2025-03-05T09:30:00+07:00", "Tuyên giáo bổ sung")
    assert main(["release", "--root", str(repo), "--no-pdf"]) == 0
    assert tags(repo) == ["du-thao-1", "du-thao-2"]
    redline = repo / "build" / "du-thao-2" / f"{output}-so-sanh-du-thao-1.docx"
    with zipfile.ZipFile(io.BytesIO(redline.read_bytes())) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert f'w:author="{CUONG.name}"' in xml
    assert "Câu bổ sung của Ban Tuyên giáo." in xml


def test_refuses_a_dirty_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "skeleton" / "01-dac-diem-tinh-hinh.md").write_text("sửa dở\n", encoding="utf-8")
    assert main(["release", "--root", str(repo), "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert "còn thay đổi chưa commit" in err and "01-dac-diem-tinh-hinh.md" in err
    assert tags(repo) == []
    assert load_unit(repo).stage.is_final  # report.yaml untouched


def test_final_once_only(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "tag", "du-thao-1")
    assert main(["release", "--root", str(repo), "--no-pdf", "--final"]) == 0
    assert "chinh-thuc" in tags(repo)
    assert (repo / "build" / "chinh-thuc").is_dir()
    assert main(["release", "--root", str(repo), "--no-pdf", "--final"]) == 2
    assert "đã phát hành bản chính thức" in capsys.readouterr().err
    assert main(["release", "--root", str(repo), "--no-pdf"]) == 2


def test_report_below_the_top_gets_prefixed_tags(tmp_path: Path) -> None:
    top = init_repo(tmp_path / "repo")
    folder = top / "examples" / "dang-bo"
    folder.mkdir(parents=True)
    copy_example(folder)
    commit(top, BINH, "2025-03-01T08:00:00+07:00", "Bản đầu")
    assert main(["release", "--root", str(folder), "--no-pdf"]) == 0
    assert tags(top) == ["examples/dang-bo/du-thao-1"]


@pytest.mark.needs_soffice
def test_package_has_a_pdf(repo: Path) -> None:
    assert main(["release", "--root", str(repo)]) == 0
    output = load_unit(repo).output
    pdf = repo / "build" / "du-thao-1" / f"{output}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
