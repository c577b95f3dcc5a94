"""The benchmark: lint and build of the example beside baselines, scaling, a batch of units.

Every measurement is a separate process started cold (interpreter start-up included), the way
a commit hook or a person runs vankien. Baselines (a bare ``python -c pass``; raw pandoc on
the same Markdown with the same reference.docx) are measured in the same run, interleaved with
what they are compared to, so that a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bench import machine, proc, word
from bench.baseline import (
    Before,
    Command,
    checkout,
    markdownlint,
    markdownlint_command,
    vankien,
)
from bench.results import Table, seconds, text_table, write_results
from bench.scale import grow_file, report_words, scale_report
from bench.stats import Summary, growth, summarize
from bench.variants import make_units
from vankien.lint.parallel import JOBS_ENV
from vankien.report.cache import CACHE_FOLDER

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "dang-bo"
RESULTS = REPO / "bench" / "results.md"
# The reader vankien's build uses, so that raw pandoc parses the same document.
PANDOC_READER = "commonmark_x-fancy_lists-smart"
FINDING_RE = re.compile(r"^.+?:\d+:\d+: \w+ (?P<code>[A-Z]+\d+)/", re.MULTILINE)

STEPS = ("lint", "build", "scaling", "batch", "huge", "word", "word-batch")
# The goals of issue 13, each against a baseline measured in the same run.
LINT_COLD_RATIO_TARGET = 0.5  # cold lint / markdownlint-cli2 on the same files
BUILD_WARM_RATIO_TARGET = 1.5  # build with a warm cache / raw pandoc
BUILD_COLD_RATIO_TARGET = 2.5  # build from an empty cache / raw pandoc
RSS_RATIO_TARGET = 1.1  # peak memory at the largest size / raw pandoc's own peak there
BEFORE = "e1a7cb0"  # the commit issue 13 started from
LINEAR_TOLERANCE = 0.3  # marginal cost per word may differ this much between sizes


@dataclass(frozen=True)
class Options:
    lint_runs: int
    build_runs: int
    # Runs per size of the scaling rows and of the very-large-file rows: their verdict compares
    # two slopes, and with 3 runs one noisy median flips it (×4 at 68be920: 16 → 25 ms per
    # 1,000 words, «not linear»; 5 runs by hand: 22.8 → 18.7 ms).
    scale_runs: int
    huge_runs: int
    scales: tuple[int, ...]
    units: int
    jobs: int
    only: tuple[str, ...]
    example: Path
    output: Path | None
    before: str | None = None


def parse_args(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Đo thời gian kiểm tra (lint) và dựng văn bản (build) của vankien; "
        "ghi bench/results.md.",
    )
    parser.add_argument("--quick", action="store_true", help="ít lần chạy, lô 6 đơn vị (thử)")
    parser.add_argument("--lint-runs", type=int, default=15, help="số lần đo lint (≥ 10)")
    parser.add_argument("--build-runs", type=int, default=7, help="số lần đo build")
    parser.add_argument("--units", type=int, default=50, help="số đơn vị trong lô")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="số tiến trình")
    parser.add_argument(
        "--only",
        default=",".join(STEPS),
        help="chỉ đo các phần này, cách nhau bởi dấu phẩy: " + ", ".join(STEPS),
    )
    parser.add_argument("--example", type=Path, default=EXAMPLE, help="thư mục báo cáo mẫu")
    parser.add_argument(
        "--output", type=Path, default=RESULTS, help="tệp kết quả (--output - : không ghi)"
    )
    parser.add_argument(
        "--before",
        default=BEFORE,
        help="đo cả vankien ở commit này để so trước/sau (--before none: không đo)",
    )
    ns = parser.parse_args(list(argv))
    quick = bool(ns.quick)
    only = tuple(step.strip() for step in str(ns.only).split(",") if step.strip())
    unknown = [step for step in only if step not in STEPS]
    if unknown:
        parser.error(f"không có phần đo «{', '.join(unknown)}»")
    return Options(
        lint_runs=3 if quick else max(10, ns.lint_runs),
        build_runs=2 if quick else max(3, ns.build_runs),
        scale_runs=1 if quick else 5,
        huge_runs=1 if quick else 5,
        scales=(1, 4, 16),
        units=6 if quick else ns.units,
        jobs=max(1, ns.jobs),
        only=only,
        example=ns.example.resolve(),
        output=None if str(ns.output) == "-" else ns.output,
        before=None if str(ns.before).lower() == "none" else str(ns.before),
    )


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def fresh_cache_env(folder: Path) -> dict[str, str]:
    """The environment with vankien's on-disk cache moved to ``folder`` (empty at first)."""
    return dict(os.environ, VANKIEN_CACHE_DIR=str(folder), XDG_CACHE_HOME=str(folder))


