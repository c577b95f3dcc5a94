"""Numbers: figures in the text that contradict each other or the targets (chỉ tiêu).

A claim is checked only when it can be tied to something: a percentage to the fraction next to
it, a count of targets to the targets' verdicts, «vượt 20% kế hoạch» to the target it names, a
table's total to its rows. A figure tied to nothing is left alone: these rules are about
contradiction, not about every number.

The targets come from the report's data file when it has one (:mod:`vankien.targets`), else
from the targets table written in the text (a Word draft's table, a hand-written table).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from vankien.lint import claims
from vankien.lint.claims import PipeTable, TableRow
from vankien.lint.model import Context, Hit
from vankien.lint.placement import Placed
from vankien.lint.rules.text import quote, unit_hit
from vankien.outline.model import Section
from vankien.report.document import SourceFile, TextUnit
from vankien.targets.model import Counts, Kind, Measure, Target, TargetData, Verdict
from vankien.targets.numbers import NUMBER_PATTERN, NumberError, format_number, parse_number

MET, EXCEEDED, MISSED = Verdict.MET, Verdict.EXCEEDED, Verdict.MISSED


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str  # "%", a unit word («đảng viên»), or ""
    text: str  # as written


@dataclass(frozen=True)
class Known:
    """One target as the rules know it (from the data or from a table row)."""

    id: str  # the data's id, or the row's STT
    number: int | None  # its place in its list (1-based), for «chỉ tiêu 3»
    text: str  # the indicator
    planned: tuple[Figure, ...]
    achieved: tuple[Figure, ...]
    verdict: Verdict | None  # None: no achieved value yet
    at_most: bool = False  # a ceiling (fewer is better): «vượt» makes no sense
    baseline: Figure | None = None
    years: tuple[tuple[int, float], ...] = ()
    pending: bool = False  # no achieved value yet
    # A row of a table written in the text: the row, and the verdict its «Đánh giá» cell gives.
    row: TableRow | None = field(default=None, compare=False)
    table: PipeTable | None = field(default=None, compare=False)
    written: Verdict | None = None


@dataclass
class TargetSets:
    """The previous term's targets (judged) and the new term's (planned only)."""

    judged: list[Known] = field(default_factory=list)
    planned: list[Known] = field(default_factory=list)
    judged_tables: list[PipeTable] = field(default_factory=list)
    planned_tables: list[PipeTable] = field(default_factory=list)
    data: TargetData | None = None  # the report's chi-tieu.yaml, when it has one
    # With data: the targets as the hand-written tables give them (checked against the data).
    table_judged: list[Known] = field(default_factory=list)
    table_planned: list[Known] = field(default_factory=list)

    @property
    def from_data(self) -> bool:
        return self.data is not None


# --- figures ------------------------------------------------------------------------------

_FIGURE_UNIT_RE = re.compile(
    rf"(?P<n>{NUMBER_PATTERN})(?![\d])\s*(?P<unit>%|(?:[^\W\d_]+(?:\s+(?![\d])[^\W\d_]+){{0,2}}))?",
)


def value_of(figure: str) -> float:
    """The value of a figure written the Vietnamese way («1.250» → 1250, «93,5» → 93.5)."""
    return float(parse_number(figure).value)


def figures(text: str) -> tuple[Figure, ...]:
    """The figures of a cell, each with the unit written after it (a year «năm 2024» is not a
    figure)."""
    out = []
    for m in _FIGURE_UNIT_RE.finditer(text):
        before = text[max(0, m.start() - 5) : m.start()]
        if claims.YEAR_RE.fullmatch(m.group("n")) and "năm" in before:
            continue
        try:
            value = parse_number(m.group("n"))
        except NumberError:
            continue
        unit = (m.group("unit") or "").strip().lower()
        out.append(Figure(float(value.value), unit, m.group(0).strip()))
    return tuple(out)


def vi(value: float, places: int = 1) -> str:
    """A computed figure for a message: at most ``places`` decimals, no trailing zeros."""
    text = format_number(Decimal(repr(value)), places)
    return text.rstrip("0").rstrip(",") if "," in text else text


def agrees(true: float, written: str) -> bool:
    """Whether ``written`` is ``true`` at the precision it is written with."""
    step = 10.0 ** -claims.decimals(written)
    return abs(true - value_of(written)) <= step / 2 + 1e-9


# --- the targets --------------------------------------------------------------------------


def _row_target(table: PipeTable, row: TableRow, index: int) -> Known | None:
    stt, name = table.column("stt", "tt"), table.column("chỉ tiêu", "nội dung")
    plan = table.column("kế hoạch", "chỉ tiêu nhiệm kỳ", "mục tiêu")
    done, judge = table.column("thực hiện", "kết quả"), table.column("đánh giá")
    cells = row.cells
    if name is None or name >= len(cells):
        return None

    def cell(i: int | None) -> str:
        return cells[i].text if i is not None and i < len(cells) else ""

    if claims.TOTAL_ROW_RE.match(cell(name)) or claims.TOTAL_ROW_RE.match(cell(stt)):
        return None
    number = int(cell(stt)) if cell(stt).isdigit() else None
    planned_text = cell(plan)
    planned, achieved = figures(planned_text), figures(cell(done))
    at_most = bool(re.search(r"không\s+có|không\s+quá|tối\s+đa|dưới", planned_text, re.I))
    written = Verdict.parse(cell(judge)) if judge is not None else None
    computed = _computed(planned, achieved, at_most)
    return Known(
        id=cell(stt) or str(index),
        number=number if number is not None else index,
        text=cell(name),
        planned=planned,
        achieved=achieved,
        verdict=written if written is not None else computed,
        at_most=at_most,
        pending=written is None and not achieved,
        row=row,
        table=table,
        written=written,
    )


def _computed(
    planned: tuple[Figure, ...], achieved: tuple[Figure, ...], at_most: bool
) -> Verdict | None:
    """The verdict of a table row's figures, by the targets' own rules (None when the figures
    do not pair up measure by measure, in the same unit)."""
    if not planned or len(planned) != len(achieved):
        return None
    if any(p.unit != a.unit for p, a in zip(planned, achieved, strict=True)):
        return None
    kind = Kind.AT_MOST if at_most else Kind.AT_LEAST
    measures = tuple(
        Measure(kind, p.unit, parse_number(p.text), parse_number(a.text))
        for p, a in zip(planned, achieved, strict=True)
    )
    return Target("", 0, "", None, measures).computed_verdict()


def _figure(value: object) -> tuple[Figure, ...]:
    from vankien.targets.numbers import Quantity

    if isinstance(value, Quantity):
        return (Figure(float(value.value), value.unit.lower(), value.text()),)
    return ()


def known_of(target: Target) -> Known:
    """A target of the data file as the rules read it."""

    def part(m: Measure, planned: bool) -> tuple[Figure, ...]:
        return _figure(m.planned if planned else m.achieved)

    measures = target.measures
    planned = tuple(f for m in measures for f in part(m, True))
    achieved = tuple(f for m in measures for f in part(m, False))
    if len(planned) != len(measures) or len(achieved) != len(measures):
        # A yes/no measure or one not known yet: figures cannot be paired measure by measure.
        planned = planned if len(planned) == len(measures) else ()
        achieved = achieved if len(achieved) == len(measures) else ()
    return Known(
        id=str(target.number),
        number=target.number,
        text=target.text,
        planned=planned,
        achieved=achieved,
        verdict=target.verdict,
        at_most=target.kind is Kind.AT_MOST,
        pending=target.is_pending,
        years=tuple(
            (y, float(v.value)) for m in measures for y, v in m.years if not isinstance(v, bool)
        ),
    )


def target_data(ctx: Context) -> TargetData | None:
    """The report's chi-tieu.yaml (None without one, and for a Word draft: its targets are
    the table in the draft, not the data of the folder it is checked in): loaded once, by
    the report."""
    return ctx.report.target_data


def target_sets(ctx: Context) -> TargetSets:
    """The targets, computed once per run (every NUM rule reads them): the data file's when
    the report has one, else the tables written in the text."""
    found = ctx.cache.get("num:targets")
    if isinstance(found, TargetSets):
        return found
    sets = TargetSets(data=target_data(ctx))
    for source in ctx.report.files:
        for table in claims.tables(source):
            if table.column("chỉ tiêu") is None:
                continue
            judged = table.column("thực hiện", "kết quả") is not None
            rows = [
                k
                for i, row in enumerate(table.rows, 1)
                if (k := _row_target(table, row, i)) is not None
            ]
            if judged:
                sets.judged_tables.append(table)
                sets.judged.extend(rows)
            else:
                sets.planned_tables.append(table)
                sets.planned.extend(rows)
    if sets.data is not None:
        sets.table_judged, sets.table_planned = sets.judged, sets.planned
        previous, upcoming = sets.data.previous, sets.data.next
        sets.judged = [known_of(t) for t in previous] if previous is not None else []
        sets.planned = [known_of(t) for t in upcoming] if upcoming is not None else []
    ctx.cache["num:targets"] = sets
    return sets


def target_counts(ctx: Context) -> Counts | None:
    """The previous term's targets counted by verdict (None when there are none): what
    ``vankien status`` and the summary of Word drafts show."""
    judged = target_sets(ctx).judged
    if not judged:
        return None
    done = [k.verdict for k in judged if not k.pending]
    return Counts(
        met=done.count(MET),
        exceeded=done.count(EXCEEDED),
        missed=done.count(MISSED),
        pending=len(judged) - len(done) + done.count(None),
    )


def _prose(ctx: Context) -> Iterator[tuple[SourceFile, TextUnit]]:
    for source in ctx.report.files:
        for unit in claims.prose_units(source):
            yield source, unit


# --- NUM001: counts of targets -------------------------------------------------------------


def _count_kinds(verdict: str) -> tuple[frozenset[Verdict | None], ...]:
    """What a verdict phrase may count (either reading is accepted)."""
    words = " ".join(verdict.lower().split())
    if "và" in words or "hoặc" in words:
        return (frozenset({MET, EXCEEDED}),)
    if words in ("vượt", "hoàn thành vượt"):
        return (frozenset({EXCEEDED}),)
    if words.startswith(("không", "chưa")):
        return (frozenset({MISSED}), frozenset({MISSED, None}))
    return (frozenset({MET, EXCEEDED}), frozenset({MET}))


def check_target_counts(ctx: Context) -> Iterator[Hit]:
    """What it flags: số chỉ tiêu theo từng mức đánh giá ghi trong văn bản («8/10 chỉ tiêu đạt và
    vượt», «6 chỉ tiêu vượt», «2 chỉ tiêu không đạt», «đạt và vượt 10/12 chỉ tiêu») khác với số
    đếm được từ bảng chỉ tiêu (hoặc tệp dữ liệu chỉ tiêu): số chỉ tiêu mỗi mức được tính từ kế
    hoạch và kết quả thực hiện.

    Why: con số «bao nhiêu chỉ tiêu đạt, vượt» là kết luận của cả phần đánh giá; đếm sai là lỗi
    cấp trên và đại biểu thấy ngay, và văn bản phải sửa lại.

    Example: bảng có 10 chỉ tiêu, 7 chỉ tiêu «Đạt» hoặc «Vượt», văn bản viết «8/10 chỉ tiêu đạt
    và vượt».

    Use instead: đếm lại theo bảng: «7/10 chỉ tiêu đạt và vượt».
    """
    sets = target_sets(ctx)
    known = [k for k in sets.judged if k.verdict is not None or sets.from_data]
    if not known:
        return
    total = len(sets.judged)
    for source, unit in _prose(ctx):
        text = unit.text
        seen: set[int] = set()
        for pattern in (claims.COUNT_AFTER_RE, claims.COUNT_BEFORE_RE):
            for m in pattern.finditer(text):
                if m.start() in seen:
                    continue
                seen.add(m.start())
                n, of = int(m.group("n")), m.group("of")
                if of is not None and int(of) != total:
                    yield unit_hit(
                        source,
                        unit,
                        m.start("of"),
                        f"văn bản ghi tổng số {of} chỉ tiêu, bảng chỉ tiêu có {total}: "
                        f"{quote(text, m.start(), m.end())}",
                    )
                    continue
                readings = _count_kinds(m.group("verdict"))
                counts = [sum(1 for k in sets.judged if k.verdict in kinds) for kinds in readings]
                if n in counts:
                    continue
                right = counts[0]
                names = "; ".join(
                    f"{k.id}. {k.text}" for k in sets.judged if k.verdict in readings[0]
                )
                yield unit_hit(
                    source,
                    unit,
                    m.start("n"),
                    f"theo bảng chỉ tiêu có {right} chỉ tiêu «{m.group('verdict')}», văn bản ghi "
                    f"{n}: {quote(text, m.start(), m.end())}"
                    + (f" (các chỉ tiêu: {names})" if names and right <= 6 else ""),
                )


# --- NUM002: a percentage next to a fraction ----------------------------------------------


def check_percent_of_fraction(ctx: Context) -> Iterator[Hit]:
    """What it flags: tỷ lệ phần trăm viết cạnh một phân số hoặc một số trên tổng số không đúng
    với phép chia («8/9 chỉ tiêu, đạt 90%»: 8/9 = 88,9%). Phép chia được làm lại và so ở đúng số
    chữ số thập phân văn bản viết.

    Why: tỷ lệ tính nhẩm hoặc chép từ năm trước là lỗi hay gặp; người đọc chỉ cần chia lại là
    thấy văn bản sai.

    Example: «kết nạp 12/10 đảng viên, đạt 110%»; «45 trên tổng số 48 đảng viên, chiếm 95%».

    Use instead: tỷ lệ đúng: «kết nạp 12/10 đảng viên, đạt 120%»; «… chiếm 93,8%».
    """
    for source, unit in (
        (s, u) for s in ctx.report.files for u in s.body_units() if u.kind != "heading"
    ):
        text = unit.text
        for a, b, p, start, end in _fraction_percents(text):
            if value_of(b) == 0:
                continue
            true = 100 * value_of(a) / value_of(b)
            if agrees(true, p):
                continue
            places = max(1, claims.decimals(p))
            yield unit_hit(
                source,
                unit,
                start,
                f"{a}/{b} = {vi(true, places)}%, văn bản ghi {p}%: {quote(text, start, end)}",
            )


def _fraction_percents(text: str) -> Iterator[tuple[str, str, str, int, int]]:
    for pattern in (claims.FRACTION_RE, claims.OF_TOTAL_RE):
        for m in pattern.finditer(text):
            after = claims.PERCENT_AFTER_RE.match(text, m.end())
            if after is not None:
                yield m.group("a"), m.group("b"), after.group("p"), m.start(), after.end()
    for m in claims.PERCENT_THEN_FRACTION_RE.finditer(text):
        yield m.group("a"), m.group("b"), m.group("p"), m.start(), m.end()


# --- NUM003: claims about one target ------------------------------------------------------


def _pick(targets: Sequence[Known], clause: str) -> Known | None:
    """The target a clause names: by its number («chỉ tiêu 3»), else by the indicator's words
    (one clear best)."""
    m = re.search(r"chỉ\s+tiêu\s+(?:số\s+)?(\d+)(?![\d/%,.])", clause, re.I)
    if m is not None:
        return next((k for k in targets if k.number == int(m.group(1))), None)
    words = claims.words_of(clause) - claims.stop_words()
    scored = []
    for k in targets:
        mine = claims.words_of(k.text) - claims.stop_words()
        shared = len(words & mine)
        if shared >= 2 and mine and words:
            near = shared / min(len(mine), len(words))
            if near >= 0.5:
                # The share of the indicator's own words breaks ties.
                scored.append((near + 0.5 * shared / len(mine), k))
    scored.sort(key=lambda s: -s[0])
    if not scored or (len(scored) > 1 and scored[1][0] > scored[0][0] - 0.1):
        return None
    return scored[0][1]


def _named(targets: Sequence[Known], text: str, pos: int) -> tuple[str, Known | None]:
    """The target a claim at ``text[pos]`` is about: named in its clause (back to the comma),
    else in its sentence; with the text that named it."""
    clause = claims.clause_before(text, pos)
    k = _pick(targets, clause)
    if k is None:
        clause = text[claims.sentence_of(text, pos)[0] : pos]
        k = _pick(targets, clause)
    return clause, k


def _pair(k: Known, clause: str) -> tuple[Figure, Figure] | None:
    """The planned and achieved figure a claim compares (one each, the same unit)."""
    pairs = [(p, a) for p, a in zip(k.planned, k.achieved, strict=False) if p.unit == a.unit]
    if len(k.planned) != len(k.achieved) or not pairs:
        return None
    if len(pairs) == 1:
        return pairs[0]
    # Several figures («15 lượt kiểm tra; 20 lượt giám sát»): the one the clause names.
    written = {f.value for f in figures(clause)}
    named = [(p, a) for p, a in pairs if a.value in written]
    if len(named) == 1:
        return named[0]
    words = claims.words_of(clause)
    by_unit = [(p, a) for p, a in pairs if claims.words_of(a.unit) - {"lượt"} <= words]
    by_unit = [pa for pa in by_unit if claims.words_of(pa[1].unit) - {"lượt"}]
    return by_unit[0] if len(by_unit) == 1 else None


def check_target_claims(ctx: Context) -> Iterator[Hit]:
    """What it flags: «vượt X% kế hoạch», «đạt X% kế hoạch», «vượt X điểm phần trăm», «tăng từ A
    lên B», «gấp N lần» nói về một chỉ tiêu nhận ra được (theo số thứ tự «chỉ tiêu 3» hoặc theo
    tên chỉ tiêu) mà không khớp với kế hoạch và kết quả thực hiện của chỉ tiêu đó. Câu không chỉ
    rõ chỉ tiêu nào thì không xét.

    Why: tỷ lệ «vượt», «đạt» so với kế hoạch là phép tính từ hai con số trong bảng; tính sai
    thì phần đánh giá mâu thuẫn với chính bảng chỉ tiêu của báo cáo.

    Example: bảng ghi kế hoạch 10 đảng viên, thực hiện 12; văn bản viết «công tác phát triển
    đảng viên vượt 25% kế hoạch».

    Use instead: «vượt 20% kế hoạch» (12/10 = 120%).
    """
    targets = target_sets(ctx).judged
    if not targets:
        return
    for source, unit in _prose(ctx):
        text = unit.text
        for m in claims.TARGET_PERCENT_RE.finditer(text):
            clause, k = _named(targets, text, m.start())
            pair = _pair(k, clause) if k is not None else None
            if k is None or pair is None or pair[0].value == 0:
                continue
            planned, achieved = pair
            verb, written = m.group("verb").lower(), m.group("p")
            points = m.group("unit") != "%"
            if verb == "vượt":
                if k.at_most:
                    continue
                relative = 100 * (achieved.value / planned.value - 1)
                diff = achieved.value - planned.value
                if diff < 0:  # below the plan: nothing was exceeded
                    ratio = 100 * achieved.value / planned.value
                    ok, right = False, f"{vi(ratio)}% kế hoạch, không vượt"
                elif points and planned.unit == "%":
                    right, ok = f"{vi(diff)} điểm phần trăm", agrees(diff, written)
                elif points:
                    continue
                else:
                    ok = agrees(relative, written) or (
                        planned.unit == "%" and agrees(diff, written)
                    )
                    right = f"{vi(relative)}%"
                claim = f"vượt {written}{'%' if not points else ' điểm phần trăm'}"
            else:
                # «tỷ lệ … đạt 87%» states the achieved value; «đạt 90% kế hoạch» a ratio.
                if points or (m.group("object") is None and achieved.unit != "%"):
                    continue
                ratio = 100 * achieved.value / planned.value
                ok, right = agrees(ratio, written), f"{vi(ratio)}%"
                if m.group("object") is None:
                    ok = ok or agrees(achieved.value, written)
                claim = f"{verb} {written}%"
            if ok:
                continue
            yield unit_hit(
                source,
                unit,
                m.start(),
                f"chỉ tiêu {k.id} «{k.text}»: kế hoạch {planned.text}, thực hiện {achieved.text}"
                f" = {'đạt' if right.endswith('không vượt') else verb} {right}, văn bản ghi "
                f"«{claim}»",
            )
        for m in claims.INCREASE_RE.finditer(text):
            k = _named(targets, text, m.start())[1]
            if k is None or len(k.achieved) != 1:
                continue
            achieved = k.achieved[0]
            after = figures(text[m.start("b") :])
            unit_b = after[0].unit if after else ""
            if unit_b != achieved.unit and not (unit_b.startswith(achieved.unit) and unit_b):
                continue  # «số đảng viên tăng từ 61 lên 68 đồng chí»: not the target's unit
            if agrees(achieved.value, m.group("b")) or value_of(m.group("b")) == achieved.value:
                continue
            yield unit_hit(
                source,
                unit,
                m.start("b"),
                f"chỉ tiêu {k.id} «{k.text}»: thực hiện {achieved.text}, văn bản ghi «lên "
                f"{m.group('b')}{m.group('ub')}»",
            )
        for m in claims.TIMES_RE.finditer(text):
            clause, k = _named(targets, text, m.start())
            pair = _pair(k, clause) if k is not None else None
            if k is None or pair is None or pair[0].value == 0:
                continue
            ratio = pair[1].value / pair[0].value
            if agrees(ratio, m.group("n")):
                continue
            yield unit_hit(
                source,
                unit,
                m.start(),
                f"chỉ tiêu {k.id} «{k.text}»: thực hiện {pair[1].text} / kế hoạch "
                f"{pair[0].text} = gấp {vi(ratio)} lần, văn bản ghi «gấp {m.group('n')} lần»",
            )


# --- NUM004: totals of a table ------------------------------------------------------------

_TOTAL_COLUMN_RE = re.compile(
    r"^\**\s*(?:tổng\s+cộng|tổng\s+số|tổng|cộng|cả\s+nhiệm\s+kỳ|toàn\s+nhiệm\s+kỳ)\b", re.I
)
_YEAR_COLUMN_RE = re.compile(r"^\**\s*(?:năm\s+)?((?:19|20)\d{2})\s*\**$", re.I)


def _plain_number(text: str) -> float | None:
    """A cell holding one count (not a percentage, not a phrase): its value."""
    found = figures(text)
    if len(found) != 1 or found[0].unit == "%":
        return None
    rest = text.replace(found[0].text, "").strip(" *")
    return found[0].value if not rest else None


def check_table_totals(ctx: Context) -> Iterator[Hit]:
    """What it flags: dòng «Tổng cộng» («Cộng», «Tổng số») của một bảng không bằng tổng các dòng
    phía trên nó; cột «Tổng» («Cả nhiệm kỳ») không bằng tổng các cột năm («2021», «Năm 2022»…) của
    cùng dòng. Chỉ xét cột mà mọi ô đều là một con số (không phải tỷ lệ phần trăm).

    Why: cộng sai trong bảng là lỗi người đọc kiểm tra được ngay bằng phép cộng, và làm mất tin
    cậy vào mọi số liệu khác của báo cáo.

    Example: các năm 2021 - 2025 kết nạp 2, 3, 2, 3, 2 đảng viên, cột «Cả nhiệm kỳ» ghi 13.

    Use instead: tổng đúng (12), hoặc sửa số của năm bị ghi sai.
    """
    for source in ctx.report.files:
        for table in claims.tables(source):
            yield from _row_totals(source, table)
            yield from _column_totals(source, table)


def _row_totals(source: SourceFile, table: PipeTable) -> Iterator[Hit]:
    above: list[TableRow] = []
    for row in table.rows:
        first = next((c.text for c in row.cells if c.text and not c.text.isdigit()), "")
        if not claims.TOTAL_ROW_RE.match(first):
            above.append(row)
            continue
        for i, cell in enumerate(row.cells):
            total = _plain_number(cell.text)
            if total is None or i == 0:
                continue
            parts = [_plain_number(r.cells[i].text) if i < len(r.cells) else None for r in above]
            values = [p for p in parts if p is not None]
            if not values or len(values) != len(parts):
                continue
            right = sum(values)
            if abs(right - total) > 1e-9:
                head = table.header.cells[i].text if i < len(table.header.cells) else ""
                yield unit_hit(
                    source,
                    row.unit,
                    cell.start,
                    f"dòng «{first}», cột «{head}»: cộng các dòng trên được {vi(right, 2)}, "
                    f"bảng ghi {cell.text}",
                )
        above = []


def _column_totals(source: SourceFile, table: PipeTable) -> Iterator[Hit]:
    heads = [c.text for c in table.header.cells]
    years = [i for i, h in enumerate(heads) if _YEAR_COLUMN_RE.match(h)]
    totals = [i for i, h in enumerate(heads) if _TOTAL_COLUMN_RE.match(h)]
    if len(years) < 2 or len(totals) != 1:
        return
    col = totals[0]
    for row in table.rows:
        if col >= len(row.cells):
            continue
        total = _plain_number(row.cells[col].text)
        parts = [_plain_number(row.cells[i].text) if i < len(row.cells) else None for i in years]
        values = [p for p in parts if p is not None]
        if total is None or len(values) != len(parts):
            continue
        right = sum(values)
        if abs(right - total) > 1e-9:
            series = " + ".join(vi(v, 2) for v in values)
            yield unit_hit(
                source,
                row.unit,
                row.cells[col].start,
                f"cột «{heads[col]}»: {series} = {vi(right, 2)}, bảng ghi {row.cells[col].text}",
            )


# --- NUM005: a target that does not exist -------------------------------------------------

_REFERENCE_RE = re.compile(
    r"(?<![^\W\d_])chỉ\s+tiêu\s+(?:số\s+|thứ\s+)?(?P<n>\d+)(?![\d/%,.]\d|\s*%|[\d/])", re.I
)


def check_unknown_target(ctx: Context) -> Iterator[Hit]:
    """What it flags: văn bản nhắc tới một chỉ tiêu theo số thứ tự («chỉ tiêu 13», «chỉ tiêu số
    13») mà danh sách chỉ tiêu tương ứng không có: bảng chỉ tiêu gần nhất trong cùng tệp, hoặc
    bảng gần nhất phía trên.

    Why: số thứ tự chỉ tiêu là cách văn bản và phụ lục dẫn chiếu nhau; dẫn tới một chỉ tiêu
    không có là dấu hiệu bảng đã đổi mà lời văn chưa sửa theo.

    Example: bảng chỉ tiêu nhiệm kỳ mới có 12 chỉ tiêu, văn bản viết «từ chỉ tiêu 7 đến chỉ
    tiêu 13».

    Use instead: đúng số thứ tự trong bảng («đến chỉ tiêu 12»), hoặc bổ sung chỉ tiêu vào bảng.
    """
    places = set_places(ctx)
    if not places:
        return
    for source, unit in _prose(ctx):
        here = (source.rel, unit.line)
        same = [p for p in places if p.rel == source.rel]
        order = {f.rel: i for i, f in enumerate(ctx.report.files)}
        if same:  # the nearest table of the same file («… như sau.» comes before its table)
            place = min(same, key=lambda p: abs(p.line - unit.line))
        else:
            before = [
                p
                for p in places
                if (order.get(p.rel, 0), p.line) <= (order.get(here[0], 0), here[1])
            ]
            place = before[-1] if before else places[0]
        numbers = {k.number for k in place.targets}
        for m in _REFERENCE_RE.finditer(unit.text):
            n = int(m.group("n"))
            if n in numbers:
                continue
            yield unit_hit(
                source,
                unit,
                m.start(),
                f"không có chỉ tiêu {n}: {place.label} có {len(numbers)} chỉ tiêu: "
                f"{quote(unit.text, m.start(), m.end())}",
            )


@dataclass(frozen=True)
class Place:
    """Where a list of targets stands in the text: a table written there, or the section the
    outline's ``targets`` key gives its table (built from chi-tieu.yaml)."""

    rel: str
    line: int
    targets: tuple[Known, ...]
    label: str
    section: Section | None = None


