"""The text and short renderings of findings (the short one is the commit hook's output)."""

from __future__ import annotations

from vankien.lint.model import Finding, Severity
from vankien.lint.output import SHORT_PLACES, render_short, render_text

MESSAGE = "phần này chưa viết: «[Viết nội dung tại đây]{.placeholder}»"


def finding(path: str, line: int, severity: Severity, code: str = "PH002", **kw) -> Finding:
    values = {"message": MESSAGE, "name": "write-here-placeholder", "hint": "viết nội dung."}
    values.update(kw)
    return Finding(path=path, line=line, col=1, code=code, severity=severity, **values)


def test_text_puts_the_hint_at_the_end_of_error_lines_only() -> None:
    error = finding("skeleton/01-a.md", 3, Severity.ERROR)
    warning = finding("skeleton/01-a.md", 5, Severity.WARNING)
    assert render_text([error, warning]).splitlines() == [
        f"skeleton/01-a.md:3:1: error PH002/write-here-placeholder {MESSAGE} → viết nội dung.",
        f"skeleton/01-a.md:5:1: warning PH002/write-here-placeholder {MESSAGE}",
    ]


def test_short_groups_the_same_warning_and_keeps_errors_and_single_ones_whole() -> None:
    findings = [
        finding("skeleton/01-a.md", 3, Severity.WARNING),
        finding("skeleton/01-a.md", 9, Severity.WARNING),
        finding("skeleton/02-b.md", 4, Severity.WARNING),
        finding("skeleton/02-b.md", 7, Severity.ERROR, code="PH001", message="«lần thứ……»"),
        finding("skeleton/02-b.md", 8, Severity.WARNING, code="VI009", message="«quán triển»"),
    ]
    lines = render_short(findings).splitlines()
    assert lines == [
        "skeleton/02-b.md:7:1: error PH001/write-here-placeholder «lần thứ……» → viết nội dung.",
        f"3 chỗ: warning PH002/write-here-placeholder {MESSAGE} "
        "(skeleton/01-a.md:3, 9; skeleton/02-b.md:4)",
        "skeleton/02-b.md:8:1: warning VI009/write-here-placeholder «quán triển»",
    ]


def test_short_lists_a_few_files_then_counts_the_rest() -> None:
    files = SHORT_PLACES + 3
    findings = [finding(f"skeleton/{i:02d}-x.md", 1, Severity.WARNING) for i in range(files)]
    (line,) = render_short(findings).splitlines()
    assert line.startswith(f"{files} chỗ: warning PH002/")
    assert line.count(".md:1") == SHORT_PLACES
    assert line.endswith("; … và 3 tệp khác)")
