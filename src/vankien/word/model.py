"""What a .docx holds, as a person reading it in Word sees it.

Everything here is a frozen dataclass built by :func:`vankien.word.reader.read_docx`. The text
of a paragraph is its *visible* text: field results (not field codes), hyperlinks, smart tags,
content controls, one branch of ``mc:AlternateContent``; inserted text (``w:ins``) is kept,
deleted text (``w:del``, ``w:moveFrom``) is dropped. The number Word displays in front of an
automatically numbered paragraph is computed from ``numbering.xml`` and kept apart from the
text (:attr:`Paragraph.label`), because the text the writer typed and the number Word adds
are different facts (a typed "II." is in :attr:`Paragraph.text`).

Paragraph indices (:attr:`Paragraph.index`) count the ``w:p`` elements of ``word/document.xml``
in document order as :func:`vankien.word.reader.paragraph_elements` enumerates them (body,
table cells, text boxes; ``mc:Fallback`` branches skipped). Use that function to get back from a
paragraph to its XML element (for example to anchor a comment on it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from vankien.unit.model import OrgType, Stage


@dataclass(frozen=True)
class Image:
    """A picture drawn in the text (``w:drawing`` / ``v:imagedata``)."""

    rel_id: str  # r:embed / r:id in document.xml
    part: str  # the part inside the zip, e.g. "word/media/image1.png" ("" when linked)
    target: str  # the relationship target as written, e.g. "media/image1.png"
    external: bool  # TargetMode="External": a linked file, not in the docx
    description: str  # wp:docPr descr or title ("" when none)
    width_emu: int | None  # wp:extent cx (914400 EMU = 1 inch)
    height_emu: int | None


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting, as displayed (style formatting included)."""

    text: str
    bold: bool = False
    italic: bool = False
    caps: bool = False  # w:caps or w:smallCaps (displayed in capitals whatever was typed)
    underline: bool = False
    vert: str | None = None  # "superscript" | "subscript" | None
    footnote: int | None = None  # a footnote reference mark: the footnote's id
    endnote: int | None = None  # an endnote reference mark: the endnote's id
    image: Image | None = None  # a picture (text is "")
    hyperlink: str | None = None  # the link target (URL or "#bookmark") of the hyperlink around
    inserted: bool = False  # inside a tracked insertion (w:ins / w:moveTo)
    tab: bool = False  # the run is a tab or a line break rendered as whitespace


@dataclass(frozen=True)
class Style:
    """A paragraph style with what it inherits through ``w:basedOn``."""

    id: str  # w:styleId as stored (may be localised: "Heading1", "Titre1", "u1")
    name: str  # w:name as stored (built-in names are English: "heading 1")
    outline_level: int | None  # 1..9 from w:outlineLvl (0-based in XML) through the chain
    heading_level: int | None  # 1..9 when the style is a heading style (name or outline level)
    bold: bool  # run formatting the style gives its text
    italic: bool
    caps: bool
    num_id: int | None  # numbering the style carries (w:pPr/w:numPr), through the chain
    ilvl: int | None
    based_on: str | None  # w:basedOn style id


@dataclass(frozen=True)
class AutoNumber:
    """The number Word displays in front of a paragraph, computed from numbering.xml."""

    label: str  # as displayed: "II.", "1.2.", "a)", "-", "•" ("" for a level with no text)
    num_id: int
    abstract_id: int
    ilvl: int  # 0-based list level
    num_format: str  # w:numFmt of the level: decimal, upperRoman, lowerLetter, bullet, none…
    counters: tuple[int, ...]  # the counter of each level 0..ilvl at this paragraph
    from_style: bool  # the numbering came from the paragraph's style, not its own w:numPr

    @property
    def is_bullet(self) -> bool:
        return self.num_format == "bullet"


@dataclass(frozen=True)
class CellPos:
    """Where a paragraph sits in a table."""

    table: int  # index into WordDocument.tables
    row: int  # 0-based row
    col: int  # 0-based grid column (w:gridSpan of earlier cells counted)
    cell: int  # 0-based position of the w:tc in its row
    grid_span: int  # columns this cell spans
    v_merge: str | None  # "restart" | "continue" | None
    depth: int  # 1 for a top-level table, 2 for a table in a cell, …


class Area(Enum):
    BODY = "body"
    CELL = "cell"
    TEXTBOX = "textbox"
    NOTE = "note"  # a paragraph of a footnote or an endnote


