"""The two example report folders: one text, two organisation types, each worded for its type.

The chi bộ example is the đảng bộ example with another ``organisation.type``: everything that
differs between them comes from the organisation-type table (unit/model.py), so these tests
build, scaffold and report on both and read what a reader would see.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from vankien.cli import main
from vankien.outline.load import load_outline
from vankien.publish.command import build_docx
from vankien.report.load import load_report
from vankien.resources import find
from vankien.skeleton.render import file_banner
from vankien.skeleton.scaffold import scaffold
from vankien.unit.load import load_unit

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BANNER_RE = re.compile(r"\A<!--.*?-->", re.S)

# What a reader of each example must see, and must not see.
EXPECTED = {
    "dang-bo": {
        "issuer": "ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "number": "Số 45-BC/ĐU",
        "subject": "của Ban Chấp hành Đảng bộ Sở Khoa học và Công nghệ khóa XIV, trình Đại hội "
        "đại biểu lần thứ XV, nhiệm kỳ 2025 - 2030",
        "recipients": [
            "- BTV Đảng ủy Khối các cơ quan tỉnh,",  # superior_committee, from superior
            "- Các đ/c Ủy viên Ban Chấp hành,",
            "- Các Đoàn thể trực thuộc,",
            "- Văn kiện Đại hội NK 2025 - 2030,",
            "- Lưu Văn phòng Đảng ủy, HSĐH.",
        ],
        "on_behalf": "T/M ĐẢNG ỦY",
        "roles": {
            "thuong-truc": "Thường trực Đảng ủy (Bí thư, Phó Bí thư)",
            "van-phong": "Văn phòng Đảng ủy",
            "kiem-tra": "Ủy ban Kiểm tra Đảng ủy",
        },
        "guidance": "theo Nghị quyết Đại hội Đảng bộ lần thứ XIV đã đề ra",
        "never": ["Chi bộ Sở", "Chi ủy", "T/M CHI", "Lưu Chi bộ", "Văn phòng cấp ủy"],
    },
    "chi-bo": {
        "issuer": "CHI BỘ SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "number": "Số 45-BC/CB",
        "subject": "của Chi bộ Sở Khoa học và Công nghệ, trình Đại hội đảng viên lần thứ XV, "
        "nhiệm kỳ 2025 - 2030",
        "recipients": [
            "- BTV Đảng ủy Khối các cơ quan tỉnh,",  # superior_committee, from superior
            "- Các đ/c Chi ủy viên,",
            "- Các Đoàn thể trực thuộc,",
            "- Văn kiện Đại hội NK 2025 - 2030,",
            "- Lưu Chi bộ, HSĐH.",
        ],
        "on_behalf": "T/M CHI BỘ",
        "roles": {
            "thuong-truc": "Bí thư, Phó Bí thư Chi bộ",
            "van-phong": "Chi ủy viên phụ trách tổng hợp",
            "kiem-tra": "Chi ủy viên phụ trách công tác kiểm tra",
        },
        "guidance": "theo Nghị quyết Đại hội Chi bộ lần thứ XIV đã đề ra",
        "never": [
            "Đảng ủy Sở",
            "Đảng bộ Sở",
            "ĐẢNG ỦY SỞ",
            "T/M ĐẢNG ỦY",
            "Chi ủy Chi bộ",
            "Văn phòng Chi bộ",
            "Văn phòng Đảng ủy",
            "Văn phòng cấp ủy",
            "Ủy ban Kiểm tra Chi",
            "Ủy ban Kiểm tra Đảng ủy (",
            "Chi bộ cơ sở đã",
            "Ban Chấp hành Chi bộ",
            "Ủy viên Ban Chấp hành",
        ],
    },
}


def docx_lines(data: bytes) -> list[str]:
    """The text of every paragraph of word/document.xml (tables included), in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    seen = {f"{W}t": None, f"{W}br": " ", f"{W}noBreakHyphen": "-"}  # as a reader sees them
    return [
        "".join(
            (node.text or "").replace("\u00a0", " ")
            if seen[node.tag] is None
            else str(seen[node.tag])
            for node in p.iter(*seen)
        )
        for p in root.iter(f"{W}p")
    ]


def report_body(path: Path) -> bytes:
    """A skeleton file without its banner (which names the roles of the unit's type)."""
    return BANNER_RE.sub("", path.read_text(encoding="utf-8"), count=1).encode("utf-8")


