"""A :class:`~vankien.word.structure.Draft` as Markdown: one text per skeleton file.

Both ``vankien check`` (lints the texts in memory) and ``vankien import`` (writes them) use this
one conversion. Headings are written at the outline's levels; body paragraphs as Markdown (bold
``**``, italic ``*``, "-" and "+" items as the literal markers the build expects, tables as
pipe tables (merged cells flattened: the build's reader has no grid tables), footnotes as
``[^n]``, images as ``![](../images/…)``). Every line remembers the paragraph it came from.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass
from enum import Enum

from vankien.outline.model import Level, Section
from vankien.skeleton.render import section_blocks
from vankien.word.model import Image, Paragraph, Table, WordDocument
from vankien.word.structure import Draft, MappedHeading, Role

IMAGE_DIR = "images"  # images are extracted to <report>/images/ (paths in Markdown: ../images/)
UNPLACED_OPEN = "<!-- VANKIEN: NỘI DUNG CHƯA XẾP ĐƯỢC VÀO MỤC NÀO CỦA ĐỀ CƯƠNG"
UNPLACED_CLOSE = "<!-- VANKIEN: HẾT NỘI DUNG CHƯA XẾP ĐƯỢC -->"


class HeadingForm(Enum):
    """How a mapped heading is written."""

    OUTLINE = "outline"  # as the outline (and ``vankien scaffold``) writes it: for import
    DRAFT = "draft"  # the draft's own number and title at the outline's level: for check, so
    # the linter's structure rules see the draft's numbering and titles


@dataclass(frozen=True)
class ImageExport:
    """A picture to copy out of the docx."""

    part: str  # zip member, e.g. "word/media/image1.png"
    path: str  # where it goes, relative to the report folder: "images/image1.png"


@dataclass(frozen=True)
class MarkdownFile:
    """One skeleton file's Markdown and, for each of its lines, the paragraph it came from."""

    file: str  # skeleton file name, e.g. "01-dac-diem-tinh-hinh.md"
    text: str
    sources: tuple[int | None, ...]  # sources[n - 1]: Paragraph.index of line n (None: none)

    @property
    def rel(self) -> str:
        """The path lint uses: "skeleton/<file>"."""
        return f"skeleton/{self.file}"

    def source(self, line: int) -> int | None:
        """Paragraph.index of 1-based ``line``; a blank or generated line takes the nearest
        paragraph above it (None before any)."""
        for n in range(min(line, len(self.sources)), 0, -1):
            found = self.sources[n - 1]
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class Conversion:
    files: tuple[MarkdownFile, ...]  # one per outline file (Outline.files() order)
    images: tuple[ImageExport, ...]
    unplaced: tuple[tuple[str, tuple[int, ...]], ...]  # (file, paragraphs) of marked blocks

    def file(self, name: str) -> MarkdownFile:
        for item in self.files:
            if item.file == name:
                return item
        raise KeyError(name)


_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START_RE = re.compile(r"^(#{1,6}(?=\s|$)|>|=+\s*$|-{3,}\s*$|\d{1,9}[.)](?=\s|$))")
_ITEM_RE = re.compile(r"^\s*([-+–•])\s+")
_SPACE_RE = re.compile(r"[ \t]+")


def _escape(text: str) -> str:
    return _ESCAPE_RE.sub(r"\\\1", text)


@dataclass
class _Segment:
    text: str
    bold: bool
    italic: bool
    vert: str | None
    link: str | None


