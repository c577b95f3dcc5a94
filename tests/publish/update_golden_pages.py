"""Rewrite the golden pages (tests/publish/golden/pages/<example>.json) from the current build.

    make golden-pages
    # or, from the repository root:
    .venv/bin/python -m tests.publish.update_golden_pages

Builds both examples as «vankien build --pdf» does (LibreOffice, poppler's pdftotext needed),
writes each file atomically and prints which changed. Read the diff before committing it: it
is the layout change your work made (tests/publish/test_golden_pages.py).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.publish.pages import built_pdf, page_facts

REPO = Path(__file__).resolve().parents[2]
GOLDEN_PAGES = REPO / "tests" / "publish" / "golden" / "pages"
EXAMPLES = ("dang-bo", "chi-bo")


def golden_path(name: str) -> Path:
    return GOLDEN_PAGES / f"{name}.json"


def dumps(facts: dict[str, Any]) -> str:
    return json.dumps(facts, ensure_ascii=False, indent=1) + "\n"


def current_facts(name: str) -> dict[str, Any]:
    """The page facts of example ``name`` as it builds now."""
    root = REPO / "examples" / name
    with tempfile.TemporaryDirectory(prefix="vankien-golden-pages-") as tmp:
        pdf = Path(tmp) / f"{name}.pdf"
        pdf.write_bytes(built_pdf(root))
        return page_facts(root, pdf)


def main() -> int:
    from vankien.textio import write_atomic

    for name in EXAMPLES:
        text = dumps(current_facts(name))
        target = golden_path(name)
        old = target.read_text(encoding="utf-8") if target.is_file() else None
        write_atomic(target, text)
        state = "unchanged" if old == text else ("written" if old is None else "CHANGED")
        print(f"{target.relative_to(REPO)}: {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
