"""`vankien build` and `vankien reference` end to end: exit codes, messages, outputs."""

from __future__ import annotations

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