class _Converter:
    def __init__(self, draft: Draft, form: HeadingForm) -> None:
        self.draft = draft
        self.doc: WordDocument = draft.document
        self.form = form
        self.by_index = {p.index: p for p in self.doc.paragraphs}
        self.images: dict[str, ImageExport] = {}
        self.note_numbers: dict[tuple[str, int], int] = {}
        # (n, paragraph, kind, id, file): a note's definition goes in the file that cites it.
        self.pending_notes: list[tuple[int, int, str, int, str]] = []
        self.file = ""  # the skeleton file being written

    # -- inline -------------------------------------------------------------------------

    def inline(self, para: Paragraph, *, in_table: bool = False) -> str:
        segments: list[_Segment] = []
        out: list[str] = []
        for run in para.runs:
            if run.footnote is not None or run.endnote is not None:
                self._flush(segments, out)
                kind = "footnote" if run.footnote is not None else "endnote"
                nid = run.footnote if run.footnote is not None else run.endnote
                assert nid is not None
                if self.doc.note(kind, nid) is None:
                    continue
                key = (kind, nid)
                if key not in self.note_numbers:
                    self.note_numbers[key] = len(self.note_numbers) + 1
                    number = self.note_numbers[key]
                    self.pending_notes.append((number, para.index, kind, nid, self.file))
                out.append(f"[^{self.note_numbers[key]}]")
                continue
            if run.image is not None:
                self._flush(segments, out)
                out.append(self.image(run.image))
                continue
            text = run.text.replace("\t", " ")
            if run.caps:
                text = text.upper()
            text = text.replace("\n", "\x00")  # a line break inside the paragraph
            segments.append(_Segment(text, run.bold, run.italic, run.vert, run.hyperlink))
        self._flush(segments, out)
        text = "".join(out)
        text = _SPACE_RE.sub(" ", text)
        if in_table:
            return text.replace("\x00", " ").strip()
        lines = [line.strip() for line in text.split("\x00")]
        return "\\\n".join(line for line in lines if line) if len(lines) > 1 else text.strip()

    def _flush(self, segments: list[_Segment], out: list[str]) -> None:
        merged: list[_Segment] = []
        for seg in segments:
            if not seg.text:
                continue
            last = merged[-1] if merged else None
            if last is not None and (last.bold, last.italic, last.vert, last.link) == (
                seg.bold,
                seg.italic,
                seg.vert,
                seg.link,
            ):
                last.text += seg.text
            elif last is not None and not seg.text.strip() and not seg.link:
                last.text += seg.text  # whitespace takes the formatting before it
            else:
                merged.append(_Segment(seg.text, seg.bold, seg.italic, seg.vert, seg.link))
        for seg in merged:
            out.append(self._segment(seg))
        segments.clear()

    def _segment(self, seg: _Segment) -> str:
        raw = seg.text
        lead = raw[: len(raw) - len(raw.lstrip())]
        trail = raw[len(raw.rstrip()) :]
        core = raw.strip()
        if not core:
            return raw
        text = _escape(core)
        if seg.vert == "superscript":
            text = "^" + text.replace(" ", "\\ ") + "^"
        elif seg.vert == "subscript":
            text = "~" + text.replace(" ", "\\ ") + "~"
        if seg.bold and seg.italic:
            text = f"***{text}***"
        elif seg.bold:
            text = f"**{text}**"
        elif seg.italic:
            text = f"*{text}*"
        if seg.link and re.match(r"^(?:https?|mailto):", seg.link):
            text = f"[{text}](<{seg.link}>)"
        return lead + text + trail

    def image(self, image: Image) -> str:
        alt = _escape(image.description)
        if image.external or not image.part:
            return f"<!-- ảnh liên kết ngoài văn bản, không chép được: {image.target} -->"
        export = self.images.get(image.part)
        if export is None:
            name = posixpath.basename(image.part)
            taken = {e.path for e in self.images.values()}
            path = f"{IMAGE_DIR}/{name}"
            n = 2
            while path in taken:
                stem, dot, ext = name.rpartition(".")
                path = f"{IMAGE_DIR}/{stem}-{n}{dot}{ext}" if dot else f"{IMAGE_DIR}/{name}-{n}"
                n += 1
            export = ImageExport(image.part, path)
            self.images[image.part] = export
        size = ""
        if image.width_emu:
            # The size the writer gave it (pandoc would use the file's pixels and DPI).
            size = f"{{width={image.width_emu / 360000:.1f}cm}}"  # 360000 EMU = 1 cm
        return f"![{alt}](../{export.path}){size}"

    # -- blocks -------------------------------------------------------------------------

    def paragraph(self, para: Paragraph) -> str:
        text = self.inline(para)
        number = para.number
        if number is not None and number.label:
            if number.is_bullet:
                marker = number.label.strip()
                if len(marker) == 1 and "\uf020" <= marker <= "\uf0ff":
                    # A Symbol-font bullet is stored in the private use area (U+F020–F0FF);
                    # its low byte is the character the font draws ("\uf02d" "-", "\uf02b"
                    # "+"; "\uf0b7" a round bullet, which falls to the rule by level below).
                    marker = chr(ord(marker) - 0xF000)
                if marker in ("-", "–", "−", "+"):
                    marker = "+" if marker == "+" else "-"
                else:
                    marker = "-" if number.ilvl == 0 else "+"
                return f"{marker} {text}"
            text = f"{_escape(number.label)} {text}"
        m = _ITEM_RE.match(para.text)
        if m is not None:
            marker = "+" if m.group(1) == "+" else "-"
            body = _ITEM_RE.sub("", text, count=1)
            return f"{marker} {body}"
        m = _LINE_START_RE.match(text)
        if m is not None and m.group(1)[0].isdigit():
            # A backslash escapes punctuation only: "1\." (not "\1.") keeps "1." as text.
            end = len(m.group(1)) - 1
            text = text[:end] + "\\" + text[end:]
        elif m is not None:
            text = "\\" + text
        return text

    def heading(self, heading: MappedHeading) -> str:
        level = heading.level.markdown_level
        section = heading.section
        if section is not None and self.form is HeadingForm.OUTLINE:
            return section.markdown_heading()
        text = heading.candidate.text
        number = heading.candidate.number
        if number is not None and heading.candidate.title:
            raw = heading.candidate.number_raw
            title = _escape(heading.candidate.title)
            if number.level is Level.PART and not raw.endswith(":"):
                raw += ":"  # "Phần thứ nhất" and its title on two lines: one heading
            text = f"{raw} {title}"
        else:
            text = _escape(text)
        return "#" * level + " " + text

    def table(self, table: Table) -> list[str]:
        """A pipe table: the only kind the build's reader (commonmark_x) and the linter read.

        A merged cell's text goes in its first grid column and row; the columns and rows it
        covers stay empty. A cell's paragraphs are joined by a space (a pipe table cell holds
        one line).
        """
        ncols = max(1, table.columns, *(c.col + c.grid_span for r in table.rows for c in r))
        rows: list[list[str]] = []
        for row in table.rows:
            cells = [""] * ncols
            for cell in row:
                if cell.v_merge == "continue":
                    continue
                cells[min(cell.col, ncols - 1)] = " ".join(self._cell_lines(cell.paragraphs))
            rows.append(cells)
        return _pipe_table(rows) if rows else []

    def _cell_lines(self, indices: tuple[int, ...]) -> list[str]:
        lines: list[str] = []
        for index in indices:
            para = self.by_index.get(index)
            if para is None or para.cell is None or para.cell.depth > 1:
                continue
            text = self.paragraph(para).replace("\\\n", " ")
            if text.strip():
                lines.append(text.replace("|", "\\|") if not text.endswith("\\|") else text)
        return lines

    def note_lines_for(self, name: str) -> list[tuple[str, int | None]]:
        """The definitions of the notes cited in the skeleton file ``name``."""
        out: list[tuple[str, int | None]] = []
        for n, source, kind, nid, file in self.pending_notes:
            if file != name:
                continue
            note = self.doc.note(kind, nid)
            if note is None:
                continue
            texts = [self.inline(p) for p in note.paragraphs]
            texts = [t for t in texts if t.strip()]
            first = texts[0] if texts else ""
            out.append((f"[^{n}]: {first}".rstrip(), source))
            for more in texts[1:]:
                out.append(("", source))
                out.append((f"    {more}", source))
        return out


