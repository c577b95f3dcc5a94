"""``vankien lint --fix`` and ``--diff`` on a copy of a real report folder: a fix edits only
what its rule found, never code, URLs, link destinations, comments, attributes or variables;
renumbering only where the outline says so; ``--diff`` writes nothing; BOM and CRLF kept."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vankien.cli import main
from vankien.lint.fix import (
    apply_fixes,
    chosen_fixes,
    compute_fixes,
    protected_texts,
    with_layout_of,
)
from vankien.lint.fixkinds import normal_form
from vankien.lint.model import Fix, LintConfig
from vankien.lint.runner import all_rules
from vankien.report.document import parse_file
from vankien.report.load import load_report

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "dang-bo"
TARGET = "skeleton/02-nhiem-vu-chinh-tri.md"
ANCHOR = "Tuy vậy, việc cụ thể hóa"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    root = tmp_path / "dang-bo"
    shutil.copytree(EXAMPLE, root)
    return root


def lint(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["lint", "--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def insert(root: Path, paragraph: str) -> Path:
    """Put ``paragraph`` into a real skeleton file, before a paragraph of the example."""
    path = root / TARGET
    text = path.read_text(encoding="utf-8")
    assert ANCHOR in text
    path.write_text(text.replace(ANCHOR, paragraph + "\n\n" + ANCHOR, 1), encoding="utf-8")
    return path


# The examples of issue 9, and what --fix makes of them now (before: «Xem tại, rồi báo
# cáo.», «Dùng rồi sửa chỗ này hai dấu cách.», «Xem [Nghị quyết](tại đây.»).
EXAMPLES = [
    (
        "Xem tại http://example.com/a , rồi báo cáo.",
        "Xem tại http://example.com/a, rồi báo cáo.",
    ),
    (
        "Dùng `mã` rồi sửa chỗ này  hai dấu cách.",
        "Dùng `mã` rồi sửa chỗ này hai dấu cách.",
    ),
    (
        "Xem [Nghị quyết](http://example.com/nq)  tại đây.",
        "Xem [Nghị quyết](http://example.com/nq) tại đây.",
    ),
]


@pytest.mark.parametrize(("written", "fixed"), EXAMPLES, ids=["url", "code", "link"])
def test_fix_edits_only_the_slip(report, capsys, written: str, fixed: str) -> None:
    path = insert(report, written)
    before = path.read_text(encoding="utf-8")
    lint(capsys, report, "--fix")
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(written, fixed)
    _, out, _ = lint(capsys, report, "--diff")
    assert out == ""  # a second --fix would change nothing


def test_inline_code_is_not_a_run_of_spaces(report, capsys) -> None:
    insert(report, "Dùng `mã` rồi sửa.")
    _, out, _ = lint(capsys, report)
    assert "02-nhiem-vu-chinh-tri.md" not in out


def test_link_destination_is_not_a_bracket(report, capsys) -> None:
    insert(report, "Xem [Nghị quyết](http://example.com/nq) tại đây.")
    _, out, _ = lint(capsys, report)
    assert "VI011" not in out and "VI010" not in out


PROTECTED = [
    "`Ðảng  ,qúy`",
    "http://example.com/qúy_(a),b",
    "<http://example.com/Ðảng>",
    "[Nghị quyết](http://example.com/nq  'Tiêu  ,đề')",
    "![ảnh](hinh/qúy.png)",
    "<!-- Ðảng  qúy , x -->",
    "{{org}}",
    "[Viết nội dung tại đây]{.placeholder  }",
]


@pytest.mark.parametrize("construct", PROTECTED)
def test_protected_constructs_survive_fix(report, capsys, construct: str) -> None:
    path = insert(report, f"Ðảng bộ  qúy {construct}  , sau đó.")
    lint(capsys, report, "--fix")
    after = path.read_text(encoding="utf-8")
    assert construct in after
    assert "Ðảng bộ" not in after and "qúy " not in after.replace(construct, "")


def test_protected_blocks_survive_fix(report, capsys) -> None:
    blocks = (
        "```\nĐảng  bộ , qúy Ðảng\n```",
        "```{=openxml}\n<w:p>  qúy ,</w:p>\n```",
        "<!-- HƯỚNG DẪN: Ðảng  bộ , qúy -->",
        "    thụt  lề , qúy",
        "[nq]: http://example.com/nq  'Ðảng  , qúy'",
    )
    path = insert(report, "\n\n".join(blocks))
    before = path.read_text(encoding="utf-8")
    lint(capsys, report, "--fix")
    assert path.read_text(encoding="utf-8") == before


def _fix_changes_nothing(report: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Lint, then --fix; the findings of the lint, after checking that --fix wrote nothing."""
    code, out, _ = lint(capsys, report)
    assert code == 1
    before = {p.name: p.read_bytes() for p in (report / "skeleton").iterdir()}
    lint(capsys, report, "--fix")
    assert {p.name: p.read_bytes() for p in (report / "skeleton").iterdir()} == before
    return out


