from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.outline.load import load_outline
from vankien.outline.model import Level

GOOD = """\
id: thu
title: BÁO CÁO
roles:
  van-phong: Văn phòng
sections:
  - number: Phần thứ nhất
    title: KẾT QUẢ
    file: 01-mot.md
    owner: van-phong
    children:
      - number: I.
        title: MỤC MỘT
        budget: 300
        guidance: ["Nêu khái quát."]
        children:
          - number: "1."
            title: Con
          - number: "2."
            title: Con hai
            extra: true
      - number: II.
        title: MỤC HAI
        file: 02-hai.md
closing:
  on_behalf: "T/M {{leader_upper}}"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_outline_loads(tmp_path: Path) -> None:
    outline = load_outline(write(tmp_path, GOOD))
    ids = [s.id for s in outline.walk()]
    assert ids == ["p1", "p1-i", "p1-i-1", "p1-i-2", "p1-ii"]
    by_id = outline.by_id()
    assert by_id["p1-i-2"].allow_extra and not by_id["p1-i-1"].allow_extra
    assert by_id["p1-i-1"].file == "01-mot.md" and by_id["p1-ii"].file == "02-hai.md"
    assert by_id["p1-i-1"].owner == "van-phong"
    assert by_id["p1-i"].budget_words == 300 and by_id["p1-i"].guidance == ("Nêu khái quát.",)
    assert by_id["p1-i-1"].level is Level.ARABIC
    assert by_id["p1"].markdown_heading() == "# Phần thứ nhất: KẾT QUẢ"
    assert outline.files() == ["01-mot.md", "02-hai.md"]
    assert outline.closing.recipients_label == "Nơi nhận:"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("      - number: II.\n", "      - number: III.\n"),
            "outline.yaml:21: lỗi: số thứ tự «III.» không liền mạch: mong đợi «II.» "
            "(khóa «sections[0].children[1].number»)",
        ),
        (
            ('          - number: "2."\n', '          - number: "1."\n'),
            "outline.yaml:18: lỗi: số thứ tự «1.» không liền mạch: mong đợi «2.» "
            "(khóa «sections[0].children[0].children[1].number»)",
        ),
        (
            ("    owner: van-phong\n", "    owner: ban-to-chuc\n"),
            "outline.yaml:9: lỗi: vai trò «ban-to-chuc» chưa được khai báo trong «roles» "
            "(khóa «sections[0].owner»)\n"
            "  → thêm vai trò vào mục «roles» ở đầu tệp đề cương.",
        ),
        (
            ("        file: 02-hai.md\n", "        file: Hai.md\n"),
            "outline.yaml:23: lỗi: tên tệp «Hai.md» không hợp lệ (khóa «sections[0].children[1]"
            ".file»)\n  → tên tệp gồm hai chữ số, dấu gạch nối, chữ thường không dấu, đuôi .md; "
            "ví dụ «02-nhiem-vu-chinh-tri.md».",
        ),
        (
            ("        budget: 300\n", "        budgett: 300\n"),
            "outline.yaml:13: lỗi: khóa không được hỗ trợ: «budgett» (khóa «sections[0].children[0]"
            ".budgett»)\n  → các khóa hợp lệ: budget, children, extra, file, guidance, number, "
            "owner, required, targets, title.",
        ),
        (
            (
                "            title: Con\n",
                "            title: Con\n          - number: 1.1.\n            title: Sai cấp\n",
            ),
            "outline.yaml:18: lỗi: mục «1.1.» không cùng cấp với các mục ngang hàng trước nó "
            "(khóa «sections[0].children[0].children[1].number»)",
        ),
        (
            ("title: BÁO CÁO\n", "title: [BÁO CÁO\n"),
            "outline.yaml:3: lỗi: YAML sai cú pháp (cột 6): danh sách trong ngoặc vuông «[ … ]» "
            "chưa được đóng bằng «]»",
        ),
    ],
)
def test_bad_outline_messages(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(UserError) as info:
        load_outline(path)
    rendered = info.value.render().replace(str(tmp_path) + "/", "")
    assert rendered.split("\n  → kiểm tra thụt")[0] == message


def test_missing_outline_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        load_outline(tmp_path / "khong-co.yaml")
    assert "không tìm thấy tệp đề cương" in info.value.render()


def test_repository_outline_loads(repo_root: Path) -> None:
    outline = load_outline(repo_root / "outline" / "bao-cao-chinh-tri.yaml")
    numbers = [s.number_text for s in outline.sections]
    assert numbers == ["Phần thứ nhất", "Phần thứ hai"]
    romans = [[c.number_text for c in part.children] for part in outline.sections]
    assert romans == [["I.", "II.", "III."], ["I.", "II.", "III.", "IV.", "V.", "VI."]]
    assert all(s.owner for s in outline.walk())
