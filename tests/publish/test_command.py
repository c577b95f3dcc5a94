"""`vankien build` and `vankien reference` end to end: exit codes, messages, outputs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from vankien.cli import main
from vankien.publish.ooxml.package import read_parts

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "dang-bo-draft", tmp_path / "draft"))


@pytest.fixture
def final(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "chi-bo-nd30", tmp_path / "final"))


def test_build_writes_the_docx_into_build_and_nothing_else(draft, capsys):
    assert main(["build", "--root", str(draft)]) == 0
    out = draft / "build" / "bao-cao-du-thao.docx"
    assert out.is_file()
    assert [p.name for p in (draft / "build").iterdir()] == [out.name]  # no temporary left over
    assert "Đã tạo" in capsys.readouterr().out


def test_output_option(draft, tmp_path):
    target = tmp_path / "ra" / "van-ban.docx"
    assert main(["build", "--root", str(draft), "--output", str(target)]) == 0
    assert target.is_file()


def test_two_builds_are_identical_part_by_part(draft, tmp_path):
    first, second = tmp_path / "1.docx", tmp_path / "2.docx"
    assert main(["build", "--root", str(draft), "-o", str(first)]) == 0
    assert main(["build", "--root", str(draft), "-o", str(second)]) == 0
    a, b = read_parts(first.read_bytes()), read_parts(second.read_bytes())
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    assert first.read_bytes() == second.read_bytes()


def test_final_stage_with_lint_errors_refuses_to_build(final, capsys):
    page = final / "skeleton" / "02-phan-thu-hai.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{khong_co}}\n", encoding="utf-8")
    assert main(["build", "--root", str(final)]) == 1
    err = capsys.readouterr().err
    assert "vankien lint" in err
    assert not (final / "build").exists()


def test_a_draft_with_an_unknown_variable_is_built_with_a_note_naming_the_file(draft, capsys):
    page = draft / "skeleton" / "02-phan-thu-hai.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{khong_co}}\n", encoding="utf-8")
    assert main(["build", "--root", str(draft)]) == 0
    err = capsys.readouterr().err
    assert "Lưu ý: biến {{khong_co}} trong skeleton/02-phan-thu-hai.md không có" in err
    document = read_parts((draft / "build" / "bao-cao-du-thao.docx").read_bytes())
    assert "{{khong_co}}" in document["word/document.xml"].decode("utf-8")


def add_line(root: Path, line: str) -> tuple[Path, int]:
    page = root / "skeleton" / "02-phan-thu-hai.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n"
    page.write_text(text, encoding="utf-8")
    return page, text.count("\n")


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("![Ảnh](https://example.com/a.png)", "hình ảnh lấy từ ngoài"),
        ("![Ảnh](//example.com/a.png)", "hình ảnh lấy từ ngoài"),
        ("![Ảnh](/etc/hosts)", "đường dẫn tuyệt đối"),
        ("![Ảnh](../../outside.png)", "nằm ngoài thư mục báo cáo"),
        ("![Ảnh](../images/khong-co.png)", "không tìm thấy tệp hình ảnh"),
        ('<img src="http://example.com/x.png">', "hình ảnh lấy từ ngoài"),
    ],
)
def test_images_only_from_inside_the_report_folder(draft, capsys, image, message):
    (draft.parent / "outside.png").write_bytes((draft / "images" / "dot.png").read_bytes())
    page, line = add_line(draft, image)
    assert main(["build", "--root", str(draft)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert f"{page}:{line}:" in err
    assert "Traceback" not in err


def test_lint_reports_the_image_the_build_refuses_at_the_same_line(draft, capsys):
    page, line = add_line(draft, "Ảnh ![Ảnh](https://example.com/a.png) từ mạng.")
    assert main(["lint", "--root", str(draft)]) == 1
    out = capsys.readouterr().out
    rel = page.relative_to(draft).as_posix()
    assert f"{rel}:{line}:12: error MD003/image-not-usable hình ảnh lấy từ ngoài" in out
    assert "VI010" not in out and "VI011" not in out


def test_text_inside_raw_html_reaches_the_docx_with_a_warning(draft, capsys):
    add_line(draft, '<div align="center">Chữ trong khối HTML vẫn còn.</div>')
    target = draft / "out.docx"
    assert main(["build", "--root", str(draft), "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert 'Lưu ý: HTML «<div align="center">Chữ trong khối HTML' in err
    assert "đã giữ lại phần chữ «Chữ trong khối HTML vẫn còn.»" in err
    document = read_parts(target.read_bytes())["word/document.xml"].decode("utf-8")
    assert "Chữ trong khối HTML vẫn còn." in document
    assert "align" not in document


def test_reference_style_image_definition_is_checked(draft, capsys):
    add_line(draft, "![Ảnh][hinh]\n\n[hinh]: http://example.com/b.png")
    assert main(["build", "--root", str(draft)]) == 2
    assert "hình ảnh lấy từ ngoài" in capsys.readouterr().err


def test_pdf_without_libreoffice_says_so(draft, tmp_path, monkeypatch, capsys):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert main(["build", "--root", str(draft), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "apt-get install" in err
    assert not (draft / "build").exists()


def test_reference_command_and_a_mismatched_own_reference(draft, capsys):
    assert main(["reference", "--root", str(draft), "--profile", "nd30"]) == 0
    assert (draft / "reference.docx").is_file()
    # the report still asks for hd36: its own reference.docx, made for nd30, is refused
    assert main(["build", "--root", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "vankien reference --profile hd36" in err


def test_own_reference_for_the_right_profile_is_used(draft):
    assert main(["reference", "--root", str(draft)]) == 0
    assert main(["build", "--root", str(draft)]) == 0


def test_missing_skeleton_is_a_user_error(draft, capsys):
    shutil.rmtree(draft / "skeleton")
    assert main(["build", "--root", str(draft)]) == 2
    assert "skeleton" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.needs_soffice
def test_build_pdf_writes_the_preview_beside_the_docx(final):
    assert main(["build", "--root", str(final), "--pdf"]) == 0
    pdf = final / "build" / "bao-cao-chinh-thuc.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in (final / "build").iterdir()) == [
        "bao-cao-chinh-thuc.docx",
        "bao-cao-chinh-thuc.pdf",
    ]


def test_final_build_needs_the_document_number(final, capsys):
    yaml = final / "report.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "  number: 7\n" in text
    yaml.write_text(text.replace("  number: 7\n", "  number:\n"), encoding="utf-8")
    assert main(["build", "--root", str(final)]) == 1
    err = capsys.readouterr().err
    assert "report.yaml:" in err and "CON010" in err and "số văn bản" in err
    assert not (final / "build").exists()


def test_build_folder_read_only(draft, capsys):
    from tests.faults import read_only

    with read_only(draft / "build") as folder:
        assert main(["build", "--root", str(draft)]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert f"{folder}/bao-cao-du-thao.docx: lỗi:" in err
        assert "chỉ cho đọc" in err or "quyền ghi" in err
        assert list(folder.iterdir()) == []


def test_build_on_a_full_disk(draft, capsys):
    from tests.faults import full_disk

    with full_disk(draft / "build") as folder:
        assert main(["build", "--root", str(draft)]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "bao-cao-du-thao.docx: lỗi: ổ đĩa đã hết chỗ trống" in err
        assert list(folder.iterdir()) == []  # no half-written file, no temporary


def test_build_is_a_plain_file(draft, capsys):
    (draft / "build").write_text("ghi chú\n", encoding="utf-8")
    assert main(["build", "--root", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "là một tệp, không phải thư mục" in err and "đổi tên hoặc xóa tệp" in err
    assert (draft / "build").read_text(encoding="utf-8") == "ghi chú\n"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="cần os.fork")
def test_the_gate_of_a_build_lints_on_the_cores_pandoc_leaves(draft, monkeypatch):
    import vankien.lint.parallel as parallel

    monkeypatch.setenv("CI", "true")  # no cache: every file needs work
    monkeypatch.delenv(parallel.JOBS_ENV, raising=False)
    children: list[int] = []
    real_fork = parallel._fork

    def counted(work, todo, count):  # the real fork, counted
        children.append(count)
        real_fork(work, todo, count)

    monkeypatch.setattr(parallel, "_fork", counted)
    cores = min(parallel.available_cpus(), parallel.MAX_JOBS)
    assert main(["lint", "--root", str(draft)]) in (0, 1)
    assert sum(children) == cores - 1  # a lint alone takes every core
    children.clear()
    assert main(["build", "--root", str(draft)]) == 0
    assert sum(children) == max(1, min(parallel.available_cpus() - 1, parallel.MAX_JOBS)) - 1
    assert parallel.JOBS_ENV not in os.environ
