from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.textio import decode, ensure_writable, read_text, write_atomic


def test_decode_accepts_bom_and_crlf() -> None:
    assert decode("\ufeffĐảng bộ\r\ndòng hai\rba".encode(), "a.md") == "Đảng bộ\ndòng hai\nba"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("Đảng bộ".encode("utf-16"), "UTF-16"),
        (unicodedata.normalize("NFD", "Báo cáo chính trị").encode("cp1258"), "không phải UTF-8"),
        (b"\x00\x01\x02binary", "nhị phân"),
    ],
)
def test_decode_rejects_other_encodings_with_advice(data: bytes, fragment: str) -> None:
    with pytest.raises(UserError) as info:
        decode(data, "muc.md")
    rendered = info.value.render()
    assert rendered.startswith("muc.md") and fragment in rendered and "→" in rendered


def test_decode_names_the_line_of_a_bad_byte() -> None:
    data = "dòng một\ndòng hai\n".encode() + unicodedata.normalize("NFD", "Đảng").encode("cp1258")
    with pytest.raises(UserError) as info:
        decode(data, "muc.md")
    assert info.value.line == 3


def test_read_text_refuses_huge_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="không tìm thấy"):
        read_text(tmp_path / "khong-co.md")
    big = tmp_path / "lon.md"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(UserError, match="quá lớn"):
        read_text(big)


def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "ra" / "tep.txt"
    write_atomic(target, "một")
    write_atomic(target, b"hai")
    assert target.read_bytes() == b"hai"
    assert [p.name for p in target.parent.iterdir()] == ["tep.txt"]


def test_write_atomic_gives_ordinary_permissions(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        fresh = tmp_path / "moi.docx"
        write_atomic(fresh, b"x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "cu.md"
        kept.write_bytes(b"a")
        kept.chmod(0o664)
        write_atomic(kept, b"b")
        assert kept.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


def test_write_on_a_full_disk_keeps_the_old_file(tmp_path: Path) -> None:
    from tests.faults import full_disk

    with full_disk(tmp_path / "day") as folder:
        target = folder / "van-ban.docx"
        target.write_bytes(b"ban cu")
        with pytest.raises(UserError) as info:
            write_atomic(target, b"x" * 64 * 1024)
        assert "hết chỗ trống" in info.value.message
        assert info.value.path == str(target)
        assert target.read_bytes() == b"ban cu"  # the old file is intact
        assert sorted(p.name for p in folder.iterdir()) == ["van-ban.docx"]  # no temp left


def test_write_into_a_read_only_folder(tmp_path: Path) -> None:
    from tests.faults import read_only

    with read_only(tmp_path / "build") as folder:
        with pytest.raises(UserError) as info:
            write_atomic(folder / "a.docx", b"data")
        rendered = info.value.render()
        assert str(folder) in rendered
        assert "chỉ cho đọc" in rendered or "quyền ghi" in rendered
        assert list(folder.iterdir()) == []


def test_write_below_a_plain_file(tmp_path: Path) -> None:
    blocker = tmp_path / "build"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    for target in (blocker / "a.docx", blocker / "du-thao-1" / "a.docx"):
        with pytest.raises(UserError) as info:
            write_atomic(target, b"data")
        assert f"«{blocker}» là một tệp, không phải thư mục" in info.value.message
    assert blocker.read_text(encoding="utf-8") == "không phải thư mục"


def test_ensure_writable_finds_the_fault_first(tmp_path: Path) -> None:
    (tmp_path / "build").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="là một tệp"):
        ensure_writable(tmp_path / "build" / "du-thao-1")
    ensure_writable(tmp_path / "ok" / "du-thao-1")
    assert list((tmp_path / "ok" / "du-thao-1").iterdir()) == []
