"""``--fix``: apply the mechanical fixes rules offer, until nothing more changes.

Only rules marked ``fixable`` offer fixes, and only for mechanical changes (Unicode form,
look-alike letters, legacy encodings, tone placement, renumbering, spacing, notation). Fixes
are applied in memory and re-linted until a fixed point, so running ``--fix`` twice changes
nothing the second time; files are written atomically, and only when asked.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vankien.lint.config import LintConfig
from vankien.lint.context import Report, load_report
from vankien.lint.model import Finding, Fix, Rule
from vankien.lint.runner import run_rules
from vankien.textio import write_atomic

MAX_PASSES = 8


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """Apply non-overlapping fixes (the earliest wins where two overlap)."""
    chosen: list[Fix] = []
    end = -1
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end)):
        if fix.start < end or (fix.start == end and fix.start == fix.end):
            continue
        chosen.append(fix)
        end = max(end, fix.end)
    for fix in reversed(chosen):
        text = text[: fix.start] + fix.replacement + text[fix.end :]
    return text


@dataclass(frozen=True)
class FixResult:
    original: dict[str, str]
    fixed: dict[str, str]

    @property
    def changed(self) -> list[str]:
        return [rel for rel in self.fixed if self.fixed[rel] != self.original[rel]]

    def diff(self) -> str:
        out: list[str] = []
        for rel in self.changed:
            out.extend(
                difflib.unified_diff(
                    self.original[rel].splitlines(keepends=True),
                    self.fixed[rel].splitlines(keepends=True),
                    fromfile=f"a/{rel}",
                    tofile=f"b/{rel}",
                )
            )
        return "".join(out)

    def write(self, root: Path) -> None:
        for rel in self.changed:
            write_atomic(root / rel, self.fixed[rel])


def _fixable(findings: Sequence[Finding], rules: Sequence[Rule], only: set[str] | None) -> bool:
    codes = {r.code for r in rules if r.fixable}
    return any(
        f.fix is not None and f.code in codes and (only is None or f.path in only) for f in findings
    )


def compute_fixes(
    root: Path,
    report: Report,
    config: LintConfig,
    rules: Sequence[Rule],
    only: set[str] | None = None,
) -> FixResult:
    """Fix in memory until no fixable finding is left (or MAX_PASSES)."""
    original = {f.rel: f.text for f in report.files}
    texts = dict(original)
    fixable_codes = {r.code for r in rules if r.fixable}
    for _ in range(MAX_PASSES):
        findings = run_rules(report, config, rules)
        if not _fixable(findings, rules, only):
            break
        by_file: dict[str, list[Fix]] = {}
        for finding in findings:
            if finding.fix is None or finding.code not in fixable_codes:
                continue
            if only is not None and finding.path not in only:
                continue
            by_file.setdefault(finding.path, []).append(finding.fix)
        changed = False
        for rel, fixes in by_file.items():
            if rel not in texts:
                continue
            new = apply_fixes(texts[rel], fixes)
            if new != texts[rel]:
                texts[rel] = new
                changed = True
        if not changed:
            break
        report = load_report(root, texts, report.run_cache)
    return FixResult(original, texts)
