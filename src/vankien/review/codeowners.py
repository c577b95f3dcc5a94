"""``vankien codeowners``: who must review a change to each skeleton file.

The outline says which role owns each file; report.yaml's ``people`` says who holds each role
and their forge handle. The file is written where each forge looks for it, in its own syntax:

- GitHub reads ``.github/CODEOWNERS`` first (then ``CODEOWNERS``, ``docs/CODEOWNERS``);
  patterns are gitignore-like globs, owners are @user, @org/team or e-mail addresses.
- GitLab reads ``CODEOWNERS``, ``docs/CODEOWNERS`` or ``.gitlab/CODEOWNERS``; same globs.
- Gitea (and Forgejo) read ``CODEOWNERS``, ``docs/CODEOWNERS`` or ``.gitea/CODEOWNERS`` and stop
  at the first found; patterns are Go regular expressions, owners @user or @org/team only.

Nothing is written at the top level or in docs/, so that each forge finds the file written in
its own syntax.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from vankien.errors import EXIT_FINDINGS, EXIT_OK, UserError
from vankien.textio import write_atomic


@dataclass(frozen=True)
class Target:
    path: str
    syntax: str  # "glob" | "regex"
    forge: str


TARGETS = (
    Target(".github/CODEOWNERS", "glob", "GitHub"),
    Target(".gitlab/CODEOWNERS", "glob", "GitLab"),
    Target(".gitea/CODEOWNERS", "regex", "Gitea/Forgejo"),
)


@dataclass(frozen=True)
class OwnerRule:
    """One CODEOWNERS line: a skeleton file and who must approve changes to it."""

    path: str  # repository-relative path of the skeleton file
    role: str | None
    role_label: str
    handles: tuple[str, ...]
    missing: tuple[str, ...]  # people of the role without a usable handle


def _top(root: Path) -> Path:
    from vankien import gitio

    try:
        return gitio.toplevel(root)
    except UserError:
        return root.resolve()


def rules(root: Path) -> list[OwnerRule]:
    """One rule per skeleton file of the outline, in document order."""
    from vankien.report.load import load_report
    from vankien.skeleton.render import role_title

    report = load_report(root)
    unit, outline, variables = report.unit, report.outline, report.variables
    base = root.resolve().relative_to(_top(root)).as_posix()
    prefix = "" if base == "." else base + "/"
    out: list[OwnerRule] = []
    for file in outline.files():
        role = outline.sections_in(file)[0].owner
        people = unit.people.get(role, ()) if role else ()
        handles = tuple(p.handle for p in people if p.handle)
        missing = tuple(p.name for p in people if not p.handle)
        label = role_title(outline, role, variables) if role else "chưa phân công"
        out.append(OwnerRule(f"{prefix}skeleton/{file}", role, label, handles, missing))
    return out


def _banner(target: Target) -> list[str]:
    return [
        "# TỆP TỰ ĐỘNG TẠO bởi «vankien codeowners» — không sửa tay.",
        "# Nguồn: vai trò phụ trách từng tệp trong đề cương (outline) và mục «people» của",
        "# report.yaml. Muốn đổi người duyệt: sửa report.yaml, chạy «vankien codeowners», commit.",
        f"# Cú pháp {target.forge}: "
        + ("biểu thức chính quy (Go regexp)." if target.syntax == "regex" else "mẫu đường dẫn."),
        "",
    ]


def _pattern(path: str, syntax: str) -> str:
    if syntax == "regex":
        return "^" + re.sub(r"([.+*?()|\[\]{}^$\\])", r"\\\1", path) + "$"
    return "/" + path.replace(" ", "\\ ")


def render(rule_list: list[OwnerRule], target: Target) -> str:
    lines = _banner(target)
    for rule in rule_list:
        handles = rule.handles
        if target.syntax == "regex":
            handles = tuple(h for h in handles if h.startswith("@"))
        lines.append(f"# {rule.role_label}" + (f" ({rule.role})" if rule.role else ""))
        if rule.missing:
            lines.append("# chưa có tài khoản: " + ", ".join(rule.missing))
        if handles:
            lines.append(f"{_pattern(rule.path, target.syntax)} {' '.join(handles)}")
        else:
            lines.append(f"# {_pattern(rule.path, target.syntax)} (chưa có người duyệt)")
    return "\n".join(lines) + "\n"


def expected(root: Path) -> dict[Path, str]:
    top = _top(root)
    rule_list = rules(root)
    return {top / t.path: render(rule_list, t) for t in TARGETS}


def codeowners(root: Path, *, check: bool = False) -> int:
    files = expected(root)
    if check:
        stale = [
            path
            for path, text in files.items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text
        ]
        if stale:
            for path in stale:
                print(
                    f"{path}: tệp CODEOWNERS chưa cập nhật theo đề cương và report.yaml",
                    file=sys.stderr,
                )
            print("  → chạy «vankien codeowners» rồi commit các tệp trên.", file=sys.stderr)
            return EXIT_FINDINGS
        print("Các tệp CODEOWNERS đã cập nhật.")
        return EXIT_OK
    for path, text in files.items():
        write_atomic(path, text)
        print(f"Đã ghi {path}")
    return EXIT_OK
