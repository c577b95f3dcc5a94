"""The toolchain's shipped data: the language checks' files are listed in one place."""

from __future__ import annotations

from vankien.lint.vietnamese import config
from vankien.resources import data_path, language_data


def test_language_data_holds_every_word_list_the_lexicon_reads() -> None:
    """The lexicon cache and the language checks' stamp are both keyed on language_data():
    a list the lexicon reads but the function missed would leave a stale cache in use."""
    files = language_data()
    assert files == [*sorted(set(files[:-1])), data_path("words.txt")]
    read = {data_path("vietnamese") / name for name in (*config._LIST_FILES, config._MISSPELLINGS)}
    assert read <= set(files)
    assert all(path.is_file() for path in files)
    assert data_path("vietnamese") / "confusions.txt" in files
