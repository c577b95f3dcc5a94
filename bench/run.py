"""The benchmark: lint and build of the example beside baselines, scaling, a batch of units.

Every measurement is a separate process started cold (interpreter start-up included), the way
a commit hook or a person runs vankien. Baselines (a bare ``python -c pass``; raw pandoc on
the same Markdown with the same reference.docx) are measured in the same run, interleaved with
what they are compared to, so that a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import os
import re
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
from bench.results import Table, seconds, text_table, write_results
from bench.scale import grow_file, report_words, scale_report
from bench.stats import Summary, slope_spread, summarize
from bench.variants import make_units

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "dang-bo"
RESULTS = REPO / "bench" / "results.md"
# The reader vankien's build uses, so that raw pandoc parses the same document.
PANDOC_READER = "commonmark_x-fancy_lists-smart"
FINDING_RE = re.compile(r"^.+?:\d+:\d+: \w+ (?P<code>[A-Z]+\d+)/", re.MULTILINE)

STEPS = ("lint", "build", "scaling", "batch", "huge", "word", "word-batch")
LINT_TARGET_S = 0.3
BUILD_RATIO_TARGET = 1.5
RSS_TARGET_MB = 200.0
LINEAR_TOLERANCE = 0.3  # marginal cost per word may differ this much between sizes


@dataclass(frozen=True)
class Options:
    lint_runs: int
    build_runs: int
    scale_runs: int
    scales: tuple[int, ...]
    units: int
    jobs: int
    only: tuple[str, ...]
    example: Path
    output: Path | None


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
    ns = parser.parse_args(list(argv))
    quick = bool(ns.quick)
    only = tuple(step.strip() for step in str(ns.only).split(",") if step.strip())
    unknown = [step for step in only if step not in STEPS]
    if unknown:
        parser.error(f"không có phần đo «{', '.join(unknown)}»")
    return Options(
        lint_runs=3 if quick else max(10, ns.lint_runs),
        build_runs=2 if quick else max(3, ns.build_runs),
        scale_runs=1 if quick else 3,
        scales=(1, 4, 16),
        units=6 if quick else ns.units,
        jobs=max(1, ns.jobs),
        only=only,
        example=ns.example.resolve(),
        output=None if str(ns.output) == "-" else ns.output,
    )


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def fresh_cache_env(folder: Path) -> dict[str, str]:
    """The environment with vankien's on-disk cache moved to ``folder`` (empty at first)."""
    return dict(os.environ, VANKIEN_CACHE_DIR=str(folder), XDG_CACHE_HOME=str(folder))


def vankien(*args: str) -> list[str]:
    return [sys.executable, "-m", "vankien", *args]


def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


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


def peak_mb(samples: Sequence[proc.Sample]) -> str:
    return f"{max(x.maxrss_mb for x in samples):.0f} MB"


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


def bench_lint(opts: Options, tmp: Path) -> Table:
    bare = [sys.executable, "-c", "pass"]
    lint = vankien("lint", "--root", str(opts.example))
    fresh = iter(range(1_000_000))

    def cold_cache() -> proc.Sample:
        # vankien keeps parsed YAML in a cache; an empty one is the first lint after a change.
        env = fresh_cache_env(tmp / f"cache-{next(fresh)}")
        return proc.run(lint, cwd=REPO, env=env, ok=(0, 1))

    rounds = repeat(
        [partial(proc.run, bare), partial(proc.run, lint, cwd=REPO, ok=(0, 1)), cold_cache],
        opts.lint_runs,
    )
    s_bare, s_lint, s_cold = (summarize([x.wall for x in r]) for r in rounds)
    findings = lint_findings(rounds[1][-1])
    where = opts.example.relative_to(REPO) if opts.example.is_relative_to(REPO) else opts.example
    return Table(
        "Lint cả báo cáo mẫu (tiến trình mới mỗi lần)",
        TIMING_HEADERS,
        (
            ("python -c pass (mốc)", *fmt_summary(s_bare), *cpu_rss(rounds[0])),
            ("vankien lint", *fmt_summary(s_lint), *cpu_rss(rounds[1])),
            ("vankien lint, bộ nhớ đệm trống", *fmt_summary(s_cold), *cpu_rss(rounds[2])),
        ),
        (
            f"Báo cáo: {where}, {report_words(opts.example):,} từ; "
            f"lint báo {describe_findings(findings)} vấn đề.",
            f"Phần của vankien (trừ khởi động Python): {seconds(s_lint.median - s_bare.median)}.",
            "«Bộ nhớ đệm trống»: thư mục bộ nhớ đệm mới mỗi lần, như lần lint đầu tiên sau khi "
            "sửa report.yaml hoặc đề cương.",
            f"Mục tiêu lint < {LINT_TARGET_S} s: {verdict(s_lint.median < LINT_TARGET_S)} "
            f"(trung vị {seconds(s_lint.median)}).",
            CPU_NOTE,
        ),
    )


