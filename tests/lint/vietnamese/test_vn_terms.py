"""The index of fixed terms with one syllable dropped."""

from __future__ import annotations

from vankien.lint.vietnamese.checks import LangConfig, check_dropped_syllables
from vankien.lint.vietnamese.terms import dropped_index


def test_index_holds_inner_drops_of_long_terms(cfg: LangConfig) -> None:
    index, lengths, firsts = dropped_index(cfg.lexicon, frozenset())
    term = "ban thường vụ đảng uỷ"
    assert (2, term) in index[("ban", "thường", "đảng", "uỷ")]
    # Without its first or last syllable a term is often a correct shorter phrase.
    assert ("thường", "vụ", "đảng", "uỷ") not in index
    assert ("ban", "thường", "vụ", "đảng") not in index
    assert min(lengths) >= 3 and "ban" in firsts
    # Terms of three syllables are not indexed: two written syllables are too common a pair.
    assert not any(t == "cách làm hay" for v in index.values() for _, t in v)


def test_project_terms_are_indexed(cfg: LangConfig) -> None:
    index, _, _ = dropped_index(cfg.lexicon, frozenset({"hội đồng nhân dân xã"}))
    assert (2, "hội đồng nhân dân xã") in index[("hội", "đồng", "dân", "xã")]


def test_written_syllables_that_belong_to_neighbours(cfg: LangConfig) -> None:
    # «kiểm tra» + «sát» is a gap only when «sát» does not start a word with what follows.
    assert list(check_dropped_syllables("kiểm tra sát sao", cfg)) == []
    assert [h.suggestion for h in check_dropped_syllables("kiểm tra sát đảng viên", cfg)] == [
        "kiểm tra giám sát"
    ]
