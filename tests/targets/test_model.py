"""The verdict rules (docs/chi-tieu.md) and the counts the report quotes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vankien.targets.model import (
    Combine,
    Kind,
    Measure,
    Override,
    SetKind,
    Target,
    TargetSet,
    Verdict,
    combine,
)
from vankien.targets.numbers import Quantity
from vankien.unit.model import Term


def q(value: str, unit: str = "đảng viên") -> Quantity:
    decimals = len(value.partition(".")[2])
    return Quantity(Decimal(value), unit, decimals)


@pytest.mark.parametrize(
    ("kind", "planned", "achieved", "verdict"),
    [
        (Kind.AT_LEAST, "10", "12", Verdict.EXCEEDED),
        (Kind.AT_LEAST, "10", "10", Verdict.MET),
        (Kind.AT_LEAST, "10", "9", Verdict.MISSED),
        (Kind.AT_LEAST, "90", "89.9", Verdict.MISSED),  # no tolerance
        (Kind.AT_MOST, "0", "0", Verdict.MET),
        (Kind.AT_MOST, "0", "1", Verdict.MISSED),
        (Kind.AT_MOST, "3", "2", Verdict.EXCEEDED),
        (Kind.EXACTLY, "100", "100", Verdict.MET),
        (Kind.EXACTLY, "100", "101", Verdict.MISSED),
    ],
)
def test_measure_verdict(kind: Kind, planned: str, achieved: str, verdict: Verdict) -> None:
    measure = Measure(kind, "đảng viên", q(planned), q(achieved))
    assert measure.computed_verdict() is verdict


def test_yes_no_and_pending() -> None:
    assert Measure(Kind.YES_NO, "", True, True).computed_verdict() is Verdict.MET
    assert Measure(Kind.YES_NO, "", True, False).computed_verdict() is Verdict.MISSED
    assert Measure(Kind.AT_LEAST, "x", q("1", "x"), None).computed_verdict() is None


def _target(*measures: Measure, override: Override | None = None, number: int = 1) -> Target:
    return Target("t", number, "Chỉ tiêu", None, measures, override=override)


def test_target_with_several_measures() -> None:
    over = Measure(Kind.AT_LEAST, "x", q("15", "x"), q("18", "x"))
    equal = Measure(Kind.AT_LEAST, "y", q("20", "y"), q("20", "y"))
    under = Measure(Kind.AT_LEAST, "y", q("20", "y"), q("19", "y"))
    pending = Measure(Kind.AT_LEAST, "y", q("20", "y"), None)
    assert _target(over, over).computed_verdict() is Verdict.EXCEEDED
    assert _target(over, equal).computed_verdict() is Verdict.MET
    assert _target(over, under).computed_verdict() is Verdict.MISSED
    assert _target(over, pending).computed_verdict() is None
    assert _target(under, pending).computed_verdict() is Verdict.MISSED
    assert _target(over, equal).achieved_cell() == "18 x; 20 y"
    assert _target(over, pending).achieved_cell() == "Chưa có số liệu"


def test_override_wins_and_counts() -> None:
    missed = Measure(Kind.AT_LEAST, "x", q("10", "x"), q("9", "x"))
    met = Measure(Kind.AT_LEAST, "x", q("10", "x"), q("10", "x"))
    over = Measure(Kind.AT_LEAST, "x", q("10", "x"), q("11", "x"))
    overridden = _target(missed, override=Override(Verdict.MET, "cấp trên điều chỉnh"))
    assert overridden.computed_verdict() is Verdict.MISSED
    assert overridden.verdict is Verdict.MET
    targets = (
        overridden,
        _target(met, number=2),
        _target(over, number=3),
        _target(missed, number=4),
        _target(Measure(Kind.AT_LEAST, "x", q("1", "x"), None), number=5),
    )
    counts = TargetSet(SetKind.PREVIOUS, Term(2020, 2025), targets).counts()
    assert (counts.met, counts.exceeded, counts.missed, counts.pending) == (2, 1, 1, 1)
    assert counts.met_or_exceeded == 3
    assert counts.total == 5


def test_combine() -> None:
    years = [q("92.8", "%"), q("93.1", "%"), q("94.6", "%")]
    assert combine(years, Combine.MEAN, 1) == Quantity(Decimal("93.5"), "%", 1)
    assert combine(years, Combine.LAST, 1) == years[-1]
    assert combine([q("2"), q("3")], Combine.SUM, 0) == q("5")
    assert combine(years, Combine.NONE, 1) is None


def test_verdict_parse() -> None:
    assert Verdict.parse(" không  ĐẠT ") is Verdict.MISSED
    assert Verdict.parse("Vượt") is Verdict.EXCEEDED
    assert Verdict.parse("tốt") is None
