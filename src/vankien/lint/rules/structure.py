"""Structure rules, generated from the outline (the single source of truth for headings)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vankien.lint.model import Context, Fix, Hit
from vankien.lint.placement import PathKey, Placed, placed_headings
from vankien.outline.model import Level, Number, Section, int_to_roman
from vankien.outline.model import normal_title as _normal
from vankien.report.document import Heading


def _expected_heading(ctx: Context, section: Section) -> str:
    return ctx.report.substitute(section.heading_text())


def check_missing_heading(ctx: Context) -> Iterator[Hit]:
    """What it flags: thiếu một đề mục mà đề cương yêu cầu (ở đúng cấp, trong tệp đề cương chỉ
    định). Khi thiếu cả một mục lớn, chỉ báo mục lớn đó, không báo từng mục con.

    Why: đề cương do cấp ủy cấp trên ban hành là khung chung để đánh giá mọi báo cáo; thiếu một
    mục là thiếu một phần nội dung bắt buộc.

    Example: đề cương có «III. ĐÁNH GIÁ CHUNG» nhưng không tệp nào có đề mục này (hoặc gõ nhầm
    thành «II.» lần thứ hai).

    Use instead: thêm đề mục đúng như đề cương, đúng cấp «#», vào tệp mà thông báo chỉ ra
    (lệnh ``vankien scaffold`` tạo lại các đề mục còn thiếu).
    """
    found = {p.path for p in placed_headings(ctx) if p.section is not None}
    files = {f.rel for f in ctx.report.files}

    def visit(section: Section, prefix: PathKey) -> Iterator[Hit]:
        key = (*prefix, (section.level.value, section.number.last))
        if key not in found:
            if section.required:
                rel = f"skeleton/{section.file}"
                note = "" if rel in files else f" (tệp «{rel}» chưa có)"
                yield Hit(
                    rel,
                    1,
                    1,
                    f"thiếu đề mục «{_expected_heading(ctx, section)}» theo đề cương, "
                    f"ở cấp {'#' * section.level.markdown_level}{note}",
                )
            return  # children of a missing section are implied
        for child in section.children:
            yield from visit(child, key)

    for top in ctx.outline.sections:
        yield from visit(top, ())


def _renumber(heading: Heading, number: Number) -> Fix | None:
    """A fix that rewrites only the number of ``heading`` to ``number``."""
    raw = heading.raw
    lead = len(raw) - len(raw.lstrip())
    level = number.level
    if level is Level.PART:
        m = re.match(r"(Phần\s+)(thứ\s+\S+?|[IVXLC]+)(?=[\s:.]|$)", raw[lead:])
        if m is None:
            return None
        written = m.group(2)
        new = int_to_roman(number.last) if written.isupper() else number.text().split(" ", 1)[1]
        start = heading.offset + lead + m.start(2)
        return Fix(start, start + len(written), new)
    if level is Level.ROMAN:
        m = re.match(r"[IVXLC]+", raw[lead:])
        new = int_to_roman(number.last)
    elif level is Level.ALPHA:
        m = re.match(r"[a-zđ]", raw[lead:])
        new = chr(ord("a") + number.last - 1)
    else:
        m = re.match(r"\d{1,2}(?:\.\d{1,2}){0,2}", raw[lead:])
        new = ".".join(str(p) for p in number.parts)
    if m is None:
        return None
    start = heading.offset + lead
    return Fix(start, start + m.end(), new)


def check_numbering(ctx: Context) -> Iterator[Hit]:
    """What it flags: số đề mục không liền mạch ở bất kỳ cấp nào, tính liên tục qua các tệp: số
    bị trùng, nhảy cóc, đi lùi, hoặc số tiểu mục không thuộc mục cha (Phần thứ nhất, thứ hai;
    I, II, …; 1, 2, …; 1.1; 2.2.1; a), b)).

    Why: đại hội và người đọc dẫn chiếu các mục theo số; hai mục «II.» hoặc mục «III.» đứng sau
    «V.» làm dẫn chiếu sai và cho thấy văn bản bị cắt dán.

    Example: «## II. ĐÁNH GIÁ CHUNG» đứng ngay sau mục «II. KẾT QUẢ LÃNH ĐẠO …».

    Use instead: đánh số liền mạch: «## III. ĐÁNH GIÁ CHUNG». Lệnh ``vankien lint --fix`` tự đánh
    lại số khi tiêu đề cho biết chắc đó là mục nào của đề cương; khi thiếu một mục của đề cương,
    các mục sau giữ nguyên số (thông báo nêu mục còn thiếu): thêm mục đó vào.
    """
    last: dict[object, int] = {}
    for placed in placed_headings(ctx):
        number = placed.heading.number
        if number is None:
            continue
        parent = placed.parent
        scope = (parent.heading.index if parent else None, placed.level)
        previous = last.get(scope, 0)
        expected = previous + 1
        last[scope] = number.last
        prefix: tuple[int, ...] = ()
        if (
            number.level in (Level.DECIMAL2, Level.DECIMAL3)
            and parent is not None
            and parent.heading.number is not None
            and parent.heading.number.level in (Level.ARABIC, Level.DECIMAL2)
        ):
            prefix = parent.heading.number.parts
        want = Number(
            number.level, (*prefix, expected) if prefix else ((*number.parts[:-1], expected))
        )
        if number.last == expected and (not prefix or number.parts[:-1] == prefix):
            continue
        h = placed.heading
        scope_path = parent.path if parent is not None else ()
        fix = None
        if number.last != expected:
            if number.last == previous:
                why = "trùng số với đề mục ngay trước cùng cấp"
            elif number.last < previous:
                why = "số thứ tự đi lùi"
            else:
                why = "số thứ tự bị nhảy cóc"
        else:
            why = "số không thuộc mục cha"
        missing = _skipped(ctx, placed, scope_path, previous) if number.last > expected else []
        if missing:
            # The heading is the outline's section of its own number: what is wrong is that
            # the sections before it are missing, and renumbering would give it their meaning.
            names = ", ".join(f"«{_expected_heading(ctx, m)}»" for m in missing)
            message = (
                f"đề mục «{h.text}»: {why} vì thiếu đề mục {names} của đề cương; "
                "thêm đề mục còn thiếu (số của đề mục này đúng với đề cương)"
            )
        else:
            message = f"đề mục «{h.text}»: {why}; số đúng là «{want.text()}»"
            if scope_path is not None and _is_section(
                ctx, h, ctx.section_index.get((*scope_path, (placed.level, expected)))
            ):
                fix = _renumber(h, want)
        yield Hit(h.rel, h.line, h.col, message, fix)


def _is_section(ctx: Context, heading: Heading, section: Section | None) -> bool:
    """Whether the heading's title is that of the outline section (as STR004 compares)."""
    if section is None:
        return False
    found = ctx.report.substitute(heading.title)
    return _normal(found) == _normal(ctx.report.substitute(section.title))


