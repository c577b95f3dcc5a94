"""`vankien scaffold`: write missing skeleton files; `--check` reports drift from the outline."""

from __future__ import annotations

from pathlib import Path

from vankien.errors import EXIT_OK
from vankien.outline.load import load_outline
from vankien.resources import find
from vankien.skeleton.files import SKELETON_DIR
from vankien.skeleton.render import render_all
from vankien.textio import write_atomic
from vankien.unit.load import load_unit


def scaffold(root: Path) -> int:
    """Create the skeleton files that do not exist yet; never touch a file that exists.
    (``vankien scaffold --check`` reads the loaded report: vankien.report.drift.)"""
    unit = load_unit(root)
    outline = load_outline(find(root, "outline", f"{unit.outline}.yaml"))
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
