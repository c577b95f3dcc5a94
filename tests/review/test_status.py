"""``vankien status``: states judged from words, placeholders and guidance; counts from lint."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vankien.cli import main
from vankien.lint.runner import lint_report
from vankien.report.load import load_report
from vankien.review.status import State, combine, compute, render

PLACEHOLDER = "[Viết nội dung tại đây]{.placeholder}"
TEXT = " ".join(["Chi bộ lãnh đạo thực hiện tốt nhiệm vụ chính trị"] * 3) + "."
WORDS = len(TEXT.split())


def section_body(text: str, heading: str) -> tuple[int, int]:
    """Start and end offsets of the body under ``heading`` (up to the next heading)."""
    start = text.index(heading) + len(heading)
    following = re.search(r"^#{1,6} ", text[start:], re.M)
    return start, start + following.start() if following else len(text)


def write_section(path: Path, heading: str, body: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = section_body(text, heading)
    path.write_text(text[:start] + "\n\n" + body + "\n\n" + text[end:], encoding="utf-8")


def keep_guidance(path: Path, heading: str) -> str:
    text = path.read_text(encoding="utf-8")
    start, end = section_body(text, heading)
    m = re.search(r"<!-- HƯỚNG DẪN:.*?-->", text[start:end], re.S)
    assert m is not None
    return m.group(0)


@pytest.fixture
def report(report_copy: Path) -> Path:
    f01 = report_copy / "skeleton" / "01-dac-diem-tinh-hinh.md"
    write_section(f01, "### 1. Bối cảnh nhiệm kỳ {{previous_term}}", TEXT)  # done
    guidance = keep_guidance(f01, "### 2. Thuận lợi, khó khăn")
    write_section(f01, "### 2. Thuận lợi, khó khăn", guidance + "\n\n" + TEXT)  # writing
    f02 = report_copy / "skeleton" / "02-nhiem-vu-chinh-tri.md"
    text = f02.read_text(encoding="utf-8")
    line = "\n" + PLACEHOLDER + "\n"  # the first one on a line of its own (not the banner's)
    f02.write_text(text.replace(line, "\n" + TEXT + "\n" + line, 1), encoding="utf-8")
    return report_copy


def test_states_words_and_budget(report: Path) -> None:
    status = compute(load_report(report))
    f01, f02 = status.files[0], status.files[1]
    leaves = {s.heading.split(" ")[0]: s for s in f01.sections if s.level == 3}
    assert leaves["1."].state is State.DONE and leaves["1."].words == WORDS
    assert leaves["2."].state is State.WRITING and leaves["2."].guidance == 1
    assert f01.state is State.WRITING and f01.words == 2 * WORDS
    assert f01.budget == 1000
    first = next(s for s in f02.sections if s.heading.startswith("1.1."))
    assert first.state is State.WRITING and first.placeholders == 1 and first.words == WORDS
    assert status.files[2].state is State.EMPTY
    assert status.sections_done == 1
    assert status.sections_writing == 2
    total = status.sections_done + status.sections_writing + status.sections_empty
    assert status.percent == round(100 / total)


def test_lint_counts_match_the_linter(report: Path) -> None:
    status = compute(load_report(report))
    result = lint_report(load_report(report))
    for f in status.files:
        mine = [x for x in result.findings if x.path == f"skeleton/{f.file}"]
        assert f.warnings == sum(1 for x in mine if x.severity.name == "WARNING")
        assert f.errors == sum(1 for x in mine if x.severity.name == "ERROR")
    assert status.warnings == len(result.warnings) and status.warnings > 0


def test_owner_comes_from_outline_role_and_people(report: Path) -> None:
    status = compute(load_report(report))
    owner = status.files[2].owner  # 03: tuyên giáo
    assert owner.role == "tuyen-giao"
    assert owner.people == ("Lê Văn Cường",)
    assert "Lê Văn Cường" in owner.text()


def test_combine() -> None:
    assert combine([State.DONE, State.DONE]) is State.DONE
    assert combine([State.EMPTY, State.EMPTY]) is State.EMPTY
    assert combine([State.DONE, State.EMPTY]) is State.WRITING


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_cli_formats(report: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--root", str(report), "--format", fmt, "--sections"]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        data = json.loads(out)
        assert data["files"][0]["state"] == "writing"
        assert data["files"][0]["state_label"] == "đang viết"
        assert data["sections_done"] == 1
    else:
        for column in ("Phụ trách", "Tình trạng", "Số từ / dự kiến", "Lỗi", "Cảnh báo"):
            assert column in out
        assert "đã xong 1/" in out
    if fmt == "markdown":
        assert "| 01-dac-diem-tinh-hinh.md |" in out


def test_unknown_format_is_a_user_error(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--root", str(report), "--format", "pdf"]) == 2
    assert "không có cách in «pdf»" in capsys.readouterr().err


def test_table_lists_every_outline_file(report: Path) -> None:
    status = compute(load_report(report))
    table = render(status, "table")
    for f in status.files:
        assert f.file in table
