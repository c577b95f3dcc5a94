"""Broken YAML is reported in Vietnamese, with the line and column, never in ruamel's English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vankien.cli import main
from vankien.errors import UserError
from vankien.yamlio import load_yaml

ENGLISH = re.compile(r"\b(?:expected|found|while|but got|not allowed|mapping|token)\b")


@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"),
    [
        ("a: [1, 2\nb: 3\n", 2, 2, "ngoặc vuông «[ … ]» chưa được đóng"),
        ("a: {x: 1\nb: 2\n", 2, 2, "ngoặc nhọn «{ … }» chưa được đóng"),
        ("a:\n\tb: 1\n", 2, 1, "ký tự Tab"),
        ("a: @x\n", 1, 4, "ký tự «@» không được đứng đầu"),
        ("a: b: c\n", 1, 5, "dấu «:» đặt sai chỗ"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "thụt đầu dòng không khớp"),
        ("key: value\n- item\n", 2, 1, "dòng «- …» của danh sách"),
        ("a: 1\na: 2\n", 2, 1, "khóa «a» được ghi hai lần"),
        ('a: "abc\n', 2, 1, "ngoặc kép (hoặc ngoặc đơn) mở ở trên chưa được đóng"),
        ("a: *x\n", 1, 4, "«*x» tham chiếu một neo «&x» không có"),
        ('a: "\\q"\n', 1, 6, "«\\q» không hợp lệ"),
        ("a: b\n---\nc: d\n", 2, 1, "dòng «---»"),
    ],
)
def test_problems_in_vietnamese(
    tmp_path: Path, text: str, line: int, col: int, fragment: str
) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_yaml(path)
    error = info.value
    assert error.line == line
    assert f"(cột {col})" in error.message
    assert fragment in error.message
    assert not ENGLISH.search(error.message), error.message


def test_broken_report_yaml_through_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "r"
    root.mkdir()
    (root / "report.yaml").write_text(
        "organisation:\n  name: [Sở Tư pháp\n  type: dang-bo-co-so\n", encoding="utf-8"
    )
    assert main(["lint", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert f"{root / 'report.yaml'}:3: lỗi: YAML sai cú pháp (cột 7)" in err
    assert "Traceback" not in err and not ENGLISH.search(err), err
