"""File-scope rules over a report's files, the files shared out between processes.

A file-scope rule's hits in a file depend on that file alone (see ``Rule.scope``), so the
files may be checked in any order and in any process: on a machine with two cores, a cold
lint (an empty cache, every CI run) checks half the files in a forked child while the parent
checks the other half and runs the report-scope rules. The child starts from the parent's
memory (report, word lists, compiled patterns) and sends back its hits and the cache entries
it computed; the findings are the same, in the same order, as in one process.

One process only where ``os.fork`` is missing (Windows), where a thread runs (forking it is
unsafe), with one core, when ``VANKIEN_JOBS=1``, or when fewer than two files need work.
A child that fails sends nothing: the parent checks its files again itself, so an error in
a word list is reported as in one process.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from vankien.lint.model import Context, Hit, Rule
from vankien.report.cache import safe_loads
from vankien.report.document import SourceFile

JOBS_ENV = "VANKIEN_JOBS"  # the most processes a lint may use (1: never fork)
MAX_JOBS = 4  # past this, forking costs more than the files it shares out save
_INDEX_BYTES = 2  # a file's index in the queue pipe
_QUEUE_FILES = 16_384  # the most files the queue holds (32 KiB: less than a pipe's buffer)


def available_cpus() -> int:
    """The cores this process may run on (at least 1)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def limit_jobs(jobs: int) -> None:
    """From now on, lint in at most ``jobs`` processes (as ``VANKIEN_JOBS`` would)."""
    os.environ[JOBS_ENV] = str(max(1, jobs))


def _requested() -> int | None:
    """The limit ``VANKIEN_JOBS`` sets (None: unset or not a positive number)."""
    wanted = os.environ.get(JOBS_ENV, "").strip()
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else None


@contextmanager
def at_most(jobs: int) -> Iterator[None]:
    """Lint in at most ``jobs`` processes inside the block (``vankien check --jobs 1``)."""
    before = os.environ.get(JOBS_ENV)
    requested = _requested()
    if requested is None or requested > jobs:
        limit_jobs(jobs)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(JOBS_ENV, None)
        else:
            os.environ[JOBS_ENV] = before


def jobs_allowed() -> int:
    """How many processes a lint may use here (see the module's docstring)."""
    limit = _requested() or MAX_JOBS
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return min(limit, available_cpus())


FileHits = dict[tuple[str, str], list[Hit]]  # (rule code, file) → the rule's hits there


@dataclass
class SharedFiles:
    """File-scope rules at work over a report's files (see :func:`shared_files`)."""

    ctx: Context  # the report and a copy of the run's memo: every process starts the same
    rules: Sequence[Rule]
    # The pipe the files are claimed from (None: no children, :meth:`finish` checks them all).
    queue: int | None = None
    children: list[tuple[int, int]] = field(default_factory=list)  # (pid, result pipe)
    # Files whose hits a child computed (the tests read it: the work was really shared).
    by_child: set[str] = field(default_factory=set)

    def claim(self) -> int | None:
        """The next file to check (each file is claimed by exactly one process)."""
        if self.queue is None:
            return None
        data = os.read(self.queue, _INDEX_BYTES)  # reads of a pipe are atomic at this size
        return int.from_bytes(data, "big") if len(data) == _INDEX_BYTES else None

    def check_claimed(self) -> tuple[list[int], FileHits]:
        done: list[int] = []
        hits: FileHits = {}
        while (index := self.claim()) is not None:
            hits.update(check_file(self.ctx, self.rules, self.ctx.report.files[index]))
            done.append(index)
        return done, hits

    def finish(self) -> FileHits:
        """Check the files no process has claimed yet, collect the children's hits, and
        return every rule's hits in every file."""
        done, hits = self.check_claimed()
        finished = set(done)
        cache = self.ctx.report.run_cache
        children, self.children = self.children, []
        for pid, pipe in children:
            with os.fdopen(pipe, "rb") as stream:
                payload = stream.read()
            _, status = os.waitpid(pid, 0)
            if status != 0 or not payload:
                continue  # a failed child: its files are checked below
            their_done, their_hits, entries = safe_loads(payload)
            hits.update(their_hits)
            finished.update(their_done)
            self.by_child.update(self.ctx.report.files[i].rel for i in their_done)
            if cache is not None:
                cache.adopt(entries)
        # The files left: all of them in one process; else those in the cache, and what a
        # failed child had claimed (checked here, so that its error, if any, is raised here).
        for index, source in enumerate(self.ctx.report.files):
            if index not in finished:
                hits.update(check_file(self.ctx, self.rules, source))
        return hits

    def stop(self) -> None:
        """Stop the children still at work (the caller failed or was interrupted)."""
        import signal

        for pid, pipe in self.children:
            os.close(pipe)
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass
        self.children = []
        if self.queue is not None:
            os.close(self.queue)
            self.queue = None


