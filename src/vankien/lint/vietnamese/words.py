"""Word-level checks: doubled words, known misspellings, near-misses of watchlist terms.

A syllable spell checker cannot catch "gián sát" or "chất lương": every syllable is real, only
the word is wrong. These checks therefore work on adjacent syllables (joined by spaces only,
never across punctuation) and guard against pairs that straddle two real words.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from vankien.lint.vietnamese.config import LangConfig
from vankien.lint.vietnamese.hits import TextHit
from vankien.lint.vietnamese.names import name_indices
from vankien.lint.vietnamese.syllable import (
    demark,
    parse,
    restyle,
    strip_tones,
    style_of,
    tone_of,
)
from vankien.lint.vietnamese.tokens import Token, tokenize

# Cheap edits, cheapest first (the rank orders candidate terms).
TONE, MARK, DIALECT, LETTER = 0, 1, 2, 3
_EDIT_NAME = {
    TONE: "dấu thanh",
    MARK: "dấu mũ/móc hoặc d/đ",
    DIALECT: "phụ âm dễ lẫn",
    LETTER: "một chữ cái",
}
_ONSET_PAIRS = frozenset(
    frozenset(p) for p in (("ch", "tr"), ("s", "x"), ("d", "gi"), ("d", "r"), ("gi", "r"))
)
_STOPS = frozenset(("c", "ch", "p", "t"))
_CODA_PAIRS = frozenset(frozenset(p) for p in (("n", "ng"), ("t", "c")))


def _one_edit(a: str, b: str) -> bool:
    """Levenshtein distance exactly 1."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


@lru_cache(maxsize=32768)
def edit_kind(written: str, term: str) -> int | None:
    """The cheapest edit turning syllable ``written`` into ``term`` (lower case), if cheap."""
    if written == term:
        return None
    bare_w, bare_t = strip_tones(written), strip_tones(term)
    if bare_w == bare_t:
        return TONE
    if demark(bare_w) == demark(bare_t):
        return MARK
    sw, st = parse(bare_w), parse(bare_t)
    if sw is not None and st is not None:
        same_rime = sw.nucleus == st.nucleus and sw.coda == st.coda
        if same_rime and frozenset((sw.onset, st.onset)) in _ONSET_PAIRS:
            return DIALECT
        same_start = (sw.onset, sw.nucleus) == (st.onset, st.nucleus)
        if same_start and frozenset((sw.coda, st.coda)) in _CODA_PAIRS:
            return DIALECT
    if _one_edit(bare_w, bare_t):
        # One letter, same tone; or a changed final consonant where the tone had to change
        # with it (stop finals c/ch/p/t take only sắc or nặng: «triển» → «triệt»).
        if tone_of(written) == tone_of(term):
            return LETTER
        if (
            sw is not None
            and st is not None
            and sw.coda != st.coda
            and (sw.coda in _STOPS) != (st.coda in _STOPS)
        ):
            return LETTER
    return None


def match_case(written: Sequence[str], target: str) -> str:
    """``target`` in the letter case of the ``written`` words (TRONG TÂM → TRỌNG TÂM)."""
    words = target.split(" ")
    if len(words) != len(written):
        if all(w.isupper() for w in written):
            return target.upper()
        return target[:1].upper() + target[1:] if written and written[0][:1].isupper() else target
    out = []
    for src, dst in zip(written, words, strict=True):
        if src.isupper() and (len(src) > 1 or len(written) > 1):
            out.append(dst.upper())
        elif src[:1].isupper():
            out.append(dst[:1].upper() + dst[1:])
        else:
            out.append(dst)
    return " ".join(out)


def _styled(term: str, written: Sequence[str], cfg: LangConfig) -> str:
    """``term`` (stored in the «hoà» style) in the document's tone style."""
    if cfg.tone_style == "second":
        return term
    if cfg.tone_style == "auto":
        # Follow the writer's own habit when the written words show it.
        styles = {style_of(w) for w in written} - {None}
        if styles != {"first"}:
            return term
    return " ".join(restyle(s, "first") for s in term.split(" "))


Runs = tuple[int, ...]


