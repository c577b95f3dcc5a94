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

_VERSION = 1
MAX_ENTRIES = 50_000


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
    """Entries for one report folder, loaded once and written back once per run."""

    def __init__(self, root: Path) -> None:
        self.path = cache_dir() / f"run-{digest(str(root.resolve()))[:16]}.pickle"
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.dirty = False
        try:
            with self.path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, dict) and loaded.get("version") == _VERSION:
                self.old = loaded["entries"]
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, KeyError):
            self.old = {}
        except Exception:  # a damaged cache must never stop the linter
            self.old = {}

    def get(self, key: str) -> Any:
        if key in self.new:
            return self.new[key]
        if key in self.old:
            self.new[key] = self.old[key]
            return self.new[key]
        return None

    def put(self, key: str, value: Any) -> None:
        self.new[key] = value
        self.dirty = True

    def save(self) -> None:
        """Write the entries if anything new was computed. Entries not used in this run are
        kept (a paragraph edited back, the other files' language hits) up to a size limit."""
        if not self.dirty:
            return
        entries = {**self.old, **self.new}
        if len(entries) > MAX_ENTRIES:
            entries = self.new
        data = {"version": _VERSION, "entries": entries}
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
