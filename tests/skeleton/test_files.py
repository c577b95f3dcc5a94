from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.skeleton.files import skeleton_files


def make(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "skeleton"
    folder.mkdir()
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
