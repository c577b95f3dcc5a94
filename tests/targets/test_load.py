"""chi-tieu.yaml: the examples load; every kind of bad input is a UserError naming file, line
and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.targets.load import load_targets
from vankien.targets.model import Kind, Verdict
from vankien.unit.model import Term

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PREVIOUS, CURRENT = Term(2020, 2025), Term(2025, 2030)

GOOD = """\
groups:
  xd: Xây dựng Đảng
previous:
  - id: ket-nap
    text: Kết nạp đảng viên mới
    group: xd
    planned: 10 đảng viên
    years: {2021: 2, 2022: 3, 2023: 2, 2024: 5}
    combine: sum
  - id: ty-le
    text: Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ
    planned: 90%
    achieved: "93,5%"
    years: {2021: "92,8%", 2022: "93,1%", 2023: "94,6%"}
    combine: mean
"""


def _load(tmp_path: Path, text: str) -> object:
    (tmp_path / "chi-tieu.yaml").write_text(text, encoding="utf-8")
    return load_targets(tmp_path, PREVIOUS, CURRENT)


@pytest.mark.parametrize("name", ["dang-bo", "chi-bo"])
def test_examples_load_with_the_verdicts_their_text_states(name: str) -> None:
    data = load_targets(EXAMPLES / name, PREVIOUS, CURRENT)
    assert data is not None and data.previous is not None and data.next is not None
    counts = data.previous.counts()
    # «8/10 chỉ tiêu đạt và vượt, trong đó 6 chỉ tiêu vượt kế hoạch; 2 chỉ tiêu không đạt»
    assert (len(data.previous), counts.met_or_exceeded, counts.exceeded, counts.missed) == (
        10,
        8,
        6,
        2,
    )
    assert len(data.next) == 12
    verdicts = [t.verdict for t in data.previous]
    assert verdicts[5] is Verdict.MISSED and verdicts[7] is Verdict.MISSED


def test_missing_file_is_no_data(tmp_path: Path) -> None:
    assert load_targets(tmp_path, PREVIOUS, CURRENT) is None


def test_years_make_the_total(tmp_path: Path) -> None:
    data = _load(tmp_path, GOOD)
    assert data is not None
    first = data.previous.targets[0]  # type: ignore[attr-defined]
    assert first.achieved.text() == "12 đảng viên"
    assert first.kind is Kind.AT_LEAST
    assert first.verdict is Verdict.EXCEEDED


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "says"),
    [
        ("planned: 10 đảng viên", "planned: 10", 7, "previous[0].planned", "không có đơn vị"),
        ("planned: 90%", "planned: 105%", 12, "previous[1].planned", "lớn hơn 100%"),
        (
            'achieved: "93,5%"',
            'achieved: "93,5 đảng viên"',
            13,
            "previous[1].achieved",
            "khác đơn vị",
        ),
        ('achieved: "93,5%"', "achieved: 93.5", 13, "previous[1].achieved", "ngoặc kép"),
        ('achieved: "93,5%"', 'achieved: "1.5%"', 13, "previous[1].achieved", "«1.5»"),
        ('achieved: "93,5%"', 'achieved: "93,4%"', 13, "previous[1].achieved", "bình quân 93,5%"),
        ("2021: 2,", "2019: 2,", 8, "previous[0].years.2019", "ngoài nhiệm kỳ 2020 - 2025"),
        ("id: ty-le", "id: ket-nap", 10, "previous[1].id", "đã dùng"),
        ("group: xd", "group: zz", 6, "previous[0].group", "chưa được khai báo"),
        ("planned: 90%", "planned: true", 12, "previous[1].planned", "không phải true/false"),
        (
            "    planned: 90%\n",
            "    kind: yes_no\n    planned: 90%\n",
            13,
            "previous[1].planned",
            "cần true hoặc false",
        ),
        ("planned: 10 đảng viên", "planned: 0 đảng viên", 7, "previous[0].planned", "luôn đạt"),
        ("combine: sum", "combine: total", 9, "previous[0].combine", "không hợp lệ"),
        ("    combine: sum\n", "", 8, "previous[0].years", "không có số liệu cả nhiệm kỳ"),
        (
            "    planned: 90%\n",
            "    planned: 90%\n    planned_text: Từ 95% trở lên\n",
            13,
            "previous[1].planned_text",
            "không ghi số liệu 90%",
        ),
        (
            "    combine: mean\n",
            "    combine: mean\n    override: {verdict: Vượt, reason: x}\n",
            16,
            "previous[1].override",
            "trùng với kết quả tính",
        ),
        (
            "    combine: mean\n",
            "    combine: mean\n    override: {verdict: Đạt}\n",
            16,
            "previous[1].override",
            "lý do",
        ),
        ("previous:", "next:", 11, "next[1].achieved", "chưa có «achieved»"),
        ("    text: Kết nạp", "    tex: Kết nạp", 5, "previous[0].tex", "khóa không được hỗ trợ"),
    ],
)
def test_bad_input(tmp_path: Path, old: str, new: str, line: int, key: str, says: str) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    if old == "previous:":  # the next term's targets carry no results: strip the first one's
        text = text.replace(
            "    years: {2021: 2, 2022: 3, 2023: 2, 2024: 5}\n    combine: sum\n", ""
        )
    with pytest.raises(UserError) as info:
        _load(tmp_path, text)
    error = info.value
    assert says in error.message, error.render()
    assert (error.path, error.line, error.key) == (str(tmp_path / "chi-tieu.yaml"), line, key), (
        error.render()
    )


def test_broken_yaml_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        _load(tmp_path, "previous:\n  - id: a\n   text: b\n")
    assert info.value.line is not None
    with pytest.raises(UserError, match="rỗng"):
        _load(tmp_path, "")
    with pytest.raises(UserError, match="không có «previous»"):
        _load(tmp_path, "groups: {a: B}\n")
