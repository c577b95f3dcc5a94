"""Consistency with report.yaml: terms, congress number, organisation wording, citations and
dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from vankien.errors import UserError
from vankien.lint.model import Context, Hit, Severity
from vankien.lint.rules.text import DATA, data_lines, quote, unit_hit, units
from vankien.outline.model import PART_ORDINALS, roman_to_int
from vankien.skeleton.render import ELLIPSIS_RE
from vankien.unit.model import CONGRESS_KINDS, OrgType

YEAR_RANGE_RE = re.compile(r"(?<![\d/])((?:19|20)\d{2})(\s*)([-–—])(\s*)((?:19|20)\d{2})(?![\d/])")
TERM_BEFORE_RE = re.compile(r"(?:nhiệm\s+kỳ|\bNK)\s*(?:Đại\s+hội\s*)?[:(]?\s*$", re.IGNORECASE)
PRINT_FORM = "{} - {}"


def _ranges(text: str) -> Iterator[tuple[re.Match[str], bool]]:
    """Every year range with whether it is written as a term («nhiệm kỳ 2020 - 2025»)."""
    for m in YEAR_RANGE_RE.finditer(text):
        yield m, TERM_BEFORE_RE.search(text[max(0, m.start() - 30) : m.start()]) is not None


def check_term_of_report(ctx: Context) -> Iterator[Hit]:
    """What it flags: nhiệm kỳ («nhiệm kỳ …») không phải nhiệm kỳ hiện tại cũng không phải nhiệm
    kỳ trước theo report.yaml. Trong tiêu đề là lỗi; trong nội dung là cảnh báo (nội dung có thể
    cố ý so sánh với nhiệm kỳ cũ hơn).

    Why: báo cáo tổng kết nhiệm kỳ trước và đề ra phương hướng nhiệm kỳ mới; nhiệm kỳ khác trong
    tiêu đề thường là chép từ văn bản cũ.

    Example: «KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI …, NHIỆM KỲ 2015 - 2020» trong báo cáo nhiệm kỳ
    2020 - 2025.

    Use instead: nhiệm kỳ trong report.yaml, hoặc biến ``{{previous_term}}`` và
    ``{{current_term}}``.
    """
    unit_terms = {
        (ctx.unit.previous_term.start, ctx.unit.previous_term.end),
        (ctx.unit.current_term.start, ctx.unit.current_term.end),
    }
    allowed = f"{ctx.unit.previous_term.text()} hoặc {ctx.unit.current_term.text()}"
    for source, unit in units(ctx):
        for m, is_term in _ranges(unit.text):
            if not is_term:
                continue
            start, end = int(m.group(1)), int(m.group(5))
            if (start, end) in unit_terms:
                continue
            heading = unit.kind == "heading"
            yield unit_hit(
                source,
                unit,
                m.start(),
                f"nhiệm kỳ «{m.group(0)}» không phải nhiệm kỳ của báo cáo ({allowed}): "
                f"{quote(unit.text, m.start(), m.end())}",
                severity=Severity.ERROR if heading else Severity.WARNING,
            )


def check_term_length(ctx: Context) -> Iterator[Hit]:
    """What it flags: nhiệm kỳ («nhiệm kỳ …») có năm kết thúc không cách năm bắt đầu 5 năm.

    Why: nhiệm kỳ của cấp ủy cơ sở là 5 năm; «nhiệm kỳ 2020 - 2024» là gõ nhầm.

    Example: «nhiệm kỳ 2020 - 2024».

    Use instead: «nhiệm kỳ 2020 - 2025».
    """
    for source, unit in units(ctx):
        for m, is_term in _ranges(unit.text):
            start, end = int(m.group(1)), int(m.group(5))
            if is_term and end - start != 5:
                yield unit_hit(
                    source,
                    unit,
                    m.start(),
                    f"nhiệm kỳ «{m.group(0)}» dài {end - start} năm, không phải 5 năm",
                )


def check_year_range_notation(ctx: Context) -> Iterator[Hit]:
    """What it flags: khoảng năm không viết theo dạng in «2025 - 2030» (gạch nối, mỗi bên một dấu
    cách): «2025-2030», «2025 – 2030», «2025 -2030».

    Why: một cách viết thống nhất trong cả văn bản; gạch nối có dấu cách hai bên là cách in
    thông dụng của văn bản Đảng.

    Example: «nhiệm kỳ 2020-2025», «giai đoạn 2021–2025».

    Use instead: «nhiệm kỳ 2020 - 2025». Lệnh ``--fix`` tự sửa.
    """
    for source, unit in units(ctx):
        for m in YEAR_RANGE_RE.finditer(unit.text):
            start, end = int(m.group(1)), int(m.group(5))
            if end <= start:
                continue
            want = PRINT_FORM.format(start, end)
            if m.group(0) != want:
                yield unit_hit(
                    source,
                    unit,
                    m.start(),
                    f"viết khoảng năm «{m.group(0)}» theo một cách thống nhất: «{want}»",
                    end=m.end(),
                    replacement=want,
                )


def _words_re(words: Iterable[str]) -> str:
    """Words of the organisation-type table as one alternation: any spacing, «ủy» or «uỷ»."""
    return "|".join(
        r"\s+".join(re.escape(part).replace("ủy", "(?:ủy|uỷ)") for part in word.split())
        for word in sorted(set(words), key=len, reverse=True)
    )


_ORG = rf"(?:{_words_re(org_type.org for org_type in OrgType)})"
_KIND = _words_re(CONGRESS_KINDS)
_ORDINAL_WORDS = "|".join(PART_ORDINALS)


@lru_cache(maxsize=8)
def _congress_re(name: str) -> re.Pattern[str]:
    """«Đại hội [đại biểu|đảng viên] [Đảng bộ|Chi bộ [(…)] [cơ sở] [<unit name>]] lần thứ X».

    Only the unit's own congress is matched: a superior body («Đảng bộ Khối», «Đảng bộ tỉnh»)
    between «Đại hội» and «lần thứ» does not match, so it is never checked.
    """
    unit_name = rf"(?:\s+{re.escape(name)})?" if name else ""
    return re.compile(
        rf"Đại\s+hội(?:\s+(?:{_KIND}))?"
        rf"(?:\s+(?P<org>{_ORG})(?:\s*\({_ORG}\))?(?:\s+cơ\s+sở)?{unit_name})?"
        rf"\s+lần\s+thứ\s+(?P<num>[IVXLC]+\b|\d{{1,2}}\b|(?:{_ORDINAL_WORDS})\b)",
        re.IGNORECASE,
    )


def _congress_value(text: str) -> tuple[int | None, str]:
    if text.isdigit():
        return int(text), "arabic"
    if text.lower() in PART_ORDINALS:
        return PART_ORDINALS.index(text.lower()) + 1, "word"
    return roman_to_int(text), "roman"


_OTHER_AFTER_RE = re.compile(r"\s*(?:,\s*)?(?:của|toàn quốc)\b", re.IGNORECASE)
_OTHER_BEFORE_RE = re.compile(r"(?:toàn\s+quốc|của\s+Đảng)\s*$", re.IGNORECASE)


def _other_body(text: str, m: re.Match[str]) -> bool:
    """«Đại hội lần thứ XIII của Đảng», «Đại hội … toàn quốc lần thứ …»: another body's congress."""
    if _OTHER_AFTER_RE.match(text, m.end()):
        return True
    return "toàn quốc" in m.group(0).lower() or bool(
        _OTHER_BEFORE_RE.search(text[max(0, m.start() - 20) : m.start()])
    )


