"""``vankien comments FILE.docx…``: the committee's comments and tracked changes, summarised.

The «bảng tổng hợp ý kiến góp ý»: one row per comment (with its replies as a thread), per
paragraph a reviewer changed with Track Changes on (the old and the new wording), and per
paragraph edited without it (author unknown). Each row says the section (number and title),
the skeleton file and line, the reviewer, the date and the text it is about. The rows of
several reviewed copies are merged (:func:`vankien.word.review.read_review`).

Formats: ``table`` (the terminal), ``markdown`` (a pull-request comment), ``csv``, ``json``
(the same fields, for programs and the CI), ``docx`` (the table in the report's official
formatting, landscape, with an empty «Tiếp thu, giải trình» column the office fills in).
``--apply`` hands the tracked changes to :mod:`vankien.word.apply`.

Exit codes: 0 the summary was made (an empty one too: no comment is not an error), 2 bad input
(a file that cannot be read, not from this report, a bad option).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vankien.errors import EXIT_OK, UserError

if TYPE_CHECKING:
    from vankien.report.model import Report
    from vankien.word.review import ReviewItem, ReviewSummary

FORMATS = ("table", "markdown", "csv", "json", "docx")
TITLE = "Bảng tổng hợp ý kiến góp ý"
ANSWER = "Tiếp thu, giải trình"
KIND_LABELS = {
    "comment": "Ý kiến",
    "change": "Sửa trực tiếp (có theo dõi)",
    "untracked": "Sửa không theo dõi",
}
HEADERS = (
    "TT",
    "Mục",
    "Vị trí",
    "Người góp ý",
    "Ngày",
    "Loại",
    "Nội dung góp ý",
    "Đoạn văn được góp ý",
    "Bản góp ý",
)
TEXT_MATCH_NOTE = (
    "Ghi chú: có dòng được xác định vị trí bằng cách so khớp câu chữ (bản Word không còn dấu "
    "vị trí của vankien); đánh dấu «theo văn bản» ở cột Vị trí."
)


def date_text(value: str | None) -> str:
    """``2025-05-06T09:30:00Z`` → ``06/05/2025``; what cannot be read stays as written."""
    if not value:
        return ""
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return when.strftime("%d/%m/%Y")


def section_text(item: ReviewItem) -> str:
    source = item.source
    return " ".join(part for part in (source.section_number, source.section_title) if part)


def place_text(item: ReviewItem) -> str:
    from vankien.word.review import Matched

    source = item.source
    if source.file is None:
        return "không xác định"
    where = source.file if source.line is None else f"{source.file}:{source.line}"
    return f"{where} (theo văn bản)" if source.matched is Matched.TEXT else where


def people_text(item: ReviewItem) -> str:
    names = [who.name for who in item.authors if who.known]
    return ", ".join(names) if names else "không rõ"


def thread_lines(item: ReviewItem) -> list[str]:
    """What the row says: the comment and its replies; for a change, each edit and the new
    wording (the old one is the text the row is on)."""
    from vankien.word.review import ItemKind

    if item.kind is ItemKind.COMMENT:
        head = item.text + (" [đã giải quyết]" if item.resolved else "")
        lines = [head]
        for reply in item.replies:
            who = reply.author.name or "không rõ"
            when = date_text(reply.date)
            lines.append(f"↳ {who}{f' ({when})' if when else ''}: {reply.text}")
        return lines
    return [*edit_lines(item.old_text or "", item.new_text or ""), f"Mới: {item.new_text or ''}"]


def edit_lines(old: str, new: str) -> list[str]:
    """What changed, word by word: «Xóa …», «Thêm …», «Thay … bằng …»."""
    from vankien.word.apply import pieces

    out = []
    for start, end, text in pieces(old, new):
        gone = old[start:end].strip()
        if gone and text.strip():
            out.append(f"Thay «{gone}» bằng «{text.strip()}»")
        elif gone:
            out.append(f"Xóa «{gone}»")
        elif text.strip():
            out.append(f"Thêm «{text.strip()}»")
    return out


def anchored_text(item: ReviewItem) -> str:
    from vankien.word.review import ItemKind

    if item.kind is ItemKind.COMMENT:
        return item.anchored or "(nhận xét không gắn với đoạn chữ nào)"
    return item.anchored or item.old_text or ""


@dataclass(frozen=True)
class Row:
    """One row of the summary, as text cells (csv, markdown, docx share them)."""

    number: int
    section: str
    place: str
    people: str
    date: str
    kind: str
    thread: tuple[str, ...]
    anchored: str
    copies: str

    def cells(self, joiner: str = "\n") -> list[str]:
        return [
            str(self.number),
            self.section,
            self.place,
            self.people,
            self.date,
            self.kind,
            joiner.join(self.thread),
            self.anchored,
            self.copies,
        ]


def rows(summary: ReviewSummary) -> list[Row]:
    return [
        Row(
            number,
            section_text(item),
            place_text(item),
            people_text(item),
            date_text(item.date),
            KIND_LABELS[item.kind.value],
            tuple(thread_lines(item)),
            anchored_text(item),
            ", ".join(item.copies),
        )
        for number, item in enumerate(summary.items, 1)
    ]


def render_table(summary: ReviewSummary) -> str:
    """For the terminal: one block per row."""
    if not summary.items:
        return "Không có ý kiến góp ý hay chỗ sửa nào trong các bản góp ý.\n"
    out: list[str] = []
    for row in rows(summary):
        out.append(f"{row.number}. {row.section or '(trước mục đầu tiên)'} — {row.place}")
        out.append(f"   {row.kind} · {row.people}{f' · {row.date}' if row.date else ''}")
        if row.anchored:
            label = "Đoạn" if row.kind == KIND_LABELS["comment"] else "Cũ"
            out.append(f"   {label}: «{row.anchored}»")
        out.extend(f"   {line}" for line in row.thread)
        out.append("")
    out.append(totals_line(summary))
    if summary.matched_by_text:
        out.append(TEXT_MATCH_NOTE)
    return "\n".join(out) + "\n"


def totals_line(summary: ReviewSummary) -> str:
    from vankien.word.review import ItemKind

    count = {kind: 0 for kind in ItemKind}
    for item in summary.items:
        count[item.kind] += 1
    people = sorted({who.name for item in summary.items for who in item.authors if who.known})
    return (
        f"Tổng cộng: {count[ItemKind.COMMENT]} ý kiến, {count[ItemKind.CHANGE]} đoạn sửa có "
        f"theo dõi, {count[ItemKind.UNTRACKED]} đoạn sửa không theo dõi, từ "
        f"{len(summary.copies)} bản góp ý; người góp ý: {', '.join(people) or 'không rõ'}."
    )


def md_cell(text: str) -> str:
    """A GitHub-flavoured table cell: pipes escaped, lines joined with <br>."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(part for part in text.split("\n")) or " "


