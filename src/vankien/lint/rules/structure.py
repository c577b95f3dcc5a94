"""Structure rules, generated from the outline (the single source of truth for headings)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from vankien.lint.context import Context
from vankien.lint.document import Heading
from vankien.lint.model import Fix, Hit
from vankien.outline.model import Level, Number, Section, int_to_roman

PathKey = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Placed:
    """A heading placed in the document tree: its number path and the outline section."""

    heading: Heading
    level: int  # effective level: the number's level, else the Markdown level
    path: PathKey | None  # None for an unnumbered heading
    parent: Placed | None
    section: Section | None  # the outline section it stands for (first occurrence only)
    duplicate: bool  # same number path as an earlier heading
    allowed_extra: bool  # not in the outline, but under a section that allows extra headings


def placed_headings(ctx: Context) -> list[Placed]:
    """Every heading with its place in the tree, computed once per run."""
    cached = ctx.cache.get("placed")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    index = ctx.section_index
    seen: set[PathKey] = set()
    stack: list[Placed] = []
    out: list[Placed] = []
    for heading in ctx.report.headings:
        level = heading.number.level.value if heading.number else heading.level
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        path: PathKey | None = None
        if heading.number is not None and (parent is None or parent.path is not None):
            prefix = parent.path if parent is not None and parent.path is not None else ()
            path = (*prefix, (level, heading.number.last))
        duplicate = path is not None and path in seen
        section = index.get(path) if path is not None and not duplicate else None
        if path is not None:
            seen.add(path)
        allowed = False
        if section is None and not duplicate:
            ancestor = parent
            while ancestor is not None and ancestor.section is None:
                ancestor = ancestor.parent
            allowed = (
                ancestor is not None
                and ancestor.section is not None
                and (ancestor.section.allow_extra)
            )
        placed = Placed(heading, level, path, parent, section, duplicate, allowed)
        out.append(placed)
        stack.append(placed)
    ctx.cache["placed"] = out
    return out


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[‘’“”\"']", "'", text)
    return " ".join(text.split()).rstrip(" .:;")


def _expected_heading(ctx: Context, section: Section) -> str:
    return ctx.report.substitute(section.heading_text())


def check_missing_heading(ctx: Context) -> Iterator[Hit]:
    """What it flags: a heading the outline requires that the report does not have.

    Why: the outline (đề cương) is what the superior body asked every unit to report on; a
    missing section is a missing part of the report.

    Example: the outline has «III. ĐÁNH GIÁ CHUNG» but no skeleton file contains it (or it was
    typed as a second «II.»).

    Use instead: add the heading exactly as in the outline, at its level, in the file the
    outline names (``vankien scaffold`` recreates missing headings).
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
    """What it flags: heading numbers out of sequence at any level, across files: a repeated
    number, a gap, a number going backwards, or a sub-number that does not belong to its parent
    (Phần thứ nhất, thứ hai; I, II, …; 1, 2, …; 1.1; 2.2.1; a), b)).

    Why: readers and the congress refer to sections by number; a duplicated «II.» or a «III.»
    after «V.» makes references ambiguous and shows the text was pasted together.

    Example: «## II. ĐÁNH GIÁ CHUNG» right after the section «II. KẾT QUẢ LÃNH ĐẠO …».

    Use instead: number every level in sequence: «## III. ĐÁNH GIÁ CHUNG». ``vankien lint
    --fix`` renumbers the headings.
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
        if number.last != expected:
            if number.last == previous:
                why = "trùng số với đề mục ngay trước cùng cấp"
            elif number.last < previous:
                why = "số thứ tự đi lùi"
            else:
                why = "số thứ tự bị nhảy cóc"
        else:
            why = "số không thuộc mục cha"
        h = placed.heading
        yield Hit(
            h.rel,
            h.line,
            h.col,
            f"đề mục «{h.text}»: {why}; số đúng là «{want.text()}»",
            _renumber(h, want),
        )


def check_heading_level(ctx: Context) -> Iterator[Hit]:
    """What it flags: a numbered heading written with the wrong number of «#» for its number
    (Phần = #, I. = ##, 1. = ###, 1.1. = ####, 1.1.1. = #####, a) = ######).

    Why: the level decides the heading's style in the Word document and its place in the
    navigation pane; a wrong level breaks the document outline.

    Example: «## 1. Bối cảnh nhiệm kỳ 2020 - 2025» (two #s for a «1.» heading).

    Use instead: «### 1. Bối cảnh nhiệm kỳ 2020 - 2025». ``--fix`` corrects the #s.
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
    """What it flags: a heading whose text differs from the outline's (after the unit's values
    are filled in; case, Unicode form, quotes and final punctuation are not compared).

    Why: the outline's headings are the common frame the superior body compares reports by.

    Example: «### 2. Thuận lợi và khó khăn» where the outline has «2. Thuận lợi, khó khăn».

    Use instead: copy the heading from the outline: «### 2. Thuận lợi, khó khăn».
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
    """What it flags: a heading that is not in the outline, outside the sections where the
    outline allows extra headings.

    Why: the structure of the report is fixed by the outline; extra headings belong only where
    the outline leaves room (for example under the indicators section).

    Example: «### 7. Công tác khác» under a section whose outline has items 1 to 6 only.

    Use instead: put the text under the outline heading it belongs to, or as body paragraphs.
    """
    for placed in placed_headings(ctx):
        if placed.section is not None or placed.duplicate or placed.allowed_extra:
            continue
        h = placed.heading
        yield Hit(h.rel, h.line, h.col, f"đề mục «{h.text}» không có trong đề cương")


def check_wrong_file(ctx: Context) -> Iterator[Hit]:
    """What it flags: an outline heading written in a different skeleton file from the one
    the outline assigns to it.

    Why: each file has an owner who writes and answers for it; a section in the wrong file
    escapes its owner's review.

    Example: «## III. ĐÁNH GIÁ CHUNG» inside skeleton/07-dan-van-doan-the.md.

    Use instead: move the section into the file the outline names (shown in the message).
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
    """What it flags: outline headings that appear in a different order from the outline's.

    Why: the order of the outline is the order of the report; moving a section changes the
    report the superior body asked for.

    Example: «## V. NHIỆM VỤ TRỌNG TÂM» placed before «## IV. MỘT SỐ CHỈ TIÊU CHỦ YẾU».

    Use instead: put the sections back in the outline's order.
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


def section_span(ctx: Context, placed: Placed) -> list[Placed]:
    """The heading itself and all headings nested under it."""
    items = placed_headings(ctx)
    i = placed.heading.index
    out = [placed]
    for other in items[i + 1 :]:
        if other.level <= placed.level:
            break
        out.append(other)
    return out


def check_empty_section(ctx: Context) -> Iterator[Hit]:
    """What it flags: a heading with no text under it and no sub-headings.

    Why: an empty section in the final document is a section the report promised but did not
    deliver. In a draft it is a reminder (warning); in the final stage it is an error.

    Example: «#### 1.2. Nguyên nhân kết quả đạt được» followed directly by «### 2. …».

    Use instead: write the section; or, while drafting, leave the placeholder
    «[Viết nội dung tại đây]{.placeholder}» so the gap is visible.
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
