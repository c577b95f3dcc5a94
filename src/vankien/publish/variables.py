"""``{{name}}`` filled in with the unit's values, in the Markdown pandoc reads.

Done on the text, before pandoc, rather than by a Lua filter over every word of the document
(which cost about an eighth of a build). A value must read as the literal text it is
wherever it lands:
- in prose (paragraphs, headings, lists, tables, HTML blocks), every ASCII punctuation
  character of the value is written as a numeric character reference («&#45;»), which both
  pandoc's Markdown reader and its HTML reader (filters/raw-html.lua) turn back into the
  character, so no «-», «*», «[» or «|» of a unit's name starts a list, emphasis or a cell;
- in an HTML comment (the guidance, which filters/guidance.lua shows in drafts as plain text)
  the value goes in as it is;
- in code (fenced blocks, code spans) nothing is filled in: code is shown as typed.
An unknown name is left as it is, and reported back (the linter shows where).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from vankien.report.document import CODE_SPAN_RE
from vankien.skeleton.fences import commented, fenced
from vankien.skeleton.render import VARIABLE_RE

_PUNCT_RE = re.compile(r"[!-/:-@\[-`{-~]")
# What a line of prose shows as typed: code spans and inline comments (one left open runs to
# the line's end). Code first, so that its backreference is group 1; the leftmost wins, so a
# «<!--» inside code is code.
_KEPT_RE = re.compile(CODE_SPAN_RE.pattern + r"|<!--.*?(?:-->|$)")


def literal(value: str) -> str:
    """``value`` as text pandoc's Markdown and HTML readers both read literally."""
    return _PUNCT_RE.sub(lambda m: f"&#{ord(m.group(0))};", value)


def fill_variables(text: str, values: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """``text`` with its variables filled in, and the unknown names (in order, once each).

    Lines keep their number: a value never holds a line break (report.yaml's are one line).
    """
    if "{{" not in text:
        return text, ()
    lines = text.split("\n")
    code = fenced(lines)
    comment = commented(lines)
    unknown: dict[str, None] = {}

    def value(m: re.Match[str], *, raw: bool) -> str:
        name = m.group(1)
        found = values.get(name)
        if found is None:
            unknown[name] = None
            return m.group(0)
        flat = " ".join(found.split())
        return flat if raw else literal(flat)

    out: list[str] = []
    for line, in_code, in_comment in zip(lines, code, comment, strict=True):
        if in_code or "{{" not in line:
            out.append(line)
        elif in_comment:
            out.append(VARIABLE_RE.sub(lambda m: value(m, raw=True), line))
        else:
            out.append(_fill_prose(line, lambda m: value(m, raw=False)))
    return "\n".join(out), tuple(unknown)


def _fill_prose(line: str, fill: Callable[[re.Match[str]], str]) -> str:
    """One line of prose filled in, its code spans and inline comments left as typed."""
    pieces: list[str] = []
    pos = 0
    for m in _KEPT_RE.finditer(line):
        pieces.append(VARIABLE_RE.sub(fill, line[pos : m.start()]))
        pieces.append(m.group(0))
        pos = m.end()
    pieces.append(VARIABLE_RE.sub(fill, line[pos:]))
    return "".join(pieces)
