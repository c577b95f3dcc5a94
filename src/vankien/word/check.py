"""``vankien check`` on one Word draft: the linter's own rules on the draft's Markdown.

The draft is read (:func:`vankien.word.reader.read_docx`), its headings are mapped onto the
outline and it is converted to one Markdown text per skeleton file (word-core's
:func:`vankien.word.markdown.to_markdown`, with the draft's own numbers and titles so that the
structure rules see them). Those texts, parsed by the linter's
:func:`vankien.report.document.parse_file`, make an in-memory :class:`~vankien.report.model.Report`
that :func:`vankien.lint.runner.run_rules` checks with every rule whose metadata says it makes
sense on a Word text (:attr:`vankien.lint.model.Rule.on_word`). The header block's paragraphs
(issuing body, «Số …», the congress line) are linted too, as a file of their own, so that
«lần thứ……» and «Số …» left blank there are found.

What the rules run with (docs/kiem-tra-word.md says it for people):

- outline, terms, the numeral style of congress numbers and the lint settings: report.yaml of
  the report folder (``--outline`` picks another outline);
- the unit's name, organisation type and congress number: the draft's header block when it
  states them (each unit's draft says who it is), else report.yaml's; the stage (draft or
  final, which sets some severities): the stage the draft claims, else report.yaml's.

When the header names the same unit as report.yaml (a unit checking its own draft), a header
that disagrees with report.yaml on the organisation type or the congress number is a finding;
the congress line's term is always compared with report.yaml's current term (the terms are the
same for every unit of a round). Those checks are the rules in :data:`HEADER_RULES`; their
hits go through the same runner as the linter's.

Every finding is then located for a person reading the draft in Word: the outline section
(number and title), the paragraph (counted from the top of the document, empty paragraphs not
counted), the page where Word recorded it, and the quoted text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.errors import UserError
from vankien.lint.model import Context, Family, Finding, Hit, Rule, Severity
from vankien.outline.model import Outline, Section, normal_title
from vankien.report.document import SourceFile, parse_file
from vankien.report.model import Report
from vankien.unit.model import Unit

if TYPE_CHECKING:
    from vankien.lint.model import LintConfig
    from vankien.targets.model import Counts
    from vankien.word.markdown import Conversion
    from vankien.word.model import HeaderBlock, Paragraph, WordDocument
    from vankien.word.structure import Draft

HEADER_REL = "header"  # the pseudo-file holding the header block's paragraphs

# A draft whose headings match fewer outline sections by title than this is on another outline.
MIN_MATCHED_SECTIONS = 3


class DraftReport(Report):
    """A report made from a Word draft: the linter's Report plus what the header says."""

    def __init__(
        self,
        root: Path,
        unit: Unit,
        outline: Outline,
        files: Sequence[SourceFile],
        *,
        header: HeaderBlock | None = None,
        metadata: Unit | None = None,
        header_lines: Mapping[str, int] | None = None,
    ) -> None:
        super().__init__(root, unit, outline=outline, files=files)
        self.header = header
        self.metadata = metadata  # report.yaml's unit (``unit`` is what the rules run with)
        self.header_lines: Mapping[str, int] = header_lines or {}  # header field -> line

    @property
    def reads_data_files(self) -> bool:
        """A draft's targets are its own table, never the folder's chi-tieu.yaml."""
        return False


@dataclass(frozen=True)
class Location:
    """Where a finding is, for a person reading the draft in Word."""

    paragraph: int | None  # Paragraph.index (None: the document as a whole)
    number: int | None  # the paragraph's number counted from the top, empty ones not counted
    section_number: str  # «II.1.» ("" when the text falls under no outline section)
    section_title: str
    page: int | None  # where Word last rendered it (None: not known)
    quote: str  # the offending text with a little context
    start: int | None = None  # offsets into Paragraph.text of the offending text
    end: int | None = None

    def describe(self) -> str:
        parts = []
        if self.section_number or self.section_title:
            parts.append(f"mục {self.section_number} «{self.section_title}»".replace("  ", " "))
        if self.number is not None:
            parts.append(f"đoạn {self.number}")
        if self.page is not None:
            parts.append(f"trang {self.page}")
        return ", ".join(parts) if parts else "toàn văn bản"


