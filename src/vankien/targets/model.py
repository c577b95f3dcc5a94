"""The congress targets (chỉ tiêu) as data: the previous term's, judged planned against achieved,
and the new term's, planned only. Read from the report's ``chi-tieu.yaml`` by
:func:`vankien.targets.load.load_targets`; documented in docs/chi-tieu.md.

The verdict rules (docs/chi-tieu.md, «Cách tính kết quả đánh giá») live in
:meth:`Measure.computed_verdict` and :meth:`Target.computed_verdict` and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from pathlib import Path

from vankien.targets.numbers import Quantity, format_number
from vankien.unit.model import Term


class Kind(Enum):
    """What the plan asks for."""

    AT_LEAST = "at_least"  # «từ 10 đảng viên trở lên», «đạt 90%»
    AT_MOST = "at_most"  # «không quá 2%», «không có đảng viên vi phạm» (at most 0)
    EXACTLY = "exactly"  # «100% thủ tục hành chính» when 100 is also the ceiling
    YES_NO = "yes_no"  # a condition that holds or not («hoàn thành tốt nhiệm vụ trở lên»)

    @property
    def label(self) -> str:
        return {
            Kind.AT_LEAST: "tối thiểu (từ … trở lên)",
            Kind.AT_MOST: "tối đa (không quá …)",
            Kind.EXACTLY: "đúng bằng",
            Kind.YES_NO: "có/không",
        }[self]


class Verdict(Enum):
    """The assessment column of the previous term's table; the value is the text printed."""

    MET = "Đạt"
    EXCEEDED = "Vượt"
    MISSED = "Không đạt"

    @classmethod
    def parse(cls, text: str) -> Verdict | None:
        """«Đạt», «Vượt», «Không đạt» (any case, spacing) → the verdict; None otherwise."""
        key = " ".join(text.split()).casefold()
        for verdict in cls:
            if verdict.value.casefold() == key:
                return verdict
        return None

    @property
    def is_met(self) -> bool:
        """Met or exceeded («đạt và vượt»)."""
        return self is not Verdict.MISSED


class Combine(Enum):
    """How the per-year values make the term's value."""

    SUM = "sum"  # a flow: new members admitted, inspections held (the years add up)
    MEAN = "mean"  # a yearly rate reported as an average («bình quân 93,5%»)
    LAST = "last"  # a level reached: the value of the last year given
    NONE = "none"  # the years are shown, the term's value is stated on its own


class SetKind(Enum):
    """The two target sets of a political report."""

    PREVIOUS = "previous"  # Part One 1.2: the previous congress's targets, judged
    NEXT = "next"  # Part Two IV: the new term's targets, planned only

    @property
    def label(self) -> str:
        return {
            SetKind.PREVIOUS: "chỉ tiêu nhiệm kỳ trước",
            SetKind.NEXT: "chỉ tiêu nhiệm kỳ mới",
        }[self]


Value = Quantity | bool  # a yes/no target's values are booleans


def combine(values: list[Quantity], how: Combine, decimals: int) -> Quantity | None:
    """The term's value from the per-year ``values`` (in year order), at ``decimals`` digits;
    None for :attr:`Combine.NONE` or no values."""
    if not values or how is Combine.NONE:
        return None
    unit = values[0].unit
    if how is Combine.LAST:
        return values[-1]
    total = sum((v.value for v in values), Decimal(0))
    if how is Combine.MEAN:
        total = total / len(values)
        quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
        total = total.quantize(quantum, rounding=ROUND_HALF_UP)
        return Quantity(total, unit, decimals)
    return Quantity(total, unit, max(v.decimals for v in values))


@dataclass(frozen=True)
class Measure:
    """One measurable part of a target: most targets have one; «15 lượt kiểm tra; 20 lượt giám
    sát» has two. ``planned`` is None only for a yes/no measure; ``achieved`` is the term's
    value (stated, or combined from ``years``), None while it is not known."""

    kind: Kind
    unit: str
    planned: Value | None
    achieved: Value | None
    years: tuple[tuple[int, Value], ...] = ()
    combine: Combine = Combine.NONE
    over_100: bool = False  # a percentage that may exceed 100 (a share of the plan, a growth)
    line: int | None = None

    def year_value(self, year: int) -> Value | None:
        return dict(self.years).get(year)

    def computed_verdict(self) -> Verdict | None:
        """The verdict from the figures alone (docs/chi-tieu.md): values compared exactly as
        written, no tolerance. None when the achieved value is not known."""
        if self.achieved is None:
            return None
        if self.kind is Kind.YES_NO:
            return Verdict.MET if self.achieved is True else Verdict.MISSED
        assert isinstance(self.planned, Quantity) and isinstance(self.achieved, Quantity)
        plan, done = self.planned.value, self.achieved.value
        if self.kind is Kind.EXACTLY:
            return Verdict.MET if done == plan else Verdict.MISSED
        if self.kind is Kind.AT_MOST:
            plan, done = -plan, -done
        if done > plan:
            return Verdict.EXCEEDED
        return Verdict.MET if done == plan else Verdict.MISSED


