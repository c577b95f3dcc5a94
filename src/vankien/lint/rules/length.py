"""Length: sections over the budget the outline gives them."""

from __future__ import annotations

from collections.abc import Iterator

from vankien.lint.model import Context, Hit
from vankien.lint.placement import placed_headings, section_span
from vankien.report.document import count_words


def check_over_budget(ctx: Context) -> Iterator[Hit]:
    """What it flags: mục (kể cả các mục con) dài hơn số từ đề cương cho phép (khóa ``budget``
    trong đề cương).

    Why: đề cương yêu cầu báo cáo «khái quát, cô đọng … không liệt kê dài dòng»; mức số từ chia
    thời gian đọc tại đại hội cho các phần.

    Example: mục «I. ĐẶC ĐIỂM TÌNH HÌNH» dài 1.450 từ trong khi mức cho phép là 1.000.

    Use instead: rút gọn: giữ số liệu thể hiện chuyển biến, bỏ liệt kê, chuyển chi tiết sang phụ
    lục.
    """
    words: dict[int, int] = {}
    for unit in ctx.report.units():
        if unit.kind != "heading" and unit.heading is not None:
            words[unit.heading] = words.get(unit.heading, 0) + count_words(unit.text)
    for placed in placed_headings(ctx):
        section = placed.section
        if section is None or section.budget_words is None:
            continue
        total = sum(words.get(p.heading.index, 0) for p in section_span(ctx, placed))
        if total > section.budget_words:
            h = placed.heading
            yield Hit(
                h.rel,
                h.line,
                h.col,
                f"mục «{h.text}» dài {total} từ, vượt mức {section.budget_words} từ của đề cương "
                f"({total - section.budget_words} từ)",
            )
