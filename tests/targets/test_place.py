"""Where the build puts the target tables (docs/chi-tieu.md, «Bảng trong văn bản»)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.outline.load import load_outline
from vankien.outline.model import Outline
from vankien.report.load import load_report
from vankien.targets.load import load_targets
from vankien.targets.model import TargetData
from vankien.targets.place import place_tables
from vankien.unit.model import Term

REPO = Path(__file__).resolve().parents[2]
FILE = "02-nhiem-vu-chinh-tri.md"
HEAD = """\
## II. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN CÁC NHIỆM VỤ TRONG NHIỆM KỲ {{previous_term}}

### 1. Lãnh đạo thực hiện nhiệm vụ chính trị

#### 1.1. Việc lãnh đạo thực hiện các chỉ thị

Văn bản mục 1.1.

#### 1.2. Kết quả thực hiện các chỉ tiêu Nghị quyết Đại hội lần thứ {{previous_congress}}

"""
TAIL = "\n### 2. Lãnh đạo công tác chính trị tư tưởng\n\nVăn bản mục 2.\n"


@pytest.fixture(scope="module")
def outline() -> Outline:
    return load_outline(REPO / "outline" / "bao-cao-chinh-tri.yaml")


@pytest.fixture(scope="module")
def data() -> TargetData:
    loaded = load_targets(REPO / "examples" / "dang-bo", Term(2020, 2025), Term(2025, 2030))
    assert loaded is not None
    return loaded


def _place(outline: Outline, data: TargetData | None, body: str) -> str:
    text, _ = place_tables(Path("/r/skeleton") / FILE, HEAD + body + TAIL, outline, data)
    return text


def test_marker_is_replaced_by_the_table(outline: Outline, data: TargetData) -> None:
    text = _place(outline, data, "Câu dẫn.\n\n[Bảng chỉ tiêu]{.chi-tieu}\n\nNhận xét.\n")
    before, _, after = text.partition("| STT | Chỉ tiêu | Kế hoạch | Thực hiện | Đánh giá |")
    assert before.endswith("Câu dẫn.\n\n")
    assert after.split("\n\n")[1] == "Nhận xét."
    assert "{.chi-tieu}" not in text
    assert after.count("\n| ") == 10  # ten targets (the separator row starts «|-»)


def test_without_marker_the_table_ends_the_section_text(outline: Outline, data: TargetData) -> None:
    text = _place(outline, data, "Câu dẫn.\n")
    section = text.split("#### 1.2.")[1]
    assert section.index("Câu dẫn.") < section.index("| STT |") < section.index("### 2.")
    assert text.count("| STT |") == 1


def test_a_hand_written_table_is_kept_alone(outline: Outline, data: TargetData) -> None:
    hand = "| STT | Chỉ tiêu |\n|---|---|\n| 1 | Gõ tay |\n"
    body = "Câu dẫn.\n\n" + hand
    assert _place(outline, data, body) == HEAD + body + TAIL


def test_no_data_leaves_the_text_alone(outline: Outline) -> None:
    assert _place(outline, None, "Câu dẫn.\n") == HEAD + "Câu dẫn.\n" + TAIL


def test_same_text_every_time(outline: Outline, data: TargetData) -> None:
    body = "[Bảng chỉ tiêu]{.chi-tieu}\n"
    assert _place(outline, data, body) == _place(outline, data, body)


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        ("[Bảng chỉ tiêu]{.chi-tieu}\n\n[Bảng chỉ tiêu]{.chi-tieu}\n", 13, "lặp lại"),
        ("[Bảng chỉ tiêu]{.chi-tieu}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", 11, "bảng gõ tay"),
    ],
)
def test_marker_errors(
    outline: Outline, data: TargetData, body: str, where: int, says: str
) -> None:
    with pytest.raises(UserError) as info:
        _place(outline, data, body)
    assert says in info.value.message
    assert info.value.line == where


def test_marker_without_data(outline: Outline) -> None:
    with pytest.raises(UserError, match=r"không có tệp chi-tieu\.yaml") as info:
        _place(outline, None, "[Bảng chỉ tiêu]{.chi-tieu}\n")
    assert info.value.line == 11


def test_marker_outside_a_table_section(outline: Outline, data: TargetData) -> None:
    text = HEAD.replace("Văn bản mục 1.1.", "[x]{.chi-tieu}") + TAIL
    with pytest.raises(UserError, match="nằm ngoài mục có bảng chỉ tiêu") as info:
        place_tables(Path("/r/skeleton") / FILE, text, outline, data)
    assert info.value.line == 7
    assert "1.2." in (info.value.hint or "")


def test_build_with_a_bad_targets_file_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end: the real build of the example stops with exit 2, naming file, line, key."""
    import shutil

    from vankien.cli import main

    root = tmp_path / "report"
    shutil.copytree(REPO / "examples" / "dang-bo", root)
    path = root / "chi-tieu.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'achieved: "64,7%"' in text
    path.write_text(text.replace('achieved: "64,7%"', 'achieved: "164,7%"'), encoding="utf-8")
    line = text[: text.index('achieved: "64,7%"')].count("\n") + 1
    assert main(["build", "--root", str(root), "-o", str(tmp_path / "out.docx")]) == 2
    err = capsys.readouterr().err
    assert f"chi-tieu.yaml:{line}: lỗi: tỷ lệ 164,7% lớn hơn 100%" in err
    assert "(khóa «previous[3].achieved»)" in err
    assert not (tmp_path / "out.docx").exists()


def test_lint_reports_every_marker_the_build_cannot_fill(tmp_path: Path) -> None:
    """The example without its chi-tieu.yaml: MD004 flags both markers (the build would stop at
    the first), with the build's own message."""
    import shutil

    from vankien.lint.runner import lint_report

    root = tmp_path / "report"
    shutil.copytree(REPO / "examples" / "dang-bo", root)
    (root / "chi-tieu.yaml").unlink()
    found = [f for f in lint_report(load_report(root)).findings if f.code == "MD004"]
    assert [(f.path, f.col) for f in found] == [
        ("skeleton/02-nhiem-vu-chinh-tri.md", 1),
        ("skeleton/09-phuong-huong-muc-tieu.md", 1),
    ]
    assert all("không có tệp chi-tieu.yaml" in f.message for f in found)
    texts = [(root / f.path).read_text(encoding="utf-8").split("\n")[f.line - 1] for f in found]
    assert texts == ["[Bảng chỉ tiêu]{.chi-tieu}"] * 2