def check_congress_number(ctx: Context) -> Iterator[Hit]:
    """What it flags: «Đại hội … lần thứ X» của chính đơn vị mà X không phải đại hội này cũng
    không phải đại hội trước theo report.yaml (lỗi), hoặc viết theo kiểu số khác với đơn vị
    (cảnh báo: «lần thứ 15» trong khi đơn vị ghi «lần thứ XV»).

    Why: số thứ tự đại hội xác định văn kiện; số sai thường do chép từ báo cáo nhiệm kỳ trước.

    Example: «Nghị quyết Đại hội Đảng bộ lần thứ XIII» khi đại hội này là lần thứ XV (trước là
    XIV).

    Use instead: số trong report.yaml, hoặc ``{{congress}}`` / ``{{previous_congress}}``. Đại hội
    của cấp trên («Đại hội Đảng bộ Khối lần thứ …», «Đại hội XIII của Đảng») không bị kiểm tra.
    """
    unit = ctx.unit
    allowed = {unit.congress_number, unit.congress_number - 1}
    pattern = _congress_re(unit.name)
    for source, text_unit in units(ctx):
        for m in pattern.finditer(text_unit.text):
            value, style = _congress_value(m.group("num"))
            if value is None or _other_body(text_unit.text, m):
                continue
            where = quote(text_unit.text, m.start(), m.end(), 0)
            if value not in allowed:
                yield unit_hit(
                    source,
                    text_unit,
                    m.start("num"),
                    f"số đại hội {where} không khớp report.yaml (đại hội này: "
                    f"{unit.congress_text()}, đại hội trước: "
                    f"{unit.congress_text(unit.congress_number - 1)})",
                )
            elif style != unit.numeral:
                want = unit.congress_text(value)
                yield unit_hit(
                    source,
                    text_unit,
                    m.start("num"),
                    f"số đại hội {where} viết khác cách ghi của đơn vị: «lần thứ {want}»",
                    end=m.end("num"),
                    replacement=want,
                    severity=Severity.WARNING,
                )


