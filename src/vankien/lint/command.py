"""``vankien lint`` and ``vankien rules``: plain functions returning an exit code."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.errors import EXIT_FINDINGS, EXIT_OK, UserError
from vankien.lint.model import Severity

if TYPE_CHECKING:
    from vankien.lint.model import Finding


def lint_command(
    paths: Sequence[Path],
    root: Path | None = None,
    fmt: str = "text",
    fail_level: str = "error",
    fix: bool = False,
    diff: bool = False,
) -> int:
    """Lint the report; exit 0 clean, 1 findings at or above ``fail_level``.

    ``fix`` writes the fixes; ``diff`` only prints them as a unified diff (with or without
    ``fix``, nothing is written) and exits as lint does on the files as they are.

    Without ``root``, each path's report folder is found by walking up to report.yaml, so a
    commit touching two reports (pre-commit passes all changed files) lints both; paths are
    then shown relative to the current folder.
    """
    import os

    from vankien.lint import output
    from vankien.lint.runner import all_rules, find_root

    if fmt not in output.FORMATS:
        raise UserError(
            f"định dạng «{fmt}» không được hỗ trợ", hint="dùng: " + ", ".join(output.FORMATS)
        )
    level = Severity.parse(fail_level)
    if level is None:
        raise UserError(
            f"mức «{fail_level}» không hợp lệ cho --fail-level", hint="dùng error, warning, info."
        )
    for path in paths:
        if not path.exists():
            raise UserError("không tìm thấy tệp", path=path)
    groups: dict[Path, list[Path]] = {}
    if root is not None:
        groups[root.resolve()] = list(paths)
    elif paths:
        for path in paths:
            groups.setdefault(find_root([path]), []).append(path)
    else:
        groups[find_root([])] = []
    rules = all_rules()
    findings: list[Finding] = []
    for group_root, group_paths in groups.items():
        found = _lint_one(group_root, group_paths, fix, diff)
        if root is None and paths:
            prefix = Path(os.path.relpath(group_root))
            found = [
                replace(f, path=(prefix / f.path).as_posix()) if str(prefix) != "." else f
                for f in found
            ]
        findings.extend(found)
    if diff:
        # stdout holds the diff alone; the findings are counted on stderr.
        print(output.summary(findings), file=sys.stderr)
    elif fmt in ("text", "short"):
        render = output.render_text if fmt == "text" else output.render_short
        sys.stdout.write(render(findings))
        print(output.summary(findings), file=sys.stderr)
    elif fmt == "json":
        sys.stdout.write(output.render_json(findings))
    elif fmt == "github":
        sys.stdout.write(output.render_github(findings))
    else:
        from vankien import __version__

        sys.stdout.write(output.render_sarif(findings, rules, __version__))
    failing = [f for f in findings if f.severity.value >= level.value]
    return EXIT_FINDINGS if failing else EXIT_OK


def _lint_one(root: Path, paths: Sequence[Path], fix: bool, diff: bool) -> list[Finding]:
    """Lint (and with ``fix``/``diff`` fix) one report folder; findings in ``paths`` only."""
    from vankien.lint.config import load_config
    from vankien.lint.runner import _selected, all_rules, run_rules
    from vankien.report.load import load_report

    if not (root / "report.yaml").is_file():
        from vankien.unit.load import start_hint

        raise UserError(
            "thư mục này không phải thư mục báo cáo (không có report.yaml)",
            path=root,
            hint=f"chỉ rõ thư mục báo cáo bằng «--root»; báo cáo mới thì {start_hint(root)}",
        )
    report = load_report(root)
    rules = all_rules()
    config = load_config(report.unit.lint, report.unit.path, rules)
    wanted = _selected(root, paths) if paths else None
    if fix or diff:
        from vankien.lint.fix import compute_fixes

        result = compute_fixes(root, report, config, rules, wanted)
        if diff:
            sys.stdout.write(result.diff())
        else:
            result.write(root)
            for rel in result.changed:
                print(f"đã sửa: {rel}", file=sys.stderr)
            report = report.reread()
        if not result.changed:
            print("Không có gì để sửa tự động.", file=sys.stderr)
    findings = run_rules(report, config, rules)
    if report.run_cache is not None:
        report.run_cache.save()
    if wanted is not None:
        findings = [
            f
            for f in findings
            if f.path in wanted or any(w.endswith("/") and f.path.startswith(w) for w in wanted)
        ]
    return findings


def rules_command(docs: Path | None = None, check: bool = False) -> int:
    """List the rules; with ``docs``, write (or with ``check``, verify) the docs pages."""
    from vankien.lint.docs import severity_text, write_docs
    from vankien.lint.runner import all_rules

    rules = all_rules()
    if docs is None:
        print(f"{'Mã':<7} {'Tên':<36} {'Mức độ':<25} {'Nhóm':<12} Mô tả")
        for rule in rules:
            mark = " (--fix)" if rule.fixable else ""
            print(
                f"{rule.code:<7} {rule.name:<36} {severity_text(rule):<25} "
                f"{rule.family.value:<12} {rule.summary}{mark}"
            )
        return EXIT_OK
    stale = write_docs(rules, docs, check=check)
    if check and stale:
        for name in stale:
            print(f"{docs / name}: trang tài liệu đã cũ hoặc thiếu", file=sys.stderr)
        print("Chạy «vankien rules --docs docs/rules» để cập nhật.", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK
