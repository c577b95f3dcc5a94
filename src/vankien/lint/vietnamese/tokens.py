"""Word tokens of a paragraph, with what the word checks need to know about each one.

Tokenising is the hot path of the linter (every word check reuses the result, cached per
paragraph), so it works on the whole paragraph at once wherever it can.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from vankien.lint.vietnamese.encoding import mojibake_spans
from vankien.lint.vietnamese.syllable import parse, to_second_style

_WORD_RE = re.compile(r"\w+")
# Text that is not NFC: a word may continue with combining marks.
_WORD_NFD_RE = re.compile(r"(?:\w|[\u0300-\u036f])+")
# Spans no word check looks inside: URLs, e-mail addresses, inline code, {{variables}},
# pandoc attributes such as {.placeholder}, and Word bookmark artefacts.
_SKIP_RE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|`[^`]*`|\{\{[^}]*\}\}|\{[^}]*\}"
    r"|\[bookmark:[^\]]*\]"
)
_MAY_SKIP = re.compile(r"[/{`@\[]|www")
_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_SPACES = " \t\u00a0"
_SENTENCE_END = frozenset(".!?:;…\n")
_OPENERS = "\"'“‘«([-+*–—•"


class Token(NamedTuple):
    start: int
    end: int
    text: str  # NFC form of the word as written
    key: str  # look-up key: lower case, NFC, tone in "second" style (hoà)
    checkable: bool  # a Vietnamese syllable that is not an acronym, Roman numeral or code
    name_like: bool  # Title-case in running text (not at the start of a sentence)
    joined: bool  # only spaces separate it from the previous token


def _sentence_start(text: str, prev_end: int, start: int) -> bool:
    gap = text[prev_end:start].rstrip(_SPACES + _OPENERS)
    return (gap == "" and prev_end == 0) or (bool(gap) and gap[-1] in _SENTENCE_END)


@lru_cache(maxsize=8192)
def _classify(word: str, key: str) -> tuple[bool, bool]:
    """``(checkable, title_case)`` for a word."""
    if not word.isalpha():
        return False, False  # numbers, codes, _GoBack
    upper = word.isupper()
    # Roman numerals (khóa XIII, Phần I) and acronyms (UBND) are not words to check.
    if upper and _ROMAN_RE.fullmatch(word):
        return False, False
    if parse(key) is None:
        return False, False
    return True, word[0].isupper() and not upper


def skip_spans(text: str) -> list[tuple[int, int]]:
    """Spans no word check looks inside: URLs, e-mail addresses, code, variables, attributes."""
    return [m.span() for m in _SKIP_RE.finditer(text)] if _MAY_SKIP.search(text) else []


# Large enough for a whole report, so a linter that runs one check over every paragraph and
# then the next check still tokenises each paragraph once.
@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """The word tokens of ``text`` (a paragraph), cached: every word check reuses them."""
    nfc = text.isascii() or unicodedata.is_normalized("NFC", text)
    low = to_second_style(text.lower()) if nfc else ""
    if len(low) != len(text):
        low = ""
    skips = skip_spans(text)
    if not nfc or not text.isascii():
        broken = mojibake_spans(text)
        if broken:
            skips = sorted(skips + broken)
    out: list[Token] = []
    make = tuple.__new__
    prev_end = 0
    prev_skipped = True
    si = 0  # next skip span that may still overlap
    for m in (_WORD_RE if nfc else _WORD_NFD_RE).finditer(text):
        start, end = m.span()
        word = m.group()
        if low:
            key = low[start:end]
        else:
            word = unicodedata.normalize("NFC", word)
            key = to_second_style(word.lower())
        skipped = False
        if skips:
            while si < len(skips) and skips[si][1] <= start:
                si += 1
            skipped = si < len(skips) and skips[si][0] < end
        joined = not prev_skipped and not skipped and start > prev_end
        if joined and not (start - prev_end == 1 and text[prev_end] == " "):
            joined = text[prev_end:start].strip(_SPACES) == ""
        if skipped:
            checkable = title = False
        else:
            checkable, title = _classify(word, key)
        name_like = title and not _sentence_start(text, prev_end, start)
        out.append(make(Token, (start, end, word, key, checkable, name_like, joined)))
        prev_end = end
        prev_skipped = skipped
    return tuple(out)
