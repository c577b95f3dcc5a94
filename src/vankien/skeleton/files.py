"""Which files make up a report: the one definition that lint, build and review share."""

from __future__ import annotations

import re
from pathlib import Path

from vankien.errors import UserError
from vankien.resources import inside_report

SKELETON_DIR = "skeleton"
FILE_RE = re.compile(r"^\d{2}-[^/]+\.md$")


def skeleton_files(root: Path) -> list[Path]:
    """The report's Markdown files in document order (the two-digit prefix sets the order).

    A Markdown file without the prefix is refused rather than skipped, so that no text a
    writer put in skeleton/ can be silently left out of the document.
    """
    folder = root / SKELETON_DIR
    if not folder.is_dir():
        raise UserError(
            "không tìm thấy thư mục skeleton/ (các tệp nội dung của báo cáo)",
            path=root,
            hint="chạy «vankien scaffold» để tạo các tệp khung từ đề cương.",
        )
    inside_report(root, folder)
    files: list[Path] = []
    by_number: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix != ".md" or not path.is_file():
            continue
        if not FILE_RE.match(path.name):
            raise UserError(
                f"tệp «{path.name}» trong skeleton/ không có tiền tố hai chữ số (NN-) nên "
                "không biết ghép vào chỗ nào của báo cáo; vankien dừng để nội dung của tệp "
                "không bị bỏ sót",
                path=path,
                hint="đổi tên thành dạng NN-ten.md (ví dụ 11-phu-luc.md) hoặc chuyển tệp ra "
                "khỏi thư mục skeleton/ (ghi chú riêng thì lưu dạng .txt).",
            )
        number = path.name[:2]
        if number in by_number:
            first = by_number[number].name
            raise UserError(
                f"hai tệp cùng số thứ tự {number}: «{first}» và «{path.name}» (thường là một "
                "tệp được sao chép hoặc đổi tên còn để lại bản cũ)",
                path=path,
                hint=f"giữ một tệp số {number}: gộp nội dung rồi xóa tệp thừa, hoặc đổi số của "
                "tệp mới cho khớp vị trí của nó trong báo cáo.",
            )
        by_number[number] = path
        files.append(inside_report(root, path))
    return files


# A skeleton file holds one or a few sections: the largest file of the examples is ~15 KB and
# a whole report ~100-300 KB. Lint's cost grows linearly, ~7-8 s of CPU per MB (bench/,
# «Tệp rất lớn»), so one file above this bound is not a section but a mistake (a pasted
# export, a generated dump) and is refused before it is read.
MAX_SKELETON_BYTES = 1024 * 1024


def read_skeleton(path: Path) -> str:
    """The text of one skeleton file; a file above ``MAX_SKELETON_BYTES`` is a user error."""
    from vankien.textio import read_text

    size = path.stat().st_size if path.is_file() else 0
    if size > MAX_SKELETON_BYTES:
        raise UserError(
            f"tệp nội dung quá lớn: {size / 2**20:.1f} MB, giới hạn "
            f"{MAX_SKELETON_BYTES // 2**20} MB cho một tệp trong skeleton/".replace(".", ","),
            path=path,
            hint="một tệp chỉ chứa một hoặc vài mục của báo cáo (cả báo cáo thường dưới "
            "300 KB): tách thành nhiều tệp NN-ten.md, hoặc xóa phần dán nhầm (bản xuất, dữ "
            "liệu) khỏi tệp.",
        )
    return read_text(path)