@dataclass(frozen=True)
class Located:
    finding: Finding
    location: Location


@dataclass(frozen=True)
class DraftResult:
    """The outcome of checking one draft."""

    path: Path
    unit: Unit  # what the rules ran with
    findings: tuple[Located, ...]
    words: int
    budget: int | None
    missing: tuple[str, ...]  # required outline sections no heading stands for («III. …»)
    stage: str  # the stage the draft claims, as written («Dự thảo lần 2»), or ""
    organisation: str  # the unit as the header names it (or report.yaml's)
    # The previous term's targets of the draft's own table, by verdict (None: no such table).
    targets: Counts | None = None


# --- the header rules ---------------------------------------------------------------------


def _header(ctx: Context) -> tuple[HeaderBlock | None, Unit | None, Mapping[str, int]]:
    report = ctx.report
    if not isinstance(report, DraftReport):
        return None, None, {}
    return report.header, report.metadata, report.header_lines


def same_unit(header: HeaderBlock | None, metadata: Unit) -> bool:
    """The header names the unit report.yaml describes (a unit checking its own draft)."""
    if header is None or header.org_name is None:
        return False
    return normal_title(header.org_name) == normal_title(metadata.name)


def check_header_org_type(ctx: Context) -> Iterator[Hit]:
    """The header block calls the unit a đảng bộ where report.yaml says chi bộ, or the reverse."""
    header, metadata, lines = _header(ctx)
    if header is None or metadata is None or header.org_type is None:
        return
    if same_unit(header, metadata) and header.org_type is not metadata.org_type:
        yield Hit(
            HEADER_REL,
            lines.get("organisation", 1),
            1,
            f"phần đầu văn bản ghi «{header.organisation or header.org_type.label}» "
            f"({header.org_type.label}), report.yaml ghi {metadata.org_type.label}",
        )


def check_header_congress(ctx: Context) -> Iterator[Hit]:
    """The header's congress number differs from report.yaml's (same unit only)."""
    header, metadata, lines = _header(ctx)
    if header is None or metadata is None or header.congress is None:
        return
    if same_unit(header, metadata) and header.congress != metadata.congress_number:
        yield Hit(
            HEADER_REL,
            lines.get("congress", 1),
            1,
            f"phần đầu văn bản ghi đại hội lần thứ {metadata.congress_text(header.congress)}, "
            f"report.yaml ghi lần thứ {metadata.congress_text()}",
        )


def check_header_term(ctx: Context) -> Iterator[Hit]:
    """The congress line's term is not report.yaml's current term."""
    header, metadata, lines = _header(ctx)
    if header is None or metadata is None or not header.term:
        return
    from vankien.lint.rules.consistency import YEAR_RANGE_RE

    m = YEAR_RANGE_RE.search(header.term)
    term = metadata.current_term
    if m is not None and (int(m.group(1)), int(m.group(5))) != (term.start, term.end):
        yield Hit(
            HEADER_REL,
            lines.get("congress", 1),
            1,
            f"phần đầu văn bản ghi nhiệm kỳ «{header.term}», nhiệm kỳ của đại hội này theo "
            f"report.yaml là {term.text()}",
        )


def check_header_missing(ctx: Context) -> Iterator[Hit]:
    """The header block does not say which unit, or which congress, the draft is for."""
    header, _metadata, lines = _header(ctx)
    if header is None:
        return
    missing = []
    if header.org_type is None and header.org_name is None:
        missing.append("tên đơn vị")
    if header.congress is None:
        missing.append("số thứ tự đại hội")
    if missing:
        yield Hit(
            HEADER_REL,
            lines.get("congress", lines.get("organisation", 1)),
            1,
            f"phần đầu văn bản không ghi rõ {' và '.join(missing)}; đã kiểm tra theo report.yaml",
        )