def test_deleted_heading_renumbers_nothing(report, capsys) -> None:
    path = report / "skeleton" / "09-phuong-huong-muc-tieu.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## II. PHƯƠNG HƯỚNG\n", "", 1), encoding="utf-8")
    out = _fix_changes_nothing(report, capsys)
    assert "«III. MỤC TIÊU TỔNG QUÁT»" in out and "thiếu đề mục «II. PHƯƠNG HƯỚNG»" in out


def test_empty_file_renumbers_nothing(report, capsys) -> None:
    (report / "skeleton" / "02-nhiem-vu-chinh-tri.md").write_text("", encoding="utf-8")
    out = _fix_changes_nothing(report, capsys)
    assert "«III. ĐÁNH GIÁ CHUNG»" in out and "thiếu đề mục «II. KẾT QUẢ LÃNH ĐẠO" in out


def test_duplicate_number_is_renumbered_when_the_title_says_which(report, capsys) -> None:
    path = report / "skeleton" / "08-danh-gia-chung.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## III. ĐÁNH GIÁ CHUNG", "## II. ĐÁNH GIÁ CHUNG"), "utf-8")
    code, _, _ = lint(capsys, report, "--fix")
    assert "## III. ĐÁNH GIÁ CHUNG" in path.read_text(encoding="utf-8")
    assert code == 0


@pytest.mark.parametrize("with_fix", [False, True], ids=["diff", "fix-diff"])
def test_diff_writes_nothing_and_exits_1(report, capsys, with_fix: bool) -> None:
    path = insert(report, "Dùng `mã` rồi sửa chỗ này  hai dấu cách.")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in report.rglob("*.md")}
    args = ("--fix", "--diff") if with_fix else ("--diff",)
    code, out, err = lint(capsys, report, *args, "--fail-level", "warning")
    assert code == 1
    assert out.startswith(f"--- a/{TARGET}\n+++ b/{TARGET}\n")
    assert "+Dùng `mã` rồi sửa chỗ này hai dấu cách.\n" in out
    assert "1 cảnh báo" in err
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in report.rglob("*.md")} == before


def test_diff_exits_0_below_the_fail_level(report, capsys) -> None:
    insert(report, "Dùng `mã` rồi sửa chỗ này  hai dấu cách.")
    code, out, _ = lint(capsys, report, "--diff")  # a warning; fails only at «error»
    assert code == 0 and out


def test_fix_keeps_bom_and_crlf(report, capsys) -> None:
    path = insert(report, "Dùng `mã` rồi sửa chỗ này  hai dấu cách.")
    raw = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(raw)
    lint(capsys, report, "--fix")
    want = raw.replace("này  hai".encode(), "này hai".encode())
    assert path.read_bytes() == want


def test_layout_of_mixed_line_ends() -> None:
    assert with_layout_of(b"a\r\nb\nc", "a\nB\nc") == b"a\r\nB\nc"
    assert with_layout_of(b"a\rb\r", "a\nb\n") == b"a\rb\r"
    assert with_layout_of(b"a\r\nb\r\nc\n", "a\nc\n") == b"a\r\nc\r\n"


def test_overlapping_fixes_the_earliest_wins() -> None:
    fixes = [Fix(2, 4, "X"), Fix(3, 5, "Y"), Fix(4, 4, "+"), Fix(6, 6, "-")]
    assert [f.replacement for f in chosen_fixes(fixes)] == ["X", "-"]
    assert apply_fixes("abcdefg", fixes) == "abXef-g"


