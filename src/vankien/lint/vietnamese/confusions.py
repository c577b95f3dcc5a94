"""Real-word confusions: a syllable written with the other member of a confusable pair (s/x,
ch/tr, d/gi/r, l/n, hỏi/ngã), where both spellings are real syllables.

No list of wrong phrases is kept. The pairs are data (``confusions.txt``); for every syllable
of a paragraph the check builds its other readings by the pairs, and scores each reading by the
evidence of its context: how many dictionary words (the general word list and the watchlist)
it forms with the one or two syllables before or after it, plus the context words that the
data file gives for a reading («làm rõ»). A syllable is flagged only when the written reading
has no evidence at all and another reading has some: «sử phạt» (no word) against «xử phạt»
(a word). Nothing is flagged where the written reading forms a word with a neighbour, where it
looks like a name, where the corrected phrase is a watchlist term (VI009 reports those) or
where the written phrase is a listed misspelling (VI008's).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from vankien.errors import UserError
from vankien.lint.vietnamese.config import LangConfig
from vankien.lint.vietnamese.hits import TextHit
from vankien.lint.vietnamese.syllable import parse, split_tone, to_second_style, with_tone
from vankien.lint.vietnamese.tokens import Token
from vankien.lint.vietnamese.words import _analyse, match_case

_FILE = "confusions.txt"
_TONE_NAMES = {"ngang": 0, "huyền": 1, "sắc": 2, "hỏi": 3, "ngã": 4, "nặng": 5}


class Confusions(NamedTuple):
    onsets: dict[str, tuple[str, ...]]  # onset → the onsets it is confused with
    tones: dict[int, tuple[int, ...]]  # tone → the tones it is confused with
    pair_names: dict[tuple[str, str], str]  # (onset or tone, other) → «s/x», «hỏi/ngã»
    before: dict[str, frozenset[str]]  # reading → syllables before it that decide it
    after: dict[str, frozenset[str]]  # reading → syllables after it that decide it
    skip: frozenset[str]  # function words never read as a slip


def _key(text: str) -> str:
    return to_second_style(unicodedata.normalize("NFC", text.strip()).lower())


def _words(field: str, label: str) -> frozenset[str] | None:
    name, colon, rest = field.partition(":")
    if not colon or name.strip() != label:
        return None
    return frozenset(_key(w) for w in rest.split(",") if w.strip())


@lru_cache(maxsize=1)
def load_confusions() -> Confusions:
    """The pairs and context words of ``data/vietnamese/confusions.txt`` (checked on load)."""
    from vankien.resources import data_path
    from vankien.textio import read_text

    path = data_path("vietnamese") / _FILE
    onsets: dict[str, set[str]] = {}
    tones: dict[int, set[int]] = {}
    names: dict[tuple[str, str], str] = {}
    before: dict[str, frozenset[str]] = {}
    after: dict[str, frozenset[str]] = {}
    skip: set[str] = set()
    for number, raw in enumerate(read_text(path).split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        kind = fields[0]
        bad = UserError(
            f"dòng «{line}» không đúng dạng",
            path=path,
            line=number,
            hint="viết «âm đầu | s | x», «thanh | hỏi | ngã», «bỏ qua | nữa, nên» hoặc "
            "«ngữ cảnh | rõ | trước: làm, nêu | sau: ràng».",
        )
        if kind == "âm đầu" and len(fields) == 3:
            a, b = fields[1], fields[2]
            if a == b or not parse(a + "a") or not parse(b + "a"):
                raise bad
            onsets.setdefault(a, set()).add(b)
            onsets.setdefault(b, set()).add(a)
            names[(a, b)] = names[(b, a)] = f"{a}/{b}"
        elif kind == "thanh" and len(fields) == 3:
            ta, tb = _TONE_NAMES.get(fields[1]), _TONE_NAMES.get(fields[2])
            if ta is None or tb is None or ta == tb:
                raise bad
            tones.setdefault(ta, set()).add(tb)
            tones.setdefault(tb, set()).add(ta)
            names[(str(ta), str(tb))] = names[(str(tb), str(ta))] = f"{fields[1]}/{fields[2]}"
        elif kind == "bỏ qua" and len(fields) == 2:
            words = {_key(w) for w in fields[1].split(",") if w.strip()}
            if not words or any(parse(w) is None for w in words):
                raise bad
            skip |= words
        elif kind == "ngữ cảnh" and len(fields) == 4:
            reading = _key(fields[1])
            pre, post = _words(fields[2], "trước"), _words(fields[3], "sau")
            if parse(reading) is None or pre is None or post is None:
                raise bad
            before[reading] = before.get(reading, frozenset()) | pre
            after[reading] = after.get(reading, frozenset()) | post
        else:
            raise bad
    return Confusions(
        {k: tuple(sorted(v)) for k, v in onsets.items()},
        {k: tuple(sorted(v)) for k, v in tones.items()},
        names,
        before,
        after,
        frozenset(skip),
    )


@lru_cache(maxsize=16384)
def readings(key: str) -> tuple[tuple[str, str], ...]:
    """The other readings of syllable ``key`` by the pairs: ((reading, «s/x»), …). Only
    readings that are syllables of the dictionary are kept by the caller."""
    conf = load_confusions()
    syl = parse(key)
    if syl is None:
        return ()
    out: list[tuple[str, str]] = []
    onset = syl.onset
    # «gi» before a vowel takes the i into the onset; «gì», «gìn» have the onset g.
    rest = key[len(onset) :]
    for other in conf.onsets.get(onset, ()):
        name = conf.pair_names[(onset, other)]
        out.append((other + rest, name))
        # «gi» before i writes one i: «dìa» ↔ «gìa» is no pair, «dia» ↔ «gia» (tham gia) is.
        if other == "gi" and rest[:1] and split_tone(rest[0])[0] == "i" and len(rest) > 1:
            out.append(("g" + rest, name))
        elif onset == "gi" and other != "gi":
            out.append((other + "i" + rest, name))
    if syl.tone_index >= 0:
        base, tone = split_tone(key[syl.tone_index])
        for other_tone in conf.tones.get(tone, ()):
            changed = (
                key[: syl.tone_index] + with_tone(base, other_tone) + key[syl.tone_index + 1 :]
            )
            out.append((changed, conf.pair_names[(str(tone), str(other_tone))]))
    return tuple(out)


def _evidence(
    keys: list[str],
    runs: tuple[int, ...],
    k: int,
    reading: str,
    cfg: LangConfig,
    *,
    any_only: bool = False,
) -> tuple[int, str | None]:
    """How much the context supports ``reading`` at position ``k``, and the word it forms
    (for the message): dictionary words of two or three syllables through ``k``, and the
    context words the data gives. ``any_only``: stop at the first piece of evidence."""
    conf = load_confusions()
    score = 0
    word: str | None = None
    # Windows (first, size) that contain k, inside one run of joined syllables.
    for size in (2, 3):
        for first in range(k - size + 1, k + 1):
            if first < 0 or runs[first] < size:
                continue
            parts = keys[first : first + size]
            parts[k - first] = reading
            phrase = " ".join(parts)
            if cfg.is_word(phrase):
                if any_only:
                    return 1, phrase
                score += 1
                if word is None or len(phrase) > len(word):
                    word = phrase
    if k > 0 and runs[k - 1] >= 2 and keys[k - 1] in conf.before.get(reading, ()):
        score += 1
        word = word or f"{keys[k - 1]} {reading}"
    if runs[k] >= 2 and keys[k + 1] in conf.after.get(reading, ()):
        score += 1
        word = word or f"{reading} {keys[k + 1]}"
    return score, word


def check_confusions(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """A syllable written with the wrong member of a confusable pair, told by its context:
    «sử phạt» → «xử phạt», «chuyền thống» → «truyền thống», «dải pháp» → «giải pháp», «cởi
    mỡ» → «cởi mở», «xắp xếp» → «sắp xếp». ``text`` is a paragraph (soft line breaks joined
    by spaces). Not fixed by ``--fix``: the message names the reading the context supports.
    """
    lex = cfg.lexicon
    conf = load_confusions()
    tokens, runs = _analyse(text)
    keys = [t.key for t in tokens]
    last = -1  # a flagged syllable's neighbour is not flagged again
    for k, tok in enumerate(tokens):
        if not tok.checkable or tok.name_like or runs[k] == 0 or k <= last:
            continue
        # Alone between punctuation: no context to decide by.
        if runs[k] < 2 and (k == 0 or runs[k - 1] < 2):
            continue
        if tok.key in lex.stopwords or tok.key in lex.names or tok.key in conf.skip:
            continue
        others = [(r, name) for r, name in readings(tok.key) if r in lex.syllables]
        if not others:
            continue
        written, _ = _evidence(keys, runs, k, tok.key, cfg, any_only=True)
        if written:
            continue
        best: tuple[int, str, str, str] | None = None
        for reading, name in others:
            score, word = _evidence(keys, runs, k, reading, cfg)
            if score and word is not None and (best is None or score > best[0]):
                best = (score, reading, name, word)
        if best is None:
            continue
        _, reading, name, word = best
        if word in lex.watch:
            continue  # a Party term one slip away: VI009's finding
        hit = _span(tokens, keys, k, reading, word)
        if hit is None:
            continue
        start_k, end_k = hit
        if " ".join(keys[start_k : end_k + 1]) in lex.misspellings:
            continue  # a listed misspelling: VI008's finding
        if any(tokens[j].name_like for j in range(start_k, end_k + 1)):
            continue
        written_words = [t.text for t in tokens[start_k : end_k + 1]]
        fixed = " ".join(reading if j == k else keys[j] for j in range(start_k, end_k + 1))
        suggestion = match_case(written_words, fixed)
        start, end = tokens[start_k].start, tokens[end_k].end
        last = end_k
        yield TextHit(
            start,
            end,
            f"có thể lẫn {name}: «{text[start:end]}» → «{suggestion}»",
            suggestion,
            False,
        )


def _span(
    tokens: tuple[Token, ...], keys: list[str], k: int, reading: str, word: str
) -> tuple[int, int] | None:
    """The token positions of ``word`` (the supporting word with ``reading`` at ``k``)."""
    parts = word.split(" ")
    for first in range(k - len(parts) + 1, k + 1):
        if first < 0 or first + len(parts) > len(tokens):
            continue
        window = [reading if j == k else keys[j] for j in range(first, first + len(parts))]
        if window == parts:
            return first, first + len(parts) - 1
    return None
