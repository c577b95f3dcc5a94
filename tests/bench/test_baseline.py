"""The benchmark's baselines: the earlier commit really runs its own code, and markdownlint-cli2
is reported as not measured (not a failure) on a machine without npm."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bench.baseline import checkout, markdownlint, short

REPO = Path(__file__).resolve().parents[2]


def _has_history() -> bool:
    return short(REPO, "HEAD~1") is not None


@pytest.mark.skipif(not _has_history(), reason="a clone without history has no earlier commit")
def test_before_runs_the_code_of_its_own_commit(tmp_path: Path) -> None:
    with checkout(REPO, "HEAD~1", tmp_path / "before") as before:
        assert before is not None
        assert before.module_file() == tmp_path / "before" / "src" / "vankien" / "__init__.py"
        done = subprocess.run(
            before.vankien("--help"), capture_output=True, text=True, check=False, cwd=tmp_path
        )
        assert done.returncode == 0, done.stderr
        assert "vankien" in done.stdout
    assert not (tmp_path / "before").exists()  # the worktree is removed afterwards
    listed = subprocess.run(
        ["git", "-C", str(REPO), "worktree", "list"], capture_output=True, text=True, check=True
    )
    assert str(tmp_path) not in listed.stdout


def test_an_unknown_commit_gives_no_before(tmp_path: Path) -> None:
    with checkout(REPO, "no-such-commit-of-vankien", tmp_path / "before") as before:
        assert before is None


def test_markdownlint_without_npm_is_not_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # neither npm nor node on it
    assert markdownlint(tmp_path) is None
    assert not (tmp_path / ".tools" / "markdownlint" / "node_modules").exists()
