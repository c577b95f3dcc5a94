from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.skeleton.files import skeleton_files


def make(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "skeleton"
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_text("# x\n", encoding="utf-8")
    return tmp_path


def test_files_in_prefix_order_other_kinds_ignored(tmp_path: Path) -> None:
    root = make(tmp_path, ["10-muoi.md", "02-hai.md", "01-mot.md", "anh.png", "ghi-chu.txt"])
    assert [p.name for p in skeleton_files(root)] == ["01-mot.md", "02-hai.md", "10-muoi.md"]


def test_markdown_without_prefix_is_refused_not_dropped(tmp_path: Path) -> None:
    root = make(tmp_path, ["01-mot.md", "phu-luc.md"])
    with pytest.raises(UserError) as info:
        skeleton_files(root)
    rendered = info.value.render()
    assert "phu-luc.md" in rendered and "NN-ten.md" in rendered


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="skeleton"):
        skeleton_files(tmp_path)


def test_a_link_leaving_the_report_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("khóa riêng", encoding="utf-8")
    root = make(tmp_path / "report", ["01-mot.md"])
    (root / "skeleton" / "02-hai.md").symlink_to(secret)
    with pytest.raises(UserError) as info:
        skeleton_files(root)
    assert "ngoài thư mục báo cáo" in info.value.render()


def test_a_linked_skeleton_folder_outside_is_refused(tmp_path: Path) -> None:
    elsewhere = make(tmp_path / "khac", ["01-mot.md"])
    root = tmp_path / "report"
    root.mkdir()
    (root / "skeleton").symlink_to(elsewhere / "skeleton")
    with pytest.raises(UserError, match="ngoài thư mục báo cáo"):
        skeleton_files(root)


def test_a_link_inside_the_report_folder_is_fine(tmp_path: Path) -> None:
    root = make(tmp_path, ["01-mot.md"])
    (root / "ban-goc.md").write_text("# y\n", encoding="utf-8")
    (root / "skeleton" / "02-hai.md").symlink_to(root / "ban-goc.md")
    assert [p.name for p in skeleton_files(root)] == ["01-mot.md", "02-hai.md"]


def test_a_skeleton_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    from vankien.skeleton.files import MAX_SKELETON_BYTES, read_skeleton

    path = tmp_path / "01-a.md"
    path.write_bytes(b"a" * MAX_SKELETON_BYTES)
    assert len(read_skeleton(path)) == MAX_SKELETON_BYTES
    path.write_bytes(b"a" * (MAX_SKELETON_BYTES + 1) * 3)
    with pytest.raises(UserError, match=r"quá lớn: 3,0 MB, giới hạn 1 MB") as info:
        read_skeleton(path)
    assert info.value.path == str(path)
    assert "tách thành nhiều tệp" in (info.value.hint or "")


def test_lint_and_build_stop_with_exit_2_on_a_huge_file(tmp_path, capsys):
    import shutil

    from vankien.cli import main
    from vankien.skeleton.files import MAX_SKELETON_BYTES

    root = tmp_path / "r"
    shutil.copytree(Path(__file__).resolve().parents[2] / "examples" / "dang-bo", root)
    big = root / "skeleton" / "02-nhiem-vu-chinh-tri.md"
    big.write_text(big.read_text(encoding="utf-8") + "\n\nx" * MAX_SKELETON_BYTES, "utf-8")
    for command in ("lint", "build"):
        assert main([command, "--root", str(root)]) == 2
        assert "02-nhiem-vu-chinh-tri.md: lỗi: tệp nội dung quá lớn" in capsys.readouterr().err


def test_two_files_with_one_number_are_a_duplicate(tmp_path: Path) -> None:
    root = make(tmp_path, ["01-mot.md", "02-hai.md", "02-hai-ban-sao.md", "03-ba.md"])
    with pytest.raises(UserError) as info:
        skeleton_files(root)
    error = info.value
    assert error.path == str(root / "skeleton" / "02-hai.md")  # the second in name order
    assert "hai tệp cùng số thứ tự 02: «02-hai-ban-sao.md» và «02-hai.md»" in error.message


@pytest.mark.parametrize("command", ["lint", "build", "status"])
@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("ghi-chu.md", "tệp «ghi-chu.md» trong skeleton/ không có tiền tố hai chữ số"),
        ("03-ban-sao.md", "hai tệp cùng số thứ tự 03: «03-ban-sao.md» và «03-"),
    ],
)
def test_every_command_names_the_stray_file(
    report_copy: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    name: str,
    fragment: str,
) -> None:
    from vankien.cli import main

    (report_copy / "skeleton" / name).write_text("# Ghi chú\n", encoding="utf-8")
    assert main([command, "--root", str(report_copy)]) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err
    assert not (report_copy / "build").exists()
