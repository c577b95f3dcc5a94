"""Two things to measure vankien against in the same run: markdownlint-cli2 (a Markdown linter
of the same files, run by Node.js) and vankien itself at an earlier commit ("before").

markdownlint-cli2 is installed once into ``.tools/markdownlint/`` (ignored by git) with npm,
when npm is on this machine; the benchmark may fetch it, vankien never does. Without npm, or
when the install fails, its rows say «không đo được». The earlier commit is checked out into a
temporary ``git worktree`` and run with the same interpreter, its own ``src/`` first on
``sys.path`` (ahead of the editable install of this checkout), so that its own filters,
outline and profiles are used (vankien.resources finds them beside its ``src/``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MARKDOWNLINT = "markdownlint-cli2@0.22.1"


def markdownlint(repo: Path) -> Path | None:
    """The markdownlint-cli2 program, installed on first use; None when it cannot be."""
    prefix = repo / ".tools" / "markdownlint"
    program = prefix / "node_modules" / ".bin" / "markdownlint-cli2"
    if program.is_file():
        return program
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return None
    prefix.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(prefix),
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            MARKDOWNLINT,
        ],
        capture_output=True,
        check=False,
    )
    return program if done.returncode == 0 and program.is_file() else None


def markdownlint_command(program: Path) -> list[str]:
    """markdownlint-cli2 on the skeleton files, run from the report folder."""
    return [str(program), "skeleton/**/*.md"]


Command = Callable[..., list[str]]  # a vankien command line for some arguments


def vankien(*args: str) -> list[str]:
    """vankien of this checkout, as the bench runs it (``Before.vankien``: an earlier one)."""
    return [sys.executable, "-m", "vankien", *args]


@dataclass(frozen=True)
class Before:
    """vankien at an earlier commit, checked out in ``tree``."""

    commit: str  # short hash
    tree: Path

    def vankien(self, *args: str) -> list[str]:
        start = (
            f"import sys; sys.path.insert(0, {str(self.tree / 'src')!r}); "
            "from vankien.entry import main; raise SystemExit(main())"
        )
        return [sys.executable, "-c", start, *args]

    def module_file(self) -> Path:
        """Where the ``vankien`` package this checkout's command imports lives."""
        start = (
            f"import sys; sys.path.insert(0, {str(self.tree / 'src')!r}); "
            "import vankien; print(vankien.__file__)"
        )
        out = subprocess.run(
            [sys.executable, "-c", start], capture_output=True, text=True, check=True
        )
        return Path(out.stdout.strip())


def short(repo: Path, rev: str) -> str | None:
    done = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--short", "--verify", "-q", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


@contextmanager
def checkout(repo: Path, rev: str | None, folder: Path) -> Iterator[Before | None]:
    """``rev`` checked out in ``folder`` for the run (None: no such commit, or none asked)."""
    commit = short(repo, rev) if rev else None
    if commit is None:
        yield None
        return
    added = subprocess.run(
        ["git", "-C", str(repo), "worktree", "add", "--detach", "-f", str(folder), commit],
        capture_output=True,
        check=False,
    )
    if added.returncode != 0:
        yield None
        return
    try:
        yield Before(commit, folder)
    finally:
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "remove", "--force", str(folder)],
            capture_output=True,
            check=False,
        )
