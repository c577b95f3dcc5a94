"""``vankien redline FROM [TO]``: a Word file with tracked changes between two revisions."""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vankien import gitio
from vankien.errors import EXIT_OK, UserError
from vankien.review.astdiff import Json, Mark, diff_document
from vankien.review.render import Revision, read_revision
from vankien.textio import write_atomic
from vankien.unit.model import Unit


@dataclass(frozen=True)
class Redline:
    data: bytes
    document: Json
    insertions: int
    deletions: int
    author: gitio.Signature


def _count(blocks: Json, kind: str) -> int:
    if isinstance(blocks, list):
        return sum(_count(item, kind) for item in blocks)
    if isinstance(blocks, dict):
        if blocks.get("t") == "Span" and kind in blocks["c"][0][1]:
            return 1
        return sum(_count(v, kind) for v in blocks.values())
    return 0


def _read(root: Path, rev: str, folder: Path, *, anchors: bool = False) -> Revision:
    """A revision's document; its problems name the revision and the file in the report."""
    try:
        return read_revision(folder, anchors=anchors)
    except UserError as exc:
        where = exc.path
        if where is not None and Path(where).is_relative_to(folder):
            where = str(root / Path(where).relative_to(folder))
        label = "bản đang sửa" if rev == gitio.WORKTREE else f"phiên bản «{rev}»"
        raise UserError(
            f"{label}: {exc.message}",
            path=where,
            line=exc.line,
            key=exc.key,
            hint=exc.hint,
        ) from None


def make_redline(root: Path, from_rev: str, to_rev: str = gitio.WORKTREE) -> Redline:
    """Compare the report folder ``root`` at two revisions; nothing on disk is changed."""
    from vankien.review.render import write_docx

    root = root.resolve()
    author = gitio.signature(root, to_rev)
    authors: dict[str, Mark] = {}

    def marks(origins: tuple[str, ...]) -> list[Mark]:
        out: list[Mark] = []
        for file in origins:
            if file not in authors:
                who = gitio.last_change(root, from_rev, to_rev, f"skeleton/{file}") or author
                authors[file] = Mark(who.name, who.iso())
            out.append(authors[file])
        return out

    with tempfile.TemporaryDirectory(prefix="vankien-redline-") as tmp:
        old_dir, new_dir = Path(tmp) / "from", Path(tmp) / "to"
        gitio.read_tree(root, from_rev, old_dir)
        gitio.read_tree(root, to_rev, new_dir)
        old = _read(root, from_rev, old_dir)
        new = _read(root, to_rev, new_dir, anchors=True)  # the redline's text is the new one
        blocks = diff_document(
            old.document["blocks"],
            new.document["blocks"],
            Mark(author.name, author.iso()),
            old_marks=marks(old.origins),
            new_marks=marks(new.origins),
        )
        document = {**new.document, "blocks": blocks}
        data = write_docx(new.setup, document, properties=_identity(new.setup.unit, root, to_rev))
    return Redline(
        data=data,
        document=document,
        insertions=_count(blocks, "insertion"),
        deletions=_count(blocks, "deletion"),
        author=author,
    )


def _identity(unit: Unit, root: Path, to_rev: str) -> tuple[tuple[str, str], ...]:
    """What the redline records about its sources: the newer revision's unit and commit."""
    from vankien.publish.anchors import ANCHOR_SCHEME, BuildIdentity

    if to_rev == gitio.WORKTREE:
        state = gitio.head_state(root)
        commit, modified = (state[0], state[1]) if state else (None, False)
    else:
        commit, modified = gitio.resolve(root, to_rev), False
    identity = BuildIdentity(unit.output, unit.issuer, commit, modified, ANCHOR_SCHEME)
    return identity.properties()


def _slug(rev: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", rev).strip("-") or "ban"


def default_output(root: Path, from_rev: str, to_rev: str) -> Path:
    from vankien.report.load import load_report

    name = load_report(root).unit.output
    to = "hien-tai" if to_rev == gitio.WORKTREE else _slug(to_rev)
    return root / "build" / f"{name}-so-sanh-{_slug(from_rev)}-{to}.docx"


def redline(root: Path, from_rev: str, to_rev: str | None, output: Path | None) -> int:
    """Write the redline .docx and say where it is and what it holds."""
    to = to_rev or gitio.WORKTREE
    result = make_redline(root, from_rev, to)
    target = output if output is not None else default_output(root, from_rev, to)
    write_atomic(target, result.data)
    to_label = "bản đang sửa (chưa commit)" if to == gitio.WORKTREE else f"«{to}»"
    print(
        f"Đã ghi {target}: so sánh «{from_rev}» với {to_label}, "
        f"{result.insertions} chỗ thêm, {result.deletions} chỗ xóa "
        f"(người sửa: {result.author.name}, {result.author.iso()}).\n"
        "Mở bằng Word, thẻ Review (Xem lại) → Accept/Reject để chấp nhận hoặc bỏ từng thay đổi.",
        file=sys.stdout,
    )
    return EXIT_OK
