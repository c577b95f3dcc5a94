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


def snapshot(repo: Path) -> tuple[str, str, str, bytes, bool]:
    """Everything a refused release must leave as it was."""
    return (
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        git(repo, "tag", "--list"),
        git(repo, "rev-parse", "HEAD"),
        (repo / "report.yaml").read_bytes(),
        (repo / "build").exists(),
    )


@pytest.fixture
def draft_repo(repo: Path) -> Path:
    """The example as dự thảo lần 1 (tagged), with one section left unwritten."""
    edit(repo / "report.yaml", "stage: chinh-thuc", "stage: du-thao-1")
    f05 = repo / "skeleton" / "05-kiem-tra-giam-sat.md"
    paragraph = prose_paragraphs(f05)[0]
    edit(f05, paragraph, "[Viết nội dung tại đây]{.placeholder}")
    commit(repo, BINH, "2025-03-02T08:00:00+07:00", "Dự thảo lần 1")
    git(repo, "tag", "du-thao-1")
    return repo


def test_final_refuses_a_placeholder_and_changes_nothing(
    draft_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Under the draft's severities the placeholder is only a warning: lint passes.
    assert main(["lint", "--root", str(draft_repo)]) == 0
    capsys.readouterr()
    before = snapshot(draft_repo)
    assert main(["release", "--root", str(draft_repo), "--no-pdf", "--final"]) == 1
    assert snapshot(draft_repo) == before
    assert not (draft_repo / "build").exists()
    err = capsys.readouterr().err
    assert "còn 1 lỗi" in err
    assert "skeleton/05-kiem-tra-giam-sat.md:" in err and "PH002" in err
    assert "Chưa thay đổi gì" in err and "vankien release --final" in err
    # A draft release of the same report goes ahead: a draft may keep unwritten parts.
    assert main(["release", "--root", str(draft_repo), "--no-pdf"]) == 0
    assert tags(draft_repo) == ["du-thao-1", "du-thao-2"]


def test_final_requires_the_document_number(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "report.yaml", "stage: chinh-thuc", "stage: du-thao-1")
    edit(repo / "report.yaml", "  number: 45", "  number:")
    commit(repo, BINH, "2025-03-02T08:00:00+07:00", "Dự thảo chưa có số")
    git(repo, "tag", "du-thao-1")
    before = snapshot(repo)
    assert main(["release", "--root", str(repo), "--no-pdf", "--final"]) == 1
    assert snapshot(repo) == before
    err = capsys.readouterr().err
    assert "report.yaml:" in err and "CON010" in err and "số văn bản" in err


def test_missing_libreoffice_advises_the_release_option(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(repo)
    bare = tmp_path / "bin"  # a PATH without soffice
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    assert main(["release", "--root", str(repo)]) == 2
    err = capsys.readouterr().err
    assert "--no-pdf" in err and "bỏ tùy chọn --pdf" not in err
    monkeypatch.undo()
    assert snapshot(repo) == before


def test_two_releases_at_once(repo: Path) -> None:
    """Two real `vankien release` processes started together: one publishes du-thao-1, the
    other stops with a Vietnamese message (whichever step it loses at), never git's English."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "VANKIEN_NO_CACHE": "1"}
    args = [sys.executable, "-m", "vankien", "release", "--root", str(repo), "--no-pdf"]
    procs = [
        subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        results.append((proc.returncode, err.decode()))
    assert sorted(code for code, _ in results) == [0, 2], results
    loser = next(err for code, err in results if code == 2)
    assert "lỗi:" in loser and "→" in loser, loser
    assert not any(word in loser for word in ("fatal", "Traceback", "already exists")), loser
    assert tags(repo) == ["du-thao-1"]
    assert git(repo, "status", "--porcelain") == ""


def test_an_unwritable_build_folder_is_found_before_the_commit(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "build").write_text("không phải thư mục\n", encoding="utf-8")
    (repo / ".git" / "info" / "exclude").write_text("/build\n", encoding="utf-8")
    before = snapshot(repo)
    assert main(["release", "--root", str(repo), "--no-pdf"]) == 2
    assert snapshot(repo) == before  # report.yaml, HEAD and tags as they were
    err = capsys.readouterr().err
    assert f"«{repo / 'build'}» là một tệp, không phải thư mục" in err and "Traceback" not in err


def test_a_disk_filling_up_mid_build_leaves_a_release_that_runs_again(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.faults import full_disk

    with full_disk(repo / "build" / "du-thao-1", size="16k") as folder:
        assert main(["release", "--root", str(repo), "--no-pdf"]) == 2
        err = capsys.readouterr().err
        assert "ổ đĩa đã hết chỗ trống" in err and "chưa gắn tag" in err, err
        assert list(folder.iterdir()) == []  # nothing half-written
    assert tags(repo) == []
    assert git(repo, "status", "--porcelain") == ""
    assert main(["release", "--root", str(repo), "--no-pdf"]) == 0
    assert tags(repo) == ["du-thao-1"]
    assert git(repo, "log", "--format=%s").count("Phát hành dự thảo lần 1") == 1
