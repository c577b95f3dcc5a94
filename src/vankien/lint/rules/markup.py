"""Markup rules: what must not slip into an official document unseen — formats written raw
(OpenXML, HTML) and images the build cannot use."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vankien.lint.config import KEPT_RAW_FORMATS
from vankien.lint.model import Context, Hit
from vankien.lint.rules.text import unit_hit
from vankien.report.document import COMMENT_RE, SourceFile
from vankien.skeleton.fences import fences
from vankien.skeleton.images import image_problems

# pandoc's raw attribute: ```{=openxml} on a fence, `…`{=openxml} after a code span.
RAW_ATTRIBUTE_RE = re.compile(r"^\{=(?P<format>[A-Za-z0-9_+-]+)\}$")
RAW_INLINE_RE = re.compile(r"\{=(?P<format>[A-Za-z0-9_+-]+)\}")
HTML_FORMATS = ("html", "html4", "html5")
# An HTML open, void or closing tag as CommonMark reads raw HTML (not <https://…>, <a@b.vn>).
TAG_RE = re.compile(
    r"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)"
    r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)


def _raw_detail(fmt: str, what: str, allowed: dict[str, str]) -> str | None:
    """The message for a raw ``fmt`` piece, or None when the office allowed that format."""
    if fmt in allowed:
        return None
    if fmt in KEPT_RAW_FORMATS:
        return (
            f"{what} viết thẳng định dạng «{fmt}»: đi nguyên vào tệp Word, không qua kiểm tra "
            "thể thức nào"
        )
    if fmt in HTML_FORMATS:  # filters/raw-html.lua keeps the text
        return (
            f"{what} viết thẳng định dạng «{fmt}»: Word không hiểu HTML, khi dựng chỉ giữ lại "
            "phần chữ, mất định dạng"
        )
    return f"{what} viết thẳng định dạng «{fmt}»: bị bỏ khi dựng văn bản Word, nội dung bị mất"


def check_raw_format(ctx: Context) -> Iterator[Hit]:
    """What it flags: khối hoặc đoạn viết thẳng một định dạng khác Markdown (cú pháp
    ``{=định-dạng}`` của pandoc): khối ```` ```{=openxml} ````, đoạn `` `…`{=openxml} ``, và
    ``{=html}``, ``{=latex}``….

    Why: OpenXML viết thẳng đi nguyên vào tệp Word, không qua mẫu thể thức và không qua bất kỳ
    kiểm tra nào (phông chữ, cỡ chữ, lề, ký hiệu…); HTML thì chỉ còn phần chữ (như
    [MD002](MD002.md)); các định dạng khác (LaTeX, ms…) thì pandoc bỏ hẳn khi dựng văn bản
    Word, nội dung mất. Văn kiện chính thức chỉ nên có nội dung viết bằng Markdown.

    Example: ```` ```{=openxml} ```` rồi ``<w:p><w:r><w:t>…</w:t></w:r></w:p>``.

    Use instead: viết bằng Markdown (bảng, danh sách, chữ đậm, ngắt trang đều có cách viết
    riêng, xem docs/build.md). Khi đơn vị thật sự cần OpenXML (ví dụ khung chữ ký theo mẫu của
    cấp trên), cho phép trong report.yaml, có ghi lý do: ``lint: allow_raw: {openxml: "lý
    do"}``.
    """
    allowed = dict(ctx.config.allow_raw)
    for source in ctx.report.files:
        lines = source.text.split("\n")
        for fence in fences(lines):
            m = RAW_ATTRIBUTE_RE.match(fence.info)
            if m is None:
                continue
            detail = _raw_detail(m.group("format"), "khối", allowed)
            if detail is not None:
                col = lines[fence.first].find("{=") + 1
                yield Hit(source.rel, fence.first + 1, col, detail)
        for unit in source.units:
            if "{=" not in unit.text:
                continue
            for m in RAW_INLINE_RE.finditer(unit.text):
                offset = unit.file_offset(m.start())
                if offset == 0 or source.text[offset - 1] != "`":
                    continue  # not after a code span: an ordinary attribute or text
                detail = _raw_detail(m.group("format"), "đoạn", allowed)
                if detail is not None:
                    yield unit_hit(source, unit, m.start(), detail)


def _visible(html: str) -> str:
    """The words a reader would see in a piece of HTML (tags and comments removed)."""
    return " ".join(TAG_RE.sub(" ", COMMENT_RE.sub(" ", html)).split())


def _html_detail(tag: str, text: str) -> str:
    if text:
        shown = text if len(text) <= 40 else text[:40] + "…"
        return (
            f"HTML «{tag}» không vào được văn bản Word: khi dựng chỉ giữ lại phần chữ "
            f"«{shown}», mất định dạng"
        )
    return f"thẻ HTML «{tag}» bị bỏ khi dựng văn bản Word"


def _html_blocks(source: SourceFile) -> Iterator[Hit]:
    for first, last in source.html_blocks:
        start = source.line_starts[first - 1]
        end = source.line_starts[last] if last < len(source.line_starts) else len(source.text)
        chunk = source.text[start:end]
        bare = COMMENT_RE.sub(lambda m: " " * len(m.group(0)), chunk)
        tag = TAG_RE.search(bare)
        if tag is None:
            continue  # comments only: guidance, suppressions
        line, col = source.loc(start + tag.start())
        yield Hit(source.rel, line, col, _html_detail(tag.group(0), _visible(bare)))


def check_raw_html(ctx: Context) -> Iterator[Hit]:
    """What it flags: thẻ HTML trong văn bản (``<div>``, ``<span style=…>``, ``<br>``,
    ``<table>``…), trừ chú thích ``<!-- … -->``.

    Why: Word không hiểu HTML: pandoc bỏ thẻ HTML khi dựng văn bản. Chữ viết bên trong một khối
    HTML (``<div>Nội dung</div>``) trước đây mất hẳn mà không báo; nay bản dựng giữ lại phần chữ
    (và cảnh báo), nhưng màu, căn lề, khung… viết bằng HTML thì vẫn mất.

    Example: ``<div align="center">Nội dung</div>``, ``chữ <span style="color:red">đỏ</span>``.

    Use instead: viết bằng Markdown: ``**đậm**``, ``*nghiêng*``, bảng Markdown, danh sách; kiểu
    trình bày do mẫu thể thức quyết định, không viết trong văn bản.
    """
    for source in ctx.report.files:
        yield from _html_blocks(source)
        for unit in source.units:
            if "<" not in unit.text:
                continue
            tags = list(TAG_RE.finditer(unit.text))
            opening = [m for m in tags if not m.group("close")] or tags[:1]
            for m in opening:
                inner = ""
                if not m.group(0).endswith("/>"):
                    closing = re.search(
                        rf"</{re.escape(m.group('name'))}\s*>", unit.text[m.end() :]
                    )
                    if closing is not None:
                        inner = _visible(unit.text[m.end() : m.end() + closing.start()])
                detail = f"thẻ HTML «{m.group(0)}» bị bỏ khi dựng văn bản Word" + (
                    f" (chữ «{inner}» vẫn giữ, mất định dạng)" if inner else ""
                )
                yield unit_hit(source, unit, m.start(), detail)


def check_image(ctx: Context) -> Iterator[Hit]:
    """What it flags: hình ảnh mà bản dựng sẽ từ chối: ảnh lấy từ địa chỉ mạng, ảnh ghi đường
    dẫn tuyệt đối, ảnh nằm ngoài thư mục báo cáo, tệp ảnh không có.

    Why: văn bản chỉ được dùng ảnh nằm trong thư mục báo cáo (không tải gì từ mạng, không đọc
    tệp nào ngoài báo cáo); ``vankien build`` dừng ở ảnh đầu tiên như vậy. Quy tắc này dùng
    đúng phép kiểm tra của bản dựng, nên lần commit đã báo trước điều bản dựng sẽ từ chối.

    Example: ``![Biểu đồ](https://example.com/bieu-do.png)``, ``![Ảnh](/home/a/anh.png)``,
    ``![Ảnh](../../anh.png)``, ``![Ảnh](../images/chua-co.png)``.

    Use instead: chép ảnh vào thư mục ``images/`` của báo cáo và ghi đường dẫn tương đối:
    ``![Biểu đồ](../images/bieu-do.png)``.
    """
    root = ctx.report.root
    for source in ctx.report.files:
        for problem in image_problems(root, root / source.rel, source.text):
            col = max(1, source.line_text(problem.line).find(problem.target) + 1)
            yield Hit(source.rel, problem.line, col, f"{problem.message}; {problem.hint}")


def check_target_marker(ctx: Context) -> Iterator[Hit]:
    """What it flags: dòng đánh dấu bảng chỉ tiêu ``[Bảng chỉ tiêu]{.chi-tieu}`` mà bản dựng
    không điền được: nằm ngoài mục mà đề cương đặt bảng chỉ tiêu (khóa ``targets``), lặp lại
    trong một mục, đứng cùng một bảng gõ tay, hoặc không có số liệu (không có
    ``chi-tieu.yaml``, hay tệp không có danh sách của bảng đó).

    Why: bảng chỉ tiêu được dựng từ ``chi-tieu.yaml`` đúng vào chỗ dòng đánh dấu
    (docs/chi-tieu.md); ``vankien build`` dừng ở dòng đánh dấu đầu tiên không điền được. Quy
    tắc này dùng đúng phép kiểm tra của bản dựng, nên lần commit đã báo trước.

    Example: dòng ``[Bảng chỉ tiêu]{.chi-tieu}`` ở mục 1.1 (bảng đặt ở mục 1.2), hoặc trong
    báo cáo chưa có ``chi-tieu.yaml``.

    Use instead: đặt một dòng đánh dấu trong mục có bảng (1.2 Phần thứ nhất, IV Phần thứ hai)
    và ghi số liệu vào ``chi-tieu.yaml``; hoặc bỏ dòng đánh dấu và gõ bảng tay.
    """
    from vankien.lint.rules.numbers import target_data
    from vankien.targets.place import MARKER_CLASS, marker_problems

    root = ctx.report.root
    if not any(f".{MARKER_CLASS}" in s.text for s in ctx.report.files):
        return
    data = target_data(ctx)
    for source in ctx.report.files:
        for problem in marker_problems(root / source.rel, source.text, ctx.outline, data):
            line = problem.line or 1
            col = source.line_text(line).find("[") + 1 or 1
            yield Hit(
                source.rel, line, col, f"{problem.message}; {problem.hint or ''}".rstrip("; ")
            )
