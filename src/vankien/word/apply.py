"""``vankien comments FILE.docx --apply``: the reviewers' tracked changes into the sources.

Each paragraph a reviewer changed with Track Changes on (a :class:`ReviewItem` of kind CHANGE)
has its wording as built (``old_text``) and as the reviewer left it (``new_text``). It is
applied only where the source block the paragraph was built from (the block starting at the
item's line) still holds **exactly** that old wording as plain text: the whole paragraph or
list item (soft line breaks count as spaces), a heading after its «#» marks, or one cell of a
table row. Then the word-level differences are written in place. A block whose text differs
(edited since the build, or with markup or a guidance comment ``<!-- HƯỚNG DẪN … -->``
in it, whose built text is not its source text) is left alone and
listed with the reason; a paragraph is applied whole or not at all.
``{{variables}}`` are filled in with the unit's values before comparing (the build does the
same), and an edit inside the words a variable gives is refused (report.yaml holds them).

Nothing is written outside the report's skeleton files; files are written atomically; a
paragraph whose new wording is already in the source is reported as done (running twice
changes nothing). The working tree must have no uncommitted change in ``skeleton/`` (unless
``--force``), so that ``git diff`` shows exactly this edit; the command prints a commit
message naming the reviewers.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.errors import EXIT_OK, UserError

if TYPE_CHECKING:
    from vankien.word.review import ReviewItem, ReviewSummary

TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
# Where a source edit may never fall: guidance and other HTML comments.
GUIDANCE_RE = re.compile(r"<!--.*?-->", re.DOTALL)
# A line that starts another block: a blank line, a heading, a list item, a table row, a fence.
BLOCK_START_RE = re.compile(r"^\s*$|^\s{0,3}(#{1,6}\s|[-+*]\s|\d+[.)]\s|\||```|~~~|<!--|:::)")
HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
# Characters the build would read as markup: a reviewer's inserted text keeps them literal.
MARKUP_RE = re.compile(r"([\\`*_\[\]{}<>|~#])")


class Status(Enum):
    APPLIED = "đã sửa"
    DONE = "đã có trong nguồn"
    SKIPPED = "bỏ qua"


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


def pieces(old: str, new: str) -> list[tuple[int, int, str]]:
    """The word-level differences of two wordings: (start, end) in ``old`` and what replaces
    that stretch (an insertion has start == end, a deletion puts "")."""
    a, b = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    offsets = [0]
    for token in a:
        offsets.append(offsets[-1] + len(token))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        (offsets[i1], offsets[i2], "".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


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


def cells(row: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell's text in a pipe-table row, without the padding."""
    bounds = [m.start() for m in re.finditer(r"(?<!\\)\|", row)]
    out = []
    for left, right in itertools.pairwise(bounds):
        cell = row[left + 1 : right]
        start = left + 1 + len(cell) - len(cell.lstrip())
        out.append((start, start + len(cell.strip())))
    return out


@dataclass(frozen=True)
class Built:
    """A stretch of source as the build shows it: ``text``, and for each of its characters
    (and one past the end) the offset in the file it comes from; ``fixed`` marks characters
    that a ``{{variable}}`` gives (an edit may not cut into them)."""

    text: str
    origin: tuple[int, ...]
    fixed: tuple[bool, ...]


def shown(text: str, start: int, end: int, values: Mapping[str, str]) -> Built:
    """``text[start:end]`` as built: variables filled in, soft line breaks as spaces."""
    from vankien.skeleton.render import VARIABLE_RE

    out: list[str] = []
    origin: list[int] = []
    fixed: list[bool] = []
    at = start
    for m in VARIABLE_RE.finditer(text, start, end):
        for i in range(at, m.start()):
            out.append(" " if text[i] == "\n" else text[i])
            origin.append(i)
            fixed.append(False)
        value = values.get(m.group(1), m.group(0))
        out.append(value)
        origin.extend([m.start()] * len(value))
        fixed.extend([True] * len(value))
        at = m.end()
    for i in range(at, end):
        out.append(" " if text[i] == "\n" else text[i])
        origin.append(i)
        fixed.append(False)
    origin.append(end)
    return Built("".join(out), tuple(origin), tuple(fixed))


def built_from(
    text: str, span: tuple[int, int], wording: str, values: Mapping[str, str]
) -> Built | None:
    """The part of the block ``span`` whose built text is exactly ``wording`` (a paragraph or
    list item: the whole block; a heading: after its «#» marks; a table row: one cell), or
    None when the block does not build to that wording."""
    block = text[span[0] : span[1]]
    if block.lstrip().startswith("|"):
        hits = [
            built
            for start, end in cells(block)
            if (built := shown(text, span[0] + start, span[0] + end, values)).text == wording
        ]
        return hits[0] if len(hits) == 1 else None
    heading = HEADING_RE.match(block)
    start = span[0] + (heading.end() if heading else 0)
    end = span[0] + len(block.rstrip())
    built = shown(text, start, end, values)
    return built if built.text == wording else None


def plan_item(
    item: ReviewItem, text: str, line: int, values: Mapping[str, str] | None = None
) -> Outcome:
    """The edits of one changed paragraph in its file's ``text`` (nothing is written)."""
    old, new = item.old_text or "", item.new_text or ""
    if not old.strip():
        return Outcome(item, Status.SKIPPED, "đoạn văn mới thêm, chưa có trong nguồn: thêm tay")
    if not new.strip():
        return Outcome(item, Status.SKIPPED, "người góp ý xóa cả đoạn: xóa tay nếu tiếp thu")
    span = block_span(text, line)
    if span is None:
        return Outcome(item, Status.SKIPPED, f"dòng {line} không còn là đầu một đoạn văn")
    diff = pieces(old, new)
    if not diff:
        return Outcome(item, Status.DONE, "không có khác biệt về câu chữ")
    values = values or {}
    built = built_from(text, span, old, values)
    if built is None:
        if built_from(text, span, literal(new), values) is not None:
            return Outcome(item, Status.DONE, "câu chữ mới đã có trong nguồn")
        return Outcome(
            item,
            Status.SKIPPED,
            "câu chữ trong nguồn không còn đúng như bản đã dựng (đã sửa sau đó, hoặc có định "
            "dạng, biến, ghi chú trong đoạn): sửa tay",
        )
    protected = [(m.start(), m.end()) for m in GUIDANCE_RE.finditer(text)]
    edits = []
    for start, end, replacement in diff:
        if any(built.fixed[start:end]) or (
            start == end and 0 < start < len(old) and built.fixed[start - 1] and built.fixed[start]
        ):
            return Outcome(
                item,
                Status.SKIPPED,
                "chỗ sửa nằm trong phần chữ do biến {{…}} điền vào (sửa report.yaml nếu cần)",
            )
        edit = Edit(built.origin[start], built.origin[end], literal(replacement))
        if any(
            edit.start < p_end and p_start < max(edit.end, edit.start + 1)
            for p_start, p_end in protected
        ):
            return Outcome(item, Status.SKIPPED, "chỗ sửa chạm vào ghi chú hướng dẫn")
        edits.append(edit)
    return Outcome(item, Status.APPLIED, "", tuple(edits))


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
    from vankien.report.load import load_report
    from vankien.textio import read_text
    from vankien.word.review import ItemKind

    values = load_report(root).variables
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
        outcome = plan_item(item, texts[target], item.source.line, values)
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
    from vankien import gitio
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
