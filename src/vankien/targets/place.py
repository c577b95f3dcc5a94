"""Put the target tables into the Markdown the build reads (docs/chi-tieu.md, «Bảng trong văn
bản»).

The outline's ``targets`` key names the section of each table. In that section's own text
(from its heading to the next heading of any level):

- a paragraph that is only the marker ``[Bảng chỉ tiêu]{.chi-tieu}`` is replaced by the table;
- else, when the writer has typed a table there, it is kept and nothing is inserted (the
  linter compares it with the data);
- else the table goes at the end of the section's own text, before its first subsection.

A marker anywhere else, or a marker with no data to fill it, is a user error: the document
would print the marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vankien.errors import UserError
from vankien.outline.model import Outline, Section, split_heading
from vankien.skeleton.fences import fenced
from vankien.targets.model import SetKind, TargetData
from vankien.targets.tables import markdown_table

MARKER_CLASS = "chi-tieu"
# The marker paragraph; a comment may follow it on its line (a note, a lint directive).
MARKER_RE = re.compile(r"^ {0,3}\[[^\]\n]*\]\{\s*\.chi-tieu\s*\}(?:[ \t]*<!--.*?-->)*[ \t]*$")
ATX_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
# A pipe table's separator row: «|---|:--:|», «--- | ---».
TABLE_RULE_RE = re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
# A grid table's border, the other table form writers type.
GRID_RULE_RE = re.compile(r"^ {0,3}\+(?:[-=:]+\+)+[ \t]*$")


@dataclass(frozen=True)
class Insertion:
    """Lines the build put into a file's text that the writer did not type (a target table
    from chi-tieu.yaml): ``replaced`` lines of the file from 0-based line ``index`` on became
    ``added`` lines. The anchors skip them and keep the writer's lines after them right."""

    index: int
    replaced: int
    added: int


@dataclass(frozen=True)
class SectionText:
    """Where one outline section's own text lies in its file: 0-based line indexes, the
    heading's line and the line after the last line of its own text."""

    section: Section
    heading: int
    end: int

    def lines(self, lines: list[str]) -> list[str]:
        return lines[self.heading + 1 : self.end]


