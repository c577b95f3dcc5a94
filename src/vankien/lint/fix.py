"""``--fix``: apply the mechanical fixes rules offer, until nothing more changes.

Only rules marked ``fixable`` offer fixes, and only for mechanical changes (Unicode form,
look-alike letters, legacy encodings, tone placement, renumbering, spacing, notation). The
runner keeps a fix only if it is of the kinds its rule declares and touches no protected span
(:func:`vankien.lint.fixkinds.safe_fix`). Fixes are applied in memory and re-linted until a
fixed point, so running ``--fix`` twice changes nothing the second time; files are written
atomically, only when asked, with the byte order mark and line ends the writer had.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vankien.errors import UserError
from vankien.lint.model import Finding, Fix, LintConfig, Rule
from vankien.lint.runner import run_rules
from vankien.report.document import SourceFile, parse_file
from vankien.report.model import Report
from vankien.textio import decode, write_atomic

MAX_PASSES = 8


def chosen_fixes(fixes: Sequence[Fix]) -> list[Fix]:
    """The fixes that do not overlap, in file order (the earliest wins where two overlap)."""
    chosen: list[Fix] = []
    end = -1
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end)):
        if fix.start < end or (fix.start == end and fix.start == fix.end):
            continue
        chosen.append(fix)
        end = max(end, fix.end)
    return chosen


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """Apply non-overlapping fixes (the earliest wins where two overlap)."""
    for fix in reversed(chosen_fixes(fixes)):
        text = text[: fix.start] + fix.replacement + text[fix.end :]
    return text


def protected_texts(source: SourceFile) -> list[str]:
    """The protected spans of a file, as text, in order."""
    return [source.text[start:end] for start, end in source.protected]


def _apply_keeping(rel: str, text: str, fixes: Sequence[Fix], protected: list[str]) -> str:
    """Apply the fixes; if together they change a protected span (a fix next to a URL can
    change where the URL ends), apply one at a time and leave out each that does."""

    def keeps(candidate: str) -> bool:
        return protected_texts(parse_file(rel, candidate)) == protected

    new = apply_fixes(text, fixes)
    if new == text or keeps(new):
        return new
    for fix in reversed(chosen_fixes(fixes)):  # from the end: earlier offsets stay valid
        candidate = apply_fixes(text, [fix])
        if keeps(candidate):
            text = candidate
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
        """Write the fixed files; none if any changed on disk since it was read."""
        raws: dict[str, bytes] = {}
        for rel in self.changed:
            path = root / rel
            raws[rel] = path.read_bytes()
            if decode(raws[rel], path) != self.original[rel]:
                raise UserError(
                    "tệp đã bị sửa trong lúc chạy --fix; chưa ghi tệp nào",
                    path=path,
                    hint="chạy lại «vankien lint --fix».",
                )
        for rel, raw in raws.items():
            write_atomic(root / rel, with_layout_of(raw, self.fixed[rel]))


BOM = b"\xef\xbb\xbf"


def with_layout_of(raw: bytes, text: str) -> bytes:
    """``text`` (LF line ends, no BOM, as the linter reads files) encoded with the byte order
    mark and the line ends of ``raw``, the file as the writer saved it."""
    body = raw[len(BOM) :] if raw.startswith(BOM) else raw
    ends = [line[len(line.rstrip(b"\r\n")) :] for line in body.splitlines(keepends=True)]
    ends = [end for end in ends if end]
    lines = text.split("\n")
    if len(set(ends)) <= 1:
        eol = ends[0] if ends else b"\n"
        out = eol.join(line.encode("utf-8") for line in lines)
    else:
        # Mixed line ends: keep each line's own when the lines still pair up, else the most
        # common one.
        if len(ends) != len(lines) - 1:
            common = max(set(ends), key=ends.count)
            ends = [common] * (len(lines) - 1)
        parts = [line.encode("utf-8") + end for line, end in zip(lines, [*ends, b""], strict=True)]
        out = b"".join(parts)
    return (BOM if raw.startswith(BOM) else b"") + out


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
    protected = {f.rel: protected_texts(f) for f in report.files}
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
            new = _apply_keeping(rel, texts[rel], fixes, protected[rel])
            if new != texts[rel]:
                texts[rel] = new
                changed = True
        if not changed:
            break
        report = report.with_texts(texts)
    return FixResult(original, texts)
