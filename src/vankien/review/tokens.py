"""Splitting Vietnamese text into the tokens a word-level diff compares.

Vietnamese writes one syllable per space-separated word ("công tác", "xây dựng"), so a syllable
is the natural unit of change; punctuation is a token of its own, so that adding a comma does
not mark the whole word as changed. Text is compared in NFC (composed diacritics).
"""

from __future__ import annotations

import re
import unicodedata

# A run of letters/digits (with any combining marks), or any single other visible character.
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+|\S")


def tokenize(text: str) -> list[str]:
    """The syllables and punctuation marks of ``text``, whitespace dropped."""
    return TOKEN_RE.findall(unicodedata.normalize("NFC", text))
