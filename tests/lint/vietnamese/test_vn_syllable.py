"""Syllable parsing and tone positions, including properties over generated syllables."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vankien.lint.vietnamese.syllable import (
    misplaced_tone,
    parse,
    restyle,
    style_of,
    to_second_style,
    with_tone,
)


@pytest.mark.parametrize(
    ("word", "onset", "nucleus", "coda"),
    [
        ("quý", "qu", "y", ""),
        ("già", "gi", "a", ""),
        ("gìn", "g", "i", "n"),
        ("người", "ng", "ươi", ""),
        ("nghiêng", "ngh", "iê", "ng"),
        ("khuỷu", "kh", "uyu", ""),
        ("oanh", "", "oa", "nh"),
        ("ước", "", "ươ", "c"),
    ],
)
def test_parse(word: str, onset: str, nucleus: str, coda: str) -> None:
    syl = parse(word)
    assert syl is not None
    assert (syl.onset, syl.nucleus, syl.coda) == (onset, nucleus, coda)


@pytest.mark.parametrize("word", ["ubnd", "bch", "online", "xyz", "quu", "kk", ""])
def test_not_a_syllable(word: str) -> None:
    assert parse(word) is None


def test_styles() -> None:
    assert style_of("hòa") == "first"
    assert style_of("hoà") == "second"
    assert style_of("hoàn") is None  # a final consonant: no choice
    assert style_of("quý") is None  # qu takes the u
    assert restyle("Thủy", "second") == "Thuỷ"
    assert restyle("KHOẺ", "first") == "KHỎE"


ONSETS = ["", "b", "ch", "h", "kh", "l", "ng", "th", "tr", "x"]
RIMES = ["a", "oa", "oe", "uy", "ai", "ao", "ia", "ua", "ưa", "oai", "uyê", "ươ", "an", "oan",
         "uyên", "ương", "iêu", "ưu", "ôi"]  # fmt: skip


@st.composite
def syllables(draw: st.DrawFn) -> str:
    onset = draw(st.sampled_from(ONSETS))
    rime = draw(st.sampled_from(RIMES))
    if rime in ("uyê", "ươ"):
        rime += draw(st.sampled_from(["n", "ng", "t", "c"]))
    tone = draw(st.integers(1, 5))
    word = onset + rime
    syl = parse(word)
    assert syl is not None, word
    # put the tone on a random vowel of the nucleus
    i = len(onset) + draw(st.integers(0, len(syl.nucleus) - 1))
    return word[:i] + with_tone(word[i], tone) + word[i + 1 :]


@given(syllables())
def test_fix_is_idempotent_and_keeps_letters(word: str) -> None:
    fixed = misplaced_tone(word) or word
    assert misplaced_tone(fixed) is None
    assert len(fixed) == len(word)
    strip = unicodedata.normalize("NFD", fixed)
    assert sorted(strip) == sorted(unicodedata.normalize("NFD", word))


@given(syllables())
def test_second_style_is_length_preserving_and_idempotent(word: str) -> None:
    once = to_second_style(word)
    assert len(once) == len(word)
    assert to_second_style(once) == once
    assert style_of(once) != "first"
