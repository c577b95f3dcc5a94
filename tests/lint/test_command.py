"""``vankien lint`` end to end: exit codes, output formats, paths, --fix/--diff, bad input."""

from __future__ import annotations

import json

import pytest

from vankien.cli import main

CLEAN = "Nội dung đã viết."
BROKEN = "Nghị quyết Đại hội lần thứ……, nhiệm kỳ 2020-2025 [bookmark: _GoBack]."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_report_exits_0(mini, capsys) -> None:
    root = mini(body=CLEAN)
    code, out, err = run(capsys, "--root", str(root))
    assert (code, out) == (0, "")
    assert "Không phát hiện" in err


def test_findings_exit_1_with_one_line_each(mini, capsys) -> None:
    root = mini(body=BROKEN)
    code, out, err = run(capsys, "--root", str(root))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("skeleton/01-mot.md:11:")
    for line in lines:
        path, lineno, col, rest = line.split(":", 3)
        assert path.startswith("skeleton/") and lineno.isdigit() and col.isdigit()
        severity, rule, _ = rest.strip().split(" ", 2)
        assert severity in ("error", "warning", "info") and "/" in rule
    assert "«[bookmark: _GoBack]»" in out
    assert "--fix" in err


def test_error_lines_end_with_the_rules_hint(mini, capsys) -> None:
    from vankien.lint.runner import all_rules

    hints = {rule.code: rule.hint for rule in all_rules()}
    assert hints["PH005"] and hints["PH001"] and not hints["CON003"]
    root = mini(body=BROKEN)
    _code, out, _ = run(capsys, "--root", str(root))
    lines = {line.split(" ", 3)[2].split("/")[0]: line for line in out.splitlines()}
    assert lines["PH005"].endswith(f"«[bookmark: _GoBack]» → {hints['PH005']}")
    assert lines["PH001"].endswith(f" → {hints['PH001']}")
    assert "error CON003" not in out and " → " not in lines["CON003"]  # a warning: no hint
    # In a draft PH001 is a warning: its line carries no hint.
    draft = mini(body=BROKEN, unit={"document.stage": "du-thao-1"})
    _code, out, _ = run(capsys, "--root", str(draft))
    (ph001,) = [line for line in out.splitlines() if "PH001/" in line]
    assert " warning PH001/" in ph001 and hints["PH001"] not in ph001


def test_fail_level(mini, capsys) -> None:
    root = mini(body="Nhiệm kỳ 2020-2025.")  # only a warning (CON003)
    assert run(capsys, "--root", str(root))[0] == 0
    assert run(capsys, "--root", str(root), "--fail-level", "warning")[0] == 1


def test_root_found_from_the_file(mini, capsys, monkeypatch) -> None:
    root = mini(body=BROKEN)
    monkeypatch.chdir(root.parent)
    code, out, _ = run(capsys, str(root / "skeleton" / "01-mot.md"))
    assert code == 1 and out


def test_paths_limit_the_report_not_the_analysis(mini, capsys) -> None:
    # The duplicate heading is in 02-hai.md; 01-mot.md is clean: nothing reported for it.
    hai = "# Phần thứ hai: PHƯƠNG HƯỚNG NHIỆM KỲ {{current_term}}\n\n## I. MỤC TIÊU\n\nA.\n"
    root = mini(body=CLEAN, files={"02-hai.md": hai + "\n## I. NHIỆM VỤ\n\nB.\n"})
    code, out, _ = run(capsys, "--root", str(root), str(root / "skeleton" / "01-mot.md"))
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "--root", str(root), str(root / "skeleton" / "02-hai.md"))
    assert code == 1 and "STR002" in out


