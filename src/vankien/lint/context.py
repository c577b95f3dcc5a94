"""What every lint rule receives: the loaded report and the lint configuration."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from vankien.outline.model import Outline, Section
from vankien.report.model import Report
from vankien.unit.model import Unit

if TYPE_CHECKING:
    from vankien.lint.config import LintConfig


@dataclass
class Context:
    """What every rule receives: the report and the lint configuration."""

    report: Report
    config: LintConfig
    known_codes: frozenset[str] = frozenset()
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def unit(self) -> Unit:
        return self.report.unit

    @property
    def outline(self) -> Outline:
        return self.report.outline

    @cached_property
    def section_index(self) -> dict[tuple[tuple[int, int], ...], Section]:
        """Outline sections keyed by their number path: ((level, n), ...)."""
        out: dict[tuple[tuple[int, int], ...], Section] = {}

        def visit(section: Section, prefix: tuple[tuple[int, int], ...]) -> None:
            key = (*prefix, (section.level.value, section.number.last))
            out[key] = section
            for child in section.children:
                visit(child, key)

        for top in self.outline.sections:
            visit(top, ())
        return out
