"""The loaded report: unit, outline and every skeleton file, parsed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.outline.model import Outline
from vankien.report.document import Heading, SourceFile, TextUnit
from vankien.skeleton.render import substitute
from vankien.unit.model import Unit

if TYPE_CHECKING:
    from vankien.report.cache import RunCache


@dataclass
class Report:
    """The parsed report: metadata, outline and every skeleton file in document order."""

    root: Path
    unit: Unit
    outline: Outline
    files: list[SourceFile]
    run_cache: RunCache | None = None

    @property
    def reads_data_files(self) -> bool:
        """Whether the rules may read the report folder's data files (chi-tieu.yaml): not for
        a Word draft checked against another unit's folder."""
        return True

    @cached_property
    def headings(self) -> list[Heading]:
        return [h for f in self.files for h in f.headings]

    @cached_property
    def variables(self) -> dict[str, str]:
        return self.unit.variables()

    def file(self, rel: str) -> SourceFile:
        for source in self.files:
            if source.rel == rel:
                return source
        raise KeyError(rel)

    def units(self) -> Iterator[TextUnit]:
        for source in self.files:
            yield from source.units

    def substitute(self, text: str) -> str:
        """Resolve ``{{name}}`` with the unit's values (unknown names are left as written)."""
        values = self.variables
        return substitute(text, values)
