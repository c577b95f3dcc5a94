"""Tokens that cannot be Vietnamese syllables («ngiêm», «kương», «quyêt», «thàh», «Kiễm»).

Left alone: words with letters outside the Vietnamese alphabet (foreign words and names,
legacy encodings), words without any Vietnamese mark (abbreviations, codes, units, English)
unless a valid syllable one letter away makes a word with a neighbour («sih hoạt»),
acronyms in capitals that are no syllable (HĐND, QĐ), a tone on the wrong vowel (VI005's),
Roman numerals, code and URLs, the
words of the curated lists, and capitalised words that look like names (see
:mod:`vankien.lint.vietnamese.names`). A capitalised word in mid-sentence that is no name is
checked, but flagged only when a nearby valid syllable makes a word with its neighbour: a
slip in a capitalised term («Ủy ban Kiễm tra»), not an unknown place («Kon Tum»); and only
with the lower-case rest of its term: in a run of capitals («Buôn Ma Thuột») it is a name. The
same holds for a capitalised word at the start of a sentence; words in capitals (headings)
bind to either neighbour.
"""

from __future__ import annotations

from collections.abc import Iterator

from vankien.lint.vietnamese.config import LangConfig
from vankien.lint.vietnamese.encoding import legacy_spans, mojibake_spans
from vankien.lint.vietnamese.hits import TextHit
from vankien.lint.vietnamese.names import name_indices
from vankien.lint.vietnamese.phonotactics import VIETNAMESE_LETTERS, attested, fault, suggest
from vankien.lint.vietnamese.syllable import misplaced_tone
from vankien.lint.vietnamese.tokens import Token, skip_spans, tokenize
from vankien.lint.vietnamese.words import _styled, match_case

_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def _candidate(token: Token) -> bool:
    """A word that could be a Vietnamese syllable written wrongly."""
    word = token.text
    if len(word) < 2 or not word.isalpha():
        return False
    if not all(c in VIETNAMESE_LETTERS for c in word):
        return False
    from vankien.lint.vietnamese.syllable import strip_tones

    bare = strip_tones(word)
    return any(c in _VOWELS for c in bare)


def _in_capital_run(tokens: tuple[Token, ...], k: int) -> bool:
    """A capitalised neighbour joined to ``tokens[k]`` by spaces (a multi-word name)."""
    prev_cap = k > 0 and tokens[k].joined and tokens[k - 1].text[:1].isupper()
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    next_cap = nxt is not None and nxt.joined and nxt.text[:1].isupper()
    return prev_cap or next_cap


def check_invalid_syllables(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Syllables that break Vietnamese phonotactics or occur in no known word.

    ``text`` is a paragraph (soft line breaks joined by spaces). The suggestion is the nearest
    valid syllable when it is unambiguous (one candidate, or one that makes a word with a
    neighbour); the fix is offered only for the spelling rule k/c, g/gh, ng/ngh («ngiêm» →
    «nghiêm»), which changes no sound.
    """
    tokens = tokenize(text)
    known = attested(cfg.lexicon, cfg.extra_terms)
    pending = [
        k
        for k, t in enumerate(tokens)
        if not (t.checkable and t.key in known) and _candidate(t) and not cfg.is_word(t.key)
    ]
    if not pending:
        return
    blocked = skip_spans(text) + mojibake_spans(text)
    if not text.isascii():
        blocked += legacy_spans(text, cfg)
    names: frozenset[int] | None = None
    for k in pending:
        token = tokens[k]
        if any(s < token.end and token.start < e for s, e in blocked):
            continue
        word, key = token.text, token.key
        capital = word[:1].isupper()
        if capital:
            if names is None:
                names = name_indices(text, cfg.lexicon)
            if k in names:
                continue
        if misplaced_tone(key) is not None:
            continue  # «ngừơi»: the tone is on the wrong vowel, VI005 says so
        why = fault(key)
        if why is None and key in known:
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) and tokens[k + 1].joined else None
        before = tokens[k - 1].key if k > 0 and token.joined else None
        after = nxt.key if nxt is not None else None
        upper = word.isupper()
        if capital and not upper:
            # A capitalised word binds only to the lower-case rest of its term («Kiễm tra»):
            # in a run of capitals («Buôn Ma Thuột», «Pác Bó») it is a name.
            before = None
            if nxt is None or not nxt.text.islower():
                after = None
        target, mechanical, in_context = suggest(key, before, after, cfg, known)
        alone = capital and not upper and not _in_capital_run(tokens, k)
        if alone and why is not None and target is not None and not word.isascii():
            in_context = True  # one capitalised word that cannot be a syllable: «Đảảng»
        if (capital or word.isascii()) and not in_context:
            # An acronym (BCHTƯ), a foreign or local name (Lênin, Kon Tum), a foreign word
            # (online), unless a valid syllable close to it makes a word with its neighbour.
            continue
        suggestion = None
        if target is not None:
            suggestion = match_case([word], _styled(target, [word], cfg))
        reason = why or "không có trong từ điển âm tiết"
        tail = f" → «{suggestion}»" if suggestion else ""
        yield TextHit(
            token.start,
            token.end,
            f"âm tiết sai: «{word}» ({reason}){tail}",
            suggestion,
            mechanical and suggestion is not None,
        )