_ORG_WORD = _words_re(name for org_type in OrgType for name in org_type.wording.names)
_ALT_RE = re.compile(
    rf"\b({_ORG_WORD})\s*(?:\(\s*({_ORG_WORD})\s*\)|/\s*({_ORG_WORD})\b)", re.IGNORECASE
)


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].islower():
        return word.lower()
    return word


def check_org_alternative(ctx: Context) -> Iterator[Hit]:
    """What it flags: còn để cả hai loại tổ chức song song như đề cương viết chung cho mọi đơn vị:
    «Đảng bộ (Chi bộ)», «đảng ủy (chi bộ)», «T/M ĐẢNG ỦY (CHI BỘ)», «Đảng bộ/Chi bộ».

    Why: văn bản là của một đơn vị; chỉ mang cách gọi đúng loại tổ chức của đơn vị đó.

    Example: «Nghị quyết Đại hội Đảng bộ (Chi bộ) lần thứ XIV».

    Use instead: từ đúng của đơn vị (thông báo ghi rõ), hoặc ``{{org}}`` / ``{{leader}}``.
    """
    org = ctx.unit.org_type
    for source, unit in units(ctx):
        for m in _ALT_RE.finditer(unit.text):
            first = m.group(1)
            is_leader = bool(re.search(r"ủy|uỷ", first, re.IGNORECASE))
            want = org.leader if is_leader else org.org
            yield unit_hit(
                source,
                unit,
                m.start(),
                f"còn để cả hai cách viết «{m.group(0)}»: đơn vị là {org.label}, viết "
                f"«{_cased(want, first)}»",
            )


def check_wrong_org_type(ctx: Context) -> Iterator[Hit]:
    """What it flags: gọi đơn vị bằng từ của loại tổ chức kia: với chi bộ cơ sở là «Đảng ủy <tên
    đơn vị>», «Đảng bộ <tên đơn vị>», «T/M ĐẢNG ỦY», «Đại hội Đảng bộ lần thứ …»; với đảng bộ cơ
    sở là «Chi bộ <tên đơn vị>», «T/M CHI BỘ», «Đại hội Chi bộ lần thứ …». Với chi bộ cơ sở còn
    báo cơ quan mà chi bộ không có: «Văn phòng Chi bộ», «Ủy ban Kiểm tra Chi bộ».

    Why: chi bộ cơ sở không có đảng ủy, văn phòng hay ủy ban kiểm tra riêng (chi bộ làm công tác
    kiểm tra, phân công chi ủy viên phụ trách); đảng bộ không phải chi bộ. Nhắc đến tổ chức khác
    (Đảng ủy Khối, các chi bộ trực thuộc) không bị báo.

    Example: «T/M ĐẢNG ỦY» cuối báo cáo của một chi bộ cơ sở.

    Use instead: «T/M CHI BỘ» (hoặc «T/M CHI ỦY»), ``{{org}}``, ``{{leader}}``.
    """
    unit = ctx.unit
    mine = {unit.org_type.org, unit.org_type.leader}
    others = unit.org_type.others()
    foreign = _words_re({w for o in others for w in (o.org, o.leader)} - mine)
    other_orgs = {o.org.casefold() for o in others}
    patterns = [re.compile(rf"\bT/M\s+(?:{foreign})\b", re.IGNORECASE)]
    if unit.name:
        patterns.append(re.compile(rf"\b(?:{foreign})\s+{re.escape(unit.name)}\b", re.IGNORECASE))
    absent = unit.org_type.wording.absent_bodies
    absent_re = re.compile(rf"\b(?:{_words_re(absent)})\b", re.IGNORECASE) if absent else None
    congress = _congress_re(unit.name)
    for source, text_unit in units(ctx):
        spans: list[tuple[int, int]] = []
        for pattern in patterns:
            spans += [m.span() for m in pattern.finditer(text_unit.text)]
        missing = [m.span() for m in absent_re.finditer(text_unit.text)] if absent_re else []
        spans += missing
        for m in congress.finditer(text_unit.text):
            org = m.group("org")
            if org and " ".join(org.split()).casefold() in other_orgs and "(" not in m.group(0):
                spans.append(m.span("org"))
        last_end = -1
        for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
            if start < last_end:
                continue  # the same words matched by two patterns: report them once
            last_end = end
            words = text_unit.text[start:end]
            yield unit_hit(
                source,
                text_unit,
                start,
                f"«{words}»: {unit.org_type.label} không có cơ quan này"
                if (start, end) in missing
                else f"«{words}» không đúng loại tổ chức: đơn vị là "
                f"{unit.org_type.label} ({unit.org_type.org}, cấp ủy: {unit.org_type.leader})",
            )


