"""``vankien status``: how far the writing has got, per file and per section of the outline.

The outline is the list of what must be written (files, sections, owners, budgets); the lint
run gives the parsed files and the findings. A section with no text written is «chưa viết»; one
with text but still a placeholder or its guidance (HƯỚNG DẪN) left is «đang viết»; one with
text and neither left is «đã xong» — writers delete the guidance when they sign a section off.
A section with sub-sections takes the state of its sub-sections.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from vankien.errors import UserError
from vankien.skeleton.render import GUIDANCE_RE, PLACEHOLDER_RE

if TYPE_CHECKING:
    from collections.abc import Callable

    from vankien.lint.model import Context
    from vankien.outline.model import Section
    from vankien.report.model import Report

FORMATS = ("table", "markdown", "json", "html")
HTML_DEFAULT = "tien-do.html"  # where --format html writes without --output


class State(Enum):
    EMPTY = "chưa viết"
    WRITING = "đang viết"
    DONE = "đã xong"

    @property
    def code(self) -> str:
        return {State.EMPTY: "empty", State.WRITING: "writing", State.DONE: "done"}[self]


def combine(states: list[State]) -> State:
    """The state of a whole made of parts in ``states``."""
    if states and all(s is State.DONE for s in states):
        return State.DONE
    if all(s is State.EMPTY for s in states):
        return State.EMPTY
    return State.WRITING


@dataclass(frozen=True)
class Counts:
    """What one heading holds directly (not counting its sub-headings)."""

    words: int = 0
    placeholders: int = 0
    guidance: int = 0
    errors: int = 0
    warnings: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.words + other.words,
            self.placeholders + other.placeholders,
            self.guidance + other.guidance,
            self.errors + other.errors,
            self.warnings + other.warnings,
        )

    def state(self) -> State:
        if self.words == 0:
            return State.EMPTY
        if self.placeholders or self.guidance:
            return State.WRITING
        return State.DONE


@dataclass(frozen=True)
class Owner:
    role: str | None
    label: str
    people: tuple[str, ...]

    def text(self) -> str:
        if self.role is None:
            return "chưa phân công"
        names = ", ".join(self.people) if self.people else "chưa có người"
        return f"{self.label}: {names}"


@dataclass(frozen=True)
class SectionStatus:
    id: str
    heading: str
    level: int
    file: str
    owner: Owner
    present: bool
    state: State
    words: int
    budget: int | None
    placeholders: int
    guidance: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class FileStatus:
    file: str
    owner: Owner
    state: State
    words: int
    budget: int | None
    errors: int
    warnings: int
    sections: tuple[SectionStatus, ...]


@dataclass(frozen=True)
class TargetStatus:
    """The previous term's targets by verdict, and whose turn it is to fill them in."""

    total: int
    met: int
    exceeded: int
    missed: int
    pending: int  # no achieved value yet (or no verdict)
    pending_ids: tuple[str, ...]
    planned: int  # the new term's targets
    section: str  # the section the judged targets' table is in ("" when there is none)
    owner: Owner

    def text(self) -> str:
        if not self.total:
            return "Chỉ tiêu: chưa có bảng chỉ tiêu nhiệm kỳ trước."
        out = (
            f"Chỉ tiêu nhiệm kỳ trước: {self.total} chỉ tiêu, {self.met} đạt, {self.exceeded} "
            f"vượt, {self.missed} không đạt"
        )
        if self.pending:
            out += f", {self.pending} chưa có kết quả (chỉ tiêu {', '.join(self.pending_ids)})"
        out += f"; phụ trách: {self.owner.text()}"
        if self.section:
            out += f" (mục «{self.section}»)"
        out += "."
        if self.planned:
            out += f" Nhiệm kỳ mới: {self.planned} chỉ tiêu."
        return out


@dataclass(frozen=True)
class ReportStatus:
    name: str
    stage: str
    files: tuple[FileStatus, ...]
    words: int
    budget: int
    sections_done: int
    sections_writing: int
    sections_empty: int
    errors: int
    warnings: int
    targets: TargetStatus | None = None

    @property
    def sections_total(self) -> int:
        return self.sections_done + self.sections_writing + self.sections_empty

    @property
    def percent(self) -> int:
        """Share of sections signed off, in whole percent."""
        total = self.sections_total
        return round(100 * self.sections_done / total) if total else 100


