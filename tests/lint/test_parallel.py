"""File-scope rules shared out between forked processes: the same findings as one process."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.lint.model import Context, Family, Hit, LintConfig, Rule, Severity
from vankien.lint.parallel import (
    JOBS_ENV,
    at_most,
    available_cpus,
    check_file,
    jobs_allowed,
    needs_work,
    shared_files,
)
from vankien.lint.runner import all_rules, lint_report
from vankien.report.load import load_report
from vankien.report.model import Report

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BREAK_ALL = HERE / "fixtures" / "break-all"
DANG_BO = REPO / "examples" / "dang-bo"
FILE_RULES = [rule for rule in all_rules() if rule.scope == "file"]

needs_two_cores = pytest.mark.skipif(
    not hasattr(os, "fork") or available_cpus() < 2, reason="cần os.fork và hai lõi CPU"
)


def _copy(source: Path, tmp_path: Path) -> Path:
    root = tmp_path / source.name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".vankien-cache", "build"))
    return root


def _context(report: Report) -> Context:
    return Context(report, LintConfig(), frozenset(r.code for r in all_rules()))


def _one_process(report: Report, rules: list[Rule]) -> dict[tuple[str, str], list[Hit]]:
    ctx = _context(report)
    out: dict[tuple[str, str], list[Hit]] = {}
    for source in report.files:
        out.update(check_file(ctx, rules, source))
    return out


@needs_two_cores
@pytest.mark.parametrize("source", [BREAK_ALL, DANG_BO], ids=["break-all", "dang-bo"])
def test_shared_files_give_the_hits_of_one_process(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")  # no cache: every file is computed, by someone
    report = load_report(_copy(source, tmp_path))
    with shared_files(_context(report), FILE_RULES) as shared:
        hits = shared.finish()
    assert shared.by_child, "không tệp nào được kiểm tra ở tiến trình con"
    assert shared.by_child != {f.rel for f in report.files}, "tiến trình cha không làm gì"
    assert hits == _one_process(load_report(report.root), FILE_RULES)


@needs_two_cores
def test_lint_findings_do_not_depend_on_the_number_of_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    root = _copy(BREAK_ALL, tmp_path)
    monkeypatch.setenv(JOBS_ENV, "1")
    alone = lint_report(load_report(root)).findings
    monkeypatch.setenv(JOBS_ENV, "2")
    shared = lint_report(load_report(root)).findings
    assert shared == alone
    assert {f.code for f in alone} >= {r.code for r in FILE_RULES if r.code.startswith("VI")}


@needs_two_cores
def test_what_a_child_computed_is_saved_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANKIEN_CACHE_DIR", str(tmp_path / "cache"))
    root = _copy(DANG_BO, tmp_path)
    report = load_report(root)
    with shared_files(_context(report), FILE_RULES) as shared:
        shared.finish()
    assert shared.by_child
    assert report.run_cache is not None
    report.run_cache.save()
    again = load_report(root)
    ctx = _context(again)
    assert not [f.rel for f in again.files if needs_work(ctx, FILE_RULES, f)]


def _rule(check: object) -> Rule:
    return Rule(
        code="TST001",
        name="test-rule",
        summary="quy tắc thử",
        family=Family.MARKUP,
        severity=Severity.WARNING,
        check=check,  # type: ignore[arg-type]
        scope="file",
    )


@needs_two_cores
def test_a_failed_child_costs_time_not_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    parent = os.getpid()

    def check(ctx: Context) -> Iterator[Hit]:
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        for source in ctx.report.files:
            yield Hit(source.rel, 1, 1, "dòng đầu")

    report = load_report(_copy(DANG_BO, tmp_path))
    rules = [_rule(check)]
    with shared_files(_context(report), rules) as shared:
        hits = shared.finish()
    assert not shared.by_child
    assert hits == {("TST001", f.rel): [Hit(f.rel, 1, 1, "dòng đầu")] for f in report.files}


def test_a_rule_error_is_raised_in_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")

    def check(ctx: Context) -> Iterator[Hit]:
        raise UserError("danh sách từ hỏng")
        yield  # a generator, as the rules are

    report = load_report(_copy(DANG_BO, tmp_path))
    with (
        pytest.raises(UserError, match="danh sách từ hỏng"),
        shared_files(_context(report), [_rule(check)]) as shared,
    ):
        shared.finish()


def test_one_process_when_asked_or_when_a_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_ENV, "1")
    assert jobs_allowed() == 1
    monkeypatch.delenv(JOBS_ENV)
    assert jobs_allowed() == min(4, available_cpus()) or not hasattr(os, "fork")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert jobs_allowed() == 1
    finally:
        stop.set()
        worker.join()


def test_at_most_limits_the_block_and_restores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(JOBS_ENV, raising=False)
    with at_most(1):
        assert jobs_allowed() == 1
    assert JOBS_ENV not in os.environ
    monkeypatch.setenv(JOBS_ENV, "1")
    with at_most(3):  # never more than the user asked for
        assert os.environ[JOBS_ENV] == "1"
    assert os.environ[JOBS_ENV] == "1"
