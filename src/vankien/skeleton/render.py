"""Render the skeleton files of an outline (pure functions: outline in, text out)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from vankien.outline.model import Outline, Section

PLACEHOLDER = "[Viết nội dung tại đây]{.placeholder}"
GUIDANCE_OPEN = "<!-- HƯỚNG DẪN:"
GUIDANCE_CLOSE = "-->"
# A variable is written exactly ``{{name}}``; the build (filters/variables.lua, blocks.py)
# substitutes only this form, so anything else between braces is for the linter to report.
VARIABLE_RE = re.compile(r"\{\{([A-Za-z0-9_]+)\}\}")
BRACED_RE = re.compile(r"\{\{([^{}]*)\}\}")


def substitute(text: str, variables: Mapping[str, str]) -> str:
    """Replace ``{{name}}`` by its value; unknown names are left for the linter to report."""
    return VARIABLE_RE.sub(lambda m: variables.get(m.group(1), m.group(0)), text)


def _file_banner(outline: Outline, file: str, sections: list[Section]) -> str:
    owner = sections[0].owner
    who = f"{outline.roles[owner]} ({owner})" if owner else "chưa phân công"
    return (
        f"<!-- Tệp {file} của đề cương «{outline.id}». Phụ trách: {who}.\n"
        "Viết nội dung thay cho dòng [Viết nội dung tại đây]{.placeholder}; giữ nguyên các "
        "tiêu đề và số mục.\nPhần «HƯỚNG DẪN» là ghi chú, không in ra văn bản chính thức. -->"
    )


def render_file(outline: Outline, file: str) -> str:
    """The text of one skeleton file as ``vankien scaffold`` first writes it."""
    sections = outline.sections_in(file)
    blocks = [_file_banner(outline, file, sections)]
    for section in sections:
        blocks.append(section.markdown_heading())
        if section.guidance:
            blocks.append("\n".join([GUIDANCE_OPEN, *section.guidance, GUIDANCE_CLOSE]))
        if not section.children:
            blocks.append(PLACEHOLDER)
    return "\n\n".join(blocks) + "\n"


def render_all(outline: Outline) -> dict[str, str]:
    return {file: render_file(outline, file) for file in outline.files()}


HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
FENCE_RE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


def iter_headings(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, level, text) of every ATX heading outside code fences and HTML comments."""
    fence: str | None = None
    in_comment = False
    for number, line in enumerate(text.split("\n"), start=1):
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        m = FENCE_RE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        stripped = line.lstrip()
        if stripped.startswith("<!--") and "-->" not in stripped:
            in_comment = True
            continue
        h = HEADING_RE.match(line)
        if h:
            yield number, len(h.group(1)), h.group(2)
