"""``vankien check`` on Word drafts beside ``pandoc -t plain`` reading the same files.

The drafts are typed into Word the way a unit would (python-docx, not vankien's build): the
header block as a borderless two-column table, the title, then every heading as a bold
paragraph with its typed number and every paragraph of the report's text. A 15,000-word draft
comes from the example scaled up (bench.scale); the batch from the example's variants
(bench.variants), each draft carrying its own unit's header.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from bench import proc
from bench.baseline import Command, vankien
from bench.results import Table, seconds
from bench.scale import report_words, scale_report
from bench.stats import summarize

TARGET_WORDS = 15_000
RATIO_TARGET = 2.0


def header_lines(root: Path) -> tuple[list[str], list[str], list[str]]:
    """(left column, right column, title lines) of the unit's header block."""
    from vankien.unit.load import load_unit

    unit = load_unit(root)
    left = [unit.superior.upper(), unit.issuer.upper(), "*", unit.doc_number_text()]
    right = ["ĐẢNG CỘNG SẢN VIỆT NAM", unit.date_text()]
    title = [
        "BÁO CÁO CHÍNH TRỊ",
        f"TẠI ĐẠI HỘI {unit.org_type.org.upper()} LẦN THỨ {unit.congress_text()}, "
        f"NHIỆM KỲ {unit.current_term.text()}",
    ]
    if unit.stage.draft is not None:
        right.append(unit.stage.label)
    return left, right, title


