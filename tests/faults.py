"""Real file-system faults for tests: a full disk and a read-only folder, made by the kernel.

Root ignores permission bits (CI runs the tests as root), so a read-only folder is a tmpfs
mounted read-only there, and a full disk a tiny tmpfs; both need mount(2) (root with
CAP_SYS_ADMIN). A non-root user gets the read-only folder from chmod instead. Where the OS
cannot make the fault, the test is skipped and says why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(folder: Path, options: str) -> None:
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.strip()}): needs root")


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=True)


@contextmanager
def full_disk(folder: Path, size: str = "8k") -> Iterator[Path]:
    """``folder`` on a file system of ``size`` bytes: bigger writes fail with ENOSPC."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("a full disk needs a tiny tmpfs, which only root can mount")
    _mount(folder, f"size={size},mode=0755")
    try:
        yield folder
    finally:
        _unmount(folder)


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` (created empty) where nothing can be written, for root too."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    _mount(folder, "ro,size=64k,mode=0755")
    try:
        yield folder
    finally:
        _unmount(folder)
