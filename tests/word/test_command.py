"""check's command-line pieces that need no draft: shards, folders, bad options."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.word.command import check_command, expand, shard_slice

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dang-bo"


def test_shards_split_the_files_without_overlap() -> None:
    files = [f"u{i:02d}.docx" for i in range(10)]
    parts = [files[shard_slice(f"{k}/3")] for k in (1, 2, 3)]
    assert sorted(name for part in parts for name in part) == files
    assert parts[0] == ["u00.docx", "u03.docx", "u06.docx", "u09.docx"]
    assert files[shard_slice("1/1")] == files


@pytest.mark.parametrize("bad", ["0/3", "4/3", "2", "a/b", "1/0"])
def test_bad_shard_is_a_user_error(bad: str) -> None:
    with pytest.raises(UserError, match="--shard"):
        shard_slice(bad)


def test_a_folder_stands_for_its_word_files(tmp_path: Path) -> None:
    for name in ("b.docx", "a.DOCX", "c.doc", "ghi-chu.txt"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in expand([tmp_path])] == ["a.DOCX", "b.docx", "c.doc"]


def test_bad_options_stop_before_any_draft(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="định dạng"):
        check_command([tmp_path], EXAMPLE, fmt="pdf")
    with pytest.raises(UserError, match="--fail-level"):
        check_command([tmp_path], EXAMPLE, fail_level="nặng")
    with pytest.raises(UserError, match="bảng tổng hợp"):
        check_command([tmp_path], EXAMPLE, summary=tmp_path / "x.pdf")
    with pytest.raises(UserError, match="chưa chỉ ra tệp"):
        check_command([tmp_path], EXAMPLE)
    with pytest.raises(UserError, match=r"report\.yaml"):
        check_command([tmp_path / "a.docx"], tmp_path)


def test_another_outline_must_exist(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="khong-co"):
        check_command([tmp_path / "a.docx"], EXAMPLE, outline="khong-co")
