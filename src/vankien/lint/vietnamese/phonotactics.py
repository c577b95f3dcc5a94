"""Syllable validity: which tokens cannot be Vietnamese syllables, and the nearest that can.

Two kinds of evidence, both general:

- phonotactics (no data): the onset, rhyme and tone of a written syllable must fit together.
  Stop finals -p/-t/-c/-ch take only sắc or nặng; k/gh/ngh come only before i/e/ê (k also
  before y), c/g/ng never before them; q only as qu; ă/â/iê/uô/ươ need a final consonant,
  ia/ua/ưa and the glides (ai, ao, ơi, …) take none; -ch/-nh follow only a, ê, i, oa, uê, uy.
- attestation (data): the syllables of the general dictionary (pyvi, MIT), the curated lists
  and the project's own ``extra_terms``. A syllable that fits the rules but occurs in no word
  of the language is almost always a slip («thàh», «kiễm»).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from vankien.lint.vietnamese.config import LangConfig, Lexicon, Syllables
from vankien.lint.vietnamese.syllable import parse, to_second_style, with_tone

_STOPS = frozenset(("c", "ch", "p", "t"))
_FRONT = frozenset("ieêy")
_NEED_CODA = frozenset(("ă", "â", "oă", "uâ", "iê", "yê", "uô", "ươ", "uyê", "oo"))
_NO_CODA = frozenset(
    (
        "ia", "ua", "ưa", "uya", "uơ", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "iu",
        "oi", "ôi", "ơi", "ui", "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây",
        "uôi", "ươi", "ươu", "uyu",
    )
)  # fmt: skip
_PALATAL_NUCLEI = frozenset(("a", "ê", "i", "oa", "uê", "uy"))  # before -ch / -nh
_TONE_NAMES = ("ngang", "huyền", "sắc", "hỏi", "ngã", "nặng")
# The same sound spelt by the position rule: before i/e/ê the first, elsewhere the second.
RESPELL = {"k": "c", "c": "k", "gh": "g", "g": "gh", "ngh": "ng", "ng": "ngh"}

# Letters of the Vietnamese alphabet, every case and tone: a token with any other letter
# (f, j, w, z, ç, ñ, Þ, …) is a foreign word, a name or a legacy encoding, not a slip.
_LOWER_LETTERS = set("bcdđghklmnpqrstvx") | {
    with_tone(v, t) for v in "aăâeêioôơuưy" for t in range(6)
}
VIETNAMESE_LETTERS = frozenset(_LOWER_LETTERS | {c.upper() for c in _LOWER_LETTERS})
_ALPHABET = tuple(sorted(_LOWER_LETTERS))


def fault(key: str) -> str | None:
    """Why the lower-case syllable ``key`` cannot be Vietnamese (a Vietnamese phrase), or None."""
    syl = parse(key)
    if syl is None:
        return "không ghép được thành âm tiết tiếng Việt"
    onset, nucleus, coda, tone = syl.onset, syl.nucleus, syl.coda, syl.tone
    if coda in _STOPS and tone not in (2, 5):
        tone_name = _TONE_NAMES[tone]
        return f"vần có âm cuối -{coda} chỉ mang dấu sắc hoặc nặng, không mang thanh {tone_name}"
    front = nucleus[0] in _FRONT
    if onset in ("gh", "ngh") and (not front or nucleus[0] == "y"):
        return f"«{onset}» chỉ đứng trước i, e, ê"
    if onset == "k" and not front:
        return "«k» chỉ đứng trước i, y, e, ê"
    if onset in ("c", "ng") and front:
        return f"trước i, y, e, ê phải viết «{RESPELL[onset]}», không viết «{onset}»"
    if onset == "g" and nucleus[0] in "eê":
        return "trước e, ê phải viết «gh», không viết «g»"
    if nucleus in _NEED_CODA and not coda:
        return f"vần «{nucleus}» phải có âm cuối"
    if coda and nucleus in _NO_CODA:
        return f"vần «{nucleus}» không đi với âm cuối -{coda}"
    # «quỳnh», «quých»: after qu the y stands for uy.
    palatal = nucleus in _PALATAL_NUCLEI or (onset == "qu" and nucleus == "y")
    if coda in ("ch", "nh") and not palatal:
        return f"âm cuối -{coda} không đứng sau «{nucleus}»"
    # «giếng»: the onset gi took the i of iê, so «ê» is not the vowel there.
    if coda in ("ng", "c") and nucleus in ("i", "ê") and onset != "gi":
        return f"sau «{nucleus}» viết -{'nh' if coda == 'ng' else 'ch'}, không viết -{coda}"
    return None


@lru_cache(maxsize=4)
def attested(lexicon: Lexicon, extra_terms: frozenset[str]) -> Syllables:
    """Every syllable of a known word: dictionary, watchlist, names, the project's terms."""
    extra = set(lexicon.names)
    for group in (lexicon.watch, extra_terms):
        for word in group:
            extra.update(word.split(" "))
    return lexicon.syllables.with_found(extra)


def _edits(key: str) -> Iterable[str]:
    """Strings one letter away from ``key`` (insert, delete, replace), any tone."""
    for i in range(len(key) + 1):
        for c in _ALPHABET:
            yield key[:i] + c + key[i:]
        if i < len(key):
            yield key[:i] + key[i + 1 :]
            for c in _ALPHABET:
                yield key[:i] + c + key[i + 1 :]


@lru_cache(maxsize=2048)
def respelled(key: str, known: Syllables) -> str | None:
    """The attested syllable ``key`` becomes by the position rule k/c, g/gh, ng/ngh alone."""
    syl = parse(key)
    if syl is None or syl.onset not in RESPELL:
        return None
    other = RESPELL[syl.onset] + key[len(syl.onset) :]
    other = to_second_style(other)
    return other if other in known and fault(other) is None else None


@lru_cache(maxsize=2048)
def near(key: str, known: Syllables) -> tuple[str, ...]:
    """Attested valid syllables one letter (with any tone) away from ``key``, sorted."""
    # Keys and the attested set are both in the «hoà» style: an edit in the other style is
    # simply not found, and its «hoà» form is itself one edit away.
    found = {e for e in _edits(key) if e in known}
    return tuple(sorted(s for s in found if s != key and fault(s) is None))


def suggest(
    key: str, before: str | None, after: str | None, cfg: LangConfig, known: Syllables
) -> tuple[str | None, bool, bool]:
    """``(syllable, mechanical, in_context)``: the nearest valid syllable when unambiguous.

    ``mechanical`` when only the spelling rule k/c, g/gh, ng/ngh changes (same sound);
    ``in_context`` when it forms a dictionary word with the syllable before or after.
    """

    def in_word(s: str) -> bool:
        return (before is not None and cfg.is_word(f"{before} {s}")) or (
            after is not None and cfg.is_word(f"{s} {after}")
        )

    same = respelled(key, known)
    if same is not None:
        return same, True, in_word(same)
    cands = near(key, known)
    fitting = [s for s in cands if in_word(s)]
    if len(fitting) == 1:
        return fitting[0], False, True
    if not fitting and len(cands) == 1:
        return cands[0], False, False
    return None, False, False