C, E, W = Family.CONSISTENCY, Severity.ERROR, Severity.WARNING
HEADER_RULES: tuple[Rule, ...] = (
    Rule(
        "DOC001",
        "header-org-type-differs",
        "Phần đầu văn bản ghi loại tổ chức khác report.yaml",
        C,
        E,
        check_header_org_type,
        ("header",),
    ),
    Rule(
        "DOC002",
        "header-congress-differs",
        "Phần đầu văn bản ghi số đại hội khác report.yaml",
        C,
        E,
        check_header_congress,
        ("header",),
    ),
    Rule(
        "DOC003",
        "header-term-differs",
        "Nhiệm kỳ ở phần đầu văn bản không phải nhiệm kỳ của đại hội",
        C,
        E,
        check_header_term,
        ("header",),
    ),
    Rule(
        "DOC004",
        "header-incomplete",
        "Phần đầu văn bản không ghi tên đơn vị hoặc số đại hội",
        C,
        W,
        check_header_missing,
        ("header",),
    ),
)


def check_rules() -> tuple[Rule, ...]:
    """The linter's rules that make sense on a Word text, then the header rules."""
    from vankien.lint.runner import all_rules

    return (*(r for r in all_rules() if r.on_word), *HEADER_RULES)


# --- the unit the rules run with -----------------------------------------------------------


def draft_unit(metadata: Unit, header: HeaderBlock | None) -> Unit:
    """report.yaml's unit with the name, type, congress number and stage the draft states."""
    if header is None:
        return metadata
    changes: dict[str, object] = {}
    if header.org_type is not None:
        changes["org_type"] = header.org_type
    if header.org_name and not same_unit(header, metadata):
        changes["name"] = header.org_name
    if header.congress is not None:
        changes["congress_number"] = header.congress
    if header.stage is not None:
        changes["stage"] = header.stage
    return replace(metadata, **changes) if changes else metadata  # type: ignore[arg-type]


# --- building the report -------------------------------------------------------------------

_BLOCK_START_RE = re.compile(r"^(?:[#>*+\-<|]|\d{1,9}[.)]|=|`|~)")


def _escape_line(text: str) -> str:
    """A header line as a Markdown paragraph (a leading block marker is escaped)."""
    text = " ".join(text.split())
    return "\\" + text if _BLOCK_START_RE.match(text) else text


@dataclass(frozen=True)
class HeaderFile:
    text: str
    sources: tuple[int | None, ...]
    lines: Mapping[str, int]


def header_file(document: WordDocument) -> HeaderFile:
    """The header block's paragraphs, one Markdown paragraph each, and where each came from."""
    header = document.header
    by_index = {p.index: p for p in document.paragraphs}
    lines: list[str] = []
    sources: list[int | None] = []
    fields: dict[str, int] = {}
    wanted = {
        "organisation": header.organisation,
        "congress": header.congress_text,
        "number": header.doc_number,
        "date": header.date_text,
        "stage": header.stage_text,
    }
    for index in header.paragraphs:
        para = by_index.get(index)
        if para is None or not para.display.strip():
            continue
        if lines:
            lines.append("")
            sources.append(index)
        line = _escape_line(para.display)
        lines.append(line)
        sources.append(index)
        for key, value in wanted.items():
            if value and key not in fields and " ".join(value.split()) in line:
                fields[key] = len(lines)
    return HeaderFile("\n".join(lines) + "\n" if lines else "", tuple(sources), fields)


@dataclass(frozen=True)
class Prepared:
    """A draft read, mapped and converted, with its in-memory report."""

    document: WordDocument
    draft: Draft
    conversion: Conversion
    header: HeaderFile
    report: DraftReport


