"""Body tables set the way a typesetter would: widths from the content, rows that stay whole.

Pandoc writes a pipe table with equal columns, rows that split across pages and the header
row in the style's look only. ``typeset_tables`` works on each body table (style "Table"):

- column widths from the content: the widest unbreakable piece of a column (a word, a term
  «2025 - 2030») is its floor; a column whose longest cell fits its fair share of the width
  (an STT column, figures, «Không đạt») gets exactly that and never wraps; the columns of
  running text share what is left in proportion to how much text each holds. ``w:tblGrid`` and the
  ``w:tcW`` of every cell say the same widths, and the layout is fixed (Word and LibreOffice
  then draw the same columns);
- no row splits across pages (``w:cantSplit``); the first row is the header, repeated on
  every page (``w:tblHeader``), centred, bold, and kept with the row after it;
- the STT column and columns of figures are centred, the way Vietnamese report tables set
  them (a figure column's cells are short: centred, they line up on the column's axis, and
  decimal commas need no tab stop); text stays at the left;
- space before and after the table (on the paragraphs around it), and the paragraph that
  introduces the table stays on its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vankien.publish.breaks import breakable
from vankien.publish.ooxml.ns import qn
from vankien.publish.textwidth import width_pt

if TYPE_CHECKING:
    from lxml import etree

TABLE_STYLE = "Table"
# A header naming a running-number column: «STT», «TT», «Số TT», «Số thứ tự».
INDEX_HEADER_RE = re.compile(r"^(?:s[ốo]\s*)?t(?:hứ\s*)?t(?:ự)?\.?$", re.IGNORECASE)
# A cell holding a figure: digits with Vietnamese separators («1.250», «93,5»), a sign, a
# percent or per-mille sign, a ratio «5/5»; nothing else.
FIGURE_RE = re.compile(r"^[+\-−–]?\d[\d.,\s\u00a0]*(?:/\d+)?\s*[%‰]?$")
SLACK_PT = 3.0  # per column, on top of the cell margins: the estimate is not exact


@dataclass(frozen=True)
class TableLook:
    """What the table's styles say: the cells' font size and side margins, the space to
    leave around a table."""

    size_pt: float = 13.0
    margin_twips: int = 85
    space_pt: float = 6.0


def table_look(
    styles: etree._Element, cell_style: str = "Compact", space_pt: float = 6.0
) -> TableLook:
    """The cells' size from the cell paragraph style, the margins from the table style."""
    size = 13.0
    margin = 85
    for style in styles.iter(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        if sid == cell_style:
            node = style.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if node is not None and node.get(qn("w:val"), "").isdigit():
                size = int(node.get(qn("w:val"), "26")) / 2
        elif sid == TABLE_STYLE:
            node = style.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/{qn('w:left')}")
            if node is not None and node.get(qn("w:w"), "").isdigit():
                margin = int(node.get(qn("w:w"), "85"))
    return TableLook(size, margin, space_pt)


def _cell_paragraphs(cell: etree._Element) -> list[str]:
    return [
        "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        for paragraph in cell.findall(qn("w:p"))
    ]


@dataclass
class _Column:
    floor: float = 0.0  # pt: the widest unbreakable piece
    need: float = 0.0  # pt: the widest cell on one line (the header may wrap at words)
    total: float = 0.0  # pt: all of the column's body text on one line (how much it holds)
    # per row, per paragraph of the cell: the widths of its pieces and of a space (pt)
    cells: list[list[tuple[list[float], float]]] = field(default_factory=list)
    index: bool = False
    figures: bool = False

    @property
    def fixed(self) -> bool:
        return self.index or self.figures


def _measure(rows: list[list[etree._Element]], look: TableLook) -> list[_Column]:
    count = max(len(row) for row in rows)
    columns = [_Column() for _ in range(count)]
    body_texts: list[list[str]] = [[] for _ in range(count)]
    for number, row in enumerate(rows):
        header = number == 0
        for position, cell in enumerate(row):
            column = columns[position]
            paragraphs: list[tuple[list[float], float]] = []
            column.cells.append(paragraphs)
            for text in _cell_paragraphs(cell):
                pieces = breakable(text)
                paragraphs.append(
                    (
                        [width_pt(p, look.size_pt, bold=header) for p in pieces],
                        width_pt(" ", look.size_pt, bold=header),
                    )
                )
                if not pieces:
                    continue
                longest = max(width_pt(p, look.size_pt, bold=header) for p in pieces)
                column.floor = max(column.floor, longest)
                whole = width_pt(" ".join(pieces), look.size_pt, bold=header)
                column.need = max(column.need, longest if header else whole)
                if not header:
                    body_texts[position].append(" ".join(pieces))
                    column.total += whole
    header_texts = [" ".join(_cell_paragraphs(cell)).strip() for cell in rows[0]]
    for position, column in enumerate(columns):
        texts = body_texts[position]
        head = header_texts[position] if position < len(header_texts) else ""
        column.index = bool(INDEX_HEADER_RE.match(head.replace("\u00a0", " "))) and all(
            FIGURE_RE.match(t) for t in texts
        )
        column.figures = bool(texts) and all(FIGURE_RE.match(t) for t in texts)
    return columns


def column_widths(columns: list[_Column], total: int, margin_twips: int) -> list[int]:
    """Widths in twips that add up to ``total``, from the columns' measures."""
    pad = 2 * margin_twips + SLACK_PT * 20
    need = [c.need * 20 + pad for c in columns]
    floor = [c.floor * 20 + pad for c in columns]
    widths = [0.0] * len(columns)
    flexible = [i for i, c in enumerate(columns) if not c.fixed]
    for i, c in enumerate(columns):
        if c.fixed:
            widths[i] = min(need[i], total / 2)
    left = total - sum(widths)
    # Water-filling: a text column that fits its fair share of what is left gets its need.
    open_ = list(flexible)
    while open_:
        share = left / len(open_)
        small = [i for i in open_ if need[i] <= share]
        if not small:
            break
        for i in small:
            widths[i] = need[i]
            left -= need[i]
            open_.remove(i)
    if open_:
        # The columns of running text share the rest by how much text each holds: the rows
        # then come out about as low as they can.
        weight = sum(columns[i].total or columns[i].need for i in open_)
        for i in open_:
            widths[i] = max(floor[i], left * (columns[i].total or columns[i].need) / weight)
    elif flexible:
        weight = sum(widths[i] for i in flexible)
        extra = total - sum(widths)
        for i in flexible:
            widths[i] += extra * widths[i] / weight
    scale = total / sum(widths) if sum(widths) > 0 else 1.0
    widths = _lowest([w * scale for w in widths], columns, pad, floor)
    out = [int(w) for w in widths]
    out[-1] = total - sum(out[:-1])
    return out


def _lines(pieces: list[float], space: float, usable: float) -> int:
    """How many lines a paragraph of pieces takes in ``usable`` points (greedy, as Word)."""
    if not pieces:
        return 1
    lines, used = 1, 0.0
    for piece in pieces:
        if used and used + space + piece > usable:
            lines, used = lines + 1, piece
        else:
            used = used + space + piece if used else piece
    return lines


ColumnLines = dict[tuple[int, float], list[int]]  # (column, width) → each cell's lines


def _height(
    columns: list[_Column], widths: list[float], pad: float, memo: ColumnLines
) -> tuple[int, int]:
    """The table's height in lines (for each row, its tallest cell), then the lines of all
    its cells (fewer is better when the height ties). ``memo``: the lines of a column at a
    width, already counted (a trial width changes two columns, the others are known)."""
    per_column = []
    for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
        lines = memo.get((i, width))
        if lines is None:
            usable = (width - pad) / 20
            lines = memo[(i, width)] = [
                sum(_lines(pieces, space, usable) for pieces, space in cell)
                for cell in column.cells
            ]
        per_column.append(lines)
    rows = list(zip(*per_column, strict=False))
    return sum(max(row) for row in rows), sum(sum(row) for row in rows)


def _lowest(
    widths: list[float], columns: list[_Column], pad: float, floor: list[float]
) -> list[float]:
    """From ``widths``, move width between columns while that makes the table lower (fewer
    lines in all): the columns' content decides, not their order or their longest cell."""
    unit = sum(widths) / 80
    memo: ColumnLines = {}
    best = _height(columns, widths, pad, memo)
    for _ in range(200):
        found = None
        for step in (unit, 2 * unit, 4 * unit, 8 * unit):
            for give in range(len(widths)):
                if widths[give] - step < floor[give]:
                    continue
                for take in range(len(widths)):
                    if take == give:
                        continue
                    trial = list(widths)
                    trial[give] -= step
                    trial[take] += step
                    height = _height(columns, trial, pad, memo)
                    if height < best:
                        best, found = height, trial
            if found is not None:
                break
        if found is None:
            break
        widths = found
    return widths


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    return [row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))]


