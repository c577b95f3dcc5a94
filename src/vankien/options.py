"""The options of the commands, declared once.

Each ``Param`` says a parameter's name (the keyword of the command function), its flags, type,
default and Vietnamese help. cli.py derives the typer commands from these declarations, and
``parse_fast`` derives a strict argparse parser from the same ones for the commands that run
often (lint on every commit, build in every ``make report``, check and comments in CI), so
they start without building the typer app (its parsing imports pydantic: about 0.3 s).
Anything the fast parser is unsure of — help, an error, a folder option given a file — goes to
typer, whose messages stay the only ones.

This module imports nothing heavy: it is read at every start.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn


@dataclass(frozen=True)
class Param:
    """One option (``flags`` given) or positional argument (no flags) of a command."""

    name: str
    type: type
    help: str
    flags: tuple[str, ...] = ()
    default: object = None
    metavar: str | None = None
    many: bool = False  # a positional argument taking any number of values
    required: bool = False
    folder: bool = False  # a path that must not be a file (typer's file_okay=False)

    @property
    def is_flag(self) -> bool:
        return self.type is bool


@dataclass(frozen=True)
class Command:
    """A command: its name, help, parameters, and the function (``module:function``) that
    runs it with the parameters as keywords and returns the exit code."""

    name: str
    help: str
    params: tuple[Param, ...]
    target: str


ROOT = Param(
    "root",
    Path,
    "Thư mục báo cáo (nơi có report.yaml). Mặc định: thư mục hiện tại.",
    ("--root",),
    default=Path(),
    folder=True,
)
ROOT_OPTIONAL = Param(
    "root",
    Path,
    "Thư mục báo cáo (report.yaml). Mặc định: thư mục hiện tại.",
    ("--root",),
)
FAIL_LEVEL = Param(
    "fail_level",
    str,
    "Mức thấp nhất làm lệnh báo lỗi: error, warning, info.",
    ("--fail-level",),
    default="error",
)

LINT = Command(
    "lint",
    "Kiểm tra báo cáo: cấu trúc theo đề cương, chỗ còn để trống, thống nhất với "
    "report.yaml, tiếng Việt, độ dài. Luôn đọc cả báo cáo; nếu chỉ ra tệp thì chỉ báo "
    "vấn đề trong các tệp đó. Mã thoát: 0 không có vấn đề, 1 có vấn đề, 2 lỗi dữ liệu.",
    (
        Param("paths", Path, "Các tệp .md cần báo vấn đề (mặc định: tất cả).", many=True),
        Param("root", Path, "Thư mục báo cáo. Mặc định: tìm report.yaml từ tệp đầu.", ("--root",)),
        Param(
            "fmt",
            str,
            "Cách in kết quả: text, short (gộp các cảnh báo giống nhau), json, github, sarif.",
            ("--format",),
            default="text",
        ),
        FAIL_LEVEL,
        Param(
            "fix",
            bool,
            "Sửa tự động các lỗi máy móc (Unicode, đánh số, dấu cách).",
            ("--fix",),
            default=False,
        ),
        Param(
            "diff",
            bool,
            "Chỉ in trước các thay đổi mà --fix sẽ làm; không ghi tệp.",
            ("--diff",),
            default=False,
        ),
    ),
    "vankien.lint.command:lint_command",
)

BUILD = Command(
    "build",
    "Kiểm tra rồi xuất văn bản Word (build/<tên>.docx): dự thảo hay chính thức theo report.yaml.",
    (
        ROOT,
        Param(
            "pdf", bool, "Tạo thêm bản PDF xem trước (cần LibreOffice).", ("--pdf",), default=False
        ),
        Param(
            "output", Path, "Nơi ghi tệp .docx. Mặc định: build/<output>.docx.", ("--output", "-o")
        ),
    ),
    "vankien.publish.command:build_command",
)

CHECK = Command(
    "check",
    "Kiểm tra dự thảo Word (.docx) của các đơn vị theo đề cương của thư mục báo cáo, bằng "
    "chính các quy tắc của lint; chỉ ra mục, đoạn, trang và câu chữ có vấn đề. Nhiều tệp: "
    "kiểm tra song song và lập bảng tổng hợp (--format csv, markdown, html). Mã thoát: 0 "
    "không có vấn đề, 1 có vấn đề, 2 có tệp không kiểm tra được.",
    (
        Param(
            "paths",
            Path,
            "Các tệp .docx (hoặc thư mục chứa chúng) cần kiểm tra.",
            metavar="TỆP.docx…",
            many=True,
            required=True,
        ),
        ROOT_OPTIONAL,
        Param(
            "fmt",
            str,
            "Cách in: text, json, github, sarif (từng vấn đề); csv, markdown, html (bảng "
            "tổng hợp mỗi đơn vị một dòng).",
            ("--format",),
            default="text",
        ),
        FAIL_LEVEL,
        Param(
            "annotate",
            Path,
            "Ghi vào thư mục này bản sao của từng tệp, mỗi vấn đề là một nhận xét (comment).",
            ("--annotate",),
            folder=True,
        ),
        Param("jobs", int, "Số tiến trình chạy song song. Mặc định: số lõi CPU.", ("--jobs", "-j")),
        Param(
            "outline",
            str,
            "Đề cương dùng để đối chiếu. Mặc định: theo report.yaml.",
            ("--outline",),
        ),
        Param(
            "output",
            Path,
            "Ghi kết quả vào tệp này thay vì in ra màn hình.",
            ("--output", "-o"),
        ),
        Param(
            "summary", Path, "Ghi thêm bảng tổng hợp vào tệp .csv, .md hoặc .html.", ("--summary",)
        ),
        Param(
            "shard",
            str,
            "Chỉ kiểm tra phần K trong N phần của danh sách tệp (K/N), cho CI.",
            ("--shard",),
        ),
    ),
    "vankien.word.command:check_command",
)

COMMENTS = Command(
    "comments",
    "Lập bảng tổng hợp ý kiến góp ý từ các bản Word (.docx) các đồng chí gửi lại: nhận xét "
    "(comment) và trả lời, chỗ sửa có theo dõi (Track Changes) và chỗ sửa không theo dõi; "
    "mỗi dòng ghi mục, tệp và dòng trong skeleton/, người góp ý, ngày, đoạn văn. Nhiều bản: "
    "gộp lại, ý kiến trùng chỉ ghi một lần. --apply: đưa các chỗ sửa có theo dõi vào tệp "
    "nguồn. Mã thoát: 0 đã lập bảng (kể cả khi không có ý kiến), 2 lỗi dữ liệu.",
    (
        Param(
            "paths",
            Path,
            "Các bản góp ý .docx (hoặc thư mục chứa chúng, ví dụ gop-y/).",
            metavar="TỆP.docx…",
            many=True,
            required=True,
        ),
        ROOT_OPTIONAL,
        Param(
            "fmt",
            str,
            "Cách in: table (màn hình), markdown (bình luận PR), csv, json, docx (bảng theo "
            "thể thức, có cột «Tiếp thu, giải trình» để trống).",
            ("--format",),
            default="table",
        ),
        Param(
            "since",
            str,
            "Chỉ lấy ý kiến, chỗ sửa có ngày từ phiên bản này trở về sau (tag, nhánh, "
            "commit; ví dụ du-thao-2).",
            ("--since",),
        ),
        Param(
            "output",
            Path,
            "Ghi kết quả vào tệp này. Mặc định: in ra màn hình; docx: "
            "build/<tên>-tong-hop-gop-y.docx.",
            ("--output", "-o"),
        ),
        Param(
            "apply",
            bool,
            "Đưa các chỗ sửa có theo dõi vào các tệp skeleton/ (chỉ nơi câu chữ nguồn còn "
            "đúng như lúc dựng); in danh sách chỗ đã sửa, chỗ bỏ qua và lời commit gợi ý.",
            ("--apply",),
            default=False,
        ),
        Param(
            "force",
            bool,
            "Cho --apply chạy cả khi skeleton/ còn thay đổi chưa commit (hoặc không có git).",
            ("--force",),
            default=False,
        ),
    ),
    "vankien.word.comments:comments_command",
)

# The commands that start without typer (vankien.entry): each is also a typer command in cli.py.
FAST: dict[str, Command] = {c.name: c for c in (LINT, BUILD, CHECK, COMMENTS)}


class _NotFast(Exception):
    """The arguments need typer (an error to report in its words)."""


class _StrictParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotFast(message)


def fast_parser(command: Command) -> argparse.ArgumentParser:
    """The argparse parser of ``command``: no abbreviations and no help (typer has neither a
    different spelling nor a different page), and any error leaves the arguments to typer."""
    parser = _StrictParser(prog=f"vankien {command.name}", add_help=False, allow_abbrev=False)
    for param in command.params:
        if not param.flags:
            parser.add_argument(param.name, type=param.type, nargs="+" if param.required else "*")
        elif param.is_flag:
            parser.add_argument(*param.flags, dest=param.name, action="store_true")
        else:
            parser.add_argument(
                *param.flags, dest=param.name, type=param.type, default=param.default
            )
    return parser


def parse_fast(command: Command, argv: Sequence[str]) -> dict[str, object] | None:
    """The keyword arguments of ``command`` for well-formed ``argv``; None for anything typer
    must answer (``--help``, an unknown or incomplete option, a folder option given a file)."""
    if "-h" in argv or "--help" in argv:
        return None
    try:
        values = vars(fast_parser(command).parse_args(list(argv)))
    except (_NotFast, argparse.ArgumentError):
        return None
    for param in command.params:
        value = values[param.name]
        if param.folder and isinstance(value, Path) and value.is_file():
            return None  # typer's message: the option must be a folder
    return values
