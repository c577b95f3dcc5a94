"""`vankien import FILE.docx`: a unit's Word draft becomes the skeleton files of a report folder.

The conversion (reading the docx, recognising its headings, mapping them onto the outline,
writing Markdown) is :mod:`vankien.word.markdown`'s, shared with ``vankien check``. This module
decides where each text and picture goes and writes them:

- a skeleton file that does not exist, or that is exactly what ``vankien scaffold`` wrote (no
  writer has typed in it), is written with the imported text;
- a file a writer has changed is never overwritten: the import refuses, naming every such
  file; with ``--force-new`` the imported text goes beside it, in
  ``skeleton/<name>.md.tu-word`` (``.tu-word-2``, ``-3``… when that exists too). Lint and build
  read only ``*.md``, so the side file changes nothing until the writer merges it by hand;
- a picture goes to the path the conversion gives (``images/…``); one already there with the
  same bytes is kept, one with other bytes is a writer's file like any other (refused, or, with
  ``--force-new``, written under a new name that the Markdown then points to);
- everything is written or nothing is: each file through :func:`vankien.textio.write_atomic`,
  and if one write fails, the ones already made are undone.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.errors import EXIT_OK, UserError
from vankien.resources import inside_report
from vankien.skeleton.files import SKELETON_DIR
from vankien.textio import decode, write_atomic

if TYPE_CHECKING:
    from vankien.word.markdown import Conversion
    from vankien.word.structure import Draft

SIDE_SUFFIX = ".tu-word"


@dataclass(frozen=True)
class Write:
    """One file the import writes."""

    path: Path  # where it is written
    wanted: Path  # where it belongs (differs when written beside a writer's file)
    data: bytes
    previous: bytes | None  # the untouched scaffold text it replaces; None: a new file

    @property
    def beside(self) -> bool:
        return self.path != self.wanted


@dataclass(frozen=True)
class Plan:
    """What an import would do in a report folder, decided before anything is written."""

    root: Path
    writes: tuple[Write, ...]
    conflicts: tuple[Path, ...]  # writers' files in the way (the import refuses without
    # --force-new; with it they are the files written beside)
    kept_images: tuple[Path, ...]  # pictures already there with the same bytes
    renamed_images: Mapping[str, str]  # image path → the new path it was written under

    def write_for(self, wanted: Path) -> Write | None:
        for write in self.writes:
            if write.wanted == wanted:
                return write
        return None


def _existing(root: Path, path: Path) -> bytes | None:
    """The bytes of ``path`` if it exists (checked to lie inside the report folder)."""
    if not path.exists() and not path.is_symlink():
        return None
    inside_report(root, path)
    if not path.is_file():
        raise UserError(
            "đã có một thư mục hoặc tệp đặc biệt trùng tên với tệp cần ghi",
            path=path,
            hint="đổi tên hoặc chuyển nó đi rồi chạy lại «vankien import».",
        )
    return path.read_bytes()


def _side_path(root: Path, path: Path, data: bytes) -> Path | None:
    """A free name beside ``path``: ``<name>.tu-word``, then ``.tu-word-2``, ``-3``…; None
    when one of them already holds ``data`` (an earlier --force-new import of the same draft).
    """
    candidate = path.with_name(path.name + SIDE_SUFFIX)
    n = 2
    while (existing := _existing(root, candidate)) is not None:
        if existing == data:
            return None
        candidate = path.with_name(f"{path.name}{SIDE_SUFFIX}-{n}")
        n += 1
    return candidate


def _free_image_path(root: Path, rel: str, data: bytes, taken: set[str]) -> tuple[str, bool]:
    """A path for a picture whose wanted path holds other bytes: ``stem-2.ext``, ``-3``…

    Returns the path and whether a file with these very bytes is already there.
    """
    stem, ext = posixpath.splitext(rel)
    n = 2
    while True:
        candidate = f"{stem}-{n}{ext}"
        existing = _existing(root, root / candidate)
        if existing == data:
            return candidate, True
        if existing is None and candidate not in taken:
            return candidate, False
        n += 1


def _image_ref_re(image: str) -> re.Pattern[str]:
    """A Markdown image target pointing (from skeleton/) at ``image`` (relative to the root)."""
    target = posixpath.relpath(image, SKELETON_DIR)
    return re.compile(r"(\]\(\s*<?)" + re.escape(target) + r"(?=[>)\s])")


def plan_import(
    root: Path,
    texts: Sequence[tuple[str, str]],
    images: Sequence[tuple[str, bytes]],
    scaffold_texts: Mapping[str, str],
    *,
    force_new: bool,
) -> Plan:
    """Decide every write of an import into ``root``.

    ``texts``: (skeleton file name, Markdown text) for each outline file; ``images``: (path
    relative to ``root``, bytes); ``scaffold_texts``: what ``vankien scaffold`` writes for each
    file (a file still equal to it holds no writer's text and may be replaced).
    """
    for folder in (root / SKELETON_DIR, *{(root / rel).parent for rel, _ in images}):
        if folder.exists() or folder.is_symlink():
            inside_report(root, folder)
    writes: list[Write] = []
    conflicts: list[Path] = []
    kept: list[Path] = []
    renamed: dict[str, str] = {}
    taken: set[str] = set()
    for rel, data in images:
        path = root / rel
        existing = _existing(root, path)
        if existing == data:
            kept.append(path)
            continue
        if existing is None and rel not in taken:
            taken.add(rel)
            writes.append(Write(path, path, data, None))
            continue
        conflicts.append(path)
        new_rel, there = _free_image_path(root, rel, data, taken)
        renamed[rel] = new_rel
        if there:
            kept.append(root / new_rel)
        else:
            taken.add(new_rel)
            writes.append(Write(root / new_rel, path, data, None))
    for name, text in texts:
        for old, new in renamed.items():
            target = posixpath.relpath(new, SKELETON_DIR).replace("\\", "\\\\")
            text = _image_ref_re(old).sub(r"\g<1>" + target, text)
        data = text.encode("utf-8")
        path = root / SKELETON_DIR / name
        existing = _existing(root, path)
        if existing is None:
            writes.append(Write(path, path, data, None))
            continue
        if existing == data:
            continue  # imported before: nothing to change
        untouched = scaffold_texts.get(name)
        if untouched is not None and decode(existing, path) == untouched:
            writes.append(Write(path, path, data, existing))
            continue
        conflicts.append(path)
        side = _side_path(root, path, data)
        if side is not None:
            writes.append(Write(side, path, data, None))
    return Plan(root, tuple(writes), tuple(conflicts), tuple(kept), renamed)


def refusal(plan: Plan) -> UserError:
    """The error for an import that would overwrite writers' files."""
    names = ", ".join(f"«{p.relative_to(plan.root).as_posix()}»" for p in plan.conflicts)
    return UserError(
        f"không nhập: {len(plan.conflicts)} tệp đã có nội dung do người viết soạn ({names}); "
        "vankien không ghi đè lên tệp của người viết, nên chưa ghi tệp nào",
        path=plan.root,
        hint="chạy lại với --force-new để ghi bản nhập bên cạnh (tệp «….md.tu-word», ảnh tên "
        "mới) rồi tự chép phần cần thiết; hoặc nhập vào một thư mục báo cáo khác (--root).",
    )


def apply_plan(plan: Plan, write: Callable[[Path, bytes], None] = write_atomic) -> None:
    """Write every file of ``plan``, or none: a failure undoes the writes already made.

    ``write`` is :func:`vankien.textio.write_atomic`; a test passes one that fails on purpose.
    """
    done: list[Write] = []
    made_dirs: list[Path] = []
    try:
        for item in plan.writes:
            now = _existing(plan.root, item.path)
            if now != item.previous:
                raise UserError(
                    "tệp vừa bị thay đổi trong lúc nhập (có người hoặc chương trình khác đang "
                    "ghi vào thư mục báo cáo)",
                    path=item.path,
                    hint="chạy lại «vankien import» khi không còn ai ghi vào thư mục.",
                )
            missing = [d for d in (item.path.parent, *item.path.parent.parents) if not d.exists()]
            made_dirs.extend(reversed(missing))
            write(item.path, item.data)
            done.append(item)
    except BaseException:
        for item in reversed(done):
            if item.previous is None:
                item.path.unlink(missing_ok=True)
            else:
                write_atomic(item.path, item.previous)
        for folder in reversed(made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _rel(plan: Plan, path: Path) -> str:
    return path.relative_to(plan.root).as_posix()


def _marker_lines(text: str, marker: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(marker)]


def shorten(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _around_change(old: str, new: str, limit: int = 70) -> tuple[str, str]:
    """Both texts shortened so that where they differ stays in view."""
    old, new = " ".join(old.split()), " ".join(new.split())
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = max(0, same - limit // 2) if max(len(old), len(new)) > limit else 0
    if start:
        start = old.find(" ", start) + 1 or start  # at the start of a word
    lead = "…" if start else ""
    return shorten(lead + old[start:], limit), shorten(lead + new[start:], limit)


@dataclass(frozen=True)
class Unplaced:
    """A marked block of text the import could not place under an outline section."""

    file: str  # skeleton file name
    texts: tuple[str, ...]  # the paragraphs' visible text


@dataclass(frozen=True)
class Summary:
    """What the import's report says beyond the files written (from the Draft)."""

    source: Path
    sections: int  # outline sections found in the draft
    total_sections: int
    missing: tuple[str, ...]  # "II.3. Title" of outline sections not found
    extra: tuple[str, ...]  # headings kept that the outline does not have
    renumbered: tuple[tuple[str, str], ...]  # (as typed in the draft, as the outline writes it)
    unplaced: tuple[Unplaced, ...]
    unplaced_marker: str  # the first words of the marker line that opens an unplaced block
    texts: Mapping[str, str]  # file name → imported text (to find the blocks' lines)


def format_report(plan: Plan, summary: Summary) -> str:
    """The import's report, in Vietnamese, for a person."""
    out = [f"Đã nhập «{summary.source.name}» vào thư mục báo cáo {plan.root}."]
    out.append(
        f"Tìm thấy {summary.sections}/{summary.total_sections} mục của đề cương trong bản Word."
    )
    texts = [w for w in plan.writes if w.wanted.parent == plan.root / SKELETON_DIR]
    if not texts:
        out.append("Không tệp văn bản nào thay đổi: các tệp đã có giống hệt bản nhập.")
    else:
        out.append("Các tệp đã ghi:")
        for item in texts:
            how = "thay tệp khung chưa viết" if item.previous is not None else "tệp mới"
            if item.beside:
                how = f"«{_rel(plan, item.wanted)}» đã có nội dung của người viết: ghi bên cạnh"
            out.append(f"  - {_rel(plan, item.path)} ({how})")
    pictures = [w for w in plan.writes if w not in texts]
    if pictures or plan.kept_images:
        out.append(
            f"Hình ảnh: ghi {len(pictures)} tệp"
            + (f", giữ {len(plan.kept_images)} tệp đã có giống hệt" if plan.kept_images else "")
            + (":" if pictures else ".")
        )
        for item in pictures:
            note = f" (tên «{_rel(plan, item.wanted)}» đã có ảnh khác)" if item.beside else ""
            out.append(f"  - {_rel(plan, item.path)}{note}")
    if summary.unplaced:
        count = sum(len(block.texts) for block in summary.unplaced)
        out.append(
            f"Nội dung chưa xếp được vào mục nào của đề cương: {count} đoạn, để trong khối "
            f"đánh dấu «{summary.unplaced_marker.removeprefix('<!-- ').strip()}» — hãy chuyển "
            "vào đúng mục rồi xóa hai dòng đánh dấu:"
        )
        seen: dict[str, int] = {}
        for block in summary.unplaced:
            lines = _marker_lines(summary.texts.get(block.file, ""), summary.unplaced_marker)
            k = seen.get(block.file, 0)
            seen[block.file] = k + 1
            write = plan.write_for(plan.root / SKELETON_DIR / block.file)
            where = _rel(plan, write.path) if write else f"{SKELETON_DIR}/{block.file}"
            if k < len(lines):
                where += f", dòng {lines[k]}"
            out.append(f"  - {where}:")
            out.extend(f"      «{shorten(text)}»" for text in block.texts if text.strip())
    if summary.renumbered:
        out.append("Tiêu đề ghi số hoặc tên khác đề cương (đã viết lại theo đề cương):")
        out.extend(
            f"  - «{x}» → «{y}»" for x, y in (_around_change(a, b) for a, b in summary.renumbered)
        )
    if summary.extra:
        out.append("Tiêu đề không có trong đề cương (giữ nguyên, lint sẽ báo):")
        out.extend(f"  - «{shorten(text)}»" for text in summary.extra)
    if summary.missing:
        out.append("Mục của đề cương không thấy trong bản Word (cần viết thêm):")
        out.extend(f"  - {shorten(text)}" for text in summary.missing)
    if any(w.beside for w in plan.writes if w in texts):
        out.append(
            "Các tệp «….md.tu-word» không được lint và build đọc: chép phần cần thiết vào tệp "
            ".md tương ứng rồi xóa chúng."
        )
    out.append("Tiếp theo: vankien lint (kiểm tra), rồi vankien build (xuất văn bản Word).")
    return "\n".join(out)


def _summary(draft: Draft, conversion: Conversion, texts: Mapping[str, str]) -> Summary:
    from vankien.skeleton.render import substitute
    from vankien.word.markdown import UNPLACED_OPEN

    variables = dict(draft.variables)
    shown = {p.index: p.display for p in draft.document.paragraphs}
    renumbered = tuple(
        (h.candidate.text, substitute(h.section.heading_text(), variables))
        for h in draft.headings
        if h.section is not None and not (h.number_ok and h.title_ok)
    )
    return Summary(
        source=draft.document.path,
        sections=sum(1 for _ in draft.outline.walk()) - len(draft.missing),
        total_sections=sum(1 for _ in draft.outline.walk()),
        missing=tuple(substitute(s.heading_text(), variables) for s in draft.missing),
        extra=tuple(h.candidate.text for h in draft.extra),
        renumbered=renumbered,
        unplaced=tuple(
            Unplaced(file, tuple(shown.get(i, "") for i in paragraphs))
            for file, paragraphs in conversion.unplaced
        ),
        unplaced_marker=UNPLACED_OPEN,
        texts=texts,
    )


def _image_bytes(docx: Path, conversion: Conversion) -> list[tuple[str, bytes]]:
    from vankien.publish.ooxml.package import read_parts

    if not conversion.images:
        return []
    parts = read_parts(docx.read_bytes(), str(docx))
    out: list[tuple[str, bytes]] = []
    for image in conversion.images:
        if image.part not in parts:
            raise UserError(
                f"tệp Word nhắc tới ảnh «{image.part}» nhưng không chứa ảnh đó (tệp bị hỏng)",
                path=docx,
                hint="mở tệp trong Word hoặc LibreOffice, chèn lại ảnh, lưu rồi nhập lại.",
            )
        out.append((image.path, parts[image.part]))
    return out


def import_command(docx: Path, root: Path, force_new: bool) -> int:
    """Read ``docx``, convert it against the report's outline, write the files, report."""
    from vankien.report.load import load_report
    from vankien.skeleton.render import file_banner, render_all
    from vankien.word.markdown import to_markdown
    from vankien.word.reader import read_docx
    from vankien.word.structure import build_draft

    report = load_report(root)  # report.yaml and the outline; the skeleton is not read
    outline, variables = report.outline, report.variables
    draft = build_draft(read_docx(docx), outline, variables)
    if not any(h.section is not None for h in draft.headings):
        raise UserError(
            f"không tìm thấy đề mục nào của đề cương «{outline.id}» trong bản Word, nên không "
            "biết xếp nội dung vào tệp nào; chưa ghi tệp nào",
            path=docx,
            hint="kiểm tra đây đúng là Báo cáo chính trị theo đề cương của report.yaml, và các "
            "đề mục (Phần thứ nhất, I., 1., 1.1. …) được gõ thành dòng riêng.",
        )
    conversion = to_markdown(draft, fill_missing=True)
    # Each file starts, as a scaffolded one does, with whose it is and how to write in it.
    texts = {
        f.file: f"{file_banner(outline, f.file, variables)}\n\n{f.text}" for f in conversion.files
    }
    plan = plan_import(
        root,
        list(texts.items()),
        _image_bytes(docx, conversion),
        render_all(outline, variables),
        force_new=force_new,
    )
    if plan.conflicts and not force_new:
        raise refusal(plan)
    apply_plan(plan)
    print(format_report(plan, _summary(draft, conversion, texts)))
    return EXIT_OK
