"""The scaler: N× longer reports whose structure still matches the outline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bench.scale import count_words, report_words, scale_markdown, scale_report

from vankien.report.drift import check_drift
from vankien.report.load import load_report
from vankien.unit.load import load_unit

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "dang-bo"

SAMPLE = """<!-- Tệp mẫu. Phụ trách: văn phòng.
Dòng thứ hai của chú thích đầu tệp. -->

# Phần thứ nhất: KẾT QUẢ

## I. ĐẶC ĐIỂM

<!-- HƯỚNG DẪN:
Nêu đặc điểm của đơn vị.
-->

Đơn vị có 61 đảng viên,
viết tiếp trên dòng thứ hai.

a) Thuận lợi

- Được cấp trên quan tâm.
- Nội bộ đoàn kết.

b) Khó khăn

| Chỉ tiêu | Kết quả |
|---|---|
| Đảng viên mới | 12 |

```
khối mã giữ nguyên
```

### 1. Mục còn trống

[Viết nội dung tại đây]{.placeholder}
"""


def test_factor_one_is_identity() -> None:
    assert scale_markdown(SAMPLE, 1) == SAMPLE


@pytest.mark.parametrize("factor", [2, 4, 16])
def test_prose_and_bullets_repeat_structure_does_not(factor: int) -> None:
    out = scale_markdown(SAMPLE, factor)
    assert out.count("Đơn vị có 61 đảng viên,\nviết tiếp trên dòng thứ hai.") == factor
    assert out.count("- Được cấp trên quan tâm.") == factor
    assert out.count("- Nội bộ đoàn kết.") == factor
    # Every copy is a different text (vankien caches per exact paragraph).
    paragraphs = [p for p in out.split("\n\n") if "61 đảng viên" in p]
    assert len(set(paragraphs)) == len(paragraphs) == factor
    items = [line for line in out.splitlines() if line.startswith("- Nội bộ")]
    assert len(set(items)) == factor
    for kept in (
        "## I. ĐẶC ĐIỂM",
        "<!-- HƯỚNG DẪN:",
        "Nêu đặc điểm của đơn vị.",
        "a) Thuận lợi",
        "b) Khó khăn",
        "| Đảng viên mới | 12 |",
        "khối mã giữ nguyên",
        "[Viết nội dung tại đây]{.placeholder}",
        "Dòng thứ hai của chú thích đầu tệp.",
    ):
        assert out.count(kept) == 1, kept
    # Copies are separate paragraphs: a blank line between them.
    assert "hai.\n\nĐơn vị có" in out


def test_count_words_ignores_comments() -> None:
    assert count_words("<!-- HƯỚNG DẪN:\nmột hai ba\n-->\nbốn năm - sáu") == 3


def test_factor_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        scale_markdown(SAMPLE, 0)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example report (so a writer editing it mid-run cannot race the test)."""
    target = tmp_path / "example"
    target.mkdir()
    shutil.copy(EXAMPLE / "report.yaml", target / "report.yaml")
    shutil.copytree(EXAMPLE / "skeleton", target / "skeleton")
    shutil.copy(EXAMPLE / "chi-tieu.yaml", target / "chi-tieu.yaml")
    return target


@pytest.mark.parametrize("factor", [4, 16])
def test_scaled_example_is_longer_and_still_matches_the_outline(
    example: Path, tmp_path: Path, factor: int
) -> None:
    scaled = scale_report(example, tmp_path / f"x{factor}", factor)
    base = report_words(example)
    # Headings, enumerators and tables are not repeated; copies gain a short sentence.
    assert 0.85 * factor * base <= report_words(scaled) <= 1.15 * factor * base
    assert check_drift(load_report(scaled)) == []
    # The target tables keep their figures: without chi-tieu.yaml their markers are errors.
    assert (scaled / "chi-tieu.yaml").read_bytes() == (example / "chi-tieu.yaml").read_bytes()
    names = sorted(p.name for p in (scaled / "skeleton").iterdir())
    assert names == sorted(p.name for p in (example / "skeleton").iterdir())


def test_report_yaml_can_be_replaced(example: Path, tmp_path: Path) -> None:
    text = (example / "report.yaml").read_text(encoding="utf-8") + "lint:\n  ignore: [length]\n"
    scaled = scale_report(example, tmp_path / "x2", 2, report_yaml=text)
    assert load_unit(scaled).lint == {"ignore": ["length"]}


def test_grow_file_reaches_the_size_with_distinct_prose(tmp_path: Path) -> None:
    from bench.scale import grow_file

    root = scale_report(EXAMPLE, tmp_path / "r", 1)
    before = (root / "skeleton" / "02-nhiem-vu-chinh-tri.md").read_text(encoding="utf-8")
    path = grow_file(root, "02-nhiem-vu-chinh-tri.md", 200_000)
    text = path.read_text(encoding="utf-8")
    assert 190_000 < len(text.encode("utf-8")) <= 200_000
    assert text.startswith(before.rstrip("\n"))
    added = text[len(before) :].split("\n\n")
    assert len(set(added)) == len(added)