def pandoc_path() -> str:
    from vankien.publish.pandoc import pandoc_path as found

    return found()


def repeat(commands: Sequence[Callable[[], proc.Sample]], runs: int) -> list[list[proc.Sample]]:
    """Run each command once to warm the file cache, then ``runs`` rounds, interleaved."""
    for command in commands:
        command()
    samples: list[list[proc.Sample]] = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            samples[i].append(command())
    return samples


def fmt_summary(s: Summary) -> tuple[str, ...]:
    return (
        str(s.n),
        seconds(s.median),
        seconds(s.minimum),
        seconds(s.maximum),
        seconds(s.iqr),
    )


def cpu_median(samples: Sequence[proc.Sample]) -> float:
    return summarize([x.cpu for x in samples]).median


TIMING_HEADERS = ("Lệnh", "n", "Trung vị", "Nhỏ nhất", "Lớn nhất", "IQR", "CPU", "RSS đỉnh")
CPU_NOTE = (
    "Thời gian là thời gian thực (wall); CPU là trung vị thời gian CPU (user + system, kể cả "
    "pandoc), ít bị ảnh hưởng khi máy đang bận việc khác."
)


def peak_of(samples: Sequence[proc.Sample]) -> float:
    return max(x.maxrss_mb for x in samples)


def peak_mb(samples: Sequence[proc.Sample]) -> str:
    return f"{peak_of(samples):.0f} MB"


def cpu_rss(samples: Sequence[proc.Sample]) -> tuple[str, str]:
    return seconds(cpu_median(samples)), peak_mb(samples)


def verdict(ok: bool) -> str:
    return "đạt" if ok else "KHÔNG đạt"


def failed_table(title: str, error: Exception) -> Table:
    first = str(error).strip().splitlines()
    return Table(
        title,
        ("Kết quả",),
        (("không đo được",),),
        (f"Lỗi: {' / '.join(first[:1] + first[-3:])}",),
    )


def joined_markdown(root: Path) -> str:
    """The skeleton files in order, blank-line separated: what a person would give pandoc."""
    files = sorted((root / "skeleton").resolve().glob("[0-9][0-9]-*.md"))
    return "\n\n".join(p.read_text(encoding="utf-8").strip("\n") for p in files) + "\n"


def lint_findings(sample: proc.Sample) -> Counter[str]:
    return Counter(m.group("code") for m in FINDING_RE.finditer(sample.stdout))


def describe_findings(counts: Counter[str]) -> str:
    if not counts:
        return "0"
    top = ", ".join(f"{code} {n}" for code, n in counts.most_common(4))
    return f"{sum(counts.values())} ({top})"


def raw_pandoc(root: Path, work: Path) -> list[str]:
    """The baseline command: pandoc alone on the report's joined Markdown, with the
    reference.docx vankien would use (written once by ``vankien reference``, not timed)."""
    work.mkdir(parents=True)
    reference = work / "reference.docx"
    proc.run(vankien("reference", "--root", str(root), "--output", str(reference)))
    source = work / "joined.md"
    source.write_text(joined_markdown(root), encoding="utf-8")
    return [
        pandoc_path(),
        "--from",
        PANDOC_READER,
        "--to",
        "docx",
        "--reference-doc",
        str(reference),
        "--output",
        str(work / "raw.docx"),
        str(source),
    ]


# --- the four measurements ------------------------------------------------------------------


def ratio_note(what: str, value: float, base: float, target: float, unit: str = "") -> str:
    ratio = value / base if base > 0 else float("inf")
    return f"{what}: {ratio:.2f}×{unit} (mục tiêu ≤ {target}×: {verdict(ratio <= target)})"


def before_label(before: Before | None) -> str:
    return f"trước ({before.commit})" if before is not None else ""


def word_before(before: Before | None) -> tuple[str, Command] | None:
    """The earlier commit's label and command, for the Word rows (bench.word)."""
    return (before_label(before), before.vankien) if before is not None else None


