"""Phonotactic faults, attested syllables and the nearest valid syllable."""

from __future__ import annotations

import pytest

from vankien.lint.vietnamese.checks import LangConfig
from vankien.lint.vietnamese.phonotactics import attested, fault, near, respelled, suggest


@pytest.mark.parametrize(
    "key",
    [
        "quyết", "nghiêm", "cương", "kỹ", "ghi", "nghệ", "gìn", "giếng", "quốc", "khuya",
        "xoong", "huých", "thuở", "oanh", "khuỷu", "người", "ngoài", "việc", "ích", "ếch",
        "quỳnh",
    ],
)  # fmt: skip
def test_valid_syllables_have_no_fault(key: str) -> None:
    assert fault(key) is None


@pytest.mark.parametrize(
    ("key", "part"),
    [
        ("quyêt", "sắc hoặc nặng"),
        ("tốp", None),
        ("kương", "«k»"),
        ("ngiêm", "ngh"),
        ("cinh", "«k»"),
        ("ghà", "«gh»"),
        ("ngha", "«ngh»"),
        ("gế", "gh"),
        ("mâ", "âm cuối"),
        ("tiê", "âm cuối"),
        ("mươ", "âm cuối"),
        ("tain", "không đi với"),
        ("thiam", "không đi với"),
        ("thoch", "-ch"),
        ("tinhh", None),
        ("ting", "-nh"),
        ("thàh", "không ghép"),
        ("quu", "không ghép"),
    ],
)
def test_faults(key: str, part: str | None) -> None:
    why = fault(key)
    if key == "tốp":
        assert why is None  # sắc on a stop final is right
        return
    assert why is not None
    if part is not None:
        assert part in why


def test_attested_adds_the_projects_terms(cfg: LangConfig) -> None:
    base = attested(cfg.lexicon, frozenset())
    assert "người" in base and "kiễm" not in base and "thàh" not in base
    more = attested(cfg.lexicon, frozenset({"pắc bó"}))
    assert "pắc" in more and "bó" in more and "pắc" not in base


def test_respelling_is_the_mechanical_fix(cfg: LangConfig) -> None:
    known = attested(cfg.lexicon, cfg.extra_terms)
    assert respelled("ngiêm", known) == "nghiêm"
    assert respelled("kương", known) == "cương"
    assert respelled("ghắn", known) == "gắn"
    assert respelled("thàh", known) is None


def test_suggestion_needs_one_candidate_or_context(cfg: LangConfig) -> None:
    known = attested(cfg.lexicon, cfg.extra_terms)
    assert "thành" in near("thàh", known)
    assert suggest("thàh", None, "lập", cfg, known) == ("thành", False, True)
    # Many syllables are one letter from «chá»; none makes a word here: no suggestion.
    assert suggest("chá", "tôi", "quá", cfg, known) == (None, False, False)
    assert suggest("ngiêm", None, "túc", cfg, known) == ("nghiêm", True, True)
