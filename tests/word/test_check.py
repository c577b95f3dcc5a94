"""vankien check end to end: Word drafts written by python-docx (and LibreOffice in
test_annotate.py), checked with the linter's own rules, findings located in Word terms; batches,
bad input rows and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from bench.word import typed_draft, write_header
from tests.word.conftest import FIXTURES, UNITS

from vankien.lint.runner import all_rules
from vankien.outline.model import parse_number
from vankien.word.check import check_rules

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "tests" / "fixtures" / "seed" / "de-cuong.txt"
DANG_BO = REPO / "examples" / "dang-bo"
CHI_BO = REPO / "examples" / "chi-bo"


def seed_draft(path: Path) -> Path:
    """The seed outline typed into Word as a unit's draft: its own defects included (two «II.»,
    «III.» after «V.», 2015 - 2020, TRONG TÂM, quán triển, gián sát, chất lương, doubled words,
    «lần thứ……»). Headings are bold Normal paragraphs with typed numbers."""
    d = docx.Document()
    write_header(
        d,
        ["ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", "ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ", "*", "Số …-BC/ĐU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Thanh Hóa, ngày 20 tháng 5 năm 2025", "Dự thảo lần 1"],
        [
            "BÁO CÁO CHÍNH TRỊ",
            "CỦA BAN CHẤP HÀNH ĐẢNG BỘ SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "TẠI ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ LẦN THỨ XV, NHIỆM KỲ 2025 - 2030",
        ],
    )
    for line in SEED.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text:
            heading = parse_number(text) is not None or (text.isupper() and len(text) < 120)
            d.add_paragraph().add_run(text).bold = heading
    d.save(str(path))
    return path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vankien", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("drafts")
    out = {"seed": seed_draft(folder / "seed.docx")}
    # The chi bộ example's text typed into Word, with its unit's header (bench's writer).
    out["chi-bo"] = typed_draft(CHI_BO, folder / "chi-bo.docx")
    out["not-docx"] = folder / "ghi-chu.docx"
    out["not-docx"].write_text("đây không phải tệp Word", encoding="utf-8")
    out["doc"] = folder / "cu.doc"
    out["doc"].write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)
    out["empty"] = folder / "trong.docx"
    docx.Document().save(str(out["empty"]))
    out["encrypted"] = folder / "mat-khau.docx"
    from msoffcrypto.format.ooxml import OOXMLFile

    with out["chi-bo"].open("rb") as plain, out["encrypted"].open("wb") as locked:
        OOXMLFile(plain).encrypt("matkhau", locked)
    out["corrupt"] = folder / "hong.docx"
    out["corrupt"].write_bytes(out["chi-bo"].read_bytes()[:4000])
    other = docx.Document()
    for line in ("I. TÌNH HÌNH THU CHI NGÂN SÁCH", "Nội dung.", "II. KIẾN NGHỊ", "Nội dung."):
        other.add_paragraph().add_run(line).bold = line[0] in "IV"
    out["other"] = folder / "khac.docx"
    other.save(str(out["other"]))
    return out


def findings(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def test_rules_selected_by_metadata() -> None:
    codes = {r.code for r in check_rules()}
    markdown_only = {r.code for r in all_rules() if not r.on_word}
    assert markdown_only == {
        "STR003",
        "STR006",
        "PH004",
        "SUP001",
        "SUP002",
        "MD001",
        "MD002",
        "MD003",
        "MD004",
    }
    assert not codes & markdown_only
    assert {r.code for r in all_rules()} - markdown_only <= codes
    # The same function objects as the linter's: no second copy.
    lint = {r.code: r.check for r in all_rules()}
    assert all(r.check is lint[r.code] for r in check_rules() if r.code in lint)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["typed", "word-core"])
def test_seed_defects_found_and_located(drafts: dict[str, Path], which: str) -> None:
    """The seed's own defects, in the seed typed by python-docx here and in word-core's
    seed-defects.docx (hand-built Word-shaped OOXML), checked in a folder of its outline."""
    if which == "typed":
        result = run("--format", "json", str(drafts["seed"]), cwd=DANG_BO)
    else:
        path = FIXTURES / "seed-defects.docx"
        result = run("--format", "json", str(path), cwd=UNITS["seed-defects"])
    assert result.returncode == 1, result.stderr
    found = findings(result)

    def having(code: str, text: str) -> list[dict[str, object]]:
        return [f for f in found if f["code"] == code and text in str(f["message"])]

    # Two «II.»: the second is out of sequence, and III. ĐÁNH GIÁ CHUNG is not where it
    # should be; «III. NHIỆM VỤ, GIẢI PHÁP» after «V.» goes backwards.
    dup = having("STR002", "II. ĐÁNH GIÁ CHUNG")
    assert dup and "trùng số" in str(dup[0]["message"])
    assert dup[0]["section"] == "Phần thứ nhất, III."
    assert having("STR002", "III. NHIỆM VỤ, GIẢI PHÁP") and "đi lùi" in str(
        having("STR002", "III. NHIỆM VỤ, GIẢI PHÁP")[0]["message"]
    )
    term = having("CON001", "2015 - 2020")
    assert term and "2015 - 2020" in str(term[0]["quote"])
    assert having("VI009", "TRONG TÂM")
    assert having("VI009", "quán triển")
    assert having("VI009", "gián sát") and having("VI009", "chất lương")
    assert having("VI007", "hiện hiện") and having("VI007", "tác tác")
    placeholders = [f for f in found if f["code"] == "PH001"]
    assert any("lần thứ…" in str(f["quote"]) for f in placeholders)
    assert having("PH001", "LẦN THỨ…") or having("PH001", "LẦN THỨ...")  # the title's
    assert having("PH005", "_GoBack")
    if which == "typed":
        assert any("Số …" in str(f["quote"]) for f in placeholders)  # in the header block
        assert having("PH005", "[bookmark: _GoBack]")  # no Markdown escapes for people
    # Located for a person: section number and title, paragraph, quoted text.
    gian_sat = having("VI009", "gián sát")[0]
    assert gian_sat["section"] == "Phần thứ nhất, II.4.1."
    assert "giám sát" in str(gian_sat["section_title"])
    assert isinstance(gian_sat["paragraph"], int) and gian_sat["paragraph"] > 50
    assert "gián sát" in str(gian_sat["quote"])
    # A draft (Dự thảo lần 1): placeholders are warnings, not errors.
    assert {f["severity"] for f in placeholders} == {"warning"}


@pytest.mark.slow
def test_chi_bo_draft_is_clean_and_its_header_sets_the_unit(drafts: dict[str, Path]) -> None:
    """The chi bộ example's text typed in Word is clean in its own folder. In the đảng bộ
    folder (the same unit name, type đảng bộ) the header's «CHI BỘ» is what the text is checked
    with (no CON006 on the chi bộ wording) and the disagreement is one finding, DOC001."""
    own = run("--format", "json", str(drafts["chi-bo"]), cwd=CHI_BO)
    assert own.returncode == 0, own.stdout
    assert not [f for f in findings(own) if f["severity"] == "error"], own.stdout
    result = run("--format", "json", str(drafts["chi-bo"]), cwd=DANG_BO)
    found = findings(result)
    assert not [f for f in found if f["code"] == "CON006"], found
    assert [f["code"] for f in found if f["severity"] == "error"] == ["DOC001"], found
    assert "CHI BỘ SỞ KHOA HỌC VÀ CÔNG NGHỆ" in str(found[0]["message"])


@pytest.mark.slow
def test_header_disagreeing_with_report_yaml(drafts: dict[str, Path], tmp_path: Path) -> None:
    """The chi bộ folder's report.yaml names the same unit: a header saying ĐẢNG ỦY (a đảng
    bộ) and congress XIV disagrees with it."""
    path = tmp_path / "sai.docx"
    d = docx.Document(str(drafts["chi-bo"]))
    for p in d.tables[0].cell(0, 0).paragraphs:
        if p.text.startswith("CHI BỘ"):
            p.runs[0].text = "ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    for p in d.paragraphs:
        if "LẦN THỨ XV" in p.text:
            p.runs[0].text = (
                p.runs[0]
                .text.replace("LẦN THỨ XV", "LẦN THỨ XIV")
                .replace("2025 - 2030", "2015 - 2020")
            )
    d.save(str(path))
    found = findings(run("--format", "json", str(path), cwd=CHI_BO))
    codes = {f["code"] for f in found}
    assert {"DOC001", "DOC002", "DOC003"} <= codes, found


@pytest.mark.slow
def test_batch_goes_on_past_bad_input(drafts: dict[str, Path], tmp_path: Path) -> None:
    names = ["seed", "not-docx", "doc", "empty", "other", "encrypted", "corrupt", "chi-bo"]
    paths = [str(drafts[n]) for n in names]
    summary = tmp_path / "tong-hop.csv"
    notes = tmp_path / "nhan-xet"
    result = run(
        "--format", "markdown", "--jobs", "2", "--summary", str(summary),
        "--annotate", str(notes), *paths, cwd=DANG_BO,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    import csv

    rows = list(csv.DictReader(summary.read_text(encoding="utf-8").splitlines()))
    assert [Path(r["Tệp"]).name for r in rows] == [Path(p).name for p in paths]
    status = {Path(r["Tệp"]).name: r for r in rows}
    bad_files = ("ghi-chu.docx", "cu.doc", "trong.docx", "khac.docx", "mat-khau.docx", "hong.docx")
    for bad in bad_files:
        assert status[bad]["Tình trạng"] == "không kiểm tra được", bad
        assert status[bad]["Ghi chú"], bad
    assert "Word 97" in status["cu.doc"]["Ghi chú"]
    assert "mật khẩu" in status["mat-khau.docx"]["Ghi chú"]
    assert "hỏng" in status["hong.docx"]["Ghi chú"]
    assert "trống" in status["trong.docx"]["Ghi chú"]
    assert "đề cương" in status["khac.docx"]["Ghi chú"]
    seed = status["seed.docx"]
    assert seed["Tình trạng"] == "có lỗi"
    assert seed["Giai đoạn"] == "Dự thảo lần 1"
    assert int(seed["Chỗ trống còn lại"]) > 5
    assert " / " in seed["Số từ / mức đề cương"]
    # Each bad file's message names it, in Vietnamese, on stderr.
    for bad in bad_files:
        assert bad in result.stderr
    # The Markdown table on stdout has a row per file; annotated copies for the checked ones.
    assert result.stdout.count("\n| ") >= len(paths)
    assert sorted(p.name for p in notes.iterdir()) == ["chi-bo.docx", "seed.docx"]
    with zipfile.ZipFile(notes / "seed.docx") as z:
        comments = z.read("word/comments.xml").decode()
    assert comments.count("<w:comment ") > 50
    assert 'w:author="Đảng bộ Khối các cơ quan tỉnh"' in comments


@pytest.mark.slow
def test_exit_codes(drafts: dict[str, Path], tmp_path: Path) -> None:
    assert run(str(drafts["chi-bo"]), cwd=CHI_BO).returncode == 0
    assert run(str(drafts["seed"]), cwd=DANG_BO).returncode == 1
    bad = run(str(drafts["doc"]), cwd=DANG_BO)
    assert bad.returncode == 2
    assert "cu.doc" in bad.stderr and "lỗi" in bad.stderr
    # Every file bad, or one bad among checked ones: 2 (an unchecked draft is never «clean»).
    assert run(str(drafts["chi-bo"]), str(drafts["empty"]), cwd=CHI_BO).returncode == 2
    assert run(str(tmp_path / "khong-co.docx"), cwd=CHI_BO).returncode == 2
    assert run("--format", "sarif", str(drafts["seed"]), cwd=DANG_BO).returncode == 1
    sarif = json.loads(run("--format", "sarif", str(drafts["seed"]), cwd=DANG_BO).stdout)
    assert sarif["runs"][0]["results"]
    gh = run("--format", "github", str(drafts["seed"]), cwd=DANG_BO).stdout
    assert gh.startswith("::") and "seed.docx" in gh


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(UNITS))
def test_word_core_fixtures_are_checked_and_located(name: str) -> None:
    """Every test document of word-core (Word-shaped OOXML, LibreOffice, python-docx) is
    checked in its unit's folder, and every finding inside the text has a paragraph."""
    result = run("--format", "json", str(FIXTURES / f"{name}.docx"), cwd=UNITS[name])
    assert result.returncode in (0, 1), result.stderr
    for f in findings(result):
        if f["code"] != "STR001":  # a missing section may be nowhere
            assert isinstance(f["paragraph"], int) and f["paragraph"] >= 1, f
            assert f["quote"], f


