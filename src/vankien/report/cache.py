"""A small on-disk cache so that linting an unchanged report on every commit stays fast.

What is cached is always keyed by the exact text it was computed from (plus a stamp of the
code and data that computed it), so a stale entry can never be used: mistune's block tokens
per file, the Vietnamese checks' hits per paragraph, the parsed outline and report.yaml. The
cache is only an optimisation; any problem with it falls back to computing.

Location: ``<report folder>/.vankien-cache/`` (nothing outside the report folder is read or
written; the folder carries its own ``.gitignore`` so it is never committed), or
``$VANKIEN_CACHE_DIR``. The cache belongs to one loaded report (:class:`RunCache`, held by
:class:`vankien.report.model.Report`): every cached load is given its folder, there is no
process-wide "current report". It is off in CI (``CI`` set) and with ``VANKIEN_NO_CACHE=1``, so that
a pipeline always computes from the text. Entries are unpickled with an allow-list of
classes: a planted cache file cannot run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from vankien.errors import UserError
from vankien.textio import write_atomic

_VERSION = 3
KEEP_RUNS = 20
CACHE_FOLDER = ".vankien-cache"


def cache_folder(root: Path | None) -> Path | None:
    """Where the cache of the report folder ``root`` lives, or None when caching is off
    (``root`` None: no report folder, only ``$VANKIEN_CACHE_DIR``)."""
    if os.environ.get("VANKIEN_NO_CACHE") or os.environ.get("CI"):
        return None
    direct = os.environ.get("VANKIEN_CACHE_DIR")
    if direct:
        return Path(direct)
    if root is None:
        return None
    return root / CACHE_FOLDER


def prepare_cache_folder(folder: Path) -> None:
    """Make the cache folder, with a .gitignore that keeps it out of git (OSError: it cannot
    be made, and the callers skip the cache)."""
    ignore = folder / ".gitignore"
    try:
        if not ignore.exists():
            text = "# Bộ nhớ đệm của vankien: không đưa vào git.\n*\n"
            write_atomic(ignore, text, durable=False)
    except UserError as exc:  # a full disk or read-only folder
        raise OSError(exc.message) from exc


def replace_entries(
    folder: Path,
    pattern: str,
    keep: Collection[Path],
    spare: Callable[[Path], bool] | None = None,
) -> None:
    """Remove the files of ``folder`` matching ``pattern`` but those in ``keep`` (and those
    ``spare`` says to leave): the entry just written replaces the earlier versions' entries,
    so the cache does not grow with every edit. A file that cannot be removed stays."""
    for stale in folder.glob(pattern):
        if stale in keep or (spare is not None and spare(stale)):
            continue
        with contextlib.suppress(OSError):
            stale.unlink(missing_ok=True)


def write_cache_file(path: Path, data: bytes) -> None:
    """Write one cache file (see :func:`prepare_cache_folder`)."""
    prepare_cache_folder(path.parent)
    try:
        write_atomic(path, data, durable=False)  # a lost cache file only costs speed
    except UserError as exc:  # a full disk or read-only folder: the callers skip the cache
        raise OSError(exc.message) from exc


_SAFE_BUILTINS = frozenset(
    {
        "dict",
        "list",
        "tuple",
        "set",
        "frozenset",
        "str",
        "bytes",
        "int",
        "float",
        "bool",
        "complex",
        "slice",
        "range",
        "object",
        "getattr",
    }
)
_SAFE_GLOBALS = frozenset(
    {
        ("copyreg", "_reconstructor"),
        ("copyreg", "__newobj__"),
        ("datetime", "date"),
        ("datetime", "datetime"),
        ("pathlib", "PosixPath"),
        ("pathlib", "WindowsPath"),
        ("pathlib", "PurePosixPath"),
        ("pathlib", "Path"),
        ("collections", "OrderedDict"),
        ("decimal", "Decimal"),  # the figures of chi-tieu.yaml
    }
)


class _SafeUnpickler(pickle.Unpickler):
    """Only builtin containers and vankien's own data classes may come out of the cache."""

    def find_class(self, module: str, name: str) -> Any:
        if (
            (module == "builtins" and name in _SAFE_BUILTINS)
            or (module, name) in _SAFE_GLOBALS
            or (module.startswith("vankien.") and not name.startswith("_"))
        ):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refused in cache: {module}.{name}")


