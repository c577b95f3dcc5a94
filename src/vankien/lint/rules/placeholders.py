"""Placeholder rules: text still to be written, guidance left in, undefined variables,
Word artefacts and to-do markers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from vankien.lint.model import Context, Hit
from vankien.lint.rules.text import data_regex, quote, unit_hit, units
from vankien.skeleton.render import BRACED_RE, ELLIPSIS_RE, PLACEHOLDER_RE

ARTEFACT_RE = re.compile(
    r"\[bookmark:[^\]\n]*\]|(?<![\w])_(?:GoBack|Hlk\d+|Toc\d+|Ref\d+)\b", re.IGNORECASE
)

_CONTEXTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"lần thứ\s*$", re.I), "số thứ tự đại hội còn để trống"),
    (re.compile(r"\bSố\s*$"), "số văn bản còn để trống"),
    (re.compile(r"\b(?:ngày|tháng)\s*$|\btháng\s*\S*\s*năm\s*$", re.I), "ngày tháng còn để trống"),
    (re.compile(r"nhiệm kỳ\s*$", re.I), "nhiệm kỳ còn để trống"),
)


# A quotation within a paragraph: “…”, «…», "…".
_QUOTE_RE = re.compile(r"“[^“”]*”|«[^«»]*»|\"[^\"]*\"")
# The clause an ellipsis ends: back to the last sentence or clause mark.
_CLAUSE_RE = re.compile(r"[^.;:!?()\[\]]*$")


def _in_quote(quotes: list[tuple[int, int]], at: int) -> bool:
    return any(start < at < end for start, end in quotes)


def _ends_list(text: str, m: re.Match[str]) -> bool:
    """An ellipsis glued to the last of three or more items separated by commas, and closing
    the clause: «phong trào thi đua, hội thi, hội diễn...». Dots only: «___» fills a blank."""
    if m.group().startswith("_") or m.start() == 0 or not text[m.start() - 1].isalnum():
        return False
    after = text[m.end() : m.end() + 1]
    if after and not (after.isspace() or after in ';,)”»"'):
        return False
    clause = _CLAUSE_RE.search(text[: m.start()])
    return clause is not None and clause.group().count(",") >= 2


def check_ellipsis(ctx: Context) -> Iterator[Hit]:
    """What it flags: dấu chấm lửng hoặc dãy dấu chấm, dấu gạch dưới còn để ở chỗ phải điền: «…»,
    «……», «...», «......», «lần thứ……», «Số …», «ngày … tháng …». «(…)» và «[…]» (đánh dấu
    phần lược khi trích dẫn) không bị báo.
    Cũng không bị báo: dấu chấm lửng trong một câu trích dẫn («“…phong cách...”»: phần lược khi
    trích) và dấu chấm lửng dính vào mục cuối của một liệt kê từ ba mục («thi đua, hội thi,
    hội diễn...»), trừ khi đứng ở chỗ phải điền («lần thứ…», «Số …», «ngày …»).

    Why: đề cương đánh dấu chỗ phải điền bằng dấu chấm; còn dấu chấm là còn chỗ chưa điền. Ở bản
    dự thảo là cảnh báo, ở bản chính thức là lỗi.

    Example: «Nghị quyết Đại hội Đảng bộ lần thứ……, nhiệm kỳ 2020 - 2025».

    Use instead: điền giá trị («lần thứ XIV») hoặc dùng biến ``{{previous_congress}}``. Liệt kê
    còn tiếp thì kết thúc bằng «v.v.» hoặc viết lại («và các nội dung khác»).
    """
    for source, unit in units(ctx):
        quotes: list[tuple[int, int]] | None = None
        for m in ELLIPSIS_RE.finditer(unit.text):
            if quotes is None:
                # A quotation of words, not a blank in quotes («Chủ đề: “……”»).
                quotes = [
                    q.span()
                    for q in _QUOTE_RE.finditer(unit.text)
                    if len(re.findall(r"[^\W\d_]{2,}", q.group())) >= 2
                ]
            before = unit.text[: m.start()]
            if re.search(r"v\.v\.?$", before):
                continue
            # «(…)» or «[…]» alone marks words left out of a quotation.
            if (before[-1:], unit.text[m.end() : m.end() + 1]) in (("(", ")"), ("[", "]")):
                continue
            what = ""
            for pattern, label in _CONTEXTS:
                if pattern.search(before):
                    what = label
                    break
            # A cut quotation («“…phong cách...”») or an open list («thi đua, hội thi, hội
            # diễn...») uses a real ellipsis; a blank to fill is neither.
            if not what and (_in_quote(quotes, m.start()) or _ends_list(unit.text, m)):
                continue
            what = what or "dấu chấm lửng (chỗ để trống)"
            yield unit_hit(
                source, unit, m.start(), f"{what}: {quote(unit.text, m.start(), m.end())}"
            )


def check_write_here(ctx: Context) -> Iterator[Hit]:
    """What it flags: dòng giữ chỗ của khung «[Viết nội dung tại đây]{.placeholder}» (hoặc bất kỳ
    đoạn nào đánh dấu ``.placeholder``) vẫn còn trong văn bản.

    Why: nó đánh dấu mục chưa ai viết. Ở bản dự thảo là cảnh báo (bản dựng tô nổi chỗ này); ở
    bản chính thức là lỗi.

    Example: «[Viết nội dung tại đây]{.placeholder}» dưới «### 2. Thuận lợi, khó khăn».

    Use instead: thay cả dòng giữ chỗ, kể cả dấu ngoặc, bằng nội dung của mục.
    """
    for source, unit in units(ctx):
        for m in PLACEHOLDER_RE.finditer(unit.text):
            yield unit_hit(source, unit, m.start(), f"phần này chưa viết: «{m.group(0)}»")


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"^[\s\-+•]+", "", text)
    return " ".join(text.split()).strip(" .;:")


def check_guidance_left(ctx: Context) -> Iterator[Hit]:
    """What it flags: đoạn văn chép lại (toàn bộ hoặc gần toàn bộ) một dòng hướng dẫn của chính
    mục đó trong đề cương như nội dung báo cáo. Chỉ trích cùng văn bản mà hướng dẫn nêu («Thực
    hiện Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương») không phải là
    chép hướng dẫn: tên, số, ngày và cơ quan ban hành văn bản được bỏ ra trước khi so.

    Why: hướng dẫn cho người viết biết phải viết gì; để trong phần nội dung, nó thành lời chỉ dẫn
    in trong văn kiện đại hội. Ở bản dự thảo là cảnh báo, ở bản chính thức là lỗi.

    Example: «- Đánh giá kết quả công tác lãnh đạo, chỉ đạo, việc triển khai …» để nguyên dưới
    mục «2.4.».

    Use instead: viết phần đánh giá mà hướng dẫn yêu cầu; bản thân hướng dẫn chỉ nằm trong chú
    thích ``<!-- HƯỚNG DẪN: … -->``.
    """
    from vankien.lint.placement import placed_headings

    every, own = _guidance_index(ctx)
    if not every:
        return
    placed = placed_headings(ctx)
    for source, unit in units(ctx):
        if unit.kind == "heading":
            continue
        text = _content(_normal(unit.text))
        if len(text) < 30:
            continue
        for key in _guidance_of(placed, unit.heading, own, every):
            if text == key or key in text or (len(text) >= 60 and text in key):
                yield unit_hit(
                    source,
                    unit,
                    0,
                    f"đoạn văn chép lại hướng dẫn của đề cương: {quote(unit.text, 0, 40, 0)}",
                )
                break


GuidanceIndex = tuple[dict[str, str], dict[int, dict[str, str]]]


def _guidance_index(ctx: Context) -> GuidanceIndex:
    """The outline's guidance lines by their content (normalised, citations out): every line,
    and each section's own (keyed by the section's id). Built once per lint process (a lint
    of several reports, a batch of Word drafts: the outline and the report's values are the
    same for all)."""
    outline, unit = ctx.outline, ctx.unit
    found = ctx.cache.get("ph:guidance")
    if isinstance(found, tuple) and found[0] is outline and found[1] is unit:
        index: GuidanceIndex = found[2]
        return index
    every: dict[str, str] = {}  # content of a guidance line → the line
    own: dict[int, dict[str, str]] = {}  # id of a section → its own guidance lines
    for section in outline.walk():
        for line in section.guidance:
            key = _content(_normal(ctx.report.substitute(line)))
            if len(key) >= 30:
                every[key] = line
                own.setdefault(id(section), {})[key] = line
    ctx.cache["ph:guidance"] = (outline, unit, (every, own))
    return every, own


def _guidance_of(
    placed: list[Any], heading: int | None, own: dict[int, dict[str, str]], every: dict[str, str]
) -> Iterable[str]:
    """The guidance a paragraph under ``heading`` may have been copied from: that of the
    nearest enclosing outline section that has guidance; every line when the paragraph is
    under no heading of the outline (its place is unknown)."""
    node = placed[heading] if heading is not None and heading < len(placed) else None
    while node is not None:
        if node.section is not None:
            lines = own.get(id(node.section))
            if lines:
                return lines
        node = node.parent
    return every


def _content(text: str) -> str:
    """``text`` (normalised) without the documents it cites: «nghị quyết số 21-nq/tw, ngày
    16/6/2022 của ban chấp hành trung ương» names a document, it is not guidance; a paragraph
    that cites the same document as the guidance has copied nothing."""
    if "số" in text:  # every citation has its «số»: most paragraphs need no regex
        text = _cited_re().sub(" ", text)
    return " ".join(text.split()).strip(" .;:,")


@cache
def _cited_re() -> re.Pattern[str]:
    """A citation (lint/data/citation-types.txt), its date and its issuer («của Ban Chấp hành
    Trung ương», up to a mark or to «về», where what the document is about starts)."""
    from vankien.lint.rules.consistency import citation_re

    return re.compile(
        rf"(?:{citation_re().pattern})"
        r"(?:,?\s*ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})?"
        r"(?:\s+của\s+(?:(?!\svề\s)[^,;.()])*)?",
        re.IGNORECASE,
    )


def check_undefined_variable(ctx: Context) -> Iterator[Hit]:
    """What it flags: biến ``{{tên}}`` có tên không thuộc các biến của đơn vị.

    Why: khi dựng văn bản, ``{{tên}}`` được thay bằng thông tin trong report.yaml; tên không có
    sẽ bị in nguyên như vậy.

    Example: «Đại hội {{to_chuc}} lần thứ {{congress}}» (không có biến ``to_chuc``).

    Use instead: một tên có sẵn, như ``{{org}}``, ``{{leader_lower}}``, ``{{previous_congress}}``,
    ``{{previous_term}}``, ``{{current_term}}`` (thông báo gợi ý các tên gần nhất).
    """
    known = ctx.report.variables
    for source in ctx.report.files:
        for unit in source.units:
            for m in BRACED_RE.finditer(unit.text):
                name = m.group(1)
                if name in known:
                    continue
                stem = name.strip().split("_")[0]
                near = sorted(k for k in known if k.split("_")[0] == stem)[:4]
                hint = f"; có thể là: {', '.join(near)}" if near else ""
                yield unit_hit(
                    source, unit, m.start(), f"biến «{m.group(0)}» không có trong report.yaml{hint}"
                )
        for comment in source.comments:
            for m in BRACED_RE.finditer(comment.body):
                if m.group(1) not in known:
                    line = comment.line + comment.body.count("\n", 0, m.start())
                    yield Hit(
                        source.rel, line, 1, f"biến «{m.group(0)}» không có trong report.yaml"
                    )


def check_word_artefact(ctx: Context) -> Iterator[Hit]:
    """What it flags: dấu vết của Word dán theo văn bản: «[bookmark: _Hlk164558209]», «_GoBack»,
    «_Hlk…», «_Toc…», «_Ref…».

    Why: đó là các dấu trang ẩn của một văn bản khác, bị hiện thành chữ khi sao chép.

    Example: «[bookmark: _GoBack]Việc lãnh đạo, chỉ đạo, quán triệt …».

    Use instead: xóa chúng; lệnh ``vankien lint --fix`` xóa dạng «[bookmark: …]».
    """
    for source, unit in units(ctx):
        text = unit.text
        for m in ARTEFACT_RE.finditer(text):
            bracketed = m.group(0).startswith("[")
            start = m.start()
            # Take one space with it, so that «bộ [bookmark: x].» becomes «bộ.», not «bộ .».
            if (
                start > 0
                and text[start - 1] == " "
                and (m.end() == len(text) or text[m.end()] in " .,;:)")
            ):
                start -= 1
            yield unit_hit(
                source,
                unit,
                m.start(),
                f"dấu vết của Word dán vào: «{m.group(0)}»",
                end=m.end() if bracketed else None,
                replacement="" if bracketed else None,
                fix_start=start,
            )


def check_todo(ctx: Context) -> Iterator[Hit]:
    """What it flags: ghi chú để lại cho việc sau: TODO, FIXME, XXX, «(cần bổ sung)»,
    «cần bổ sung:», «[chờ số liệu]», «??», «(?)». Danh sách là dữ liệu (lint/data/todo-markers.txt).

    Why: ghi chú giữa những người viết không phải là nội dung văn kiện. Ở bản dự thảo là cảnh
    báo, ở bản chính thức là lỗi.

    Example: «Kết nạp được 25 đảng viên (cần bổ sung số liệu năm 2025)».

    Use instead: làm việc mà ghi chú nhắc, rồi xóa ghi chú.
    """
    pattern = data_regex("todo-markers.txt")
    for source, unit in units(ctx):
        for m in pattern.finditer(unit.text):
            yield unit_hit(
                source, unit, m.start(), f"ghi chú việc còn phải làm: {quote(unit.text, *m.span())}"
            )
