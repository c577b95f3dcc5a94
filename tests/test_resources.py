"""The toolchain's shipped data: the language checks' files are listed in one place."""

from __future__ import annotations

from pathlib import Path

from vankien.lint.vietnamese import config
from vankien.resources import data_entries, data_path, language_data


def test_language_data_holds_every_word_list_the_lexicon_reads() -> None:
    """The lexicon cache and the language checks' stamp are both keyed on language_data():
    a list the lexicon reads but the function missed would leave a stale cache in use."""
    files = language_data()
    assert files == [*sorted(set(files[:-1])), data_path("words.txt")]
    read = {data_path("vietnamese") / name for name in (*config._LIST_FILES, config._MISSPELLINGS)}
    assert read <= set(files)
    assert all(path.is_file() for path in files)
    assert data_path("vietnamese") / "confusions.txt" in files


def test_data_file_comments_are_not_entries(tmp_path: Path) -> None:
    """«#» alone separates two paragraphs of a comment (nonbreaking.txt has one): the build's
    line breaking read it as a pattern that matched every «#» of the text."""
    path = tmp_path / "list.txt"
    path.write_text("# a comment\n#\n# more of it\nentry one\n\n  # indented\n a#b \n", "utf-8")
    assert data_entries(path.read_text(encoding="utf-8")) == ["entry one", "a#b"]