def write_header(d: Any, left: list[str], right: list[str], title: list[str]) -> None:
    """The header block as units lay it out: a two-column table, then the centred title."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = d.add_table(rows=1, cols=2)
    for cell, lines in ((table.cell(0, 0), left), (table.cell(0, 1), right)):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in title:
        p = d.add_paragraph()
        p.add_run(line).bold = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def typed_draft(root: Path, path: Path, words: int | None = None) -> Path:
    """The report at ``root`` typed into Word: header block, bold numbered headings, text.

    With ``words``, body paragraphs stop once that many words are written (headings go on)."""
    import docx

    from vankien.report.load import load_report

    report = load_report(root)
    d: Any = docx.Document()
    write_header(d, *header_lines(root))
    written = 0
    for source in report.files:
        for unit in source.units:
            text = report.substitute(" ".join(unit.text.split()))
            if unit.kind == "heading":
                d.add_paragraph().add_run(text).bold = True
            elif not text.startswith("|") and (words is None or written < words):
                d.add_paragraph(text.lstrip("-+ ") if unit.kind == "item" else text)
                written += len(text.split())
    d.save(str(path))
    return path


def _plain(pandoc: str, docx_path: Path) -> list[str]:
    return [pandoc, "--from", "docx", "--to", "plain", "--output", "/dev/null", str(docx_path)]


def _timed(jobs: int, items: Sequence[Path], work: Callable[[Path], proc.Sample]) -> float:
    start = time.perf_counter()
    if jobs == 1:
        for item in items:
            work(item)
    else:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(work, items))
    return time.perf_counter() - start


def bench_one(
    example: Path,
    tmp: Path,
    pandoc: str,
    runs: int,
    repeat: Callable[..., list[list[proc.Sample]]],
    before: tuple[str, Command] | None = None,
) -> Table:
    """One 15,000-word draft: check beside pandoc's plain-text read, interleaved; ``before``
    (its label and command) checks it with vankien at an earlier commit too."""
    factor = max(1, math.ceil(TARGET_WORDS / max(1, report_words(example))) + 1)
    big_root = scale_report(example, tmp / "word-big", factor)
    big = typed_draft(big_root, tmp / "du-thao-15000.docx", TARGET_WORDS)
    import docx

    words = sum(len(p.text.split()) for p in docx.Document(str(big)).paragraphs)
    check = vankien("check", "--root", str(example), str(big))
    alone = vankien("check", "--root", str(example), "--jobs", "1", str(big))
    commands = [
        partial(proc.run, _plain(pandoc, big)),
        partial(proc.run, check, ok=(0, 1)),
        partial(proc.run, alone, ok=(0, 1)),
    ]
    names = [
        "pandoc -f docx -t plain (mốc)",
        "vankien check (mặc định)",
        "vankien check --jobs 1 (một tiến trình)",
    ]
    if before is not None:
        label, old = before
        commands += [
            partial(proc.run, old("check", "--root", str(example), str(big)), ok=(0, 1)),
            partial(
                proc.run, old("check", "--root", str(example), "--jobs", "1", str(big)), ok=(0, 1)
            ),
        ]
        names += [f"vankien check (mặc định), {label}", f"vankien check --jobs 1, {label}"]
    rounds = repeat(commands, runs)
    stats = [summarize([x.wall for x in r]) for r in rounds]
    cpu = [summarize([x.cpu for x in r]).median for r in rounds]
    ratio = stats[1].median / stats[0].median
    compared: tuple[str, ...] = ()
    if before is not None:
        then = stats[3].median / stats[0].median
        compared = (
            f"Tỉ lệ check (mặc định) / pandoc, {before[0]}: {then:.2f}× "
            f"(CPU, một tiến trình: {cpu[4] / cpu[0]:.2f}×).",
        )
    return Table(
        f"vankien check một dự thảo Word {words:,} từ so với pandoc -t plain",
        ("Lệnh", "n", "Trung vị", "Nhỏ nhất", "Lớn nhất", "CPU"),
        tuple(
            (
                name,
                str(s.n),
                seconds(s.median),
                seconds(s.minimum),
                seconds(s.maximum),
                seconds(c),
            )
            for name, s, c in zip(names, stats, cpu, strict=True)
        ),
        (
            f"Dự thảo gõ bằng python-docx từ báo cáo mẫu nhân ×{factor}, dừng ở khoảng "
            f"{TARGET_WORDS:,} từ nội dung: phần đầu văn bản dạng bảng hai cột, đề mục chữ đậm "
            "có số gõ tay (các mục sau đó chỉ còn đề mục).",
            "pandoc chỉ đọc docx và in chữ; vankien check đọc, nhận đề mục, ghép với đề cương, "
            "chuyển sang Markdown và chạy mọi quy tắc của lint.",
            "«Mặc định»: lệnh như người dùng gõ; lint trong đó chia tệp cho các lõi, nên CPU lớn "
            "hơn thời gian thực. «--jobs 1»: một tiến trình, để so CPU.",
            f"Tỉ lệ check (mặc định) / pandoc: {ratio:.2f}× (CPU, một tiến trình: "
            f"{cpu[2] / cpu[0]:.2f}×). Mục tiêu ≤ {RATIO_TARGET}×: "
            f"{'đạt' if ratio <= RATIO_TARGET else 'KHÔNG đạt'}.",
            *compared,
        ),
    )


def bench_batch(
    example: Path,
    tmp: Path,
    pandoc: str,
    units: int,
    jobs: int,
    before: tuple[str, Command] | None = None,
) -> Table:
    """A batch of drafts, one process and ``jobs`` processes, beside pandoc on each file;
    ``before`` (its label and command) checks them with vankien at an earlier commit too."""
    from bench.variants import make_units

    folders = make_units(example, tmp / "word-batch", units)
    drafts = [typed_draft(f, tmp / f"don-vi-{i:02d}.docx") for i, f in enumerate(folders)]
    rows: list[tuple[str, ...]] = []
    rates: dict[tuple[str, int], float] = {}
    for j in sorted({1, jobs}):
        wall = _timed(j, drafts, lambda d: proc.run(_plain(pandoc, d)))
        rates[("pandoc", j)] = len(drafts) / wall
        rows.append(("pandoc -t plain", str(j), seconds(wall), f"{len(drafts) / wall:.2f}"))
    versions: list[tuple[str, Command]] = [("", vankien)]
    if before is not None:
        versions.append(before)
    for j in sorted({1, jobs}):
        for label, command in versions:
            argv = command("check", "--root", str(example), "--jobs", str(j), "--format", "csv")
            start = time.perf_counter()
            proc.run([*argv, *map(str, drafts)], ok=(0, 1, 2))
            wall = time.perf_counter() - start
            rates[(f"check{label}", j)] = len(drafts) / wall
            name = f"vankien check, {label}" if label else "vankien check"
            rows.append((name, str(j), seconds(wall), f"{len(drafts) / wall:.2f}"))
    notes = [
        f"{len(drafts)} dự thảo (khác tên, loại tổ chức, số đại hội, giai đoạn), mỗi dự thảo "
        f"khoảng {report_words(example):,} từ, kiểm tra trong thư mục báo cáo mẫu.",
        "pandoc: một tiến trình cho mỗi tệp, tối đa «Tiến trình» tệp cùng lúc; vankien check: "
        "một lệnh cho cả lô, «--jobs» tiến trình kiểm tra.",
    ]
    if jobs > 1:
        speedup = rates[("check", jobs)] / rates[("check", 1)]
        notes.append(
            f"vankien check với {jobs} tiến trình nhanh hơn 1 tiến trình {speedup:.2f}× "
            f"(mục tiêu: tăng theo số lõi, ≥ 1,2×: {'đạt' if speedup >= 1.2 else 'KHÔNG đạt'})."
        )
    return Table(
        f"Lô {len(drafts)} dự thảo Word",
        ("Việc", "Tiến trình", "Tổng thời gian", "Dự thảo/giây"),
        tuple(rows),
        tuple(notes),
    )