def bench_lint(opts: Options, tmp: Path, before: Before | None) -> Table:
    bare = [sys.executable, "-c", "pass"]
    args = ("lint", "--root", str(opts.example))
    fresh = iter(range(1_000_000))

    def cold(argv: list[str]) -> proc.Sample:
        # vankien keeps parsed YAML in a cache; an empty one is the first lint after a change,
        # and every CI run (CI=true turns the cache off).
        env = fresh_cache_env(tmp / f"cache-{next(fresh)}")
        return proc.run(argv, cwd=REPO, env=env, ok=(0, 1))

    linter = markdownlint(REPO)
    names = ["python -c pass (mốc)"]
    commands: list[Callable[[], proc.Sample]] = [partial(proc.run, bare)]
    if linter is not None:
        names.append("markdownlint-cli2 (mốc, cùng các tệp skeleton)")
        commands.append(
            partial(proc.run, markdownlint_command(linter), cwd=opts.example, ok=(0, 1))
        )
    variants: list[tuple[str, list[str]]] = [("sau", vankien(*args))]
    if before is not None:
        variants.append((before_label(before), before.vankien(*args)))
    for label, argv in variants:
        names.append(f"vankien lint, {label}")
        kept = fresh_cache_env(tmp / f"cache-warm-lint-{len(names)}")  # as for the build
        commands.append(partial(proc.run, argv, cwd=REPO, env=kept, ok=(0, 1)))
        names.append(f"vankien lint, bộ nhớ đệm trống, {label}")
        commands.append(partial(cold, argv))
    rounds = repeat(commands, opts.lint_runs)
    stats = [summarize([x.wall for x in r]) for r in rounds]
    rows = tuple(
        (name, *fmt_summary(st), *cpu_rss(r))
        for name, st, r in zip(names, stats, rounds, strict=True)
    )
    by_name = dict(zip(names, stats, strict=True))
    findings = lint_findings(rounds[names.index("vankien lint, sau")][-1])
    where = opts.example.relative_to(REPO) if opts.example.is_relative_to(REPO) else opts.example
    notes = [
        f"Báo cáo: {where}, {report_words(opts.example):,} từ; "
        f"lint báo {describe_findings(findings)} vấn đề.",
        "«Bộ nhớ đệm trống»: thư mục bộ nhớ đệm mới mỗi lần, như lần lint đầu tiên sau khi "
        "sửa report.yaml hoặc đề cương, và như mọi lần chạy trong CI (CI=true tắt bộ nhớ đệm).",
    ]
    if linter is None:
        notes.append(
            "markdownlint-cli2: không đo được (không có npm/node, hoặc không cài được gói "
            f"vào .tools/markdownlint); mục tiêu lint nguội ≤ {LINT_COLD_RATIO_TARGET}× "
            "markdownlint-cli2: không xét được."
        )
    else:
        base = by_name["markdownlint-cli2 (mốc, cùng các tệp skeleton)"].median
        for label, _ in variants:
            cold_s = by_name[f"vankien lint, bộ nhớ đệm trống, {label}"].median
            notes.append(
                ratio_note(
                    f"Lint nguội / markdownlint-cli2, {label}", cold_s, base, LINT_COLD_RATIO_TARGET
                )
            )
        notes.append(
            "markdownlint-cli2 chạy thẳng bằng Node.js (đã cài sẵn vào .tools/markdownlint, "
            "không qua npx), với cấu hình mặc định của nó."
        )
    notes.append(CPU_NOTE)
    return Table("Lint cả báo cáo mẫu (tiến trình mới mỗi lần)", TIMING_HEADERS, rows, tuple(notes))


