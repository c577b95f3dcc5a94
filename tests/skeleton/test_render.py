"""Rendering skeleton files: the banner names the owner role as the unit's type calls it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from vankien.outline.load import load_outline
from vankien.skeleton.render import (
    GUIDANCE_RE,
    PLACEHOLDER,
    PLACEHOLDER_RE,
    file_banner,
    render_all,
    role_title,
)
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


def test_what_the_scaffold_writes_is_found_by_the_one_definition(repo_root: Path) -> None:
    """Lint and status find placeholders and guidance with PLACEHOLDER_RE and GUIDANCE_RE:
    every placeholder line and guidance comment the scaffold writes must be found, and the
    banner comment (which names «HƯỚNG DẪN» in its text) is not guidance."""
    outline = load_outline(repo_root / "outline" / "bao-cao-chinh-tri.yaml")
    texts = render_all(outline, load_unit(repo_root).variables())
    assert PLACEHOLDER_RE.fullmatch(PLACEHOLDER)
    for text in texts.values():
        bodies = re.findall(r"<!--(.*?)-->", text, re.S)
        assert not GUIDANCE_RE.match(bodies[0])  # the banner
        guidance = [body for body in bodies[1:] if GUIDANCE_RE.match(body)]
        assert len(guidance) == len(bodies) - 1
        assert text.count("<!-- HƯỚNG DẪN:") == len(guidance)
        prose = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # the banner names one too
        assert len(PLACEHOLDER_RE.findall(prose)) == prose.count("\n" + PLACEHOLDER + "\n") > 0


def test_guidance_label_is_the_builds() -> None:
    """A comment is guidance when its body starts, after white space, with «HƯỚNG DẪN:», as
    filters/guidance.lua reads it; «HƯỚNG DẪN :» (space before the colon) the build does not
    show as guidance in a draft, so status does not count it either (it used to)."""
    assert GUIDANCE_RE.match(" HƯỚNG DẪN:\n- một ý\n")
    assert GUIDANCE_RE.match("HƯỚNG DẪN: một ý")
    assert GUIDANCE_RE.match("\n   HƯỚNG DẪN:\n")
    assert not GUIDANCE_RE.match(" HƯỚNG DẪN : một ý")
    assert not GUIDANCE_RE.match(" Hướng dẫn: một ý")
    assert not GUIDANCE_RE.match(" Tệp 01.md. Phần «HƯỚNG DẪN:» là ghi chú")
    assert PLACEHOLDER_RE.fullmatch("[chờ số liệu]{.placeholder .note}")
    assert not PLACEHOLDER_RE.search("[chờ số liệu]{.note}")
