"""The document model: headings with numbers, prose units mapped back to lines and columns,
code and comments masked."""

from __future__ import annotations

from vankien.lint.document import parse_file
from vankien.outline.model import Level

TEXT = """\
<!-- HƯỚNG DẪN:
Nêu khái quát…
-->
# Phần thứ nhất: KẾT QUẢ

## II. ĐÁNH GIÁ <!-- ghi chú -->

Công tác
tác bảo vệ, xem `mã…` và https://vi.wikipedia.org/wiki/…

- Mục một
  tiếp theo
- Mục hai

```
lần thứ……
```
"""


def test_headings() -> None:
    source = parse_file("skeleton/01.md", TEXT)
    part, roman = source.headings
    assert (part.line, part.col, part.level) == (4, 3, 1)
    assert part.number is not None and part.number.level is Level.PART
    assert part.title == "KẾT QUẢ"
    assert (roman.line, roman.text, roman.number_raw, roman.title) == (
        6,
        "II. ĐÁNH GIÁ",
        "II.",
        "ĐÁNH GIÁ",
    )
    assert roman.number is not None and roman.number.parts == (2,)


def test_units_join_soft_wraps_and_map_back() -> None:
    source = parse_file("skeleton/01.md", TEXT)
    para = next(u for u in source.units if u.kind == "paragraph")
    assert para.line == 8 and para.heading == 1
    assert para.text.startswith("Công tác tác bảo vệ")
    second = para.text.index("tác bảo")
    assert source.loc(para.file_offset(second)) == (9, 1)


def test_code_comments_and_urls_are_masked() -> None:
    source = parse_file("skeleton/01.md", TEXT)
    prose = " ".join(u.text for u in source.units)
    assert "mã…" not in prose and "wikipedia" not in prose and "ghi chú" not in prose
    assert "lần thứ" not in prose and "Nêu khái quát" not in prose
    assert source.comments[0].line == 1 and "Nêu khái quát" in source.comments[0].body
    assert {1, 2, 3, 15, 16, 17} <= source.masked_lines


def test_list_items_are_separate_units() -> None:
    source = parse_file("skeleton/01.md", TEXT)
    items = [u for u in source.units if u.kind == "item"]
    assert [(u.line, u.text) for u in items] == [(11, "- Mục một tiếp theo"), (13, "- Mục hai")]


def test_empty_and_blank_files() -> None:
    for text in ("", "\n\n", "   "):
        source = parse_file("skeleton/01.md", text)
        assert source.headings == [] and source.units == []
