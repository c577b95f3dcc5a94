"""Reading a git repository through the ``git`` command: revisions, files, authors, tags.

Only plumbing that reads objects (``git show REV:path``, ``git ls-tree``, ``git log``) is used to
look at past revisions, so the working tree is never touched. Writing commands (commit, tag)
are separate functions used only by ``vankien release``.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from vankien.errors import UserError

WORKTREE = "WORKTREE"  # pseudo-revision: the files as they are on disk now


@dataclass(frozen=True)
class Signature:
    """Who made a revision and when (the author of a commit; the user for the working tree)."""

    name: str
    email: str
    when: dt.datetime

    def iso(self) -> str:
        return self.when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git_binary() -> str:
    found = shutil.which("git")
    if found is None:
        raise UserError(
            "không tìm thấy chương trình git trên máy",
            hint="cài git (https://git-scm.com) rồi chạy lại lệnh.",
        )
    return found


def git(
    cwd: Path,
    *args: str,
    check: bool = True,
    env: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git args`` in ``cwd``; a failure is a user error quoting git's own message."""
    full_env = dict(os.environ)
    full_env.setdefault("LC_ALL", "C")
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [_git_binary(), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=full_env,
        check=False,
    )
    if check and proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        lock = next((w for line in detail for w in line.split("'") if w.endswith(".lock")), None)
        if lock is not None:
            raise UserError(
                f"một lệnh git khác đang chạy trong kho này (tệp khóa «{lock}» đang có), "
                f"nên «git {args[0]}» chưa chạy được",
                path=cwd,
                hint="đợi lệnh kia chạy xong, xem «git log -1» và «git tag» (lệnh kia có thể "
                "đã làm xong đúng việc này, ví dụ một lần «vankien release» khác), rồi mới chạy "
                "lại; nếu không còn lệnh git nào đang chạy thì xóa tệp khóa đó.",
            )
        raise UserError(
            f"lệnh «git {' '.join(args[:3])}» không chạy được: {detail[-1] if detail else ''}",
            path=cwd,
            hint="kiểm tra thư mục báo cáo nằm trong một kho git và tên phiên bản là đúng.",
        )
    return proc