def _child(parent: etree._Element, tag: str, first: bool = False) -> etree._Element:
    from lxml import etree

    node = parent.find(qn(tag))
    if node is None:
        node = etree.Element(qn(tag))
        if first:
            parent.insert(0, node)
        else:
            parent.append(node)
    return node


def _ensure(parent: etree._Element, tag: str, before: tuple[str, ...]) -> etree._Element:
    """The child ``tag`` of ``parent``, created before the first of ``before`` (schema order)."""
    from lxml import etree

    node = parent.find(qn(tag))
    if node is not None:
        return node
    node = etree.Element(qn(tag))
    for child in parent:
        if child.tag in {qn(b) for b in before}:
            child.addprevious(node)
            return node
    parent.append(node)
    return node


# Schema order of the elements that may follow the ones set here.
_AFTER_TCW = (
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)
_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
_AFTER_KEEPNEXT = (
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_SPACING = _AFTER_KEEPNEXT[_AFTER_KEEPNEXT.index("w:spacing") + 1 :]
_AFTER_JC = _AFTER_KEEPNEXT[_AFTER_KEEPNEXT.index("w:jc") + 1 :]
_AFTER_B = (
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def _ppr(paragraph: etree._Element) -> etree._Element:
    return _child(paragraph, "w:pPr", first=True)


def _centre(cell: etree._Element) -> None:
    for paragraph in cell.findall(qn("w:p")):
        _ensure(_ppr(paragraph), "w:jc", _AFTER_JC).set(qn("w:val"), "center")


def _keep_next(paragraph: etree._Element) -> None:
    _ensure(_ppr(paragraph), "w:keepNext", _AFTER_KEEPNEXT)


def _spacing(paragraph: etree._Element, side: str, twips: int) -> None:
    spacing = _ensure(_ppr(paragraph), "w:spacing", _AFTER_SPACING)
    old = spacing.get(qn(f"w:{side}"))
    if old is None or not old.isdigit() or int(old) < twips:
        spacing.set(qn(f"w:{side}"), str(twips))


def _bold(cell: etree._Element) -> None:
    from lxml import etree

    for run in cell.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = etree.Element(qn("w:rPr"))
            run.insert(0, rpr)
        _ensure(rpr, "w:b", _AFTER_B)


def typeset_table(table: etree._Element, text_width: int, look: TableLook) -> None:
    """One body table (see the module's docstring)."""
    rows = _rows(table)
    if not rows or not rows[0]:
        return
    spans = [cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") for row in rows for cell in row]
    grid = table.find(qn("w:tblGrid"))
    cols = grid.findall(qn("w:gridCol")) if grid is not None else []
    simple = all(s is None for s in spans) and all(len(row) == len(cols) for row in rows)
    if simple:
        columns = _measure(rows, look)
        widths = column_widths(columns, text_width, look.margin_twips)
        for col, width in zip(cols, widths, strict=True):
            col.set(qn("w:w"), str(width))
        for row in rows:
            for position, (cell, width) in enumerate(zip(row, widths, strict=True)):
                tcpr = _child(cell, "w:tcPr", first=True)
                tcw = _ensure(tcpr, "w:tcW", _AFTER_TCW)
                tcw.set(qn("w:w"), str(width))
                tcw.set(qn("w:type"), "dxa")
                if columns[position].fixed:
                    _centre(cell)
    tblpr = _child(table, "w:tblPr", first=True)
    tblw = _ensure(
        tblpr,
        "w:tblW",
        (
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ),
    )
    tblw.set(qn("w:w"), str(text_width))
    tblw.set(qn("w:type"), "dxa")
    if simple:
        _ensure(tblpr, "w:tblLayout", ("w:tblCellMar", "w:tblLook", "w:tblCaption")).set(
            qn("w:type"), "fixed"
        )
    for number, tr in enumerate(table.findall(qn("w:tr"))):
        trpr = _child(tr, "w:trPr", first=True)
        _ensure(trpr, "w:cantSplit", _AFTER_CANTSPLIT)
        if number == 0:
            _ensure(trpr, "w:tblHeader", ("w:tblCellSpacing", "w:jc", "w:hidden"))
            for cell in tr.findall(qn("w:tc")):
                _centre(cell)
                _bold(cell)
                _ensure(_child(cell, "w:tcPr", first=True), "w:vAlign", ("w:hideMark",)).set(
                    qn("w:val"), "center"
                )
                for paragraph in cell.findall(qn("w:p")):
                    _keep_next(paragraph)  # the header row stays with the first row
    space = round(look.space_pt * 20)
    before, after = table.getprevious(), table.getnext()
    if before is not None and before.tag == qn("w:p"):
        _spacing(before, "after", space)
        _keep_next(before)
    if after is not None and after.tag == qn("w:p"):
        _spacing(after, "before", space * 2)


def typeset_tables(document: etree._Element, look: TableLook) -> None:
    """Every body table of the document, each in the text width of its own section."""
    from vankien.publish.ooxml.transforms import section_of, text_width

    body = document.find(qn("w:body"))
    if body is None:
        return
    for table in body.findall(qn("w:tbl")):
        style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        if style is None or style.get(qn("w:val")) != TABLE_STYLE:
            continue
        width = text_width(section_of(table, body))
        if width is not None:
            typeset_table(table, width, look)
