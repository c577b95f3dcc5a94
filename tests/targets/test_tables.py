"""The target tables as pandoc Markdown: columns, cells, escaping, the same text every time."""

from __future__ import annotations

from pathlib import Path

from vankien.outline.model import TargetTable
from vankien.targets.load import load_targets
from vankien.targets.model import TargetData
from vankien.targets.tables import escape_cell, markdown_table
from vankien.unit.model import Term

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dang-bo"


def _data(tmp_path: Path, text: str) -> TargetData:
    (tmp_path / "chi-tieu.yaml").write_text(text, encoding="utf-8")
    data = load_targets(tmp_path, Term(2020, 2025), Term(2025, 2030))
    assert data is not None
    return data


def test_escape_cell_keeps_variables() -> None:
    assert escape_cell("a | b *c* {{org_lower}}\n  d_e") == r"a \| b \*c\* {{org_lower}} d\_e"


def test_previous_table_from_the_example() -> None:
    data = load_targets(EXAMPLE, Term(2020, 2025), Term(2025, 2030))
    assert data is not None and data.previous is not None
    table = markdown_table(data.previous, TargetTable("previous")).split("\n")
    assert table[0] == "| STT | Chỉ tiêu | Kế hoạch | Thực hiện | Đánh giá |"
    assert set(table[1]) == {"|", "-"}
    assert table[2] == (
        "| 1 | Xếp loại chất lượng {{org_lower}} hằng năm | Hoàn thành tốt nhiệm vụ trở lên "
        "| 5/5 năm; 2 năm hoàn thành xuất sắc nhiệm vụ | Đạt |"
    )
    assert table[6] == (
        "| 5 | Số lượt kiểm tra, giám sát chuyên đề | 15 lượt kiểm tra; 20 lượt giám sát "
        "| 18 lượt kiểm tra; 22 lượt giám sát | Vượt |"
    )
    assert table[9] == (
        "| 8 | Sáng kiến được công nhận phạm vi ảnh hưởng cấp tỉnh | 10 sáng kiến | 9 sáng kiến "
        "| Không đạt |"
    )
    assert len(table) == 12
    assert markdown_table(data.previous, TargetTable("previous")) == "\n".join(table)


def test_next_table_from_the_example() -> None:
    data = load_targets(EXAMPLE, Term(2020, 2025), Term(2025, 2030))
    assert data is not None and data.next is not None
    table = markdown_table(data.next, TargetTable("next")).split("\n")
    assert table[0] == "| STT | Chỉ tiêu | Chỉ tiêu nhiệm kỳ {{current_term}} |"
    assert (
        table[-1] == "| 12 | Cán bộ, đảng viên vi phạm kỷ luật đảng đến mức phải xử lý | Không có |"
    )


def test_year_columns_and_numbers_written_the_vietnamese_way(tmp_path: Path) -> None:
    data = _data(
        tmp_path,
        """\
previous:
  - id: kinh-phi
    text: Kinh phí
    planned: "1.200 triệu đồng"
    years: {2021: "600,5", 2023: 650}
    combine: sum
  - id: ty-le
    text: Tỷ lệ
    planned: 90%
    achieved: "88,25%"
    years: {2022: "88,25%"}
  - id: chua-co
    text: Chưa có số liệu
    planned: 3 lượt
""",
    )
    assert data.previous is not None
    table = markdown_table(data.previous, TargetTable("previous", years=True)).split("\n")
    assert table[0] == (
        "| STT | Chỉ tiêu | Kế hoạch | Thực hiện | Năm 2021 | Năm 2022 | Năm 2023 | Đánh giá |"
    )
    assert table[2] == (
        "| 1 | Kinh phí | 1.200 triệu đồng | 1.250,5 triệu đồng | 600,5 |  | 650 | Vượt |"
    )
    assert table[3] == "| 2 | Tỷ lệ | 90% | 88,25% |  | 88,25% |  | Không đạt |"
    assert table[4] == "| 3 | Chưa có số liệu | 3 lượt | Chưa có số liệu |  |  |  |  |"