def _headings(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """(index, level, text) of each ATX heading outside fenced code."""
    for index, (line, code) in enumerate(zip(lines, fenced(lines), strict=True)):
        m = None if code else ATX_RE.match(line)
        if m is not None:
            yield index, len(m.group(1)), m.group(2)


def section_text(outline: Outline, section: Section, lines: list[str]) -> SectionText | None:
    """Find ``section``'s heading in its file's ``lines`` by its number and those of its
    ancestors in the same file (a «1.» recurs under every «I.»); None when it is missing."""
    chain = _chain(outline, section)
    stack: dict[int, object] = {}
    found: int | None = None
    for index, level, text in _headings(lines):
        if found is not None:
            return SectionText(section, found, index)
        number, _, _ = split_heading(text)
        for deeper in [lv for lv in stack if lv >= level]:
            del stack[deeper]
        stack[level] = number
        if level == section.level.markdown_level and all(
            stack.get(s.level.markdown_level) == s.number for s in chain
        ):
            found = index
    return SectionText(section, found, len(lines)) if found is not None else None


def _chain(outline: Outline, section: Section) -> list[Section]:
    """``section`` and its ancestors that live in the same file, outermost first."""

    def path_to(nodes: tuple[Section, ...], trail: list[Section]) -> list[Section] | None:
        for node in nodes:
            if node is section:
                return [*trail, node]
            found = path_to(node.children, [*trail, node])
            if found is not None:
                return found
        return None

    trail = path_to(outline.sections, []) or [section]
    return [s for s in trail if s.file == section.file]


def has_table(lines: list[str]) -> bool:
    """Whether these lines hold a Markdown table (pipe or grid) outside fenced code."""
    return any(
        not code and ((TABLE_RULE_RE.match(line) and "|" in line) or GRID_RULE_RE.match(line))
        for line, code in zip(lines, fenced(lines), strict=True)
    )


def markers(lines: list[str]) -> list[int]:
    """The 0-based indexes of the marker paragraphs outside fenced code."""
    return [
        i
        for i, (line, code) in enumerate(zip(lines, fenced(lines), strict=True))
        if not code and MARKER_RE.match(line)
    ]


def _spans(outline: Outline, name: str, lines: list[str]) -> list[SectionText]:
    """The own texts of the sections of file ``name`` that hold a target table."""
    sections = [s for s in outline.sections_in(name) if s.targets is not None]
    return [t for s in sections if (t := section_text(outline, s, lines)) is not None]


def marker_problems(
    path: Path, text: str, outline: Outline, data: TargetData | None
) -> list[UserError]:
    """Every marker of one skeleton file the build cannot fill, in line order: outside a
    section with a table, repeated, next to a hand-written table, without data. The build
    stops at the first; the linter reports them all (rule MD004)."""
    lines = text.split("\n")
    spans = _spans(outline, path.name, lines)
    placed = [s for s in outline.walk() if s.targets is not None]
    allowed = {i for span in spans for i in range(span.heading + 1, span.end)}
    problems = [
        _marker_error(path, index, "nằm ngoài mục có bảng chỉ tiêu", placed)
        for index in markers(lines)
        if index not in allowed
    ]
    for span in spans:
        own = span.lines(lines)
        marks = [span.heading + 1 + i for i in markers(own)]
        if not marks:
            continue
        table = span.section.targets
        assert table is not None
        problems += [
            _marker_error(path, extra, "lặp lại: mỗi mục chỉ có một bảng chỉ tiêu", [])
            for extra in marks[1:]
        ]
        if has_table(own):
            problems.append(
                _marker_error(
                    path,
                    marks[0],
                    "đứng cùng một bảng gõ tay trong mục",
                    [],
                    hint="bỏ bảng gõ tay (bảng dựng từ chi-tieu.yaml) hoặc bỏ dòng đánh dấu.",
                )
            )
        elif data is None or data.get(SetKind(table.set)) is None:
            what = (
                "không có tệp chi-tieu.yaml"
                if data is None
                else f"chi-tieu.yaml không có «{table.set}»"
            )
            problems.append(
                _marker_error(
                    path,
                    marks[0],
                    f"không có số liệu để dựng bảng ({what})",
                    [],
                    hint="ghi các chỉ tiêu vào chi-tieu.yaml (docs/chi-tieu.md), hoặc gõ bảng tay.",
                )
            )
    return sorted(problems, key=lambda e: e.line or 0)


def place_tables(
    path: Path, text: str, outline: Outline, data: TargetData | None
) -> tuple[str, tuple[Insertion, ...]]:
    """The text of the skeleton file ``path`` with its target tables put in (see the module
    docs), and where they went, top to bottom; the file is not touched, only the text the
    build reads. A marker it cannot fill is a user error."""
    for problem in marker_problems(path, text, outline, data):
        raise problem
    lines = text.split("\n")
    inserted: list[Insertion] = []
    # Bottom-up, so that the line indexes of the spans above stay right.
    for span in sorted(_spans(outline, path.name, lines), key=lambda t: -t.heading):
        lines, insertion = _fill(span, lines, data)
        if insertion is not None:
            inserted.append(insertion)
    return "\n".join(lines), tuple(sorted(inserted, key=_index))


def _index(insertion: Insertion) -> int:
    return insertion.index


def _fill(
    span: SectionText, lines: list[str], data: TargetData | None
) -> tuple[list[str], Insertion | None]:
    """``lines`` with ``span``'s table put in (its markers already checked), and where."""
    own = span.lines(lines)
    table = span.section.targets
    assert table is not None
    target_set = data.get(SetKind(table.set)) if data is not None else None
    if target_set is None or has_table(own):
        return lines, None
    block = markdown_table(target_set, table).split("\n")
    marks = [span.heading + 1 + i for i in markers(own)]
    if marks:
        at = marks[0]
        return [*lines[:at], *block, *lines[at + 1 :]], Insertion(at, 1, len(block))
    end = span.end
    while end > span.heading + 1 and not lines[end - 1].strip():
        end -= 1
    added = ["", *block, ""]
    return [*lines[:end], *added, *lines[end:]], Insertion(end, 0, len(added))


def _marker_error(
    path: Path, index: int, what: str, placed: list[Section], hint: str | None = None
) -> UserError:
    where = ", ".join(f"mục «{s.number_text}» ({s.file})" for s in placed)
    return UserError(
        f"dòng đánh dấu bảng chỉ tiêu [Bảng chỉ tiêu]{{.{MARKER_CLASS}}} {what}",
        path=path,
        line=index + 1,
        hint=hint or (f"bảng chỉ tiêu đặt ở {where}." if where else None),
    )
