"""The loaded report: unit, outline, skeleton files (parsed), chi-tieu.yaml and the cache.

One :class:`Report` is loaded per report folder and process (:func:`vankien.report.load.
load_report`) and handed to every step: lint, build, status, redline, release, scaffold
``--check`` and the Word commands. report.yaml is read at once (its errors come first); the
outline, the skeleton files and the targets are read when a step first asks for them, so a
command that needs only the unit and the outline (a Word draft checked in a folder) reads
nothing else.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.report.cache import RunCache
from vankien.skeleton.render import substitute

if TYPE_CHECKING:
    from vankien.outline.model import Outline
    from vankien.report.document import Heading, SourceFile, TextUnit
    from vankien.targets.model import TargetData
    from vankien.unit.model import Stage, Unit


class Report:
    """One report folder, read once: metadata, outline and every skeleton file in order."""

    def __init__(
        self,
        root: Path,
        unit: Unit,
        run_cache: RunCache | None = None,
        *,
        outline: Outline | None = None,
        files: Sequence[SourceFile] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> None:
        """``outline`` and ``files`` given: used as they are (a Word draft, one file of a
        report); else read from ``root`` when first asked for. ``texts`` replaces the content
        of some skeleton files (by relative path): the result of ``--fix``, re-linted before
        anything is written."""
        self.root = root
        self.unit = unit
        self.run_cache = run_cache  # None: nothing cached (a Word draft)
        self.is_whole = True  # False: some of the files only (see with_files)
        self._texts = texts
        if outline is not None:
            self.outline = outline
        if files is not None:
            self.files = list(files)

    @property
    def cache_folder(self) -> Path | None:
        """The report's cache folder (None: caching is off)."""
        return self.run_cache.folder if self.run_cache is not None else None

    @property
    def reads_data_files(self) -> bool:
        """Whether the rules may read the report folder's data files (chi-tieu.yaml): not for
        a Word draft checked against another unit's folder."""
        return True

    @cached_property
    def outline(self) -> Outline:
        from vankien import resources
        from vankien.report.cached import load_outline_cached

        path = resources.find(self.root, "outline", f"{self.unit.outline}.yaml")
        return load_outline_cached(path, self.cache_folder)

    @cached_property
    def texts(self) -> list[tuple[str, str]]:
        """(relative path, text) of every skeleton file in document order, read once: what
        :attr:`files` parses, and all the build needs of them (it starts pandoc on them before
        the lint parses anything)."""
        if "files" in self.__dict__:
            return [(parsed.rel, parsed.text) for parsed in self.files]
        from vankien.skeleton.files import read_skeleton, skeleton_files

        replaced = self._texts or {}
        out: list[tuple[str, str]] = []
        for path in skeleton_files(self.root):
            rel = path.relative_to(self.root).as_posix()
            out.append((rel, replaced[rel] if rel in replaced else read_skeleton(path)))
        return out

    @cached_property
    def files(self) -> list[SourceFile]:
        """Every skeleton file in document order, parsed once."""
        from vankien.report.document import parse_file

        out: list[SourceFile] = []
        base = 0
        for rel, text in self.texts:
            parsed = parse_file(rel, text, base, self.run_cache)
            base += len(parsed.headings)
            out.append(parsed)
        return out

    @cached_property
    def target_data(self) -> TargetData | None:
        """chi-tieu.yaml, validated (None without one, and for a Word draft: its targets are
        the table in the draft, not the data of the folder it is checked in)."""
        if not self.reads_data_files:
            return None
        from vankien.report.cached import load_targets_cached

        return load_targets_cached(self.root, self.unit, self.cache_folder)

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
        return substitute(text, self.variables)

    def _copy(self, texts: Mapping[str, str] | None) -> Report:
        """The same report (of the same class: a Word draft stays one) without its files read."""
        other = copy.copy(self)
        for name in ("texts", "files", "headings"):
            other.__dict__.pop(name, None)
        other._texts = texts
        return other

    def with_files(self, files: Sequence[SourceFile]) -> Report:
        """The same report with only ``files`` (a file-scope rule checks one file at a time):
        what depends on every file (where each heading sits in the outline) cannot be asked."""
        other = self._copy(None)
        other.files = list(files)
        other.is_whole = False
        return other

    def with_texts(self, texts: Mapping[str, str]) -> Report:
        """The same report with the text of some files replaced (by relative path)."""
        return self._copy(texts)

    def reread(self) -> Report:
        """The same report with its skeleton files read again (after ``--fix`` wrote them)."""
        return self._copy(None)

    def at_stage(self, stage: Stage) -> Report:
        """The report as if report.yaml named ``stage`` (``vankien release`` lints the stage
        it is about to create): the same files, outline and cache."""
        if stage == self.unit.stage:
            return self
        moved = Report(self.root, replace(self.unit, stage=stage), self.run_cache)
        for name in ("outline", "files", "target_data"):
            if name in self.__dict__:
                moved.__dict__[name] = self.__dict__[name]
        return moved