@contextmanager
def shared_files(ctx: Context, rules: Sequence[Rule]) -> Iterator[SharedFiles]:
    """The file-scope ``rules`` started over ``ctx.report``'s files: children, if any, claim
    files at once; the caller does its own work, then :meth:`SharedFiles.finish`."""
    files = ctx.report.files
    own = Context(ctx.report, ctx.config, ctx.known_codes, dict(ctx.cache))
    work = SharedFiles(own, rules)
    allowed = jobs_allowed() if rules and len(files) <= _QUEUE_FILES else 1
    if allowed > 1:
        todo = sorted(
            (i for i, source in enumerate(files) if needs_work(own, rules, source)),
            key=lambda i: -len(files[i].text),  # largest first: the processes end together
        )
        if len(todo) > 1:
            _fork(work, todo, min(allowed, len(todo)) - 1)
    try:
        yield work
    finally:
        work.stop()


def _fork(work: SharedFiles, todo: list[int], count: int) -> None:
    """``count`` children, claiming the ``todo`` files from a pipe with the parent."""
    read, write = os.pipe()
    os.write(write, b"".join(i.to_bytes(_INDEX_BYTES, "big") for i in todo))
    os.close(write)
    work.queue = read
    for _ in range(count):
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(result_read)
            _child(work, result_write)  # never returns
        os.close(result_write)
        work.children.append((pid, result_read))


def _child(work: SharedFiles, pipe: int) -> None:
    """Check files until none is left, send the hits and the new cache entries, leave."""
    code = 1
    try:
        for _, other in work.children:  # the earlier children's pipes are the parent's
            os.close(other)
        done, hits = work.check_claimed()
        cache = work.ctx.report.run_cache
        entries = cache.added if cache is not None else {}
        with os.fdopen(pipe, "wb") as stream:
            stream.write(pickle.dumps((done, hits, entries), protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    except BaseException:  # the parent checks this child's files again
        code = 1
    finally:
        os._exit(code)


def _file_key(ctx: Context, rule: Rule, source: SourceFile) -> str:
    from vankien.report.cache import digest

    texts: dict[str, str] = ctx.cache.setdefault("file-digests", {})
    text_key = texts.get(source.rel)
    if text_key is None:
        text_key = texts[source.rel] = digest(file_stamp(ctx), source.rel, source.text)
    return f"file:{rule.code}:{text_key}"


def needs_work(ctx: Context, rules: Sequence[Rule], source: SourceFile) -> bool:
    """Whether some rule's hits in ``source`` are not in the cache."""
    cache = ctx.report.run_cache
    if cache is None:
        return bool(rules)
    return any(not isinstance(cache.get(_file_key(ctx, rule, source)), list) for rule in rules)


def check_file(ctx: Context, rules: Sequence[Rule], source: SourceFile) -> FileHits:
    """Every file-scope rule's hits in ``source``, from the cache while the file is unchanged."""
    cache = ctx.report.run_cache
    alone: Context | None = None
    out: FileHits = {}
    for rule in rules:
        key = _file_key(ctx, rule, source) if cache is not None else ""
        found = cache.get(key) if cache is not None else None
        if not isinstance(found, list):
            if alone is None:
                one = ctx.report.with_files([source])
                alone = Context(one, ctx.config, ctx.known_codes, ctx.cache)
            found = list(rule.check(alone))
            if cache is not None:
                cache.put(key, found)
        out[(rule.code, source.rel)] = found
    return out


def file_stamp(ctx: Context) -> str:
    """Everything besides a file's text that a file-scope rule may read."""
    stamp = ctx.cache.get("file-stamp")
    if stamp is None:
        from pathlib import Path

        from vankien.report.cache import digest, stamp_of

        package = Path(__file__).resolve().parent
        code = sorted(package.glob("*.py")) + sorted(package.glob("rules/*.py"))
        code += sorted(package.glob("data/*")) + sorted(package.glob("vietnamese/*.py"))
        # The language checks' word lists (edited by language reviewers, not programmers).
        words = package.parent / "data"
        code += [*sorted(words.glob("vietnamese/*")), words / "words.txt"]
        stamp = digest(
            stamp_of(code),
            stamp_of([ctx.outline.path]),
            repr(ctx.unit),
            repr(ctx.config),
            ",".join(sorted(ctx.known_codes)),
        )
        ctx.cache["file-stamp"] = stamp
    return str(stamp)
