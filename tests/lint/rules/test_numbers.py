"""The NUM rules on the đảng bộ example: its text passes; contradictions planted in a copy are
each caught, with both figures in the message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vankien.lint.rules.numbers import agrees, figures, vi
from vankien.lint.runner import lint_report
from vankien.report.load import load_report

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "dang-bo"


def numeric(root: Path) -> list[str]:
    return [f.render() for f in lint_report(load_report(root)).findings if f.code.startswith("NUM")]


@pytest.mark.parametrize("name", ["dang-bo", "chi-bo"])
def test_examples_pass(name: str) -> None:
    assert numeric(REPO / "examples" / name) == []


# (file, text in the example, planted text, rule, part of the message)
PLANTED = [
    (
        "02-nhiem-vu-chinh-tri.md",
        "có 8/10 chỉ tiêu đạt và vượt, trong đó 6 chỉ tiêu vượt",
        "có 9/10 chỉ tiêu đạt và vượt, trong đó 6 chỉ tiêu vượt",
        "NUM001",
        "có 8 chỉ tiêu «đạt và vượt», văn bản ghi 9",
    ),
    (
        "08-danh-gia-chung.md",
        "trong đó 6 chỉ tiêu vượt kế hoạch.",
        "trong đó 5 chỉ tiêu vượt kế hoạch.",
        "NUM001",
        "có 6 chỉ tiêu «vượt», văn bản ghi 5",
    ),
    (
        "08-danh-gia-chung.md",
        "Còn 2/10 chỉ tiêu",
        "Còn 3/10 chỉ tiêu",
        "NUM001",
        "có 2 chỉ tiêu «không đạt», văn bản ghi 3",
    ),
    (
        "02-nhiem-vu-chinh-tri.md",
        "công tác phát triển đảng viên vượt 20% kế hoạch",
        "công tác phát triển đảng viên vượt 30% kế hoạch",
        "NUM003",
        "kế hoạch 10 đảng viên, thực hiện 12 đảng viên = vượt 20%, văn bản ghi «vượt 30%»",
    ),
    (
        "02-nhiem-vu-chinh-tri.md",
        "nghiệm thu vượt 15%",
        "nghiệm thu vượt 25%",
        "NUM003",
        "kế hoạch 40 nhiệm vụ, thực hiện 46 nhiệm vụ = vượt 15%, văn bản ghi «vượt 25%»",
    ),
    (
        "02-nhiem-vu-chinh-tri.md",
        "vượt 7 điểm phần trăm",
        "vượt 9 điểm phần trăm",
        "NUM003",
        "= vượt 7 điểm phần trăm, văn bản ghi «vượt 9 điểm phần trăm»",
    ),
    (
        "02-nhiem-vu-chinh-tri.md",
        "trung cấp trở lên tăng từ 54,1% đầu nhiệm kỳ lên 64,7%",
        "trung cấp trở lên tăng từ 54,1% đầu nhiệm kỳ lên 66,7%",
        "NUM003",
        "thực hiện 64,7%, văn bản ghi «lên 66,7%»",
    ),
    (
        "02-nhiem-vu-chinh-tri.md",
        "sáng kiến cấp tỉnh đạt 90% kế hoạch",
        "sáng kiến cấp tỉnh đạt 80% kế hoạch",
        "NUM003",
        "kế hoạch 10 sáng kiến, thực hiện 9 sáng kiến = đạt 90%, văn bản ghi «đạt 80%»",
    ),
    (
        "04-to-chuc-xay-dung-dang.md",
        "kết nạp 12 đảng viên mới, vượt 20% chỉ tiêu nghị quyết",
        "kết nạp 12 đảng viên mới, vượt 12% chỉ tiêu nghị quyết",
        "NUM003",
        "= vượt 20%, văn bản ghi «vượt 12%»",
    ),
    (
        "05-kiem-tra-giam-sat.md",
        "Giám sát chuyên đề 22 lượt, vượt 10% chỉ tiêu nghị quyết",
        "Giám sát chuyên đề 22 lượt, vượt 15% chỉ tiêu nghị quyết",
        "NUM003",
        "kế hoạch 20 lượt giám sát, thực hiện 22 lượt giám sát = vượt 10%",
    ),
    (
        "08-danh-gia-chung.md",
        "mới đạt 9/10 sáng kiến theo kế hoạch",
        "mới đạt 9/10 sáng kiến theo kế hoạch, bằng 95%",
        "NUM002",
        "9/10 = 90%, văn bản ghi 95%",
    ),
    (
        "09-phuong-huong-muc-tieu.md",
        "(chỉ tiêu 11)",
        "(chỉ tiêu 14)",
        "NUM005",
        "không có chỉ tiêu 14",
    ),
]


def test_each_planted_contradiction_is_caught(tmp_path: Path) -> None:
    root = tmp_path / "dang-bo"
    shutil.copytree(EXAMPLE, root)
    for name, old, new, _, _ in PLANTED:
        path = root / "skeleton" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = numeric(root)
    for name, _, _, code, message in PLANTED:
        hits = [f for f in found if f"skeleton/{name}" in f and code in f and message in f]
        assert len(hits) == 1, f"{code} «{message}» in {name}:\n" + "\n".join(found)
    assert len(found) == len(PLANTED), "\n".join(found)


def test_a_table_total_and_a_year_column_are_added_up(tmp_path: Path) -> None:
    root = tmp_path / "dang-bo"
    shutil.copytree(EXAMPLE, root)
    path = root / "skeleton" / "04-to-chuc-xay-dung-dang.md"
    table = (
        "\n\n| Nội dung | 2021 | 2022 | 2023 | 2024 | 2025 | Cả nhiệm kỳ |\n"
        "|---|---|---|---|---|---|---|\n"
        "| Kết nạp đảng viên | 2 | 3 | 2 | 3 | 2 | 13 |\n"
        "| Chuyển sinh hoạt đến | 1 | 0 | 2 | 1 | 1 | 5 |\n"
        "| Cộng | 3 | 3 | 4 | 4 | 3 | 17 |\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + table, encoding="utf-8")
    found = numeric(root)
    # The planted 13 is wrong against its row; the total row, right against its own row,
    # is then wrong against the column above it (13 + 5).
    assert [f.split(" error ")[1] for f in found] == [
        "NUM004/table-total-wrong cột «Cả nhiệm kỳ»: 2 + 3 + 2 + 3 + 2 = 12, bảng ghi 13",
        "NUM004/table-total-wrong dòng «Cộng», cột «Cả nhiệm kỳ»: cộng các dòng trên được 18, "
        "bảng ghi 17",
    ], found


def test_figures_and_precision() -> None:
    assert [f.value for f in figures("1.250 đảng viên; 93,5%")] == [1250.0, 93.5]
    assert [f.unit for f in figures("1.250 đảng viên; 93,5%")] == ["đảng viên", "%"]
    assert vi(88.888, 1) == "88,9" and vi(120.0) == "120" and vi(1250.5, 1) == "1.250,5"
    assert agrees(88.888, "88,9") and agrees(88.888, "89") and not agrees(88.888, "90")
    assert not agrees(88.888, "88,8")


def hand_table(root: Path) -> str:
    """The previous term's table as the build makes it from the data, typed into the text in
    place of the marker (a writer's hand-written table)."""
    from vankien.outline.model import TargetTable
    from vankien.targets.load import load_targets
    from vankien.targets.tables import markdown_table
    from vankien.unit.load import load_unit

    unit = load_unit(root)
    data = load_targets(root, unit.previous_term, unit.current_term)
    assert data is not None and data.previous is not None
    return markdown_table(data.previous, TargetTable("previous"))


def test_the_hand_written_table_is_checked_against_the_data(tmp_path: Path) -> None:
    root = tmp_path / "dang-bo"
    shutil.copytree(EXAMPLE, root)
    path = root / "skeleton" / "02-nhiem-vu-chinh-tri.md"
    text = path.read_text(encoding="utf-8")
    assert text.count("[Bảng chỉ tiêu]{.chi-tieu}") == 1
    table = hand_table(root)
    path.write_text(text.replace("[Bảng chỉ tiêu]{.chi-tieu}", table), encoding="utf-8")
    assert numeric(root) == []  # the table as built agrees with the data
    for old, new in (
        ("| 10 đảng viên | 12 đảng viên | Vượt |", "| 10 đảng viên | 11 đảng viên | Vượt |"),
        ("| 40 nhiệm vụ | 46 nhiệm vụ | Vượt |", "| 40 nhiệm vụ | 46 nhiệm vụ | Đạt |"),
    ):
        assert table.count(old) == 1, table
        table = table.replace(old, new)
    path.write_text(text.replace("[Bảng chỉ tiêu]{.chi-tieu}", table), encoding="utf-8")
    found = [f.split(" error ")[1] for f in numeric(root)]
    assert found == [
        "NUM006/target-table-mismatch chỉ tiêu 3 «Kết nạp đảng viên mới trong nhiệm kỳ»: "
        "thực hiện theo chi-tieu.yaml là 12 đảng viên, bảng ghi 11 đảng viên",
        "NUM006/target-table-mismatch chỉ tiêu 7 «Nhiệm vụ khoa học và công nghệ cấp tỉnh được "
        "nghiệm thu»: đánh giá theo chi-tieu.yaml là «Vượt», bảng ghi «Đạt»",
    ], found


def test_claims_are_checked_against_the_data_when_there_is_one(tmp_path: Path) -> None:
    """With chi-tieu.yaml, the figures of the text are compared with the data: a target that
    did not reach its plan there turns «8/10 chỉ tiêu đạt và vượt» into a contradiction."""
    root = tmp_path / "dang-bo"
    shutil.copytree(EXAMPLE, root)
    data = root / "chi-tieu.yaml"
    text = data.read_text(encoding="utf-8")
    old = "    planned: 40 nhiệm vụ\n    achieved: 46 nhiệm vụ\n"
    assert text.count(old) == 1
    data.write_text(text.replace(old, "    planned: 40 nhiệm vụ\n    achieved: 38 nhiệm vụ\n"))
    found = numeric(root)
    assert any("có 7 chỉ tiêu «đạt và vượt», văn bản ghi 8" in f for f in found), found
    assert any(
        "thực hiện 38 nhiệm vụ = đạt 95% kế hoạch, không vượt, văn bản ghi «vượt 15%»" in f
        for f in found
    )


def test_broken_data_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    from vankien.cli import main

    root = tmp_path / "dang-bo"
    shutil.copytree(EXAMPLE, root)
    data = root / "chi-tieu.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "achieved: 12 đảng viên", "achieved: 1.5 đảng viên"
        )
    )
    assert main(["lint", "--root", str(root)]) == 2
