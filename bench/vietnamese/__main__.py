"""``python -m bench.vietnamese [CLEAN.txt …]``: how the Vietnamese checks do on text they have
never seen (issue 14, «How it is judged»).

Two figures, through the real linter (every rule of the Vietnamese family, and CON003 for year
ranges), on a report made from the lint tests' mini fixture:

- recall per typo class: the share of the sentences of ``bench/vietnamese/typos.txt`` (one
  typo each, written for the measurement) on which at least one of those rules reports;
- findings per 1,000 syllables on clean published prose: the files given (plain text, one
  paragraph per line or paragraphs separated by blank lines, ``#`` lines are comments such as
  the source of each excerpt); by default the project's own correct-prose fixture.

Every finding on clean prose is printed, so that a reader can tell a false alarm from a real
slip of the page. Nothing is asserted: the figures go into the issue notes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from vankien.report.load import load_report

REPO = Path(__file__).resolve().parent.parent.parent
TYPOS = Path(__file__).resolve().parent / "typos.txt"
MINI = REPO / "tests" / "lint" / "fixtures" / "mini"
DEFAULT_CLEAN = REPO / "tests" / "lint" / "vietnamese" / "fixtures" / "correct-prose.txt"
BODY_MARK = "{{BODY}}"
EXTRA_CODES = frozenset({"CON003"})  # year ranges: the dash class is theirs too
SYLLABLE_RE = re.compile(r"[^\W\d_]+")
CLASS_NAMES = {
    "1": "âm tiết không thể có",
    "2": "lỗi trong chữ viết hoa giữa câu",
    "3": "lẫn chữ có thật (s/x, ch/tr, d/gi/r, l/n, hỏi/ngã)",
    "4": "gạch nối cách một bên",
    "5": "cụm từ lặp",
    "6": "rơi âm tiết của thuật ngữ",
}


def read_typos(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cls, _, sentence = line.partition("|")
        out.append((cls.strip(), sentence.strip()))
    return out


def read_clean(path: Path) -> list[list[str]]:
    """The documents of a clean-prose file: a line «# source: …» starts a new one (each is
    linted as its own report, since the tone style of one page is not another's), other «#»
    lines are comments; one paragraph per line."""
    docs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# source:"):
            if docs[-1]:
                docs.append([])
        elif line.strip() and not line.startswith("#"):
            docs[-1].append(line.strip())
    return [d for d in docs if d]


def lint_paragraphs(paragraphs: Sequence[str], *, extra: bool = True) -> dict[int, list[str]]:
    """Findings of the Vietnamese rules (and, with ``extra``, CON003) per paragraph index."""
    from vankien.lint.model import Family
    from vankien.lint.runner import all_rules, lint_report

    codes = {r.code for r in all_rules() if r.family is Family.VIETNAMESE}
    if extra:
        codes |= EXTRA_CODES
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "report"
        shutil.copytree(MINI, root)
        first = root / "skeleton" / "01-mot.md"
        text = first.read_text(encoding="utf-8")
        start = text.splitlines().index(BODY_MARK) + 1  # line of the first paragraph
        first.write_text(text.replace(BODY_MARK, "\n\n".join(paragraphs)), encoding="utf-8")
        result = lint_report(load_report(root))
    out: dict[int, list[str]] = defaultdict(list)
    for f in result.findings:
        if f.code not in codes or f.path != "skeleton/01-mot.md":
            continue
        index, rest = divmod(f.line - start, 2)
        if rest == 0 and 0 <= index < len(paragraphs):
            out[index].append(f"{f.code} {f.message}")
    return out


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.vietnamese", description=__doc__)
    parser.add_argument("clean", nargs="*", type=Path, help="tệp văn bản sạch (mặc định: fixture)")
    parser.add_argument("--typos", type=Path, default=TYPOS)
    args = parser.parse_args(argv)

    typos = read_typos(args.typos)
    found = lint_paragraphs([s for _, s in typos])
    total: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    print("Độ nhạy theo lớp lỗi (câu có lỗi được báo / số câu):")
    misses = []
    for i, (cls, sentence) in enumerate(typos):
        total[cls] += 1
        if found.get(i):
            caught[cls] += 1
        else:
            misses.append(f"  bỏ sót [{cls}] {sentence}")
    for cls in sorted(total):
        share = caught[cls] / total[cls]
        name = CLASS_NAMES.get(cls, cls)
        print(f"  lớp {cls} ({name}): {caught[cls]}/{total[cls]} = {share:.0%}")
    all_caught, all_total = sum(caught.values()), sum(total.values())
    print(f"  tất cả: {all_caught}/{all_total} = {all_caught / all_total:.0%}")
    print("\n".join(misses))

    # On clean prose only the Vietnamese rules count: CON003 enforces the house notation
    # «2020 - 2025», which published pages need not follow.
    for path in args.clean or [DEFAULT_CLEAN]:
        docs = read_clean(path)
        syllables = sum(len(SYLLABLE_RE.findall(p)) for d in docs for p in d)
        found_all = [lint_paragraphs(d, extra=False) for d in docs]
        shown = [
            (h, d[i])
            for d, hits in zip(docs, found_all, strict=True)
            for i in sorted(hits)
            for h in hits[i]
        ]
        per_k = 1000 * len(shown) / syllables if syllables else 0.0
        print(
            f"\nVăn bản sạch {path.name}: {len(docs)} nguồn, {syllables} âm tiết, "
            f"{len(shown)} phát hiện = {per_k:.2f}/1000"
        )
        by_code = Counter(h.split(" ", 1)[0] for h, _ in shown)
        if by_code:
            print("  theo quy tắc: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())))
        for h, paragraph in shown:
            print(f"  {h}\n      trong: {paragraph[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
