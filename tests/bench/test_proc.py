"""Measuring one child: exit codes, output, and its own peak memory (no timing asserted)."""

from __future__ import annotations

import resource
import sys

import pytest

from bench import proc


def test_peak_memory_is_the_childs_own() -> None:
    small = proc.run([sys.executable, "-c", "pass"])
    big = proc.run(
        [
            sys.executable,
            "-c",
            "b = bytearray(120 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])",
        ]
    )
    assert big.maxrss_mb >= 120
    assert small.maxrss_mb < big.maxrss_mb - 100


def test_output_and_allowed_exit_codes() -> None:
    code = "import sys; print('ra'); print('lỗi', file=sys.stderr); sys.exit(1)"
    sample = proc.run([sys.executable, "-c", code], ok=(0, 1))
    assert (sample.returncode, sample.stdout, sample.stderr) == (1, "ra\n", "lỗi\n")
    with pytest.raises(proc.ChildFailed, match="exited 1"):
        proc.run([sys.executable, "-c", code])


@pytest.mark.needs_programs(proc.GNU_TIME)
def test_peak_memory_does_not_inherit_the_parents() -> None:
    # Started directly (vfork), a child would report at least this test process's own peak.
    parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    small = proc.run([sys.executable, "-c", "pass"])
    assert small.maxrss_mb < min(parent_mb, 30)
