"""Loading a whole report once: unit, outline, every skeleton file, parsed."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vankien.errors import UserError
from vankien.lint.document import Heading, SourceFile, TextUnit, parse_file
from vankien.outline.model import Outline, Section
from vankien.textio import read_text, write_atomic
from vankien.unit.model import Unit

if TYPE_CHECKING:
    from vankien.lint.config import LintConfig

SKELETON_DIR = "skeleton"
VARIABLE_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


@dataclass
class Report:
    """The parsed report: metadata, outline and every skeleton file in document order."""

    root: Path
    unit: Unit
    outline: Outline
    files: list[SourceFile]

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
        return VARIABLE_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


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


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vankien"


def _code_stamp() -> str:
    """Changes whenever the outline model or loader changes, invalidating cached outlines."""
    from vankien import __version__
    from vankien.outline import load as load_mod
    from vankien.outline import model as model_mod

    parts = [__version__]
    for module in (load_mod, model_mod):
        try:
            parts.append(str(Path(str(module.__file__)).stat().st_mtime_ns))
        except OSError:
            parts.append("?")
    return "-".join(parts)


def load_outline_cached(path: Path) -> Outline:
    """Load an outline, reusing a pickled copy keyed by the file's bytes (YAML parsing is slow).

    The cache is only an optimisation: any problem with it falls back to a normal load.
    """
    from vankien.outline.load import load_outline

    try:
        data = path.read_bytes()
    except OSError:
        return load_outline(path)
    key = hashlib.sha256(data + _code_stamp().encode() + str(path).encode()).hexdigest()[:32]
    cached = _cache_dir() / f"outline-{key}.pickle"
    try:
        with cached.open("rb") as handle:
            outline = pickle.load(handle)
        if isinstance(outline, Outline):
            return outline
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        pass
    outline = load_outline(path)
    with contextlib.suppress(OSError):
        write_atomic(cached, pickle.dumps(outline, protocol=pickle.HIGHEST_PROTOCOL))
    return outline


def skeleton_files(root: Path) -> list[Path]:
    folder = root / SKELETON_DIR
    if not folder.is_dir():
        raise UserError(
            "không tìm thấy thư mục skeleton/ của báo cáo",
            path=root,
            hint="chạy «vankien scaffold» để tạo các tệp khung từ đề cương.",
        )
    return sorted(p for p in folder.iterdir() if p.suffix == ".md" and p.is_file())


def load_report(root: Path, texts: Mapping[str, str] | None = None) -> Report:
    """Read report.yaml, the outline and every skeleton file; parse each file once.

    ``texts`` replaces the content of some files (by relative path): used to re-lint the
    result of ``--fix`` before anything is written.
    """
    from vankien import resources
    from vankien.unit.load import load_unit

    unit = load_unit(root)
    outline = load_outline_cached(resources.find(root, "outline", f"{unit.outline}.yaml"))
    files: list[SourceFile] = []
    base = 0
    for path in skeleton_files(root):
        rel = path.relative_to(root).as_posix()
        text = texts[rel] if texts is not None and rel in texts else read_text(path)
        parsed = parse_file(rel, text, base)
        base += len(parsed.headings)
        files.append(parsed)
    return Report(root=root, unit=unit, outline=outline, files=files)
