"""What a fix may change: each :class:`~vankien.lint.model.FixKind` is a normal form, and a fix
is of the kinds its rule declares when the replaced text and the replacement have the same
normal form under those kinds. The runner drops any other fix, and any fix that touches a
protected span of the file (code, URLs, link destinations, comments, attributes, variables).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from vankien.lint.model import Fix, FixKind
from vankien.report.document import SourceFile

_INVISIBLE = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
_NUMERAL_RE = re.compile(
    r"(?<!\w)(?:[IVXLCDM]+|\d{1,4}(?:\.\d{1,4})*|[a-zđ]|thứ\s+\w+|nhất|hai|ba|tư|năm|sáu|bảy"
    r"|tám|chín|mười)(?!\w)",
    re.IGNORECASE,
)
_DASH_RE = re.compile(r"[-‐‑‒–—―−]")
_HEADING_MARK_RE = re.compile(r"#+")


def _whitespace(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) not in _INVISIBLE)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _tone(text: str) -> str:
    from vankien.lint.vietnamese.syllable import strip_tones

    return strip_tones(_nfc(text))


# A run of anything but spaces, ASCII digits and ASCII punctuation: a word, also when it is
# written in a legacy encoding («§¶ng») or garbled («Viá»‡t»).
_WORD_RE = re.compile(r"[^\s!-@\[-`{-~]+")


def _letters(text: str) -> str:
    """Every word becomes one mark: words may change, not their number nor what is between."""
    return _WORD_RE.sub("W", text)


def _numbers(text: str) -> str:
    return _NUMERAL_RE.sub("N", text)


def _dash(text: str) -> str:
    return _DASH_RE.sub("-", text)


def _heading_level(text: str) -> str:
    return _HEADING_MARK_RE.sub("#", text)


def _word_artefact(text: str) -> str:
    from vankien.lint.rules.placeholders import ARTEFACT_RE

    return ARTEFACT_RE.sub("", text)


# Applied in this order; WHITESPACE last, so that the kinds before it may leave spaces behind.
_NORMAL_FORMS: tuple[tuple[FixKind, Callable[[str], str]], ...] = (
    (FixKind.NFC, _nfc),
    (FixKind.WORD_ARTEFACT, _word_artefact),
    (FixKind.TONE, _tone),
    (FixKind.NUMBERS, _numbers),
    (FixKind.LETTERS, _letters),
    (FixKind.DASH, _dash),
    (FixKind.HEADING_LEVEL, _heading_level),
    (FixKind.WHITESPACE, _whitespace),
)


def normal_form(text: str, kinds: Iterable[FixKind]) -> str:
    """``text`` with every difference that ``kinds`` allow taken away."""
    wanted = set(kinds)
    for kind, form in _NORMAL_FORMS:
        if kind in wanted:
            text = form(text)
    return text


def changes_only(old: str, new: str, kinds: Iterable[FixKind]) -> bool:
    """Whether replacing ``old`` by ``new`` is a change of the given kinds only."""
    kinds = tuple(kinds)
    return bool(kinds) and normal_form(old, kinds) == normal_form(new, kinds)


def safe_fix(source: SourceFile, fix: Fix, kinds: Iterable[FixKind]) -> bool:
    """Whether ``--fix`` may apply ``fix`` to ``source``: inside the file, outside every
    protected span, and a change of the declared kinds only."""
    if not 0 <= fix.start <= fix.end <= len(source.text):
        return False
    if source.touches_protected(fix.start, fix.end):
        return False
    return changes_only(source.text[fix.start : fix.end], fix.replacement, kinds)