@lru_cache(maxsize=4096)
def _analyse(text: str) -> tuple[tuple[Token, ...], Runs]:
    """The tokens of ``text`` and, for each, how many checkable words joined by spaces start
    there (cached by the text, whose hash Python keeps: a token tuple would be re-hashed)."""
    tokens = tokenize(text)
    out = [0] * (len(tokens) + 1)
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].checkable:
            nxt = k + 1
            out[k] = 1 + (out[nxt] if nxt < len(tokens) and tokens[nxt].joined else 0)
    return tokens, tuple(out)


def _left_word(tokens: tuple[Token, ...], runs: Runs, k: int, cfg: LangConfig) -> bool:
    """The one or two words before ``tokens[k]`` form a dictionary word with it."""
    for size in (2, 3):
        first = k - size + 1
        if first < 0 or runs[first] < size:
            return False
        if cfg.is_word(" ".join(t.key for t in tokens[first : k + 1])):
            return True
    return False


def _right_word(tokens: tuple[Token, ...], runs: Runs, k: int, cfg: LangConfig) -> bool:
    """``tokens[k]`` forms a dictionary word with the one or two words after it."""
    for size in (2, 3):
        if runs[k] < size:
            return False
        if cfg.is_word(" ".join(t.key for t in tokens[k : k + size])):
            return True
    return False


# --- doubled words ------------------------------------------------------------------------