def set_places(ctx: Context) -> list[Place]:
    """Every list of targets with its place, in document order."""
    from vankien.lint.placement import placed_headings

    found = ctx.cache.get("num:places")
    if isinstance(found, list):
        return found
    sets = target_sets(ctx)
    out: list[Place] = []
    for tables, targets in ((sets.judged_tables, sets.judged), (sets.planned_tables, sets.planned)):
        for table in tables:
            head = table.header.unit
            mine = [k for k in targets if k.table is table] or list(targets)
            label = f"bảng chỉ tiêu ({head.rel}, dòng {head.line})"
            out.append(
                Place(head.rel, head.line, tuple(mine), label, _section_at(ctx, table.heading))
            )
    if sets.data is not None:
        written = {p.section.id for p in out if p.section is not None}
        for placed in placed_headings(ctx):
            section = placed.section
            if section is None or section.targets is None or section.id in written:
                continue
            targets = sets.judged if section.targets.set == "previous" else sets.planned
            h = placed.heading
            label = f"bảng chỉ tiêu dựng từ {sets.data.path.name} (mục «{h.text}»)"
            out.append(Place(h.rel, h.line, tuple(targets), label, section))
    order = {f.rel: i for i, f in enumerate(ctx.report.files)}
    out.sort(key=lambda p: (order.get(p.rel, 0), p.line))
    ctx.cache["num:places"] = out
    return out


