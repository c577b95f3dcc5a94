"""``vankien codeowners``: generated from the outline and report.yaml, checked for staleness."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.review.conftest import copy_example, init_repo

from vankien.cli import main
from vankien.outline.load import load_outline
from vankien.resources import find
from vankien.review.codeowners import TARGETS, expected
from vankien.unit.load import load_unit


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init_repo(tmp_path / "repo")
    copy_example(root)
    return root


def test_every_outline_file_gets_its_role_holders(repo: Path) -> None:
    unit = load_unit(repo)
    outline = load_outline(find(repo, "outline", f"{unit.outline}.yaml"))
    github = expected(repo)[repo / ".github" / "CODEOWNERS"]
    for file in outline.files():
        role = outline.sections_in(file)[0].owner
        assert role is not None
        handles = [p.handle for p in unit.people[role] if p.handle]
        assert f"/skeleton/{file} {' '.join(handles)}" in github.splitlines()


def test_written_where_each_forge_reads_with_a_banner(repo: Path) -> None:
    assert main(["codeowners", "--root", str(repo)]) == 0
    for target in TARGETS:
        text = (repo / target.path).read_text(encoding="utf-8")
        assert text.startswith("# TỆP TỰ ĐỘNG TẠO bởi «vankien codeowners»")
    assert not (repo / "CODEOWNERS").exists() and not (repo / "docs" / "CODEOWNERS").exists()


def test_gitea_patterns_are_anchored_regular_expressions(repo: Path) -> None:
    gitea = expected(repo)[repo / ".gitea" / "CODEOWNERS"]
    rules = [line.split(" ")[0] for line in gitea.splitlines() if line and line[0] != "#"]
    assert rules
    for pattern in rules:
        assert re.fullmatch(pattern, pattern.strip("^$").replace("\\", ""))
        assert not re.fullmatch(pattern, "x" + pattern.strip("^$").replace("\\", ""))
        assert not re.fullmatch(pattern, pattern.strip("^$").replace("\\.", "x"))


def test_report_below_the_top_uses_its_path(tmp_path: Path) -> None:
    top = init_repo(tmp_path / "repo")
    folder = top / "bao-cao" / "dang-bo"
    folder.mkdir(parents=True)
    copy_example(folder)
    files = expected(folder)
    github = files[top / ".github" / "CODEOWNERS"]
    assert "/bao-cao/dang-bo/skeleton/01-dac-diem-tinh-hinh.md @" in github


def test_check_fails_when_stale_and_passes_when_fresh(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["codeowners", "--root", str(repo), "--check"]) == 1
    assert "vankien codeowners" in capsys.readouterr().err
    assert main(["codeowners", "--root", str(repo)]) == 0
    assert main(["codeowners", "--root", str(repo), "--check"]) == 0
    yaml = repo / "report.yaml"
    text = yaml.read_text(encoding="utf-8")
    changed = re.sub(r"(kiem-tra: \[[^<\]]*)<@[\w.-]+>", r"\1<@nguoi-moi>", text)
    assert changed != text
    yaml.write_text(changed, encoding="utf-8")
    assert main(["codeowners", "--root", str(repo), "--check"]) == 1
    err = capsys.readouterr().err
    assert "CODEOWNERS chưa cập nhật" in err


def test_people_without_handle_are_listed_not_dropped(repo: Path) -> None:
    yaml = repo / "report.yaml"
    text = yaml.read_text(encoding="utf-8")
    text = re.sub(r"(kiem-tra: \[[^<\]]*)<[^>]*>", r"\1", text)
    yaml.write_text(text, encoding="utf-8")
    github = expected(repo)[repo / ".github" / "CODEOWNERS"]
    assert "# chưa có tài khoản:" in github
    assert "(chưa có người duyệt)" in github
