"""Word tokens of a paragraph, with what the word checks need to know about each one."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from vankien.lint.vietnamese.syllable import parse, to_second_style

# A word: letters, possibly followed by combining marks (text that is not NFC still tokenises).
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*")
# Spans no word check looks inside: URLs, e-mail addresses, inline code, {{variables}},
# pandoc attributes such as {.placeholder}, and Word bookmark artefacts.
_SKIP_RE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|`[^`]*`|\{\{[^}]*\}\}|\{[^}]*\}"
    r"|\[bookmark:[^\]]*\]|\b_\w+"
)
_MAY_SKIP = re.compile(r"[/{`@\[_]|www")
_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_SPACES = " \t\u00a0"
_SENTENCE_END = frozenset(".!?:;…\n")
_OPENERS = "\"'“‘«([-+*–—•"


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # NFC form of the word as written
    key: str  # look-up key: lower case, NFC, tone in "second" style (hoà)
    checkable: bool  # a Vietnamese syllable that is not an acronym, Roman numeral or code
    name_like: bool  # Title-case in running text (not at the start of a sentence)
    joined: bool  # only spaces separate it from the previous token


def lookup_key(text: str) -> str:
    """The normalised form used for every dictionary look-up."""
    return to_second_style(unicodedata.normalize("NFC", text).lower())


def _skip_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SKIP_RE.finditer(text)]


def _sentence_start(text: str, prev_end: int, start: int) -> bool:
    gap = text[prev_end:start].rstrip(_SPACES + _OPENERS)
    return (gap == "" and prev_end == 0) or (bool(gap) and gap[-1] in _SENTENCE_END)


@lru_cache(maxsize=64)
def tokenize(text: str) -> tuple[Token, ...]:
    """The word tokens of ``text`` (a paragraph), cached: every word check reuses them."""
    skips = _skip_spans(text) if _MAY_SKIP.search(text) else []
    out: list[Token] = []
    prev_end = 0
    prev_skipped = False
    for m in _WORD_RE.finditer(text):
        start, end = m.span()
        raw = m.group()
        word = raw if raw.isascii() else unicodedata.normalize("NFC", raw)
        skipped = any(s < end and start < e for s, e in skips)
        gap = text[prev_end:start]
        joined = (
            bool(out)
            and not prev_skipped
            and not skipped
            and gap != ""
            and (gap.strip(_SPACES) == "")
        )
        key = to_second_style(word.lower())
        checkable = False
        name_like = False
        if not skipped:
            upper = word.isupper()
            # Roman numerals (khóa XIII, Phần I) and acronyms (UBND) are not words to check.
            if not (upper and _ROMAN_RE.fullmatch(word)) and parse(key) is not None:
                checkable = True
                if word[0].isupper() and not upper:
                    name_like = not _sentence_start(text, prev_end if out else 0, start)
        out.append(Token(start, end, word, key, checkable, name_like, joined))
        prev_end = end
        prev_skipped = skipped
    return tuple(out)
