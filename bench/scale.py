"""Longer copies of a report folder: the body paragraphs of every section repeated N times.

Only prose blocks are repeated, in place (each copy made distinct by a short closing
sentence), so the structure the linter and the scaffold check
(headings, their numbers, guidance comments, placeholders, the "a)" / "1." enumerators and
tables) stays exactly as it was; the report grows, its outline does not.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

SKELETON = "skeleton"
HEADING_RE = re.compile(r"^#{1,6}\s")
# "a) Thuận lợi", "1. …", "2) …": typed enumerators have an order the linter may check.
ENUMERATOR_RE = re.compile(r"^\s*(?:[a-zđ]|\d{1,2})[).]\s", re.IGNORECASE)
FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
PLACEHOLDER = "{.placeholder}"
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
WORD_RE = re.compile(r"\w", re.UNICODE)


def _blocks(text: str) -> Iterator[tuple[bool, list[str]]]:
    """Split into runs of lines; yield (repeatable, lines). Blank lines come as their own run.

    A run is repeatable when it is a plain prose or bullet block: not blank, not a heading, not
    inside an HTML comment or fenced code, not a table, not an enumerator, not a placeholder.
    """
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            yield False, [line]
            i += 1
            continue
        if line.lstrip().startswith("<!--"):
            run = [line]
            while "-->" not in run[-1] and i + 1 < len(lines):
                i += 1
                run.append(lines[i])
            yield False, run
            i += 1
            continue
        fence = FENCE_RE.match(line)
        if fence:
            run = [line]
            marker = fence.group(1)
            while i + 1 < len(lines):
                i += 1
                run.append(lines[i])
                if lines[i].strip().startswith(marker):
                    break
            yield False, run
            i += 1
            continue
        if HEADING_RE.match(line):
            yield False, [line]
            i += 1
            continue
        run = [line]
        while i + 1 < len(lines) and lines[i + 1].strip() and not HEADING_RE.match(lines[i + 1]):
            if lines[i + 1].lstrip().startswith("<!--") or FENCE_RE.match(lines[i + 1]):
                break
            i += 1
            run.append(lines[i])
        repeatable = not (
            run[0].lstrip().startswith("|")
            or ENUMERATOR_RE.match(run[0])
            or any(PLACEHOLDER in r for r in run)
        )
        yield repeatable, run
        i += 1


BULLET_RE = re.compile(r"^\s*[-+*]\s")
# Appended to each copy so that no two paragraphs are the same text: vankien caches work per
# exact paragraph text, and identical copies would make the longer report look nearly free.
COPY_SUFFIX = " Số liệu cập nhật lần {n}."


def _copy(run: list[str], n: int) -> list[str]:
    """Copy ``n`` of a block: the suffix at the end of every item (bullets) or of the block."""
    out = list(run)
    for i, line in enumerate(out):
        last_of_item = i + 1 == len(out) or BULLET_RE.match(out[i + 1]) is not None
        if last_of_item:
            out[i] = line.rstrip() + COPY_SUFFIX.format(n=n)
    return out


def scale_markdown(text: str, factor: int) -> str:
    """The same Markdown with every repeatable block written ``factor`` times in a row
    (copies 2..N each end with a short distinct sentence)."""
    if factor < 1:
        raise ValueError("factor must be >= 1")
    out: list[str] = []
    for repeatable, run in _blocks(text):
        out.extend(run)
        if repeatable:
            for n in range(2, factor + 1):
                out.append("")
                out.extend(_copy(run, n))
    return "\n".join(out)


def count_words(text: str) -> int:
    """Words a reader sees: HTML comments (guidance) dropped, tokens that hold a letter/digit."""
    visible = COMMENT_RE.sub(" ", text)
    return sum(1 for token in visible.split() if WORD_RE.search(token))


def report_words(root: Path) -> int:
    return sum(
        count_words(p.read_text(encoding="utf-8")) for p in sorted((root / SKELETON).glob("*.md"))
    )


def copy_data_files(src: Path, dst: Path) -> None:
    """The report's data files beside report.yaml (chi-tieu.yaml: the target tables' figures),
    without which its table markers are errors."""
    from vankien.targets.load import targets_path

    if targets_path(src).is_file():
        shutil.copyfile(targets_path(src), targets_path(dst))


def scale_report(src: Path, dst: Path, factor: int, *, report_yaml: str | None = None) -> Path:
    """Copy report folder ``src`` to ``dst`` with its skeleton scaled ``factor`` times.

    ``report_yaml`` replaces report.yaml's text when given (e.g. to switch off length rules);
    otherwise report.yaml is copied. The report's own outline/profiles/filters are copied as is.
    """
    dst.mkdir(parents=True, exist_ok=False)
    for name in ("outline", "profiles", "filters"):
        if (src / name).is_dir():
            shutil.copytree(src / name, dst / name)
    copy_data_files(src, dst)
    if report_yaml is None:
        shutil.copyfile(src / "report.yaml", dst / "report.yaml")
    else:
        (dst / "report.yaml").write_text(report_yaml, encoding="utf-8")
    (dst / SKELETON).mkdir()
    for path in sorted((src / SKELETON).resolve().glob("*.md")):
        text = path.read_text(encoding="utf-8")
        (dst / SKELETON / path.name).write_text(scale_markdown(text, factor), encoding="utf-8")
    return dst


def grow_file(root: Path, name: str, size: int) -> Path:
    """Make ``skeleton/<name>`` of report ``root`` as long as it can be without passing
    ``size`` bytes: the report's own prose blocks appended after its text, copy after copy
    (each distinct), while the next one fits."""
    blocks = [
        "\n".join(run)
        for path in sorted((root / SKELETON).glob("*.md"))
        for repeatable, run in _blocks(path.read_text(encoding="utf-8"))
        if repeatable
    ]
    if not blocks:
        raise ValueError(f"{root}: no prose block to repeat")
    target = root / SKELETON / name
    parts = [target.read_text(encoding="utf-8").rstrip("\n")]
    total = len(parts[0].encode("utf-8")) + 1  # the final newline
    n = 1
    while True:
        block = "\n".join(_copy(blocks[n % len(blocks)].split("\n"), n))
        grown = total + 2 + len(block.encode("utf-8"))
        if grown > size:
            break
        parts.append(block)
        total = grown
        n += 1
    target.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return target
