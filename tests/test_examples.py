"""The two example report folders: one text, two organisation types."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_chi_bo_example_carries_the_same_text_as_the_dang_bo_one() -> None:
    """Each example folder is self-contained (vankien reads nothing outside a report folder),
    so the chi bộ variant keeps its own copy of the text: this keeps the two in step."""
    dang_bo = REPO / "examples" / "dang-bo" / "skeleton"
    chi_bo = REPO / "examples" / "chi-bo" / "skeleton"
    assert not chi_bo.is_symlink()
    names = sorted(p.name for p in dang_bo.glob("*.md"))
    assert names == sorted(p.name for p in chi_bo.glob("*.md"))
    for name in names:
        assert (chi_bo / name).read_bytes() == (dang_bo / name).read_bytes(), name
