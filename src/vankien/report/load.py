"""Loading a report once per process: :func:`load_report` is where every command starts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from vankien.report.cache import RunCache
from vankien.report.cached import load_unit_cached
from vankien.report.model import Report


def load_report(
    root: Path, texts: Mapping[str, str] | None = None, run_cache: RunCache | None = None
) -> Report:
    """The report at ``root``: report.yaml read now (through the report's cache), the rest
    when first asked for (see :class:`Report`).

    ``texts`` replaces the content of some files (by relative path).
    """
    cache = run_cache if run_cache is not None else RunCache(root)
    unit = load_unit_cached(root, cache.folder)
    return Report(root, unit, cache, texts=texts)