def compute(loaded: Report) -> ReportStatus:
    """The status of the loaded report: its lint run (the one place lint counts come from)
    and what each section holds."""
    from vankien.lint.model import Severity
    from vankien.lint.placement import placed_headings, section_span
    from vankien.lint.runner import lint_report
    from vankien.report.document import count_words
    from vankien.skeleton.render import role_title

    result = lint_report(loaded)
    report, ctx = result.report, result.context
    if report is None or ctx is None:  # pragma: no cover - lint_report always attaches them
        raise UserError("không đọc được báo cáo", path=loaded.root)
    outline, unit = report.outline, report.unit
    variables = unit.variables()
    placed = placed_headings(ctx)

    own: dict[int, Counts] = {}

    def add(index: int | None, counts: Counts) -> None:
        if index is not None:
            own[index] = own.get(index, Counts()) + counts

    for source in report.files:
        starts = [(h.line, h.index) for h in source.headings]

        def heading_at(line: int, starts: list[tuple[int, int]] = starts) -> int | None:
            found = None
            for start, index in starts:
                if start <= line:
                    found = index
            return found

        for text_unit in source.body_units():
            text = text_unit.text
            holes = len(PLACEHOLDER_RE.findall(text))
            words = count_words(PLACEHOLDER_RE.sub(" ", text))
            add(text_unit.heading, Counts(words=words, placeholders=holes))
        for comment in source.comments:
            if GUIDANCE_RE.match(comment.body):
                add(heading_at(comment.line), Counts(guidance=1))
        for finding in result.findings:
            if finding.path != source.rel:
                continue
            is_error = finding.severity is Severity.ERROR
            is_warning = finding.severity is Severity.WARNING
            add(heading_at(finding.line), Counts(errors=int(is_error), warnings=int(is_warning)))

    by_section = {p.section.id: p for p in placed if p.section is not None}

    def owner_of(section: Section) -> Owner:
        role = section.owner
        if role is None:
            return Owner(None, "", ())
        people = tuple(p.name for p in unit.people.get(role, ()))
        return Owner(role, role_title(outline, role, variables), people)

    def status_of(section: Section) -> tuple[SectionStatus, Counts]:
        p = by_section.get(section.id)
        total = Counts()
        if p is not None:
            for item in section_span(ctx, p):
                total = total + own.get(item.heading.index, Counts())
        if section.children:
            state = combine([status_of(c)[0].state for c in section.children])
        else:
            state = own.get(p.heading.index, Counts()).state() if p is not None else State.EMPTY
        return (
            SectionStatus(
                id=section.id,
                heading=report.substitute(section.heading_text()),
                level=section.level.value,
                file=section.file,
                owner=owner_of(section),
                present=p is not None,
                state=state,
                words=total.words,
                budget=section.budget_words,
                placeholders=total.placeholders,
                guidance=total.guidance,
                errors=total.errors,
                warnings=total.warnings,
            ),
            total,
        )

    files: list[FileStatus] = []
    leaves: list[State] = []
    for file in outline.files():
        sections = outline.sections_in(file)
        in_file = {s.id for s in sections}
        rows = [status_of(s)[0] for s in sections]
        file_leaves = [r.state for r, s in zip(rows, sections, strict=True) if not s.children]
        leaves.extend(file_leaves)
        found = next((f for f in report.files if f.rel.endswith("/" + file)), None)
        words = errors = warnings = 0
        if found is not None:
            words = sum(own.get(h.index, Counts()).words for h in found.headings)
            head = [f for f in result.findings if f.path == found.rel]
            errors = sum(1 for f in head if f.severity is Severity.ERROR)
            warnings = sum(1 for f in head if f.severity is Severity.WARNING)
        budgets = [
            r.budget
            for r, s in zip(rows, sections, strict=True)
            if r.budget is not None and not _has_budgeted_ancestor(s, outline.sections, in_file)
        ]
        files.append(
            FileStatus(
                file=file,
                owner=owner_of(sections[0]),
                state=combine(file_leaves),
                words=words,
                budget=sum(budgets) if budgets else None,
                errors=errors,
                warnings=warnings,
                sections=tuple(rows),
            )
        )
    return ReportStatus(
        targets=_targets(ctx, owner_of),
        name=unit.org_full,
        stage=unit.stage.label,
        files=tuple(files),
        words=sum(f.words for f in files),
        budget=sum(f.budget or 0 for f in files),
        sections_done=sum(1 for s in leaves if s is State.DONE),
        sections_writing=sum(1 for s in leaves if s is State.WRITING),
        sections_empty=sum(1 for s in leaves if s is State.EMPTY),
        errors=len(result.errors),
        warnings=len(result.warnings),
    )


