"""A small on-disk cache so that linting an unchanged report on every commit stays fast.

What is cached is always keyed by the exact text it was computed from (plus a stamp of the
code and data that computed it), so a stale entry can never be used: mistune's block tokens
per file, the Vietnamese checks' hits per paragraph, the parsed outline and report.yaml. The
cache is only an optimisation; any problem with it falls back to computing.

Location: ``$VANKIEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/vankien``, else ``~/.cache/vankien``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vankien.textio import write_atomic

_VERSION = 2
KEEP_RUNS = 20


def cache_dir() -> Path:
    direct = os.environ.get("VANKIEN_CACHE_DIR")
    if direct:
        return Path(direct)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vankien"


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
        self.path = cache_dir() / f"run-{digest(str(root.resolve()))[:16]}.pickle"
        self.run = 0
        self.old: dict[str, tuple[int, Any]] = {}
        self.used: dict[str, Any] = {}
        self.dirty = False
        try:
            with self.path.open("rb") as handle:
                loaded = pickle.load(handle)
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
        self.dirty = True

    def save(self) -> None:
        """Write the entries back if anything new was computed."""
        if not self.dirty:
            return
        keep = self.run - KEEP_RUNS
        entries = {k: v for k, v in self.old.items() if v[0] >= keep and k not in self.used}
        entries.update((k, (self.run, v)) for k, v in self.used.items())
        data = {"version": _VERSION, "run": self.run, "entries": entries}
        with contextlib.suppress(OSError, pickle.PickleError, TypeError, AttributeError):
            write_atomic(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


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


def cached_load(kind: str, path: Path, load: Callable[[], Any], modules: tuple[Any, ...]) -> Any:
    """``load()``, reusing a pickled result keyed by the file's bytes (YAML parsing is slow).

    ``modules`` are the loader and model modules: editing one invalidates the entries. Used
    for the outline and report.yaml (lint) and the profile (build). The cache is only an
    optimisation: any problem with it falls back to a normal load, and only successful loads
    are stored (errors are always reported from the real file).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return load()
    stamp = f"{_code_stamp(modules)}|{path.resolve()}".encode()
    key = hashlib.sha256(data + stamp).hexdigest()[:32]
    cached = cache_dir() / f"{kind}-{key}.pickle"
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        pass
    result = load()
    with contextlib.suppress(OSError, pickle.PickleError, TypeError, AttributeError):
        write_atomic(cached, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result
