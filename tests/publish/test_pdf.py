"""Rendering with LibreOffice (slow): page size and count, page numbers, the header in order;
the PDF/A-2b that «vankien build --pdf» writes (fonts, metadata, the pages of the docx).

Uses the project's own PDF step (vankien.publish.pdf) and poppler's pdfinfo/pdftotext to read
the result.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from tests.publish.pages import first_last_lines
from tests.publish.pdfa_checks import pdfa2b_problems

from vankien.publish.pdf import docx_to_pdf

REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.needs_soffice("pdftotext", "pdfinfo", "pdffonts", "pdftocairo"),
]
WORD_RE = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
_PDFS: dict[str, Path] = {}


@pytest.fixture(scope="module")
def pdf_of(tmp_path_factory):
    def render(built) -> Path:
        if built.name not in _PDFS:
            folder = tmp_path_factory.mktemp(built.name)
            docx = folder / "doc.docx"
            docx.write_bytes(built.docx.data)
            pdf = folder / "doc.pdf"
            pdf.write_bytes(docx_to_pdf(docx))
            _PDFS[built.name] = pdf
        return _PDFS[built.name]

    return render


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD_RE.findall(out)]


def test_page_size_is_a4_and_page_count_is_sane(built, pdf_of):
    facts = info(pdf_of(built))
    width, height = (float(v) for v in re.findall(r"[\d.]+", facts["Page size"])[:2])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1
    pages = int(facts["Pages"])
    low, high = (2, 6) if built.root.parent.name == "fixtures" else (5, 60)
    assert low <= pages <= high


def test_no_number_on_page_one_and_2_at_the_top_of_page_two(built, pdf_of):
    pdf = pdf_of(built)
    assert int(info(pdf)["Pages"]) >= 2  # every document checked here has a page 2
    first = words(pdf, 1)
    top = min(first, key=lambda w: w[1])
    assert not top[4].isdigit(), f"page 1 starts with {top[4]!r}"
    second = words(pdf, 2)
    top = min(second, key=lambda w: w[1])
    assert top[4] == "2"
    assert top[1] < 60  # in the top margin, about 10 mm from the edge
    centre = (top[0] + top[2]) / 2
    text_centre = (30 + (210 - 15)) / 2 / 25.4 * 72  # the text area's centre, in points
    assert abs(centre - text_centre) < 15


def test_header_lines_come_out_in_order(built, pdf_of):
    from vankien.unit.load import load_unit

    unit = load_unit(built.root)
    pdf = pdf_of(built)
    page = words(pdf, 1)
    middle = 30 / 25.4 * 72 + 86 / 25.4 * 72 * (0.9 if built.profile == "hd36" else 0.7)

    def y_of(text: str, left: bool | None = None) -> float:
        """The top of the first place where the words of ``text`` follow one another."""
        wanted = text.split()[:2]
        for i, (x0, y0, x1, _y1, _word) in enumerate(page):
            side_ok = left is None or (x1 <= middle if left else x0 >= middle - 20)
            following = [w[4] for w in page[i : i + len(wanted)]]
            if side_ok and following == wanted:
                return y0
        raise AssertionError(f"{text!r} not found on page 1")

    superior = y_of(unit.superior.upper(), left=True)
    issuer = y_of(unit.issuer.upper(), left=True)
    number = y_of("Số" if built.profile == "hd36" else "Số:", left=True)
    date = y_of("ngày", left=False)
    title = y_of("BÁO")
    assert superior < issuer < number < title
    if built.profile == "hd36":
        star = y_of("*", left=True)
        assert issuer < star < number
        nation = y_of("ĐẢNG CỘNG", left=False)
    else:
        nation = y_of("CỘNG HÒA", left=False)
    assert nation < date < title
    assert abs(date - number) < 3  # the place and date are level with the number


PATH_RE = re.compile(
    r'<path [^>]*d="M ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) "[^>]*'
    r'transform="matrix\(([-\d.]+),0,0,([-\d.]+),([-\d.]+),([-\d.]+)\)"'
)


def test_line_under_the_nation_line_is_as_long_as_the_text_on_the_page(built, pdf_of, tmp_path):
    pdf = pdf_of(built)
    svg = tmp_path / "page1.svg"
    subprocess.run(["pdftocairo", "-svg", "-f", "1", "-l", "1", str(pdf), str(svg)], check=True)
    last_line = (
        "ĐẢNG CỘNG SẢN VIỆT NAM" if built.profile == "hd36" else "Độc lập - Tự do - Hạnh phúc"
    )
    first, last = last_line.split()[0], last_line.split()[-1]
    page = words(pdf, 1)
    start = next(i for i, w in enumerate(page) if w[4] == first and w[0] > 250)
    end = next(i for i in range(start, len(page)) if page[i][4] == last)
    text_x0, text_x1, text_bottom = page[start][0], page[end][2], page[start][3]
    lines = []
    for m in PATH_RE.finditer(svg.read_text(encoding="utf-8")):
        x0, y0, x1, y1, sx, sy, tx, ty = (float(v) for v in m.groups())
        if abs(y0 - y1) < 0.01:
            lines.append((sx * x0 + tx, sx * x1 + tx, sy * y0 + ty))
    under = [ln for ln in lines if text_bottom - 3 < ln[2] < text_bottom + 12 and ln[0] > 250]
    assert under, "no line drawn under the nation/motto line"
    x0, x1, _ = under[0]
    mm = 72 / 25.4
    assert abs(x0 - text_x0) < 1 * mm and abs(x1 - text_x1) < 1 * mm, (x0, x1, text_x0, text_x1)


# --- The PDF that can be signed and filed: PDF/A-2b, its fonts, its metadata, its pages. ---

EXAMPLES = [REPO_ROOT / "examples" / name for name in ("dang-bo", "chi-bo")]


def test_pdf_is_pdfa_2b(built, pdf_of):
    """The clauses of PDF/A-2b that LibreOffice's export and vankien's restamping can break
    (tests/publish/pdfa_checks.py says which, and why veraPDF is not the check here)."""
    assert pdfa2b_problems(pdf_of(built)) == []


def test_every_font_is_embedded(built, pdf_of):
    out = subprocess.run(
        ["pdffonts", str(pdf_of(built))], capture_output=True, text=True, check=True
    ).stdout
    header, _rule, *rows = out.splitlines()
    emb = header.index(" emb ") + 1  # pdffonts' columns: name type encoding emb sub uni …
    assert rows, "pdffonts lists no font"
    for row in rows:
        assert row[emb : emb + 3] == "yes", f"font not embedded: {row}"


def test_metadata_is_the_documents(built, pdf_of):
    """Title, author (the issuing body), subject and date: the docx's core properties, carried
    by LibreOffice, with the document's date (not the moment of conversion)."""
    from vankien.publish.ooxml.ns import qn
    from vankien.unit.load import load_unit

    core = built.docx.part("docProps/core.xml")
    facts = info(pdf_of(built))
    unit = load_unit(built.root)
    assert facts["Title"].strip() == core.findtext(qn("dc:title"))
    assert facts["Author"].strip() == core.findtext(qn("dc:creator")) == unit.issuer
    assert facts["Subject"].strip() == core.findtext(qn("dc:subject"))
    out = subprocess.run(
        ["pdfinfo", "-isodates", str(pdf_of(built))], capture_output=True, text=True, check=True
    ).stdout
    dates = dict(line.split(":", 1) for line in out.splitlines() if "Date:" in line)
    assert dates["CreationDate"].strip() == f"{unit.date.isoformat()}T00:00:00Z"
    assert dates["ModDate"].strip() == f"{unit.date.isoformat()}T00:00:00Z"


