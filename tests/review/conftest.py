"""Temporary git repositories with several authors, for the review commands' tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "dang-bo"


@dataclass(frozen=True)
class Author:
    name: str
    email: str


BINH = Author("Trần Thị Bình", "binh@vp.example.vn")
CUONG = Author("Lê Văn Cường", "cuong@tg.example.vn")
DUNG = Author("Phạm Thị Dung", "dung@tc.example.vn")
OFFICE = Author("Văn phòng Đảng ủy", "vanphong@example.vn")


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    full = {**os.environ, "LC_ALL": "C", **(env or {})}
    proc = subprocess.run(
        ["git", *args], cwd=repo, env=full, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def commit(repo: Path, author: Author, date: str, message: str) -> str:
    """Commit everything as ``author`` at ``date`` (ISO 8601)."""
    env = {
        "GIT_AUTHOR_NAME": author.name,
        "GIT_AUTHOR_EMAIL": author.email,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": author.name,
        "GIT_COMMITTER_EMAIL": author.email,
        "GIT_COMMITTER_DATE": date,
    }
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, env=env)
    return git(repo, "rev-parse", "HEAD").strip()


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", OFFICE.name)
    git(path, "config", "user.email", OFFICE.email)
    git(path, "config", "commit.gpgsign", "false")
    git(path, "config", "tag.gpgsign", "false")
    (path / ".gitignore").write_text("build/\n", encoding="utf-8")
    return path


def copy_example(target: Path) -> None:
    shutil.copy(EXAMPLE / "report.yaml", target / "report.yaml")
    shutil.copytree(EXAMPLE / "skeleton", target / "skeleton")
    shutil.copy(EXAMPLE / "chi-tieu.yaml", target / "chi-tieu.yaml")  # its tables' data


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def prose_paragraphs(path: Path) -> list[str]:
    """The plain prose paragraphs of a skeleton file (no headings, comments, tables, lists)."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    return [
        b
        for b in blocks
        if b.strip()
        and not b.lstrip().startswith(("#", "<!--", "|", "-", "+", "*"))
        and "\n" not in b.strip()
        and "{{" not in b
        and len(b.split()) > 12
    ]


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """A repository holding a copy of the example report: one commit, tagged du-thao-1."""
    repo = init_repo(tmp_path / "repo")
    copy_example(repo)
    commit(repo, BINH, "2025-03-01T08:00:00+07:00", "Dự thảo đầu tiên")
    git(repo, "tag", "du-thao-1")
    return repo