def _section_at(ctx: Context, heading: int | None) -> Section | None:
    """The outline section of the heading a table is under (or of its nearest parent)."""
    from vankien.lint.placement import placed_headings

    for placed in placed_headings(ctx):
        if placed.heading.index == heading:
            walk: Placed | None = placed
            while walk is not None and walk.section is None:
                walk = walk.parent
            return walk.section if walk is not None else None
    return None


# --- NUM006: a table written in the text against the data, its verdicts against its figures


def _cell_at(k: Known, *names: str) -> tuple[int, str]:
    """Offset and text of a row's cell under the header that starts with one of ``names``."""
    row, table = k.row, k.table
    i = table.column(*names) if table is not None else None
    if row is None or i is None or i >= len(row.cells):
        return 0, ""
    return row.cells[i].start, row.cells[i].text


def _where(k: Known, start: int) -> tuple[str, int, int]:
    """File, line and column of ``start`` in the row of ``k``."""
    assert k.row is not None and k.table is not None
    line, col = k.table.source.loc(k.row.unit.file_offset(start))
    return k.row.unit.rel, line, col


def _same(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool:
    return [f.value for f in a] == [f.value for f in b]


def _figures_text(fs: tuple[Figure, ...]) -> str:
    return "; ".join(f.text for f in fs)


def check_table_against_data(ctx: Context) -> Iterator[Hit]:
    """What it flags: bảng chỉ tiêu viết tay trong văn bản mâu thuẫn với chính nó hoặc với tệp
    chỉ tiêu. Không có tệp chỉ tiêu: cột «Đánh giá» khác với kết quả tính từ kế hoạch và thực
    hiện của dòng đó (cách tính như docs/chi-tieu.md). Có tệp ``chi-tieu.yaml``: số chỉ tiêu,
    kế hoạch, thực hiện hoặc đánh giá của một dòng khác với tệp (chỉ tiêu so theo số thứ tự).

    Why: cột đánh giá là kết luận của từng chỉ tiêu; «Vượt» cho một chỉ tiêu thực hiện thấp hơn
    kế hoạch, hay bảng chép tay lệch với số liệu gốc, đều là lỗi cấp trên trả lại văn bản.

    Example: dòng «Sáng kiến cấp tỉnh | 10 sáng kiến | 9 sáng kiến | Đạt»; hoặc bảng ghi thực
    hiện 12 đảng viên trong khi chi-tieu.yaml ghi 11.

    Use instead: sửa cột đánh giá hoặc số liệu cho đúng; tốt nhất là bỏ bảng viết tay để bản in
    dựng bảng từ chi-tieu.yaml.
    """
    sets = target_sets(ctx)
    pairs = [(sets.table_judged, sets.judged, sets.judged_tables)]
    pairs.append((sets.table_planned, sets.planned, sets.planned_tables))
    if sets.data is None:
        for k in (*sets.judged, *sets.planned):
            row = k.row
            if row is None or k.written is None:
                continue
            computed = _computed(k.planned, k.achieved, k.at_most)
            if computed is None or computed is k.written:
                continue
            start, text = _cell_at(k, "đánh giá")
            yield Hit(
                *_where(k, start),
                f"chỉ tiêu {k.id} «{k.text}»: kế hoạch {_figures_text(k.planned)}, thực hiện "
                f"{_figures_text(k.achieved)} là «{computed.value}», bảng ghi «{text}»",
            )
        return
    name = sets.data.path.name
    for written, data, tables in pairs:
        if not tables:
            continue
        if len(written) != len(data):
            head = tables[0].header.unit
            yield Hit(
                head.rel,
                head.line,
                1,
                f"bảng có {len(written)} chỉ tiêu, {name} có {len(data)}: bảng viết tay phải "
                "khớp tệp chỉ tiêu",
            )
        by_number = {k.number: k for k in data}
        for k in written:
            row = k.row
            if row is None:
                continue
            truth = by_number.get(k.number)
            if truth is None:
                yield Hit(*_where(k, 0), f"{name} không có chỉ tiêu {k.id} «{k.text}»")
                continue
            checks = (
                (
                    "kế hoạch",
                    ("kế hoạch", "chỉ tiêu nhiệm kỳ", "mục tiêu"),
                    k.planned,
                    truth.planned,
                ),
                ("thực hiện", ("thực hiện", "kết quả"), k.achieved, truth.achieved),
            )
            for label, heads, mine, right in checks:
                if mine and right and len(mine) == len(right) and not _same(mine, right):
                    start, _ = _cell_at(k, *heads)
                    yield Hit(
                        *_where(k, start),
                        f"chỉ tiêu {k.id} «{k.text}»: {label} theo {name} là "
                        f"{_figures_text(right)}, bảng ghi {_figures_text(mine)}",
                    )
            if (
                k.written is not None
                and truth.verdict is not None
                and k.written is not truth.verdict
            ):
                start, text = _cell_at(k, "đánh giá")
                yield Hit(
                    *_where(k, start),
                    f"chỉ tiêu {k.id} «{k.text}»: đánh giá theo {name} là "
                    f"«{truth.verdict.value}», bảng ghi «{text}»",
                )


# --- NUM007: years outside the terms; NUM008: a year-by-year series and its total ----------

_YEAR_IN_TEXT_RE = re.compile(r"(?<![^\W\d_])năm\s+((?:19|20)\d{2})(?![\d/])", re.I)


def _judged_sentences(ctx: Context, text: str) -> Iterator[tuple[int, int]]:
    """The sentences of ``text`` that make a claim about the previous term's targets."""
    seen: set[tuple[int, int]] = set()
    for pattern in (claims.COUNT_AFTER_RE, claims.COUNT_BEFORE_RE, claims.TARGET_PERCENT_RE):
        for m in pattern.finditer(text):
            span = claims.sentence_of(text, m.start())
            judged = target_sets(ctx).judged
            if pattern is claims.TARGET_PERCENT_RE and _named(judged, text, m.start())[1] is None:
                continue
            if span not in seen:
                seen.add(span)
                yield span


def check_year_outside_term(ctx: Context) -> Iterator[Hit]:
    """What it flags: một năm («năm 2019») nằm ngoài nhiệm kỳ mà số liệu nói tới: trong câu
    đánh giá chỉ tiêu nhiệm kỳ trước (số chỉ tiêu đạt, vượt; «vượt X% kế hoạch» của một chỉ
    tiêu), trong bảng chỉ tiêu nhiệm kỳ trước (ô thực hiện «87% (năm 2024)», cột năm) năm phải
    thuộc nhiệm kỳ trước; trong bảng chỉ tiêu nhiệm kỳ mới, thuộc nhiệm kỳ mới.

    Why: kết quả nhiệm kỳ chỉ gồm các năm của nhiệm kỳ; một năm ngoài nhiệm kỳ thường là số
    liệu chép từ báo cáo kỳ trước hoặc gõ nhầm.

    Example: báo cáo nhiệm kỳ 2020 - 2025 ghi «87% (năm 2019)» ở cột thực hiện.

    Use instead: năm đúng trong nhiệm kỳ («năm 2024»), hoặc bỏ số liệu của nhiệm kỳ khác.
    """
    previous, current = ctx.unit.previous_term, ctx.unit.current_term
    sets = target_sets(ctx)

    def outside(year: int, start: int, end: int) -> bool:
        return not start <= year <= end

    for tables, term in ((sets.judged_tables, previous), (sets.planned_tables, current)):
        for table in tables:
            rows = (table.header, *table.rows)
            for row in rows:
                for cell in row.cells:
                    for m in _YEAR_IN_TEXT_RE.finditer(cell.text):
                        year = int(m.group(1))
                        if outside(year, term.start, term.end):
                            yield unit_hit(
                                table.source,
                                row.unit,
                                cell.start + m.start(),
                                f"năm {year} ngoài nhiệm kỳ {term.text()} của bảng chỉ tiêu: "
                                f"«{cell.text}»",
                            )
                    if row is table.header and (y := _YEAR_COLUMN_RE.match(cell.text)):
                        year = int(y.group(1))
                        if outside(year, term.start, term.end) and not _YEAR_IN_TEXT_RE.search(
                            cell.text
                        ):
                            yield unit_hit(
                                table.source,
                                row.unit,
                                cell.start,
                                f"cột năm {year} ngoài nhiệm kỳ {term.text()} của bảng chỉ tiêu",
                            )
    if not sets.judged:
        return
    for source, unit in _prose(ctx):
        text = unit.text
        for start, end in _judged_sentences(ctx, text):
            for m in _YEAR_IN_TEXT_RE.finditer(text, start, end):
                year = int(m.group(1))
                if outside(year, previous.start, previous.end):
                    yield unit_hit(
                        source,
                        unit,
                        m.start(),
                        f"năm {year} ngoài nhiệm kỳ {previous.text()} mà câu đánh giá chỉ tiêu "
                        f"nói tới: {quote(text, m.start(), m.end())}",
                    )


_SERIES_ITEM_RE = re.compile(
    rf"(?<![^\W\d_])năm\s+(?P<year>(?:19|20)\d{{2}})(?P<gap>[^.!?;\d]{{0,30}}?)"
    rf"(?P<n>{NUMBER_PATTERN})(?![\d/%])\s*(?P<unit>[^\W\d_]+(?:\s+[^\W\d_]+)?)?",
    re.I,
)
_SERIES_TOTAL_RE = re.compile(
    r"(?<![^\W\d_])(?:cả|toàn|trong)\s+nhiệm\s+kỳ|tổng\s+(?:cộng|số)|tổng(?=\s)",
    re.I,
)


def check_year_series_total(ctx: Context) -> Iterator[Hit]:
    """What it flags: một câu kể số liệu từng năm («năm 2021 kết nạp 2 đảng viên, năm 2022: 3
    đảng viên…») rồi nêu tổng cả nhiệm kỳ («cả nhiệm kỳ kết nạp 12 đảng viên») mà các năm cộng
    lại không bằng tổng (cùng đơn vị, không phải tỷ lệ phần trăm).

    Why: tổng nhiệm kỳ là con số người đọc nhớ và so; lệch với từng năm là một trong hai số đã
    sai.

    Example: «năm 2021 kết nạp 2, năm 2022 kết nạp 3, năm 2023 kết nạp 2 đảng viên; cả nhiệm kỳ
    kết nạp 8 đảng viên».

    Use instead: sửa số của năm sai hoặc tổng (ở ví dụ: 7 đảng viên).
    """
    for source, unit in ((s, u) for s in ctx.report.files for u in claims.prose_units(s)):
        text = unit.text
        pos = 0
        while pos < len(text):
            end = min((i for i in (text.find(c, pos) for c in ".!?") if i != -1), default=len(text))
            yield from _series_in(source, unit, text, pos, end)
            pos = end + 1


def _series_in(
    source: SourceFile, unit: TextUnit, text: str, start: int, end: int
) -> Iterator[Hit]:
    total = _SERIES_TOTAL_RE.search(text, start, end)
    if total is None:
        return
    items = [
        m
        for m in _SERIES_ITEM_RE.finditer(text, start, total.start())
        if not _YEAR_IN_TEXT_RE.search(m.group("gap"))
    ]
    years = [int(m.group("year")) for m in items]
    if len(items) < 2 or len(set(years)) != len(years):
        return
    after = re.compile(
        rf"[^.!?;\d%]{{0,30}}?(?P<n>{NUMBER_PATTERN})(?![\d/%])\s*(?P<unit>[^\W\d_]+(?:\s+[^\W\d_]+)?)?"
    )
    m_total = after.match(text, total.end(), end)
    if m_total is None:
        return
    units = {(m.group("unit") or "").lower() for m in items} - {""}
    total_unit = (m_total.group("unit") or "").lower()
    if len(units) > 1 or (units and total_unit and units != {total_unit}):
        return
    values = [value_of(m.group("n")) for m in items]
    right = sum(values)
    if abs(right - value_of(m_total.group("n"))) < 1e-9:
        return
    series = " + ".join(vi(v, 2) for v in values)
    yield unit_hit(
        source,
        unit,
        m_total.start("n"),
        f"các năm {', '.join(map(str, years))}: {series} = {vi(right, 2)}, văn bản ghi tổng "
        f"{m_total.group('n')}: {quote(text, total.start(), m_total.end())}",
    )
