"""Render the skeleton files of an outline (pure functions: outline in, text out)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from vankien.outline.model import Outline, Section

PLACEHOLDER = "[Viết nội dung tại đây]{.placeholder}"
# Any span marked ``.placeholder`` is text still to be written (lint, status), not only the
# line the scaffold writes; filters/placeholder.lua highlights or drops the same spans.
PLACEHOLDER_RE = re.compile(r"\[[^\]\n]*\]\{[^}\n]*\.placeholder\b[^}\n]*\}")
GUIDANCE_OPEN = "<!-- HƯỚNG DẪN:"
GUIDANCE_CLOSE = "-->"
# What the body of a guidance comment (the text between «<!--» and «-->») starts with, after
# any white space; publish/pandoc.py hands filters/guidance.lua the same label.
GUIDANCE_LABEL = GUIDANCE_OPEN.removeprefix("<!--").strip()
GUIDANCE_RE = re.compile(r"\s*" + re.escape(GUIDANCE_LABEL))
# A variable is written exactly ``{{name}}``; the build (publish/variables.py, blocks.py)
# substitutes only this form, so anything else between braces is for the linter to report.
VARIABLE_RE = re.compile(r"\{\{([A-Za-z0-9_]+)\}\}")
BRACED_RE = re.compile(r"\{\{([^{}]*)\}\}")


def substitute(text: str, variables: Mapping[str, str]) -> str:
    """Replace ``{{name}}`` by its value; unknown names are left for the linter to report."""
    return VARIABLE_RE.sub(lambda m: variables.get(m.group(1), m.group(0)), text)


def role_title(outline: Outline, role: str, variables: Mapping[str, str]) -> str:
    """An owner role's title as the unit says it: the outline writes the words that depend on
    the organisation type as variables (``{{role_office}}``: Văn phòng Đảng ủy / …)."""
    return substitute(outline.roles.get(role, role), variables)


def file_banner(outline: Outline, file: str, variables: Mapping[str, str]) -> str:
    """The comment a skeleton file starts with: which outline, who writes it, how."""
    owner = outline.sections_in(file)[0].owner
    who = f"{role_title(outline, owner, variables)} ({owner})" if owner else "chưa phân công"
    return (
        f"<!-- Tệp {file} của đề cương «{outline.id}». Phụ trách: {who}.\n"
        "Viết nội dung thay cho dòng [Viết nội dung tại đây]{.placeholder}; giữ nguyên các "
        "tiêu đề và số mục.\nPhần «HƯỚNG DẪN» là ghi chú, không in ra văn bản chính thức. -->"
    )


def section_blocks(section: Section) -> list[str]:
    """What the skeleton holds for one unwritten section: its heading, its guidance comment and,
    for a section without subsections, the placeholder line."""
    blocks = [section.markdown_heading()]
    if section.guidance:
        blocks.append("\n".join([GUIDANCE_OPEN, *section.guidance, GUIDANCE_CLOSE]))
    if not section.children:
        blocks.append(PLACEHOLDER)
    return blocks


def render_file(outline: Outline, file: str, variables: Mapping[str, str]) -> str:
    """The text of one skeleton file as ``vankien scaffold`` first writes it for a unit."""
    sections = outline.sections_in(file)
    blocks = [file_banner(outline, file, variables)]
    for section in sections:
        blocks.extend(section_blocks(section))
    return "\n\n".join(blocks) + "\n"


def render_all(outline: Outline, variables: Mapping[str, str]) -> dict[str, str]:
    return {file: render_file(outline, file, variables) for file in outline.files()}


# A blank left to fill in: «…», «……», «...», «......», «…….», and fillers of underscores.
ELLIPSIS_RE = re.compile(r"(?:…+|\.{3,})[.…]*|_{3,}")
