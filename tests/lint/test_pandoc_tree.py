"""The linter (mistune) and the build (pandoc's reader) see the same heading tree."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from vankien.publish.pandoc import READER
from vankien.report.document import parse_file

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FILES = sorted(
    [
        *HERE.glob("fixtures/**/skeleton/*.md"),
        *REPO.glob("examples/*/skeleton/*.md"),
        *REPO.glob("skeleton/*.md"),
    ]
)


def _text(inlines: list[dict[str, Any]]) -> str:
    out: list[str] = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Code":
            out.append(content[1])
        elif kind in ("Emph", "Strong", "Strikeout", "Underline", "SmallCaps"):
            out.append(_text(content))
        elif kind in ("Span", "Link", "Quoted"):
            out.append(_text(content[1]))
    return "".join(out)


def _normal(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def pandoc_headings(text: str) -> list[tuple[int, str]]:
    import pypandoc

    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", READER, "-t", "json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    doc = json.loads(result.stdout)
    return [
        (block["c"][0], _normal(_text(block["c"][2])))
        for block in doc["blocks"]
        if block["t"] == "Header"
    ]


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_same_heading_tree(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ours = [(h.level, _normal(h.text)) for h in parse_file("x.md", text).headings]
    assert ours == pandoc_headings(text)


TRICKY = """\
# Phần thứ nhất: A

Đoạn văn
tiếp dòng

- mục một
- mục hai
## I. Sau danh sách

a) Không phải danh sách

Tiêu đề setext
--------------

```
# không phải tiêu đề
```

    # thụt lề: mã

<!-- HƯỚNG DẪN:
# cũng không phải tiêu đề
-->
### 1. Có `mã` và <!-- chú thích --> trong tiêu đề ###
"""


def test_tricky_markdown() -> None:
    ours = [(h.level, _normal(h.text)) for h in parse_file("x.md", TRICKY).headings]
    assert ours == pandoc_headings(TRICKY)
    lines = [h.line for h in parse_file("x.md", TRICKY).headings]
    assert lines == [1, 8, 12, 24]
