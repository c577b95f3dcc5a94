"""The parsed document model, built once per run and shared by every rule.

mistune 3 decides the block structure (the same CommonMark structure pandoc's reader sees); it
has no line numbers, so the parser records where each top-level block starts and maps it back
to source lines. Inside prose, code spans, inline HTML comments, autolinks, URLs and link
destinations are masked with :data:`MASK` (offsets stay valid), soft-wrapped lines are joined
with one space, and every character of the joined text maps back to a file offset.

The mask is a symbol, not a space: masked with spaces, «Dùng `mã` rồi» read as a run of spaces
to the checks, and ``--fix`` collapsed the code away.

Each file also records its protected spans (:attr:`SourceFile.protected`): the text that is not
the writer's prose, which no check reads and no ``--fix`` may change: code blocks, raw HTML
blocks and comments, inline code, autolinks, URLs, link and image destinations, reference
definitions, ``{…}`` attributes and ``{{variables}}``.
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
    from vankien.report.cache import RunCache

# What masked text is replaced with, character for character: a symbol that no check reads as
# a space, a letter, punctuation or an invisible character (U+FFFC OBJECT REPLACEMENT CHARACTER).
MASK = "\ufffc"
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
CODE_SPAN_RE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
# A bare URL ends before trailing punctuation, and before the «)» that closes a link.
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()]*(?:\([^\s<>()]*\)[^\s<>()]*)*(?<![.,;:!?'\"])")
# Inline constructs that are not prose. Masked (blanked) in text units: code, comments, URLs.
MASKED_INLINE_RE = re.compile(
    CODE_SPAN_RE.pattern  # first, so that its backreference is group 1
    + "|"
    + COMMENT_RE.pattern
    + r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>"  # autolink
    + r"|(?<=\])\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"  # link destination …
    + r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)"  # … and its title
    + "|"
    + URL_RE.pattern,
    re.S,
)
# Protected but left in the units (the checks skip them themselves, and rules read them):
# attributes, {{variables}}, inline raw HTML tags and e-mail addresses.
KEPT_INLINE_RE = re.compile(
    r"\{\{[^{}\n]*\}\}|\{[^{}\n]*\}"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
    r"|[\w.+-]+@[\w-]+\.[\w.-]+"
)
MASK_RUN_RE = re.compile(MASK + "+")
MASK_OPEN_RE = re.compile(f"«…?[ {MASK}]*{MASK}+")
MASK_CLOSE_RE = re.compile(f"[ {MASK}]*{MASK}[ {MASK}]*(…?»)")
REFERENCE_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
FENCE_RE = re.compile(r"^(?:[ \t]*(?:>[ \t]?)*(?:[-+*]|\d{1,9}[.)])?[ \t]*)(`{3,}|~{3,})")
# An image, inline ![alt](target "title"){attributes} or by reference ![alt][label], ![alt]:
# masked whole, so that the prose around it reads as if a word stood there.
IMAGE_MARKUP_RE = re.compile(
    r"!\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]"
    r"(?:\((?:[^()\\]|\\.|\([^()]*\))*\)|\[[^\[\]]*\])?(?:\{[^{}]*\})?"
)
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
    :data:`MASK`. ``segments`` maps it back: (offset in text, offset in file, length).
    """

    rel: str
    kind: str  # "heading" | "paragraph" | "item"
    text: str
    segments: tuple[tuple[int, int, int], ...]
    line: int
    heading: int | None  # index of the heading this unit belongs to (None before the first)

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
    # File spans (start, end), sorted and disjoint, that are not prose: see the module docs.
    protected: list[tuple[int, int]] = field(default_factory=list)
    # (first, last) lines of each HTML block (comments included), as CommonMark delimits it.
    html_blocks: list[tuple[int, int]] = field(default_factory=list)

    def loc(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a file offset."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def touches_protected(self, start: int, end: int) -> bool:
        """Whether replacing ``text[start:end]`` (inserting at ``start`` when it is empty)
        would change a protected span."""
        i = bisect.bisect_right(self.protected, (start, len(self.text) + 1))
        for p_start, p_end in self.protected[max(0, i - 1) : i + 1]:
            if start < end and p_start < end and start < p_end:
                return True
            if start == end and p_start < start < p_end:
                return True
        return False

    def unprotected(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of ``text[start:end]`` outside every protected span."""
        out: list[tuple[int, int]] = []
        pos = start
        for p_start, p_end in self.protected:
            if p_end <= pos:
                continue
            if p_start >= end:
                break
            if p_start > pos:
                out.append((pos, p_start))
            pos = max(pos, p_end)
        if pos < end:
            out.append((pos, end))
        return out

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


def _mask(text: str, mask: str = MASK) -> str:
    """Mask images, code spans, inline comments, autolinks, URLs and link destinations,
    keeping every offset."""
    if "![" in text:
        text = IMAGE_MARKUP_RE.sub(lambda m: mask * len(m.group(0)), text)
    if not any(c in text for c in "`<(") and "://" not in text and "www." not in text:
        return text
    return MASKED_INLINE_RE.sub(lambda m: mask * len(m.group(0)), text)


def shown(text: str) -> str:
    """A message that quotes masked text: a masked stretch at the end of a «quote» is left
    out, any other is shown as «…»."""
    if MASK not in text:
        return text
    text = MASK_OPEN_RE.sub("«…", text)
    text = MASK_CLOSE_RE.sub(r"\1", text)
    return MASK_RUN_RE.sub("…", text)


def _fenced_lines(chunk: str) -> list[tuple[int, int]]:
    """(start, end) in ``chunk`` of the fenced code blocks nested in a list or a quote."""
    out: list[tuple[int, int]] = []
    pos = 0
    opened: tuple[int, str] | None = None
    for line in chunk.splitlines(keepends=True):
        m = FENCE_RE.match(line)
        if opened is None:
            if m is not None:
                opened = (pos, m.group(1))
        elif m is not None and m.group(1)[0] == opened[1][0] and len(m.group(1)) >= len(opened[1]):
            out.append((opened[0], pos + len(line.rstrip("\n"))))
            opened = None
        pos += len(line)
    if opened is not None:
        out.append((opened[0], len(chunk)))
    return out


def _inline_protected(chunk: str, base: int) -> Iterator[tuple[int, int]]:
    """File spans of the non-prose constructs inside one block of prose."""
    fenced = _fenced_lines(chunk) if "``" in chunk or "~~" in chunk else []
    yield from ((base + a, base + b) for a, b in fenced)
    pieces, pos = [], 0
    for a, b in fenced:
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, len(chunk)))
    for a, b in pieces:
        piece = chunk[a:b]
        for pattern in (MASKED_INLINE_RE, KEPT_INLINE_RE):
            for m in pattern.finditer(piece):
                if m.end() > m.start():
                    yield base + a + m.start(), base + a + m.end()


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


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
        joined = _mask("".join(text_parts))
        if not joined.strip():
            return
        self.file.units.append(
            TextUnit(self.file.rel, kind, joined, tuple(segments), line, self.current)
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
        content_end = raw_start + len(_mask(raw, " ").rstrip())
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

    from vankien.report.cache import stamp_of

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
    from vankien.report.cache import digest

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
            builder.file.html_blocks.append((first, last))
        elif kind in ("block_code", "thematic_break"):
            builder.file.masked_lines.update(range(first, last + 1))
    builder.file.protected = _protected(builder, tokens, starts, nlines)
    return builder.file


def _protected(
    builder: _Builder, tokens: list[dict[str, Any]], starts: list[int], nlines: int
) -> list[tuple[int, int]]:
    """The protected spans of a file, from its block tokens (see the module docs)."""
    text = builder.file.text
    spans: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        first = starts[i]
        last = max(first, min((starts[i + 1] - 1) if i + 1 < len(tokens) else nlines, nlines))
        if first > nlines:
            continue
        start = builder.file.line_starts[first - 1]
        end = builder.line_span(last)[1]
        kind = token["type"]
        if kind in ("block_code", "block_html"):
            spans.append((start, end))
        elif kind in ("heading", "paragraph", "list", "block_quote"):
            spans.extend(_inline_protected(text[start:end], start))
    if "]:" in text:
        spans.extend(m.span() for m in REFERENCE_RE.finditer(text))
    return _merged(spans)


def iter_lines(source: SourceFile) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line that is not code or a block comment."""
    for number in range(1, len(source.line_starts) + 1):
        if number not in source.masked_lines:
            yield number, source.line_text(number)


WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)


def count_words(text: str) -> int:
    """Vietnamese words are counted as syllables separated by spaces (how Word counts)."""
    return len(WORD_RE.findall(text))