def _skipped(
    ctx: Context, placed: Placed, scope_path: PathKey | None, previous: int
) -> list[Section]:
    """The outline sections missing before ``placed``, when it is the section of its number."""
    number = placed.heading.number
    if scope_path is None or number is None or not _is_section(ctx, placed.heading, placed.section):
        return []
    found = [
        ctx.section_index.get((*scope_path, (placed.level, n)))
        for n in range(previous + 1, number.last)
    ]
    return [s for s in found if s is not None]


def check_heading_level(ctx: Context) -> Iterator[Hit]:
    """What it flags: đề mục có số «#» không khớp cấp của số mục (Phần = #, I. = ##, 1. = ###,
    1.1. = ####, 1.1.1. = #####, a) = ######).

    Why: cấp «#» quyết định kiểu chữ của đề mục trong văn bản Word và vị trí trong khung điều
    hướng; sai cấp làm hỏng dàn ý văn bản.

    Example: «## 1. Bối cảnh nhiệm kỳ 2020 - 2025» (hai dấu # cho mục «1.»).

    Use instead: «### 1. Bối cảnh nhiệm kỳ 2020 - 2025». Lệnh ``--fix`` sửa số «#».
    """
    for placed in placed_headings(ctx):
        h = placed.heading
        if h.number is None or h.number.level.markdown_level == h.level:
            continue
        want = h.number.level.markdown_level
        source = next(f for f in ctx.report.files if f.rel == h.rel)
        line_start = source.line_starts[h.line - 1]
        line = source.line_text(h.line)
        m = re.match(r" {0,3}(#{1,6})", line)
        fix = None
        if m is not None:
            fix = Fix(line_start + m.start(1), line_start + m.end(1), "#" * want)
        yield Hit(
            h.rel,
            h.line,
            1,
            f"đề mục «{h.text}» là {h.number.level.label}, phải viết với {want} dấu «#» "
            f"(đang có {h.level})",
            fix,
        )


def _diff_words(found: str, want: str) -> str:
    a, b = found.split(), want.split()
    i = 0
    while i < min(len(a), len(b)) and _normal(a[i]) == _normal(b[i]):
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and _normal(a[-1 - j]) == _normal(b[-1 - j]):
        j += 1
    got = " ".join(a[i : len(a) - j]) or "(không có)"
    exp = " ".join(b[i : len(b) - j]) or "(không có)"
    return f"«{got}» thay vì «{exp}»"


