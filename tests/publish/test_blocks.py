"""The blocks around the body, from report.yaml and the profile."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from vankien.outline.model import Closing
from vankien.publish.blocks import (
    NBSP,
    doc_number,
    header_lines,
    keep_spaces,
    on_behalf,
    recipients,
    subject_line,
    template_values,
)
from vankien.publish.profile import load_profile
from vankien.unit.load import load_unit
from vankien.unit.model import Stage

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HD36 = load_profile(REPO / "profiles" / "hd36.yaml")
ND30 = load_profile(REPO / "profiles" / "nd30.yaml")
DRAFT = load_unit(HERE / "fixtures" / "dang-bo-draft")
FINAL = load_unit(HERE / "fixtures" / "chi-bo-nd30")
CLOSING = Closing(
    "Nơi nhận:", ("BTV Đảng ủy Khối,", "Văn kiện NK {{current_term}},"), "T/M X", "BÍ THƯ"
)


def test_subject_line_dang_bo():
    assert subject_line(DRAFT, HD36) == (
        "của Ban Chấp hành Đảng bộ Sở Thử nghiệm khóa VIII, trình Đại hội đại biểu lần thứ IX, "
        "nhiệm kỳ 2025 - 2030"
    )


def test_subject_line_chi_bo_and_upper_case_option():
    assert subject_line(FINAL, ND30) == (
        "của Chi bộ Trường Tiểu học Thử nghiệm, trình Đại hội đảng viên lần thứ 12, "
        "nhiệm kỳ 2025 - 2030"
    )
    upper = replace(FINAL, build={"subject_case": "upper"})
    assert subject_line(upper, ND30) == subject_line(FINAL, ND30).upper()


def test_document_number_by_profile_and_blank_in_a_draft():
    assert doc_number(FINAL, ND30) == "Số: 07/BC-CB"
    assert doc_number(FINAL, HD36) == "Số 07-BC/CB"
    assert doc_number(DRAFT, HD36) == f"Số {NBSP * 8}-BC/ĐU"


def test_on_behalf_prefix_follows_the_profile():
    assert on_behalf(DRAFT, HD36) == "T/M ĐẢNG ỦY"
    assert on_behalf(DRAFT, ND30) == "TM. ĐẢNG ỦY"
    assert on_behalf(FINAL, HD36) == "T/M CHI BỘ"


def test_recipients_fill_variables_and_drop_typed_dashes():
    unit = replace(DRAFT, recipients=())
    assert recipients(unit, CLOSING, unit.variables()) == [
        "BTV Đảng ủy Khối,",
        "Văn kiện NK 2025 - 2030,",
    ]
    typed = replace(DRAFT, recipients=("- Lưu VP.",))
    assert recipients(typed, CLOSING, typed.variables()) == ["Lưu VP."]


def test_keep_spaces_turns_runs_of_spaces_into_no_break_spaces():
    assert keep_spaces("Số   -BC") == f"Số{NBSP * 3}-BC"
    assert keep_spaces("một hai") == "một hai"


def test_template_values_are_literal_metadata_and_numeric_variables():
    values = template_values(DRAFT, CLOSING, HD36)
    meta = dict(values.metadata)
    assert meta["vk-stage"] == "draft"
    assert meta["vk-draft"] == "Dự thảo lần 2"
    assert meta["vk-date"] == "Quảng Trị, ngày 05 tháng 02 năm 2025"
    assert meta["vk-superior"] == "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"
    assert ("vk-var", "org=Đảng bộ") in values.metadata
    assert all(value.isdigit() or value == "true" for _, value in values.variables)
    assert [n for n, _ in values.variables].count("vk-sign-space") == HD36.texts.sign_blank_lines
    final = template_values(replace(DRAFT, stage=Stage(None)), CLOSING, HD36)
    assert "vk-draft" not in dict(final.metadata)
    assert dict(final.metadata)["vk-stage"] == "final"


def test_pandoc_warnings_are_shown_in_vietnamese_once():
    from vankien.publish.pandoc import user_warnings

    stderr = (
        "[WARNING] Scripting warning at /x/filters/raw-html.lua line 35 column 1: "
        "vankien: biến {{a}} không có\n"
        "[WARNING] Scripting warning at /x/filters/raw-html.lua line 35 column 1: "
        "vankien: biến {{a}} không có\n"
        "[WARNING] Could not fetch resource x.png\n"
    )
    assert user_warnings(stderr) == [
        "Lưu ý: biến {{a}} không có",
        "pandoc: [WARNING] Could not fetch resource x.png",
    ]


def test_header_names_are_balanced_lines_unless_the_office_chose_its_own():
    long = replace(DRAFT, issuer="ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert header_lines(long, "issuer", HD36) == ["ĐẢNG ỦY SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"]
    assert header_lines(long, "superior", HD36) == [DRAFT.superior.upper()]
    chosen = replace(long, header_lines={"issuer": ("Đảng ủy Sở", "Khoa học và Công nghệ")})
    assert header_lines(chosen, "issuer", HD36) == ["ĐẢNG ỦY SỞ", "KHOA HỌC VÀ CÔNG NGHỆ"]
    issuers = [v for n, v in template_values(chosen, CLOSING, HD36).metadata if n == "vk-issuer"]
    assert issuers == ["ĐẢNG ỦY SỞ", "KHOA HỌC VÀ CÔNG NGHỆ"]
