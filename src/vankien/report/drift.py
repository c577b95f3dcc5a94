"""``vankien scaffold --check``: where the loaded report's skeleton and its outline disagree."""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass

from vankien.errors import EXIT_FINDINGS, EXIT_OK
from vankien.report.document import parse_file
from vankien.report.model import Report
from vankien.skeleton.files import SKELETON_DIR, read_skeleton
from vankien.skeleton.render import substitute


@dataclass(frozen=True)
class Drift:
    path: str
    line: int
    message: str


def _norm(text: str, variables: dict[str, str]) -> str:
    return " ".join(unicodedata.normalize("NFC", substitute(text, variables)).split()).casefold()


def check_drift(report: Report) -> list[Drift]:
    """Where the skeleton and the outline disagree: missing files, headings, extra files."""
    root, outline, variables = report.root, report.outline, report.variables
    parsed = {source.rel: source for source in report.files}
    drift: list[Drift] = []
    folder = root / SKELETON_DIR
    expected_files = outline.files()
    for name in expected_files:
        path = folder / name
        rel = f"{SKELETON_DIR}/{name}"
        if not path.is_file():
            drift.append(Drift(rel, 0, "thiếu tệp; chạy «vankien scaffold» để tạo"))
            continue
        # The report's parse: scaffold --check, lint and the build see the same headings.
        source = parsed.get(rel)
        found = (source or parse_file(rel, read_skeleton(path))).headings
        found_texts = [(_norm("#" * h.level + " " + h.text, variables), h.line) for h in found]
        cursor = 0
        for section in outline.sections_in(name):
            want = _norm(section.markdown_heading(), variables)
            index = next(
                (i for i in range(cursor, len(found_texts)) if found_texts[i][0] == want), None
            )
            if index is None:
                line = found_texts[cursor][1] if cursor < len(found_texts) else 0
                drift.append(
                    Drift(rel, line, f"thiếu hoặc sai tiêu đề «{section.markdown_heading()}»")
                )
            else:
                cursor = index + 1
    if folder.is_dir():
        for path in sorted(folder.glob("*.md")):
            if path.name not in expected_files:
                drift.append(
                    Drift(
                        f"{SKELETON_DIR}/{path.name}",
                        0,
                        "tệp không có trong đề cương "
                        "(kiểm tra tên tệp hoặc khóa «file» của đề cương)",
                    )
                )
    return drift


def scaffold_check(report: Report) -> int:
    """Print every drift; exit code 1 when there is any."""
    drift = check_drift(report)
    for item in drift:
        where = f"{item.path}:{item.line}" if item.line else item.path
        print(f"{where}: {item.message}")
    if drift:
        print(f"Khung lệch khỏi đề cương ở {len(drift)} chỗ.", file=sys.stderr)
        return EXIT_FINDINGS
    print("Khung khớp với đề cương.")
    return EXIT_OK
