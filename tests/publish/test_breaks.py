"""The non-breaking rule and balanced header lines."""

from __future__ import annotations

import subprocess
import sys

import pytest
from lxml import etree

from vankien.publish.breaks import (
    NB_HYPHEN,
    balanced_lines,
    phrase_pieces,
    protect,
    protect_paragraphs,
)
from vankien.publish.ooxml.ns import NSMAP
from vankien.publish.textwidth import NBSP, width_pt

W = NSMAP["w"]
COLUMN = 86 * 72 / 25.4  # the header's left column, in points


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("nhiệm kỳ 2020 - 2025", "nhiệm kỳ 2020 - 2025"),
        ("NHIỆM KỲ 2025 - 2030", "NHIỆM KỲ 2025 - 2030"),
        ("giai đoạn 2021-2025", "giai đoạn 2021-2025"),
        ("2025 – 2030", "2025 – 2030"),
        ("lần thứ XV", "lần thứ XV"),
        ("khóa XIV", "khóa XIV"),
        ("ngày 10 tháng 6 năm 2025", "ngày 10 tháng 6 năm 2025"),
        ("ngày 25/10/2018", "ngày 25/10/2018"),
        ("Số 45-BC/ĐU", "Số 45-BC/ĐU"),
        ("số 08-QĐi/TW", "số 08-QĐi/TW"),
        ("Số 15/BC-UBND", "Số 15/BC-UBND"),
    ],
)
def test_groups_are_glued_with_no_break_characters(text: str, glued: str) -> None:
    out = protect(text)
    assert len(out) == len(text)
    assert " " not in out
    # spaces become no-break spaces; hyphens of numbers no-break hyphens; a spaced dash stays
    assert out.replace(NBSP, " ").replace(NB_HYPHEN, "-") == glued


def test_ordinary_text_is_left_as_it_is() -> None:
    text = "Đảng bộ có 68 đảng viên, tăng 7 đảng viên - một kết quả tốt."
    assert protect(text) == text


def test_a_long_name_breaks_at_a_phrase_never_leaving_one_word() -> None:
    lines = balanced_lines("ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ", COLUMN, 14, bold=True)
    assert lines == ["ĐẢNG ỦY SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"]


def test_compound_words_stay_together_and_lines_fit() -> None:
    name = "CHI BỘ TRUNG TÂM PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ CƠ SỞ"
    assert phrase_pieces(name)[-1] == "CƠ SỞ"
    lines = balanced_lines(name, COLUMN, 14, bold=True)
    assert len(lines) == 2
    assert all(width_pt(line, 14, bold=True) <= COLUMN for line in lines)
    assert all(len(line.split()) > 1 for line in lines)
    assert " ".join(lines) == name


def test_a_name_that_fits_stays_on_one_line() -> None:
    assert balanced_lines("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", COLUMN, 14) == [
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"
    ]


def test_a_term_is_never_split_between_lines() -> None:
    lines = balanced_lines("BÁO CÁO NHIỆM KỲ 2020 - 2025 CỦA ĐẢNG BỘ", 120, 14, bold=True)
    assert any("2020" in line and "2025" in line for line in lines)


def test_paragraph_rule_works_across_runs_and_writes_word_no_break_hyphens() -> None:
    doc = etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body><w:p>'
        "<w:r><w:t>nhiệm kỳ 2020 - </w:t></w:r><w:r><w:t>2025, Số 45-BC/ĐU</w:t></w:r>"
        "</w:p></w:body></w:document>"
    )
    protect_paragraphs(doc)
    runs = doc.findall(f".//{{{W}}}r")
    assert runs[0].findtext(f"{{{W}}}t") == f"nhiệm{NBSP}kỳ{NBSP}2020{NBSP}-{NBSP}"
    second = [child.text if child.tag == f"{{{W}}}t" else "<hyphen>" for child in runs[1]]
    assert second == [f"2025, Số{NBSP}45", "<hyphen>", "BC/ĐU"]


def test_a_person_breaks_after_a_comma_and_a_title_narrows_downwards() -> None:
    width = 444.0  # the text width of an A4 page with HD 36 margins, less a margin of safety
    assert balanced_lines(
        "của Chi bộ Sở Khoa học và Công nghệ, trình Đại hội đảng viên lần thứ XV, "
        "nhiệm kỳ 2025 - 2030",
        width,
        14,
        bold=True,
    )[0].endswith("Công nghệ,")
    lines = balanced_lines(
        "PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM NHIỆM KỲ 2025 - 2030",
        width,
        14,
        bold=True,
    )
    assert lines[0].endswith("GIẢI PHÁP")
    assert width_pt(lines[0], 14, bold=True) > width_pt(lines[1], 14, bold=True)


