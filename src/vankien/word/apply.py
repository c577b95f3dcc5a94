"""``vankien comments FILE.docx --apply``: the reviewers' tracked changes into the sources.

Each paragraph a reviewer changed with Track Changes on (a :class:`ReviewItem` of kind CHANGE)
has its wording as built (``old_text``) and as the reviewer left it (``new_text``). Their
difference, word by word, is a few *hunks*: a piece of the old wording replaced by a new one
(an insertion replaces nothing, a deletion puts nothing). A hunk is applied to the skeleton
file only when its old piece, with the unchanged words around it, is found **exactly once**
in the source block the paragraph was built from (the block starting at the item's line):
that is the text «exactly as it was built from». Markup, a ``{{variable}}`` or a guidance
comment (``<!-- HƯỚNG DẪN … -->``) in the way means the words are not found as built, and
the paragraph is left alone with the reason. A paragraph is applied whole or not at all.

Nothing is written outside the report's skeleton files; files are written atomically; a
paragraph whose new wording is already in the source is reported as done (running twice
changes nothing). The working tree must have no uncommitted change in ``skeleton/`` (unless
``--force``), so that ``git diff`` shows exactly this edit; the command prints a commit
message naming the reviewers.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.errors import EXIT_OK, UserError

if TYPE_CHECKING:
    from vankien.word.review import ReviewItem, ReviewSummary

TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
CONTEXTS = (0, 12, 24, 48, 96, 100_000)  # context characters tried on each side, in turn
# Where a source edit may not fall: guidance and other HTML comments, {{variables}}.
PROTECTED_RE = re.compile(r"<!--.*?-->|\{\{.*?\}\}", re.DOTALL)
# A line that starts another block: a blank line, a heading, a list item, a table row, a fence.
BLOCK_START_RE = re.compile(r"^\s*$|^\s{0,3}(#{1,6}\s|[-+*]\s|\d+[.)]\s|\||```|~~~|<!--|:::)")
# Characters the build would read as markup: a reviewer's inserted text keeps them literal.
MARKUP_RE = re.compile(r"([\\`*_\[\]{}<>|~#])")


class Status(Enum):
    APPLIED = "đã sửa"
    DONE = "đã có trong nguồn"
    SKIPPED = "bỏ qua"


@dataclass(frozen=True)
class Hunk:
    """A piece of the old wording and what replaces it, with the unchanged text on each side
    (up to the neighbouring hunks)."""

    old: str
    new: str
    before: str
    after: str


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the file's text
    end: int
    text: str


@dataclass(frozen=True)
class Outcome:
    item: ReviewItem
    status: Status
    reason: str
    edits: tuple[Edit, ...] = ()


def hunks(old: str, new: str) -> list[Hunk]:
    """The word-level differences of two wordings."""
    a, b = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]
    out: list[Hunk] = []
    for i, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        before = "".join(a[ops[i - 1][1] : i1]) if i > 0 and ops[i - 1][0] == "equal" else ""
        nxt = ops[i + 1] if i + 1 < len(ops) else None
        after = "".join(a[i2 : nxt[2]]) if nxt is not None and nxt[0] == "equal" else ""
        out.append(Hunk("".join(a[i1:i2]), "".join(b[j1:j2]), before, after))
    return out


def literal(text: str) -> str:
    """Inserted wording as Markdown that builds to exactly that text."""
    return MARKUP_RE.sub(r"\\\1", text)


def block_span(text: str, line: int) -> tuple[int, int] | None:
    """Offsets of the source block that starts on 1-based ``line``: that line and the lines
    that continue it (a paragraph's soft-wrapped lines), up to the next block."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return None
    start = sum(len(x) + 1 for x in lines[: line - 1])
    end_line = line
    while end_line < len(lines) and not BLOCK_START_RE.match(lines[end_line]):
        end_line += 1
    end = sum(len(x) + 1 for x in lines[:end_line]) - 1
    return start, end


def _find(haystack: str, needle: str, lo: int, hi: int) -> list[int]:
    hits, at = [], haystack.find(needle, lo, hi)
    while at != -1:
        hits.append(at)
        at = haystack.find(needle, at + 1, hi)
    return hits


def locate(flat: str, lo: int, hi: int, piece: str, hunk: Hunk) -> int | None:
    """Where ``piece``, with as much of the hunk's context as it takes to be unique, is found
    exactly once in ``flat[lo:hi]`` (its offset); None when it is not found, or not once."""
    for n in CONTEXTS:
        before, after = hunk.before[-n:] if n else "", hunk.after[:n]
        if not (piece or before or after):
            continue
        hits = _find(flat, before + piece + after, lo, hi)
        if not hits:
            return None
        if len(hits) == 1:
            return hits[0] + len(before)
        if len(before) == len(hunk.before) and len(after) == len(hunk.after):
            break
    return None


def plan_item(item: ReviewItem, text: str, line: int) -> Outcome:
    """The edits of one changed paragraph in its file's ``text`` (nothing is written)."""
    old, new = item.old_text or "", item.new_text or ""
    if not old.strip():
        return Outcome(item, Status.SKIPPED, "đoạn văn mới thêm, chưa có trong nguồn: thêm tay")
    if not new.strip():
        return Outcome(item, Status.SKIPPED, "người góp ý xóa cả đoạn: xóa tay nếu tiếp thu")
    span = block_span(text, line)
    if span is None:
        return Outcome(item, Status.SKIPPED, f"dòng {line} không còn là đầu một đoạn văn")
    flat = text.replace("\n", " ")  # a soft line break builds to a space
    protected = [(m.start(), m.end()) for m in PROTECTED_RE.finditer(text)]
    diff = hunks(old, new)
    found_old: list[int | None] = []
    found_new: list[int | None] = []
    for hunk in diff:
        found_old.append(locate(flat, span[0], span[1], hunk.old, hunk))
        found_new.append(locate(flat, span[0], span[1], literal(hunk.new), hunk))
    if not found_old:
        return Outcome(item, Status.DONE, "không có khác biệt về câu chữ")
    if all(f is not None for f in found_old):
        edits = []
        for hunk, hit in zip(diff, found_old, strict=True):
            assert hit is not None
            start, end = hit, hit + len(hunk.old)
            if any(start < p_end and p_start < max(end, start + 1) for p_start, p_end in protected):
                return Outcome(
                    item,
                    Status.SKIPPED,
                    "chỗ sửa chạm vào ghi chú hướng dẫn hoặc biến {{…}} trong nguồn",
                )
            edits.append(Edit(start, end, literal(hunk.new)))
        return Outcome(item, Status.APPLIED, "", tuple(edits))
    if all(f is not None for f in found_new):
        return Outcome(item, Status.DONE, "câu chữ mới đã có trong nguồn")
    return Outcome(
        item,
        Status.SKIPPED,
        "câu chữ trong nguồn không còn đúng như bản đã dựng (đã sửa sau đó, có định dạng, "
        "biến hoặc ghi chú ở chỗ này): sửa tay",
    )


def skeleton_target(root: Path, file: str | None) -> Path | None:
    """The skeleton file an item names, if it is one of the report's skeleton files."""
    from vankien.skeleton.files import skeleton_files

    if file is None:
        return None
    target = (root / file).resolve()
    allowed = {p.resolve() for p in skeleton_files(root)}
    return target if target in allowed else None


def plan(summary: ReviewSummary, root: Path) -> tuple[list[Outcome], dict[Path, str]]:
    """Every item's outcome, and the new text of each file to write."""
    from vankien.textio import read_text
    from vankien.word.review import ItemKind

    outcomes: list[Outcome] = []
    texts: dict[Path, str] = {}
    taken: dict[Path, list[tuple[int, int]]] = {}
    for item in summary.items:
        if item.kind is ItemKind.COMMENT:
            continue
        if item.kind is ItemKind.UNTRACKED:
            outcomes.append(
                Outcome(
                    item,
                    Status.SKIPPED,
                    "sửa không bật theo dõi thay đổi (không rõ người sửa): xem và sửa tay",
                )
            )
            continue
        target = skeleton_target(root, item.source.file)
        if target is None or item.source.line is None:
            outcomes.append(
                Outcome(item, Status.SKIPPED, "không xác định được tệp skeleton/ và dòng nguồn")
            )
            continue
        if target not in texts:
            texts[target] = read_text(target)
        outcome = plan_item(item, texts[target], item.source.line)
        spans = [(e.start, max(e.end, e.start + 1)) for e in outcome.edits]
        if any(s < te and ts < e for s, e in spans for ts, te in taken.get(target, [])):
            outcome = Outcome(item, Status.SKIPPED, "trùng chỗ với một chỗ sửa khác đã áp dụng")
        taken.setdefault(target, []).extend(spans)
        outcomes.append(outcome)
    new_texts: dict[Path, str] = {}
    for target, text in texts.items():
        edits = sorted(
            (
                e
                for o in outcomes
                if o.status is Status.APPLIED
                and skeleton_target(root, o.item.source.file) == target
                for e in o.edits
            ),
            key=lambda e: e.start,
            reverse=True,
        )
        for edit in edits:
            text = text[: edit.start] + edit.text + text[edit.end :]
        if edits:
            new_texts[target] = text
    return outcomes, new_texts


def refuse_dirty(root: Path) -> None:
    """A user error unless skeleton/ has no uncommitted change (``git diff`` must show only
    what --apply writes)."""
    from vankien.review import gitio
    from vankien.skeleton.files import SKELETON_DIR

    gitio.toplevel(root)  # not in a repository: its own message
    out = gitio.text(
        gitio.git(root, "status", "--porcelain", "--untracked-files=all", "--", SKELETON_DIR)
    )
    dirty = [line[3:] for line in out.splitlines() if line.strip()]
    if dirty:
        raise UserError(
            f"thư mục skeleton/ còn {len(dirty)} tệp có thay đổi chưa commit "
            f"({', '.join(dirty[:3])}{', …' if len(dirty) > 3 else ''}), nên chưa đưa góp ý vào",
            path=root / SKELETON_DIR,
            hint="commit (hoặc git stash) các thay đổi đó rồi chạy lại, để «git diff» chỉ "
            "hiện các chỗ sửa theo góp ý; hoặc thêm --force.",
        )


def reviewers(outcomes: Sequence[Outcome]) -> list[str]:
    names: list[str] = []
    for outcome in outcomes:
        if outcome.status is not Status.APPLIED:
            continue
        for who in outcome.item.authors:
            if who.known and who.name not in names:
                names.append(who.name)
    return names


def commit_message(outcomes: Sequence[Outcome], copies: Sequence[str]) -> str:
    applied = [o for o in outcomes if o.status is Status.APPLIED]
    names = reviewers(outcomes)
    lines = [
        f"Tiếp thu góp ý của {', '.join(f'đồng chí {n}' for n in names) or 'các đồng chí'}: "
        f"sửa {len(applied)} đoạn",
        "",
        f"Các chỗ sửa có theo dõi trong bản góp ý {', '.join(copies)}, đưa vào bằng "
        "«vankien comments --apply».",
        "",
    ]
    for outcome in applied:
        source = outcome.item.source
        who = ", ".join(w.name for w in outcome.item.authors if w.known) or "không rõ"
        lines.append(f"- {source.file}:{source.line} ({who})")
    return "\n".join(lines)


def apply_review(summary: ReviewSummary, root: Path) -> int:
    """Apply the summary's tracked changes to the skeleton files; print what was done, what
    was left and why, and a commit message. Exit 0 (what was left is listed, not an error)."""
    from vankien.textio import write_atomic

    outcomes, new_texts = plan(summary, root)
    for target, text in new_texts.items():
        write_atomic(target, text)
    if not outcomes:
        print("Các bản góp ý không có chỗ sửa nào để đưa vào nguồn.")
        return EXIT_OK
    for outcome in outcomes:
        source = outcome.item.source
        where = f"{source.file}:{source.line}" if source.file else "(không rõ vị trí)"
        line = f"{where}: {outcome.status.value}"
        if outcome.reason:
            line += f" — {outcome.reason}"
        print(line)
    count = {status: sum(1 for o in outcomes if o.status is status) for status in Status}
    print(
        f"Đã sửa {count[Status.APPLIED]} đoạn trong {len(new_texts)} tệp; "
        f"{count[Status.DONE]} đoạn đã có sẵn; {count[Status.SKIPPED]} đoạn bỏ qua (sửa tay)."
    )
    if new_texts:
        copies = [copy.path.name for copy in summary.copies]
        print("\nXem lại bằng «git diff», rồi commit, ví dụ với lời commit sau:\n")
        print(commit_message(outcomes, copies))
    return EXIT_OK
