"""Where each heading sits in the outline: asked of the whole report only."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.lint.config import LintConfig
from vankien.lint.model import Context
from vankien.lint.placement import placed_headings
from vankien.report.load import load_report

REPO = Path(__file__).resolve().parents[2]


def test_the_headings_of_every_file_are_placed_and_one_file_alone_cannot_be():
    report = load_report(REPO / "examples" / "dang-bo")
    placed = placed_headings(Context(report, LintConfig()))
    assert len(placed) == len(report.headings) > len(report.files[0].headings)
    # A later file's first heading sits under the headings of the files before it.
    second = report.files[1].headings[0]
    (place,) = [p for p in placed if p.heading is second]
    assert place.section is not None and place.parent is not None
    assert place.parent.heading.rel != second.rel
    # One file alone: its placement would be wrong, and would be kept for the whole run.
    one = report.with_files([report.files[1]])
    with pytest.raises(RuntimeError, match="whole report"):
        placed_headings(Context(one, LintConfig()))
