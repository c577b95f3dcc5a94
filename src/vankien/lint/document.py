"""The parsed document model, built once per run and shared by every rule.

mistune 3 decides the block structure (the same CommonMark structure pandoc's reader sees); it
has no line numbers, so the parser records where each top-level block starts and maps it back
to source lines. Inside prose, code spans, inline HTML comments and URLs are masked with spaces
(offsets stay valid), soft-wrapped lines are joined with one space, and every character of the
joined text maps back to a file offset.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vankien.outline.model import Number, split_heading

if TYPE_CHECKING:
    from vankien.lint.cache import RunCache

COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
CODE_SPAN_RE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
# A URL ends before a closing bracket or a final punctuation mark («xem https://a.vn.»).
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?«»“”]")
# Markdown's own syntax inside a paragraph (links, images, footnote references, autolinks):
# the link text stays, the rest is not prose. ``[^1]``, ``![alt](a.png)``, ``](target)``.
IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
MARKUP_RE = re.compile(
    r"\[\^[^\]\s]+\](?!:)"  # a footnote reference
    r"|<(?:https?://|mailto:|www\.)[^>\s]*>"  # an autolink
)
# A link: its «[» and its «](target "title")» are masked, its text is prose.
LINK_RE = re.compile(r"(\[)[^\]\n]*(\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+\"[^\"\n]*\")?\))")
LIST_MARKER_RE = re.compile(r"^( {0,3})(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
BLOCKQUOTE_RE = re.compile(r"^ {0,3}> ?")


@dataclass(frozen=True)
class Heading:
    """One Markdown heading as written, with its parsed number (None when it has none)."""

    index: int  # position among all headings of the report, in document order
    rel: str
    line: int
    col: int  # column (1-based) where the heading text starts
    offset: int  # file offset where the heading text starts
    level: int  # number of #s (1..6)
    text: str  # heading text, inline comments removed, whitespace collapsed
    raw: str  # heading text exactly as in the source line (after the #s)
    number: Number | None
    number_raw: str  # the number as written ("II.", "Phần thứ nhất:")
    title: str


@dataclass(frozen=True)
class TextUnit:
    """A stretch of prose a language rule reads: a heading's text, a paragraph or a list item.

    ``text`` has soft wraps joined with one space and code, comments and URLs masked with
    spaces. ``segments`` maps it back: (offset in text, offset in file, length).
    """

    rel: str
    kind: str  # "heading" | "paragraph" | "item"
    text: str
    segments: tuple[tuple[int, int, int], ...]
    line: int
    heading: int | None  # index of the heading this unit belongs to (None before the first)
    # Spans of ``text`` (start, end) that were masked: code, comments, URLs, Markdown syntax.
    masked: tuple[tuple[int, int], ...] = ()

    def in_masked(self, start: int, end: int) -> bool:
        """Whether text[start:end] touches a masked span (a hit there is about the mask)."""
        return any(a < max(end, start + 1) and start < b for a, b in self.masked)

    def file_offset(self, pos: int) -> int:
        """The file offset of ``text[pos]`` (the joining space maps to the end of its line)."""
        starts = [seg[0] for seg in self.segments]
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        unit_start, file_start, length = self.segments[i]
        return file_start + min(max(pos - unit_start, 0), length)


@dataclass(frozen=True)
class Comment:
    """A block-level HTML comment (guidance, suppression directive, expectation)."""

    line: int
    end_line: int
    body: str  # the text between <!-- and -->


@dataclass
class SourceFile:
    """One skeleton file: its text and everything the rules read from it."""

    rel: str
    text: str
    line_starts: list[int]
    headings: list[Heading] = field(default_factory=list)
    units: list[TextUnit] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # Lines (1-based) that hold code, block comments or other non-prose content.
    masked_lines: set[int] = field(default_factory=set)

    def loc(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a file offset."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def body_units(self) -> Iterator[TextUnit]:
        return (u for u in self.units if u.kind != "heading")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


@lru_cache(maxsize=1)
def _markdown() -> Any:
    """A mistune block parser whose top-level tokens remember where they start."""
    import mistune
    from mistune.core import BlockState

    class _Tokens(list[dict[str, Any]]):
        def __init__(self, state: _State) -> None:
            super().__init__()
            self.state = state

        def append(self, token: dict[str, Any]) -> None:
            start = self.state.match_start
            token.setdefault("_start", self.state.cursor if start is None else start)
            super().append(token)

        def insert(self, index: Any, token: dict[str, Any]) -> None:
            start = self.state.match_start
            token.setdefault("_start", self.state.cursor if start is None else start)
            super().insert(index, token)

    class _State(BlockState):
        def __init__(self, parent: Any = None) -> None:
            super().__init__(parent)
            self.tokens = _Tokens(self)
            self.match_start: int | None = None

    class _Parser(mistune.BlockParser):
        state_cls = _State

        def parse_method(self, m: Any, state: Any) -> Any:
            # A list parses its items (and the block that ends it) through nested calls on the
            # same state: each token takes the start of the innermost match being parsed.
            outer = state.match_start
            state.match_start = m.start()
            try:
                return super().parse_method(m, state)
            finally:
                state.match_start = outer

    md = mistune.create_markdown(renderer=None)
    parser = _Parser()
    md.block = parser
    return md, _State


def block_tokens(text: str) -> list[dict[str, Any]]:
    """mistune's top-level block tokens, each with ``_start`` (a file offset)."""
    md, state_cls = _markdown()
    state = state_cls()
    state.process(text if text.endswith("\n") else text + "\n")
    md.block.parse(state)
    return list(state.tokens)