def bench_build(opts: Options, tmp: Path, before: Before | None) -> Table:
    raw = raw_pandoc(opts.example, tmp / "raw")
    fresh = iter(range(1_000_000))
    names = ["pandoc thuần (mốc)"]
    commands: list[Callable[[], proc.Sample]] = [partial(proc.run, raw)]

    def cold(argv: list[str]) -> proc.Sample:
        env = fresh_cache_env(tmp / f"cache-build-{next(fresh)}")
        return proc.run(argv, cwd=REPO, env=env)

    variants = [("sau", vankien)]
    if before is not None:
        variants.append((before_label(before), before.vankien))
    for label, command in variants:
        argv = command("build", "--root", str(opts.example), "--output", str(tmp / "b.docx"))
        names.append(f"vankien build, {label}")
        # Each version its own cache, kept from run to run: sharing the report's folder, one
        # version's runs would replace the entries of the other's.
        kept = fresh_cache_env(tmp / f"cache-warm-{len(names)}")
        commands.append(partial(proc.run, argv, cwd=REPO, env=kept))
        names.append(f"vankien build, bộ nhớ đệm trống, {label}")
        commands.append(partial(cold, argv))
        copy = tmp / f"edited-{len(names)}"
        shutil.copytree(opts.example, copy, ignore=shutil.ignore_patterns(CACHE_FOLDER))
        edited = command("build", "--root", str(copy), "--output", str(tmp / "e.docx"))
        names.append(f"vankien build, sau khi sửa một tệp, {label}")
        page = sorted((copy / "skeleton").glob("*.md"))[-1]
        commands.append(partial(edit_then_run, edited, page))
    rounds = repeat(commands, opts.build_runs)
    stats = [summarize([x.wall for x in r]) for r in rounds]
    by_name = dict(zip(names, stats, strict=True))
    base = stats[0].median
    notes = [
        "pandoc thuần: cùng Markdown ghép từ skeleton/, cùng reference.docx, cùng bộ đọc "
        f"{PANDOC_READER}; không bộ lọc Lua, không mẫu, không hậu xử lý.",
        "vankien build gồm: kiểm tra (lint), reference.docx, pandoc với bộ lọc Lua và mẫu, "
        "hậu xử lý docx. «Bộ nhớ đệm trống»: lần dựng đầu tiên, như trong CI. Dựng lại "
        "khi văn bản không đổi: pandoc chỉ ghi docx từ tài liệu đã qua bộ lọc của lần trước "
        "(publish/filtered.py). «Sau khi sửa một tệp»: trước mỗi lần, tệp skeleton cuối có "
        "một câu mới (một người viết vừa sửa bài), nên pandoc đọc và lọc lại cả văn bản.",
    ]
    for label, _ in variants:
        warm = by_name[f"vankien build, {label}"].median
        cold_s = by_name[f"vankien build, bộ nhớ đệm trống, {label}"].median
        edited_s = by_name[f"vankien build, sau khi sửa một tệp, {label}"].median
        notes.append(
            ratio_note(f"Build / pandoc thuần, {label}", warm, base, BUILD_WARM_RATIO_TARGET)
        )
        notes.append(
            f"Build sau khi sửa một tệp / pandoc thuần, {label}: {edited_s / base:.2f}× "
            "(không có mục tiêu riêng)"
        )
        notes.append(
            ratio_note(
                f"Build nguội / pandoc thuần, {label}", cold_s, base, BUILD_COLD_RATIO_TARGET
            )
        )
    notes.append(CPU_NOTE)
    rows = tuple(
        (name, *fmt_summary(st), *cpu_rss(r))
        for name, st, r in zip(names, stats, rounds, strict=True)
    )
    return Table("Dựng văn bản (docx) so với pandoc thuần", TIMING_HEADERS, rows, tuple(notes))


_edits = iter(range(1, 1_000_000))


def edit_then_run(argv: list[str], page: Path) -> proc.Sample:
    """``argv`` run after a writer's edit of ``page``: a sentence it never had before."""
    text = page.read_text(encoding="utf-8")
    base = text.split("\n\nCâu viết thêm lần thứ ", 1)[0].rstrip("\n")
    page.write_text(f"{base}\n\nCâu viết thêm lần thứ {next(_edits)}.\n", encoding="utf-8")
    return proc.run(argv, cwd=REPO)


SCALE_LINT_CONFIG = (
    "\n# bench: độ dài vượt định mức là chủ ý khi nhân bản.\nlint:\n  ignore: [length]\n"
)


