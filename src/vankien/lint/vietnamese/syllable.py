"""Vietnamese syllable structure: onset, vowel nucleus, coda, tone and where the tone belongs.

The tone mark goes on the vowel that carries a quality mark (ă â ê ô ơ ư; on ơ in ươ); with a
final consonant on the last vowel; in an open syllable of two vowels on the first (bìa, mưa,
mái) and of three on the middle (ngoài, khuỷu). Open oa/oe/uy are the exception: the tone may
sit on the first vowel (hòa, khỏe, thủy) or on the second (hoà, khoẻ, thuỷ); that is a style,
named here by vowel position ("first"/"second"), never "old"/"new" (sources disagree on which
is which). The onsets qu and gi take their u/i: "quý", "già".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal, NamedTuple

ToneStyle = Literal["first", "second"]

# Combining tone marks (NFD) in the order: none, huyền, sắc, hỏi, ngã, nặng.
_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_BASE_VOWELS = "aăâeêioôơuưy"
_QUALITY_MARKED = frozenset("ăâêôơư")

ONSETS = (
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
_ONSET_SET = frozenset(ONSETS)
CODAS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))
NUCLEI = frozenset(
    (
        *_BASE_VOWELS,
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe",
        "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ",
        "ưu", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "uyê",
        "uyu", "ươi", "ươu",
    )
)  # fmt: skip
# Open two-vowel nuclei whose tone position is a style choice.
STYLE_NUCLEI = frozenset(("oa", "oe", "uy"))


def _build_tables() -> tuple[dict[str, tuple[str, int]], dict[tuple[str, int], str]]:
    split: dict[str, tuple[str, int]] = {}
    join: dict[tuple[str, int], str] = {}
    for base in _BASE_VOWELS + _BASE_VOWELS.upper():
        for tone, mark in enumerate(_TONE_MARKS):
            char = unicodedata.normalize("NFC", base + mark)
            split[char] = (base, tone)
            join[(base, tone)] = char
    return split, join


_SPLIT, _JOIN = _build_tables()


def split_tone(char: str) -> tuple[str, int]:
    """``"ố"`` → ``("ô", 2)``; a character that is not a Vietnamese vowel → ``(char, 0)``."""
    return _SPLIT.get(char, (char, 0))


def with_tone(char: str, tone: int) -> str:
    """Put ``tone`` (0-5) on the vowel ``char`` (which must carry no tone)."""
    return _JOIN.get((char, tone), char)


# Each toned vowel to its base vowel, for str.translate.
_STRIP = str.maketrans({char: base for char, (base, tone) in _SPLIT.items() if tone})


def strip_tones(word: str) -> str:
    """The word without tone marks (quality marks ă â ê ô ơ ư đ stay)."""
    return word.translate(_STRIP)


def tone_of(word: str) -> int:
    for c in word:
        tone = _SPLIT.get(c, (c, 0))[1]
        if tone:
            return tone
    return 0


_DEMARK = str.maketrans("ăâêôơưđ", "aaeooud")


def demark(word: str) -> str:
    """Toneless word with the quality marks and đ removed (for cheap-edit comparisons)."""
    return strip_tones(word).translate(_DEMARK)


class Syllable(NamedTuple):
    onset: str
    nucleus: str
    coda: str
    tone: int
    tone_index: int  # index in the word of the vowel that carries the tone, or -1


@lru_cache(maxsize=8192)
def parse(word: str) -> Syllable | None:
    """Parse a lower-case NFC syllable; ``None`` when it is not a Vietnamese syllable."""
    bare = word.translate(_STRIP)
    tone_index = -1
    tone = 0
    if bare != word:
        for i, c in enumerate(word):
            if c != bare[i]:
                if tone:
                    return None  # two tone marks
                tone, tone_index = _SPLIT[c][1], i
    onset = ""
    for size in (3, 2, 1):  # the longest onset: ngh before ng before n
        if bare[:size] in _ONSET_SET:
            onset = bare[:size]
            break
    if onset == "gi" and (len(bare) == 2 or bare[2] not in _BASE_VOWELS):
        onset = "g"  # gì, gìn: the i is the vowel
    rest = bare[len(onset) :]
    n = 0
    while n < len(rest) and rest[n] in _BASE_VOWELS:
        n += 1
    nucleus, coda = rest[:n], rest[n:]
    if not nucleus or nucleus not in NUCLEI or coda not in CODAS:
        return None
    if onset == "qu" and nucleus[0] == "u":
        return None
    return Syllable(onset, nucleus, coda, tone, tone_index)


def tone_positions(syl: Syllable) -> tuple[int, ...]:
    """Indices (in the word) where the tone may correctly sit; two for open oa/oe/uy."""
    nuc = syl.nucleus
    base = len(syl.onset)
    if "ươ" in nuc:
        return (base + nuc.index("ươ") + 1,)
    for i, c in enumerate(nuc):
        if c in _QUALITY_MARKED:
            return (base + i,)
    if syl.coda:
        return (base + len(nuc) - 1,)
    if len(nuc) == 1:
        return (base,)
    if len(nuc) == 3:
        return (base + 1,)
    if nuc in STYLE_NUCLEI:
        return (base, base + 1)
    return (base,)


def move_tone(word: str, src: int, dst: int) -> str:
    """Move the tone mark of ``word[src]`` onto ``word[dst]``, keeping letter case."""
    base_src, tone = split_tone(word[src])
    chars = list(word)
    chars[src] = base_src
    chars[dst] = with_tone(split_tone(chars[dst])[0], tone)
    return "".join(chars)


@lru_cache(maxsize=16384)
def misplaced_tone(word: str) -> str | None:
    """The correct spelling if ``word`` (NFC, any case) has its tone on the wrong vowel."""
    syl = parse(word.lower())
    if syl is None or not syl.tone:
        return None
    positions = tone_positions(syl)
    if syl.tone_index in positions:
        return None
    return move_tone(word, syl.tone_index, positions[-1] if len(positions) == 1 else positions[0])


@lru_cache(maxsize=16384)
def style_of(word: str) -> ToneStyle | None:
    """For a toned open oa/oe/uy syllable: which vowel carries the tone."""
    syl = parse(word.lower())
    if syl is None or not syl.tone or syl.coda or syl.nucleus not in STYLE_NUCLEI:
        return None
    first = len(syl.onset)
    if syl.tone_index == first:
        return "first"
    if syl.tone_index == first + 1:
        return "second"
    return None


def restyle(word: str, style: ToneStyle) -> str:
    """``word`` with its open oa/oe/uy tone placed in ``style``; other words unchanged."""
    current = style_of(word)
    if current is None or current == style:
        return word
    syl = parse(word.lower())
    assert syl is not None
    first = len(syl.onset)
    dst = first if style == "first" else first + 1
    return move_tone(word, syl.tone_index, dst)


# Fast whole-string conversion to the "second" style for dictionary look-ups: an open
# oa/oe/uy syllable is one whose second vowel is followed by a non-letter.
_FIRST_STYLE_RE = re.compile(
    "([" + "".join(with_tone(v, t) for v in "oOuU" for t in range(1, 6)) + "])"
    r"([aAeEyY])(?![^\W\d_])"
)


def _swap(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    lower_first = first.lower()
    base, tone = split_tone(lower_first)
    pair = base + second.lower()
    if pair not in STYLE_NUCLEI:
        return match.group(0)
    new_first = split_tone(first)[0]
    return new_first + with_tone(second, tone)


def to_second_style(text: str) -> str:
    """Move tones of open oa/oe/uy syllables to the second vowel (same length as ``text``)."""
    return _FIRST_STYLE_RE.sub(_swap, text)