def _targets(ctx: Context, owner_of: Callable[[Section], Owner]) -> TargetStatus:
    """The targets as the NUM rules read them (one reading), counted by verdict."""
    from vankien.lint.rules.numbers import set_places, target_counts, target_sets
    from vankien.targets.model import Counts

    sets = target_sets(ctx)
    judged = sets.judged
    pending = [k for k in judged if k.pending or k.verdict is None]
    section_text, owner = "", Owner(None, "", ())
    # The section of the previous term's table: written in the text, or placed by the outline.
    place = next((p for p in set_places(ctx) if p.targets and p.targets[0] in judged), None)
    if place is not None and place.section is not None:
        owner = owner_of(place.section)
        section_text = ctx.report.substitute(place.section.heading_text())
    counts = target_counts(ctx) or Counts()
    return TargetStatus(
        total=len(judged),
        met=counts.met,
        exceeded=counts.exceeded,
        missed=counts.missed,
        pending=counts.pending,
        pending_ids=tuple(k.id for k in pending),
        planned=len(sets.planned),
        section=section_text,
        owner=owner,
    )


def _has_budgeted_ancestor(section: Section, tops: tuple[Section, ...], in_file: set[str]) -> bool:
    """True when an ancestor in the same file already carries a budget covering ``section``."""

    def path_to(node: Section, trail: list[Section]) -> list[Section] | None:
        if node.id == section.id:
            return trail
        for child in node.children:
            found = path_to(child, [*trail, node])
            if found is not None:
                return found
        return None

    for top in tops:
        trail = path_to(top, [])
        if trail is not None:
            return any(a.budget_words is not None and a.id in in_file for a in trail)
    return False


# ---------------------------------------------------------------------------- output

HEADERS = ("Tệp / mục", "Phụ trách", "Tình trạng", "Số từ / dự kiến", "Lỗi", "Cảnh báo")


def _words(words: int, budget: int | None) -> str:
    return f"{words} / {budget}" if budget else f"{words}"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _rows(status: ReportStatus, sections: bool) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for f in status.files:
        rows.append(
            (
                f.file,
                f.owner.text(),
                f.state.value,
                _words(f.words, f.budget),
                str(f.errors),
                str(f.warnings),
            )
        )
        if sections:
            base = min((s.level for s in f.sections), default=1)
            for s in f.sections:
                indent = "  " * (s.level - base + 1)
                label = _short(s.heading) + ("" if s.present else " (thiếu đề mục)")
                rows.append(
                    (
                        indent + label,
                        "",
                        s.state.value,
                        _words(s.words, s.budget),
                        str(s.errors),
                        str(s.warnings),
                    )
                )
    return rows


def summary(status: ReportStatus) -> str:
    budget = f" / dự kiến {status.budget}" if status.budget else ""
    return (
        f"{status.name} — {status.stage}: đã xong {status.sections_done}/"
        f"{status.sections_total} mục ({status.percent}%), đang viết {status.sections_writing}, "
        f"chưa viết {status.sections_empty}; {status.words} từ{budget}; "
        f"lint: {status.errors} lỗi, {status.warnings} cảnh báo."
        + (f"\n{status.targets.text()}" if status.targets else "")
    )


def render_table(status: ReportStatus, sections: bool = False) -> str:
    rows = [HEADERS, *_rows(status, sections)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADERS))]
    numeric = {3, 4, 5}

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    out = [line(rows[0]), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in rows[1:])
    out.append("")
    out.append(summary(status))
    return "\n".join(out)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(status: ReportStatus, sections: bool = False) -> str:
    out = ["### Tiến độ báo cáo", "", summary(status), ""]
    out.append("| " + " | ".join(HEADERS) + " |")
    out.append("|" + "|".join(["---"] * 3 + ["---:"] * 3) + "|")
    for row in _rows(status, sections):
        cells = list(row)
        stripped = cells[0].lstrip(" ")
        if len(stripped) != len(cells[0]):
            cells[0] = "\u2003" * ((len(cells[0]) - len(stripped)) // 2) + stripped
        out.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    out.append("")
    out.append(
        "_Tạo bởi «vankien status». Tình trạng: chưa viết = chưa có chữ nào; đang viết = "
        "còn chỗ [Viết nội dung tại đây] hoặc còn HƯỚNG DẪN; đã xong = có nội dung, đã xóa "
        "cả hai._"
    )
    return "\n".join(out)


def to_json(status: ReportStatus) -> dict[str, Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, State):
            return value.code
        if isinstance(value, dict):
            out = {k: convert(v) for k, v in value.items()}
            if "state" in value and isinstance(value["state"], State):
                out["state_label"] = value["state"].value
            return out
        if isinstance(value, list | tuple):
            return [convert(v) for v in value]
        return value

    data: dict[str, Any] = convert(asdict(status))
    data["sections_total"] = status.sections_total
    data["percent"] = status.percent
    return data


def render(status: ReportStatus, fmt: str, sections: bool = False) -> str:
    if fmt == "table":
        return render_table(status, sections)
    if fmt == "markdown":
        return render_markdown(status, sections)
    return json.dumps(to_json(status), ensure_ascii=False, indent=2)