def test_chi_bo_example_carries_the_same_text_as_the_dang_bo_one() -> None:
    """Each example folder is self-contained (vankien reads nothing outside a report folder),
    so the chi bộ variant keeps its own copy of the text: this keeps the two in step. Only the
    banners differ (they name each type's roles), and report.yaml only in the type."""
    dang_bo = EXAMPLES / "dang-bo" / "skeleton"
    chi_bo = EXAMPLES / "chi-bo" / "skeleton"
    assert not chi_bo.is_symlink()
    names = sorted(p.name for p in dang_bo.glob("*.md"))
    assert names == sorted(p.name for p in chi_bo.glob("*.md"))
    for name in names:
        assert report_body(chi_bo / name) == report_body(dang_bo / name), name

    def settings(name: str) -> list[str]:
        lines = (EXAMPLES / name / "report.yaml").read_text(encoding="utf-8").splitlines()
        return [line for line in lines[1:] if not re.match(r"\s*(type|output):", line)]

    assert settings("chi-bo") == settings("dang-bo")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_outputs_stay_out_of_git(name: str) -> None:
    """What build, redline and release write into an example's build/ is ignored by git and
    never tracked: «vankien release» refuses a report folder with untracked files in it."""
    written = [
        f"examples/{name}/build/{part}" for part in ("bao-cao.docx", "du-thao-1/bao-cao.pdf")
    ]

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)

    ignored = git("check-ignore", "--no-index", *written).stdout.split()
    assert ignored == written
    assert git("ls-files", "--", f"examples/{name}/build").stdout == ""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_banners_name_the_roles_of_its_type(name: str) -> None:
    root = EXAMPLES / name
    unit = load_unit(root)
    outline = load_outline(find(root, "outline", f"{unit.outline}.yaml"))
    for file in outline.files():
        text = (root / "skeleton" / file).read_text(encoding="utf-8")
        banner = BANNER_RE.match(text)
        assert banner is not None and banner.group(0) == file_banner(
            outline, file, unit.variables()
        ), file


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def example(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    name: str = request.param
    data, _ = build_docx(load_report(EXAMPLES / name))
    return name, docx_lines(data)


def test_built_example_is_worded_for_its_type(example: tuple[str, list[str]]) -> None:
    name, lines = example
    want = EXPECTED[name]
    assert want["issuer"] in lines
    assert want["number"] in lines
    assert want["subject"] in lines
    label = lines.index("Nơi nhận:")
    assert lines[label + 1 : label + 1 + len(want["recipients"])] == want["recipients"]
    assert lines[lines.index(want["on_behalf"]) + 1] == "BÍ THƯ"
    text = "\n".join(lines)
    # the "+" sub-items of Phần thứ nhất 3.1 and 3.2 come out as literal "+" paragraphs
    assert sum(line.startswith("+ ") for line in lines) >= 6
    for wrong in want["never"]:
        assert wrong not in text, wrong


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def scaffolded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """A fresh report for the example's unit, as a draft: the skeleton ``vankien scaffold``
    writes (with its guidance) and the example's report.yaml at stage du-thao-1."""
    name: str = request.param
    root = tmp_path_factory.mktemp(name) / "bao-cao"
    root.mkdir()
    text = (EXAMPLES / name / "report.yaml").read_text(encoding="utf-8")
    (root / "report.yaml").write_text(
        text.replace("stage: chinh-thuc", "stage: du-thao-1"), encoding="utf-8"
    )
    assert scaffold(root) == 0
    return name, root


def test_scaffolded_banners_name_the_roles_of_its_type(scaffolded: tuple[str, Path]) -> None:
    name, root = scaffolded
    roles = EXPECTED[name]["roles"]
    assert isinstance(roles, dict)
    seen: set[str] = set()
    for path in sorted((root / "skeleton").glob("*.md")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        for role, title in roles.items():
            if f"({role})" in first:
                assert f"Phụ trách: {title} ({role})." in first, first
                seen.add(role)
    assert seen == set(roles)


def test_draft_guidance_reads_for_its_type(scaffolded: tuple[str, Path]) -> None:
    name, root = scaffolded
    want = EXPECTED[name]
    data, _ = build_docx(load_report(root))
    text = "\n".join(docx_lines(data))
    assert str(want["guidance"]) in text
    assert "cơ sở đã đề ra" not in text
    # the guidance's own "+" lines are shown as typed, not as markup
    assert "vk-plus" not in text and "[]" not in text
    assert "\n+ Chất lượng sinh hoạt cấp ủy, sinh hoạt chi bộ, sinh hoạt chuyên đề." in text
    assert str(want["subject"]) in text and str(want["on_behalf"]) in text


def test_status_names_the_roles_of_its_type(
    scaffolded: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    name, root = scaffolded
    roles = EXPECTED[name]["roles"]
    assert isinstance(roles, dict)
    for folder in (root, EXAMPLES / name):  # a fresh draft, and the finished example
        capsys.readouterr()
        assert main(["status", "--root", str(folder), "--format", "markdown"]) == 0
        out = capsys.readouterr().out
        for title in roles.values():
            assert title in out, title
        for wrong in ("Văn phòng cấp ủy", "Thường trực cấp ủy"):
            assert wrong not in out
        if name == "chi-bo":
            assert "Ủy ban Kiểm tra" not in out and "Văn phòng" not in out