@lru_cache(maxsize=1)
def citation_types() -> dict[str, tuple[str, ...]]:
    """Kind of document (lower case) -> its type codes, the usual one first."""
    out: dict[str, tuple[str, ...]] = {}
    for line in data_lines("citation-types.txt"):
        name, _, codes = line.partition("|")
        parsed = tuple(c.strip() for c in codes.split(",") if c.strip())
        if (
            not name.strip()
            or not parsed
            or not all(re.fullmatch(r"[A-ZĐ][A-ZĐa-zđ]*", c) for c in parsed)
        ):
            raise UserError(
                f"dòng «{line}» không đúng dạng «Tên loại | MÃ, MÃ»",
                path=DATA / "citation-types.txt",
            )
        out[name.strip().lower()] = parsed
    return out


@lru_cache(maxsize=1)
def citation_re() -> re.Pattern[str]:
    names = sorted(citation_types(), key=len, reverse=True)
    kinds = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    # «Thông báo kết luận số 123-TB/TW» is a notice (TB), not a conclusion. The symbol stops
    # at Markdown emphasis and a footnote mark: «*Nghị quyết số 57-NQ/TW*[^1]».
    return re.compile(
        rf"(?<!thông báo )\b(?P<kind>{kinds})\s+số\s+(?P<num>[^\s,;:()“”\"*_\[]+)", re.IGNORECASE
    )


PARTY_NUMBER_RE = re.compile(r"^\d{1,4}-(?P<type>[A-ZĐa-zđ]+)/(?P<body>[A-ZĐ][A-ZĐ0-9]*)\.?$")
STATE_NUMBER_RE = re.compile(r"^\d{1,5}/(?:\d{4}/)?[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*\.?$")


def check_citation_code(ctx: Context) -> Iterator[Hit]:
    """What it flags: trích dẫn văn bản của Đảng có số, ký hiệu không theo dạng thông thường «số
    21-NQ/TW» (số, gạch nối, mã loại văn bản, gạch chéo, cơ quan ban hành), hoặc mã loại không
    khớp loại văn bản được gọi tên (bảng mã là dữ liệu: lint/data/citation-types.txt).

    Why: số và ký hiệu xác định văn bản; «Nghị quyết số 21-KL/TW» gọi một nghị quyết bằng ký hiệu
    của một kết luận.

    Example: «Nghị quyết số 21-KL/TW», «Kết luận số 21/TW».

    Use instead: «Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương». Văn bản
    của Nhà nước («Nghị định số 30/2020/NĐ-CP») không bị kiểm tra.
    """
    types = citation_types()
    for source, unit in units(ctx):
        for m in citation_re().finditer(unit.text):
            kind = " ".join(m.group("kind").split())
            num = m.group("num").rstrip(".")
            if num.isdigit() or STATE_NUMBER_RE.match(num):
                continue
            codes = types[kind.lower()]
            want = codes[0]
            party = PARTY_NUMBER_RE.match(num)
            if party is None:
                if re.match(r"^\d", num):
                    yield unit_hit(
                        source,
                        unit,
                        m.start("num"),
                        f"số, ký hiệu «{num}» không đúng dạng: {quote(unit.text, *m.span())}; "
                        f"viết «số <số>-{want}/<cơ quan ban hành>»",
                    )
                continue
            if party.group("type") not in codes:
                yield unit_hit(
                    source,
                    unit,
                    m.start("num"),
                    f"«{kind} số {num}»: ký hiệu «{party.group('type')}» không phải của "
                    f"{kind.lower()} (mã đúng: {want})",
                )


