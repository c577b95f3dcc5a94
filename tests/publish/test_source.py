"""Joining the skeleton files, marking "+" items, checking image targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.publish.source import (
    BuildSource,
    check_images,
    joined_markdown,
    mark_plus_items,
)


def test_plus_items_get_the_marker_span_and_nothing_else_changes():
    text = "- một\n+ hai\n  + ba\n+không phải\n1 + 1 = 2\n-----\n"
    assert mark_plus_items(text) == (
        "- một\n+ []{.vk-plus} hai\n  + []{.vk-plus} ba\n+không phải\n1 + 1 = 2\n-----\n"
    )


def test_plus_lines_in_fenced_code_are_left_alone():
    text = "```\n+ mã\n```\n+ ý\n~~~\n+ mã\n~~~\n"
    assert mark_plus_items(text) == "```\n+ mã\n```\n+ []{.vk-plus} ý\n~~~\n+ mã\n~~~\n"


def test_plus_lines_in_html_comments_are_left_alone():
    text = (
        "<!-- HƯỚNG DẪN:\n+ gợi ý một\n  + gợi ý hai -->\n+ ý\n"
        "<!-- một dòng --> \n+ ý hai\n```\n<!--\n```\n+ ý ba\n"
    )
    assert mark_plus_items(text) == (
        "<!-- HƯỚNG DẪN:\n+ gợi ý một\n  + gợi ý hai -->\n+ []{.vk-plus} ý\n"
        "<!-- một dòng --> \n+ []{.vk-plus} ý hai\n```\n<!--\n```\n+ []{.vk-plus} ý ba\n"
    )


def make_report(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "skeleton").mkdir()
    for name, text in files.items():
        (tmp_path / "skeleton" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_image_inside_the_report_is_accepted(tmp_path):
    root = make_report(tmp_path, {})
    (root / "images").mkdir()
    (root / "images" / "a.png").write_bytes(b"x")
    for target in ("../images/a.png", "images/a.png", "../images/a.png#x"):
        check_images(root, BuildSource(root / "skeleton" / "01-a.md", f"![a]({target})\n"))


def test_image_symlink_leaving_the_report_is_refused(tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"x")
    (tmp_path / "r").mkdir()
    root = make_report(tmp_path / "r", {})
    (root / "link.png").symlink_to(outside)
    with pytest.raises(UserError, match="nằm ngoài thư mục báo cáo") as info:
        check_images(root, BuildSource(root / "skeleton" / "01-a.md", "chữ\n\n![a](../link.png)\n"))
    assert info.value.line == 3


def test_joined_with_anchors_says_where_each_file_starts(tmp_path):
    from vankien.publish.source import joined_with_anchors

    a = BuildSource(tmp_path / "01-a.md", "\n\n# Một\n\nđoạn\n")
    b = BuildSource(tmp_path / "02-b.md", "# Hai\n+ ý\n")
    text, spec = joined_with_anchors(tmp_path, [a, b])
    assert text == joined_markdown(tmp_path, [a, b])
    assert spec == "01:1:2;02:5:0"
    lines = text.split("\n")
    assert lines[0] == "# Một" and lines[4] == "# Hai"  # file line 3 (2 blank lines cut), 1
    banner, spec = joined_with_anchors(tmp_path, [a, b], lambda s: f"<!-- {s.path.name} -->")
    lines = banner.split("\n")
    assert spec == "01:3:2;02:9:0"
    assert lines[2] == "# Một" and lines[8] == "# Hai"
