"""Summaries of timing samples: median and spread (min, max, interquartile range)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    n: int
    median: float
    minimum: float
    maximum: float
    q1: float
    q3: float

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


def summarize(samples: Sequence[float]) -> Summary:
    """Median, min, max and quartiles (inclusive method, so n=1 and n=2 work too)."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    if len(ordered) == 1:
        q1 = q3 = ordered[0]
    else:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Summary(
        n=len(ordered),
        median=statistics.median(ordered),
        minimum=ordered[0],
        maximum=ordered[-1],
        q1=q1,
        q3=q3,
    )


def slope_spread(per_unit: Sequence[float]) -> float:
    """How far the largest cost per unit of work strays from the smallest, as a ratio - 1.

    0.0 means perfectly linear; 0.25 means the worst size costs 25 % more per word than the
    best one.
    """
    if not per_unit or min(per_unit) <= 0:
        raise ValueError("need positive costs")
    return max(per_unit) / min(per_unit) - 1.0