def check_citation_incomplete(ctx: Context) -> Iterator[Hit]:
    """What it flags: trích dẫn văn bản của Đảng chỉ có số, thiếu ký hiệu: «Hướng dẫn số 12 của
    Ban Tổ chức Trung ương».

    Why: số văn bản bắt đầu lại theo từng nhiệm kỳ và từng cơ quan; thiếu ký hiệu và ngày thì
    người đọc không biết là văn bản nào.

    Example: «Quy định số 04 của Ban Thường vụ Tỉnh ủy».

    Use instead: «Quy định số 04-QĐ/TU, ngày …/…/… của Ban Thường vụ Tỉnh ủy».
    """
    types = citation_types()
    for source, unit in units(ctx):
        for m in citation_re().finditer(unit.text):
            if m.group("num").isdigit():
                kind = " ".join(m.group("kind").split())
                code = types[kind.lower()][0]
                yield unit_hit(
                    source,
                    unit,
                    m.start(),
                    f"trích dẫn thiếu ký hiệu: {quote(unit.text, *m.span())}; ghi đủ "
                    f"«{kind} số {m.group('num')}-{code}/…, ngày …»",
                )


DATE_SLASH_RE = re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
DATE_WORDS_RE = re.compile(
    r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.IGNORECASE
)


def check_invalid_date(ctx: Context) -> Iterator[Hit]:
    """What it flags: ngày không có thật: «31/02/2023», «ngày 31 tháng 4 năm 2024», «15/13/2022».

    Why: ngày sai trong trích dẫn làm dẫn chiếu tới một văn bản không tồn tại.

    Example: «Nghị quyết số 04-NQ/ĐUK, ngày 31/6/2021».

    Use instead: ngày đúng như in trên văn bản được trích dẫn.
    """
    for source, unit in units(ctx):
        for pattern in (DATE_SLASH_RE, DATE_WORDS_RE):
            for m in pattern.finditer(unit.text):
                day, month, year = (int(g) for g in m.groups())
                try:
                    dt.date(year, month, day)
                except ValueError:
                    yield unit_hit(
                        source,
                        unit,
                        m.start(),
                        f"ngày không tồn tại: «{m.group(0)}»",
                    )


# What an official document cannot lack, with the report.yaml key that holds each.
FINAL_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("document", "number", "số văn bản"),
    ("document", "date", "ngày ký"),
    ("document", "place", "địa danh"),
    ("signer", "name", "họ tên người ký"),
)
_BLANK_MARK_RE = re.compile(r"[\[\]{}<>]")


def _final_values(ctx: Context) -> dict[str, str]:
    unit = ctx.unit
    return {
        "document.number": "" if unit.doc_number is None else str(unit.doc_number),
        "document.date": unit.date.isoformat(),
        "document.place": unit.place,
        "signer.name": unit.signer_name,
    }


def _yaml_line(path: Path, section: str, key: str) -> int:
    """The line of ``section.key`` in report.yaml (of ``section`` when the key is absent)."""
    from vankien.yamlio import line_of, load_yaml

    data = load_yaml(path)
    node = data.get(section) if hasattr(data, "get") else None
    if node is None or not hasattr(node, "lc"):
        return 1
    return (line_of(node, key) if key in node else line_of(node)) or 1


def check_final_document_data(ctx: Context) -> Iterator[Hit]:
    """What it flags: ở giai đoạn chính thức (``document.stage: chinh-thuc``), report.yaml chưa có
    số văn bản (``document.number``), hoặc ngày ký, địa danh, họ tên người ký còn là chỗ để
    trống («…», «[Họ và tên]»).

    Why: văn bản chính thức phải có số, ký hiệu, địa danh và ngày tháng, họ tên người ký (Hướng
    dẫn 36-HD/VPTW). Dự thảo được để trống số văn bản (in «Số    -BC/ĐU» để ghi tay); bản chính
    thức thì không. Ngày ký và họ tên người ký bắt buộc ở mọi giai đoạn: thiếu thì mọi lệnh dừng
    với mã 2. Cả «vankien build» lẫn «vankien release --final» đều dừng khi còn lỗi này, và
    mục ``lint:`` của report.yaml không tắt hay hạ mức quy tắc này được.

    Example: ``number:`` để trống trong mục ``document:`` khi ``stage: chinh-thuc``.

    Use instead: ghi số văn bản (``number: 45``) và họ tên thật của người ký, hoặc để
    ``stage`` là dự thảo cho đến khi có số.
    """
    if not ctx.unit.stage.is_final:
        return
    values = _final_values(ctx)
    rel = ctx.unit.path.name
    for section, key, label in FINAL_FIELDS:
        value = values[f"{section}.{key}"].strip()
        if value and not ELLIPSIS_RE.search(value) and not _BLANK_MARK_RE.search(value):
            continue
        shown = f"«{value}»" if value else "để trống"
        yield Hit(
            rel,
            _yaml_line(ctx.unit.path, section, key),
            1,
            f"bản chính thức phải có {label} («{section}.{key}» trong report.yaml): {shown}",
        )