def bench_build(opts: Options, tmp: Path) -> Table:
    raw = raw_pandoc(opts.example, tmp / "raw")
    build = vankien("build", "--root", str(opts.example), "--output", str(tmp / "build.docx"))
    rounds = repeat([partial(proc.run, raw), partial(proc.run, build, cwd=REPO)], opts.build_runs)
    s_raw, s_build = (summarize([x.wall for x in r]) for r in rounds)
    ratio = s_build.median / s_raw.median
    cpu_ratio = cpu_median(rounds[1]) / cpu_median(rounds[0])
    return Table(
        "Dựng văn bản (docx) so với pandoc thuần",
        TIMING_HEADERS,
        (
            ("pandoc thuần (mốc)", *fmt_summary(s_raw), *cpu_rss(rounds[0])),
            ("vankien build", *fmt_summary(s_build), *cpu_rss(rounds[1])),
        ),
        (
            "pandoc thuần: cùng Markdown ghép từ skeleton/, cùng reference.docx, cùng bộ đọc "
            f"{PANDOC_READER}; không bộ lọc Lua, không mẫu, không hậu xử lý.",
            "vankien build gồm: kiểm tra (lint), tạo reference.docx, pandoc với bộ lọc Lua và "
            "mẫu, hậu xử lý docx.",
            f"Tỉ lệ build / pandoc thuần: {ratio:.2f}× (CPU: {cpu_ratio:.2f}×). "
            f"Mục tiêu ≤ {BUILD_RATIO_TARGET}×: {verdict(ratio <= BUILD_RATIO_TARGET)}.",
            CPU_NOTE,
        ),
    )


SCALE_LINT_CONFIG = (
    "\n# bench: độ dài vượt định mức là chủ ý khi nhân bản.\nlint:\n  ignore: [length]\n"
)


