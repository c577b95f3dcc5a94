"""``{{variables}}`` filled in before pandoc: each value reads, through pandoc's real readers,
as exactly the text it is, wherever it lands; code stays as typed."""

from __future__ import annotations

from typing import Any

import pytest
from tests.publish.conftest import read_json

from vankien.publish.variables import fill_variables, literal

TRICKY = (
    "- *a* [b](c) | d_e_ `f` <g> &amp; #h {{x}} \\ ~s~ ^t^ $u$ :smile:",
    "1. Mở đầu",
    "# Tiêu đề",
    "+ mục",
    "> trích",
    "Số 45-BC/ĐU, 2025 - 2030",
)


def words(node: Any) -> str:
    """The text of a piece of pandoc's tree (spaces and breaks as one space)."""
    if isinstance(node, list):
        return "".join(words(n) for n in node)
    if isinstance(node, dict):
        kind = node.get("t")
        if kind == "Str":
            return str(node["c"])
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if kind in ("Code", "Math", "RawInline"):
            return "<code>"
        return words(node.get("c"))
    return ""


@pytest.mark.parametrize("value", TRICKY)
def test_a_value_starting_a_paragraph_is_its_literal_text(value: str) -> None:
    text, unknown = fill_variables("{{v}} rồi tiếp.\n", {"v": value})
    assert unknown == ()
    blocks = read_json(text)["blocks"]
    assert [b["t"] for b in blocks] == ["Para"]
    assert words(blocks[0]["c"]) == value + " rồi tiếp."


@pytest.mark.parametrize("value", TRICKY)
def test_a_value_in_a_heading_and_a_table_cell_is_its_literal_text(value: str) -> None:
    source = "## 1. Về {{v}}\n\n| A | B |\n|---|---|\n| {{v}} | x |\n"
    text, _ = fill_variables(source, {"v": value})
    heading, table = read_json(text)["blocks"]
    assert heading["t"] == "Header"
    assert words(heading["c"][2]) == f"1. Về {value}"
    assert table["t"] == "Table"
    body_rows = table["c"][4][0][3]
    cells = body_rows[0][1]
    assert len(cells) == 2
    assert words(cells[0][4]) == value


@pytest.mark.parametrize("value", TRICKY)
def test_a_value_in_an_html_block_reads_literally_as_html(value: str) -> None:
    """filters/raw-html.lua reads an HTML block with pandoc's HTML reader."""
    text, _ = fill_variables("<div>\nĐơn vị {{v}}\n</div>\n", {"v": value})
    blocks = read_json(text)["blocks"]
    assert [b["t"] for b in blocks] == ["RawBlock"]
    html = blocks[0]["c"][1]
    assert words(read_json(html, "html")["blocks"]).strip() == f"Đơn vị {value}"


def test_code_is_left_as_typed_and_a_comment_gets_the_value_as_it_is() -> None:
    source = (
        "Dùng `{{org}}` trong mã, {{org}} ngoài mã.\n\n"
        "```\n{{org}}\n```\n\n"
        "<!-- HƯỚNG DẪN: nêu {{org}} -->\n"
    )
    text, unknown = fill_variables(source, {"org": "Đảng bộ A-B"})
    assert unknown == ()
    assert "Dùng `{{org}}` trong mã, Đảng bộ A&#45;B ngoài mã." in text
    assert "```\n{{org}}\n```" in text
    assert "<!-- HƯỚNG DẪN: nêu Đảng bộ A-B -->" in text
    assert text.count("\n") == source.count("\n")


def test_an_unknown_name_is_kept_and_reported_once() -> None:
    text, unknown = fill_variables("{{khong_co}} và {{khong_co}}, {{org}}\n", {"org": "Chi bộ"})
    assert text == "{{khong_co}} và {{khong_co}}, Chi bộ\n"
    assert unknown == ("khong_co",)


def test_a_text_without_variables_is_returned_as_it_is() -> None:
    source = "Không có biến { nào } ở đây.\n"
    assert fill_variables(source, {"org": "x"}) == (source, ())


def test_literal_writes_every_ascii_punctuation_as_a_reference() -> None:
    assert literal("a-b*c") == "a&#45;b&#42;c"
    assert literal("Đảng bộ") == "Đảng bộ"
