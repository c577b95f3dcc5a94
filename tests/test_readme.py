"""The README's commands work on a clean clone: `make report` builds the unit's draft, and
`make hooks` installs the commit hook."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_readme_shows_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme and "make hooks" in readme
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("report", "test", "lint", "example", "hooks"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_make_report_on_a_clean_clone(tmp_path: Path) -> None:
    if subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True
    ).returncode:
        pytest.skip("không chạy trong một kho git")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    base = getattr(sys, "_base_executable", sys.executable)

    def make(target: str) -> None:
        result = subprocess.run(
            ["make", target, f"PYTHON={base}"],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    make("report")
    outputs = list((clone / "build").glob("*.docx"))
    assert [p.name for p in outputs] == ["bao-cao-chinh-tri.docx"]
    with zipfile.ZipFile(outputs[0]) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "BÁO CÁO CHÍNH TRỊ" in body
    assert "(Chi bộ)" not in body

    # The commit hook of docs/lint.md is one more command away: `make report` does not install
    # pre-commit (a writer who only builds needs no dev tools), `make hooks` does.
    assert not (clone / ".venv" / "bin" / "pre-commit").exists()
    make("hooks")
    assert (clone / ".venv" / "bin" / "pre-commit").is_file()
    hook = clone / ".git" / "hooks" / "pre-commit"
    assert "pre-commit" in hook.read_text(encoding="utf-8") and os.access(hook, os.X_OK)
