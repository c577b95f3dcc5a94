"""Recall of the syllable checks on typo sentences written for the test (fixture
syllable-typos.yaml; none is taken from the project's data files). A typo that still forms a
real syllable (``real_word``) is another class (confusions of real words) and is not counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import vankien.lint.vietnamese.checks as vn
from vankien.lint.vietnamese.checks import LangConfig, TextHit

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "syllable-typos.yaml"
Check = Callable[[str, LangConfig], Iterator[TextHit]]
CLASSES: dict[str, tuple[Check, ...]] = {
    # A tone on the wrong vowel («thừơng») is VI005's, which VI012 leaves to it.
    "invalid_syllable": (vn.check_invalid_syllables, vn.check_tone_placement),
    "capital_term": (vn.check_invalid_syllables, vn.check_term_near_misses),
    "dropped_syllable": (vn.check_dropped_syllables,),
}


def _load() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = YAML(typ="safe").load(
        FIXTURE.read_text(encoding="utf-8")
    )
    return data


def _caught(item: dict[str, Any], checks: tuple[Check, ...], cfg: LangConfig) -> bool:
    text, wrong = item["text"], item["wrong"]
    start = text.index(wrong)
    end = start + len(wrong)
    for check in checks:
        for hit in check(text, cfg):
            if hit.start < end and start < hit.end:
                return True
    return False


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_recall_at_least_90_percent(name: str, cfg: LangConfig) -> None:
    items = [i for i in _load()[name] if not i.get("real_word")]
    assert len(items) >= 10
    missed = [i["wrong"] for i in items if not _caught(i, CLASSES[name], cfg)]
    recall = 1 - len(missed) / len(items)
    assert recall >= 0.9, (f"{recall:.0%}", missed)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_suggestion_is_the_right_word(name: str, cfg: LangConfig) -> None:
    """Where a check proposes a replacement for the typo, it is the intended word."""
    for item in _load()[name]:
        if item.get("real_word"):
            continue
        text, wrong, right = item["text"], item["wrong"], item["right"]
        start = text.index(wrong)
        for check in CLASSES[name]:
            for hit in check(text, cfg):
                if hit.start == start and hit.end == start + len(wrong) and hit.suggestion:
                    assert hit.suggestion == right, (text, hit.message)


def test_fixture_sentences_have_their_typo() -> None:
    for items in _load().values():
        for item in items:
            assert item["wrong"] in item["text"]
