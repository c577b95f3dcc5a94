"""Summaries of samples and the linearity measure."""

from __future__ import annotations

import pytest
from bench.run import marginal_costs
from bench.stats import growth, summarize


def test_summary_of_odd_sample() -> None:
    s = summarize([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (s.n, s.median, s.minimum, s.maximum) == (5, 3.0, 1.0, 5.0)
    assert (s.q1, s.q3, s.iqr) == (2.0, 4.0, 2.0)


def test_summary_of_one_sample_has_no_spread() -> None:
    s = summarize([0.25])
    assert s.median == s.minimum == s.maximum == 0.25
    assert s.iqr == 0.0


def test_empty_sample_is_refused() -> None:
    with pytest.raises(ValueError):
        summarize([])


def test_marginal_cost_cancels_fixed_start_up() -> None:
    # 0.2 s start-up + 1 ms per word: linear, whatever the start-up.
    words = [1000, 4000, 16000]
    times = [0.2 + w / 1000 * 0.001 for w in words]
    costs = marginal_costs(words, times)
    assert costs == pytest.approx([1e-6, 1e-6])
    assert growth(costs) == pytest.approx((0.0, 0.0), abs=1e-9)


def test_quadratic_cost_shows_as_a_rise() -> None:
    words = [1000, 4000, 16000]
    times = [(w / 1000) ** 2 * 0.001 for w in words]
    rise, fall = growth(marginal_costs(words, times))
    assert rise > 1.0 and fall == 0.0


def test_a_cost_that_falls_with_size_is_no_rise() -> None:
    words = [1000, 4000, 16000]
    times = [0.2 + (w / 1000) ** 0.5 * 0.01 for w in words]  # grows slower than the input
    rise, fall = growth(marginal_costs(words, times))
    assert rise == 0.0 and fall > 0.3
