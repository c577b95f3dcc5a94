"""Checking many drafts: in parallel processes, a progress line on a terminal, and a unit that
fails (bad input, or a bug) recorded in its row while the others go on."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from vankien.errors import UserError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from vankien.lint.model import LintConfig
    from vankien.outline.model import Outline
    from vankien.unit.model import Unit
    from vankien.word.check import DraftResult


@dataclass(frozen=True)
class Job:
    path: Path
    display: str  # the path as the user gave it
    root: Path
    outline: str | None  # --outline, else report.yaml's
    annotate: Path | None  # where the annotated copy goes (None: no copy)


@dataclass(frozen=True)
class Outcome:
    job: Job
    result: DraftResult | None
    problem: str  # the Vietnamese message when the draft could not be checked (file: lỗi: …)
    bug: bool = False  # the problem is vankien's own (exit code 3), not the input's
    comments: int = 0  # comments written into the annotated copy
    reason: str = ""  # the problem without the file name, for the summary row


@cache
def setup(root: Path, outline_name: str | None) -> tuple[Unit, Outline, LintConfig]:
    """report.yaml, the outline and the lint settings: once per process."""
    from vankien import resources
    from vankien.lint.config import load_config
    from vankien.lint.runner import all_rules
    from vankien.report.cached import load_outline_cached
    from vankien.report.load import load_report

    report = load_report(root)
    unit = report.unit
    if outline_name is None or outline_name == unit.outline:
        outline = report.outline
    else:
        path = resources.find(root, "outline", f"{outline_name}.yaml")
        outline = load_outline_cached(path, report.cache_folder)
    config = load_config(unit.lint, unit.path, all_rules())
    return unit, outline, config


def check_job(job: Job) -> Outcome:
    """Check one draft (and write its annotated copy); never raises."""
    from vankien.word.check import prepare, result_of

    try:
        unit, outline, config = setup(job.root, job.outline)
        prepared = prepare(job.path, job.root, unit, outline)
        result = result_of(prepared, job.path, config, job.display)
        comments = 0
        if job.annotate is not None:
            from vankien.word.annotate import annotate

            texts = {p.index: p.text for p in prepared.document.paragraphs}
            comments = annotate(job.path, job.annotate, result.findings, unit.superior, texts)
        return Outcome(job, result, "", comments=comments)
    except UserError as exc:
        reason = exc.message + (f"; {exc.hint}" if exc.hint else "")
        return Outcome(job, None, exc.render(), reason=reason)
    except Exception:
        return Outcome(
            job,
            None,
            "lỗi nội bộ của vankien khi kiểm tra tệp này (không phải lỗi của đơn vị); gửi "
            "thông báo sau cho người phụ trách kỹ thuật:\n" + traceback.format_exc(),
            bug=True,
            reason="lỗi nội bộ của vankien (xem thông báo trên màn hình)",
        )


class Progress:
    """«[12/50] đang kiểm tra: drafts/x.docx» on one terminal line; silent elsewhere."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.active = self.stream.isatty() and total > 1
        self.width = 0

    def show(self, current: str) -> None:
        if not self.active:
            return
        text = f"[{self.done}/{self.total}] {current}"
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError):
            columns = 0
        columns = columns if columns > 20 else 100  # a terminal that does not say its width
        text = text[: max(10, columns - 1)]
        pad = " " * max(0, self.width - len(text))
        self.stream.write("\r" + text + pad)
        self.stream.flush()
        self.width = len(text)

    def finish(self) -> None:
        if self.active and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def run_batch(jobs: Sequence[Job], workers: int, progress: Progress | None = None) -> list[Outcome]:
    """Every job's outcome, in the order given; ``workers`` > 1 checks in parallel processes."""
    progress = progress or Progress(len(jobs))
    outcomes: dict[int, Outcome] = {}
    if workers <= 1 or len(jobs) <= 1:
        from vankien.lint.parallel import at_most

        # «--jobs 1» is one process; one file may use the cores it was given.
        with at_most(workers):
            for i, job in enumerate(jobs):
                progress.show(f"đang kiểm tra: {job.display}")
                outcomes[i] = check_job(job)
                progress.done += 1
        progress.show("xong")
        progress.finish()
        return [outcomes[i] for i in range(len(jobs))]
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Each worker checks its unit in one process: the units already share the cores.
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), initializer=_one_process_each
    ) as pool:
        futures: dict[Future[Outcome], int] = {}
        for i, job in enumerate(jobs):
            futures[pool.submit(check_job, job)] = i
        progress.show(f"đang kiểm tra {len(jobs)} tệp bằng {min(workers, len(jobs))} tiến trình")
        for future in as_completed(futures):
            i = futures[future]
            outcomes[i] = _outcome(future, jobs[i])
            progress.done += 1
            progress.show(f"xong: {jobs[i].display}")
    progress.finish()
    return [outcomes[i] for i in range(len(jobs))]


def _outcome(future: Future[Outcome], job: Job) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # a worker that died (out of memory, killed)
        return Outcome(job, None, f"tiến trình kiểm tra tệp này bị dừng: {exc}", bug=True)


def _one_process_each() -> None:
    from vankien.lint.parallel import limit_jobs

    limit_jobs(1)


def default_workers() -> int:
    from vankien.lint.parallel import available_cpus

    return available_cpus()
