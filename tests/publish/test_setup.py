"""What the build's documents share, from the one loaded report: the sources in order with
the target tables put in, the title and document info, the stage read as."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.publish.setup import build_setup, report_markdown, report_sources
from vankien.publish.source import joined_markdown
from vankien.report.load import load_report


def _only(root: Path, files: dict[str, str]) -> Path:
    shutil.rmtree(root / "skeleton")
    (root / "skeleton").mkdir()
    for name, text in files.items():
        (root / "skeleton" / name).write_text(text, encoding="utf-8")
    return root


def test_sources_are_the_numbered_files_in_order(report_copy: Path) -> None:
    files = {"02-hai.md": "# Hai\n", "01-mot.md": "# Một\n\n", "ghi-chu.txt": "x"}
    root = _only(report_copy, {**files, "10-muoi.md": "# Mười"})
    sources = report_sources(load_report(root))
    assert [s.path.name for s in sources] == ["01-mot.md", "02-hai.md", "10-muoi.md"]
    assert joined_markdown(root, sources) == "# Một\n\n# Hai\n\n# Mười\n"


def test_empty_skeleton_is_a_user_error(report_copy: Path) -> None:
    root = _only(report_copy, {})
    with pytest.raises(UserError, match="không có tệp nội dung"):
        report_sources(load_report(root))


def test_sources_are_the_texts_the_report_read(report_copy: Path) -> None:
    """The build reads the skeleton through the loaded report: a text replaced in the report
    (as ``--fix`` re-lints before writing) is what pandoc would get, not the file on disk."""
    report = load_report(report_copy)
    first = report.files[0].rel
    changed = report.with_texts({first: "# Đã thay\n"})
    assert report_sources(changed)[0].text == "# Đã thay\n"
    assert report_sources(report)[0].text != "# Đã thay\n"


def test_target_tables_go_in_where_the_markers_stand(repo_root: Path) -> None:
    report = load_report(repo_root / "examples" / "dang-bo")
    markdown, anchors = report_markdown(report)
    assert "[Bảng chỉ tiêu]{.chi-tieu}" not in markdown
    assert any(s.inserted for s in report_sources(report))
    assert "--" in anchors  # inserted lines get no anchor


def test_title_info_and_stage(repo_root: Path) -> None:
    report = load_report(repo_root / "examples" / "dang-bo")
    setup = build_setup(report)
    info = setup.doc_info()
    assert info.title == f"{setup.profile.texts.title.capitalize()} — {report.unit.issuer}"
    assert info.creator == report.unit.issuer
    assert info.when.date() == report.unit.date
    final = build_setup(report, stage="final")
    assert dict(final.values.metadata)["vk-stage"] == "final"
    assert dict(setup.values.metadata)["vk-stage"] == (
        "final" if report.unit.stage.is_final else "draft"
    )
