"""The word lists the checks use, loaded once per process and validated on load.

The data lives in ``vankien/data``: ``words.txt`` (general dictionary, pyvi, MIT) and
``vietnamese/*.txt|yaml`` (curated here; a language reviewer edits them without Python).
Plain-text lists parse in a few milliseconds; the YAML list of misspellings would need ruamel
(about 45 ms to import), so its parsed form is cached with marshal in the user cache folder,
keyed by the data files' size and modification time.
"""

from __future__ import annotations

import marshal
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from vankien.errors import UserError
from vankien.lint.vietnamese.syllable import parse, to_second_style
from vankien.resources import data_path, language_data

ToneSetting = Literal["auto", "first", "second"]
TONE_SETTINGS: tuple[str, ...] = ("auto", "first", "second")

_CACHE_VERSION = 5
_LIST_FILES = ("watchlist.txt", "stopwords.txt", "reduplications.txt", "names.txt", "allowed.txt")
_MISSPELLINGS = "misspellings.yaml"


class Misspelling(NamedTuple):
    wrong: str  # look-up key form (lower case, "second" tone style)
    right: str  # as written in the data file
    note: str
    autofix: bool


class Syllables:
    """The syllables of the known words that are Vietnamese syllables (``parse`` reads them),
    asked about one at a time: each is parsed the first time it is asked about. A report asks
    about a few hundred of the dictionary's 7,000; parsing all of them up front took ~50 ms of
    every lint that starts without the cache, in each of its processes."""

    __slots__ = ("_found", "_valid")

    def __init__(self, found: frozenset[str]) -> None:
        self._found = found  # every syllable of the words, valid or not
        self._valid: dict[str, bool] = {}

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or key not in self._found:
            return False
        valid = self._valid.get(key)
        if valid is None:
            valid = self._valid[key] = parse(key) is not None
        return valid

    def with_found(self, more: Iterable[str]) -> Syllables:
        """These syllables and those of more words (``more``: their syllables)."""
        return Syllables(self._found.union(more))


class Lexicon:
    """All word lists, normalised to look-up keys (lower case, NFC, tone style «hoà»).

    Built once per process and never changed; compared and hashed by identity.
    """

    __slots__ = (
        "max_misspelling_len", "misspelling_firsts", "misspellings", "names", "reduplications",
        "stopwords", "syllables", "watch", "watch_index", "watch_lengths", "watch_positions",
        "words",
    )  # fmt: skip

    def __init__(
        self,
        *,
        words: frozenset[str],
        watch: frozenset[str],
        watch_index: dict[tuple[int, int, tuple[str, ...]], tuple[tuple[str, str], ...]],
        watch_lengths: tuple[int, ...],
        watch_positions: dict[int, tuple[frozenset[str], ...]],
        stopwords: frozenset[str],
        reduplications: frozenset[str],
        names: frozenset[str],
        misspellings: dict[str, Misspelling],
        misspelling_firsts: frozenset[str],
        max_misspelling_len: int,
        syllables: Syllables,
    ) -> None:
        self.words = words  # general dictionary + watchlist + allowed terms
        self.watch = watch
        # (length, wildcard position, the other syllables) → ((syllable there, term), …)
        self.watch_index = watch_index
        self.watch_lengths = watch_lengths
        # for each term length, the syllables found at each position of such terms
        self.watch_positions = watch_positions
        self.stopwords = stopwords
        self.reduplications = reduplications
        self.names = names
        self.misspellings = misspellings
        self.misspelling_firsts = misspelling_firsts
        self.max_misspelling_len = max_misspelling_len
        self.syllables = syllables  # every Vietnamese syllable of the dictionary

    def __repr__(self) -> str:
        return f"Lexicon({len(self.words)} words, {len(self.watch)} watchlist terms)"


@dataclass(frozen=True, slots=True)
class LangConfig:
    tone_style: ToneSetting
    extra_terms: frozenset[str]  # look-up keys of terms the project accepts as correct
    lexicon: Lexicon

    def is_word(self, key: str) -> bool:
        return key in self.lexicon.words or key in self.extra_terms


