"""Run one child process and measure its wall time and peak resident memory.

Peak memory is the child's own ``ru_maxrss`` (measured per child: the cumulative
``RUSAGE_CHILDREN`` would let one run's peak leak into the next). Linux reports the largest
resident set of the child or of any descendant it waited for, so a build reports
max(python, pandoc), not their sum. CPU time (user + system, pandoc included) is recorded
beside wall time: on a machine shared with other work it varies much less than wall time.

The child is started through GNU time (``/usr/bin/time -f %M``) when it exists: Linux carries
the resident set of whoever execs the child over into its ``ru_maxrss``, and Python's
subprocess uses vfork, so a child we start directly would never report less than this
benchmark process itself (≈25 MB). GNU time is tiny (≈1 MB), so its figure is the child's own.
Without it, ``os.wait4`` gives the figure with that floor.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"


def _gnu_time_rss(path: Path, fallback: int) -> int:
    """The last line of GNU time's output file is %M (kB); earlier lines may say why it ended."""
    lines = path.read_text(encoding="utf-8", errors="replace").split()
    return int(lines[-1]) if lines and lines[-1].isdigit() else fallback


@dataclass(frozen=True)
class Sample:
    argv: tuple[str, ...]
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and the processes it waited for
    maxrss_kb: int  # kibibytes, as Linux reports ru_maxrss
    returncode: int
    stdout: str
    stderr: str

    @property
    def maxrss_mb(self) -> float:
        return self.maxrss_kb / 1024.0


class ChildFailed(RuntimeError):
    """A measured command exited with a code the benchmark did not allow."""


def run(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    ok: Sequence[int] = (0,),
) -> Sample:
    """Run ``argv`` to completion; raise ChildFailed if its exit code is not in ``ok``."""
    rss_file = tempfile.NamedTemporaryFile(prefix="bench-rss-", delete=False)  # noqa: SIM115
    rss_file.close()
    command = list(argv)
    wrapped = Path(GNU_TIME).is_file()
    if wrapped:
        command = [GNU_TIME, "--format", "%M", "--output", rss_file.name, "--", *command]
    # Output goes to temporary files, not pipes: nothing to drain while the child runs, so a
    # chatty child cannot block on a full pipe and distort its own timing.
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=out_f,
            stderr=err_f,
        )
        # wait4 reaps exactly this child and returns its own resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # already reaped: keep Popen from waiting again
        out_f.seek(0)
        err_f.seek(0)
        out = out_f.read().decode("utf-8", errors="replace")
        err = err_f.read().decode("utf-8", errors="replace")
    maxrss = int(usage.ru_maxrss)
    if wrapped:
        maxrss = _gnu_time_rss(Path(rss_file.name), maxrss)
    Path(rss_file.name).unlink(missing_ok=True)
    cpu = usage.ru_utime + usage.ru_stime
    sample = Sample(tuple(argv), wall, cpu, maxrss, code, out, err)
    if code not in ok:
        tail = "\n".join((err or out).strip().splitlines()[-15:])
        raise ChildFailed(f"{' '.join(argv)} exited {code}:\n{tail}")
    return sample
