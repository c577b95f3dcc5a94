"""Placeholder rules: text still to be written, guidance left in, undefined variables,
Word artefacts and to-do markers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from vankien.lint.context import VARIABLE_RE, Context
from vankien.lint.model import Hit
from vankien.lint.rules.text import data_regex, quote, unit_hit, units

# «…», «……», «...», «......», «…….», and fillers of underscores.
ELLIPSIS_RE = re.compile(r"(?:…+|\.{3,})[.…]*|_{3,}")
WRITE_HERE_RE = re.compile(r"\[[^\]\n]*\]\{[^}\n]*\.placeholder\b[^}\n]*\}")
ARTEFACT_RE = re.compile(
    r"\[bookmark:[^\]\n]*\]|(?<![\w])_(?:GoBack|Hlk\d+|Toc\d+|Ref\d+)\b", re.IGNORECASE
)

_CONTEXTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"lần thứ\s*$", re.I), "số thứ tự đại hội còn để trống"),
    (re.compile(r"\bSố\s*$"), "số văn bản còn để trống"),
    (re.compile(r"\b(?:ngày|tháng)\s*$|\btháng\s*\S*\s*năm\s*$", re.I), "ngày tháng còn để trống"),
    (re.compile(r"nhiệm kỳ\s*$", re.I), "nhiệm kỳ còn để trống"),
)


def check_ellipsis(ctx: Context) -> Iterator[Hit]:
    """What it flags: an ellipsis or a run of dots or underscores left where something was to
    be filled in: «…», «……», «...», «......», «lần thứ……», «Số …», «ngày … tháng …».

    Why: the outline marks every blank with dots; a dot run left in the text is a blank nobody
    filled. In a draft it is a warning; in the final stage an error.

    Example: «Nghị quyết Đại hội Đảng bộ lần thứ……, nhiệm kỳ 2020 - 2025».

    Use instead: fill in the value («lần thứ XIV»), or use the variable ``{{previous_congress}}``.
    An enumeration that really goes on is closed with «v.v.» or rephrased («và các nội dung
    khác»).
    """
    for source, unit in units(ctx):
        for m in ELLIPSIS_RE.finditer(unit.text):
            before = unit.text[: m.start()]
            if re.search(r"v\.v\.?$", before):
                continue
            what = "dấu chấm lửng (chỗ để trống)"
            for pattern, label in _CONTEXTS:
                if pattern.search(before):
                    what = label
                    break
            yield unit_hit(
                source, unit, m.start(), f"{what}: {quote(unit.text, m.start(), m.end())}"
            )


def check_write_here(ctx: Context) -> Iterator[Hit]:
    """What it flags: the skeleton's placeholder «[Viết nội dung tại đây]{.placeholder}» (or any
    span marked ``.placeholder``) still in the text.

    Why: it marks a section nobody has written yet. In a draft it is a warning and the build
    shows it highlighted; in the final stage it is an error.

    Example: «[Viết nội dung tại đây]{.placeholder}» under «### 2. Thuận lợi, khó khăn».

    Use instead: replace the whole placeholder, brackets included, with the section's text.
    """
    for source, unit in units(ctx):
        for m in WRITE_HERE_RE.finditer(unit.text):
            yield unit_hit(source, unit, m.start(), f"phần này chưa viết: «{m.group(0)}»")


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"^[\s\-+•]+", "", text)
    return " ".join(text.split()).strip(" .;:")


def check_guidance_left(ctx: Context) -> Iterator[Hit]:
    """What it flags: a paragraph that repeats a line of the outline's guidance (hướng dẫn) as
    body text, whole or nearly whole.

    Why: guidance tells the writer what to write; copied into the body it reads as an
    instruction in the congress document. In a draft it is a warning, in the final stage an
    error.

    Example: «- Đánh giá kết quả công tác lãnh đạo, chỉ đạo, việc triển khai …» left as a
    paragraph under «2.4.».

    Use instead: write the assessment the guidance asks for; the guidance itself stays only in
    the ``<!-- HƯỚNG DẪN: … -->`` comment.
    """
    lines: dict[str, str] = {}
    for section in ctx.outline.walk():
        for line in section.guidance:
            key = _normal(ctx.report.substitute(line))
            if len(key) >= 30:
                lines[key] = line
    if not lines:
        return
    for source, unit in units(ctx):
        if unit.kind == "heading":
            continue
        text = _normal(unit.text)
        if len(text) < 30:
            continue
        for key in lines:
            if text == key or key in text or (len(text) >= 60 and text in key):
                yield unit_hit(
                    source,
                    unit,
                    0,
                    f"đoạn văn chép lại hướng dẫn của đề cương: {quote(unit.text, 0, 40, 0)}",
                )
                break


def check_undefined_variable(ctx: Context) -> Iterator[Hit]:
    """What it flags: a ``{{name}}`` placeholder whose name is not one of the unit's variables.

    Why: the build fills ``{{name}}`` from report.yaml; an unknown name would print as is.

    Example: «Đại hội {{to_chuc}} lần thứ {{congress}}» (``to_chuc`` does not exist).

    Use instead: a defined name, such as ``{{org}}``, ``{{leader_lower}}``,
    ``{{previous_congress}}``, ``{{previous_term}}`` or ``{{current_term}}`` (the message lists
    the closest ones).
    """
    known = ctx.report.variables
    for source in ctx.report.files:
        for unit in source.units:
            for m in VARIABLE_RE.finditer(unit.text):
                name = m.group(1)
                if name in known:
                    continue
                near = sorted(k for k in known if k.split("_")[0] == name.split("_")[0])[:4]
                hint = f"; có thể là: {', '.join(near)}" if near else ""
                yield unit_hit(
                    source, unit, m.start(), f"biến «{m.group(0)}» không có trong report.yaml{hint}"
                )
        for comment in source.comments:
            for m in VARIABLE_RE.finditer(comment.body):
                if m.group(1) not in known:
                    line = comment.line + comment.body.count("\n", 0, m.start())
                    yield Hit(
                        source.rel, line, 1, f"biến «{m.group(0)}» không có trong report.yaml"
                    )


def check_word_artefact(ctx: Context) -> Iterator[Hit]:
    """What it flags: traces of Word pasted in with the text: «[bookmark: _Hlk164558209]»,
    «_GoBack», «_Hlk…», «_Toc…», «_Ref…».

    Why: they are hidden bookmarks of another document that became visible text when copied.

    Example: «[bookmark: _GoBack]Việc lãnh đạo, chỉ đạo, quán triệt …».

    Use instead: delete them; ``vankien lint --fix`` removes the «[bookmark: …]» form.
    """
    for source, unit in units(ctx):
        for m in ARTEFACT_RE.finditer(unit.text):
            bracketed = m.group(0).startswith("[")
            yield unit_hit(
                source,
                unit,
                m.start(),
                f"dấu vết của Word dán vào: «{m.group(0)}»",
                end=m.end() if bracketed else None,
                replacement="" if bracketed else None,
            )


def check_todo(ctx: Context) -> Iterator[Hit]:
    """What it flags: notes left for later: TODO, FIXME, XXX, «(cần bổ sung)», «cần bổ sung:»,
    «[chờ số liệu]», «??», «(?)». The list is data (lint/data/todo-markers.txt).

    Why: a note to the writers is not part of the congress document. In a draft it is a
    warning; in the final stage an error.

    Example: «Kết nạp được 25 đảng viên (cần bổ sung số liệu năm 2025)».

    Use instead: do what the note asks and delete it.
    """
    pattern = data_regex("todo-markers.txt")
    for source, unit in units(ctx):
        for m in pattern.finditer(unit.text):
            yield unit_hit(
                source, unit, m.start(), f"ghi chú việc còn phải làm: {quote(unit.text, *m.span())}"
            )