def check_doubled_words(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """A word written twice («Công tác tác bảo vệ», «thực hiện hiện Kết luận»).

    ``text`` is a whole paragraph with soft line breaks joined by spaces (a doubled word across
    a line break is otherwise missed). Not flagged: a pair that is itself a word or an allowed
    reduplication (dần dần, người người), and a pair whose first copy ends a word and whose
    second starts one («hành vi vi phạm», «biện pháp pháp luật»).
    """
    tokens, runs = _analyse(text)
    for j in range(1, len(tokens)):
        a, b = tokens[j - 1], tokens[j]
        if not b.joined or a.key != b.key or not a.checkable:
            continue
        pair = f"{a.key} {b.key}"
        if cfg.is_word(pair) or pair in cfg.lexicon.reduplications:
            continue
        if _starts_name(tokens, j):
            continue
        if _left_word(tokens, runs, j - 1, cfg) and _right_word(tokens, runs, j, cfg):
            continue
        yield TextHit(
            a.start,
            b.end,
            f"từ lặp: «{text[a.start : b.end]}» → «{a.text}»",
            a.text,
            False,
        )


def _starts_name(tokens: tuple[Token, ...], j: int) -> bool:
    """``tokens[j]`` repeats the lower-case word before it with a capital, and a capitalised
    word follows: the second copy opens a proper name («Trưởng ban Ban Tuyên giáo», «Phó
    trưởng ban Ban Dân vận»); or the first copy ends a name (Title case in running text) and
    the second is in lower case («Phạm Văn Được được bầu»). Neither is a slip."""
    a, b = tokens[j - 1], tokens[j]
    # A name, then the same word in lower case: «đồng chí Phạm Văn Được được bầu».
    if a.name_like and b.text.islower():
        return True
    if not (a.text.islower() and b.text[:1].isupper() and not b.text.isupper()):
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return nxt is not None and nxt.joined and nxt.checkable and nxt.text[:1].isupper()


# --- known misspellings -------------------------------------------------------------------


def check_misspellings(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Phrases from the list of known misspellings (sát nhập → sáp nhập, bổ xung → bổ sung).

    ``text`` is a paragraph (soft line breaks joined by spaces). A match is skipped when the
    word before or after forms a dictionary word with it («khả năng xuất khẩu»).
    """
    lex = cfg.lexicon
    if not lex.misspellings:
        return
    tokens, runs = _analyse(text)
    firsts = lex.misspelling_firsts
    k = 0
    while k < len(tokens):
        found = None
        if tokens[k].key not in firsts:
            k += 1
            continue
        for n in range(min(lex.max_misspelling_len, len(tokens) - k), 0, -1):
            if runs[k] < n:
                continue
            phrase = " ".join(t.key for t in tokens[k : k + n])
            entry = lex.misspellings.get(phrase)
            if entry is None:
                continue
            if _left_word(tokens, runs, k, cfg) or _right_word(tokens, runs, k + n - 1, cfg):
                continue
            found = (n, entry)
            break
        if found is None:
            k += 1
            continue
        n, entry = found
        start, end = tokens[k].start, tokens[k + n - 1].end
        written = [t.text for t in tokens[k : k + n]]
        right = match_case(written, entry.right)
        note = f" ({entry.note})" if entry.note else ""
        yield TextHit(
            start, end, f"viết sai: «{text[start:end]}» → «{right}»{note}", right, entry.autofix
        )
        k += n


# --- near-misses of watchlist terms --------------------------------------------------------


def check_term_near_misses(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Syllables that are a cheap slip away from a watchlist term («gián sát» → «giám sát»,
    «chất lương» → «chất lượng», «TRONG TÂM» → «TRỌNG TÂM», «quán triển» → «quán triệt»).

    ``text`` is a paragraph (soft line breaks joined by spaces). A group of syllables is
    flagged only when it is not a dictionary word, the slipped syllable is not a function word
    (unless only its tone differs and the group ends the clause),
    no neighbour forms a dictionary word with it, the slipped word does not look like a name
    (:mod:`vankien.lint.vietnamese.names`), no word of the group is a listed name in Title
    case, and one cheap edit of one syllable (tone; â/ê/ô/ơ/ư/ă, d/đ; ch/tr, s/x, d/gi/r,
    final n/ng, t/c; one letter) turns it into a watchlist term.
    """
    return iter(sorted(_near_misses(text, cfg), key=lambda h: h.start))


def _near_misses(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    lex = cfg.lexicon
    tokens, runs = _analyse(text)
    keys_all = [t.key for t in tokens]
    index = lex.watch_index
    flagged: set[int] = set()
    names = name_indices(text, lex)
    for n in sorted(lex.watch_lengths, reverse=True):
        positions = lex.watch_positions[n]
        first, second = positions[0], positions[1]
        for k in range(len(tokens) - n + 1):
            if runs[k] < n:
                continue
            # All syllables but one must sit where some term has them: reject early.
            if keys_all[k] not in first and keys_all[k + 1] not in second:
                continue
            if n > 2:
                misses = 0
                for j in range(n):
                    if keys_all[k + j] not in positions[j]:
                        misses += 1
                if misses > 1:
                    continue
            keys = keys_all[k : k + n]
            # A function word ("trong", "các") is read as a slip only when the group closes
            # the clause (nothing follows that it could govern) and only a tone mark differs:
            # "NHIỆM VỤ TRONG TÂM" yes; "trong tâm thế", "các bộ, ngành" no.
            clause_end = k + n >= len(tokens) or not tokens[k + n].joined
            best: tuple[int, str, int] | None = None
            for i in range(n):
                cands = index.get((n, i, (*keys[:i], *keys[i + 1 :])))
                # The slipped word must not look like a name (a capital alone does not make
                # one: «Hội Nghi», see names.py); the others match the term
                # exactly, so a capital there is the writer's («Đảng bố» → «Đảng bộ»).
                if not cands or k + i in flagged or k + i in names:
                    continue
                stop = keys[i] in lex.stopwords
                if stop and not clause_end:
                    continue
                for target, term in cands:
                    kind = edit_kind(keys[i], target)
                    if kind is None or (stop and kind != TONE):
                        continue
                    if best is None or (kind, term) < best[:2]:
                        best = (kind, term, i)
            if best is None:
                continue
            window = tokens[k : k + n]
            if any(t.text.istitle() and t.key in lex.names for t in window):
                continue
            if cfg.is_word(" ".join(keys)):
                continue
            kind, term, i = best
            if i > 0 and cfg.is_word(f"{keys[i - 1]} {keys[i]}"):
                continue
            if i < n - 1 and cfg.is_word(f"{keys[i]} {keys[i + 1]}"):
                continue
            if _left_word(tokens, runs, k, cfg) or _right_word(tokens, runs, k + n - 1, cfg):
                continue
            flagged.add(k + i)
            written = [t.text for t in window]
            start, end = window[0].start, window[-1].end
            suggestion = match_case(written, _styled(term, written, cfg))
            yield TextHit(
                start,
                end,
                f"có thể gõ nhầm ({_EDIT_NAME[kind]}): «{text[start:end]}» → «{suggestion}»",
                suggestion,
                False,
            )