def test_centred_paragraphs_get_line_breaks_and_others_do_not() -> None:
    from vankien.publish.breaks import balance_centred

    title = "PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM NHIỆM KỲ 2025 - 2030"
    doc = etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body>'
        f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{title}</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>{title}</w:t></w:r></w:p>'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/></w:sectPr>'
        "</w:body></w:document>"
    )
    balance_centred(doc, {"Heading1": (14.0, True, True)})
    heading, body = doc.findall(f".//{{{W}}}p")
    parts = [
        c.text if c.tag == f"{{{W}}}t" else "\n" for c in heading.iter(f"{{{W}}}t", f"{{{W}}}br")
    ]
    assert "".join(parts) == title.replace("GIẢI PHÁP ", "GIẢI PHÁP\n")
    assert body.find(f".//{{{W}}}br") is None


def test_tracked_changes_get_the_rule_on_both_sides() -> None:
    doc = etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body><w:p>'
        "<w:r><w:t>Quy định số </w:t></w:r>"
        '<w:del w:id="1" w:author="A"><w:r><w:delText>58-QĐ/TW</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>59-QĐ/TW</w:t></w:r></w:ins>'
        "</w:p></w:body></w:document>"
    )
    protect_paragraphs(doc)
    deleted = doc.find(f".//{{{W}}}del/{{{W}}}r")
    inserted = doc.find(f".//{{{W}}}ins/{{{W}}}r")
    assert [etree.QName(c).localname for c in deleted] == ["delText", "noBreakHyphen", "delText"]
    assert [etree.QName(c).localname for c in inserted] == ["t", "noBreakHyphen", "t"]
    assert doc.find(f".//{{{W}}}r/{{{W}}}t").text == f"Quy định số{NBSP}"


def test_balanced_lines_are_kept_in_the_reports_cache(tmp_path) -> None:
    from vankien.report.cache import RunCache

    memo = RunCache(tmp_path)
    text = "ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    plain = balanced_lines(text, 200, 13, bold=True)
    assert len(plain) == 2
    assert balanced_lines(text, 200, 13, bold=True, memo=memo) == plain
    keys = [key for key in memo.used if key.startswith("lines:")]
    assert len(keys) == 1
    memo.used[keys[0]] = ["DÒNG", "GHI SẴN"]  # a later build reads what the cache holds
    assert balanced_lines(text, 200, 13, bold=True, memo=memo) == ["DÒNG", "GHI SẴN"]
    assert balanced_lines(text, 150, 13, bold=True, memo=memo) != ["DÒNG", "GHI SẴN"]


def test_header_lines_are_balanced_without_importing_the_checks() -> None:
    """Before pandoc starts, the build balances the header lines with the checker's dictionary
    alone: importing every language check there cost a cold build ~25 ms on its critical path."""
    code = (
        "import sys\n"
        "from vankien.publish.breaks import phrase_pieces\n"
        "print(phrase_pieces('BAN CHẤP HÀNH ĐẢNG BỘ SỞ VĂN HOÁ'))\n"
        "print(sorted(m for m in sys.modules if m.startswith('vankien.lint.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "['BAN CHẤP HÀNH', 'ĐẢNG BỘ', 'SỞ', 'VĂN HOÁ']"
    assert out[1] == "['vankien.lint.vietnamese', 'vankien.lint.vietnamese.config', " + (
        "'vankien.lint.vietnamese.syllable']"
    )


TRACKED = (
    f'<w:document xmlns:w="{W}"><w:body>'
    "<w:p><w:r><w:t>nhiệm kỳ 2020 - </w:t></w:r><w:r><w:t>2025, Số 45-BC/ĐU</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Quy định số </w:t></w:r>"
    '<w:del w:id="1" w:author="A"><w:r><w:delText>58-QĐ/TW</w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="A"><w:r><w:t>59-QĐ/TW ngày 25/10/2018</w:t></w:r></w:ins>'
    "</w:p></w:body></w:document>"
)


def test_the_paragraph_rule_reads_its_last_results_from_the_reports_cache(tmp_path) -> None:
    from vankien.report.cache import RunCache

    plain = etree.fromstring(TRACKED)
    protect_paragraphs(plain)
    memo = RunCache(tmp_path)
    for _ in range(2):  # the first build fills the cache, the second one reads it
        doc = etree.fromstring(TRACKED)
        protect_paragraphs(doc, memo)
        assert etree.tostring(doc) == etree.tostring(plain)
    (key,) = [key for key in memo.used if key.startswith("protect:")]
    text = "nhiệm kỳ 2020 - 2025, Số 45-BC/ĐU"
    assert memo.used[key][text] == protect(text)
    memo.used[key][text] = text.upper()  # a later build takes what the cache holds
    doc = etree.fromstring(TRACKED)
    protect_paragraphs(doc, memo)
    assert doc.findtext(f".//{{{W}}}t") == "NHIỆM KỲ 2020 - "
    # the footnotes of a document are remembered apart from its body
    protect_paragraphs(etree.fromstring(TRACKED), memo, "word/footnotes.xml")
    assert len([key for key in memo.used if key.startswith("protect:")]) == 2
