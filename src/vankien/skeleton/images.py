"""Which images a skeleton file may show: the one check that the build and the linter share.

Pandoc would fetch a URL or read any path it is given; an official document may only show
image files that lie inside the report folder. The build refuses the first problem found
(``UserError``); the linter reports every one (rule MD003), so the commit hook stops what the
build would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from vankien.errors import UserError
from vankien.skeleton.fences import fenced

# Inline images ![alt](target "title") and reference definitions [id]: target
IMAGE_RE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]+)>?")
REFDEF_RE = re.compile(r"^[ ]{0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
IMAGE_REF_RE = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\](?:\[(?P<label>[^\]]*)\])?")
HTML_IMG_RE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']?(?P<target>[^\"'\s>]+)", re.IGNORECASE)
REMOTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass(frozen=True)
class ImageProblem:
    """An image the document may not show: where (1-based line) and what to do."""

    line: int
    target: str
    message: str
    hint: str

    def error(self, path: Path) -> UserError:
        return UserError(self.message, path=path, line=self.line, hint=self.hint)


def image_problems(root: Path, path: Path, text: str) -> Iterator[ImageProblem]:
    """Every image of ``text`` (the file at ``path``) that is not a file inside ``root``.

    Inline images, reference images (reported at their definition) and HTML ``<img>``; code
    blocks are left alone (pandoc shows their text, it fetches nothing).
    """
    lines = text.split("\n")
    code = fenced(lines)
    definitions: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lines, start=1):
        m = REFDEF_RE.match(line)
        if m is not None and not code[number - 1]:
            definitions[m.group("label").strip().lower()] = (m.group("target"), number)
    for number, line in enumerate(lines, start=1):
        if code[number - 1] or ("!" not in line and "<" not in line):
            continue
        for m in IMAGE_RE.finditer(line):
            yield from _check_target(root, path, number, m.group("target"))
        for m in IMAGE_REF_RE.finditer(line):
            if line[m.end() : m.end() + 1] == "(":
                continue
            label = (m.group("label") or m.group("alt")).strip().lower()
            if label in definitions:
                target, where = definitions[label]
                yield from _check_target(root, path, where, target)
        for m in HTML_IMG_RE.finditer(line):
            yield from _check_target(root, path, number, m.group("target"))


def _check_target(root: Path, path: Path, line: int, target: str) -> Iterator[ImageProblem]:
    if REMOTE_RE.match(target):
        yield ImageProblem(
            line,
            target,
            f"hình ảnh lấy từ ngoài («{target}»): văn bản chỉ được dùng ảnh trong thư mục báo cáo",
            "tải ảnh về, đặt vào thư mục images/ của báo cáo và ghi đường dẫn tương đối, "
            "ví dụ ![Biểu đồ](../images/bieu-do.png).",
        )
        return
    relative = Path(unquote(target.split("#", 1)[0].split("?", 1)[0]))
    if relative.is_absolute():
        yield ImageProblem(
            line,
            target,
            f"hình ảnh «{target}» ghi đường dẫn tuyệt đối",
            "đặt ảnh trong thư mục báo cáo và ghi đường dẫn tương đối.",
        )
        return
    base = root.resolve()
    # Pandoc looks in skeleton/ then in the report folder (--resource-path): the first file
    # found is the one it reads, and it must lie inside the report folder.
    for candidate in ((path.parent / relative).resolve(), (root / relative).resolve()):
        if not candidate.is_file():
            continue
        if not candidate.is_relative_to(base):
            yield ImageProblem(
                line,
                target,
                f"hình ảnh «{target}» nằm ngoài thư mục báo cáo",
                "sao chép ảnh vào thư mục báo cáo (ví dụ images/) và sửa đường dẫn.",
            )
        return
    yield ImageProblem(
        line,
        target,
        f"không tìm thấy tệp hình ảnh «{target}»",
        "kiểm tra tên tệp và đường dẫn (tính từ thư mục skeleton/ hoặc thư mục báo cáo).",
    )
