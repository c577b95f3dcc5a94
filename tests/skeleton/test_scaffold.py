from __future__ import annotations

import os
import shutil
from pathlib import Path

from vankien.errors import EXIT_OK
from vankien.skeleton.scaffold import scaffold

GOLDEN = Path(__file__).parent / "golden"


def fresh_report(tmp_path: Path, repo_root: Path) -> Path:
    root = tmp_path / "donvi"
    root.mkdir()
    shutil.copy(repo_root / "report.yaml", root / "report.yaml")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def test_scaffold_matches_the_golden_tree(tmp_path: Path, repo_root: Path) -> None:
    root = fresh_report(tmp_path, repo_root)
    assert scaffold(root) == EXIT_OK
    made = tree(root / "skeleton")
    if os.environ.get("VANKIEN_REGEN_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(root / "skeleton", GOLDEN)
    assert made == tree(GOLDEN)


def test_committed_skeleton_is_the_scaffold_output(repo_root: Path) -> None:
    """The repository's own skeleton/ is what the outline generates (until writers fill it)."""
    assert tree(repo_root / "skeleton") == tree(GOLDEN)


def test_rescaffold_keeps_a_filled_file_byte_for_byte(tmp_path: Path, repo_root: Path) -> None:
    root = fresh_report(tmp_path, repo_root)
    scaffold(root)
    filled = root / "skeleton" / "06-dan-van.md"
    text = filled.read_text(encoding="utf-8").replace(
        "[Viết nội dung tại đây]{.placeholder}", "Công tác dân vận chính quyền có chuyển biến."
    )
    filled.write_bytes(text.encode("utf-8"))
    before = tree(root / "skeleton")
    (root / "skeleton" / "03-chinh-tri-tu-tuong.md").unlink()
    assert scaffold(root) == EXIT_OK
    after = tree(root / "skeleton")
    assert after == before
    assert scaffold(root) == EXIT_OK
    assert tree(root / "skeleton") == before
