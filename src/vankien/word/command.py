"""``vankien check FILE.docx…``: units' Word drafts checked against the report folder's outline.

Exit codes, like ``vankien lint``: 0 nothing at or above ``--fail-level``, 1 findings, 2 bad
input. In a batch, a file that cannot be checked (not a docx, a .doc, password-protected,
corrupt, empty, on another outline) gets its row in the summary with the reason and the others
are checked; the exit code is then 2, so that a script never takes an unchecked draft for a
clean one. 3 means a bug in vankien (the other files are still checked).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.errors import EXIT_BUG, EXIT_FINDINGS, EXIT_OK, EXIT_USER, UserError
from vankien.lint.model import Severity

if TYPE_CHECKING:
    from vankien.word import batch as batch_types
    from vankien.word import summary as summary_types

FINDING_FORMATS = ("text", "json", "github", "sarif")
TABLE_FORMATS = ("csv", "markdown", "html")
FORMATS = FINDING_FORMATS + TABLE_FORMATS
TABLE_SUFFIXES = {".csv": "csv", ".md": "markdown", ".html": "html", ".htm": "html"}
WORD_SUFFIXES = (".docx", ".docm", ".doc", ".dotx")


def expand(paths: Sequence[Path]) -> list[Path]:
    """The files to check: a folder stands for the Word files in it."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in WORD_SUFFIXES))
        else:
            out.append(path)
    return out


def report_folder(root: Path | None) -> Path:
    """The report folder the Word commands read drafts against: ``--root``, else the one found
    from the working directory; a user error when it has no report.yaml."""
    from vankien.lint.runner import find_root
    from vankien.unit.load import METADATA_FILE

    report_root = (root or find_root([])).resolve()
    if not (report_root / METADATA_FILE).is_file():
        raise UserError(
            "thư mục này không phải thư mục báo cáo (không có report.yaml)",
            path=report_root,
            hint="chỉ rõ thư mục báo cáo bằng «--root».",
        )
    return report_root


def check_command(
    paths: Sequence[Path],
    root: Path | None = None,
    fmt: str = "text",
    fail_level: str = "error",
    annotate: Path | None = None,
    jobs: int | None = None,
    outline: str | None = None,
    output: Path | None = None,
    summary: Path | None = None,
    shard: str | None = None,
) -> int:
    """Check every draft; print the findings or the summary table; return the exit code.

    ``shard`` «K/N» keeps the K-th of every N files (a CI matrix splits a province's units
    over N runners: each runner checks its share, in the order the files are given)."""
    from vankien.textio import write_atomic
    from vankien.word import batch
    from vankien.word.annotate import annotated_name

    if fmt not in FORMATS:
        raise UserError(f"định dạng «{fmt}» không được hỗ trợ", hint="dùng: " + ", ".join(FORMATS))
    level = Severity.parse(fail_level)
    if level is None:
        raise UserError(
            f"mức «{fail_level}» không hợp lệ cho --fail-level", hint="dùng error, warning, info."
        )
    if summary is not None and summary.suffix.lower() not in TABLE_SUFFIXES:
        raise UserError(
            "không biết ghi bảng tổng hợp dạng gì",
            path=summary,
            hint="đặt tên tệp kết thúc bằng .csv, .md hoặc .html.",
        )
    files = expand(paths)
    if shard is not None:
        files = files[shard_slice(shard)]
    if not files and shard is None:
        raise UserError(
            "chưa chỉ ra tệp Word nào để kiểm tra",
            hint="ví dụ: vankien check du-thao/*.docx",
        )
    report_root = report_folder(root)
    batch.setup(report_root, outline)  # bad report.yaml or outline: stop before any draft
    taken: set[str] = set()
    job_list = []
    for path in files:
        copy = None
        if annotate is not None:
            copy = annotate / annotated_name(path, taken)
        job_list.append(batch.Job(path.resolve(), str(path), report_root, outline, copy))
    workers = jobs if jobs is not None else batch.default_workers()
    outcomes = batch.run_batch(job_list, max(1, workers))

    text = render(outcomes, fmt)
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    if summary is not None:
        write_atomic(summary, render(outcomes, TABLE_SUFFIXES[summary.suffix.lower()]))
    _report_to_stderr(outcomes, fmt, annotate)
    if any(o.bug for o in outcomes):
        return EXIT_BUG
    if any(o.result is None for o in outcomes):
        return EXIT_USER
    failing = [
        item
        for o in outcomes
        if o.result is not None
        for item in o.result.findings
        if item.finding.severity.value >= level.value
    ]
    return EXIT_FINDINGS if failing else EXIT_OK


def shard_slice(text: str) -> slice:
    """«K/N» (1 ≤ K ≤ N) as the slice of the files that shard K of N checks."""
    import re

    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if m is None or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise UserError(
            f"«--shard {text}» không hợp lệ",
            hint="ghi «K/N»: phần thứ K trong N phần, 1 ≤ K ≤ N (ví dụ --shard 2/4).",
        )
    return slice(int(m.group(1)) - 1, None, int(m.group(2)))


def rows(outcomes: Sequence[batch_types.Outcome]) -> list[summary_types.Row]:
    from vankien.word.summary import bad_row, row_of

    out = []
    for o in outcomes:
        if o.result is None:
            out.append(bad_row(o.job.display, o.reason or o.problem.split("\n")[0]))
        else:
            out.append(row_of(o.result, o.job.display))
    return out


def render(outcomes: Sequence[batch_types.Outcome], fmt: str) -> str:
    """The findings (text, json, github, sarif) or the summary table (csv, markdown, html)."""
    from vankien.lint import output
    from vankien.word import summary

    if fmt in TABLE_FORMATS:
        table = rows(outcomes)
        if fmt == "csv":
            return summary.render_csv(table)
        if fmt == "markdown":
            return summary.render_markdown(table)
        return summary.render_html(table)
    located = [item for o in outcomes if o.result is not None for item in o.result.findings]
    findings = [item.finding for item in located]
    if fmt == "text":
        return output.render_text(findings)
    if fmt == "json":
        extra = [
            {
                "paragraph": item.location.number,
                "section": item.location.section_number,
                "section_title": item.location.section_title,
                "page": item.location.page,
                "quote": item.location.quote,
            }
            for item in located
        ]
        return output.render_json(findings, extra)
    if fmt == "github":
        return output.render_github(findings)
    from vankien import __version__
    from vankien.word.check import check_rules

    return output.render_sarif(findings, check_rules(), __version__)


def _report_to_stderr(
    outcomes: Sequence[batch_types.Outcome], fmt: str, annotate: Path | None
) -> None:
    from vankien.lint import output

    for o in outcomes:
        if o.result is None:
            print(o.problem, file=sys.stderr)
    if fmt != "text":
        return
    for o in outcomes:
        if o.result is None:
            continue
        found = [item.finding for item in o.result.findings]
        line = f"{o.job.display}: {output.summary(found, advice=False)}"
        if annotate is not None:
            line += f" Bản có nhận xét: {o.job.annotate} ({o.comments} nhận xét)."
        print(line, file=sys.stderr)
    if len(outcomes) > 1:
        from vankien.word.summary import totals_line

        print(totals_line(rows(outcomes)), file=sys.stderr)
    if any(o.result is not None and o.result.findings for o in outcomes):
        print("Giải thích từng mã: docs/rules/<MÃ>.md hoặc «vankien rules».", file=sys.stderr)