def safe_loads(data: bytes) -> Any:
    return _SafeUnpickler(io.BytesIO(data)).load()


def digest(*parts: str) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def stamp_of(paths: list[Path]) -> str:
    """Size and modification time of the files whose content decides a cached value."""
    out = []
    for path in paths:
        try:
            st = path.stat()
            out.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            out.append(f"{path}:?")
    return digest(str(_VERSION), *out)


class RunCache:
    """Entries for one report folder, loaded once and written back once per run.

    Each entry remembers the last run that used it. Entries used in this run are always kept;
    the others (paragraphs edited back and forth, the language hits of files whose whole-file
    entry answered) are kept for KEEP_RUNS more saves, so that old code or data versions do
    not pile up.
    """

    def __init__(self, root: Path) -> None:
        folder = cache_folder(root)
        name = f"run-{digest(str(root.resolve()))[:16]}.pickle"
        # Where this report's cached loads live too (None: caching is off).
        self.folder = folder
        self.path = folder / name if folder is not None else None
        self.run = 0
        self.old: dict[str, tuple[int, Any]] = {}
        self.used: dict[str, Any] = {}
        self.added: dict[str, Any] = {}  # computed in this process (a lint child sends them)
        self.dirty = False
        if self.path is None:
            return
        try:
            loaded = safe_loads(self.path.read_bytes())
            if isinstance(loaded, dict) and loaded.get("version") == _VERSION:
                self.run = int(loaded["run"]) + 1
                self.old = loaded["entries"]
        except Exception:  # a damaged or foreign cache must never stop the linter
            self.run, self.old = 0, {}

    def get(self, key: str) -> Any:
        if key in self.used:
            return self.used[key]
        entry = self.old.get(key)
        if entry is None:
            return None
        self.used[key] = entry[1]
        return entry[1]

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value
        self.added[key] = value
        self.dirty = True

    def adopt(self, entries: dict[str, Any]) -> None:
        """Entries another process computed for this run (saved with this run's own)."""
        if entries:
            self.used.update(entries)
            self.added.update(entries)
            self.dirty = True

    def save(self) -> None:
        """Write the entries back if anything new was computed."""
        if not self.dirty or self.path is None:
            return
        keep = self.run - KEEP_RUNS
        entries = {k: v for k, v in self.old.items() if v[0] >= keep and k not in self.used}
        entries.update((k, (self.run, v)) for k, v in self.used.items())
        data = {"version": _VERSION, "run": self.run, "entries": entries}
        with contextlib.suppress(OSError, pickle.PickleError, TypeError, AttributeError):
            write_cache_file(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _code_stamp(modules: tuple[Any, ...]) -> str:
    """Changes whenever a loader or model changes, invalidating cached results."""
    from vankien import __version__

    parts = [__version__]
    for module in modules:
        try:
            parts.append(str(Path(str(module.__file__)).stat().st_mtime_ns))
        except OSError:
            parts.append("?")
    return "-".join(parts)


def cached_load(
    folder: Path | None, kind: str, path: Path, load: Callable[[], Any], modules: tuple[Any, ...]
) -> Any:
    """``load()``, reusing a pickled result in ``folder`` (the report's cache folder, None:
    off) keyed by the file's bytes (YAML parsing is slow).

    ``modules`` are the loader and model modules: editing one invalidates the entries. Used
    for the outline and report.yaml (lint) and the profile (build). The cache is only an
    optimisation: any problem with it falls back to a normal load, and only successful loads
    are stored (errors are always reported from the real file).
    """
    if folder is None:
        return load()
    try:
        data = path.read_bytes()
    except OSError:
        return load()
    stamp = f"{_code_stamp(modules)}|{path.resolve()}".encode()
    key = hashlib.sha256(data + stamp).hexdigest()[:32]
    # One entry per source file: the entry of an earlier version of the file is replaced,
    # so the folder does not grow with every edit of report.yaml or the outline.
    prefix = f"{kind}-{digest(str(path.resolve()))[:12]}-"
    cached = folder / f"{prefix}{key}.pickle"
    try:
        return safe_loads(cached.read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        pass
    result = load()
    with contextlib.suppress(OSError, pickle.PickleError, TypeError, AttributeError):
        write_cache_file(cached, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        replace_entries(folder, f"{prefix}*.pickle", (cached,))
    return result