def prepare(path: Path, root: Path, metadata: Unit, outline: Outline) -> Prepared:
    """Read ``path`` and build the report the rules check (bad input raises UserError)."""
    from vankien.word.markdown import HeadingForm, to_markdown
    from vankien.word.reader import read_docx
    from vankien.word.structure import build_draft

    document = read_docx(path)
    unit = draft_unit(metadata, document.header)
    draft = build_draft(document, outline, unit.variables())
    _refuse_other_outline(path, draft, outline)
    conversion = to_markdown(draft, headings=HeadingForm.DRAFT)
    header = header_file(document)
    files = []
    base = 0
    if header.text:
        files.append(parse_file(HEADER_REL, header.text, 0))
    for item in conversion.files:
        parsed = parse_file(item.rel, item.text, base)
        base += len(parsed.headings)
        files.append(parsed)
    report = DraftReport(
        root,
        unit,
        outline,
        files,
        header=document.header,
        metadata=metadata,
        header_lines=header.lines,
    )
    return Prepared(document, draft, conversion, header, report)


def _refuse_other_outline(path: Path, draft: Draft, outline: Outline) -> None:
    from vankien.word.structure import MatchKind

    by_title = {
        h.section.id
        for h in draft.headings
        if h.section is not None and h.how in (MatchKind.TITLE, MatchKind.NUMBER_AND_TITLE)
    }
    total = sum(1 for _ in outline.walk())
    if len(by_title) < min(MIN_MATCHED_SECTIONS, total):
        raise UserError(
            f"văn bản không theo đề cương «{outline.title}»: chỉ {len(by_title)} đề mục khớp "
            f"tiêu đề của đề cương (trong {len(draft.headings)} đề mục nhận ra)",
            path=path,
            hint="kiểm tra lại có đúng là dự thảo báo cáo chính trị theo đề cương này không; "
            "nếu đơn vị dùng đề cương khác, chỉ rõ bằng «--outline <tên đề cương>».",
        )


def result_of(
    prepared: Prepared, path: Path, config: LintConfig, display: str | None = None
) -> DraftResult:
    from vankien.lint.rules.numbers import target_counts
    from vankien.lint.runner import run_rules
    from vankien.report.document import count_words

    report = prepared.report
    findings = run_rules(report, config, check_rules())
    targets = target_counts(Context(report, config))
    shown = display if display is not None else str(path)
    locator = Locator(prepared)
    located = []
    for f in findings:
        where = locator.locate(f)
        # The finding as a person reads it: the docx, the paragraph's number as the line, the
        # place in words before the rule's message. No --fix on someone else's document.
        finding = replace(
            f,
            path=shown,
            line=where.number or 1,  # SARIF and editors count from 1
            col=(where.start or 0) + 1,
            message=f"{where.describe()}: {shown_text(f.message)}",
            fix=None,
        )
        located.append(Located(finding, where))
    located.sort(key=lambda item: (item.finding.line, item.finding.col, item.finding.code))
    words = sum(
        count_words(u.text)
        for source in report.files
        if source.rel != HEADER_REL
        for u in source.units
        if u.kind != "heading"
    )
    budgets = outline_budgets(report.outline)
    missing = tuple(
        f"{s.number_text} {report.substitute(s.title)}" for s in top_missing(prepared.draft)
    )
    header = prepared.document.header
    organisation = header.organisation or f"{report.unit.org_type.org} {report.unit.name}"
    return DraftResult(
        path=path,
        unit=report.unit,
        findings=tuple(located),
        words=words,
        budget=sum(budgets) if budgets else None,
        missing=missing,
        stage=header.stage_text or (header.stage.label if header.stage else ""),
        organisation=organisation,
        targets=targets,
    )


def outline_budgets(outline: Outline) -> list[int]:
    """The word budgets of the outline, each counted once (the outermost section that has one)."""
    out: list[int] = []

    def visit(section: Section) -> None:
        if section.budget_words is not None:
            out.append(section.budget_words)
            return
        for child in section.children:
            visit(child)

    for top in outline.sections:
        visit(top)
    return out


_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown_text(message: str) -> str:
    """A rule's message with its quotes of the Markdown as the Word text shows them (the
    conversion's backslash escapes and bold markers removed)."""
    return _ESCAPE_RE.sub(r"\1", message.replace("**", ""))


