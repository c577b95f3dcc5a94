"""Each Lua filter alone: input.md → pandoc (the build's reader) + the filter → -t native,
compared with expected.native. VANKIEN_REGEN_GOLDEN=1 rewrites the expected files.

A case is a folder cases/<filter>/<case>/ with input.md, expected.native and optionally
metadata.txt (one ``name=value`` per line, passed with -M like the build does).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from vankien.publish.pandoc import FILTERS, READER, filter_metadata, pandoc_path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
FILTER_DIR = HERE.parents[2] / "filters"
REGEN = os.environ.get("VANKIEN_REGEN_GOLDEN") == "1"


def cases() -> list[Path]:
    return sorted(p for p in CASES.glob("*/*") if (p / "input.md").is_file())


def run_filter(case: Path) -> subprocess.CompletedProcess[str]:
    args = [
        pandoc_path(),
        "-f",
        READER,
        "-t",
        "native",
        "--lua-filter",
        str(FILTER_DIR / f"{case.parent.name}.lua"),
    ]
    for name, value in filter_metadata():  # as the build passes them
        args += ["-M", f"{name}={value}"]
    meta = case / "metadata.txt"
    if meta.is_file():
        for line in meta.read_text(encoding="utf-8").splitlines():
            if line.strip():
                args += ["-M", line]
    args.append(str(case / "input.md"))
    return subprocess.run(args, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("case", cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_filter_output_matches_golden(case: Path) -> None:
    result = run_filter(case)
    assert result.returncode == 0, result.stderr
    expected = case / "expected.native"
    if REGEN:
        expected.write_text(result.stdout, encoding="utf-8")
    assert expected.is_file(), f"missing {expected}: run with VANKIEN_REGEN_GOLDEN=1 and review it"
    assert result.stdout == expected.read_text(encoding="utf-8")


def test_every_filter_has_cases_and_every_case_a_filter() -> None:
    with_cases = {p.parent.name for p in cases()}
    names = {name.removesuffix(".lua") for name in FILTERS}
    assert with_cases == names
    assert {p.stem for p in FILTER_DIR.glob("*.lua")} == names


@pytest.mark.parametrize("name", FILTERS)
def test_filter_shape(name: str) -> None:
    """One job each: a version guard, no globals, an explicit return table."""
    text = (FILTER_DIR / name).read_text(encoding="utf-8")
    assert "PANDOC_VERSION:must_be_at_least" in text
    assert "\nreturn {" in text
    for line in text.splitlines():
        if line.startswith("function "):
            pytest.fail(f"{name}: global function: {line}")


def test_html_text_is_kept_with_a_warning_and_bare_tags_are_not_warned() -> None:
    kept = run_filter(CASES / "raw-html" / "text-kept")
    assert "vankien: HTML «<div>Chữ trong thẻ div" in kept.stderr
    assert kept.stderr.count("vankien: HTML") == 5
    bare = run_filter(CASES / "raw-html" / "no-text-left")
    assert "vankien:" not in bare.stderr