def _clean_heading(raw: str) -> str:
    text = COMMENT_RE.sub(" ", raw)
    # A closing sequence of #s is not part of the heading (CommonMark).
    text = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", text)
    return " ".join(text.split())


def _mask(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """Blank out code spans, inline comments, URLs and Markdown's link, image and footnote
    syntax, keeping every offset; ``spans`` collects what was blanked."""

    def blank(m: re.Match[str]) -> str:
        if spans is not None:
            spans.append(m.span())
        return " " * len(m.group(0))

    def blank_link(m: re.Match[str]) -> str:
        whole = m.group(0)
        opener, target = m.span(1), m.span(2)
        if spans is not None:
            spans.extend((opener, target))
        inner = whole[1 : target[0] - m.start()]
        return " " + inner + " " * (target[1] - target[0])

    if "`" in text:
        text = CODE_SPAN_RE.sub(blank, text)
    if "<!--" in text:
        text = COMMENT_RE.sub(blank, text)
    if "[" in text or "<" in text:
        if "![" in text:
            text = IMAGE_RE.sub(blank, text)
        if "](" in text:
            text = LINK_RE.sub(blank_link, text)
        text = MARKUP_RE.sub(blank, text)
    if "://" in text or "www." in text:
        text = URL_RE.sub(blank, text)
    return text


class _Builder:
    def __init__(self, rel: str, text: str, heading_base: int) -> None:
        self.file = SourceFile(rel=rel, text=text, line_starts=_line_starts(text))
        self.heading_base = heading_base
        self.current: int | None = None

    def line_span(self, line: int) -> tuple[int, int]:
        starts = self.file.line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.file.text)
        return start, end

    def add_unit(self, kind: str, pieces: list[tuple[int, int]], line: int) -> None:
        """``pieces``: (file start, file end) of each source line's content."""
        text_parts: list[str] = []
        segments: list[tuple[int, int, int]] = []
        pos = 0
        for start, end in pieces:
            if text_parts:
                text_parts.append(" ")
                pos += 1
            chunk = self.file.text[start:end]
            segments.append((pos, start, len(chunk)))
            text_parts.append(chunk)
            pos += len(chunk)
        spans: list[tuple[int, int]] = []
        joined = _mask("".join(text_parts), spans)
        if not joined.strip():
            return
        self.file.units.append(
            TextUnit(self.file.rel, kind, joined, tuple(segments), line, self.current, tuple(spans))
        )

    def heading(self, token: dict[str, Any], line: int) -> None:
        level = int(token.get("attrs", {}).get("level", 1))
        start, end = self.line_span(line)
        source = self.file.text[start:end]
        if token.get("style") == "setext":
            raw_start = start + len(source) - len(source.lstrip())
        else:
            m = ATX_RE.match(source)
            raw_start = start + (m.end() if m else 0)
        raw = self.file.text[raw_start:end]
        text = _clean_heading(raw if token.get("style") != "setext" else token.get("text", raw))
        number, number_raw, title = split_heading(text)
        col = raw_start - start + 1
        index = self.heading_base + len(self.file.headings)
        self.file.headings.append(
            Heading(
                index=index,
                rel=self.file.rel,
                line=line,
                col=col,
                offset=raw_start,
                level=level,
                text=text,
                raw=raw,
                number=number,
                number_raw=number_raw,
                title=title,
            )
        )
        self.current = index
        content_end = raw_start + len(_mask(raw).rstrip())
        self.add_unit("heading", [(raw_start, content_end)], line)

    def prose(self, first: int, last: int, kind: str) -> None:
        """Lines first..last of a paragraph, list or quote become text units."""
        pieces: list[tuple[int, int]] = []
        unit_line = first
        for line in range(first, last + 1):
            start, end = self.line_span(line)
            source = self.file.text[start:end]
            if not source.strip():
                if pieces:
                    self.add_unit(kind, pieces, unit_line)
                    pieces = []
                continue
            lead = 0
            quote = BLOCKQUOTE_RE.match(source)
            if quote:
                lead = quote.end()
            new_item = kind == "item" and LIST_MARKER_RE.match(source[lead:]) is not None
            is_table = source.lstrip().startswith("|")
            if (new_item or is_table) and pieces:
                self.add_unit(kind, pieces, unit_line)
                pieces = []
            if not pieces:
                unit_line = line
            content = source[lead:]
            lead += len(content) - len(content.lstrip())
            pieces.append((start + lead, start + len(source.rstrip())))
            if is_table:
                self.add_unit(kind, pieces, unit_line)
                pieces = []
        if pieces:
            self.add_unit(kind, pieces, unit_line)

    def comment(self, first: int, last: int) -> None:
        start = self.file.line_starts[first - 1]
        end = self.line_span(last)[1]
        chunk = self.file.text[start:end]
        for m in COMMENT_RE.finditer(chunk):
            body = m.group(0)[4:-3]
            line = first + chunk.count("\n", 0, m.start())
            self.file.comments.append(Comment(line, line + m.group(0).count("\n"), body))
        open_at = chunk.rfind("<!--")
        if open_at != -1 and "-->" not in chunk[open_at:]:
            line = first + chunk.count("\n", 0, open_at)
            self.file.comments.append(Comment(line, last, chunk[open_at + 4 :]))