def top_missing(draft: Draft) -> list[Section]:
    """Required sections no heading stands for, without the children of a missing section."""
    missing = {s.id for s in draft.missing}
    out: list[Section] = []

    def visit(section: Section) -> None:
        if section.id in missing:
            if section.required:
                out.append(section)
            return
        for child in section.children:
            visit(child)

    for top in draft.outline.sections:
        visit(top)
    return out


# --- locating findings ---------------------------------------------------------------------

_QUOTED_RE = re.compile(r"«([^«»]{1,80})»")
_MD_PREFIX_RE = re.compile(r"^(?: {0,3}#{1,6}[ \t]+| {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+| {0,3}>)")


def plain_with_map(line: str) -> tuple[str, list[int]]:
    """A Markdown line as the text it shows, with the line column of every shown character.

    The block prefix (#s, a list marker, «>»), backslash escapes and the ``*``/``_`` emphasis
    markers are dropped; everything else is kept as written.
    """
    m = _MD_PREFIX_RE.match(line)
    i = m.end() if m else 0
    out: list[str] = []
    cols: list[int] = []
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line) and not line[i + 1].isalnum():
            out.append(line[i + 1])
            cols.append(i + 1)
            i += 2
            continue
        if ch in "*_" and _is_marker(line, i):
            i += 1
            continue
        out.append(ch)
        cols.append(i)
        i += 1
    return "".join(out), cols


def _is_marker(line: str, i: int) -> bool:
    """An emphasis marker: a run of * or _ touching text on one side and not space-padded."""
    ch = line[i]
    j = i
    while j < len(line) and line[j] == ch:
        j += 1
    k = i
    while k > 0 and line[k - 1] == ch:
        k -= 1
    before = line[k - 1] if k > 0 else " "
    after = line[j] if j < len(line) else " "
    if ch == "_" and before.isalnum() and after.isalnum():
        return False  # snake_case inside a word
    return not (before.isspace() and after.isspace())


class Locator:
    """Maps a finding in the converted Markdown back to the paragraph of the draft."""

    def __init__(self, prepared: Prepared) -> None:
        self.prepared = prepared
        document = prepared.document
        self.paragraphs = {p.index: p for p in document.paragraphs}
        self.numbers: dict[int, int] = {}
        count = 0
        for p in document.paragraphs:
            if not p.is_empty:
                count += 1
                self.numbers[p.index] = count
        self.order_of_paragraphs = list(self.numbers)  # non-empty paragraphs, in order
        self.files = {f.rel: f for f in prepared.conversion.files}
        self.texts = {f.rel: f.text for f in prepared.report.files}
        self.order = [HEADER_REL, *(f.rel for f in prepared.conversion.files)]
        self.paths = _section_paths(prepared.draft.outline)

    def source(self, rel: str, line: int) -> int | None:
        if rel == HEADER_REL:
            sources = self.prepared.header.sources
            return sources[min(line, len(sources)) - 1] if sources else None
        item = self.files.get(rel)
        if item is None:
            return None
        found = item.source(line)
        if found is not None:
            return found
        # A file with no paragraph of its own (a missing section): the nearest one before it.
        position = self.order.index(rel) if rel in self.order else 0
        for earlier in reversed(self.order[:position]):
            if earlier == HEADER_REL:
                break
            known = [s for s in self.files[earlier].sources if s is not None]
            if known:
                return known[-1]
        return None

    def locate(self, finding: Finding) -> Location:
        index = self.source(finding.path, finding.line)
        para = self.paragraphs.get(index) if index is not None else None
        if para is None:
            return Location(None, None, "", "", None, "")
        section = self.prepared.draft.section_of(para.index)
        number, title = ("", "")
        if section is not None:
            number = self.paths.get(section.id, section.number_text)
            title = self.prepared.report.substitute(section.title)
        start, end = self._span(finding, para)
        if start is None and self._heading_line(finding):
            # A heading typed over several paragraphs («Phần thứ nhất», then its title lines)
            # is one Markdown line: what it points at may be in a following paragraph.
            for nxt in self._following(para, 3):
                start, end = self._span(finding, nxt)
                if start is not None:
                    para = nxt
                    break
        return Location(
            paragraph=para.index,
            number=self.numbers.get(para.index),
            section_number=number,
            section_title=title,
            page=para.page,
            quote=_quote(para.text, start, end),
            start=start,
            end=end,
        )

    def _heading_line(self, finding: Finding) -> bool:
        lines = self.texts.get(finding.path, "").split("\n")
        return 1 <= finding.line <= len(lines) and lines[finding.line - 1].startswith("#")

    def _following(self, para: Paragraph, count: int) -> list[Paragraph]:
        order = self.order_of_paragraphs
        at = order.index(para.index) if para.index in order else len(order)
        return [self.paragraphs[i] for i in order[at + 1 : at + 1 + count]]

    def _span(self, finding: Finding, para: Paragraph) -> tuple[int | None, int | None]:
        """Offsets into ``para.text`` of what the finding points at (None: the paragraph)."""
        text = self.texts.get(finding.path, "")
        lines = text.split("\n")
        if not 1 <= finding.line <= len(lines) or not para.text:
            return None, None
        line = lines[finding.line - 1]
        shown, cols = plain_with_map(line)
        col = finding.col - 1
        pos = next((i for i, c in enumerate(cols) if c >= col), None)
        if pos is None or not shown.strip():
            return None, None
        at = _align(shown, para.text, pos)
        if at is None:
            return None, None
        length = _match_length(finding, para.text, at, line, col)
        return at, min(len(para.text), at + length)


