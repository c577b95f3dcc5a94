"""The run cache never changes a result: a second run gives the same findings, and any change
to a file, report.yaml or the settings is seen at once."""

from __future__ import annotations

from pathlib import Path

from vankien.lint.runner import lint_report
from vankien.report.cache import RunCache, cache_folder
from vankien.report.load import load_report

BROKEN = "Đại hội lần thứ…… nhiệm kỳ 2020-2025; Ðảng bộ; công tác tác; gián sát."


def _render(root: Path) -> list[str]:
    return [f.render() for f in lint_report(load_report(root)).findings]


def test_second_run_is_identical_and_cached(mini) -> None:
    root = mini(body=BROKEN)
    first = _render(root)
    cache = RunCache(root)
    assert cache.path.parent == cache_folder(root) and cache.old  # entries were stored
    assert _render(root) == first
    assert any("VI007" in line for line in first) and any("PH001" in line for line in first)


def test_file_change_is_seen(mini) -> None:
    root = mini(body=BROKEN)
    _render(root)
    target = root / "skeleton" / "01-mot.md"
    target.write_text(
        target.read_text(encoding="utf-8").replace("công tác tác", "công tác"), encoding="utf-8"
    )
    assert not any("VI007" in line for line in _render(root))


def test_metadata_and_settings_changes_are_seen(mini) -> None:
    root = mini(body=BROKEN)
    assert any(" error PH001" in line for line in _render(root))
    yaml = root / "report.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("stage: chinh-thuc", "stage: du-thao-1"),
        encoding="utf-8",
    )
    assert any(" warning PH001" in line for line in _render(root))
    with yaml.open("a", encoding="utf-8") as handle:
        handle.write("lint:\n  ignore: [vietnamese]\n")
    assert not any(" VI" in line for line in _render(root))


def test_cache_lives_in_the_report_folder_and_stays_out_of_git(mini, monkeypatch) -> None:
    monkeypatch.delenv("VANKIEN_CACHE_DIR", raising=False)
    root = mini(body=BROKEN)
    _render(root)
    folder = root / ".vankien-cache"
    assert any(folder.glob("run-*.pickle"))
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_cache_is_off_in_ci(mini, monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    root = mini(body=BROKEN)
    assert RunCache(root).path is None
    _render(root)
    assert cache_folder(root) is None


def test_planted_cache_cannot_run_code(mini, tmp_path) -> None:
    import os
    import pickle

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'pwned'}",))

    root = mini(body=BROKEN)
    first = _render(root)
    path = RunCache(root).path
    path.write_bytes(pickle.dumps({"version": 3, "run": 1, "entries": {"x": (1, Exploit())}}))
    assert _render(root) == first
    assert not (tmp_path / "pwned").exists()


def test_damaged_cache_is_ignored(mini) -> None:
    root = mini(body=BROKEN)
    first = _render(root)
    RunCache(root).path.write_bytes(b"not a pickle")
    assert _render(root) == first


def test_file_stamp_covers_code_and_word_lists(mini, monkeypatch) -> None:
    """Cached hits of file-scope rules depend on the rules' code and the word lists too."""
    import vankien.report.cache as cache_module
    from vankien.lint.model import Context, LintConfig
    from vankien.lint.parallel import file_stamp
    from vankien.report.load import load_report

    seen: list[Path] = []
    real = cache_module.stamp_of

    def spy(paths: list[Path]) -> str:
        seen.extend(paths)
        return real(paths)

    monkeypatch.setattr(cache_module, "stamp_of", spy)
    file_stamp(Context(load_report(mini()), LintConfig()))
    names = {(p.parent.name, p.name) for p in seen}
    assert ("vietnamese", "misspellings.yaml") in names
    assert ("data", "words.txt") in names
    assert ("rules", "consistency.py") in names
    assert ("data", "todo-markers.txt") in names


def test_loader_cache_keeps_one_entry_per_file(mini, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("VANKIEN_CACHE_DIR", str(tmp_path / "own-cache"))
    root = mini(body=BROKEN)
    yaml = root / "report.yaml"
    previous = "chinh-thuc"
    for stage in ("du-thao-1", "du-thao-2", "du-thao-3"):
        text = yaml.read_text(encoding="utf-8")
        yaml.write_text(text.replace(f"stage: {previous}", f"stage: {stage}"), encoding="utf-8")
        previous = stage
        assert any(" warning PH001" in line for line in _render(root))
    assert len(list((tmp_path / "own-cache").glob("unit-*.pickle"))) == 1
