"""Golden pages: the rendered layout of both examples, page by page, held as data.

For examples/dang-bo and examples/chi-bo, built as «vankien build --pdf» builds them
(LibreOffice's PDF/A export of the docx) and read with poppler's pdftotext:

- the page count;
- the first and the last line of every page;
- where the header block (superior body, issuing body, number, nation line, place and date,
  title), the closing block («Nơi nhận:», «T/M …», the signer's name) and the page number of
  every page from page 2 stand, to 0.5 pt.

Any change that moves the layout fails here. When the move is intended, rewrite the expected
data with ONE command and review its diff (tests/publish/golden/pages/*.json):

    make golden-pages
    # same as: .venv/bin/python -m tests.publish.update_golden_pages
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.publish.pages import TOLERANCE_PT
from tests.publish.update_golden_pages import EXAMPLES, current_facts, golden_path

pytestmark = [pytest.mark.slow, pytest.mark.needs_soffice("pdftotext")]
UPDATE = "make golden-pages (hoặc .venv/bin/python -m tests.publish.update_golden_pages)"


@pytest.fixture(scope="module", params=EXAMPLES)
def pages(request: pytest.FixtureRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    name: str = request.param
    path = golden_path(name)
    assert path.is_file(), f"missing {path}: run {UPDATE} and review it"
    return current_facts(name), json.loads(path.read_text(encoding="utf-8"))


def test_page_count(pages):
    actual, golden = pages
    assert actual["pages"] == golden["pages"], f"page count moved; if intended: {UPDATE}"


def test_first_and_last_line_of_every_page(pages):
    actual, golden = pages
    moved = [
        f"page {n}: {a} ≠ {g}"
        for n, (a, g) in enumerate(zip(actual["lines"], golden["lines"], strict=False), 1)
        if a != g
    ]
    assert not moved, "\n".join(moved[:10]) + f"\nif intended: {UPDATE}"
    assert len(actual["lines"]) == len(golden["lines"])


def _near(a: list[float], b: list[float]) -> bool:
    return all(abs(x - y) <= TOLERANCE_PT for x, y in zip(a, b, strict=True))


def test_header_and_closing_blocks_stay_in_place(pages):
    actual, golden = pages
    for name, where in golden["marks"].items():
        now = actual["marks"].get(name)
        assert where is not None, f"golden data has no place for {name}: run {UPDATE}"
        assert now is not None, f"{name} no longer found on the pages"
        assert now["page"] == where["page"] and _near(now["box"], where["box"]), (
            f"{name} moved: {now} (was {where}); if intended: {UPDATE}"
        )


def test_page_numbers_stay_in_place(pages):
    actual, golden = pages
    assert [p["text"] for p in actual["page_numbers"]] == [
        str(p["page"]) for p in actual["page_numbers"]
    ]
    for now, was in zip(actual["page_numbers"], golden["page_numbers"], strict=False):
        assert now["text"] == was["text"] and _near(now["box"], was["box"]), (
            f"page number of page {now['page']} moved: {now} (was {was}); if intended: {UPDATE}"
        )


def test_the_comparison_sees_a_moved_mark(pages):
    """The tolerance is tight enough: a mark moved by 1 pt is a move."""
    actual, _golden = pages
    box = actual["marks"]["signer"]["box"]
    assert not _near([v + 1.0 for v in box], box)
