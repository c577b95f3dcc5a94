from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from vankien.unit.load import load_unit
from vankien.unit.model import ORG_WORDING, OrgType, OrgWording, Stage


def test_variables_follow_the_organisation_type(repo_root: Path) -> None:
    dang_bo = load_unit(repo_root)
    chi_bo = dataclasses.replace(dang_bo, org_type=OrgType.CHI_BO)
    assert dang_bo.variables()["org"] == "Đảng bộ"
    assert chi_bo.variables()["org"] == "Chi bộ"
    assert dang_bo.variables()["leader_lower"] == "đảng ủy"
    assert chi_bo.variables()["leader_lower"] == "chi bộ"
    assert dang_bo.variables()["previous_congress"] == "XIV"
    assert dataclasses.replace(dang_bo, numeral="arabic").variables()["congress"] == "15"
    assert dang_bo.variables()["current_term"] == "2025 - 2030"


def test_date_and_number_are_written_by_the_rule(repo_root: Path) -> None:
    unit = load_unit(repo_root)
    feb = dataclasses.replace(unit, date=dt.date(2025, 2, 5), doc_number=7)
    assert feb.date_text() == "Thanh Hóa, ngày 05 tháng 02 năm 2025"
    assert feb.doc_number_text() == "Số 07-BC/ĐU"
    may = dataclasses.replace(unit, date=dt.date(2025, 11, 25), doc_number=None)
    assert may.date_text() == "Thanh Hóa, ngày 25 tháng 11 năm 2025"
    assert may.doc_number_text().startswith("Số ") and may.doc_number_text().endswith("-BC/ĐU")


def test_stage_labels() -> None:
    assert Stage(2).label == "Dự thảo lần 2" and Stage(2).slug == "du-thao-2"
    assert Stage(None).label == "Chính thức" and Stage(None).is_final


def test_wording_table_covers_every_type_and_is_published_as_variables(repo_root: Path) -> None:
    dang_bo = load_unit(repo_root)
    for org_type in OrgType:
        wording = ORG_WORDING[org_type]
        unit = dataclasses.replace(dang_bo, org_type=org_type)
        variables = unit.variables()
        for name in ("committee_members", "file_copy", "role_office", "role_inspection"):
            assert variables[name] == getattr(wording, name)
        assert variables["author"] == unit.author
        assert "{" not in unit.author and unit.name in unit.author


def test_subject_author_and_defaults_by_type(repo_root: Path) -> None:
    dang_bo = load_unit(repo_root)
    chi_bo = dataclasses.replace(dang_bo, org_type=OrgType.CHI_BO)
    assert dang_bo.author == "Ban Chấp hành Đảng bộ Sở Khoa học và Công nghệ khóa XIV"
    assert chi_bo.author == "Chi bộ Sở Khoa học và Công nghệ"
    # a chi bộ whose chi ủy signs presents the chi ủy's report: subject and signature agree
    by_chi_uy = dataclasses.replace(chi_bo, on_behalf="T/M  Chi ủy")
    assert by_chi_uy.author == "Chi ủy Chi bộ Sở Khoa học và Công nghệ"
    assert dataclasses.replace(dang_bo, on_behalf="T/M BAN CHẤP HÀNH").author == dang_bo.author
    assert OrgType.CHI_BO.wording.on_behalf == "T/M CHI BỘ"
    assert OrgType.CHI_BO.wording.file_copy == "Lưu Chi bộ"
    assert "Văn phòng" not in OrgType.CHI_BO.wording.role_office
    assert "Ủy ban" not in OrgType.CHI_BO.wording.role_inspection


def test_docs_variable_table_matches_the_wording_table(repo_root: Path) -> None:
    """docs/outline-format.md lists the variables by type: it must say what the code does."""
    text = (repo_root / "docs" / "outline-format.md").read_text(encoding="utf-8")
    rows = {
        m.group(1): (m.group(2).strip(), m.group(3).strip())
        for m in re.finditer(r"^\| `(\w+)`[^|]*\| ([^|]*)\|([^|]*)\|$", text, re.M)
    }
    dang_bo, chi_bo = ORG_WORDING[OrgType.DANG_BO], ORG_WORDING[OrgType.CHI_BO]
    for field in dataclasses.fields(OrgWording):
        name = "org_type" if field.name == "label" else field.name
        if name not in rows or name == "author":
            continue
        assert rows[name] == (getattr(dang_bo, field.name), getattr(chi_bo, field.name)), name
    assert {"committee_members", "file_copy", "role_office", "role_inspection"} <= set(rows)


def test_the_superior_committee_is_read_from_the_superior_or_named_by_the_office(
    repo_root: Path,
) -> None:
    unit = load_unit(repo_root)

    def committee(superior: str, named: str = "") -> str:
        changed = dataclasses.replace(unit, superior=superior, superior_committee_text=named)
        assert changed.variables()["superior_committee"] == changed.superior_committee
        return changed.superior_committee

    # Since 2025 the provincial blocs became new Party committees: nothing assumes «Khối».
    assert committee("Đảng bộ Khối các cơ quan tỉnh") == "Đảng ủy Khối các cơ quan tỉnh"
    assert committee("Đảng bộ các cơ quan Đảng tỉnh") == "Đảng ủy các cơ quan Đảng tỉnh"
    assert committee("đảng bộ xã Tân Lập") == "Đảng ủy xã Tân Lập"
    assert committee("Huyện ủy Cam Lộ") == "Huyện ủy Cam Lộ"  # already a committee's name
    assert committee("Đảng bộ tỉnh Quảng Trị", "Tỉnh ủy Quảng Trị") == "Tỉnh ủy Quảng Trị"
