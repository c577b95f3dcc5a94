"""report.yaml, the outline and chi-tieu.yaml, each through the report's cache (parsing YAML
with line numbers is the slow part of a small run): the loaders :class:`Report` calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vankien.outline.model import Outline
from vankien.report.cache import cached_load
from vankien.unit.model import Unit

if TYPE_CHECKING:
    from vankien.targets.model import TargetData


def _plain(value: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (picklable without ruamel)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _cached(
    folder: Path | None, kind: str, path: Path, load: Callable[[], Any], modules: tuple[Any, ...]
) -> Any:
    return cached_load(folder, kind, path, load, modules)


def load_outline_cached(path: Path, folder: Path | None) -> Outline:
    """The outline at ``path``, through the cache in ``folder`` (None: no cache)."""
    from vankien.outline import load as load_mod
    from vankien.outline import model as model_mod

    load = lambda: load_mod.load_outline(path)  # noqa: E731
    outline = _cached(folder, "outline", path, load, (load_mod, model_mod))
    if not isinstance(outline, Outline):
        return load_mod.load_outline(path)
    return outline


def load_unit_cached(root: Path, folder: Path | None) -> Unit:
    """report.yaml of ``root``, through the cache in ``folder`` (None: no cache)."""
    from vankien.unit import load as load_mod
    from vankien.unit import model as model_mod

    def load() -> Unit:
        unit = load_mod.load_unit(root)
        return replace(unit, lint=_plain(unit.lint), build=_plain(unit.build))

    path = root / load_mod.METADATA_FILE
    if not path.is_file():
        return load_mod.load_unit(root)
    unit = _cached(folder, "unit", path, load, (load_mod, model_mod))
    if not isinstance(unit, Unit) or unit.path.resolve() != path.resolve():
        return load()
    # The key is the resolved path: an entry stored by a run given an absolute --root serves
    # a run given a relative one too (instead of parsing report.yaml again every time).
    return unit if unit.path == path else replace(unit, path=path)


def load_targets_cached(root: Path, unit: Unit, folder: Path | None) -> TargetData | None:
    """chi-tieu.yaml of ``root`` (None without one), validated against the unit's terms,
    through the cache in ``folder`` (keyed by the file, the terms and the loader's code)."""
    from vankien.targets import load as load_mod
    from vankien.targets import model as model_mod
    from vankien.targets import numbers as numbers_mod

    path = load_mod.targets_path(root)
    if not path.is_file():
        return None

    def load() -> TargetData | None:
        return load_mod.load_targets(root, unit.previous_term, unit.current_term)

    terms = f"{unit.previous_term.start}-{unit.previous_term.end}-{unit.current_term.end}"
    kind = f"targets{terms}"
    data = _cached(folder, kind, path, load, (load_mod, model_mod, numbers_mod))
    return data if isinstance(data, model_mod.TargetData) else load()
