"""Tone-mark placement: always-wrong placements, and one oa/oe/uy style per document."""

from __future__ import annotations

from collections.abc import Iterator

from vankien.lint.vietnamese.config import LangConfig
from vankien.lint.vietnamese.hits import TextHit
from vankien.lint.vietnamese.syllable import ToneStyle, misplaced_tone, restyle, style_of
from vankien.lint.vietnamese.tokens import tokenize

_STYLE_EXAMPLE = {"first": "hòa, khỏe, thủy", "second": "hoà, khoẻ, thuỷ"}
_STYLE_NAME = {
    "first": "dấu trên nguyên âm thứ nhất",
    "second": "dấu trên nguyên âm thứ hai",
}


def check_tone_placement(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Tone marks on a vowel where they are wrong in every style: «qúy», «gìa», «hòang»,
    «ngòai», «ngừơi», «thủơ». Works on a paragraph or a line; the fix moves the mark.
    """
    for tok in tokenize(text):
        if not tok.checkable:
            continue
        fixed = misplaced_tone(tok.text)
        if fixed is not None:
            yield TextHit(
                tok.start,
                tok.end,
                f"đặt dấu thanh sai vị trí: «{tok.text}» → «{fixed}»",
                fixed,
                True,
            )


def tone_style_counts(text: str) -> tuple[int, int]:
    """How many open oa/oe/uy syllables carry the tone on the first vowel (hòa, khỏe, thủy)
    and how many on the second (hoà, khoẻ, thuỷ). Sum these over all files of a document and
    pass the minority style (or the configured one) to :func:`check_tone_style`.
    """
    first = second = 0
    for tok in tokenize(text):
        if tok.checkable:
            style = style_of(tok.text)
            if style == "first":
                first += 1
            elif style == "second":
                second += 1
    return first, second


def document_style(first: int, second: int, cfg: LangConfig) -> ToneStyle | None:
    """The style a document must use: the configured one, or the majority (None on a tie)."""
    if cfg.tone_style in ("first", "second"):
        return cfg.tone_style
    if first == second:
        return None
    return "first" if first > second else "second"


def check_tone_style(text: str, style: ToneStyle) -> Iterator[TextHit]:
    """Open oa/oe/uy syllables not written in ``style`` («first»: hòa; «second»: hoà).

    Works on a paragraph or a line; the fix moves the mark (meaning is unchanged).
    """
    for tok in tokenize(text):
        if not tok.checkable:
            continue
        current = style_of(tok.text)
        if current is None or current == style:
            continue
        fixed = restyle(tok.text, style)
        yield TextHit(
            tok.start,
            tok.end,
            f"«{tok.text}» đặt dấu kiểu {_STYLE_NAME[current]}; văn bản này theo kiểu "
            f"{_STYLE_NAME[style]} ({_STYLE_EXAMPLE[style]}): viết «{fixed}»",
            fixed,
            True,
        )
