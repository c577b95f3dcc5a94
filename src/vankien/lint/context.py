"""Loading a whole report once: unit, outline, every skeleton file, parsed."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vankien.lint.document import Heading, SourceFile, TextUnit, parse_file
from vankien.outline.model import Outline, Section
from vankien.skeleton.files import read_skeleton, skeleton_files
from vankien.skeleton.render import substitute
from vankien.unit.model import Unit

if TYPE_CHECKING:
    from vankien.lint.cache import RunCache
    from vankien.lint.config import LintConfig


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


def _plain(value: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (picklable without ruamel)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _cached(kind: str, path: Path, load: Callable[[], Any], modules: tuple[Any, ...]) -> Any:
    from vankien.lint.cache import cached_load

    return cached_load(kind, path, load, modules)


def load_outline_cached(path: Path) -> Outline:
    from vankien.outline import load as load_mod
    from vankien.outline import model as model_mod

    outline = _cached("outline", path, lambda: load_mod.load_outline(path), (load_mod, model_mod))
    if not isinstance(outline, Outline):
        return load_mod.load_outline(path)
    return outline


def load_unit_cached(root: Path) -> Unit:
    from vankien.lint.cache import activate
    from vankien.unit import load as load_mod
    from vankien.unit import model as model_mod

    activate(root)  # report.yaml is the first thing any command reads of a report

    def load() -> Unit:
        unit = load_mod.load_unit(root)
        return replace(unit, lint=_plain(unit.lint), build=_plain(unit.build))

    path = root / load_mod.METADATA_FILE
    if not path.is_file():
        return load_mod.load_unit(root)
    unit = _cached("unit", path, load, (load_mod, model_mod))
    if not isinstance(unit, Unit) or unit.path.resolve() != path.resolve():
        return load()
    # The key is the resolved path: an entry stored by a run given an absolute --root serves
    # a run given a relative one too (instead of parsing report.yaml again every time).
    return unit if unit.path == path else replace(unit, path=path)


def load_report(
    root: Path, texts: Mapping[str, str] | None = None, run_cache: RunCache | None = None
) -> Report:
    """Read report.yaml, the outline and every skeleton file; parse each file once.

    ``texts`` replaces the content of some files (by relative path): used to re-lint the
    result of ``--fix`` before anything is written.
    """
    from vankien import resources

    unit = load_unit_cached(root)
    outline = load_outline_cached(resources.find(root, "outline", f"{unit.outline}.yaml"))
    files: list[SourceFile] = []
    base = 0
    for path in skeleton_files(root):
        rel = path.relative_to(root).as_posix()
        text = texts[rel] if texts is not None and rel in texts else read_skeleton(path)
        parsed = parse_file(rel, text, base, run_cache)
        base += len(parsed.headings)
        files.append(parsed)
    return Report(root=root, unit=unit, outline=outline, files=files, run_cache=run_cache)
