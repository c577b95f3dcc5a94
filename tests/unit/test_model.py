from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from vankien.unit.load import load_unit
from vankien.unit.model import OrgType, Stage


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