def render_markdown(summary: ReviewSummary) -> str:
    lines = [f"### {TITLE}", ""]
    if not summary.items:
        lines.append("Không có ý kiến góp ý hay chỗ sửa nào trong các bản góp ý.")
        return "\n".join(lines) + "\n"
    lines.append("| " + " | ".join(HEADERS) + " |")
    lines.append("|" + "|".join("---" for _ in HEADERS) + "|")
    for row in rows(summary):
        lines.append("| " + " | ".join(md_cell(c) for c in row.cells()) + " |")
    lines += ["", totals_line(summary)]
    if summary.matched_by_text:
        lines += ["", TEXT_MATCH_NOTE]
    return "\n".join(lines) + "\n"


def render_csv(summary: ReviewSummary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*HEADERS, ANSWER))
    for row in rows(summary):
        writer.writerow((*row.cells(), ""))
    return out.getvalue()


def person_json(who: Any) -> dict[str, str]:
    return {
        "name": who.name,
        "initials": who.initials,
        "provider": who.provider,
        "user_id": who.user_id,
    }


def item_json(number: int, item: ReviewItem) -> dict[str, Any]:
    source = item.source
    return {
        "number": number,
        "kind": item.kind.value,
        "section": {
            "id": source.section_id,
            "number": source.section_number,
            "title": source.section_title,
        },
        "file": source.file,
        "line": source.line,
        "matched": source.matched.value,
        "score": source.score,
        "area": item.area.value,
        "author": person_json(item.author),
        "date": item.date,
        "text": item.text,
        "anchored": item.anchored,
        "resolved": item.resolved,
        "replies": [
            {
                "author": person_json(reply.author),
                "date": reply.date,
                "text": reply.text,
                "resolved": reply.done,
            }
            for reply in item.replies
        ],
        "old_text": item.old_text,
        "new_text": item.new_text,
        "changes": [
            {
                "kind": change.kind.value,
                "author": person_json(change.author),
                "date": change.date,
                "text": change.text,
                "offset": change.offset,
            }
            for change in item.changes
        ],
        "copies": list(item.copies),
    }