def load_lang_config(
    tone_style: str = "auto", extra_terms: Iterable[str] = (), cache: Path | None = None
) -> LangConfig:
    """The configuration every check takes; the word lists are loaded once per process
    (``cache``: the report's cache folder, where the indexed lists are kept between runs)."""
    if tone_style not in TONE_SETTINGS:
        raise UserError(
            f"kiểu đặt dấu thanh «{tone_style}» không hợp lệ",
            key="tone_style",
            hint="dùng một trong: auto (theo số đông trong văn bản), first (hòa, khỏe, thủy), "
            "second (hoà, khoẻ, thuỷ).",
        )
    extra = frozenset(_key(t) for t in extra_terms if t.strip())
    return LangConfig(tone_style, extra, load_lexicon(cache))  # type: ignore[arg-type]


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
    general = general_words()
    syllables = set(" ".join(general).split(" "))  # one split in C, not one per word
    return {
        "lists": {name: [t for _, t in items] for name, items in lists.items()},
        "misspellings": _parse_misspellings(base / _MISSPELLINGS),
        "syllables": frozenset(syllables),  # checked one by one when asked (Syllables)
        "words": frozenset(general).union(
            (t for _, t in lists["watchlist.txt"]),
            (t for _, t in lists["allowed.txt"]),
            (t for _, t in lists["reduplications.txt"]),
        ),
    }


@lru_cache(maxsize=1)
def general_words() -> tuple[str, ...]:
    """The general dictionary (data/words.txt) as the checks read it: lower case, tone marks
    in the second style («hoá»). Read once per process: the lexicon and the build's line
    breaking (vankien.publish.breaks) both use it."""
    text = data_path("words.txt").read_text(encoding="utf-8")
    return tuple(to_second_style(text.lower()).split("\n"))


def _cache_file(folder: Path | None = None) -> Path | None:
    import hashlib

    from vankien.report.cache import cache_folder

    base = folder if folder is not None else cache_folder(None)
    if base is None:
        return None
    sig = hashlib.sha1(str(_CACHE_VERSION).encode())
    for path in language_data(_data_dir()):
        try:
            st = path.stat()
        except OSError:
            return None
        sig.update(f"{path}:{st.st_size}:{st.st_mtime_ns};".encode())
    return base / f"{_cache_prefix()}{sig.hexdigest()[:16]}.marshal"


def _cache_prefix() -> str:
    """The word lists' entries begin so: one per copy of the lists (the toolchain's, or a
    report's own), so that a newer version of the lists replaces the older's entry."""
    from vankien.report.cache import digest

    return f"lang-{digest(str(_data_dir()))[:8]}-"


_SETS = ("syllables", "words")  # the frozensets of _raw_data


def _cached_raw_data(folder: Path | None = None) -> dict[str, Any]:
    path = _cache_file(folder)
    if path is not None:
        try:
            loaded = marshal.loads(path.read_bytes())
            if isinstance(loaded, dict):
                return {k: frozenset(v) if k in _SETS else v for k, v in loaded.items()}
        except (OSError, ValueError, EOFError, TypeError):
            pass
    raw = _raw_data()
    if path is not None:
        try:
            from vankien.report.cache import replace_entries, write_cache_file

            # The sets as lists: marshal sorts a frozenset's items one by one (~40 ms here).
            stored = {k: list(v) if k in _SETS else v for k, v in raw.items()}
            write_cache_file(path, marshal.dumps(stored))
            replace_entries(path.parent, f"{_cache_prefix()}*.marshal", (path,))
        except (OSError, TypeError, ValueError):
            pass  # a read-only folder only costs speed
    return raw


@lru_cache(maxsize=1)
def load_lexicon(cache: Path | None = None) -> Lexicon:
    """Read and index all word lists (about 20 ms; once per process). ``cache``: the report's
    cache folder (None: only ``$VANKIEN_CACHE_DIR``, if set)."""
    raw = _cached_raw_data(cache)
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
    return Lexicon(
        words=raw["words"],
        watch=watch,
        watch_index={k: tuple(v) for k, v in index.items()},
        watch_lengths=tuple(sorted({len(t.split(" ")) for t in watch})),
        stopwords=frozenset(lists["stopwords.txt"]),
        reduplications=frozenset(lists["reduplications.txt"]),
        names=frozenset(lists["names.txt"]),
        misspellings=misspellings,
        misspelling_firsts=frozenset(w.split(" ")[0] for w in misspellings),
        max_misspelling_len=max((len(w.split(" ")) for w in misspellings), default=0),
        watch_positions={
            n: tuple(
                frozenset(t.split(" ")[j] for t in watch if len(t.split(" ")) == n)
                for j in range(n)
            )
            for n in {len(t.split(" ")) for t in watch}
        },
        syllables=Syllables(raw["syllables"]),
    )
