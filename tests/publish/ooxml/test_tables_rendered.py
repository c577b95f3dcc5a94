"""The examples' tables and header on rendered pages (LibreOffice → PDF → pdftotext, slow).

Read from the pages: no table row is split across two pages, the header row repeats at the
top of a page a table runs on to, the term «2025 - 2030» of a header cell stays on one line,
the issuer's name is broken into lines of more than one word, and no term of office or date
is broken anywhere in the document.
"""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree

from vankien.publish.breaks import _patterns
from vankien.publish.command import build_docx
from vankien.publish.ooxml.ns import qn
from vankien.publish.ooxml.package import parse, read_parts
from vankien.publish.pdf import docx_to_pdf
from vankien.report.load import load_report

pytestmark = [pytest.mark.slow, pytest.mark.needs_soffice("pdftotext")]
REPO = Path(__file__).resolve().parents[3]
EXAMPLES = ("dang-bo", "chi-bo")


def text_of(node: etree._Element) -> str:
    pieces = []
    for child in node.iter(qn("w:t"), qn("w:noBreakHyphen"), qn("w:br")):
        pieces.append(
            (child.text or "").replace("\u00a0", " ")
            if child.tag == qn("w:t")
            else ("-" if child.tag == qn("w:noBreakHyphen") else " ")
        )
    return "".join(pieces)


@pytest.fixture(scope="module", params=EXAMPLES)
def rendered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[etree._Element, list[str], list[str]]:
    """The example's document.xml, and its pages as pdftotext gives them (plain and laid
    out)."""
    data, _ = build_docx(load_report(REPO / "examples" / request.param))
    folder = tmp_path_factory.mktemp(request.param)
    docx = folder / "doc.docx"
    docx.write_bytes(data)
    pdf = folder / "doc.pdf"
    pdf.write_bytes(docx_to_pdf(docx))

    def pages(*options: str) -> list[str]:
        out = subprocess.run(
            ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        return [page for page in out.split("\f") if page.strip()]

    return parse(read_parts(data)["word/document.xml"]), pages(), pages("-layout")


def squash(text: str) -> str:
    return " ".join(text.replace("\u2011", "-").split())


def body_tables(document: etree._Element) -> list[etree._Element]:
    return [
        t
        for t in document.iter(qn("w:tbl"))
        if t.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}") is not None
        and t.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}").get(qn("w:val")) == "Table"
    ]


def test_no_row_is_split_and_the_header_repeats(rendered) -> None:
    document, pages, _ = rendered
    flat = [squash(p) for p in pages]
    tables = body_tables(document)
    assert len(tables) == 2
    for table in tables:
        rows = table.findall(qn("w:tr"))
        header = [squash(text_of(tc)) for tc in rows[0].findall(qn("w:tc"))]
        seen: list[int] = []
        for row in rows[1:]:
            cells = [squash(text_of(tc)) for tc in row.findall(qn("w:tc"))]
            longest = max(cells, key=len).split()
            head, tail = " ".join(longest[:2]), " ".join(longest[-2:])
            where = {n for n, page in enumerate(flat) if head in page and tail in page}
            # the row's first and last words are on one page: the row is whole there
            assert where, f"row split or missing: {cells}"
            later = [n for n in where if not seen or n >= seen[-1]]
            assert later, f"row out of order: {cells}"
            seen.append(min(later))
        for number in sorted(set(seen)):
            assert header[1] in flat[number], f"header row missing on page {number + 1}"


def test_a_term_in_a_header_cell_and_the_issuer_lines(rendered) -> None:
    _, _, laid_out = rendered
    lines = [line.strip() for page in laid_out for line in page.splitlines() if line.strip()]
    assert any("nhiệm kỳ 2025 - 2030" in line for line in lines if line.startswith("STT"))
    first = [line.strip() for line in laid_out[0].splitlines() if line.strip()][:4]
    assert any(line.endswith("VÀ CÔNG NGHỆ") and "KHOA HỌC" not in line for line in first)
    assert not any(re.fullmatch(r"[A-ZĐ]+", line) for line in first), first


def test_no_term_date_or_number_is_broken_anywhere(rendered) -> None:
    """No group that the non-breaking rule glues (vankien.publish.breaks) spans the end of a
    rendered line."""
    _, pages, _ = rendered
    rule = re.compile(_patterns().pattern, re.IGNORECASE)
    for page in pages:
        lines = [line.strip().replace("\u2011", "-") for line in page.splitlines()]
        for first, second in pairwise(lines):
            if not first or not second:
                continue
            joined = f"{first} {second}"
            for m in rule.finditer(joined):
                assert not m.start() < len(first) < m.end(), f"«{m.group(0)}» broken: {joined}"
