"""Every defect the seed outline really carries is found, with the right correction."""

from __future__ import annotations

from pathlib import Path

import vankien.lint.vietnamese.checks as vn
from vankien.lint.vietnamese.checks import LangConfig

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "de-cuong.txt"


def _hits(check: object, cfg: LangConfig) -> list[tuple[str, str | None]]:
    out = []
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        for hit in check(line, cfg):  # type: ignore[operator]
            out.append((line[hit.start : hit.end], hit.suggestion))
    return out


def test_seed_near_misses(cfg: LangConfig) -> None:
    assert _hits(vn.check_term_near_misses, cfg) == [
        ("quán triển", "quán triệt"),
        ("gián sát", "giám sát"),
        ("TRONG TÂM", "TRỌNG TÂM"),
        ("chất lương", "chất lượng"),
    ]


def test_seed_doubled_words(cfg: LangConfig) -> None:
    assert _hits(vn.check_doubled_words, cfg) == [("hiện hiện", "hiện"), ("tác tác", "tác")]


def test_seed_tone_style_minority(cfg: LangConfig) -> None:
    text = SEED.read_text(encoding="utf-8")
    first, second = vn.tone_style_counts(text)
    assert first > second > 0  # mostly «hóa», a few «hoá»/«uỷ»
    assert vn.document_style(first, second, cfg) == "first"
    fixes = {h.suggestion for h in vn.check_tone_style(text, "first")}
    assert fixes == {"hóa", "họa", "ủy"}


def test_seed_has_no_other_word_level_alarm(cfg: LangConfig) -> None:
    for check in (vn.check_misspellings, vn.check_tone_placement, vn.check_legacy_encoding):
        assert _hits(check, cfg) == []
