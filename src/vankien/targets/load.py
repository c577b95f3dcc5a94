"""Load and validate ``chi-tieu.yaml`` (documented in docs/chi-tieu.md).

Every problem is a :class:`vankien.errors.UserError` in Vietnamese naming the file, the line
and the key; a report without the file has no target data (None), which is not an error.
"""

from __future__ import annotations

from pathlib import Path

from vankien.targets.model import TargetData
from vankien.unit.model import Term

FILE_NAME = "chi-tieu.yaml"


def targets_path(root: Path) -> Path:
    """Where a report keeps its targets."""
    return root / FILE_NAME


def load_targets(root: Path, previous_term: Term, current_term: Term) -> TargetData | None:
    """The report's targets, validated, or None when ``root`` has no ``chi-tieu.yaml``.

    ``previous_term`` and ``current_term`` come from report.yaml (``Unit.previous_term``,
    ``Unit.current_term``): the years a target gives must lie in its set's term.
    """
    raise NotImplementedError
