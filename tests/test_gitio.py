"""git's own failures that a user can meet, in Vietnamese: a tag made meanwhile, a held lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.review.conftest import example_repo, git

__all__ = ["example_repo"]  # the fixture, shared with the review tests

from vankien import gitio
from vankien.errors import UserError


def test_a_tag_made_meanwhile_is_named_not_quoted_from_git(example_repo: Path) -> None:
    repo = example_repo
    git(repo, "tag", "-a", "du-thao-2", "-m", "lần chạy kia")  # the other release, first
    with pytest.raises(UserError) as info:
        gitio.tag(repo, "du-thao-2", "Dự thảo lần 2")
    rendered = info.value.render()
    assert "tag «du-thao-2» vừa được tạo bởi một lần phát hành khác chạy cùng lúc" in rendered
    assert "fatal" not in rendered and "already exists" not in rendered
    assert git(repo, "tag", "-n1", "du-thao-2").split() == ["du-thao-2", "lần", "chạy", "kia"]


def test_a_held_index_lock_is_explained(example_repo: Path) -> None:
    repo = example_repo
    (repo / "report.yaml").write_text("sửa\n", encoding="utf-8")
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")  # what a running git holds
    with pytest.raises(UserError) as info:
        gitio.commit(repo, "Phát hành", [repo / "report.yaml"])
    rendered = info.value.render()
    assert "một lệnh git khác đang chạy trong kho này" in rendered
    assert str(lock) in rendered and "fatal" not in rendered
