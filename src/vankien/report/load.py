"""Loading a whole report once: unit, outline, every skeleton file, parsed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from vankien.outline.model import Outline
from vankien.report.cache import RunCache
from vankien.report.document import SourceFile, parse_file
from vankien.report.model import Report
from vankien.skeleton.files import read_skeleton, skeleton_files
from vankien.unit.model import Unit


def _plain(value: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (picklable without ruamel)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _cached(kind: str, path: Path, load: Callable[[], Any], modules: tuple[Any, ...]) -> Any:
    from vankien.report.cache import cached_load

    return cached_load(kind, path, load, modules)


def load_outline_cached(path: Path) -> Outline:
    from vankien.outline import load as load_mod
    from vankien.outline import model as model_mod

    outline = _cached("outline", path, lambda: load_mod.load_outline(path), (load_mod, model_mod))
    if not isinstance(outline, Outline):
        return load_mod.load_outline(path)
    return outline


def load_unit_cached(root: Path) -> Unit:
    from vankien.report.cache import activate
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