def check_heading_text(ctx: Context) -> Iterator[Hit]:
    """What it flags: tiêu đề khác với tiêu đề trong đề cương (sau khi điền thông tin của đơn vị;
    không so chữ hoa/thường, dạng Unicode, kiểu dấu nháy và dấu chấm cuối).

    Why: tiêu đề của đề cương là khung chung để cấp trên đối chiếu các báo cáo.

    Example: «### 2. Thuận lợi và khó khăn» trong khi đề cương ghi «2. Thuận lợi, khó khăn».

    Use instead: chép đúng tiêu đề của đề cương: «### 2. Thuận lợi, khó khăn».
    """
    for placed in placed_headings(ctx):
        section = placed.section
        if section is None:
            continue
        h = placed.heading
        found = ctx.report.substitute(h.title)
        want = ctx.report.substitute(section.title)
        if _normal(found) != _normal(want):
            yield Hit(
                h.rel,
                h.line,
                h.col,
                f"tiêu đề «{h.text}» khác đề cương: {_diff_words(found, want)}; "
                f"theo đề cương: «{_expected_heading(ctx, section)}»",
            )


def check_unexpected_heading(ctx: Context) -> Iterator[Hit]:
    """What it flags: đề mục không có trong đề cương, đặt ở chỗ đề cương không cho thêm đề mục.

    Why: cấu trúc báo cáo do đề cương quy định; chỉ được thêm đề mục ở những mục đề cương để ngỏ
    (ví dụ mục các chỉ tiêu chủ yếu).

    Example: «### 7. Công tác khác» trong một mục mà đề cương chỉ có các ý từ 1 đến 6.

    Use instead: đưa nội dung vào đề mục phù hợp của đề cương, hoặc viết thành đoạn văn.
    """
    for placed in placed_headings(ctx):
        if placed.section is not None or placed.duplicate or placed.allowed_extra:
            continue
        h = placed.heading
        yield Hit(h.rel, h.line, h.col, f"đề mục «{h.text}» không có trong đề cương")


def check_wrong_file(ctx: Context) -> Iterator[Hit]:
    """What it flags: đề mục của đề cương nằm trong một tệp khác với tệp đề cương giao cho nó.

    Why: mỗi tệp có người phụ trách viết và chịu trách nhiệm; một mục nằm sai tệp sẽ lọt khỏi
    việc duyệt của người phụ trách.

    Example: «## III. ĐÁNH GIÁ CHUNG» nằm trong skeleton/07-doan-the.md.

    Use instead: chuyển mục sang tệp mà thông báo chỉ ra.
    """
    for placed in placed_headings(ctx):
        section = placed.section
        if section is None:
            continue
        want = f"skeleton/{section.file}"
        h = placed.heading
        if h.rel != want:
            yield Hit(h.rel, h.line, h.col, f"đề mục «{h.text}» phải nằm trong tệp «{want}»")


def check_heading_order(ctx: Context) -> Iterator[Hit]:
    """What it flags: các đề mục của đề cương xuất hiện theo thứ tự khác với đề cương.

    Why: thứ tự của đề cương là thứ tự của báo cáo; đảo mục là đổi báo cáo mà cấp trên yêu cầu.

    Example: «## V. NHIỆM VỤ TRỌNG TÂM» đặt trước «## IV. MỘT SỐ CHỈ TIÊU CHỦ YẾU».

    Use instead: xếp lại các mục theo thứ tự của đề cương.
    """
    order = {s.id: i for i, s in enumerate(ctx.outline.walk())}
    best = -1
    best_text = ""
    for placed in placed_headings(ctx):
        if placed.section is None:
            continue
        position = order[placed.section.id]
        h = placed.heading
        if position < best:
            yield Hit(
                h.rel,
                h.line,
                h.col,
                f"đề mục «{h.text}» đứng sau «{best_text}», trái với thứ tự của đề cương",
            )
        else:
            best, best_text = position, h.text


def check_empty_section(ctx: Context) -> Iterator[Hit]:
    """What it flags: đề mục không có nội dung bên dưới và không có đề mục con.

    Why: mục trống trong văn bản chính thức là phần báo cáo hứa mà không viết. Ở bản dự thảo đây
    là lời nhắc (cảnh báo); ở bản chính thức là lỗi.

    Example: «#### 1.2. Nguyên nhân kết quả đạt được» rồi ngay sau là «### 2. …».

    Use instead: viết nội dung cho mục; khi đang soạn, để lại dòng
    «[Viết nội dung tại đây]{.placeholder}» để chỗ trống dễ thấy.
    """
    items = placed_headings(ctx)
    with_text = {u.heading for u in ctx.report.units() if u.kind != "heading"}
    for i, placed in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        if nxt is not None and nxt.level > placed.level:
            continue
        h = placed.heading
        if h.index not in with_text:
            yield Hit(h.rel, h.line, h.col, f"mục «{h.text}» chưa có nội dung")