def _pipe_table(rows: list[list[str]]) -> list[str]:
    """Cells unpadded (the linter reads table rows as text: no runs of spaces); the separator's
    dashes follow the widest cell of each column, which is how pandoc sets relative widths."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    widths = [max(3, *(len(r[c]) for r in rows)) for c in range(width)]

    def line(cells: list[str]) -> str:
        return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"

    out = [line(rows[0]), "|" + "|".join("-" * w for w in widths) + "|"]
    out.extend(line(r) for r in rows[1:])
    return out


def to_markdown(
    draft: Draft, *, headings: HeadingForm = HeadingForm.OUTLINE, fill_missing: bool = False
) -> Conversion:
    """Convert ``draft``: every outline file gets its headings (mapped ones in ``headings``
    form, extra ones as the draft writes them, at their own level) and the body paragraphs
    under them. Missing sections get no heading (the linter reports them) unless
    ``fill_missing``: then what the scaffold writes for them (heading, guidance, placeholder). Text
    placed under no outline section goes, between ``UNPLACED_OPEN`` and ``UNPLACED_CLOSE``
    marker lines, into the nearest file (the file of the next heading for text before it).
    """
    conv = _Converter(draft, headings)
    outline = draft.outline
    files = outline.files()
    blocks: dict[str, list[list[tuple[str, int | None]]]] = {f: [] for f in files}
    unplaced: dict[str, list[int]] = {}
    by_index = conv.by_index
    first_file = next(
        (h.section.file for h in draft.headings if h.section is not None),
        files[0] if files else "",
    )
    current = first_file
    open_block: list[tuple[str, int | None]] | None = None
    done_tables: set[int] = set()
    written: set[str] = set()
    last_item = False

    def close_unplaced() -> None:
        nonlocal open_block
        if open_block is not None:
            open_block.append((UNPLACED_CLOSE, None))
            open_block = None

    for place in draft.placements:
        para = by_index[place.paragraph]
        conv.file = current
        role = place.role
        if role in (Role.HEADER, Role.CLOSING, Role.EMPTY, Role.CONTENTS):
            continue
        if role is Role.HEADING:
            heading = draft.headings[place.heading] if place.heading is not None else None
            if heading is None or heading.candidate.paragraph != para.index:
                continue
            close_unplaced()
            if heading.section is not None:
                current = heading.section.file
                if fill_missing:
                    _fill_before(draft, heading.section, blocks, written)
                written.add(heading.section.id)
            blocks[current].append([(conv.heading(heading), para.index)])
            if heading.candidate.body_run is not None:
                # A run-in heading: the rest of its paragraph is the section's first paragraph.
                rest = dataclasses.replace(
                    para, runs=para.runs[heading.candidate.body_run :], number=None
                )
                text = conv.paragraph(rest)
                if text.strip():
                    blocks[current].append([(line, para.index) for line in text.split("\n")])
            last_item = False
            continue
        if para.cell is not None:
            table_index = _top_table(draft.document, para)
            if table_index in done_tables:
                continue
            done_tables.add(table_index)
            table = draft.document.tables[table_index]
            block: list[tuple[str, int | None]] = [(line, para.index) for line in conv.table(table)]
            item = False
        else:
            text = conv.paragraph(para)
            if not text.strip():
                continue
            block = [(line, para.index) for line in text.split("\n")]
            item = text.startswith(("- ", "+ "))
        if role is Role.UNPLACED:
            if open_block is None:
                open_block = [
                    (
                        f"{UNPLACED_OPEN}: chuyển đoạn dưới đây vào đúng mục rồi xóa hai dòng "
                        "đánh dấu này. -->",
                        para.index,
                    )
                ]
                blocks[current].append(open_block)
            if not (item and last_item):
                open_block.append(("", None))
            open_block.extend(block)
            unplaced.setdefault(current, []).append(para.index)
            last_item = item
            continue
        close_unplaced()
        if item and last_item and blocks[current]:
            blocks[current][-1].extend(block)  # consecutive items make one tight list
        else:
            blocks[current].append(block)
        last_item = item
    close_unplaced()
    if fill_missing:
        for section in outline.walk():
            if section.id not in written:
                _fill_before(draft, section, blocks, written, upto=True)
    out: list[MarkdownFile] = []
    for name in files:
        lines: list[tuple[str, int | None]] = []
        for block in blocks[name]:
            if lines:
                lines.append(("", None))
            lines.extend(block)
        notes = conv.note_lines_for(name)
        if notes:
            lines.append(("", None))
            lines.extend(notes)
        text = "\n".join(line for line, _ in lines) + "\n" if lines else ""
        out.append(MarkdownFile(name, text, tuple(src for _, src in lines)))
    return Conversion(
        files=tuple(out),
        images=tuple(conv.images.values()),
        unplaced=tuple((f, tuple(ix)) for f, ix in unplaced.items()),
    )


def _top_table(document: WordDocument, para: Paragraph) -> int:
    assert para.cell is not None
    table = document.tables[para.cell.table]
    index = table.index
    # A nested table's paragraphs belong to the top-level table that holds them.
    while table.depth > 1 and index > 0:
        index -= 1
        table = document.tables[index]
    return index


def _fill_before(
    draft: Draft,
    section: Section,
    blocks: dict[str, list[list[tuple[str, int | None]]]],
    written: set[str],
    *,
    upto: bool = False,
) -> None:
    """Write the outline headings (with guidance and placeholder) of the missing sections that
    come before ``section`` in the outline (and ``section`` itself when ``upto``)."""
    found = {h.section.id for h in draft.headings if h.section is not None}
    for other in draft.outline.walk():
        if other.id == section.id and not upto:
            break
        if other.id in written or other.id in found:
            if other.id == section.id:
                break
            continue
        # As `vankien scaffold` writes it: heading, guidance (shown in a draft build), placeholder.
        text = "\n\n".join(section_blocks(other))
        blocks[other.file].append([(line, None) for line in text.split("\n")])
        written.add(other.id)
        if other.id == section.id:
            break
