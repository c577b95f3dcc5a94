"""Shared fixtures of the Word-in tests: the committed test documents and their outlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.outline.load import load_outline
from vankien.outline.model import Outline
from vankien.resources import find
from vankien.unit.load import load_unit
from vankien.word.reader import read_docx
from vankien.word.structure import Draft, build_draft

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
UNITS = {
    "word-dang-bo": REPO / "examples" / "dang-bo",
    "dang-bo-full": REPO / "examples" / "dang-bo",
    "lo-html": REPO / "examples" / "dang-bo",
    "seed-defects": REPO / "tests" / "lint" / "fixtures" / "seed",
    "word-auto-numbers": REPO / "examples" / "chi-bo",
    "lo-fodt": REPO / "examples" / "chi-bo",
    "python-docx": REPO / "examples" / "chi-bo",
}

# LibreOffice is the oracle for the numbers Word displays (the suite's policy: skipped without
# it, a failure under CI=true).
needs_soffice = pytest.mark.needs_soffice("pdftotext")


def outline_for(root: Path) -> Outline:
    unit = load_unit(root)
    return load_outline(find(root, "outline", f"{unit.outline}.yaml"))


def draft_of_file(path: Path, unit: str = "word-dang-bo") -> Draft:
    """The docx at ``path`` read against the outline and values of a fixture's unit."""
    root = UNITS[unit]
    return build_draft(read_docx(path), outline_for(root), load_unit(root).variables())


def draft_of(name: str) -> Draft:
    """The fixture ``name`` read against the outline and values of the unit it was made for."""
    return draft_of_file(FIXTURES / f"{name}.docx", name)


@pytest.fixture(scope="session")
def drafts() -> dict[str, Draft]:
    return {name: draft_of(name) for name in UNITS}
