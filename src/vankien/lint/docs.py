"""Generated rule pages: facts from the registry, prose from the check's docstring.

Each docstring has four paragraphs starting «What it flags:», «Why:», «Example:» and «Use
instead:»; a page always has the same four headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from vankien.errors import UserError
from vankien.lint.model import Rule
from vankien.textio import write_atomic

SECTIONS = (
    ("What it flags", "Phát hiện gì"),
    ("Why", "Vì sao"),
    ("Example", "Ví dụ"),
    ("Use instead", "Nên viết"),
)


def doc_sections(rule: Rule) -> dict[str, str]:
    """The four prose sections of a rule's docstring (missing ones raise UserError)."""
    text = rule.docs
    out: dict[str, str] = {}
    labels = [label for label, _ in SECTIONS]
    pattern = re.compile(r"^(" + "|".join(re.escape(label) for label in labels) + r"):", re.M)
    marks = list(pattern.finditer(text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        prose = " ".join(text[m.end() : end].split())
        out[m.group(1)] = prose[:1].upper() + prose[1:]
    missing = [label for label in labels if not out.get(label)]
    if missing:
        raise UserError(
            f"quy tắc {rule.code} thiếu phần tài liệu: {', '.join(missing)}",
            hint="viết đủ bốn đoạn What it flags / Why / Example / Use instead trong docstring.",
        )
    return out


def render_page(rule: Rule) -> str:
    sections = doc_sections(rule)
    lines = [
        f"# {rule.code}: {rule.name}",
        "",
        f"{rule.summary}.",
        "",
        f"- Nhóm: {rule.family.vietnamese} (`{rule.family.value}`)",
        f"- Mức độ mặc định: {rule.severity.label} ({rule.severity.vietnamese})",
    ]
    if rule.draft_severity is not None:
        lines.append(
            f"- Ở bản dự thảo: {rule.draft_severity.label} ({rule.draft_severity.vietnamese})"
        )
    lines.append(f"- Sửa tự động (`--fix`): {'có' if rule.fixable else 'không'}")
    if rule.tags:
        lines.append(f"- Nhãn: {', '.join(rule.tags)}")
    if rule.aliases:
        lines.append(f"- Mã cũ vẫn dùng được: {', '.join(rule.aliases)}")
    for label, vietnamese in SECTIONS:
        lines += ["", f"## {vietnamese} ({label})", "", sections[label]]
    lines += [
        "",
        "## Tắt kiểm tra cho một dòng",
        "",
        "```markdown",
        f"<!-- vankien-disable-next-line {rule.code}: lý do -->",
        "```",
        "",
        "Trang này được tạo tự động từ mã nguồn (`vankien rules --docs docs/rules`).",
        "",
    ]
    return "\n".join(lines)


def severity_text(rule: Rule) -> str:
    """«error», or «error; dự thảo: warning» for a rule whose severity depends on the stage."""
    final, draft = rule.severity_in(final=True), rule.severity_in(final=False)
    return final.label if draft is final else f"{final.label}; dự thảo: {draft.label}"


def render_index(rules: Sequence[Rule]) -> str:
    lines = [
        "# Các quy tắc kiểm tra của vankien",
        "",
        "Trang này được tạo tự động (`vankien rules --docs docs/rules`).",
        "",
        "| Mã | Tên | Nhóm | Mức độ | Sửa tự động | Mô tả |",
        "|---|---|---|---|---|---|",
    ]
    for r in rules:
        lines.append(
            f"| [{r.code}]({r.code}.md) | {r.name} | {r.family.value} | {severity_text(r)} "
            f"| {'có' if r.fixable else ''} | {r.summary} |"
        )
    return "\n".join(lines) + "\n"


def expected_pages(rules: Sequence[Rule]) -> dict[str, str]:
    pages = {f"{r.code}.md": render_page(r) for r in rules}
    pages["README.md"] = render_index(rules)
    return pages


def write_docs(rules: Sequence[Rule], folder: Path, *, check: bool = False) -> list[str]:
    """Write every page (or, with ``check``, only compare); returns stale or extra names."""
    pages = expected_pages(rules)
    stale: list[str] = []
    for name, text in pages.items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            stale.append(name)
            if not check:
                write_atomic(path, text)
    if folder.is_dir():
        for path in sorted(folder.glob("*.md")):
            if path.name not in pages:
                stale.append(path.name)
                if not check:
                    path.unlink()
    return stale
