"""A word-level diff of two pandoc documents, written as tracked changes.

The input is two lists of pandoc JSON blocks (each revision as the build reads it, after its
filters); the output is one list of blocks in which changed text sits in ``.insertion`` /
``.deletion`` spans with author and date, which pandoc's docx writer turns into ``w:ins`` /
``w:del``. Accepting every change gives the newer text, rejecting every change the older one.

Alignment goes from coarse to fine: sections (a heading and the blocks under it) are aligned by
their heading, so an added, removed or moved section shows as a whole; inside a section blocks
are aligned by their text and similar blocks paired; inside a paragraph, heading or table cell
the tokens are Vietnamese syllables and punctuation marks (see :mod:`vankien.review.tokens`).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any, TypeVar

from vankien.review.tokens import tokenize

Json = Any
T = TypeVar("T")

# Inline containers whose content can be split; the value is the index of the inline list in
# "c" (None: "c" is the list itself). Everything else (Code, Note, Quoted, Image, Math…) is an
# indivisible token: splitting Quoted or Note would duplicate their marks or their number.
CONTAINERS: dict[str, int | None] = {
    "Emph": None,
    "Underline": None,
    "Strong": None,
    "Strikeout": None,
    "Superscript": None,
    "Subscript": None,
    "SmallCaps": None,
    "Span": 1,
    "Link": 1,
}
# Str pieces: letter/digit runs (syllables), or any single other character; nothing is dropped.
PIECE_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+|.", re.S)
TEXT_BLOCKS = ("Para", "Plain")
PARA_SIMILARITY = 0.4
TITLE_SIMILARITY = 0.5


@dataclass(frozen=True)
class Mark:
    """Who made the changes and when (ISO 8601, UTC), as Word shows it on each revision."""

    author: str
    date: str


@dataclass(frozen=True)
class Tok:
    """One comparable piece of inline content, with the containers it sits in."""

    kind: str  # "str" | "space" | "atom"
    key: str
    wrap: tuple[str, ...]
    node: Json = field(default=None, compare=False, hash=False)


# ---------------------------------------------------------------------------- inline level


def _template(node: Json) -> tuple[str, Json]:
    """A container's JSON without its content (the wrapper key) and the content."""
    index = CONTAINERS[node["t"]]
    if index is None:
        return json.dumps({"t": node["t"]}, ensure_ascii=False), node["c"]
    c = list(node["c"])
    content = c[index]
    c[index] = None
    return json.dumps({"t": node["t"], "c": c}, sort_keys=True, ensure_ascii=False), content


def flatten(inlines: Sequence[Json], wrap: tuple[str, ...] = ()) -> list[Tok]:
    out: list[Tok] = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.extend(Tok("str", piece, wrap) for piece in PIECE_RE.findall(node["c"]))
        elif kind in ("Space", "SoftBreak"):
            out.append(Tok("space", " ", wrap))
        elif kind in CONTAINERS:
            key, content = _template(node)
            out.extend(flatten(content, (*wrap, key)))
        else:
            out.append(
                Tok("atom", json.dumps(node, sort_keys=True, ensure_ascii=False), wrap, node)
            )
    return out


def _wrap(key: str, content: list[Json]) -> Json:
    node = json.loads(key)
    index = CONTAINERS[node["t"]]
    if index is None:
        node["c"] = content
    else:
        node["c"][index] = content
    return node


def build(toks: Sequence[Tok]) -> list[Json]:
    """Inlines from tokens: adjacent text joined into one Str, containers rebuilt."""
    out: list[Json] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        j = i + 1
        if tok.wrap:
            head = tok.wrap[0]
            while j < len(toks) and toks[j].wrap[:1] == (head,):
                j += 1
            inner = build([replace(t, wrap=t.wrap[1:]) for t in toks[i:j]])
            out.append(_wrap(head, inner))
        elif tok.kind == "str":
            while j < len(toks) and toks[j].kind == "str" and not toks[j].wrap:
                j += 1
            out.append({"t": "Str", "c": "".join(t.key for t in toks[i:j])})
        elif tok.kind == "space":
            out.append({"t": "Space"})
        else:
            out.append(copy.deepcopy(tok.node))
        i = j
    return out