def bench_scaling(opts: Options, tmp: Path) -> Table:
    template = (opts.example / "report.yaml").read_text(encoding="utf-8")
    if re.search(r"^lint:", template, re.MULTILINE) is None:
        template += SCALE_LINT_CONFIG
    rows: list[tuple[str, ...]] = []
    words: list[int] = []
    lint_t: list[float] = []
    build_t: list[float] = []
    peak: list[float] = []
    findings_notes: list[str] = []
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
        rounds = repeat(
            [
                partial(cold, lint, (0, 1)),
                partial(cold, build, (0,)),
                partial(proc.run, raw),
            ],
            opts.scale_runs,
        )
        n_words = report_words(root)
        s_lint, s_build, s_raw = (summarize([x.wall for x in r]) for r in rounds)
        rss = max(x.maxrss_mb for r in rounds[:2] for x in r)
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
    notes.append(
        f"Bộ nhớ đỉnh ở ×{opts.scales[largest]}: {peak[largest]:.0f} MB (tiến trình lớn nhất "
        f"trong cây: python hoặc pandoc). Mục tiêu < {RSS_TARGET_MB:.0f} MB: "
        f"{verdict(peak[largest] < RSS_TARGET_MB)}."
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
        spread = slope_spread(costs)
        pretty = " → ".join(f"{c * 1e6:.0f} ms" for c in costs)
        out.append(
            f"Tuyến tính ({name}): chi phí biên mỗi 1.000 từ thêm {pretty}; chênh {spread:.0%} "
            f"— {'tuyến tính' if spread <= LINEAR_TOLERANCE else 'KHÔNG tuyến tính'} "
            f"(ngưỡng {LINEAR_TOLERANCE:.0%})."
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


def bench_batch(opts: Options, tmp: Path) -> Table:
    folders = make_units(opts.example, tmp / "batch", opts.units)

    # Each pass starts with an empty vankien cache, so that no pass reuses the work of the
    # one before it (every unit is then linted and built from scratch, once per pass).
    env: dict[str, str] = {}

    def lint(folder: Path) -> proc.Sample | None:
        return proc.run(vankien("lint", "--root", str(folder)), cwd=REPO, env=env, ok=(0, 1))

    def build(folder: Path) -> proc.Sample | None:
        try:
            return proc.run(vankien("build", "--root", str(folder)), cwd=REPO, env=env)
        except proc.ChildFailed as exc:
            # The last lines of the child's output: the exception of an internal error.
            log(f"  build {folder.name}: " + " / ".join(str(exc).splitlines()[-4:]))
            return None

    env.update(fresh_cache_env(tmp / "cache-batch-warm-up"))
    lint(folders[0])  # warm the file system cache and the bytecode
    rows: list[tuple[str, ...]] = []
    rates: dict[tuple[str, int], float] = {}
    failures = 0
    for name, work in (("lint", lint), ("build", build)):
        for jobs in sorted({1, opts.jobs}):
            log(f"  {name} × {len(folders)}, {jobs} tiến trình")
            env.clear()
            env.update(fresh_cache_env(tmp / f"cache-batch-{name}-{jobs}"))
            wall, failed = _timed_batch(jobs, folders, work)
            failures += failed
            rate = len(folders) / wall
            rates[(name, jobs)] = rate
            speedup = rate / rates[(name, 1)]
            rows.append(
                (
                    name,
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
        "Song song: mỗi đơn vị là một tiến trình riêng, tối đa bằng số tiến trình ghi ở cột 2.",
    ]
    if opts.jobs > 1:
        grows = all(rates[(n, opts.jobs)] > rates[(n, 1)] * 1.2 for n in ("lint", "build"))
        notes.append(
            f"Mục tiêu thông lượng tăng theo số lõi: {verdict(grows)} "
            "(song song nhanh hơn tuần tự ít nhất 1,2×)."
        )
    if failures:
        notes.append(f"{failures} lần dựng lỗi (xem nhật ký [bench] trên màn hình).")
    return Table(
        f"Lô {len(folders)} đơn vị",
        ("Việc", "Tiến trình", "Tổng thời gian", "Đơn vị/giây", "Tăng tốc", "Lỗi"),
        tuple(rows),
        tuple(notes),
    )


HUGE_FILE = "02-nhiem-vu-chinh-tri.md"


def huge_sizes() -> tuple[int, ...]:
    """A quarter, half and all of the per-file limit, then twice it (refused, exit 2)."""
    from vankien.skeleton.files import MAX_SKELETON_BYTES as limit

    return (limit // 4, limit // 2, limit, 2 * limit)


def bench_huge(opts: Options, tmp: Path) -> Table:
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

        s_bare, s_lint = repeat([partial(proc.run, bare), cold], opts.scale_runs)
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
                peak_mb(s_bare),
                str(code) + (" (quá giới hạn)" if code == 2 else ""),
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
            "RSS mốc",
            "Mã thoát",
        ),
        tuple(rows),
        (
            f"Tệp {HUGE_FILE} của báo cáo mẫu, nối thêm các đoạn văn xuôi của chính báo cáo "
            "(mỗi bản sao khác nhau) đến cỡ ghi ở cột 1; bộ nhớ đệm trống mỗi lần.",
            f"Giới hạn một tệp skeleton: {sizes[2] // 2**20} MB (vankien.skeleton.files."
            "MAX_SKELETON_BYTES); tệp lớn hơn bị từ chối trước khi đọc: mã thoát 2, thông báo "
            "ghi tên tệp, cỡ tệp, giới hạn và cách xử lý.",
            _huge_linearity(linted),
            CPU_NOTE,
        ),
    )


def _huge_linearity(linted: Sequence[tuple[int, float]]) -> str:
    """CPU per extra MB between consecutive sizes: equal figures mean linear growth."""
    costs = marginal_costs([size for size, _ in linted], [cpu for _, cpu in linted])
    if len(costs) < 2 or min(costs) <= 0:
        return "Tuyến tính: không kết luận được (cần ít nhất ba cỡ tệp lint đọc được)."
    spread = slope_spread(costs)
    pretty = " → ".join(f"{c * 2**20:.1f} s" for c in costs)
    kind = "tuyến tính" if spread <= LINEAR_TOLERANCE else "KHÔNG tuyến tính"
    return (
        f"Tuyến tính: CPU mỗi MB thêm {pretty}; chênh {spread:.0%} — {kind} "
        f"(ngưỡng {LINEAR_TOLERANCE:.0%})."
    )


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
    with tempfile.TemporaryDirectory(prefix="vankien-bench-") as tmp_name:
        tmp = Path(tmp_name)
        steps: dict[str, tuple[str, Callable[[], Table]]] = {
            "lint": ("Lint", lambda: bench_lint(opts, tmp)),
            "build": ("Build", lambda: bench_build(opts, tmp)),
            "scaling": ("Nhân độ dài", lambda: bench_scaling(opts, tmp)),
            "batch": (f"Lô {opts.units} đơn vị", lambda: bench_batch(opts, tmp)),
            "huge": ("Tệp rất lớn", lambda: bench_huge(opts, tmp)),
            "word": (
                "Dự thảo Word",
                lambda: word.bench_one(opts.example, tmp, pandoc, opts.build_runs, repeat),
            ),
            "word-batch": (
                f"Lô {opts.units} dự thảo Word",
                lambda: word.bench_batch(opts.example, tmp, pandoc, opts.units, opts.jobs),
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
    info = machine.collect(REPO, pandoc, load_at_start)
    if opts.output is not None:
        write_results(opts.output, info, tables)
        log(f"đã ghi {opts.output}")
    return 0
