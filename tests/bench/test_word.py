"""bench/word.py: the drafts the benchmark (and the check tests) type into Word."""

from __future__ import annotations

from pathlib import Path

from bench.word import typed_draft

from vankien.unit.load import load_unit
from vankien.word.reader import read_docx

REPO = Path(__file__).resolve().parents[2]


def test_typed_draft_carries_its_units_header(tmp_path: Path) -> None:
    for name in ("dang-bo", "chi-bo"):
        root = REPO / "examples" / name
        unit = load_unit(root)
        doc = read_docx(typed_draft(root, tmp_path / f"{name}.docx"))
        assert doc.header.org_type is unit.org_type
        assert doc.header.congress == unit.congress_number
        assert doc.header.stage == (unit.stage if unit.stage.draft is not None else None)
        assert doc.tables and doc.tables[0].first_paragraph == 0


def test_words_limit_keeps_every_heading(tmp_path: Path) -> None:
    root = REPO / "examples" / "dang-bo"
    full = read_docx(typed_draft(root, tmp_path / "full.docx"))
    short = read_docx(typed_draft(root, tmp_path / "short.docx", 2000))
    bold = [p.text for p in full.paragraphs if p.all_bold]
    assert [p.text for p in short.paragraphs if p.all_bold] == bold
    body = sum(len(p.text.split()) for p in short.paragraphs if not p.all_bold and not p.cell)
    assert 2000 <= body < 2600 and full.word_count() > 3 * short.word_count() // 2