# --- The property: random documents mixing every protected construct with fixable slips. ---

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
BODY_FILE = "skeleton/01-mot.md"
NFD = unicodedata.normalize("NFD", "Đảng ủy")
SLIPS = [
    "Ðảng bộ",  # look-alike letter (VI002)
    NFD,  # decomposed (VI001)
    "qúy trọng",  # tone placement (VI005)
    "hòa bình và hoà hợp, thủy lợi",  # tone style (VI006)
    "cán bộ , đảng viên",  # space before a comma (VI010)
    "nhiệm vụ.Trong đó",  # no space after a full stop (VI010)
    "hai  dấu cách",  # double space (VI010)
    "( trong ngoặc)",  # space inside a bracket (VI010)
    "quán\u200btriệt",  # invisible character (VI003)
    "§¶ng bé",  # TCVN3 (VI004)
    "Viá»‡t Nam",  # mojibake (VI004)
    "bổ xung",  # misspelling (VI008)
    "nhiệm kỳ 2020-2025",  # year range (CON003)
    "Đại hội Đảng bộ lần thứ 15",  # congress number style (CON004)
    "bộ [bookmark: _GoBack].",  # Word artefact (PH005)
]
INLINE = [
    "`Ðảng  ,qúy`",
    "``a ` b  ,c``",
    "http://example.com/qúy_(a),b",
    "https://x.vn/Ðảng?a=1&b=2",
    "www.example.vn/bổ-xung",
    "<http://example.com/Ðảng>",
    "<thu@example.vn>",
    "[Nghị quyết](http://example.com/nq  'Tiêu  ,đề')",
    "![ảnh](hinh/qúy,x.png 'Qúy  , t')",
    "<!-- Ðảng  qúy , x -->",
    "{{org}}",
    "{{previous_term}}",
    "[Viết nội dung tại đây]{.placeholder  }",
    '[chữ]{custom-style="Qúy  , x"}',
    '<span  class="qúy">',
]
BLOCKS = [
    "```\nĐảng  bộ , qúy Ðảng\n```",
    "~~~ {.text}\n2020-2025  ,qúy\n~~~",
    "```{=openxml}\n<w:p>  qúy ,</w:p>\n```",
    "<!-- HƯỚNG DẪN: Ðảng  bộ , qúy\nnhiệm kỳ 2020-2025 -->",
    '<div class="x">\n  qúy , Ðảng\n</div>',
    "[nq]: http://example.com/nq  'Ðảng  , qúy'",
]
WORDS = ["Đảng bộ lãnh đạo", "thực hiện", "nhiệm vụ", "cán bộ", "đạt kết quả", "tốt"]
SEPARATORS = [" ", "  ", " , ", ", ", "\n"]
# (No indented code: after a list item, an indented block continues the item.)
PROTECTED_PIECES = [*INLINE, *BLOCKS]

paragraph = st.lists(
    st.tuples(st.sampled_from([*SLIPS, *INLINE, *WORDS]), st.sampled_from(SEPARATORS)),
    min_size=1,
    max_size=8,
).map(lambda parts: "".join(p + s for p, s in parts).strip() + ".")
block = st.one_of(paragraph, paragraph.map(lambda p: "- " + p), st.sampled_from(BLOCKS))
body = st.lists(block, min_size=1, max_size=6).map("\n\n".join)


def _gaps(text: str, spans: list[tuple[int, int]]) -> list[str]:
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        pos = end
    return [*out, text[pos:]]


@pytest.fixture(scope="module")
def mini_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mini")
    shutil.copytree(MINI, root, dirs_exist_ok=True)
    return root


def _fixed(root: Path, text: str) -> str:
    report = load_report(root, {BODY_FILE: text})
    return compute_fixes(root, report, LintConfig(), all_rules()).fixed[BODY_FILE]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body)
def test_fix_keeps_protected_spans_and_changes_only_what_rules_declare(
    mini_root: Path, body: str
) -> None:
    template = (MINI / BODY_FILE).read_text(encoding="utf-8")
    original = template.replace("{{BODY}}", body)
    fixed = _fixed(mini_root, original)
    # Every protected construct is still there, byte for byte, as often as before.
    for piece in PROTECTED_PIECES:
        assert fixed.count(piece) == original.count(piece), piece
    # The parser finds the same protected spans, and between them the text differs only in
    # the kinds of change the fixing rules declare.
    before, after = parse_file(BODY_FILE, original), parse_file(BODY_FILE, fixed)
    assert protected_texts(after) == protected_texts(before)
    kinds = {kind for rule in all_rules() if rule.fixable for kind in rule.fix_kinds}
    pairs = zip(_gaps(original, before.protected), _gaps(fixed, after.protected), strict=True)
    for old, new in pairs:
        assert normal_form(old, kinds) == normal_form(new, kinds), (old, new)
    # A second --fix changes nothing.
    assert _fixed(mini_root, fixed) == fixed


def test_the_generated_slips_are_fixed(mini_root: Path) -> None:
    """The property is not vacuous: in prose, every slip is fixed."""
    template = (MINI / BODY_FILE).read_text(encoding="utf-8")
    original = template.replace("{{BODY}}", "\n\n".join(SLIPS))
    fixed = _fixed(mini_root, original)
    for slip in SLIPS:
        assert slip not in fixed, slip


def test_nfc_fix_leaves_code_and_urls_on_the_same_line(report, capsys) -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng ủy")
    word = unicodedata.normalize("NFD", "Đảng")
    line = f"{decomposed} xem `{decomposed}` và http://x.vn/{word}/a rồi {decomposed}."
    path = insert(report, line)
    lint(capsys, report, "--fix")
    want = f"Đảng ủy xem `{decomposed}` và http://x.vn/{word}/a rồi Đảng ủy."
    assert want in path.read_text(encoding="utf-8")


def test_write_refuses_files_changed_since_they_were_read(report: Path) -> None:
    from vankien.errors import UserError

    path = insert(report, "Dùng `mã` rồi sửa chỗ này  hai dấu cách.")
    result = compute_fixes(report, load_report(report), LintConfig(), all_rules())
    assert result.changed == [TARGET]
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(UserError, match="đã bị sửa"):
        result.write(report)
    assert path.read_bytes() == before