def bench_scaling(opts: Options, tmp: Path, before: Before | None) -> Table:
    template = (opts.example / "report.yaml").read_text(encoding="utf-8")
    if re.search(r"^lint:", template, re.MULTILINE) is None:
        template += SCALE_LINT_CONFIG
    rows: list[tuple[str, ...]] = []
    words: list[int] = []
    lint_t: list[float] = []
    build_t: list[float] = []
    peak: list[float] = []
    raw_peak: list[float] = []
    before_peak: list[float] = []
    findings_notes: list[str] = []
    rebuilds: list[tuple[float, float]] = []  # wall, peak MB of a build with its cache kept
    fresh = iter(range(1_000_000))

    def cold(argv: list[str], ok: tuple[int, ...]) -> proc.Sample:
        # From scratch every time: vankien's cache would otherwise skip the parsing whose
        # growth with length is the question here.
        env = fresh_cache_env(tmp / f"cache-scale-{next(fresh)}")
        return proc.run(argv, cwd=REPO, env=env, ok=ok)

    for factor in opts.scales:
        log(f"  ×{factor}")
        root = scale_report(opts.example, tmp / f"x{factor}", factor, report_yaml=template)
        lint = vankien("lint", "--root", str(root))
        build = vankien("build", "--root", str(root), "--output", str(tmp / f"x{factor}.docx"))
        raw = raw_pandoc(root, tmp / f"x{factor}-raw")
        commands = [
            partial(cold, lint, (0, 1)),
            partial(cold, build, (0,)),
            partial(proc.run, raw),
        ]
        if before is not None:
            old_lint = before.vankien("lint", "--root", str(root))
            old_build = before.vankien(
                "build", "--root", str(root), "--output", str(tmp / f"x{factor}-before.docx")
            )
            commands += [partial(cold, old_lint, (0, 1)), partial(cold, old_build, (0,))]
        # The same build again with its cache kept (the first, unmeasured run of repeat()
        # fills it): what a rebuild of an unchanged long report costs in time and memory.
        rebuild = fresh_cache_env(tmp / f"cache-scale-rebuild-{factor}")
        commands.append(partial(proc.run, build, cwd=REPO, env=rebuild))
        rounds = repeat(commands, opts.scale_runs)
        rebuilds.append((summarize([x.wall for x in rounds[-1]]).median, peak_of(rounds[-1])))
        n_words = report_words(root)
        s_lint, s_build, s_raw = (summarize([x.wall for x in r]) for r in rounds[:3])
        rss = max(x.maxrss_mb for r in rounds[:2] for x in r)
        raw_peak.append(max(x.maxrss_mb for x in rounds[2]))
        if before is not None:
            before_peak.append(max(x.maxrss_mb for r in rounds[3:5] for x in r))
        words.append(n_words)
        lint_t.append(cpu_median(rounds[0]))
        build_t.append(cpu_median(rounds[1]))
        peak.append(rss)
        findings_notes.append(f"×{factor}: {describe_findings(lint_findings(rounds[0][-1]))}")
        rows.append(
            (
                f"×{factor}",
                f"{n_words:,}",
                f"{seconds(s_lint.median)} / {seconds(lint_t[-1])}",
                peak_mb(rounds[0]),
                f"{seconds(s_build.median)} / {seconds(build_t[-1])}",
                peak_mb(rounds[1]),
                f"{seconds(s_raw.median)} / {seconds(cpu_median(rounds[2]))}",
                peak_mb(rounds[2]),
                f"{1e6 * lint_t[-1] / n_words:.1f} ms",
                f"{1e6 * build_t[-1] / n_words:.1f} ms",
                *(
                    (
                        f"{seconds(summarize([x.wall for x in rounds[3]]).median)} / "
                        f"{seconds(summarize([x.wall for x in rounds[4]]).median)}",
                        f"{before_peak[-1]:.0f} MB",
                    )
                    if before is not None
                    else ("—", "—")
                ),
            )
        )
    notes = [
        "Nhân bản: mỗi đoạn văn xuôi, mỗi khối gạch đầu dòng của từng mục được lặp lại tại chỗ; "
        "tiêu đề, hướng dẫn, mục a)/1., bảng giữ nguyên nên khung vẫn khớp đề cương. "
        "report.yaml của bản nhân có «lint: ignore: [length]» (định mức số từ tất nhiên bị vượt).",
        "Trung vị của mỗi cỡ; tuyến tính được xét trên thời gian CPU (ít nhiễu hơn thời gian "
        "thực khi máy bận). Lint và build chạy với bộ nhớ đệm trống mỗi lần (làm từ đầu).",
        "Lint báo (lần chạy cuối mỗi cỡ): " + "; ".join(findings_notes) + ".",
    ]
    notes += linearity_notes(words, lint_t, build_t)
    largest = opts.scales.index(max(opts.scales))
    big = opts.scales[largest]
    notes.append(
        f"Bộ nhớ đỉnh ở ×{big} (tiến trình lớn nhất trong cây: python hoặc pandoc): "
        f"{peak[largest]:.0f} MB, pandoc thuần {raw_peak[largest]:.0f} MB. "
        + ratio_note("Tỉ lệ, sau", peak[largest], raw_peak[largest], RSS_RATIO_TARGET)
        + (
            "; "
            + ratio_note(
                f"{before_label(before)} ({before_peak[largest]:.0f} MB)",
                before_peak[largest],
                raw_peak[largest],
                RSS_RATIO_TARGET,
            )
            if before is not None
            else ""
        )
        + "."
    )
    notes.append(
        "Dựng lại khi văn bản không đổi (bộ nhớ đệm giữ lại; pandoc chỉ ghi docx từ tài liệu "
        "đã qua bộ lọc, đọc JSON tốn bộ nhớ hơn đọc Markdown): "
        + "; ".join(
            f"×{factor} {seconds(wall)}, {mb:.0f} MB ({mb / raw:.2f}× pandoc thuần)"
            for factor, (wall, mb), raw in zip(opts.scales, rebuilds, raw_peak, strict=True)
        )
        + "."
    )
    return Table(
        "Nhân độ dài ×1, ×4, ×16",
        (
            "Cỡ",
            "Số từ",
            "Lint (thực / CPU)",
            "RSS lint",
            "Build (thực / CPU)",
            "RSS build",
            "pandoc thuần (thực / CPU)",
            "RSS pandoc",
            "Lint CPU / 1.000 từ",
            "Build CPU / 1.000 từ",
            f"Lint / build {before_label(before) or 'trước'} (thực)",
            f"RSS {before_label(before) or 'trước'}",
        ),
        tuple(rows),
        tuple(notes),
    )


