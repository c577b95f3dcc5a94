from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.unit.load import load_unit
from vankien.unit.model import OrgType, Stage


def unit_dir(tmp_path: Path, repo_root: Path, old: str = "", new: str = "") -> Path:
    text = (repo_root / "report.yaml").read_text(encoding="utf-8")
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    (tmp_path / "report.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_repository_metadata_loads(repo_root: Path) -> None:
    unit = load_unit(repo_root)
    assert unit.org_type is OrgType.DANG_BO
    assert unit.stage == Stage(1) and not unit.stage.is_final
    assert unit.previous_term.text() == "2020 - 2025"
    assert unit.issuer == "ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert unit.on_behalf == "T/M ĐẢNG ỦY"
    assert unit.people["van-phong"][0].handle == "@tranthibinh"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "type: dang-bo-co-so",
            "type: dang-bo",
            "report.yaml:13: lỗi: loại tổ chức «dang-bo» không hợp lệ (khóa «organisation.type»)"
            "\n  → ghi «dang-bo-co-so» (đảng bộ cơ sở) hoặc «chi-bo-co-so» (chi bộ cơ sở).",
        ),
        (
            "previous_term: 2020 - 2025",
            "previous_term: 2020 - 2024",
            "report.yaml:23: lỗi: nhiệm kỳ «2020 - 2024» phải dài đúng 5 năm "
            "(khóa «congress.previous_term»)",
        ),
        (
            "current_term: 2025 - 2030",
            "current_term: 2026 - 2031",
            "report.yaml:24: lỗi: nhiệm kỳ mới 2026 - 2031 phải nối tiếp nhiệm kỳ trước "
            "2020 - 2025 (khóa «congress.current_term»)",
        ),
        (
            "date: 2025-05-20",
            "date: 2025-02-30",
            "report.yaml:29: lỗi: ngày «2025-02-30» không hợp lệ (khóa «document.date»)"
            "\n  → viết dạng năm-tháng-ngày, ví dụ 2025-05-20.",
        ),
        (
            "stage: du-thao-1",
            "stage: du-thao",
            "report.yaml:33: lỗi: giai đoạn «du-thao» không hợp lệ (khóa «document.stage»)"
            "\n  → ghi «du-thao-1», «du-thao-2», … hoặc «chinh-thuc».",
        ),
        (
            "  number: 15",
            "  number: mười lăm",
            "report.yaml:21: lỗi: cần một số nguyên, nhận được «mười lăm» (khóa «congress.number»)",
        ),
        (
            "  name: Nguyễn Văn An",
            "  name:",
            "report.yaml:36: lỗi: thiếu khóa bắt buộc «signer.name» (khóa «signer»)",
        ),
        (
            "  title: BÍ THƯ\n",
            "  title: BÍ THƯ\n  on_behalf: TM. ĐẢNG ỦY\n",
            "report.yaml:37: lỗi: văn bản của Đảng ghi «T/M» (có gạch chéo), không ghi «TM.» "
            "(khóa «signer.on_behalf»)",
        ),
        (
            "[Trần Thị Bình <@tranthibinh>]",
            "[Trần Thị Bình <tran thi binh>]",
            "report.yaml:50: lỗi: tài khoản «tran thi binh» (mục 1) không hợp lệ "
            "(khóa «people.van-phong»)\n  → ghi «Họ tên <@tai-khoan>» hoặc "
            "«Họ tên <email@co-quan.vn>».",
        ),
        (
            "profile: hd36",
            "profile: hd36\ncolour: red",
            "report.yaml:8: lỗi: khóa không được hỗ trợ: «colour» (khóa «colour»)",
        ),
    ],
)
def test_bad_metadata_messages(
    tmp_path: Path, repo_root: Path, old: str, new: str, message: str
) -> None:
    root = unit_dir(tmp_path, repo_root, old, new)
    with pytest.raises(UserError) as info:
        load_unit(root)
    rendered = info.value.render().replace(str(tmp_path) + "/", "")
    assert rendered.split("\n  → các khóa hợp lệ")[0] == message


def test_missing_metadata_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        load_unit(tmp_path)
    assert "không tìm thấy tệp thông tin đơn vị" in info.value.render()


def test_chi_bo_metadata(repo_root: Path) -> None:
    unit = load_unit(repo_root / "examples" / "chi-bo")
    assert unit.org_type is OrgType.CHI_BO
    assert unit.on_behalf == "T/M CHI BỘ"
    assert unit.doc_code == "BC/CB"
    assert unit.congress_kind == "đảng viên"
    assert unit.stage.is_final
    assert unit.date == dt.date(2025, 6, 10)


def test_missing_report_yaml_says_which_sample_to_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from vankien.cli import main
    from vankien.resources import sample_reports

    samples = sample_reports()
    assert set(samples) == {"đảng bộ cơ sở", "chi bộ cơ sở"}
    for path in samples.values():
        assert load_unit(path.parent).path == path  # each sample is a valid report.yaml
    for command in ("build", "status", "lint"):
        assert main([command, "--root", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert f"sao chép tệp mẫu vào «{tmp_path / 'report.yaml'}»" in err, err
        assert all(str(path) in err for path in samples.values())
        assert "vankien scaffold" in err


def test_header_lines_are_the_offices_breaks_of_the_names(tmp_path: Path, repo_root: Path) -> None:
    root = unit_dir(
        tmp_path,
        repo_root,
        "  superior: Đảng bộ Khối các cơ quan tỉnh\n",
        "  superior: Đảng bộ Khối các cơ quan tỉnh\n"
        "  header_lines:\n    issuer: [Đảng ủy Sở Khoa học, và  Công nghệ]\n",
    )
    unit = load_unit(root)
    assert unit.header_lines == {"issuer": ("Đảng ủy Sở Khoa học", "và  Công nghệ")}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            "issuer: [Đảng ủy Sở Khoa học, và Kỹ thuật]",
            "các dòng «Đảng ủy Sở Khoa học / và Kỹ thuật» ghép lại không đúng tên "
            "«ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ»",
        ),
        ("issuer: [Đảng ủy Sở Khoa học và Công nghệ, '']", "không có dòng trống"),
        ("issuers: [x]", "issuers"),
    ],
)
def test_header_lines_that_change_the_name_are_refused(
    tmp_path: Path, repo_root: Path, lines: str, message: str
) -> None:
    root = unit_dir(
        tmp_path,
        repo_root,
        "  superior: Đảng bộ Khối các cơ quan tỉnh\n",
        f"  superior: Đảng bộ Khối các cơ quan tỉnh\n  header_lines:\n    {lines}\n",
    )
    with pytest.raises(UserError) as info:
        load_unit(root)
    text = info.value.render() if hasattr(info.value, "render") else str(info.value)
    assert message in text
    assert "header_lines" in text


def test_the_office_may_name_the_superior_committee(tmp_path: Path, repo_root: Path) -> None:
    root = unit_dir(
        tmp_path,
        repo_root,
        "  superior: Đảng bộ Khối các cơ quan tỉnh\n",
        "  superior: Đảng bộ tỉnh Quảng Trị\n  superior_committee: Tỉnh ủy Quảng Trị\n",
    )
    unit = load_unit(root)
    assert unit.superior_committee == "Tỉnh ủy Quảng Trị"
    assert unit.variables()["superior_committee_upper"] == "TỈNH ỦY QUẢNG TRỊ"