@dataclass(frozen=True)
class Override:
    """The writer's verdict where the figures alone do not decide, and why."""

    verdict: Verdict
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class Target:
    """One indicator of a target set.

    ``number`` is its position in the set (the STT column, from 1). ``text`` may hold the
    outline's variables («{{org_lower}}»), filled in when the document is built.
    ``planned_text``/``achieved_text`` are what the table prints instead of the figures
    («Từ 90% trở lên», «Bình quân 93,5%»); the loader has checked that they carry them.
    """

    id: str
    number: int
    text: str
    group: str | None
    measures: tuple[Measure, ...]
    planned_text: str | None = None
    achieved_text: str | None = None
    source: str | None = None
    note: str | None = None
    override: Override | None = None
    line: int | None = None

    @property
    def measure(self) -> Measure | None:
        """The only measure, or None for a target with several."""
        return self.measures[0] if len(self.measures) == 1 else None

    @property
    def kind(self) -> Kind:
        """The first measure's kind (every measure's, for most targets)."""
        return self.measures[0].kind

    @property
    def unit(self) -> str:
        return self.measures[0].unit

    @property
    def planned(self) -> Value | None:
        return self.measures[0].planned

    @property
    def achieved(self) -> Value | None:
        return self.measures[0].achieved

    @property
    def is_pending(self) -> bool:
        """Some achieved value is not known yet."""
        return any(m.achieved is None for m in self.measures)

    def computed_verdict(self) -> Verdict | None:
        """All measures met: «Vượt» when every one is exceeded, else «Đạt»; any missed:
        «Không đạt»; any unknown (and none missed): None."""
        verdicts = [m.computed_verdict() for m in self.measures]
        if Verdict.MISSED in verdicts:
            return Verdict.MISSED
        if None in verdicts:
            return None
        if all(v is Verdict.EXCEEDED for v in verdicts):
            return Verdict.EXCEEDED
        return Verdict.MET

    @property
    def verdict(self) -> Verdict | None:
        """The verdict the table prints: the writer's override, else the computed one."""
        return self.override.verdict if self.override is not None else self.computed_verdict()

    def planned_cell(self) -> str:
        """The «Kế hoạch» cell: ``planned_text``, else the planned figures joined by «; »."""
        if self.planned_text is not None:
            return self.planned_text
        return "; ".join(_value_text(m.planned) for m in self.measures)

    def achieved_cell(self) -> str:
        """The «Thực hiện» cell: ``achieved_text``, else the achieved figures joined by «; »
        («Chưa có số liệu» while one is unknown)."""
        if self.achieved_text is not None:
            return self.achieved_text
        if self.is_pending:
            return PENDING_TEXT
        return "; ".join(_value_text(m.achieved) for m in self.measures)

    def year_cell(self, year: int) -> str:
        """The cell of one year's column: the measures' values that year, joined by «; ».

        A target with one measure gives the bare number (its unit is in the plan's and the
        result's cells; a year's column is narrow), a percentage keeps its «%»."""
        values = [m.year_value(year) for m in self.measures]
        if all(v is None for v in values):
            return ""
        single = len(values) == 1
        return "; ".join(_value_text(v, bare=single) if v is not None else "–" for v in values)


PENDING_TEXT = "Chưa có số liệu"


def _value_text(value: Value | None, *, bare: bool = False) -> str:
    if value is None:
        return PENDING_TEXT
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if bare and not value.is_percent:
        return format_number(value.value, value.decimals)
    return value.text()


@dataclass(frozen=True)
class Counts:
    """How many targets of a set are met, exceeded, missed, and not known yet."""

    met: int = 0  # «Đạt» only
    exceeded: int = 0
    missed: int = 0
    pending: int = 0

    @property
    def met_or_exceeded(self) -> int:
        """«đạt và vượt»: the figure the text usually quotes («8/10 chỉ tiêu đạt và vượt»)."""
        return self.met + self.exceeded

    @property
    def total(self) -> int:
        return self.met + self.exceeded + self.missed + self.pending


@dataclass(frozen=True)
class TargetSet:
    """The targets of one term, in table order."""

    kind: SetKind
    term: Term
    targets: tuple[Target, ...]
    line: int | None = None

    def __iter__(self) -> Iterator[Target]:
        return iter(self.targets)

    def __len__(self) -> int:
        return len(self.targets)

    def by_id(self) -> dict[str, Target]:
        return {t.id: t for t in self.targets}

    def counts(self) -> Counts:
        """The verdicts counted (overrides included)."""
        verdicts = [t.verdict for t in self.targets]
        return Counts(
            met=verdicts.count(Verdict.MET),
            exceeded=verdicts.count(Verdict.EXCEEDED),
            missed=verdicts.count(Verdict.MISSED),
            pending=verdicts.count(None),
        )

    def years(self) -> tuple[int, ...]:
        """The years any target gives a value for, in order (the per-year columns)."""
        return tuple(sorted({y for t in self.targets for m in t.measures for y, _ in m.years}))


@dataclass(frozen=True)
class TargetData:
    """Everything in ``chi-tieu.yaml``: the groups and the two target sets (either may be
    absent)."""

    path: Path
    groups: dict[str, str] = field(default_factory=dict)
    previous: TargetSet | None = None
    next: TargetSet | None = None

    def get(self, kind: SetKind) -> TargetSet | None:
        return self.previous if kind is SetKind.PREVIOUS else self.next

    def sets(self) -> Iterator[TargetSet]:
        for target_set in (self.previous, self.next):
            if target_set is not None:
                yield target_set
