"""Loading the word lists: fast, validated, cached; bad data is a user error with file/line."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.lint.vietnamese import config
from vankien.lint.vietnamese.config import load_lang_config
from vankien.resources import data_path


def test_bad_tone_style() -> None:
    with pytest.raises(UserError) as err:
        load_lang_config(tone_style="old")
    assert "old" in err.value.message and err.value.hint


def test_extra_terms_are_words() -> None:
    cfg = load_lang_config(extra_terms=["Tâm Thế Mới", "hòa  giải viên"])
    assert cfg.is_word("tâm thế mới")
    assert cfg.is_word("hoà giải viên")  # normalised to one tone style and single spaces


def test_general_dictionary_is_in_one_tone_style() -> None:
    words = data_path("words.txt").read_text(encoding="utf-8")
    assert config.to_second_style(words) == words  # the data file itself is «hoà» style


def test_data_files_are_valid() -> None:
    lex = config.load_lexicon()
    assert len(lex.misspellings) >= 40
    assert len(lex.watch) >= 300
    assert not lex.watch & {w.wrong for w in lex.misspellings.values()}
    for entry in lex.misspellings.values():
        assert not config.load_lexicon().words.__contains__(entry.wrong), entry


def _copy_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "vietnamese"
    shutil.copytree(data_path("vietnamese"), target)
    monkeypatch.setattr(config, "_data_dir", lambda: target)
    monkeypatch.setenv("VANKIEN_CACHE_DIR", str(tmp_path / "cache"))
    return target


def test_bad_misspelling_entry_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _copy_data(tmp_path, monkeypatch)
    path = data / "misspellings.yaml"
    path.write_text("- {wrong: bổ xung, right: bổ sung}\n- {wrong: sử lý}\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        config._raw_data()
    assert err.value.path == str(path) and err.value.line == 2


def test_one_syllable_watch_term_is_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _copy_data(tmp_path, monkeypatch)
    (data / "watchlist.txt").write_text("# ghi chú\ngiám sát\nđảng\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        config._raw_data()
    assert err.value.line == 3


def test_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _copy_data(tmp_path, monkeypatch)
    fresh = config._cached_raw_data()
    cache = config._cache_file()
    assert cache is not None and cache.is_file()
    assert config._cached_raw_data() == fresh
    # editing a data file changes the key: the edit is seen at once
    with (data / "allowed.txt").open("a", encoding="utf-8") as handle:
        handle.write("tâm thế\n")
    assert config._cache_file() != cache
    assert "tâm thế" in config._cached_raw_data()["lists"]["allowed.txt"]
    # ... and the entry of the lists before the edit goes: the folder does not fill up
    assert not cache.exists()
    assert config._cache_file() in cache.parent.glob("lang-*.marshal")


def test_load_is_fast_with_a_warm_cache() -> None:
    config.load_lexicon()  # the cache file exists after this
    best = min(_timed_load() for _ in range(3))
    # Measured about 25 ms on the development machine; the bound leaves room for a busy CI.
    assert best < 0.25


def _timed_load() -> float:
    config.load_lexicon.cache_clear()
    start = time.perf_counter()
    config.load_lexicon()
    return time.perf_counter() - start


def test_dictionary_syllables_are_the_ones_that_parse() -> None:
    from vankien.lint.vietnamese.syllable import parse

    found = config._raw_data()["syllables"]
    syllables = load_lang_config().lexicon.syllables
    invalid = [s for s in found if parse(s) is None]
    assert invalid and not any(s in syllables for s in invalid)  # «acetone», «adsl», …
    assert all(s in syllables for s in found if parse(s) is not None)
    assert "người" in syllables and "ngừơi" not in syllables and 1 not in syllables
    more = syllables.with_found({"qwx", "pắc"})  # a project's term «Pắc Bó», and no syllable
    assert "pắc" in more and "pắc" not in syllables and "qwx" not in more
