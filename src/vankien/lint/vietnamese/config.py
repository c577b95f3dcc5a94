"""The word lists the checks use, loaded once per process and validated on load.

The data lives in ``vankien/data``: ``words.txt`` (general dictionary, pyvi, MIT) and
``vietnamese/*.txt|yaml`` (curated here; a language reviewer edits them without Python).
Plain-text lists parse in a few milliseconds; the YAML list of misspellings would need ruamel
(about 45 ms to import), so its parsed form is cached with marshal in the user cache folder,
keyed by the data files' size and modification time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from vankien.errors import UserError
from vankien.lint.vietnamese.syllable import parse, to_second_style
from vankien.resources import data_path

ToneSetting = Literal["auto", "first", "second"]
TONE_SETTINGS: tuple[str, ...] = ("auto", "first", "second")

_CACHE_VERSION = 1
_LIST_FILES = ("watchlist.txt", "stopwords.txt", "reduplications.txt", "names.txt", "allowed.txt")
_MISSPELLINGS = "misspellings.yaml"


@dataclass(frozen=True, slots=True)
class Misspelling:
    wrong: str  # look-up key form (lower case, "second" tone style)
    right: str  # as written in the data file
    note: str
    autofix: bool


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """All word lists, normalised to look-up keys (lower case, NFC, tone style «hoà»)."""

    words: frozenset[str]  # general dictionary + watchlist + allowed terms
    watch: frozenset[str]
    # (length, wildcard position, the other syllables) → ((syllable at that position, term), …)
    watch_index: dict[tuple[int, int, tuple[str, ...]], tuple[tuple[str, str], ...]]
    watch_lengths: tuple[int, ...]
    stopwords: frozenset[str]
    reduplications: frozenset[str]
    names: frozenset[str]
    misspellings: dict[str, Misspelling]
    max_misspelling_len: int
    _syllables: list[frozenset[str]] = field(default_factory=list)

    def syllables(self) -> frozenset[str]:
        """Every syllable of the dictionary (built on first use: only legacy checks need it)."""
        if not self._syllables:
            syl: set[str] = set()
            for word in self.words:
                syl.update(word.split(" "))
            self._syllables.append(frozenset(s for s in syl if parse(s) is not None))
        return self._syllables[0]


@dataclass(frozen=True, slots=True)
class LangConfig:
    tone_style: ToneSetting
    extra_terms: frozenset[str]  # look-up keys of terms the project accepts as correct
    lexicon: Lexicon

    def is_word(self, key: str) -> bool:
        return key in self.lexicon.words or key in self.extra_terms


def load_lang_config(tone_style: str = "auto", extra_terms: Iterable[str] = ()) -> LangConfig:
    """The configuration every check takes; the word lists are loaded once per process."""
    if tone_style not in TONE_SETTINGS:
        raise UserError(
            f"kiểu đặt dấu thanh «{tone_style}» không hợp lệ",
            key="tone_style",
            hint="dùng một trong: auto (theo số đông trong văn bản), first (hòa, khỏe, thủy), "
            "second (hoà, khoẻ, thuỷ).",
        )
    extra = frozenset(
        to_second_style(unicodedata.normalize("NFC", t).strip().lower())
        for t in extra_terms
        if t.strip()
    )
    return LangConfig(tone_style, extra, load_lexicon())  # type: ignore[arg-type]


# --- loading ------------------------------------------------------------------------------


def _data_dir() -> Path:
    return data_path("vietnamese")


def _key(text: str) -> str:
    return to_second_style(unicodedata.normalize("NFC", " ".join(text.split())).lower())


def _read_list(path: Path) -> list[tuple[int, str]]:
    from vankien.textio import read_text

    out = []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append((number, _key(line)))
    return out


def _parse_misspellings(path: Path) -> list[tuple[str, str, str, bool]]:
    from vankien.yamlio import line_of, load_yaml

    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise UserError(
            "tệp lỗi chính tả phải là một danh sách các mục «- {wrong: …, right: …}»", path=path
        )
    out = []
    for i, item in enumerate(data):
        line = line_of(data, i)
        if not isinstance(item, dict):
            raise UserError(
                "mỗi mục phải có dạng {wrong: …, right: …, note: …}", path=path, line=line
            )
        wrong, right = item.get("wrong"), item.get("right")
        note, autofix = item.get("note", ""), item.get("autofix", True)
        if not isinstance(wrong, str) or not isinstance(right, str) or not wrong.strip():
            raise UserError(
                "mục thiếu «wrong» hoặc «right» (phải là chữ)",
                path=path,
                line=line,
                hint="ví dụ: - {wrong: bổ xung, right: bổ sung, note: …}",
            )
        if not isinstance(note, str) or not isinstance(autofix, bool):
            raise UserError(
                "«note» phải là chữ, «autofix» phải là true hoặc false", path=path, line=line
            )
        right = unicodedata.normalize("NFC", str(right).strip())
        out.append((_key(str(wrong)), right, str(note), bool(autofix)))
    return out


def _raw_data() -> dict[str, Any]:
    base = _data_dir()
    lists = {name: _read_list(base / name) for name in _LIST_FILES}
    for number, term in lists["watchlist.txt"]:
        if " " not in term:
            raise UserError(
                f"thuật ngữ «{term}» chỉ có một âm tiết",
                path=base / "watchlist.txt",
                line=number,
                hint="danh sách chỉ nhận thuật ngữ từ hai âm tiết trở lên.",
            )
    return {
        "lists": {name: [t for _, t in items] for name, items in lists.items()},
        "misspellings": _parse_misspellings(base / _MISSPELLINGS),
    }


def _cache_file() -> Path | None:
    root = os.environ.get("VANKIEN_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    base = Path(root) if root else Path.home() / ".cache"
    if not os.environ.get("VANKIEN_CACHE_DIR"):
        base = base / "vankien"
    sig = hashlib.sha1(str(_CACHE_VERSION).encode())
    data = _data_dir()
    for name in (*_LIST_FILES, _MISSPELLINGS):
        try:
            st = (data / name).stat()
        except OSError:
            return None
        sig.update(f"{data / name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return base / f"lang-{sig.hexdigest()[:16]}.marshal"


def _cached_raw_data() -> dict[str, Any]:
    path = _cache_file()
    if path is not None:
        try:
            loaded = marshal.loads(path.read_bytes())
            if isinstance(loaded, dict):
                return loaded
        except (OSError, ValueError, EOFError, TypeError):
            pass
    raw = _raw_data()
    if path is not None:
        try:
            from vankien.textio import write_atomic

            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, marshal.dumps(raw))
        except (OSError, TypeError, ValueError):
            pass  # a read-only home only costs speed
    return raw


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and index all word lists (about 20 ms; once per process)."""
    text = data_path("words.txt").read_text(encoding="utf-8")
    general = to_second_style(text.lower()).split("\n")
    raw = _cached_raw_data()
    lists: dict[str, list[str]] = raw["lists"]
    watch = frozenset(lists["watchlist.txt"])
    index: dict[tuple[int, int, tuple[str, ...]], list[tuple[str, str]]] = {}
    for term in watch:
        syl = term.split(" ")
        for i in range(len(syl)):
            key = (len(syl), i, (*syl[:i], *syl[i + 1 :]))
            index.setdefault(key, []).append((syl[i], term))
    misspellings = {
        wrong: Misspelling(wrong, right, note, autofix)
        for wrong, right, note, autofix in raw["misspellings"]
    }
    words = frozenset(general).union(watch, lists["allowed.txt"], lists["reduplications.txt"])
    return Lexicon(
        words=words,
        watch=watch,
        watch_index={k: tuple(v) for k, v in index.items()},
        watch_lengths=tuple(sorted({len(t.split(" ")) for t in watch})),
        stopwords=frozenset(lists["stopwords.txt"]),
        reduplications=frozenset(lists["reduplications.txt"]),
        names=frozenset(lists["names.txt"]),
        misspellings=misspellings,
        max_misspelling_len=max((len(w.split(" ")) for w in misspellings), default=0),
    )