def test_markdown_line_maps_back_to_the_text_people_see() -> None:
    from vankien.word.check import plain_with_map

    line = "### 1. Công tác **gián sát** và \\*ghi chú\\* snake_case"
    shown, cols = plain_with_map(line)
    assert shown == "1. Công tác gián sát và *ghi chú* snake_case"
    assert line[cols[shown.index("gián")]] == "g"
    assert line[cols[shown.index("*ghi")]] == "*" and line[cols[shown.index("*ghi")] - 1] == "\\"
    assert plain_with_map("- Kết nạp đảng viên")[0] == "Kết nạp đảng viên"


def test_quotes_lose_the_conversions_escapes() -> None:
    from vankien.word.check import shown_text

    assert (
        shown_text(r"«[bookmark: \_GoBack\]» «**LẦN THỨ…**»") == "«[bookmark: _GoBack]» «LẦN THỨ…»"
    )


def test_section_numbers_as_people_cite_them() -> None:
    from tests.word.conftest import outline_for

    from vankien.word.check import _section_paths

    paths = _section_paths(outline_for(DANG_BO))
    values = set(paths.values())
    assert {
        "Phần thứ nhất",
        "Phần thứ nhất, I.",
        "Phần thứ nhất, II.1.1.",
        "Phần thứ hai, V.",
    } <= values