@dataclass(frozen=True)
class Paragraph:
    """One paragraph with its visible text and what decides how it is read."""

    index: int  # position among paragraph_elements() of document.xml (notes: within the note)
    text: str  # visible text, without the automatic number, as typed (NFC)
    runs: tuple[Run, ...]
    style: Style
    number: AutoNumber | None  # the automatic number Word displays, if any
    outline_level: int | None  # 1..9 from the paragraph's own w:outlineLvl, else its style's
    align: str | None  # w:jc: "center", "both", "left", "right", … (None: not set)
    area: Area
    cell: CellPos | None  # set when area is CELL (or a text box inside a cell)
    page: int | None  # page number where Word last rendered it (None when unknown)
    page_break_before: bool  # an explicit page break (or w:pageBreakBefore) starts it
    para_id: str | None  # w14:paraId when present (Word rewrites it on save: do not key on it)

    @property
    def label(self) -> str:
        """The automatic number as displayed, or ""."""
        return self.number.label if self.number is not None else ""

    @property
    def display(self) -> str:
        """What a reader sees: the automatic number, a space, then the text."""
        if self.number is not None and self.number.label and not self.number.is_bullet:
            return f"{self.number.label} {self.text}".strip()
        return self.text

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and not any(r.image for r in self.runs)

    @property
    def all_bold(self) -> bool:
        """Every visible character is bold (ignoring whitespace)."""
        shown = [r for r in self.runs if r.text.strip()]
        return bool(shown) and all(r.bold for r in shown)

    @property
    def all_caps(self) -> bool:
        """Displayed in capitals: every letter upper case, or the runs have w:caps."""
        shown = [r for r in self.runs if r.text.strip()]
        if not shown:
            return False
        letters = [ch for r in shown if not r.caps for ch in r.text if ch.isalpha()]
        return all(ch.isupper() for ch in letters) and (bool(letters) or any(r.caps for r in shown))


@dataclass(frozen=True)
class Cell:
    paragraphs: tuple[int, ...]  # Paragraph.index of the cell's paragraphs (nested tables too)
    row: int
    col: int
    grid_span: int
    v_merge: str | None


@dataclass(frozen=True)
class Table:
    index: int
    depth: int  # 1 top-level
    rows: tuple[tuple[Cell, ...], ...]
    columns: int  # grid columns (w:tblGrid), or the widest row
    borderless: bool  # no visible borders (the header block's layout table)
    first_paragraph: int  # Paragraph.index of its first paragraph


@dataclass(frozen=True)
class Note:
    """A footnote or an endnote (separators and continuation notices are left out)."""

    id: int
    kind: str  # "footnote" | "endnote"
    paragraphs: tuple[Paragraph, ...]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs).strip()


@dataclass(frozen=True)
class Comment:
    """A reviewer's comment already in the file (word/comments.xml)."""

    id: int
    author: str
    initials: str
    date: str
    text: str


@dataclass(frozen=True)
class HeaderBlock:
    """The document's header block (thể thức) as written in the file, where it could be read.

    Every field is None when it is not there. ``paragraphs`` lists the paragraphs that form the
    block (a layout table at the top, centred lines, the title), so that structure and
    conversion leave them out of the body.
    """

    superior: str | None = None  # issuing body line as written: "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"
    party_line: bool = False  # "ĐẢNG CỘNG SẢN VIỆT NAM" is there
    organisation: str | None = None  # the issuer line as written: "ĐẢNG ỦY SỞ KHOA HỌC …"
    org_type: OrgType | None = None  # read from the issuer line or the title
    org_name: str | None = None  # the name without "Đảng ủy"/"Chi bộ" (as written, capitals)
    doc_number: str | None = None  # the "Số …" line as written: "Số 45-BC/ĐU", "Số    -BC/ĐU"
    doc_number_value: int | None = None  # 45; None when left blank
    place: str | None = None
    date: dt.date | None = None
    date_text: str | None = None  # the place-and-date line as written
    title: str | None = None  # "BÁO CÁO CHÍNH TRỊ"
    congress_text: str | None = None  # the congress line as written
    congress: int | None = None  # "lần thứ XV" → 15 (None when a placeholder "lần thứ……")
    term: str | None = None  # "2025 - 2030" as written in the congress line
    stage: Stage | None = None  # "Dự thảo lần 2" → Stage(2); "Chính thức"/none written → None
    stage_text: str | None = None  # the stage mark as written
    paragraphs: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class WordDocument:
    """A whole .docx as read: body paragraphs in order, tables, notes, images, header block."""

    path: Path
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...]
    footnotes: tuple[Note, ...]
    endnotes: tuple[Note, ...]
    comments: tuple[Comment, ...]
    images: tuple[Image, ...]  # every picture in the body, in document order
    styles: tuple[Style, ...]
    header: HeaderBlock
    pages_known: bool  # Word recorded where pages break (w:lastRenderedPageBreak)
    tracked_changes: int  # w:ins + w:del + moves left in the file
    application: str | None  # docProps/app.xml Application ("Microsoft Office Word", …)
    # Fonts that display the body's text (w:rFonts w:ascii/w:hAnsi of runs, their paragraph
    # styles and the document defaults), sorted.
    fonts: tuple[str, ...] = ()

    @property
    def legacy_encoding(self) -> str | None:
        """ "TCVN3" or "VNI" when the text is shown in a pre-Unicode Vietnamese font (.VnTime,
        VNI-Times): its characters are then not the letters a reader sees, and every text check
        would read garbage. None for Unicode fonts."""
        for font in self.fonts:
            name = font.strip().lower()
            if name.startswith(".vn"):
                return "TCVN3"
            if name.startswith(("vni-", "vni ")):
                return "VNI"
        return None

    def note(self, kind: str, note_id: int) -> Note | None:
        notes = self.footnotes if kind == "footnote" else self.endnotes
        for note in notes:
            if note.id == note_id:
                return note
        return None

    def word_count(self) -> int:
        """Words of the body and notes the way Word counts them (runs of non-space)."""
        total = sum(len(p.display.split()) for p in self.paragraphs)
        for note in (*self.footnotes, *self.endnotes):
            total += sum(len(p.text.split()) for p in note.paragraphs)
        return total
