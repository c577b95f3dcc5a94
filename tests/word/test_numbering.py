"""The numbers Word displays, computed from numbering.xml, against LibreOffice's rendering."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from vankien.word.numbering import Counters, format_value, parse_numbering
from vankien.word.reader import read_docx

from .conftest import FIXTURES, needs_soffice


def _labels(name: str) -> list[tuple[str, str]]:
    doc = read_docx(FIXTURES / name)
    return [(p.label, p.text) for p in doc.paragraphs if p.number is not None]


def test_formats() -> None:
    assert [format_value(n, "upperRoman") for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]
    assert [format_value(n, "lowerLetter") for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert format_value(3, "decimalZero") == "03"
    assert format_value(7, "none") == ""


def test_word_shaped_numbering_from_styles_overrides_and_restarts() -> None:
    labels = _labels("word-auto-numbers.docx")
    shown = [label for label, _ in labels]
    # Headings numbered through their (localised) styles' list: I. / 1. / 1.1.
    assert shown[:8] == ["I.", "1.", "2.", "II.", "1.", "1.1.", "1.2.", "2."]
    by_text = dict((text, label) for label, text in labels)
    assert by_text["ĐÁNH GIÁ CHUNG"] == "III."
    assert by_text["Nguyên nhân chủ yếu của hạn chế, yếu kém"] == "2.2."
    # Part two restarts the headings' list (w:startOverride on a second w:num): I. again.
    assert by_text["DỰ BÁO TÌNH HÌNH"] == "I."
    assert by_text["NHIỆM VỤ, GIẢI PHÁP"] == "VI."
    # a) points; "Restart numbering" starts again at a); "Set numbering value" starts at 5.
    tail = shown[-13:]
    assert tail == ["a)", "b)", "c)", "a)", "b)", "-", "+", "-", "+", "1.", "2.", "5.", "6."]


def test_numbering_corners_as_word_shows_them() -> None:
    """Two w:num on one list continue it; isLgl shows Arabic numbers under a Roman level;
    lvlRestart 1 keeps a level running under a new parent of the next level; decimalZero."""
    shown = [label for label, _ in _labels("word-numbering-edge.docx")]
    assert shown == ["I.", "1.1.", "a)", "1.2.", "b)", "II.", "a)", "III.", "3.1.", "03.", "04."]


def test_counters_continue_across_instances_of_one_list() -> None:
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = f"""<w:numbering xmlns:w="{w}">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
          <w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
          <w:lvlText w:val="%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/>
          <w:lvlText w:val="(%3)"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
    </w:numbering>"""
    counters = Counters(parse_numbering(etree.fromstring(xml)))

    def label(num: int, ilvl: int) -> str:
        got = counters.next(num, ilvl)
        assert got is not None
        return got.label

    assert [label(1, 0), label(1, 1), label(1, 1), label(2, 0), label(2, 1)] == [
        "1.", "a)", "b)", "2.", "a)",
    ]  # fmt: skip
    # lvlRestart 0: level 3 never restarts, even after a level-1 paragraph.
    assert [label(1, 2), label(1, 0), label(1, 2)] == ["(1)", "3.", "(2)"]
    assert [label(3, 0), label(3, 0), label(1, 0)] == ["7.", "8.", "9."]
    assert counters.next(9, 0) is None  # a numId that does not exist shows no number


def _pdf_lines(docx: Path, tmp: Path) -> list[str]:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp / (docx.stem + ".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("name", ["word-auto-numbers", "word-numbering-edge", "lo-fodt", "lo-html"])
def test_numbers_match_libreoffice_rendering(name: str, tmp_path: Path) -> None:
    """Every automatic number we compute is the one LibreOffice prints before that paragraph's
    first words, in the same order. Paragraphs marked «(Word)» are left out: there LibreOffice
    7.4 ignores w:isLgl and w:lvlRestart, and Word's rule (ECMA-376 §17.9) is tested above."""
    expected = [
        (label, " ".join(text.split()[:2]))
        for label, text in _labels(f"{name}.docx")
        if label
        and text.split()
        and (label in ("-", "+") or label[0].isalnum())
        and "(Word)" not in text
    ]
    assert len(expected) >= 6
    lines = _pdf_lines(FIXTURES / f"{name}.docx", tmp_path)
    position = 0
    for label, words in expected:
        pattern = re.compile(rf"(?:^|\s){re.escape(label)}\s*{re.escape(words)}")
        for i in range(position, len(lines)):
            if pattern.search(lines[i]):
                position = i + 1
                break
        else:
            window = "\n".join(lines[position : position + 6])
            pytest.fail(f"{name}: «{label} {words}» not printed by LibreOffice here:\n{window}")
