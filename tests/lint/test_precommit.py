"""The real pre-commit, in a temporary git repository: a finding blocks the commit, and the
commit goes through once it is fixed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="cần git và pre-commit"
)


def test_published_hook_definition() -> None:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "vankien-lint")
    assert hook["language"] == "python"
    assert hook["entry"] == "vankien lint"
    assert hook["files"] == r"\.md$"


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


def test_commit_blocked_then_allowed(tmp_path: Path) -> None:
    repo = tmp_path / "bao-cao"
    shutil.copytree(MINI, repo)
    body = repo / "skeleton" / "01-mot.md"
    body.write_text(
        body.read_text(encoding="utf-8").replace("{{BODY}}", "Đại hội lần thứ……."),
        encoding="utf-8",
    )
    # language: system with this interpreter: the published hook (language: python) would
    # install vankien from its repository, which needs the network.
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: vankien-lint\n"
        "        name: vankien lint\n"
        f"        entry: {sys.executable} -m vankien lint\n"
        "        language: system\n        files: \\.md$\n        require_serial: true\n",
        encoding="utf-8",
    )
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
    blocked = _git(repo, env, "commit", "-q", "-m", "Dự thảo lần 1")
    assert blocked.returncode != 0
    assert "PH001" in blocked.stdout + blocked.stderr
    assert _git(repo, env, "rev-parse", "--verify", "HEAD").returncode != 0

    body.write_text(
        body.read_text(encoding="utf-8").replace("lần thứ…….", "lần thứ XIV."), encoding="utf-8"
    )
    _git(repo, env, "add", "-A")
    allowed = _git(repo, env, "commit", "-q", "-m", "Dự thảo lần 1")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert _git(repo, env, "rev-parse", "--verify", "HEAD").returncode == 0