def marginal_costs(words: Sequence[int], times: Sequence[float]) -> list[float]:
    """Seconds per extra word between consecutive sizes (fixed start-up cost cancels out)."""
    return [
        (times[i + 1] - times[i]) / (words[i + 1] - words[i])
        for i in range(len(words) - 1)
        if words[i + 1] > words[i]
    ]


def linearity_notes(
    words: Sequence[int], lint_t: Sequence[float], build_t: Sequence[float]
) -> list[str]:
    out = []
    for name, times in (("lint", lint_t), ("build", build_t)):
        costs = marginal_costs(words, times)
        if len(costs) < 2 or min(costs) <= 0:
            pretty = ", ".join(f"{c * 1e6:.0f} ms" for c in costs)
            out.append(
                f"Tuyến tính ({name}): không kết luận được — chi phí biên mỗi 1.000 từ thêm "
                f"({pretty}) nhỏ hơn độ nhiễu của phép đo."
            )
            continue
        pretty = " → ".join(f"{c * 1e6:.0f} ms" for c in costs)
        out.append(
            f"Tuyến tính ({name}): chi phí biên mỗi 1.000 từ thêm {pretty}; "
            f"{linear_verdict(costs)}."
        )
    return out


def _timed_batch(
    jobs: int, folders: Sequence[Path], work: Callable[[Path], proc.Sample | None]
) -> tuple[float, int]:
    """Wall time of running ``work`` on every folder with ``jobs`` at a time; failures."""
    start = time.perf_counter()
    if jobs == 1:
        results = [work(f) for f in folders]
    else:
        # Threads only wait: each unit is its own process, so all cores do the work.
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(work, folders))
    return time.perf_counter() - start, sum(1 for r in results if r is None)


def bench_batch(opts: Options, tmp: Path, before: Before | None) -> Table:
    folders = make_units(opts.example, tmp / "batch", opts.units)

    # Each pass starts with an empty vankien cache, so that no pass reuses the work of the
    # one before it (every unit is then linted and built from scratch, once per pass).
    env: dict[str, str] = {}

    def lint(folder: Path, command: Command = vankien) -> proc.Sample | None:
        return proc.run(command("lint", "--root", str(folder)), cwd=REPO, env=env, ok=(0, 1))

    def build(folder: Path, command: Command = vankien) -> proc.Sample | None:
        try:
            return proc.run(command("build", "--root", str(folder)), cwd=REPO, env=env)
        except proc.ChildFailed as exc:
            # The last lines of the child's output: the exception of an internal error.
            log(f"  build {folder.name}: " + " / ".join(str(exc).splitlines()[-4:]))
            return None

    env.update(fresh_cache_env(tmp / "cache-batch-warm-up"))
    lint(folders[0])  # warm the file system cache and the bytecode
    versions: list[tuple[str, Command]] = [("sau", vankien)]
    if before is not None:
        versions.append((before_label(before), before.vankien))
        lint(folders[0], before.vankien)
    rows: list[tuple[str, ...]] = []
    rates: dict[tuple[str, str, int], float] = {}
    failures = 0
    for name, work in (("lint", lint), ("build", build)):
        for jobs in sorted({1, opts.jobs}):
            for label, command in versions:
                log(f"  {name} × {len(folders)}, {jobs} tiến trình, {label}")
                env.clear()
                env.update(fresh_cache_env(tmp / f"cache-batch-{name}-{jobs}-{len(rows)}"))
                env[JOBS_ENV] = "1"  # one process per unit: the column counts them all
                wall, failed = _timed_batch(jobs, folders, partial(work, command=command))
                failures += failed
                rate = len(folders) / wall
                rates[(name, label, jobs)] = rate
                speedup = rate / rates[(name, label, 1)]
                rows.append(
                    (
                        name if len(versions) == 1 else f"{name}, {label}",
                        str(jobs),
                        seconds(wall),
                        f"{rate:.2f}",
                        f"{speedup:.2f}×",
                        str(failed),
                    )
                )
    notes = [
        f"{len(folders)} đơn vị sinh từ báo cáo mẫu: khác tên đơn vị, loại tổ chức "
        "(đảng bộ/chi bộ cơ sở), số thứ tự đại hội, giai đoạn (dự thảo 1–3, chính thức).",
        "Song song: mỗi đơn vị là một tiến trình riêng, tối đa bằng số tiến trình ghi ở cột 2; "
        f"mỗi lệnh chạy với {JOBS_ENV}=1 (một lệnh lint tự chia tệp cho các lõi, ở đây thì "
        "không: các đơn vị đã chia nhau các lõi).",
    ]
    if before is not None:
        for name in ("lint", "build"):
            now, then = rates[(name, "sau", 1)], rates[(name, before_label(before), 1)]
            notes.append(
                f"{name}, một tiến trình: {now:.2f} đơn vị/giây, {before_label(before)} "
                f"{then:.2f} ({now / then:.2f}× nhanh hơn)."
            )
    if opts.jobs > 1:
        grows = all(
            rates[(n, "sau", opts.jobs)] > rates[(n, "sau", 1)] * 1.2 for n in ("lint", "build")
        )
        notes.append(
            f"Mục tiêu thông lượng tăng theo số lõi: {verdict(grows)} "
            "(song song nhanh hơn tuần tự ít nhất 1,2×)."
        )
    if failures:
        notes.append(f"{failures} lần chạy lỗi (xem nhật ký [bench] trên màn hình).")
    return Table(
        f"Lô {len(folders)} đơn vị",
        ("Việc", "Tiến trình", "Tổng thời gian", "Đơn vị/giây", "Tăng tốc", "Lỗi"),
        tuple(rows),
        tuple(notes),
    )


