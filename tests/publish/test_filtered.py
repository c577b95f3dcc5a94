"""The filtered document kept between builds: the same .docx, from less of pandoc's work."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from vankien.cli import main
from vankien.publish.filtered import ABANDONED_AFTER_S, MARK, split_at_mark
from vankien.report.cache import CACHE_FOLDER

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
PAGE = "01-phan-thu-nhat.md"


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache in the report's own folder, where these tests look (the Vietnamese checks'
    tests move it for the rest of a session)."""
    monkeypatch.delenv("VANKIEN_CACHE_DIR", raising=False)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    # Without a cache an earlier run may have left in the fixture folder.
    skip = shutil.ignore_patterns(CACHE_FOLDER)
    return Path(shutil.copytree(FIXTURES / "dang-bo-draft", tmp_path / "draft", ignore=skip))


def _build(root: Path, target: Path) -> bytes:
    assert main(["build", "--root", str(root), "-o", str(target)]) == 0
    return target.read_bytes()


def _kept(root: Path) -> list[Path]:
    return sorted((root / CACHE_FOLDER).glob("filtered-*"))


def _document(root: Path) -> Path:
    (json,) = [path for path in _kept(root) if path.suffix == ".json"]
    return json


def _body(data: bytes) -> str:
    from vankien.publish.ooxml.package import read_parts

    return read_parts(data)["word/document.xml"].decode("utf-8")


def test_a_build_given_the_same_writes_from_the_kept_document_the_same_bytes(
    draft, tmp_path, monkeypatch
):
    first = _build(draft, tmp_path / "1.docx")
    assert [path.suffix for path in _kept(draft)] == [".json", ".log"]
    assert not list((draft / CACHE_FOLDER).glob("*.part"))
    second = _build(draft, tmp_path / "2.docx")
    monkeypatch.setenv("CI", "true")  # no cache at all: pandoc runs whole
    without = _build(draft, tmp_path / "3.docx")
    assert first == second == without

    # The second build did read the kept document: a word planted in it reaches the .docx.
    monkeypatch.delenv("CI")
    kept = _document(draft)
    text = kept.read_text(encoding="utf-8")
    assert '"c":"Biểu"' in text
    kept.write_text(text.replace('"c":"Biểu"', '"c":"Trồngvào"'), encoding="utf-8")
    assert "Trồngvào" in _body(_build(draft, tmp_path / "4.docx"))


def test_a_changed_text_is_read_again_and_its_entry_replaces_the_old_one(draft, tmp_path):
    _build(draft, tmp_path / "1.docx")
    old = _document(draft)
    page = draft / "skeleton" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nĐoạn viết thêm sau.\n", "utf-8")
    data = _build(draft, tmp_path / "2.docx")
    assert "Đoạn viết thêm sau." in _body(data)
    assert _document(draft) != old and not old.exists()
    assert len(_kept(draft)) == 2


def test_a_changed_setting_is_another_entry(draft, tmp_path):
    first = _build(draft, tmp_path / "1.docx")
    config = draft / "report.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("Trần Văn Thử", "Lê Thị Mới"), encoding="utf-8")
    # The signature block comes from the metadata, which the kept document holds too.
    body = _body(_build(draft, tmp_path / "2.docx"))
    assert "Lê Thị Mới" in body and "Trần Văn Thử" not in body
    config.write_text(text, encoding="utf-8")
    assert _build(draft, tmp_path / "3.docx") == first


def test_pandocs_messages_are_said_once_on_every_build(draft, tmp_path, capsys):
    page = draft / "skeleton" / PAGE
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n<div>Chữ trong thẻ HTML</div>\n\nCông thức $\\begin{x}$ hỏng.\n",
        encoding="utf-8",
    )
    said = []
    for n in (1, 2):
        _build(draft, tmp_path / f"{n}.docx")
        said.append(capsys.readouterr().err)
    # raw-html.lua's note (the first half, kept and said again) and the docx writer's (the
    # second half, said by pandoc each time), once each, on the whole run and on the kept one.
    for err in said:
        assert err.count("không vào được văn bản Word") == 1, err
        assert err.count("Could not convert TeX math") == 1, err
        assert MARK not in err
    assert said[0] == said[1]


def test_a_damaged_kept_document_is_dropped_and_the_build_runs_whole(draft, tmp_path, capsys):
    first = _build(draft, tmp_path / "1.docx")
    kept = _document(draft)
    kept.write_bytes(kept.read_bytes()[:1000])
    assert _build(draft, tmp_path / "2.docx") == first
    assert "pandoc" not in capsys.readouterr().err
    assert _document(draft).stat().st_size > 1000  # kept again, whole


def test_with_a_reports_own_filters_nothing_is_kept(draft, tmp_path):
    shutil.copytree(REPO / "filters", draft / "filters")
    _build(draft, tmp_path / "1.docx")
    assert _kept(draft) == []


def test_a_cache_folder_that_cannot_be_made_keeps_nothing_and_builds(draft, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("VANKIEN_CACHE_DIR", str(blocker / "cache"))
    first = _build(draft, tmp_path / "1.docx")
    monkeypatch.setenv("CI", "true")
    assert _build(draft, tmp_path / "2.docx") == first


def test_a_refused_build_leaves_no_part_file(tmp_path, capsys):
    skip = shutil.ignore_patterns(CACHE_FOLDER)
    final = Path(shutil.copytree(FIXTURES / "chi-bo-nd30", tmp_path / "final", ignore=skip))
    page = final / "skeleton" / "02-phan-thu-hai.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{khong_co}}\n", encoding="utf-8")
    assert main(["build", "--root", str(final)]) == 1
    leftovers = [p.name for p in (final / CACHE_FOLDER).glob("filtered-*")]
    assert [name for name in leftovers if name.endswith(".part")] == []


def test_a_part_file_left_by_a_killed_build_goes_when_an_entry_is_kept(draft, tmp_path):
    _build(draft, tmp_path / "1.docx")
    prefix = _document(draft).name.split("-")[:2]
    folder = draft / CACHE_FOLDER
    left = folder / f"{'-'.join(prefix)}-0123.999999.part"
    working = folder / f"{'-'.join(prefix)}-4567.999998.part"
    for part in (left, working):
        part.write_text("{", encoding="utf-8")
    old = time.time() - ABANDONED_AFTER_S - 60
    os.utime(left, (old, old))
    page = draft / "skeleton" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nThêm một câu.\n", "utf-8")
    _build(draft, tmp_path / "2.docx")
    assert not left.exists()
    assert working.exists()  # it may be another build's, still at work


def test_split_at_mark():
    assert split_at_mark(f"a\nb\n{MARK}\nc\n") == (["a", "b"], ["c"])
    assert split_at_mark(f"{MARK}\n") == ([], [])
    assert split_at_mark("a\nc\n") is None
    assert split_at_mark(f"a {MARK}\n") is None  # a line of its own