def test_json_format(mini, capsys) -> None:
    root = mini(body=BROKEN)
    code, out, _ = run(capsys, "--root", str(root), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data
    assert {"path", "line", "column", "severity", "code", "name", "message", "fixable"} <= set(
        data[0]
    )


def test_github_format(mini, capsys) -> None:
    root = mini(body=BROKEN)
    _, out, _ = run(capsys, "--root", str(root), "--format", "github")
    for line in out.splitlines():
        assert line.startswith(("::error file=", "::warning file=", "::notice file="))
        assert ",line=" in line and ",col=" in line and ",title=" in line


def test_sarif_format(mini, capsys) -> None:
    root = mini(body=BROKEN)
    _, out, _ = run(capsys, "--root", str(root), "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "$schema" in log
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["tool"]["driver"]["name"] == "vankien"
    for result in run_["results"]:
        assert result["level"] in ("error", "warning", "note")
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_unknown_format_is_a_user_error(mini, capsys) -> None:
    code, _, err = run(capsys, "--root", str(mini()), "--format", "xml")
    assert code == 2 and "xml" in err and "Traceback" not in err


def test_diff_previews_without_writing(mini, capsys) -> None:
    root = mini(body=BROKEN)
    target = root / "skeleton" / "01-mot.md"
    before = target.read_bytes()
    code, out, _ = run(capsys, "--root", str(root), "--diff")
    assert code == 1 and out.startswith("--- a/skeleton/01-mot.md")  # findings remain
    assert "+Nghị quyết Đại hội lần thứ……, nhiệm kỳ 2020 - 2025." in out
    assert target.read_bytes() == before


def test_lint_never_writes_without_fix(mini, capsys) -> None:
    root = mini(body=BROKEN)
    before = {p: p.read_bytes() for p in (root / "skeleton").iterdir()}
    run(capsys, "--root", str(root))
    assert {p: p.read_bytes() for p in (root / "skeleton").iterdir()} == before


def test_fix_is_idempotent_and_leaves_the_rest(mini, capsys) -> None:
    root = mini(body=BROKEN)
    target = root / "skeleton" / "01-mot.md"
    code, out, _ = run(capsys, "--root", str(root), "--fix")
    assert code == 1  # the blank congress number is not mechanical: still reported
    fixed = target.read_text(encoding="utf-8")
    assert "Nghị quyết Đại hội lần thứ……, nhiệm kỳ 2020 - 2025." in fixed
    assert "bookmark" not in fixed
    assert "PH001" in out and "CON003" not in out and "PH005" not in out
    run(capsys, "--root", str(root), "--fix")
    assert target.read_text(encoding="utf-8") == fixed
    assert run(capsys, "--root", str(root), "--diff")[1] == ""


def test_suppression_block_and_next_line(mini, capsys) -> None:
    body = (
        "<!-- vankien-disable PH001: trích nguyên văn đề cương -->\n"
        "Các phòng, ban…\n\nCông tác cán bộ; ….\n"
        "<!-- vankien-enable PH001 -->\n\nCòn lại…\n\n"
        "<!-- vankien-disable-next-line CON001: so sánh -->\n"
        "Cao hơn nhiệm kỳ 2010 - 2015.\n"
    )
    root = mini(body=body)
    _, out, _ = run(capsys, "--root", str(root))
    assert [line.split(" ")[2].split("/")[0] for line in out.splitlines()] == ["PH001"]
    assert ":17:" in out


def test_config_select_ignore_severity(mini, capsys) -> None:
    lint = {"ignore": ["PH005"], "severity": {"PH001": "info"}}
    root = mini(body=BROKEN, unit={"lint": lint})
    _code, out, _ = run(capsys, "--root", str(root))
    assert "PH005" not in out and "info PH001" in out
    root = mini(body=BROKEN, unit={"lint": {"select": ["consistency"]}})
    _, out, _ = run(capsys, "--root", str(root))
    assert out and all(" CON" in line for line in out.splitlines())


@pytest.mark.parametrize(
    ("lint", "message"),
    [
        ({"ignore": ["STR999"]}, "STR999"),
        ({"severity": {"PH001": "fatal"}}, "fatal"),
        ({"tone_style": "old"}, "old"),
        ({"unknown": 1}, "unknown"),
        ({"extra_terms": "quán triệt"}, "extra_terms"),
    ],
)
def test_bad_config_is_a_user_error(mini, capsys, lint, message) -> None:
    root = mini(unit={"lint": lint})
    code, out, err = run(capsys, "--root", str(root))
    assert code == 2 and out == ""
    assert message in err and "report.yaml:" in err and "Traceback" not in err


BAD_FILES = [
    (
        "cp1258",
        "# Đảng bộ lãnh đạo".encode("cp1258", errors="ignore") + "Ảnh".encode()[:1] + b"\xd2",
        "UTF-8",
    ),
    ("utf16", "# Phần".encode("utf-16"), "UTF-16"),
    ("binary", bytes(range(256)) * 4, "nhị phân"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_unreadable_file_is_a_user_error(mini, capsys, name, data, message) -> None:
    root = mini()
    (root / "skeleton" / "03-ba.md").write_bytes(data)
    code, _out, err = run(capsys, "--root", str(root))
    assert code == 2 and message in err and "03-ba.md" in err and "Traceback" not in err


def test_bom_and_crlf_are_read(mini, capsys) -> None:
    root = mini(body=CLEAN)
    target = root / "skeleton" / "01-mot.md"
    target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\n", b"\r\n"))
    code, out, _ = run(capsys, "--root", str(root))
    assert (code, out) == (0, "")


def test_empty_file_is_linted(mini, capsys) -> None:
    root = mini(files={"02-hai.md": ""})
    code, out, _ = run(capsys, "--root", str(root))
    assert code == 1 and "STR001" in out


def test_large_file(mini, capsys) -> None:
    """Up to the per-file limit a file is linted; above it, exit 2 with the file, its size,
    the limit and what to do (a 10 MB file took 46 s and 1.7 GB before the limit)."""
    from vankien.skeleton.files import MAX_SKELETON_BYTES

    paragraph = "Đảng bộ lãnh đạo thực hiện tốt nhiệm vụ chính trị của cơ quan. " * 20 + "\n\n"
    fits = paragraph * (MAX_SKELETON_BYTES // len(paragraph.encode()) - 1)
    code, out, err = run(capsys, "--root", str(mini(body=fits)))
    # Read whole and every word counted: the section is over its budget (a warning), and
    # nothing else is reported. 6 words: «Đơn vị có nhiều thuận lợi.», the other paragraph.
    words = len(fits.split()) + 6
    assert code == 0 and "Traceback" not in err
    assert out.splitlines() == [
        f"skeleton/01-mot.md:3:4: warning LEN001/section-over-budget mục «I. ĐẶC ĐIỂM TÌNH HÌNH» "
        f"dài {words} từ, vượt mức 60 từ của đề cương ({words - 60} từ)"
    ]
    big = paragraph * (10 * 1024 * 1024 // len(paragraph.encode()))
    code, _out, err = run(capsys, "--root", str(mini(body=big)))
    assert code == 2
    assert "skeleton/01-mot.md: lỗi: tệp nội dung quá lớn: 10,0 MB, giới hạn 1 MB" in err
    assert "tách thành nhiều tệp" in err


def test_broken_yaml_is_a_user_error(mini, capsys) -> None:
    root = mini()
    (root / "report.yaml").write_text("outline: mini\norganisation: [\n", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(root))
    assert code == 2 and "report.yaml" in err and "YAML" in err


def test_no_report_yaml(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "--root", str(tmp_path))
    assert code == 2 and "report.yaml" in err


def test_file_outside_the_report(mini, tmp_path, capsys) -> None:
    root = mini()
    other = tmp_path / "khac.md"
    other.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(root), str(other))
    assert code == 2 and "không thuộc" in err


def test_rules_list_shows_the_severity_at_each_stage(mini, capsys) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["Mã", "Tên", "Mức"]
    listing = {line.split()[0]: line for line in lines[1:]}
    assert "  error; dự thảo: warning  " in listing["PH001"]
    assert "  error  " in listing["PH004"] and "dự thảo" not in listing["PH004"]
    # ... which is what lint does: PH001 is an error in the official version, a warning in a draft.
    body = "Đại hội lần thứ……."
    for stage, severity in (("chinh-thuc", "error"), ("du-thao-2", "warning")):
        root = mini(body=body, unit={"document.stage": stage})
        _code, out, _ = run(capsys, "--root", str(root), "--format", "json")
        assert {(f["code"], f["severity"]) for f in json.loads(out)} == {("PH001", severity)}
