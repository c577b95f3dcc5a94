"""Repeated phrases: two or three words written twice in a row («đã được đã được»).

The doubled-word check (VI007) sees one word; a slip of copy and paste or of an edit left
half done repeats a group. The words must be joined by spaces only (never across punctuation:
«tổ chức, tổ chức lại» is a list, not a slip), every word a Vietnamese syllable, and the group
not an allowed reduplication of the data (reduplications.txt, which may hold «từng bước từng
bước» style entries as well as «dần dần»).
"""

from __future__ import annotations

from collections.abc import Iterator

from vankien.lint.vietnamese.config import LangConfig
from vankien.lint.vietnamese.hits import TextHit
from vankien.lint.vietnamese.tokens import tokenize

# Syllables per group: two or three words of one to two syllables each.
_SIZES = (6, 5, 4, 3, 2)


def check_repeated_phrases(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """A group of two or three words written twice in a row: «đã được đã được», «công tác
    kiểm tra công tác kiểm tra». ``text`` is a paragraph (soft line breaks joined by spaces,
    so that a repetition across a line break is seen). The suggestion keeps one copy; it is
    not applied by ``--fix`` (the writer may have meant to change one copy, not delete it).
    """
    tokens = tokenize(text)
    n_tok = len(tokens)
    if n_tok < 4:
        return
    keys = [t.key for t in tokens]
    k = 0
    while k < n_tok:
        found = 0
        for size in _SIZES:
            end = k + 2 * size
            # Cheapest test first: the group's first word must come back ``size`` words on.
            if end > n_tok or keys[k] != keys[k + size]:
                continue
            if keys[k : k + size] != keys[k + size : end]:
                continue
            group = tokens[k:end]
            if not all(t.checkable for t in group):
                continue
            if not all(t.joined for t in group[1:]):
                continue
            first = keys[k : k + size]
            # A heading in capitals echoed by its sentence: «MỤC TIÊU TỔNG QUÁT Mục tiêu…».
            if group[0].text.isupper() != group[size].text.isupper():
                continue
            if len(set(first)) == 1:
                continue  # «dần dần dần dần»: the single-word rule's case
            phrase = " ".join(first)
            if f"{phrase} {phrase}" in cfg.lexicon.reduplications:
                continue
            found = size
            break
        if not found:
            k += 1
            continue
        start, middle, stop = (
            tokens[k].start,
            tokens[k + found - 1].end,
            tokens[k + 2 * found - 1].end,
        )
        yield TextHit(
            start,
            stop,
            f"cụm từ lặp: «{text[start:stop]}» → «{text[start:middle]}»",
            text[start:middle],
            False,
        )
        k += 2 * found
