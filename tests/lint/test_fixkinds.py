"""What each kind of fix may change, and the runner's check of every fix against its rule."""

from __future__ import annotations

import unicodedata

import pytest

from vankien.lint.fixkinds import changes_only, safe_fix
from vankien.lint.model import Fix
from vankien.lint.model import FixKind as K
from vankien.lint.runner import all_rules
from vankien.report.document import parse_file

ALLOWED = [
    ("  ", " ", (K.WHITESPACE,)),
    ("a\u200bb", "ab", (K.WHITESPACE,)),
    (unicodedata.normalize("NFD", "Đảng"), "Đảng", (K.NFC,)),
    ("qúy", "quý", (K.TONE,)),
    ("hòa", "hoà", (K.TONE,)),
    ("Ðảng", "Đảng", (K.LETTERS,)),
    ("§¶ng bé", "Đảng bộ", (K.LETTERS,)),
    ("Viá»‡t", "Việt", (K.LETTERS,)),
    ("II", "III", (K.NUMBERS,)),
    ("thứ nhất", "thứ hai", (K.NUMBERS,)),
    ("1.2", "1.3", (K.NUMBERS,)),
    ("15", "XV", (K.NUMBERS,)),
    ("2020–2025", "2020 - 2025", (K.WHITESPACE, K.DASH)),
    ("##", "###", (K.HEADING_LEVEL,)),
    (" [bookmark: _GoBack]", "", (K.WORD_ARTEFACT, K.WHITESPACE)),
]
REFUSED = [
    ("`mã`", "", (K.WHITESPACE,)),
    ("a b", "ab c", (K.WHITESPACE,)),
    ("quý", "quỹ", (K.NFC,)),
    ("bổ sung", "bổ", (K.LETTERS,)),
    ("bộ,", "bộ", (K.LETTERS,)),
    ("15", "16 ngày", (K.NUMBERS,)),
    ("II", "III", (K.TONE,)),
    ("x", "x", ()),
]


@pytest.mark.parametrize(("old", "new", "kinds"), ALLOWED)
def test_allowed(old: str, new: str, kinds: tuple[K, ...]) -> None:
    assert changes_only(old, new, kinds)


@pytest.mark.parametrize(("old", "new", "kinds"), REFUSED)
def test_refused(old: str, new: str, kinds: tuple[K, ...]) -> None:
    assert not changes_only(old, new, kinds)


def test_every_fixable_rule_declares_its_kinds() -> None:
    for rule in all_rules():
        assert bool(rule.fix_kinds) == rule.fixable, rule.code


def test_safe_fix_refuses_protected_spans_and_out_of_range() -> None:
    text = "Dùng `mã`  rồi.\n"
    source = parse_file("skeleton/01.md", text)
    code = text.index("`")
    ws = (K.WHITESPACE,)
    assert not safe_fix(source, Fix(code - 1, code + 6, " "), ws)
    assert safe_fix(source, Fix(code + 4, code + 6, " "), ws)
    assert not safe_fix(source, Fix(len(text), len(text) + 2, ""), ws)
