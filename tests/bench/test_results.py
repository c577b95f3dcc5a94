"""The results writer: the table, the machine block, and the hand-written part kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.machine import Machine, cpu_model, ram_gb
from bench.results import MARKER, Table, markdown_table, text_table, write_results

MACHINE = Machine(
    cpu="AMD EPYC 7B13",
    cores=2,
    ram_gb=23.5,
    system="Linux 6.1",
    python="3.11.9",
    pandoc="3.9",
    date="2026-11-27 08:00",
    commit="abc1234 + dirty",
    load="0.10 0.20 0.30 → 1.50 1.00 0.50",
)
TABLE = Table(
    "Lint cả báo cáo mẫu",
    ("Lệnh", "Trung vị"),
    (("python -c pass", "0.030 s"), ("vankien lint", "0.250 s")),
    ("Mục tiêu lint < 0.3 s: đạt",),
)


def test_markdown_table() -> None:
    assert markdown_table(TABLE) == (
        "## Lint cả báo cáo mẫu\n\n"
        "| Lệnh | Trung vị |\n"
        "|---|---|\n"
        "| python -c pass | 0.030 s |\n"
        "| vankien lint | 0.250 s |\n\n"
        "- Mục tiêu lint < 0.3 s: đạt\n"
    )


def test_pipes_in_cells_are_escaped() -> None:
    table = Table("T", ("a",), (("x | y",),))
    assert "| x \\| y |" in markdown_table(table)


def test_text_table_aligns_columns() -> None:
    lines = text_table(TABLE).splitlines()
    header, rule, first, second = lines[2:6]
    assert header.index("Trung vị") == first.index("0.030 s") == second.index("0.250 s")
    assert set(rule) <= {"-", " "}


def test_row_of_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError):
        Table("T", ("a", "b"), (("only one",),))


def test_results_file_records_machine_and_keeps_the_notes(tmp_path: Path) -> None:
    path = tmp_path / "results.md"
    first = write_results(path, MACHINE, [TABLE])
    for fact in (
        "AMD EPYC 7B13",
        "| Số lõi | 2 |",
        "3.9",
        "2026-11-27 08:00",
        "abc1234 + dirty",
        "→ 1.50",
    ):
        assert fact in first
    assert "| vankien lint | 0.250 s |" in first
    # A person writes notes below the marker; the next run keeps them and replaces the rest.
    path.write_text(first.replace("(Chưa có ghi chú.)", "Trước: 0,61 s; sau: 0,25 s."), "utf-8")
    newer = Table("Lint cả báo cáo mẫu", ("Lệnh", "Trung vị"), (("vankien lint", "0.240 s"),))
    second = write_results(path, MACHINE, [newer])
    assert "Trước: 0,61 s; sau: 0,25 s." in second
    assert "0.250 s" not in second
    assert second.count(MARKER) == 1
    assert write_results(path, MACHINE, [newer]) == second  # stable from run to run


def test_cpu_and_ram_from_proc_text() -> None:
    cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"
    assert cpu_model(cpuinfo) == "AMD EPYC 7B13"
    assert cpu_model("Hardware\t: BCM2835\n") == "BCM2835"
    assert ram_gb("MemTotal:       24683656 kB\nMemFree: 1 kB\n") == pytest.approx(23.54, 0.01)
