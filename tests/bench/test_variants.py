"""The batch of units: distinct, valid report folders that differ where units differ."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.variants import make_units, plan

from vankien.unit.load import load_unit
from vankien.unit.model import OrgType

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "dang-bo"


def test_plan_is_distinct_and_mixed() -> None:
    variants = plan(50)
    assert len({v.name for v in variants}) == 50
    assert len({v.output for v in variants}) == 50
    assert {v.org_type for v in variants} == {"dang-bo-co-so", "chi-bo-co-so"}
    assert {v.stage for v in variants} == {"du-thao-1", "du-thao-2", "du-thao-3", "chinh-thuc"}
    assert len({v.congress for v in variants}) > 5
    for v in variants:
        assert (v.doc_number is None) == (v.stage != "chinh-thuc")


@pytest.mark.parametrize("count", [0, 51])
def test_plan_refuses_counts_it_cannot_make_distinct(count: int) -> None:
    with pytest.raises(ValueError):
        plan(count)


def test_units_load_with_their_values(tmp_path: Path) -> None:
    folders = make_units(EXAMPLE, tmp_path, 8)
    assert [f.name for f in folders] == [f"unit-{i:02d}" for i in range(1, 9)]
    for folder, variant in zip(folders, plan(8), strict=True):
        unit = load_unit(folder)
        assert unit.name == variant.name
        assert unit.org_type is OrgType(variant.org_type)
        assert unit.congress_number == variant.congress
        assert unit.stage.slug == variant.stage
        assert unit.doc_number == variant.doc_number
        assert unit.output == variant.output
        # A real copy, not a link back to the example; its target tables keep their figures.
        assert not (folder / "skeleton").is_symlink()
        assert (folder / "chi-tieu.yaml").is_file()
        assert sorted(p.name for p in (folder / "skeleton").glob("*.md")) == sorted(
            p.name for p in (EXAMPLE / "skeleton").glob("*.md")
        )
    # The comments of the template report.yaml survive (it stays readable for a person).
    assert "# Tên cơ quan, đơn vị" in (folders[0] / "report.yaml").read_text(encoding="utf-8")
