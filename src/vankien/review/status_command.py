"""``vankien status``: the status of the loaded report, printed or written as a page."""

from __future__ import annotations

import sys
from pathlib import Path

from vankien.errors import EXIT_OK, UserError
from vankien.review.status import FORMATS, HTML_DEFAULT, compute, render


def status_command(root: Path, fmt: str, sections: bool, output: Path | None = None) -> int:
    """Print the status, or write it to ``output`` (atomically); the HTML page is always a
    file (``tien-do.html`` in the current folder without ``--output``)."""
    from vankien.textio import write_atomic

    if fmt not in FORMATS:
        raise UserError(
            f"không có cách in «{fmt}»", hint="dùng --format table, markdown, json hoặc html."
        )
    from vankien.report.load import load_report

    status = compute(load_report(root))
    if fmt == "html":
        from vankien.review.status_html import render_html

        target = output if output is not None else Path(HTML_DEFAULT)
        write_atomic(target, render_html(status))
        print(f"Đã ghi trang tiến độ: {target}", file=sys.stdout)
        return EXIT_OK
    text = render(status, fmt, sections)
    if output is not None:
        write_atomic(output, text + "\n")
        return EXIT_OK
    print(text, file=sys.stdout)
    return EXIT_OK