def test_a_drafts_target_table_and_its_figures_are_checked(tmp_path: Path) -> None:
    """word-chi-tieu.docx (make_fixtures.py): the đảng bộ example typed into Word with its two
    target tables, contradictions planted. The NUM rules read the draft's own table (never the
    folder's chi-tieu.yaml) and find exactly what was planted; the summary counts the
    targets."""
    summary = tmp_path / "tong-hop.csv"
    path = FIXTURES / "word-chi-tieu.docx"
    result = run("--format", "json", "--summary", str(summary), str(path), cwd=DANG_BO)
    found = [f for f in findings(result) if str(f["code"]).startswith("NUM")]
    got = sorted((str(f["code"]), str(f["message"]).split(": ", 1)[1]) for f in found)
    assert [code for code, _ in got] == ["NUM001", "NUM001", "NUM002", "NUM003", "NUM006"], got
    messages = " | ".join(m for _, m in got)
    assert "theo bảng chỉ tiêu có 5 chỉ tiêu «vượt», văn bản ghi 6" in messages
    assert "9/10 = 90%, văn bản ghi 95%" in messages
    assert "thực hiện 12 đảng viên = vượt 20%, văn bản ghi «vượt 25%»" in messages
    assert "thực hiện 46 nhiệm vụ là «Vượt», bảng ghi «Đạt»" in messages
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(summary.read_text(encoding="utf-8"))))
    assert rows[0]["Chỉ tiêu đạt và vượt"] == "8/10"
    assert rows[0]["Chỉ tiêu không đạt"] == "2"
