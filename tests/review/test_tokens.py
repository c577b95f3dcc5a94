"""Vietnamese syllables and punctuation marks are separate tokens."""

from __future__ import annotations

import unicodedata

from vankien.review.tokens import tokenize


def test_syllables_and_punctuation():
    assert tokenize("Đảng ủy, chi bộ (2020 - 2025).") == [
        "Đảng", "ủy", ",", "chi", "bộ", "(", "2020", "-", "2025", ")", ".",
    ]  # fmt: skip


def test_decomposed_text_gives_composed_tokens():
    nfd = unicodedata.normalize("NFD", "nhiệm kỳ")
    assert tokenize(nfd) == ["nhiệm", "kỳ"]