def span(kind: str, inlines: list[Json], mark: Mark) -> Json:
    attrs = [["author", mark.author], ["date", mark.date]]
    return {"t": "Span", "c": [["", [kind], attrs], inlines]}


def _merge_gaps(
    ops: Sequence[tuple[str, int, int, int, int]], a: Sequence[Tok]
) -> list[tuple[str, int, int, int, int]]:
    """Fold a lone space kept between two changes into them: one change, not two."""
    out: list[tuple[str, int, int, int, int]] = []
    for k, op in enumerate(ops):
        tag, i1, i2, j1, j2 = op
        gap = (
            tag == "equal"
            and 0 < k < len(ops) - 1
            and all(t.kind == "space" for t in a[i1:i2])
            and i2 - i1 <= 1
        )
        if (gap or tag != "equal") and out and out[-1][0] == "change":
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = ("change", pi1, i2, pj1, j2)
        elif gap or tag != "equal":
            out.append(("change", i1, i2, j1, j2))
        else:
            out.append(op)
    return out


ANCHOR_CLASS = "vk-anchor"  # filters/anchors.lua: a div around a block, a bookmark in Word


def anchors_as_spans(node: Json) -> Json:
    """``node`` (a document or any part of it) with each anchor div of filters/anchors.lua
    taken away and its identifier put at the end of the block it held, as an empty span: the
    diff compares blocks with blocks, and the span holds no text, so it never sees them."""
    if isinstance(node, list):
        return [anchors_as_spans(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "Div" and ANCHOR_CLASS in node["c"][0][1] and len(node["c"][1]) == 1:
        block = anchors_as_spans(node["c"][1][0])
        inlines = block["c"][2] if block["t"] == "Header" else block["c"]
        inlines.append({"t": "Span", "c": [[node["c"][0][0], [ANCHOR_CLASS], []], []]})
        return block
    return {key: anchors_as_spans(value) for key, value in node.items()}


def _anchors(inlines: Sequence[Json]) -> list[Json]:
    """The anchor spans of an inline list (they hold no text, so the diff never sees them)."""
    return [
        copy.deepcopy(node)
        for node in inlines
        if node.get("t") == "Span" and ANCHOR_CLASS in node["c"][0][1] and not node["c"][1]
    ]


def diff_inlines(old: Sequence[Json], new: Sequence[Json], mark: Mark) -> list[Json]:
    """The tracked-changes inlines from ``old`` to ``new``; the new text's anchors kept."""
    a, b = flatten(old), flatten(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    out: list[Json] = []
    for tag, i1, i2, j1, j2 in _merge_gaps(matcher.get_opcodes(), a):
        if tag == "equal":
            out.extend(build(b[j1:j2]))
            continue
        if i2 > i1:
            out.append(span("deletion", build(a[i1:i2]), mark))
        if j2 > j1:
            out.append(span("insertion", build(b[j1:j2]), mark))
    return out + _anchors(new)


def inline_text(inlines: Sequence[Json]) -> str:
    return "".join(t.key if t.kind != "atom" else "\ufffc" for t in flatten(inlines))


# ---------------------------------------------------------------------------- whole blocks


def _mark_inlines(inlines: list[Json], kind: str, mark: Mark) -> list[Json]:
    return [span(kind, inlines, mark)] if inlines else inlines


def mark_block(block: Json, kind: str, mark: Mark) -> Json:
    """The block with all its text inside one ``kind`` span per inline list.

    Code blocks, raw blocks and rules hold no trackable text and are returned unchanged.
    """
    block = copy.deepcopy(block)
    t, c = block["t"], block.get("c")

    def blocks(items: list[Json]) -> list[Json]:
        return [mark_block(b, kind, mark) for b in items]

    if t in TEXT_BLOCKS:
        block["c"] = _mark_inlines(c, kind, mark)
    elif t == "Header":
        c[2] = _mark_inlines(c[2], kind, mark)
    elif t == "LineBlock":
        block["c"] = [_mark_inlines(line, kind, mark) for line in c]
    elif t == "BlockQuote":
        block["c"] = blocks(c)
    elif t == "Div":
        c[1] = blocks(c[1])
    elif t == "BulletList":
        block["c"] = [blocks(item) for item in c]
    elif t == "OrderedList":
        c[1] = [blocks(item) for item in c[1]]
    elif t == "DefinitionList":
        block["c"] = [
            [_mark_inlines(term, kind, mark), [blocks(d) for d in defs]] for term, defs in c
        ]
    elif t == "Figure":
        c[1][1] = blocks(c[1][1])
        c[2] = blocks(c[2])
    elif t == "Table":
        c[1][1] = blocks(c[1][1])
        for rows in _table_row_lists(block):
            rows[:] = [_mark_row(row, kind, mark) for row in rows]
    return block


def _mark_row(row: Json, kind: str, mark: Mark) -> Json:
    attr, cells = row
    return [
        attr,
        [[a, al, rs, cs, [mark_block(b, kind, mark) for b in bl]] for a, al, rs, cs, bl in cells],
    ]


def _table_row_lists(table: Json) -> list[list[Json]]:
    _, _, _, head, bodies, foot = table["c"]
    lists = [head[1]]
    for body in bodies:
        lists.extend([body[2], body[3]])
    lists.append(foot[1])
    return lists


# ---------------------------------------------------------------------------- block level


def block_text(block: Json) -> str:
    """All text of a block, for comparing and pairing."""
    t, c = block["t"], block.get("c")
    if t in TEXT_BLOCKS:
        return inline_text(c)
    if t == "Header":
        return inline_text(c[2])
    if t == "Table":
        return " | ".join(
            " ; ".join(" ".join(block_text(b) for b in cell[4]) for cell in row[1])
            for rows in _table_row_lists(block)
            for row in rows
        )
    return json.dumps(block, sort_keys=True, ensure_ascii=False)


def block_key(block: Json) -> str:
    t = block["t"]
    kind = "text" if t in TEXT_BLOCKS else t
    if t == "Header":
        kind = f"Header{block['c'][0]}"
    return f"{kind}\x00{block_text(block)}"


def _ratio(a: str, b: str) -> float:
    ta, tb = tokenize(a), tokenize(b)
    if not ta and not tb:
        return 1.0
    return SequenceMatcher(None, ta, tb, autojunk=False).ratio()


def _columns(table: Json) -> int:
    return len(table["c"][2])


def similar_blocks(a: Json, b: Json) -> bool:
    ta, tb = a["t"], b["t"]
    if ta in TEXT_BLOCKS and tb in TEXT_BLOCKS:
        return _ratio(block_text(a), block_text(b)) >= PARA_SIMILARITY
    if ta == tb == "Header":
        return bool(a["c"][0] == b["c"][0])
    if ta == tb == "Table":
        return _columns(a) == _columns(b)
    return False


def pair_up(
    old: Sequence[T], new: Sequence[T], similar: Callable[[T, T], bool]
) -> list[tuple[T | None, T | None]]:
    """An order-keeping pairing of similar items (longest common subsequence by ``similar``);
    unpaired old items come before unpaired new ones in each gap."""
    n, m = len(old), len(new)
    ok = [[similar(old[i], new[j]) for j in range(m)] for i in range(n)]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(
                best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if ok[i][j] else 0
            )
    out: list[tuple[T | None, T | None]] = []
    i = j = 0
    pending_old: list[T] = []
    pending_new: list[T] = []

    def flush() -> None:
        out.extend((o, None) for o in pending_old)
        out.extend((None, x) for x in pending_new)
        pending_old.clear()
        pending_new.clear()

    while i < n or j < m:
        if i < n and j < m and ok[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            flush()
            out.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif i < n and (j >= m or best[i][j] == best[i + 1][j]):
            pending_old.append(old[i])
            i += 1
        else:
            pending_new.append(new[j])
            j += 1
    flush()
    return out


def diff_blocks(old: Sequence[Json], new: Sequence[Json], mark: Mark) -> list[Json]:
    matcher = SequenceMatcher(
        None, [block_key(b) for b in old], [block_key(b) for b in new], autojunk=False
    )
    out: list[Json] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(copy.deepcopy(list(new[j1:j2])))
            continue
        for a, b in pair_up(old[i1:i2], new[j1:j2], similar_blocks):
            if a is not None and b is not None:
                out.extend(diff_block(a, b, mark))
            elif a is not None:
                out.append(mark_block(a, "deletion", mark))
            elif b is not None:
                out.append(mark_block(b, "insertion", mark))
    return out


def diff_block(a: Json, b: Json, mark: Mark) -> list[Json]:
    """Two paired blocks as one (or, when they cannot be merged, the old one deleted and the
    new one inserted)."""
    if block_key(a) == block_key(b):
        return [copy.deepcopy(b)]
    ta, tb = a["t"], b["t"]
    if ta in TEXT_BLOCKS and tb in TEXT_BLOCKS:
        return [{"t": tb, "c": diff_inlines(a["c"], b["c"], mark)}]
    if ta == tb == "Header":
        level, attr, inlines = b["c"]
        return [
            {
                "t": "Header",
                "c": [level, copy.deepcopy(attr), diff_inlines(a["c"][2], inlines, mark)],
            }
        ]
    if ta == tb == "Table" and _columns(a) == _columns(b):
        return [diff_table(a, b, mark)]
    return [mark_block(a, "deletion", mark), mark_block(b, "insertion", mark)]


# ---------------------------------------------------------------------------- tables


def _row_text(row: Json) -> str:
    return " ; ".join(" ".join(block_text(b) for b in cell[4]) for cell in row[1])


def _similar_rows(a: Json, b: Json) -> bool:
    if len(a[1]) != len(b[1]):
        return False
    cells_a = [" ".join(block_text(x) for x in cell[4]) for cell in a[1]]
    cells_b = [" ".join(block_text(x) for x in cell[4]) for cell in b[1]]
    same = sum(1 for x, y in zip(cells_a, cells_b, strict=True) if x == y)
    return same > 0 or _ratio(_row_text(a), _row_text(b)) >= PARA_SIMILARITY


def diff_rows(old: Sequence[Json], new: Sequence[Json], mark: Mark) -> list[Json]:
    matcher = SequenceMatcher(
        None, [_row_text(r) for r in old], [_row_text(r) for r in new], autojunk=False
    )
    out: list[Json] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(copy.deepcopy(list(new[j1:j2])))
            continue
        pairs = pair_up(old[i1:i2], new[j1:j2], _similar_rows)
        for a, b in pairs:
            if a is not None and b is not None:
                cells = [
                    [cb[0], cb[1], cb[2], cb[3], diff_blocks(ca[4], cb[4], mark)]
                    for ca, cb in zip(a[1], b[1], strict=True)
                ]
                out.append([copy.deepcopy(b[0]), cells])
            elif a is not None:
                out.append(_mark_row(a, "deletion", mark))
            elif b is not None:
                out.append(_mark_row(b, "insertion", mark))
    return out


def diff_table(a: Json, b: Json, mark: Mark) -> Json:
    result = copy.deepcopy(b)
    _, cap_a, _, head_a, bodies_a, foot_a = a["c"]
    _, cap_b, _, head_b, bodies_b, foot_b = b["c"]
    c = result["c"]
    c[1][1] = diff_blocks(cap_a[1], cap_b[1], mark)
    c[3][1] = diff_rows(head_a[1], head_b[1], mark)
    bodies: list[Json] = []
    for k in range(max(len(bodies_a), len(bodies_b))):
        if k < len(bodies_a) and k < len(bodies_b):
            body = copy.deepcopy(bodies_b[k])
            body[2] = diff_rows(bodies_a[k][2], bodies_b[k][2], mark)
            body[3] = diff_rows(bodies_a[k][3], bodies_b[k][3], mark)
        elif k < len(bodies_b):
            body = copy.deepcopy(bodies_b[k])
            body[2] = [_mark_row(r, "insertion", mark) for r in body[2]]
            body[3] = [_mark_row(r, "insertion", mark) for r in body[3]]
        else:
            body = copy.deepcopy(bodies_a[k])
            body[2] = [_mark_row(r, "deletion", mark) for r in body[2]]
            body[3] = [_mark_row(r, "deletion", mark) for r in body[3]]
        bodies.append(body)
    c[4] = bodies
    c[5][1] = diff_rows(foot_a[1], foot_b[1], mark)
    return result


# ---------------------------------------------------------------------------- sections


@dataclass
class _Section:
    heading: Json | None
    body: list[Json]
    start: int = 0  # index of its first block in the document

    @property
    def key(self) -> str:
        return "" if self.heading is None else block_key(self.heading)

    @property
    def blocks(self) -> list[Json]:
        return ([self.heading] if self.heading is not None else []) + self.body


def split_sections(blocks: Sequence[Json]) -> list[_Section]:
    sections = [_Section(None, [])]
    for index, block in enumerate(blocks):
        if block["t"] == "Header":
            sections.append(_Section(block, [], index))
        else:
            sections[-1].body.append(block)
    return sections


NUMBER_RE = re.compile(r"^\s*(Phần\s+thứ\s+\S+?:|[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))")


def _similar_sections(a: _Section, b: _Section) -> bool:
    if a.heading is None or b.heading is None:
        return a.heading is None and b.heading is None
    if a.heading["c"][0] != b.heading["c"][0]:
        return False
    ta, tb = block_text(a.heading), block_text(b.heading)
    na, nb = NUMBER_RE.match(ta), NUMBER_RE.match(tb)
    if na and nb and na.group(1) == nb.group(1):
        return True
    return _ratio(ta, tb) >= TITLE_SIMILARITY


def diff_document(
    old: Sequence[Json],
    new: Sequence[Json],
    mark: Mark,
    *,
    old_marks: Sequence[Mark] | None = None,
    new_marks: Sequence[Mark] | None = None,
) -> list[Json]:
    """The tracked-changes blocks that turn ``old`` into ``new``.

    ``old_marks`` / ``new_marks`` give, per block, who changed it (e.g. the last author of the
    block's file); a section's changes all take the mark of its heading. Default: ``mark``.
    """
    sa, sb = split_sections(old), split_sections(new)

    def mark_of(section: _Section, marks: Sequence[Mark] | None) -> Mark:
        if marks is None or not marks or section.start >= len(marks):
            return mark
        return marks[section.start]

    matcher = SequenceMatcher(None, [s.key for s in sa], [s.key for s in sb], autojunk=False)
    out: list[Json] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs: list[tuple[_Section | None, _Section | None]] = list(
                zip(sa[i1:i2], sb[j1:j2], strict=True)
            )
        else:
            pairs = pair_up(sa[i1:i2], sb[j1:j2], _similar_sections)
        for a, b in pairs:
            if a is not None and b is not None:
                m = mark_of(b, new_marks)
                if a.heading is not None and b.heading is not None:
                    out.extend(diff_block(a.heading, b.heading, m))
                out.extend(diff_blocks(a.body, b.body, m))
            elif a is not None:
                m = mark_of(a, old_marks)
                out.extend(mark_block(x, "deletion", m) for x in a.blocks)
            elif b is not None:
                m = mark_of(b, new_marks)
                out.extend(mark_block(x, "insertion", m) for x in b.blocks)
    return out


# ---------------------------------------------------------------------------- reading back


def resolve_changes(blocks: Json, accept: bool) -> Json:
    """The blocks with every change accepted (or rejected): for tests and checks."""
    drop, keep = ("deletion", "insertion") if accept else ("insertion", "deletion")

    def walk(node: Json) -> Json:
        if isinstance(node, list):
            out: list[Json] = []
            for item in node:
                if isinstance(item, dict) and item.get("t") == "Span":
                    classes = item["c"][0][1]
                    if drop in classes:
                        continue
                    if keep in classes:
                        out.extend(walk(item["c"][1]))
                        continue
                out.append(walk(item))
            return out
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        return node

    return walk(blocks)


def plain_words(blocks: Json) -> str:
    """All text of a document, whitespace collapsed: what the reader sees, for comparisons."""
    pieces: list[str] = []

    def walk(node: Json) -> None:
        if isinstance(node, dict):
            t = node.get("t")
            if t == "Str":
                pieces.append(node["c"])
                return
            if t in ("Space", "SoftBreak", "LineBreak"):
                pieces.append(" ")
                return
            if t in ("Para", "Plain", "Header"):
                pieces.append(" ")
            if "c" in node:
                walk(node["c"])
            if t in ("Para", "Plain", "Header"):
                pieces.append(" ")
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return " ".join("".join(pieces).split())
