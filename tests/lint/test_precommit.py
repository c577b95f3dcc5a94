"""The real pre-commit, in a temporary git repository, with the published hook: an error blocks
the commit, which goes through once it is fixed; a draft's warnings do not block it and are
shown."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

# pre-commit comes with pytest in the dev extra, beside this interpreter.
pytestmark = pytest.mark.needs_programs("git")


def published_hook() -> dict[str, Any]:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook: dict[str, Any] = next(h for h in hooks if h["id"] == "vankien-lint")
    return hook


def test_published_hook_definition() -> None:
    hook = published_hook()
    assert hook["language"] == "python"
    assert hook["entry"] == "vankien lint --format short"
    assert hook["files"] == r"\.md$"
    assert hook["verbose"] is True  # findings are shown when the commit passes


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


def _repo_with_hook(tmp_path: Path, body: str, stage: str) -> tuple[Path, dict[str, str]]:
    """A report repository with the published hook installed; ``body`` in 01-mot.md."""
    repo = tmp_path / "bao-cao"
    shutil.copytree(MINI, repo)
    text = (repo / "report.yaml").read_text(encoding="utf-8")
    assert "  stage: chinh-thuc\n" in text
    (repo / "report.yaml").write_text(
        text.replace("  stage: chinh-thuc\n", f"  stage: {stage}\n"), encoding="utf-8"
    )
    first = repo / "skeleton" / "01-mot.md"
    first.write_text(first.read_text(encoding="utf-8").replace("{{BODY}}", body), encoding="utf-8")
    # The published hook as it is, but language: system with this interpreter: language: python
    # would install vankien from its repository, which needs the network.
    hook = {**published_hook(), "language": "system"}
    hook["entry"] = hook["entry"].replace("vankien", f"{sys.executable} -m vankien", 1)
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    with (repo / ".pre-commit-config.yaml").open("w", encoding="utf-8") as handle:
        YAML(typ="safe").dump(config, handle)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "Văn phòng",
        "GIT_AUTHOR_EMAIL": "vp@example.invalid",
        "GIT_COMMITTER_NAME": "Văn phòng",
        "GIT_COMMITTER_EMAIL": "vp@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    assert _git(repo, env, "init", "-q", "-b", "main").returncode == 0
    subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, env=env, check=True, capture_output=True)
    _git(repo, env, "add", "-A")
    return repo, env


def test_commit_blocked_then_allowed(tmp_path: Path) -> None:
    repo, env = _repo_with_hook(tmp_path, "Đại hội lần thứ…….", "chinh-thuc")
    blocked = _git(repo, env, "commit", "-q", "-m", "Bản chính thức")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert "error PH001/ellipsis-placeholder" in output
    assert "» → điền giá trị («lần thứ XIV»)" in output  # the error line ends with its hint
    assert "Tổng cộng: 1 lỗi, 0 cảnh báo, 0 ghi chú." in output
    assert _git(repo, env, "rev-parse", "--verify", "HEAD").returncode != 0

    body = repo / "skeleton" / "01-mot.md"
    body.write_text(
        body.read_text(encoding="utf-8").replace("lần thứ…….", "lần thứ XIV."), encoding="utf-8"
    )
    _git(repo, env, "add", "-A")
    allowed = _git(repo, env, "commit", "-q", "-m", "Bản chính thức")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert _git(repo, env, "rev-parse", "--verify", "HEAD").returncode == 0
    assert "Không phát hiện vấn đề nào." in allowed.stdout + allowed.stderr


def test_a_passing_draft_commit_shows_its_warnings(tmp_path: Path) -> None:
    placeholder = "[Viết nội dung tại đây]{.placeholder}"
    body = f"Đại hội lần thứ……. Công tác quán triển nghị quyết.\n\n{placeholder}\n\n{placeholder}"
    repo, env = _repo_with_hook(tmp_path, body, "du-thao-1")
    allowed = _git(repo, env, "commit", "-m", "Dự thảo lần 1")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    output = allowed.stdout + allowed.stderr
    assert re.search(r"vankien lint \(kiểm tra báo cáo chính trị\)\.+Passed", output), output
    warnings = [line for line in output.splitlines() if " warning " in line]
    assert len(warnings) == 3, output
    assert "PH001/ellipsis-placeholder" in warnings[0] and "«Đại hội lần thứ……" in warnings[0]
    assert "VI009/" in warnings[1] and "«quán triển» → «quán triệt»" in warnings[1]
    # The two placeholders: one line, both places.
    assert warnings[2].startswith("2 chỗ: warning PH002/write-here-placeholder ")
    assert warnings[2].endswith("(skeleton/01-mot.md:13, 15)")
    assert "→" not in output.replace("«quán triển» → «quán triệt»", "")  # no hint: no error
    assert "Tổng cộng: 0 lỗi, 4 cảnh báo, 0 ghi chú." in output