HUGE_FILE = "02-nhiem-vu-chinh-tri.md"


HUGE_BYTES = 10 * 2**20  # the single 10 MB file of issue 13


def huge_sizes() -> tuple[int, ...]:
    """A quarter, half and all of the per-file limit, then a single 10 MB file."""
    from vankien.skeleton.files import MAX_SKELETON_BYTES as limit

    return (limit // 4, limit // 2, limit, max(HUGE_BYTES, 2 * limit))


def bench_huge(opts: Options, tmp: Path, before: Before | None) -> Table:
    bare = [sys.executable, "-c", "pass"]
    rows: list[tuple[str, ...]] = []
    fresh = iter(range(1_000_000))
    sizes = huge_sizes()
    linted: list[tuple[int, float]] = []  # (bytes, CPU seconds) of the files lint read
    for size in sizes:
        log(f"  {size // 1024} KB")
        root = scale_report(opts.example, tmp / f"huge-{size}", 1, report_yaml=_huge_yaml(opts))
        grow_file(root, HUGE_FILE, size)
        lint = vankien("lint", "--root", str(root))

        def cold(argv: list[str] = lint) -> proc.Sample:
            env = fresh_cache_env(tmp / f"cache-huge-{next(fresh)}")
            return proc.run(argv, cwd=REPO, env=env, ok=(0, 1, 2))

        raw = raw_pandoc(root, tmp / f"huge-{size}-raw")
        commands: list[Callable[[], proc.Sample]] = [
            partial(proc.run, bare),
            cold,
            partial(proc.run, raw),
        ]
        if before is not None:
            commands.append(partial(cold, before.vankien("lint", "--root", str(root))))
        found = repeat(commands, opts.huge_runs)
        s_bare, s_lint, s_raw = found[:3]
        real = (root / "skeleton" / HUGE_FILE).stat().st_size
        code = s_lint[-1].returncode
        cpu = cpu_median(s_lint)
        if code != 2:
            linted.append((real, cpu))
        rows.append(
            (
                f"{real / 2**20:.2f} MB",
                seconds(summarize([x.wall for x in s_lint]).median),
                seconds(cpu),
                peak_mb(s_lint),
                seconds(summarize([x.wall for x in s_bare]).median),
                seconds(summarize([x.wall for x in s_raw]).median),
                peak_mb(s_raw),
                str(code) + (" (quá giới hạn)" if code == 2 else ""),
                (
                    f"{seconds(summarize([x.wall for x in found[3]]).median)}, "
                    f"mã {found[3][-1].returncode}"
                )
                if before is not None
                else "—",
            )
        )
    return Table(
        "Tệp rất lớn: lint một tệp skeleton lớn dần đến giới hạn",
        (
            "Cỡ tệp",
            "Lint (thực)",
            "Lint CPU",
            "RSS lint",
            "python -c pass (mốc)",
            "pandoc thuần, cả báo cáo (mốc)",
            "RSS pandoc",
            "Mã thoát",
            f"Lint {before_label(before) or 'trước'}",
        ),
        tuple(rows),
        (
            f"Tệp {HUGE_FILE} của báo cáo mẫu, nối thêm các đoạn văn xuôi của chính báo cáo "
            "(mỗi bản sao khác nhau) đến cỡ ghi ở cột 1; bộ nhớ đệm trống mỗi lần; trung vị của "
            f"{opts.huge_runs} lần đo mỗi cỡ.",
            f"Giới hạn một tệp skeleton: {sizes[2] // 2**20} MB (vankien.skeleton.files."
            "MAX_SKELETON_BYTES); tệp lớn hơn (hàng cuối: một tệp 10 MB) bị từ chối trước khi "
            "đọc: mã thoát 2, thông báo ghi tên tệp, cỡ tệp, giới hạn và cách xử lý; pandoc "
            "thuần vẫn được đo trên chính báo cáo đó để so.",
            _huge_linearity(linted),
            CPU_NOTE,
        ),
    )


def _huge_linearity(linted: Sequence[tuple[int, float]]) -> str:
    """CPU per extra MB between consecutive sizes: equal figures mean linear growth."""
    costs = marginal_costs([size for size, _ in linted], [cpu for _, cpu in linted])
    if len(costs) < 2 or min(costs) <= 0:
        return "Tuyến tính: không kết luận được (cần ít nhất ba cỡ tệp lint đọc được)."
    pretty = " → ".join(f"{c * 2**20:.1f} s" for c in costs)
    return f"Tuyến tính: CPU mỗi MB thêm {pretty}; {linear_verdict(costs)}."


def linear_verdict(costs: Sequence[float]) -> str:
    """The verdict on marginal costs from the smallest size to the largest: linear unless a
    larger size costs more per unit than a smaller one by more than the tolerance (a cost
    that falls is start-up shared out, not growth)."""
    rise, fall = growth(costs)
    if rise > LINEAR_TOLERANCE:
        return (
            f"tăng {rise:.0%} — KHÔNG tuyến tính: cỡ lớn tốn hơn cho mỗi phần thêm "
            f"(ngưỡng {LINEAR_TOLERANCE:.0%})"
        )
    if fall > LINEAR_TOLERANCE:
        return (
            f"tăng {rise:.0%}, giảm {fall:.0%} — tuyến tính hay tốt hơn: cỡ lớn tốn ít hơn cho "
            f"mỗi phần thêm (ngưỡng tăng {LINEAR_TOLERANCE:.0%})"
        )
    return f"chênh {max(rise, fall):.0%} — tuyến tính (ngưỡng {LINEAR_TOLERANCE:.0%})"


def _huge_yaml(opts: Options) -> str:
    template = (opts.example / "report.yaml").read_text(encoding="utf-8")
    if re.search(r"^lint:", template, re.MULTILINE) is None:
        template += SCALE_LINT_CONFIG
    return template


def main(argv: Sequence[str] = ()) -> int:
    opts = parse_args(argv)
    if not (opts.example / "report.yaml").is_file():
        print(f"không thấy report.yaml trong {opts.example}", file=sys.stderr)
        return 2
    # A sandbox may set this; a person's machine writes bytecode, so the timings do too.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    load_at_start = machine.load_average()
    pandoc = pandoc_path()
    tables: list[Table] = []
    with (
        tempfile.TemporaryDirectory(prefix="vankien-bench-") as tmp_name,
        checkout(REPO, opts.before, Path(tmp_name) / "before") as before,
    ):
        tmp = Path(tmp_name)
        if opts.before is not None and before is None:
            log(f"không lấy được commit «{opts.before}»: bỏ phần đo «trước»")
        steps: dict[str, tuple[str, Callable[[], Table]]] = {
            "lint": ("Lint", lambda: bench_lint(opts, tmp, before)),
            "build": ("Build", lambda: bench_build(opts, tmp, before)),
            "scaling": ("Nhân độ dài", lambda: bench_scaling(opts, tmp, before)),
            "batch": (f"Lô {opts.units} đơn vị", lambda: bench_batch(opts, tmp, before)),
            "huge": ("Tệp rất lớn", lambda: bench_huge(opts, tmp, before)),
            "word": (
                "Dự thảo Word",
                lambda: word.bench_one(
                    opts.example, tmp, pandoc, opts.build_runs, repeat, word_before(before)
                ),
            ),
            "word-batch": (
                f"Lô {opts.units} dự thảo Word",
                lambda: word.bench_batch(
                    opts.example, tmp, pandoc, opts.units, opts.jobs, word_before(before)
                ),
            ),
        }
        for title, step in (steps[name] for name in STEPS if name in opts.only):
            log(title)
            try:
                table = step()
            except proc.ChildFailed as exc:
                table = failed_table(title, exc)
            tables.append(table)
            print(text_table(table), flush=True)
        before_commit = before.commit if before is not None else None
    info = machine.collect(REPO, pandoc, load_at_start)
    if before_commit is not None:
        info = dataclasses.replace(info, before=before_commit)
    if opts.output is not None:
        write_results(opts.output, info, tables)
        log(f"đã ghi {opts.output}")
    return 0
