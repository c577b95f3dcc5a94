"""The batch runner: progress on a real terminal (a pseudo-terminal), none on a pipe, order
kept and a bad unit isolated when checking in parallel processes."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from bench.word import typed_draft

from vankien.word.batch import Job, Progress, run_batch

REPO = Path(__file__).resolve().parents[2]
CHI_BO = REPO / "examples" / "chi-bo"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("batch")
    good = typed_draft(CHI_BO, folder / "a.docx")
    bad = folder / "b.docx"
    bad.write_text("không phải docx", encoding="utf-8")
    other = folder / "c.docx"
    other.write_bytes(good.read_bytes())
    return [good, bad, other]


def read_all(fd: int, proc: subprocess.Popen[bytes]) -> bytes:
    out = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    return out


@pytest.mark.slow
def test_progress_on_a_terminal(drafts: list[Path]) -> None:
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "vankien", "check", "--jobs", "2", "--format", "csv",
         *map(str, drafts)],
        cwd=CHI_BO,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )  # fmt: skip
    os.close(slave)
    seen = read_all(master, proc).decode("utf-8", "replace")
    proc.wait(timeout=300)
    os.close(master)
    assert proc.returncode == 2  # b.docx is not a docx
    assert "\r[0/3]" in seen and "[3/3] xong:" in seen, seen
    assert "b.docx" in seen  # the bad unit's message


@pytest.mark.slow
def test_no_progress_on_a_pipe_and_order_kept(drafts: list[Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "vankien", "check", "--jobs", "2", "--format", "csv",
         *map(str, drafts)],
        cwd=CHI_BO,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert "[1/3]" not in done.stderr and "\r" not in done.stderr
    lines = done.stdout.splitlines()[1:]
    assert [line.split(",")[0] for line in lines] == [str(p) for p in drafts]


def test_batch_in_processes_isolates_the_bad_unit(drafts: list[Path]) -> None:
    jobs = [Job(p, p.name, CHI_BO.resolve(), None, None) for p in drafts]
    with Path(os.devnull).open("w", encoding="utf-8") as sink:
        outcomes = run_batch(jobs, 2, Progress(len(jobs), sink))
    assert [o.job.display for o in outcomes] == ["a.docx", "b.docx", "c.docx"]
    assert outcomes[0].result is not None and outcomes[2].result is not None
    assert outcomes[1].result is None and "b.docx" in outcomes[1].problem
    assert outcomes[0].result.findings == outcomes[2].result.findings or (
        [f.finding.code for f in outcomes[0].result.findings]
        == [f.finding.code for f in outcomes[2].result.findings]
    )