def text(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stdout.decode("utf-8", "replace")


def toplevel(root: Path) -> Path:
    """The repository's top folder; a user error when ``root`` is not inside a repository."""
    proc = git(root, "rev-parse", "--show-toplevel", check=False)
    if proc.returncode != 0:
        raise UserError(
            "thư mục báo cáo không nằm trong kho git",
            path=root,
            hint="tạo kho bằng «git init», rồi «git add» và «git commit» các tệp báo cáo.",
        )
    return Path(text(proc).strip()).resolve()


def prefix(root: Path) -> str:
    """The report folder's path inside the repository ("" at the top, else "a/b/")."""
    rel = root.resolve().relative_to(toplevel(root)).as_posix()
    return "" if rel == "." else rel + "/"


def resolve(root: Path, rev: str) -> str:
    """The commit id of ``rev`` (tag, branch, commit); a clear error when it does not exist."""
    proc = git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
    if proc.returncode != 0:
        raise UserError(
            f"không có phiên bản «{rev}» trong kho git",
            path=root,
            hint="xem các phiên bản bằng «git tag» và «git log --oneline», rồi ghi đúng tên.",
        )
    return text(proc).strip()


def signature(root: Path, rev: str) -> Signature:
    """Author and author date of ``rev``; for the working tree, git's user and now."""
    if rev == WORKTREE:
        name = text(git(root, "config", "user.name", check=False)).strip()
        email = text(git(root, "config", "user.email", check=False)).strip()
        return Signature(name or "vankien", email, dt.datetime.now(dt.UTC).replace(microsecond=0))
    out = text(git(root, "log", "-1", "--format=%an%x00%ae%x00%aI", resolve(root, rev)))
    name, email, when = out.strip("\n").split("\x00")
    return Signature(name, email, dt.datetime.fromisoformat(when))


def last_change(root: Path, from_rev: str, to_rev: str, path: str) -> Signature | None:
    """Who last changed ``path`` (relative to ``root``) after ``from_rev`` up to ``to_rev``.

    For the working tree, a file with uncommitted changes is the user's; otherwise the last
    commit up to HEAD. None when the file did not change in that range.
    """
    if to_rev == WORKTREE:
        if text(git(root, "status", "--porcelain", "--", path)).strip():
            return signature(root, WORKTREE)
        to_rev = "HEAD"
    out = text(
        git(
            root,
            "log",
            "-1",
            "--format=%an%x00%ae%x00%aI",
            f"{resolve(root, from_rev)}..{resolve(root, to_rev)}",
            "--",
            path,
        )
    ).strip("\n")
    if not out:
        return None
    name, email, when = out.split("\x00")
    return Signature(name, email, dt.datetime.fromisoformat(when))


def read_tree(root: Path, rev: str, dest: Path) -> None:
    """Write the report folder as it was at ``rev`` into ``dest`` (``git show REV:path``).

    ``WORKTREE`` copies the tracked and untracked, not-ignored files on disk instead.
    """
    base = prefix(root)
    if rev == WORKTREE:
        listing = git(
            root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."
        ).stdout
        for rel in filter(None, listing.decode("utf-8").split("\x00")):
            source, target = root / rel, dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_file():
                shutil.copyfile(source, target)
            elif source.is_dir():  # a symbolic link to a folder
                shutil.copytree(source, target, dirs_exist_ok=True)
        return
    _materialise(root, resolve(root, rev), base or ".", base, dest, depth=0)


def _materialise(root: Path, commit: str, source: str, base: str, dest: Path, depth: int) -> None:
    """Files under repository path ``source`` at ``commit`` into ``dest`` (minus ``base``).

    A symbolic link is followed inside the commit, not on disk, and only while it stays in
    the report folder: as for the working tree, nothing outside the report folder is read.
    """
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", source).stdout
    for entry in filter(None, listing.decode("utf-8").split("\x00")):
        meta, _, path = entry.partition("\t")
        mode, kind = meta.split()[:2]
        if kind != "blob" or not path.startswith(base):
            continue
        target = dest / path[len(base) :]
        data = git(root, "show", f"{commit}:{path}").stdout
        if mode == "120000":
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(path), data.decode()))
            if linked.startswith("../") or not linked.startswith(base):
                raise UserError(
                    f"ở phiên bản {commit[:10]}, tệp trỏ ra ngoài thư mục báo cáo "
                    "(liên kết tượng trưng); vankien chỉ đọc các tệp trong thư mục báo cáo",
                    path=path,
                    hint="thay liên kết bằng chính tệp đó, đặt trong thư mục báo cáo.",
                )
            if depth < 8:
                _materialise(root, commit, linked, linked + "/", target, depth + 1)
                blob = git(root, "cat-file", "-t", f"{commit}:{linked}", check=False)
                if text(blob).strip() == "blob":
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(git(root, "show", f"{commit}:{linked}").stdout)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def dirty_paths(root: Path) -> list[str]:
    """Changed, staged or untracked (not ignored) files under ``root``."""
    out = text(git(root, "status", "--porcelain", "--untracked-files=all", "--", "."))
    return [line[3:] for line in out.splitlines() if line.strip()]


def tags(root: Path, pattern: str) -> list[str]:
    return text(git(root, "tag", "--list", pattern)).split()


def tag_exists(root: Path, name: str) -> bool:
    return (
        git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{name}", check=False).returncode
        == 0
    )


def commit(root: Path, message: str, paths: Sequence[Path]) -> None:
    rels = [str(p) for p in paths]
    git(root, "add", "--", *rels)
    git(root, "commit", "--quiet", "-m", message, "--", *rels)


def tag(root: Path, name: str, message: str) -> None:
    """Make the annotated tag; another run that made it first is told apart from other faults."""
    if git(root, "tag", "-a", name, "-m", message, check=False).returncode == 0:
        return
    if tag_exists(root, name):
        raise UserError(
            f"tag «{name}» vừa được tạo bởi một lần phát hành khác chạy cùng lúc",
            path=root,
            hint=f"xem bản đã phát hành bằng «git show {name}»; mỗi giai đoạn chỉ phát hành "
            "một lần, nên không cần chạy lại.",
        )
    git(root, "tag", "-a", name, "-m", message)  # fails again: its message names the cause


# The files a build reads from the report folder: what «modified» in head_state looks at.
BUILD_INPUTS = ("skeleton", "report.yaml", "outline", "profiles", "reference.docx")


def head_state(root: Path) -> tuple[str, bool] | None:
    """The commit checked out at ``root`` and whether the files a build reads differ from it
    (changed, staged or untracked); None when ``root`` is not in a repository with a commit,
    or git is not installed (a build needs neither)."""
    if shutil.which("git") is None:
        return None
    head = git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    if head.returncode != 0:
        return None
    status = git(
        root, "status", "--porcelain", "--untracked-files=all", "--", *BUILD_INPUTS, check=False
    )
    return text(head).strip(), bool(text(status).strip())
