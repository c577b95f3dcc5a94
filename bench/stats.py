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


def growth(per_unit: Sequence[float]) -> tuple[float, float]:
    """(rise, fall) of a cost per unit of work listed from the smallest size to the largest:
    how much more a larger size costs per unit than a smaller one at most, and how much less,
    each as a ratio - 1 (0.0 both: perfectly linear). A rise is work growing faster than the
    input; a fall (start-up costs that a larger input shares out) is not."""
    if not per_unit or min(per_unit) <= 0:
        raise ValueError("need positive costs")
    pairs = [(a, b) for i, a in enumerate(per_unit) for b in per_unit[i + 1 :]]
    rise = max((b / a for a, b in pairs), default=1.0) - 1.0
    fall = max((a / b for a, b in pairs), default=1.0) - 1.0
    return max(rise, 0.0), max(fall, 0.0)
