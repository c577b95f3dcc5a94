"""The Markdown that pandoc reads: the skeleton files joined in prefix order, checked first.

Also where pandoc's reading differs from what the writer typed:
- pandoc forgets which bullet character an item used, so "+" items get an empty
  ``[]{.vk-plus}`` span that filters/literal-lists.lua turns back into a literal "+";
- images must live inside the report folder (pandoc would fetch a URL or read any path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from vankien.errors import UserError
from vankien.skeleton.files import SKELETON_DIR, skeleton_files
from vankien.textio import read_text

# A "+" bullet: up to 3 spaces of indent per level (any nesting), then "+" and a space.
PLUS_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)\+(?P<space>[ \t]+)(?=\S)")
FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
# Inline images ![alt](target "title") and reference definitions [id]: target
IMAGE_RE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]+)>?")
REFDEF_RE = re.compile(r"^[ ]{0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
IMAGE_REF_RE = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\](?:\[(?P<label>[^\]]*)\])?")
REMOTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str


def read_sources(root: Path) -> list[SourceFile]:
    files = skeleton_files(root)
    if not files:
        raise UserError(
            "thư mục skeleton/ không có tệp nội dung nào (dạng NN-ten.md)",
            path=root / SKELETON_DIR,
            hint="chạy «vankien scaffold» để tạo các tệp khung từ đề cương.",
        )
    return [SourceFile(path, read_text(path)) for path in files]


def mark_plus_items(text: str) -> str:
    """Put ``[]{.vk-plus}`` after every "+" bullet marker (outside fenced code)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        m = FENCE_RE.match(line)
        if m is not None:
            marker = m.group(1)[0]
            if fence is None:
                fence = marker
            elif fence == marker:
                fence = None
        if fence is None:
            line = PLUS_ITEM_RE.sub(r"\g<indent>+\g<space>[]{.vk-plus} ", line, count=1)
        out.append(line)
    return "\n".join(out)


def check_images(root: Path, source: SourceFile) -> None:
    """Every image must be a file inside the report folder; anything else is a user error."""
    lines = source.text.split("\n")
    definitions: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lines, start=1):
        m = REFDEF_RE.match(line)
        if m is not None:
            definitions[m.group("label").strip().lower()] = (m.group("target"), number)
    for number, line in enumerate(lines, start=1):
        for m in IMAGE_RE.finditer(line):
            _check_target(root, source.path, number, m.group("target"))
        for m in IMAGE_REF_RE.finditer(line):
            if line[m.end() : m.end() + 1] == "(":
                continue
            label = (m.group("label") or m.group("alt")).strip().lower()
            if label in definitions:
                target, where = definitions[label]
                _check_target(root, source.path, where, target)
        for m in re.finditer(r"<img\b[^>]*\bsrc\s*=\s*[\"']?(?P<target>[^\"'\s>]+)", line):
            _check_target(root, source.path, number, m.group("target"))


def _check_target(root: Path, path: Path, line: int, target: str) -> None:
    if REMOTE_RE.match(target):
        raise UserError(
            f"hình ảnh lấy từ ngoài («{target}»): văn bản chỉ được dùng ảnh trong thư mục báo cáo",
            path=path,
            line=line,
            hint="tải ảnh về, đặt vào thư mục images/ của báo cáo và ghi đường dẫn tương đối, "
            "ví dụ ![Biểu đồ](../images/bieu-do.png).",
        )
    relative = Path(unquote(target.split("#", 1)[0].split("?", 1)[0]))
    base = root.resolve()
    if relative.is_absolute():
        raise UserError(
            f"hình ảnh «{target}» ghi đường dẫn tuyệt đối",
            path=path,
            line=line,
            hint="đặt ảnh trong thư mục báo cáo và ghi đường dẫn tương đối.",
        )
    # Pandoc looks in skeleton/ then in the report folder (--resource-path): the first file
    # found is the one it reads, and it must lie inside the report folder.
    for candidate in ((path.parent / relative).resolve(), (root / relative).resolve()):
        if not candidate.is_file():
            continue
        if not candidate.is_relative_to(base):
            raise UserError(
                f"hình ảnh «{target}» nằm ngoài thư mục báo cáo",
                path=path,
                line=line,
                hint="sao chép ảnh vào thư mục báo cáo (ví dụ images/) và sửa đường dẫn.",
            )
        return
    raise UserError(
        f"không tìm thấy tệp hình ảnh «{target}»",
        path=path,
        line=line,
        hint="kiểm tra tên tệp và đường dẫn (tính từ thư mục skeleton/ hoặc thư mục báo cáo).",
    )


def joined_markdown(root: Path, sources: list[SourceFile]) -> str:
    """The text pandoc reads: the files in order, separated by blank lines."""
    for source in sources:
        check_images(root, source)
    parts = [mark_plus_items(source.text).strip("\n") for source in sources]
    return "\n\n".join(parts) + "\n"
