"""The document model: headings with numbers, prose units mapped back to lines and columns,
code and comments masked."""

from __future__ import annotations

from vankien.outline.model import Level
from vankien.report.document import MASK, parse_file, shown

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


PROTECTED_TEXT = """\
# I. Tiêu đề {#muc-1}

Xem http://example.com/a_(b), `mã  x`, <http://x.vn/y> và <thu@x.vn> {{org}}.
Xem [Nghị quyết](http://example.com/nq "Tên") và ![ảnh](a.png) <!-- c --> [x]{.placeholder}.

```{=openxml}
<w:p/>
```

<!-- HƯỚNG DẪN
nhiều dòng -->

- mục
  ```
  mã  trong mục
  ```

[nq]: http://example.com/nq
"""


def test_protected_spans() -> None:
    source = parse_file("skeleton/01.md", PROTECTED_TEXT)
    found = [PROTECTED_TEXT[a:b] for a, b in source.protected]
    assert found == [
        "{#muc-1}",
        "http://example.com/a_(b)",  # the URL stops before the comma
        "`mã  x`",
        "<http://x.vn/y>",
        "<thu@x.vn>",
        "{{org}}",
        '(http://example.com/nq "Tên")',
        "(a.png)",
        "<!-- c -->",
        "{.placeholder}",
        "```{=openxml}\n<w:p/>\n```",
        "<!-- HƯỚNG DẪN\nnhiều dòng -->",
        "  ```\n  mã  trong mục\n  ```",
        "[nq]: http://example.com/nq",
    ]
    start = PROTECTED_TEXT.index("`mã")
    assert source.touches_protected(start, start + 1)
    assert source.touches_protected(start + 1, start + 1)  # inserting inside
    assert not source.touches_protected(start, start)  # inserting just before
    assert not source.touches_protected(start - 2, start)  # the text just before


def test_masked_text_is_not_whitespace() -> None:
    source = parse_file("skeleton/01.md", "Dùng `mã` rồi [a](http://x.vn/b) xong.\n")
    (unit,) = source.units
    assert "  " not in unit.text and "(" not in unit.text
    assert unit.text == "Dùng " + "\ufffc" * 4 + " rồi [a]" + "\ufffc" * 15 + " xong."


def test_messages_show_masked_text_as_an_ellipsis_or_not_at_all() -> None:
    m = MASK
    assert shown(f"«{m * 3}  tại đây.»") == "«…  tại đây.»"
    assert shown(f"«x {m * 2} y» «ban… {m}»") == "«x … y» «ban…»"
    assert shown("«không có»") == "«không có»"


def test_unprotected_parts_of_a_line() -> None:
    text = "a `b` c http://x.vn d\n"
    source = parse_file("skeleton/01.md", text)
    parts = [text[a:b] for a, b in source.unprotected(0, len(text) - 1)]
    assert parts == ["a ", " c ", " d"]
