"""``vankien release``: publish the next draft stage (dự thảo lần N) or the final text.

Steps, each refusing clearly when it cannot go on:
1. the report folder must have no uncommitted change, and the stage's tag must not exist;
2. the next stage is one more than the highest ``du-thao-N`` tag (or ``chinh-thuc``); the
   report is linted with that stage's severities (the final stage refuses any error), and
   ``build/<stage>/`` must be writable: until here nothing is changed;
3. ``document.stage`` in report.yaml is set to it (only that value changes: comments and
   layout survive) and committed;
4. the package is built into ``build/<stage>/``: the .docx, the PDF and the redline against
   the previous stage's tag;
5. only then is the tag made, so a failed build can simply be run again.

Tags of a report folder below the repository's top carry its path («examples/dang-bo/du-thao-1»),
so several reports can live in one repository.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vankien import gitio
from vankien.errors import EXIT_FINDINGS, EXIT_OK, UserError
from vankien.textio import ensure_writable, read_text, write_atomic
from vankien.unit.load import METADATA_FILE
from vankien.unit.model import Stage

if TYPE_CHECKING:
    from vankien.report.model import Report

FINAL = Stage(None).slug
UNCHANGED = "Chưa thay đổi gì: report.yaml, commit, tag và thư mục build/ vẫn như trước."
VALUE_RE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#]+)""")


@dataclass(frozen=True)
class Plan:
    stage: str
    tag: str
    previous: str | None


def plan(root: Path, *, final: bool) -> Plan:
    """The stage to publish, its tag and the previous stage's tag; refuses when it cannot."""
    prefix = gitio.prefix(root)
    if gitio.tag_exists(root, prefix + FINAL):
        raise UserError(
            f"báo cáo đã phát hành bản chính thức (tag «{prefix + FINAL}»)",
            path=root,
            hint="sau bản chính thức không phát hành thêm dự thảo nào nữa.",
        )
    drafts = sorted(
        found.draft
        for name in gitio.tags(root, f"{prefix}du-thao-*")
        if (found := Stage.parse(name.removeprefix(prefix))) is not None and found.draft
    )
    previous = prefix + Stage(drafts[-1]).slug if drafts else None
    stage = FINAL if final else Stage((drafts[-1] if drafts else 0) + 1).slug
    tag = prefix + stage
    if gitio.tag_exists(root, tag):
        raise UserError(
            f"tag «{tag}» đã có trong kho",
            path=root,
            hint="xem các tag bằng «git tag»; mỗi giai đoạn chỉ phát hành một lần.",
        )
    return Plan(stage, tag, previous)


def set_stage(path: Path, stage: str) -> bool:
    """Write ``document.stage: <stage>`` into report.yaml, changing nothing else.

    ruamel's round-trip parse finds where the value is; only that value's text is replaced,
    so comments, quoting and indentation stay as the office wrote them. Returns whether the
    file changed.
    """
    from vankien.yamlio import load_yaml

    data = load_yaml(path)
    document = data.get("document") if hasattr(data, "get") else None
    if document is None or "stage" not in document:
        raise UserError(
            "report.yaml thiếu khóa «document.stage»",
            path=path,
            hint="thêm dòng «  stage: du-thao-1» trong mục «document:».",
        )
    if str(document["stage"]) == stage:
        return False
    line, col = document.lc.value("stage")
    text = read_text(path)
    lines = text.split("\n")
    m = VALUE_RE.match(lines[line], col)
    if m is None:
        raise UserError("không sửa được giá trị «document.stage»", path=path, line=line + 1)
    lines[line] = lines[line][: m.start()] + stage + lines[line][m.end() :]
    new_text = "\n".join(lines)
    write_atomic(path, new_text)
    check = load_yaml(path)
    if str(check["document"]["stage"]) != stage:  # pragma: no cover - defensive
        write_atomic(path, text)
        raise UserError("không sửa được giá trị «document.stage»", path=path, line=line + 1)
    return True


def _label(slug: str) -> str:
    stage = Stage.parse(slug)
    return "Bản chính thức" if stage is None or stage.is_final else stage.label


def build_package(report: Report, stage: str, previous: str | None, *, pdf: bool) -> list[Path]:
    """build/<stage>/: the .docx, the PDF and the redline against ``previous``."""
    from vankien.publish.command import build_docx
    from vankien.review.redline import make_redline

    root = report.root
    out_dir = root / "build" / stage
    written: list[Path] = []
    data, name = build_docx(report)
    docx = out_dir / name
    write_atomic(docx, data)
    written.append(docx)
    if pdf:
        from vankien.publish.pdf import docx_to_pdf

        target = docx.with_suffix(".pdf")
        write_atomic(target, docx_to_pdf(docx))
        written.append(target)
    if previous is not None:
        result = make_redline(root, previous, "HEAD")
        old = previous.rsplit("/", 1)[-1]
        target = out_dir / f"{Path(name).stem}-so-sanh-{old}.docx"
        write_atomic(target, result.data)
        written.append(target)
    return written


def release(root: Path, *, final: bool = False, pdf: bool = True) -> int:
    root = root.resolve()
    if pdf:
        from vankien.publish.pdf import soffice_path

        # fail before changing anything when LibreOffice is missing
        soffice_path(without_pdf="chạy lại với tùy chọn --no-pdf")
    dirty = gitio.dirty_paths(root)
    if dirty:
        shown = ", ".join(dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise UserError(
            f"thư mục báo cáo còn thay đổi chưa commit: {shown}",
            path=root,
            hint="commit (hoặc bỏ) các thay đổi này rồi chạy lại «vankien release».",
        )
    p = plan(root, final=final)
    stage = Stage.parse(p.stage)
    assert stage is not None
    # The stage about to be created decides the severities (and CON010's number, date and
    # signer): «vankien build» would refuse the same errors once report.yaml names the stage.
    from vankien.publish.command import stage_allows
    from vankien.report.load import load_report

    report = load_report(root)
    command = "vankien release" + (" --final" if final else "")
    if not stage_allows(report, stage, UNCHANGED, command, then="commit rồi"):
        return EXIT_FINDINGS
    ensure_writable(root / "build" / p.stage)  # before the commit: nothing changed yet
    label = _label(p.stage)
    yaml_path = root / METADATA_FILE
    if set_stage(yaml_path, p.stage):
        gitio.commit(root, f"Phát hành {label.lower()} ({p.stage})", [yaml_path])
        print(f"Đã ghi giai đoạn «{p.stage}» vào report.yaml và commit.")
    try:
        # report.yaml now names the stage: the loaded report, read at that stage.
        written = build_package(report.at_stage(stage), p.stage, p.previous, pdf=pdf)
    except UserError as exc:  # e.g. the disk filled up: say where the release stands
        exc.hint = (exc.hint + " " if exc.hint else "") + (
            f"(report.yaml đã ghi giai đoạn «{p.stage}» và đã commit, nhưng chưa gắn tag: "
            f"sửa xong thì chạy lại «{command}», lần sau dùng lại commit đó.)"
        )
        raise
    gitio.tag(root, p.tag, f"{label}")
    print(f"Đã gắn tag «{p.tag}» ({label}). Bộ tài liệu:")
    for path in written:
        print(f"  {path}")
    if p.previous is None:
        print("  (dự thảo đầu tiên: chưa có bản so sánh)")
    print("Đẩy tag lên máy chủ: git push --follow-tags", file=sys.stdout)
    return EXIT_OK
