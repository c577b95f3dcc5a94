"""What the numbers were measured on: machine, interpreter, pandoc, date and commit."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    ram_gb: float
    system: str
    python: str
    pandoc: str
    date: str  # UTC, ISO 8601 to the minute
    commit: str  # short hash, "+ dirty" when the working tree has changes
    load: str  # load average (1, 5, 15 min) at the start and the end of the run
    before: str = ""  # the earlier commit measured beside this one ("trước"), if any

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("CPU", self.cpu),
            ("Số lõi", str(self.cores)),
            ("RAM", f"{self.ram_gb:.1f} GB"),
            ("Hệ điều hành", self.system),
            ("Python", self.python),
            ("pandoc", self.pandoc),
            ("Thời điểm (UTC)", self.date),
            ("Commit", self.commit),
            ("Tải máy (loadavg 1/5/15 phút) đầu → cuối", self.load),
            *((("Commit so sánh («trước»)", self.before),) if self.before else ()),
        ]


def cpu_model(cpuinfo: str) -> str:
    """The first «model name» of /proc/cpuinfo text (ARM boards may only give «Hardware»)."""
    for key in ("model name", "Hardware", "Processor"):
        for line in cpuinfo.splitlines():
            name, sep, value = line.partition(":")
            if sep and name.strip() == key and value.strip():
                return value.strip()
    return platform.processor() or platform.machine() or "?"


def ram_gb(meminfo: str) -> float:
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def commit(repo: Path) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "?"
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    return f"{head} + dirty" if dirty else head


def pandoc_version(pandoc: str) -> str:
    done = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False)
    first = done.stdout.splitlines()[0] if done.stdout else "?"
    return first.removeprefix("pandoc").strip() or "?"


def load_average() -> str:
    """«0.52 0.40 0.31» from /proc/loadavg: other work on the machine skews the timings."""
    return " ".join(_read("/proc/loadavg").split()[:3]) or "?"


def collect(repo: Path, pandoc: str, load_at_start: str) -> Machine:
    return Machine(
        cpu=cpu_model(_read("/proc/cpuinfo")),
        cores=os.cpu_count() or 1,
        ram_gb=ram_gb(_read("/proc/meminfo")),
        system=f"{platform.system()} {platform.release()}",
        python=platform.python_version(),
        pandoc=pandoc_version(pandoc),
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        commit=commit(repo),
        load=f"{load_at_start} → {load_average()}",
    )
