"""Which capitalised words of running text look like proper names.

A word capitalised in mid-sentence is not a name for that alone: Party terms are capitalised
too («Ủy ban Kiểm tra», «Hội nghị»), and a slip in them must still be caught. A run of
capitalised syllables is taken as a name only when it looks like one: it comes right after a
word that introduces a name («đồng chí», «ông», «bà», «tỉnh», «xã»; data:
``name_triggers.txt``), or it starts with a surname and has two syllables or more («Nguyễn Văn
An», «Hồ Chí Minh»), or it is one syllable listed in ``names.txt``.
"""

from __future__ import annotations

from functools import lru_cache

from vankien.lint.vietnamese.config import Lexicon, _key, _read_list
from vankien.lint.vietnamese.tokens import Token, tokenize
from vankien.resources import data_path
from vankien.textio import read_text


@lru_cache(maxsize=1)
def triggers() -> frozenset[str]:
    """Look-up keys of the words that introduce a name."""
    path = data_path("vietnamese") / "name_triggers.txt"
    return frozenset(term for _, term in _read_list(path))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """The syllables of the «# Họ» section of names.txt."""
    out: set[str] = set()
    section = ""
    for line in read_text(data_path("vietnamese") / "names.txt").split("\n"):
        line = line.strip()
        if line.startswith("#"):
            section = line.lstrip("# ").strip()
        elif line and section == "Họ":
            out.add(_key(line))
    return frozenset(out)


def _title(token: Token) -> bool:
    word = token.text
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _after_trigger(tokens: tuple[Token, ...], first: int, found: frozenset[str]) -> bool:
    if first == 0 or not tokens[first].joined:
        return False
    for size in (1, 2, 3):
        start = first - size
        if start < 0:
            return False
        if any(not tokens[j].joined for j in range(start + 1, first)):
            return False
        if " ".join(t.key for t in tokens[start:first]) in found:
            return True
    return False


@lru_cache(maxsize=4096)
def name_indices(text: str, lexicon: Lexicon) -> frozenset[int]:
    """Indices (in ``tokenize(text)``) of the capitalised tokens that look like part of a
    proper name; cached by the text (a token tuple would be re-hashed on every call)."""
    tokens = tokenize(text)
    if not any(t.name_like for t in tokens):
        return frozenset()
    out: set[int] = set()
    found, family = triggers(), surnames()
    k = 0
    while k < len(tokens):
        if not _title(tokens[k]):
            k += 1
            continue
        end = k + 1
        while end < len(tokens) and tokens[end].joined and _title(tokens[end]):
            end += 1
        run = range(k, end)
        if (
            _after_trigger(tokens, k, found)
            or (len(run) >= 2 and tokens[k].key in family)
            or (len(run) == 1 and tokens[k].key in lexicon.names)
        ):
            out.update(run)
        k = end
    return frozenset(out)
