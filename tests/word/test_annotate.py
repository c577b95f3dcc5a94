"""--annotate: the unit's docx with every finding as a comment, its own text unchanged part by
part, opening cleanly in LibreOffice. Documents made by python-docx and by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from tests.word.conftest import FIXTURES, UNITS

from vankien.errors import UserError
from vankien.lint.model import Finding, Severity
from vankien.word.annotate import W, annotate, annotated_name
from vankien.word.check import Located, Location
from vankien.word.reader import read_docx

AUTHOR = "Đảng ủy Khối các cơ quan tỉnh"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ADDED = {f"{{{W}}}commentRangeStart", f"{{{W}}}commentRangeEnd"}


def python_docx_draft(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("I. ĐẶC ĐIỂM TÌNH HÌNH").runs[0].bold = True
    p = d.add_paragraph("Đảng ủy đã ")
    p.add_run("quán triển").italic = True
    p.add_run(" kịp thời các nghị quyết, công tác gián sát được tăng cường.")
    d.add_paragraph("Kết quả đạt được đạt được nhiều mặt.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "chất lương tốt"
    d.save(str(path))
    return path


def libreoffice_draft(folder: Path) -> Path:
    html = folder / "lo.html"
    html.write_text(
        "<html><body><h1>I. ĐẶC ĐIỂM TÌNH HÌNH</h1>"
        "<p>Đảng ủy đã <b>quán triển</b> kịp thời, công tác gián sát được tăng cường.</p>"
        "<ol><li>Kết quả đạt được đạt được nhiều mặt.</li></ol></body></html>",
        encoding="utf-8",
    )
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder),
         str(html)],
        check=True,
        capture_output=True,
        timeout=180,
    )  # fmt: skip
    return folder / "lo.docx"


def finding_at(doc_path: Path, needle: str, code: str, message: str) -> Located:
    document = read_docx(doc_path)
    for p in document.paragraphs:
        at = p.text.find(needle)
        if at != -1:
            loc = Location(
                p.index, 1, "I.", "ĐẶC ĐIỂM TÌNH HÌNH", None, needle, at, at + len(needle)
            )
            f = Finding(
                str(doc_path), 1, at + 1, code, "known-misspelling", Severity.ERROR, message
            )
            return Located(f, loc)
    raise AssertionError(needle)


def whole_paragraph(doc_path: Path, needle: str) -> Located:
    document = read_docx(doc_path)
    p = next(p for p in document.paragraphs if needle in p.text)
    loc = Location(p.index, 2, "I.", "ĐẶC ĐIỂM TÌNH HÌNH", None, p.text)
    f = Finding(str(doc_path), 2, 1, "STR004", "heading-text-differs", Severity.WARNING, "x")
    return Located(f, loc)


def texts(path: Path) -> dict[int, str]:
    return {p.index: p.text for p in read_docx(path).paragraphs}


def strip_added(xml: bytes) -> bytes:
    """document.xml without the comment anchors and reference runs that annotate adds."""
    root = etree.fromstring(xml)
    for el in list(root.iter(*ADDED)):
        el.getparent().remove(el)
    for ref in list(root.iter(f"{{{W}}}commentReference")):
        run = ref.getparent()
        if len(run) == 1:
            run.getparent().remove(run)
    return etree.tostring(root, method="c14n")


def anchored_text(xml: bytes, comment_id: str) -> str:
    """The visible text between commentRangeStart and commentRangeEnd of ``comment_id``."""
    root = etree.fromstring(xml)
    inside = False
    out = []
    for el in root.iter():
        if el.tag == f"{{{W}}}commentRangeStart" and el.get(f"{{{W}}}id") == comment_id:
            inside = True
        elif el.tag == f"{{{W}}}commentRangeEnd" and el.get(f"{{{W}}}id") == comment_id:
            break
        elif inside and el.tag == f"{{{W}}}t":
            out.append(el.text or "")
    return "".join(out)


def check_copy(source: Path, target: Path, items: list[Located]) -> None:
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(target) as b:
        before = {n: a.read(n) for n in a.namelist()}
        after = {n: b.read(n) for n in b.namelist()}
        assert b.testzip() is None
    changed = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels",
               "[Content_Types].xml"}  # fmt: skip
    for name, data in before.items():
        if name not in changed:
            assert after[name] == data, f"{name} changed"
    assert set(after) - set(before) <= {"word/comments.xml"}
    # The unit's paragraphs, runs and formatting: document.xml minus what annotate adds.
    assert strip_added(after["word/document.xml"]) == strip_added(before["word/document.xml"])
    comments = etree.fromstring(after["word/comments.xml"])
    mine = [c for c in comments.iter(f"{{{W}}}comment") if c.get(f"{{{W}}}author") == AUTHOR]
    assert len(mine) == len(items)
    for c, item in zip(mine, items, strict=True):
        body = "".join(t.text or "" for t in c.iter(f"{{{W}}}t"))
        assert item.finding.code in body and item.finding.message in body
        if item.location.start is not None:
            assert item.location.quote in anchored_text(after["word/document.xml"], c.get(
                f"{{{W}}}id"))  # fmt: skip
    assert "comments.xml" in after["word/_rels/document.xml.rels"].decode()
    assert "/word/comments.xml" in after["[Content_Types].xml"].decode()


def test_python_docx_draft_gets_comments_and_keeps_its_text(tmp_path: Path) -> None:
    source = python_docx_draft(tmp_path / "don-vi.docx")
    items = [
        finding_at(source, "quán triển", "VI008", "«quán triển» viết đúng là «quán triệt»"),
        finding_at(source, "gián sát", "VI008", "«gián sát» viết đúng là «giám sát»"),
        finding_at(source, "chất lương", "VI008", "«chất lương» viết đúng là «chất lượng»"),
        whole_paragraph(source, "ĐẶC ĐIỂM"),
    ]
    target = tmp_path / "out" / "don-vi.docx"
    assert annotate(source, target, items, AUTHOR, texts(source)) == 4
    check_copy(source, target, items)
    # A third writer reads the comments back: python-docx 1.2.
    back = docx.Document(str(target))
    authors = [c.author for c in back.comments]
    assert authors == [AUTHOR] * 4
    # The copy is read by vankien's own reader with the same paragraphs as the original.
    assert [p.text for p in read_docx(target).paragraphs] == [
        p.text for p in read_docx(source).paragraphs
    ]


def test_comments_the_unit_left_are_kept(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Công tác gián sát được tăng cường.")
    d.add_comment(p.runs, text="Ý kiến của chi ủy", author="Chi ủy", initials="CU")
    source = tmp_path / "co-nhan-xet.docx"
    d.save(str(source))
    item = finding_at(source, "gián sát", "VI008", "«gián sát» viết đúng là «giám sát»")
    target = tmp_path / "out.docx"
    annotate(source, target, [item], AUTHOR, texts(source))
    back = docx.Document(str(target))
    assert [(c.author, c.text) for c in back.comments][:1] == [("Chi ủy", "Ý kiến của chi ủy")]
    assert [c.author for c in back.comments] == ["Chi ủy", AUTHOR]
    ids = [c.comment_id for c in back.comments]
    assert len(set(ids)) == 2


def test_never_writes_over_the_units_file(tmp_path: Path) -> None:
    source = python_docx_draft(tmp_path / "a.docx")
    with pytest.raises(UserError):
        annotate(source, source, [], AUTHOR, {})


def test_copies_in_a_batch_get_unique_names() -> None:
    taken: set[str] = set()
    names = [annotated_name(Path(p), taken) for p in ("x/a.docx", "y/a.docx", "b.docx")]
    assert names == ["a.docx", "a-2.docx", "b.docx"]


@pytest.mark.slow
@pytest.mark.needs_soffice
def test_libreoffice_draft_annotated_opens_in_libreoffice(tmp_path: Path) -> None:
    source = libreoffice_draft(tmp_path)
    items = [
        finding_at(source, "quán triển", "VI008", "«quán triển» viết đúng là «quán triệt»"),
        finding_at(source, "đạt được đạt được", "VI007", "từ «đạt được» bị lặp"),
    ]
    out = tmp_path / "out"
    target = out / "lo.docx"
    annotate(source, target, items, AUTHOR, texts(source))
    check_copy(source, target, items)
    # LibreOffice opens the copy and sees the comments, by our author, on the right text.
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "fodt", "--outdir", str(out), str(target)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    flat = etree.parse(str(out / "lo.fodt"))
    ns = {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    notes = flat.findall(".//office:annotation", ns)
    assert [n.findtext("dc:creator", namespaces=ns) for n in notes] == [AUTHOR, AUTHOR]
    assert "quán triệt" in "".join(notes[0].itertext())


def unit_parts_unchanged(source: Path, target: Path) -> dict[str, bytes]:
    """Every part but the four annotate may touch is byte-identical; document.xml is equal once
    the comment anchors are removed. Returns the copy's parts."""
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(target) as b:
        before = {n: a.read(n) for n in a.namelist()}
        after = {n: b.read(n) for n in b.namelist()}
    touched = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels",
               "[Content_Types].xml"}  # fmt: skip
    assert set(after) - set(before) <= {"word/comments.xml"}
    for name, data in before.items():
        if name not in touched:
            assert after[name] == data, f"{name} changed"
    assert strip_added(after["word/document.xml"]) == strip_added(before["word/document.xml"])
    if "word/comments.xml" in before:  # the unit's own comments are all still there, first
        old = etree.fromstring(before["word/comments.xml"])
        new = etree.fromstring(after["word/comments.xml"])
        n = len(old)
        assert [etree.tostring(c, method="c14n") for c in new[:n]] == [
            etree.tostring(c, method="c14n") for c in old
        ]
    return after


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(UNITS))
def test_word_core_fixtures_annotated(name: str, tmp_path: Path) -> None:
    """The real pipeline (check, then annotate) on every word-core test document: one comment
    per finding, anchored on the offending text, the unit's text unchanged part by part."""
    from vankien.word.batch import Job, check_job

    source = FIXTURES / f"{name}.docx"
    target = tmp_path / f"{name}.docx"
    outcome = check_job(Job(source, name, UNITS[name].resolve(), None, target))
    assert outcome.result is not None, outcome.problem
    assert outcome.comments == len(outcome.result.findings)
    after = unit_parts_unchanged(source, target)
    comments = etree.fromstring(after["word/comments.xml"])
    author = outcome.result.unit.superior
    ours = [c for c in comments.iter(f"{{{W}}}comment") if c.get(f"{{{W}}}author") == author]
    assert len(ours) == outcome.comments
    paragraphs = texts(source)
    for c, item in zip(ours, outcome.result.findings, strict=True):
        loc = item.location
        if loc.paragraph is None or loc.start is None or loc.end is None:
            continue
        wanted = "".join(paragraphs[loc.paragraph][loc.start : loc.end].split())
        anchored = "".join(anchored_text(after["word/document.xml"], c.get(f"{{{W}}}id")).split())
        assert wanted in anchored, (item.finding.code, wanted, anchored[:80])


@pytest.mark.slow
@pytest.mark.needs_soffice
def test_word_shaped_fixture_annotated_opens_in_libreoffice(tmp_path: Path) -> None:
    """The hand-built Word-shaped draft (w14:paraId, rsids, fields, tracked changes, comments
    left in): LibreOffice opens the annotated copy and lists the unit's and our comments."""
    from vankien.word.batch import Job, check_job

    source = FIXTURES / "word-dang-bo.docx"
    target = tmp_path / "out" / "word-dang-bo.docx"
    outcome = check_job(Job(source, "x", UNITS["word-dang-bo"].resolve(), None, target))
    assert outcome.result is not None and outcome.comments > 0
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "fodt", "--outdir", str(target.parent),
         str(target)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    flat = etree.parse(str(target.with_suffix(".fodt")))
    ns = {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    authors = [
        n.findtext("dc:creator", namespaces=ns) for n in flat.iterfind(".//office:annotation", ns)
    ]
    author = outcome.result.unit.superior
    assert authors.count(author) == outcome.comments
    own = len(read_docx(source).comments)
    assert len(authors) == outcome.comments + own
