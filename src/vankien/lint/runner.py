"""Run the rules over a report: the one place where a hit becomes a finding.

``lint_report`` is the API the build and the status command call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vankien.errors import UserError
from vankien.lint.config import load_config
from vankien.lint.fixkinds import safe_fix
from vankien.lint.model import (
    Context,
    Family,
    Finding,
    Fix,
    Hit,
    LintConfig,
    Rule,
    Severity,
    matches,
)
from vankien.lint.parallel import shared_files
from vankien.lint.suppress import Suppressions, suppressions
from vankien.report.document import SourceFile
from vankien.report.model import Report
from vankien.unit.model import Stage


@dataclass(frozen=True)
class LintResult:
    """Findings of one run, sorted by path, line and column."""

    root: Path
    findings: tuple[Finding, ...]
    report: Report | None = field(default=None, compare=False, repr=False)
    # The rules' context of the run (report and lint settings): status reads it, not a copy.
    context: Context | None = field(default=None, compare=False, repr=False)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def at_or_above(self, level: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity.value >= level.value)


def all_rules() -> tuple[Rule, ...]:
    from vankien.lint.registry import RULES

    return RULES


def _configured(rule: Rule, config: LintConfig) -> Severity | None:
    """The severity report.yaml's ``lint:`` gives ``rule``; a binding rule takes none."""
    return None if rule.binding else config.severity_for(rule)


def may_be_error(rule: Rule, config: LintConfig) -> bool:
    """Whether a finding of ``rule`` can be an error under ``config``, at any stage: its
    configured severity, else its official one (a draft's severity is never above the official
    one, and a hit's own severity never above its rule's: tests/lint/test_cases.py checks
    both on every case)."""
    return (_configured(rule, config) or rule.severity) is Severity.ERROR


def severity_of(rule: Rule, hit: Hit, config: LintConfig, final: bool) -> Severity:
    configured = _configured(rule, config)
    if configured is not None:
        return configured
    if hit.severity is not None:
        return hit.severity
    return rule.severity_in(final=final)


def run_rules(
    report: Report,
    config: LintConfig,
    rules: Sequence[Rule] | None = None,
    ctx: Context | None = None,
) -> list[Finding]:
    """Every enabled rule over the whole report, suppressions applied. ``ctx``, when given,
    is the rules' context to run in (the caller keeps what the rules computed in it)."""
    rules = all_rules() if rules is None else rules
    if ctx is None:
        known_codes = frozenset(code for r in rules for code in (r.code, *r.aliases))
        ctx = Context(report=report, config=config, known_codes=known_codes)
    known = ctx.known_codes
    final = report.unit.stage.is_final
    silenced: dict[str, Suppressions] = {f.rel: suppressions(f, known) for f in report.files}
    findings: list[Finding] = []
    sources = {f.rel: f for f in report.files}
    active = [rule for rule in rules if rule.binding or config.enabled(rule)]
    with shared_files(ctx, [rule for rule in active if rule.scope == "file"]) as shared:
        # The report-scope rules here, while children (if any) check files.
        whole = {rule.code: list(rule.check(ctx)) for rule in active if rule.scope != "file"}
        per_file = shared.finish()
    for rule in active:
        if rule.scope == "file":
            hits = [hit for f in report.files for hit in per_file[(rule.code, f.rel)]]
        else:
            hits = whole[rule.code]
        for hit in hits:
            sup = silenced.get(hit.rel)
            if (
                sup is not None
                and rule.family is not Family.SUPPRESSION
                and any(matches(rule, s) for s in sup.selectors(hit.line))
            ):
                continue
            findings.append(
                Finding(
                    path=hit.rel,
                    line=hit.line,
                    col=hit.col,
                    code=rule.code,
                    name=rule.name,
                    severity=severity_of(rule, hit, config, final),
                    message=hit.detail,
                    fix=_offered(rule, hit, sources),
                    hint=rule.hint,
                )
            )
    findings.sort(key=Finding.sort_key)
    return findings


def _offered(rule: Rule, hit: Hit, sources: Mapping[str, SourceFile]) -> Fix | None:
    """The hit's fix if ``--fix`` may apply it: the rule is fixable and the fix is safe (see
    :func:`vankien.lint.fixkinds.safe_fix`); else the finding is reported without a fix."""
    if hit.fix is None or not rule.fixable:
        return None
    source = sources.get(hit.rel)
    if source is None or not safe_fix(source, hit.fix, rule.fix_kinds):
        return None
    return hit.fix


def find_root(paths: Sequence[Path], cwd: Path | None = None) -> Path:
    """The report folder: walk up from the first path (or the current folder) to report.yaml."""
    start = (paths[0] if paths else (cwd or Path.cwd())).resolve()
    for folder in (start, *start.parents):
        if folder.is_dir() and (folder / "report.yaml").is_file():
            return folder
    from vankien.unit.load import start_hint

    raise UserError(
        "không tìm thấy report.yaml ở thư mục này hay các thư mục cha",
        path=start,
        hint="chạy lệnh trong thư mục báo cáo, hoặc chỉ rõ bằng «--root <thư mục báo cáo>»; "
        f"báo cáo mới thì {start_hint(start)}",
    )


def _selected(root: Path, paths: Sequence[Path]) -> set[str]:
    out: set[str] = set()
    for path in paths:
        absolute = path.resolve()
        try:
            rel = absolute.relative_to(root.resolve()).as_posix()
        except ValueError:
            raise UserError(
                "tệp không thuộc thư mục báo cáo",
                path=path,
                hint=f"thư mục báo cáo là «{root}»; chỉ kiểm tra tệp trong skeleton/ của nó.",
            ) from None
        if absolute.is_dir():
            out.add(rel.rstrip("/") + "/")
        else:
            out.add(rel)
    return out


def lint_report(
    report: Report,
    paths: Sequence[Path] | None = None,
    *,
    config: LintConfig | None = None,
    stage: Stage | None = None,
    errors_only: bool = False,
) -> LintResult:
    """Lint the loaded ``report``; with ``paths``, keep only findings in those files.

    ``stage`` lints as if report.yaml already named that stage (its severities and its
    rules): ``vankien release`` checks the stage it is about to create before writing it.
    The whole report is always linted, because cross-file rules need every file.
    ``errors_only`` runs only the rules whose findings can be errors (:func:`may_be_error`):
    the same errors, without the warnings of the other rules; the gate of build and release
    asks for nothing else, and the language checks, the slowest, are warnings.
    Bad input (unreadable files, broken YAML, bad ``lint:`` settings) raises UserError.
    """
    root = report.root
    linted = report.at_stage(stage) if stage is not None else report
    rules = all_rules()
    if config is None:
        config = load_config(linted.unit.lint, linted.unit.path, rules)
    known = frozenset(c for r in rules for c in (r.code, *r.aliases))
    context = Context(linted, config, known)  # status reads it: placed headings, once
    if errors_only:
        rules = tuple(rule for rule in rules if may_be_error(rule, config))
    findings = run_rules(linted, config, rules, context)
    if report.run_cache is not None:
        report.run_cache.save()
    if paths:
        wanted = _selected(root, paths)
        findings = [
            f
            for f in findings
            if f.path in wanted or any(w.endswith("/") and f.path.startswith(w) for w in wanted)
        ]
    return LintResult(root=root, findings=tuple(findings), report=linted, context=context)