def _align(shown: str, text: str, pos: int) -> int | None:
    """The offset in ``text`` of ``shown[pos]``, the shown line being (part of) the text."""
    found = text.find(shown)
    if found != -1:
        return found + pos
    # The line may start with a number Word adds (not in the text): align on the tail.
    for cut in range(1, min(len(shown), 16)):
        tail = shown[cut:]
        found = text.find(tail)
        if found != -1 and pos >= cut:
            return found + pos - cut
    word = re.match(r"\w+", shown[pos:])
    if word is not None:
        found = text.find(word.group(0))
        if found != -1:
            return found
    return None


def _match_length(finding: Finding, text: str, at: int, line: str, col: int) -> int:
    for m in _QUOTED_RE.finditer(finding.message):
        quoted = m.group(1).strip("… ")
        if quoted and text.startswith(quoted, at):
            return len(quoted)
    word = re.match(r"[\w-]+(?:\s*[-–—]\s*\d+)?|\S", text[at:])
    return len(word.group(0)) if word else 1


def _quote(text: str, start: int | None, end: int | None, context: int = 30) -> str:
    if start is None or end is None:
        snippet = " ".join(text.split())
        return snippet if len(snippet) <= 80 else snippet[:79] + "…"
    left = max(0, start - context)
    right = min(len(text), end + context)
    pre = "…" if left > 0 else ""
    post = "…" if right < len(text) else ""
    return pre + " ".join(text[left:right].split()) + post


def _section_paths(outline: Outline) -> dict[str, str]:
    """Each section's full number as a person cites it: «II.1.2.», «Phần thứ nhất, I.2.»."""
    from vankien.outline.model import Level

    out: dict[str, str] = {}

    def visit(section: Section, part: str, roman: str, parent: str) -> None:
        own = section.number_text
        level = section.level
        if level is Level.PART:
            part, roman, full = own, "", own
        elif level is Level.ROMAN:
            roman = full = own
        elif level is Level.ALPHA:
            full = parent + own
        else:
            full = roman + own
        out[section.id] = f"{part}, {full}" if part and level is not Level.PART else full
        for child in section.children:
            visit(child, part, roman, full)

    for top in outline.sections:
        visit(top, "", "", "")
    return out
