"""Rendering skeleton files: the banner names the owner role as the unit's type calls it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from vankien.outline.load import load_outline
from vankien.skeleton.render import file_banner, render_all, role_title
from vankien.unit.load import load_unit
from vankien.unit.model import OrgType


def test_role_titles_and_banners_follow_the_organisation_type(repo_root: Path) -> None:
    outline = load_outline(repo_root / "outline" / "bao-cao-chinh-tri.yaml")
    dang_bo = load_unit(repo_root)
    chi_bo = dataclasses.replace(dang_bo, org_type=OrgType.CHI_BO)
    assert outline.roles["kiem-tra"] == "{{role_inspection}}"
    assert role_title(outline, "kiem-tra", dang_bo.variables()) == "Ủy ban Kiểm tra Đảng ủy"
    assert role_title(outline, "kiem-tra", chi_bo.variables()) == (
        "Chi ủy viên phụ trách công tác kiểm tra"
    )
    assert role_title(outline, "to-chuc", chi_bo.variables()) == "Phụ trách công tác tổ chức"
    banner = file_banner(outline, "01-dac-diem-tinh-hinh.md", chi_bo.variables())
    assert "Phụ trách: Chi ủy viên phụ trách tổng hợp (van-phong)." in banner
    texts = render_all(outline, chi_bo.variables())
    assert all("{{role_" not in text and "Văn phòng" not in text for text in texts.values())
