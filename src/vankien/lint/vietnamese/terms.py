"""A syllable dropped from a fixed term («Ban Thường Đảng ủy» for «Ban Thường vụ Đảng ủy»).

The terms are the watchlist (data: ``watchlist.txt``) and the project's ``extra_terms``. Each
term of four syllables or more is indexed once by what remains when one syllable is dropped,
so a paragraph is checked by one dictionary look-up per position and length, never by a scan
of the terms. Only an inner syllable counts as dropped: without its first or last syllable a
term is often a correct shorter phrase («thường vụ Đảng ủy», «phát triển Đảng» beside «phát
triển đảng viên»). A gap is reported only when:

- the written syllables are not themselves a word or term, and neither the first of them with
  the word before nor the last with the word after forms a word («người đầu tiên»);
- at least three syllables are written (two are too common a pair to read a gap into:
  «cách làm», «gương tốt»), so only terms of four syllables or more are indexed;
- the two syllables the gap brings together do not form a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from vankien.lint.vietnamese.config import LangConfig, Lexicon
from vankien.lint.vietnamese.hits import TextHit
from vankien.lint.vietnamese.tokens import tokenize
from vankien.lint.vietnamese.words import _styled, match_case

Index = dict[tuple[str, ...], tuple[tuple[int, str], ...]]


@lru_cache(maxsize=4)
def dropped_index(
    lexicon: Lexicon, extra_terms: frozenset[str]
) -> tuple[Index, tuple[int, ...], frozenset[str]]:
    """(written syllables → ((position of the dropped one, term), …), lengths written, first
    syllables written)."""
    index: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for term in sorted(lexicon.watch | extra_terms):
        syl = tuple(term.split(" "))
        if len(syl) < 3:
            continue
        # Three syllables at least are written: two are too common a pair to read a gap
        # into («cách làm», «gương tốt»).
        for i in range(1, len(syl) - 1 if len(syl) > 3 else 0):
            index.setdefault(syl[:i] + syl[i + 1 :], []).append((i, term))
    lengths = tuple(sorted({len(k) for k in index}, reverse=True))
    firsts = frozenset(k[0] for k in index)
    return {k: tuple(v) for k, v in index.items()}, lengths, firsts


def check_dropped_syllables(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Fixed terms with one inner syllable missing.

    ``text`` is a paragraph (soft line breaks joined by spaces). Reported once per place,
    with the full term (in the written letter case) as the suggestion; never fixed
    automatically (the writer may have meant another wording).
    """
    index, lengths, firsts = dropped_index(cfg.lexicon, cfg.extra_terms)
    if not index:
        return
    tokens = tokenize(text)
    keys = [t.key if t.checkable else "" for t in tokens]
    k = 0
    while k < len(tokens):
        if keys[k] not in firsts:
            k += 1
            continue
        hit = None
        for n in lengths:
            if k + n > len(tokens) or not all(keys[k : k + n]):
                continue
            if any(not tokens[j].joined for j in range(k + 1, k + n)):
                continue
            written = tuple(keys[k : k + n])
            entries = index.get(written)
            if not entries or cfg.is_word(" ".join(written)):
                continue
            nxt = keys[k + n] if k + n < len(tokens) and tokens[k + n].joined else ""
            prev = keys[k - 1] if k > 0 and tokens[k].joined else ""
            if (nxt and cfg.is_word(f"{written[-1]} {nxt}")) or (
                prev and cfg.is_word(f"{prev} {written[0]}")
            ):
                continue  # the written syllables belong to the words around them
            for i, term in entries:
                if cfg.is_word(f"{written[i - 1]} {written[i]}"):
                    continue
                hit = (n, i, term)
                break
            if hit:
                break
        if hit is None:
            k += 1
            continue
        n, i, term = hit
        window = tokens[k : k + n]
        words = [t.text for t in window]
        syl = term.split(" ")
        # The written words keep their case; the dropped syllable is written in lower case.
        shown = [*words[:i], syl[i], *words[i:]]
        full = " ".join(shown)
        styled = _styled(full, words, cfg) if full.lower() == full else full
        suggestion = match_case(shown, styled)
        start, end = window[0].start, window[-1].end
        yield TextHit(
            start,
            end,
            f"thiếu một âm tiết của thuật ngữ: «{text[start:end]}» → «{suggestion}»",
            suggestion,
            False,
        )
        k += n
