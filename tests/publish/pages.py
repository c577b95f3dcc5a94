"""The pages of a rendered PDF as poppler reads them, and the page-level facts the golden
pages keep (tests/publish/test_golden_pages.py, tests/publish/update_golden_pages.py).

``pdftotext -bbox-layout`` gives every page's lines and words with their boxes, in points
from the top-left corner. A *line* is poppler's line: on page 1 it can hold both columns of
the header table («ĐẢNG BỘ … ĐẢNG CỘNG SẢN VIỆT NAM»), which is what a reader of the page
sees side by side. The *marks* are the places of the header block (superior body, issuing
body, number, nation line, place and date, title), of the closing block («Nơi nhận:», «T/M …»,
the signer's name) and of the page number: each is found by the first words of its text, as
the report's own report.yaml writes them, so the same code reads any report.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from vankien.report.load import load_report

XHTML = "{http://www.w3.org/1999/xhtml}"
ROUND = 1  # positions are kept to 0.1 pt
TOLERANCE_PT = 0.5  # a mark that moves more than this has moved


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[float, float, float, float]  # xMin, yMin, xMax, yMax


@dataclass(frozen=True)
class Line:
    text: str
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]  # top to bottom, then left to right
    words: tuple[Word, ...]  # in poppler's reading order

    @property
    def first_line(self) -> str:
        return self.lines[0].text if self.lines else ""

    @property
    def last_line(self) -> str:
        if not self.lines:
            return ""
        return max(self.lines, key=lambda ln: (ln.box[3], -ln.box[0])).text


def _box(node: etree._Element) -> tuple[float, float, float, float]:
    return (
        float(node.get("xMin", "0")),
        float(node.get("yMin", "0")),
        float(node.get("xMax", "0")),
        float(node.get("yMax", "0")),
    )


def read_pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its lines and words (poppler's pdftotext -bbox-layout)."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    root = etree.fromstring(out, etree.XMLParser(no_network=True, load_dtd=False))
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), 1):
        lines = []
        words = []
        for line in page.iter(f"{XHTML}line"):
            line_words = [Word((w.text or "").strip(), _box(w)) for w in line.iter(f"{XHTML}word")]
            line_words = [w for w in line_words if w.text]
            if not line_words:
                continue
            words.extend(line_words)
            lines.append(Line(" ".join(w.text for w in line_words), _box(line)))
        lines.sort(key=lambda ln: (round(ln.box[1], ROUND), ln.box[0]))
        pages.append(Page(number, tuple(lines), tuple(words)))
    return pages


def first_last_lines(pdf: Path) -> list[tuple[str, str]]:
    """The first and last line of every page: what a reader checks when turning pages."""
    return [(page.first_line, page.last_line) for page in read_pages(pdf)]


def _tokens(page: Page) -> list[Word]:
    """The page's words split at any space a word may hold (a no-break space between two
    words is one word for poppler, two for ``str.split``), each keeping its word's box."""
    return [Word(part, w.box) for w in page.words for part in w.text.split()]


def _find(pages: list[Page], text: str, *, last: bool = False) -> dict[str, Any] | None:
    """Where the first (up to two) words of ``text`` follow one another: the first place, or
    the last one (the closing block is the document's end)."""
    wanted = text.split()[:2]
    found = None
    for page in pages:
        words = _tokens(page)
        for i in range(len(words) - len(wanted) + 1):
            if [w.text for w in words[i : i + len(wanted)]] == wanted:
                run = words[i : i + len(wanted)]
                box = (
                    min(w.box[0] for w in run),
                    min(w.box[1] for w in run),
                    max(w.box[2] for w in run),
                    max(w.box[3] for w in run),
                )
                found = {"page": page.number, "box": [round(v, ROUND) for v in box]}
                if not last:
                    return found
    return found


def marks_of(root: Path, pages: list[Page]) -> dict[str, dict[str, Any] | None]:
    """The header block, the closing block and their parts, found by the report's own texts."""
    from vankien.publish.profile import find_profile
    from vankien.report.load import load_report

    report = load_report(root)
    unit, outline = report.unit, report.outline
    profile = find_profile(root, unit.profile)
    first_page = pages[:1]
    return {
        "superior": _find(first_page, unit.superior.upper()),
        "issuer": _find(first_page, unit.issuer.upper()),
        "number": _find(first_page, unit.doc_number_text().split()[0]),
        "nation": _find(first_page, profile.header.nation),
        "date": _find(first_page, unit.date_text()),
        "title": _find(first_page, profile.texts.title),
        "recipients": _find(pages, outline.closing.recipients_label, last=True),
        "on_behalf": _find(pages, unit.on_behalf, last=True),
        "signer": _find(pages, unit.signer_name, last=True),
    }


def page_numbers(pages: list[Page]) -> list[dict[str, Any]]:
    """The topmost word of every page from page 2 (the page number) and its box."""
    out = []
    for page in pages[1:]:
        top = min(page.words, key=lambda w: (w.box[1], w.box[0]))
        out.append(
            {"page": page.number, "text": top.text, "box": [round(v, ROUND) for v in top.box]}
        )
    return out


def page_facts(root: Path, pdf: Path) -> dict[str, Any]:
    """What the golden pages keep for one report: page count, first and last line of every
    page, the marks and the page numbers."""
    pages = read_pages(pdf)
    return {
        "pages": len(pages),
        "lines": [list(pair) for pair in first_last_lines(pdf)],
        "marks": marks_of(root, pages),
        "page_numbers": page_numbers(pages),
    }


@functools.cache
def built_pdf(root: Path) -> bytes:
    """The report's PDF as ``vankien build --pdf`` makes it (the docx, then LibreOffice's
    PDF/A export), built once per test session."""
    from vankien.publish.command import build_docx
    from vankien.publish.pdf import docx_to_pdf

    data, _ = build_docx(load_report(root))
    with tempfile.TemporaryDirectory(prefix="vankien-pages-") as tmp:
        docx = Path(tmp) / "doc.docx"
        docx.write_bytes(data)
        return docx_to_pdf(docx)