def _token_stamp() -> str:
    """Changes when this parser or mistune changes (without importing mistune)."""
    import importlib.util

    from vankien.lint.cache import stamp_of

    spec = importlib.util.find_spec("mistune")
    origin = Path(spec.origin) if spec is not None and spec.origin else Path("mistune")
    return stamp_of([Path(__file__), origin, origin.with_name("block_parser.py")])


def cached_tokens(text: str, cache: RunCache | None) -> list[dict[str, Any]]:
    """The block tokens the model needs (type, start, level, style), from the cache if the
    same text was parsed before: then mistune is not even imported."""
    if not text.strip():
        return []
    if cache is None:
        return block_tokens(text)
    from vankien.lint.cache import digest

    key = "tok:" + digest(_token_stamp(), text)
    found = cache.get(key)
    if isinstance(found, list):
        return found
    tokens = [
        {
            k: v
            for k, v in token.items()
            if k in ("type", "_start", "attrs", "style") or (k == "text" and "style" in token)
        }
        for token in block_tokens(text)
    ]
    cache.put(key, tokens)
    return tokens


def parse_file(
    rel: str, text: str, heading_base: int = 0, cache: RunCache | None = None
) -> SourceFile:
    """Parse one skeleton file's text into the document model."""
    builder = _Builder(rel, text, heading_base)
    tokens = cached_tokens(text, cache)
    nlines = len(builder.file.line_starts)
    if text.endswith("\n"):
        nlines -= 1
    starts: list[int] = []
    for token in tokens:
        offset = token.get("_start")
        line = builder.file.loc(int(offset))[0] if offset is not None else 0
        line = max(line, starts[-1] if starts else 1)
        if token["type"] == "heading" and token.get("style") != "setext":
            # Safety net: an ATX heading starts on a line of #s; if the recorded start is off,
            # take the next such line.
            probe = line
            while probe <= nlines and not ATX_RE.match(builder.file.line_text(probe)):
                probe += 1
            line = probe if probe <= nlines else line
        starts.append(line)
    for i, token in enumerate(tokens):
        first = starts[i]
        last = (starts[i + 1] - 1) if i + 1 < len(tokens) else nlines
        last = max(first, min(last, nlines))
        kind = token["type"]
        if kind == "heading":
            builder.heading(token, first)
            if token.get("style") == "setext":
                builder.file.masked_lines.add(first + 1)
        elif kind == "paragraph":
            builder.prose(first, last, "paragraph")
        elif kind in ("list", "block_quote"):
            builder.prose(first, last, "item" if kind == "list" else "paragraph")
        elif kind == "block_html":
            builder.comment(first, last)
            builder.file.masked_lines.update(range(first, last + 1))
        elif kind in ("block_code", "thematic_break"):
            builder.file.masked_lines.update(range(first, last + 1))
    return builder.file


def iter_lines(source: SourceFile) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line that is not code or a block comment."""
    for number in range(1, len(source.line_starts) + 1):
        if number not in source.masked_lines:
            yield number, source.line_text(number)