def render_json(summary: ReviewSummary) -> str:
    data = {
        "title": TITLE,
        "unit": summary.unit,
        "copies": [
            {"file": copy.path.name, "anchored": copy.anchored, "items": len(copy.items)}
            for copy in summary.copies
        ],
        "matched_by_text": summary.matched_by_text,
        "items": [item_json(n, item) for n, item in enumerate(summary.items, 1)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# Every ASCII punctuation character can be backslash-escaped in pandoc's Markdown: a reviewer's
# «*», «_», «[» or «{{» stays literal text in the docx table.
_PUNCT_RE = re.compile(r"([!-/:-@\[-`{-~])")


def pandoc_text(text: str) -> str:
    return _PUNCT_RE.sub(r"\\\1", text)


DOCX_HEADERS = ("TT", "Mục, vị trí", "Người góp ý, ngày", "Nội dung góp ý", "Đoạn văn", ANSWER)


def docx_markdown(summary: ReviewSummary) -> str:
    """The body of the docx: a pipe table (dash widths set the column widths)."""
    lines = [
        "| " + " | ".join(DOCX_HEADERS) + " |",
        "|" + "|".join("---" for _ in DOCX_HEADERS) + "|",
    ]
    for row in rows(summary):
        cells = [
            row.cells()[0],
            f"{row.section}; {row.place}" if row.section else row.place,
            f"{row.people}; {row.date}" if row.date else row.people,
            " — ".join((row.kind, *row.thread)),
            row.anchored,
            "",
        ]
        lines.append(
            "| " + " | ".join(pandoc_text(c.replace("\n", " ")) or " " for c in cells) + " |"
        )
    if not summary.items:
        lines.append("| | | | Không có ý kiến góp ý. | | |")
    lines += ["", pandoc_text(totals_line(summary))]
    if summary.matched_by_text:
        lines += ["", pandoc_text(TEXT_MATCH_NOTE)]
    lines.append("")
    return "\n".join(lines)


DOCX_WIDTHS = (4, 14, 12, 34, 22, 14)  # the columns' shares of the text width


def landscape(document: Any) -> None:
    """The document's (last, only) section on landscape pages, the table's columns in
    :data:`DOCX_WIDTHS` (pandoc's CommonMark pipe tables have equal columns; the build's
    post-processing then fits the table to the text width, keeping these proportions)."""
    from vankien.publish.ooxml.ns import qn

    for grid in document.iter(qn("w:tblGrid")):
        columns = grid.findall(qn("w:gridCol"))
        if len(columns) == len(DOCX_WIDTHS):
            for column, share in zip(columns, DOCX_WIDTHS, strict=True):
                column.set(qn("w:w"), str(share * 100))

    size = document.find(f"{qn('w:body')}/{qn('w:sectPr')}/{qn('w:pgSz')}")
    if size is None:
        return
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    if width is not None and height is not None and int(width) < int(height):
        size.set(qn("w:w"), height)
        size.set(qn("w:h"), width)
        size.set(qn("w:orient"), "landscape")


def render_docx(summary: ReviewSummary, report: Report) -> bytes:
    """The table as an official document of the unit, on landscape pages: its header block,
    the title «BẢNG TỔNG HỢP Ý KIẾN GÓP Ý», the report's reference.docx styles, the build's
    template and post-processing (the same pipeline as ``vankien build``)."""
    import tempfile
    from dataclasses import replace

    from vankien.publish.command import reference_for
    from vankien.publish.ooxml.package import read_parts, transform_part, write_parts
    from vankien.publish.pandoc import run_pandoc
    from vankien.publish.postprocess import postprocess
    from vankien.publish.setup import build_setup
    from vankien.publish.textwidth import NBSP

    root = report.root
    setup = build_setup(report)
    unit, profile, values = setup.unit, setup.profile, setup.values
    subject = f"vào dự thảo {profile.texts.title.capitalize()} {setup.subject}"
    own = {
        "vk-title": TITLE.upper(),
        "vk-subject": subject,
        "vk-number": NBSP * profile.header.number_blank,
    }
    meta = [(k, own.get(k, v)) for k, v in values.metadata if k != "vk-draft"]
    values = replace(values, metadata=meta)
    with tempfile.TemporaryDirectory(prefix="vankien-comments-") as tmp:
        reference = reference_for(root, profile.id, Path(tmp), profile)
        raw = run_pandoc(root, docx_markdown(summary), reference, values, unit.date)
    parts = read_parts(raw)
    transform_part(parts, "word/document.xml", landscape)
    raw = write_parts(parts)
    return postprocess(raw, setup.doc_info(title=f"{TITLE} — {unit.issuer}", subject=subject))


def render(summary: ReviewSummary, fmt: str, report: Report) -> str | bytes:
    if fmt == "table":
        return render_table(summary)
    if fmt == "markdown":
        return render_markdown(summary)
    if fmt == "csv":
        return render_csv(summary)
    if fmt == "json":
        return render_json(summary)
    return render_docx(summary, report)


def since_filter(summary: ReviewSummary, root: Path, rev: str) -> ReviewSummary:
    """Only the items made after revision ``rev`` (its commit date): a copy that still carries
    the comments of an earlier round shows the new ones. An item without a date is kept."""
    from dataclasses import replace

    from vankien import gitio

    cutoff = gitio.signature(root, rev).when

    def recent(value: str | None) -> bool:
        if not value:
            return True
        try:
            when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return True
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return when >= cutoff

    kept = tuple(
        item
        for item in summary.items
        if recent(item.date)
        or any(recent(r.date) for r in item.replies)
        or any(recent(c.date) for c in item.changes)
    )
    return replace(summary, items=kept)


def default_output(root: Path, summary: ReviewSummary) -> Path:
    from vankien.publish.command import BUILD_DIR

    return root / BUILD_DIR / f"{summary.unit}-tong-hop-gop-y.docx"


def comments_command(
    paths: Sequence[Path],
    root: Path | None = None,
    fmt: str = "table",
    since: str | None = None,
    output: Path | None = None,
    apply: bool = False,
    force: bool = False,
) -> int:
    """Read the reviewed copies, print or write the summary; with ``apply``, apply the
    tracked changes to the skeleton files. Returns the exit code."""
    from vankien.textio import write_atomic
    from vankien.word.command import expand, report_folder
    from vankien.word.review import read_review

    if fmt not in FORMATS:
        raise UserError(f"định dạng «{fmt}» không được hỗ trợ", hint="dùng: " + ", ".join(FORMATS))
    files = expand(paths)
    if not files:
        raise UserError(
            "chưa chỉ ra bản góp ý (.docx) nào",
            hint="ví dụ: vankien comments gop-y/*.docx (hoặc vankien comments gop-y/).",
        )
    for path in files:
        if not path.is_file():
            raise UserError("không tìm thấy tệp", path=path)
    report_root = report_folder(root)
    if apply and not force:
        from vankien.word.apply import refuse_dirty

        refuse_dirty(report_root)  # before reading anything: nothing to undo
    from vankien.report.load import load_report

    report = load_report(report_root)  # read once: the copies and the table both use it
    summary = read_review(files, report)
    if since is not None:
        summary = since_filter(summary, report_root, since)
    if apply:
        from vankien.word.apply import apply_review

        return apply_review(summary, report_root)
    result = render(summary, fmt, report)
    if isinstance(result, bytes):
        target = output if output is not None else default_output(report_root, summary)
        write_atomic(target, result)
        print(f"Đã tạo {target} ({len(summary.items)} dòng).", file=sys.stderr)
        return EXIT_OK
    if output is not None:
        write_atomic(output, result)
        print(f"Đã ghi {output} ({len(summary.items)} dòng).", file=sys.stderr)
    else:
        sys.stdout.write(result)
    return EXIT_OK