def test_the_pdfa_check_fails_on_what_is_not_pdfa(built, pdf_of, tmp_path):
    """The check is not a formality: LibreOffice's plain export (no XMP identification, no
    output intent), a document information entry that no longer matches the XMP packet, and
    a removed output intent are each reported."""
    import pikepdf

    docx = tmp_path / "doc.docx"
    docx.write_bytes(built.docx.data)
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(docx_to_pdf(docx, archive=False))
    found = " ".join(pdfa2b_problems(plain))
    assert "6.6.2.1" in found and "6.2.3" in found
    with pikepdf.open(pdf_of(built)) as pdf:
        pdf.docinfo["/Title"] = "Một tên khác"
        pdf.save(tmp_path / "title.pdf")
        del pdf.Root["/OutputIntents"]
        pdf.save(tmp_path / "no-intent.pdf")
    assert any("/Title" in p for p in pdfa2b_problems(tmp_path / "title.pdf"))
    assert any("6.2.3" in p for p in pdfa2b_problems(tmp_path / "no-intent.pdf"))


@pytest.mark.parametrize("root", EXAMPLES, ids=lambda p: p.name)
def test_pdf_pages_are_the_docx_pages(root, tmp_path):
    """The PDF that «vankien build --pdf» writes has the docx's pages: the same page count and
    the same first and last line on every page.

    A docx has no pages of its own: its pages are what a layout engine makes of it, and the
    only one here is LibreOffice's. So the docx's pages are LibreOffice's plain rendering of
    the built docx (no export options), and the PDF is the one the command wrote, through the
    PDF/A export and the restamping; any option that changed the layout shows up here.
    """
    from vankien.publish.command import build_command

    target = tmp_path / "bao-cao.docx"
    assert build_command(root, pdf=True, output=target) == 0
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(docx_to_pdf(target, archive=False))
    docx_pages = first_last_lines(plain)
    pdf_pages = first_last_lines(target.with_suffix(".pdf"))
    assert len(pdf_pages) == len(docx_pages) > 1
    for number, (ours, theirs) in enumerate(zip(pdf_pages, docx_pages, strict=True), 1):
        assert ours == theirs, f"page {number}: {ours} ≠ {theirs}"


def test_a_broken_pdf_is_a_clear_error_not_a_traceback():
    import datetime as dt

    from vankien.errors import UserError
    from vankien.publish.pdf import stamp_dates

    with pytest.raises(UserError) as info:
        stamp_dates(b"%PDF-1.6\nnot a PDF body", dt.datetime(2025, 6, 10, tzinfo=dt.UTC))
    assert "PDF" in info.value.message and info.value.hint
