"""`vankien scaffold`: write missing skeleton files; `--check` reports drift from the outline."""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vankien.errors import EXIT_FINDINGS, EXIT_OK
from vankien.outline.load import load_outline
from vankien.outline.model import Outline
from vankien.resources import find
from vankien.skeleton.files import SKELETON_DIR, read_skeleton
from vankien.skeleton.render import render_all, substitute
from vankien.textio import write_atomic
from vankien.unit.load import load_unit


@dataclass(frozen=True)
class Drift:
    path: str
    line: int
    message: str


def _norm(text: str, variables: dict[str, str]) -> str:
    return " ".join(unicodedata.normalize("NFC", substitute(text, variables)).split()).casefold()


def check_drift(root: Path, outline: Outline, variables: dict[str, str]) -> list[Drift]:
    """Where the skeleton and the outline disagree: missing files, headings, extra files."""
    drift: list[Drift] = []
    folder = root / SKELETON_DIR
    expected_files = outline.files()
    for name in expected_files:
        path = folder / name
        rel = f"{SKELETON_DIR}/{name}"
        if not path.is_file():
            drift.append(Drift(rel, 0, "thiếu tệp; chạy «vankien scaffold» để tạo"))
            continue
        # The linter's parser: scaffold --check, lint and the build see the same headings.
        from vankien.report.document import parse_file

        found = parse_file(rel, read_skeleton(path)).headings
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


def scaffold(root: Path, *, check: bool = False) -> int:
    """Create the skeleton files that do not exist yet; never touch a file that exists."""
    unit = load_unit(root)
    outline = load_outline(find(root, "outline", f"{unit.outline}.yaml"))
    if check:
        drift = check_drift(root, outline, unit.variables())
        for item in drift:
            where = f"{item.path}:{item.line}" if item.line else item.path
            print(f"{where}: {item.message}")
        if drift:
            print(f"Khung lệch khỏi đề cương ở {len(drift)} chỗ.", file=sys.stderr)
            return EXIT_FINDINGS
        print("Khung khớp với đề cương.")
        return EXIT_OK
    created = kept = 0
    for name, text in render_all(outline, unit.variables()).items():
        path = root / SKELETON_DIR / name
        if path.exists():
            kept += 1
            continue
        write_atomic(path, text)
        created += 1
        print(f"Đã tạo {SKELETON_DIR}/{name}")
    print(
        f"Xong: tạo mới {created} tệp, giữ nguyên {kept} tệp đã có. "
        "Kiểm tra độ khớp với đề cương: vankien scaffold --check"
    )
    return EXIT_OK
