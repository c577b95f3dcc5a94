"""The command line. It only parses: every command calls one function that returns an exit code.

Heavy modules are imported inside the commands, so that `vankien lint` starts fast.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vankien.errors import run_guarded
from vankien.options import BUILD, CHECK, COMMENTS, LINT, ROOT, Command, Param

app = typer.Typer(
    name="vankien",
    help=(
        "vankien — soạn báo cáo chính trị đại hội tổ chức cơ sở đảng từ các tệp Markdown.\n\n"
        "Quy trình: sửa report.yaml (thông tin đơn vị) → viết vào các tệp trong skeleton/ → "
        "vankien lint (kiểm tra) → vankien build (xuất văn bản Word)."
    ),
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root() -> None:
    """vankien — soạn báo cáo chính trị đại hội tổ chức cơ sở đảng từ các tệp Markdown."""


def _typer_annotation(param: Param) -> Any:
    """``Annotated[type, typer.Option(...)]`` (or ``typer.Argument``) of a declared parameter."""
    kind: Any = list[param.type] if param.many else param.type  # type: ignore[name-defined]
    if param.default is None and not param.required:
        kind = kind | None
    extra: dict[str, Any] = {"file_okay": False} if param.folder else {}
    if param.metavar is not None:
        extra["metavar"] = param.metavar
    if param.flags:
        return Annotated[kind, typer.Option(*param.flags, help=param.help, **extra)]
    return Annotated[kind, typer.Argument(help=param.help, **extra)]


def _add(command: Command) -> None:
    """The typer command of a declared command: it parses, then calls ``command.target``."""
    module, name = command.target.split(":")

    def run(**values: Any) -> None:
        from importlib import import_module

        for param in command.params:
            if param.many and values[param.name] is None:
                values[param.name] = []
        target: Callable[..., int] = getattr(import_module(module), name)
        raise typer.Exit(run_guarded(lambda: target(**values)))

    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(
                p.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty if p.required else p.default,
                annotation=_typer_annotation(p),
            )
            for p in command.params
        ]
    )
    app.command(command.name, help=command.help)(run)


if TYPE_CHECKING:
    RootOption = Path
else:
    RootOption = _typer_annotation(ROOT)  # --root, declared once in vankien.options


_add(LINT)


@app.command(
    "rules", help="Liệt kê các quy tắc kiểm tra; --docs tạo trang giải thích từng quy tắc."
)
def rules_cmd(
    docs: Annotated[
        Path | None, typer.Option("--docs", help="Thư mục ghi các trang tài liệu (docs/rules).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Chỉ kiểm tra các trang tài liệu có cập nhật không.")
    ] = False,
) -> None:
    from vankien.lint.command import rules_command

    raise typer.Exit(run_guarded(lambda: rules_command(docs, check)))


@app.command("scaffold", help="Tạo hoặc bổ sung các tệp khung trong skeleton/ từ đề cương.")
def scaffold_cmd(
    root: RootOption = Path(),
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Chỉ kiểm tra khung có khớp đề cương không; không ghi tệp nào."
        ),
    ] = False,
) -> None:
    if check:
        from vankien.report.drift import scaffold_check
        from vankien.report.load import load_report

        raise typer.Exit(run_guarded(lambda: scaffold_check(load_report(root))))
    from vankien.skeleton.scaffold import scaffold

    raise typer.Exit(run_guarded(lambda: scaffold(root)))


_add(BUILD)


@app.command("reference", help="Tạo reference.docx (kiểu chữ, lề, tiêu đề) từ hồ sơ định dạng.")
def reference_cmd(
    root: RootOption = Path(),
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile", help="Tên hồ sơ định dạng (hd36, nd30). Mặc định: theo report.yaml."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Nơi ghi tệp. Mặc định: reference.docx của báo cáo."),
    ] = None,
) -> None:
    from vankien.publish.command import reference_command

    raise typer.Exit(run_guarded(lambda: reference_command(root, profile, output)))


@app.command(
    "status",
    help=(
        "Tiến độ viết báo cáo: từng tệp và từng mục, người phụ trách, tình trạng (chưa viết / "
        "đang viết / đã xong), số từ so với độ dài dự kiến, số lỗi và cảnh báo của lint; các "
        "chỉ tiêu đạt, vượt, không đạt, chưa có kết quả."
    ),
)
def status_cmd(
    root: RootOption = Path(),
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help=(
                "Cách in: table (bảng), markdown (bình luận PR), json, html (một trang cho văn "
                "phòng và cấp ủy, ghi vào tệp)."
            ),
        ),
    ] = "table",
    sections: Annotated[
        bool, typer.Option("--sections", help="In thêm từng mục trong mỗi tệp.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Ghi vào tệp này (html: mặc định tien-do.html)."),
    ] = None,
) -> None:
    from vankien.review.status_command import status_command

    raise typer.Exit(run_guarded(lambda: status_command(root, fmt, sections, output)))


@app.command(
    "redline",
    help=(
        "Tạo tệp Word so sánh hai phiên bản (tag, nhánh, commit): phần thêm, phần xóa hiện dưới "
        "dạng theo dõi thay đổi (Track Changes). Không ghi TO thì so với bản đang sửa."
    ),
)
def redline_cmd(
    from_rev: Annotated[
        str, typer.Argument(metavar="FROM", help="Phiên bản cũ, ví dụ du-thao-1 hoặc main.")
    ],
    to_rev: Annotated[
        str | None,
        typer.Argument(metavar="TO", help="Phiên bản mới. Mặc định: các tệp đang sửa."),
    ] = None,
    root: RootOption = Path(),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Nơi ghi tệp .docx. Mặc định: build/<output>-so-sanh-….docx."
        ),
    ] = None,
) -> None:
    from vankien.review.redline import redline

    raise typer.Exit(run_guarded(lambda: redline(root, from_rev, to_rev, output)))


@app.command(
    "release",
    help=(
        "Phát hành một dự thảo: ghi giai đoạn vào report.yaml, commit, gắn tag (du-thao-1, "
        "du-thao-2, … hoặc chinh-thuc) và tạo bộ tài liệu trong build/<giai đoạn>/: Word, PDF "
        "và bản so sánh với dự thảo trước."
    ),
)
def release_cmd(
    root: RootOption = Path(),
    final: Annotated[
        bool,
        typer.Option("--final", help="Phát hành bản chính thức (chinh-thuc) thay cho dự thảo."),
    ] = False,
    no_pdf: Annotated[
        bool, typer.Option("--no-pdf", help="Không tạo PDF (khi máy không có LibreOffice).")
    ] = False,
) -> None:
    from vankien.review.release import release

    raise typer.Exit(run_guarded(lambda: release(root, final=final, pdf=not no_pdf)))


@app.command(
    "codeowners",
    help=(
        "Ghi tệp CODEOWNERS (người duyệt bắt buộc cho từng tệp) từ vai trò trong đề cương và "
        "mục people của report.yaml, ở các vị trí GitHub, GitLab, Gitea/Forgejo đọc."
    ),
)
def codeowners_cmd(
    root: RootOption = Path(),
    check: Annotated[
        bool,
        typer.Option("--check", help="Chỉ kiểm tra các tệp CODEOWNERS có cập nhật không (CI)."),
    ] = False,
) -> None:
    from vankien.review.codeowners import codeowners

    raise typer.Exit(run_guarded(lambda: codeowners(root, check=check)))


_add(CHECK)


@app.command(
    "import",
    help=(
        "Nhập bản dự thảo Word (.docx) có sẵn của đơn vị vào các tệp khung skeleton/ theo "
        "đề cương: văn bản, bảng, ảnh, chú thích. Không ghi đè tệp đã có nội dung của người viết."
    ),
)
def import_cmd(
    docx: Annotated[Path, typer.Argument(metavar="TỆP.docx", help="Bản dự thảo Word cần nhập.")],
    root: RootOption = Path(),
    force_new: Annotated[
        bool,
        typer.Option(
            "--force-new",
            help="Khi tệp đã có nội dung: ghi bản nhập bên cạnh (….md.tu-word) thay vì dừng.",
        ),
    ] = False,
) -> None:
    from vankien.word.importer import import_command

    raise typer.Exit(run_guarded(lambda: import_command(docx, root, force_new)))


_add(COMMENTS)


def main(argv: list[str] | None = None) -> int:
    """The typer path of the `vankien` command (vankien.entry decides when): the exit code."""
    import sys

    import typer.main

    from vankien import cli_help

    args = list(sys.argv[1:] if argv is None else argv)
    group = typer.main.get_command(app)
    page = cli_help.help_request(group, args, "vankien")
    if page is not None:
        print(page)
        return 0
    try:
        result = group.main(args=args, prog_name="vankien", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except Exception as exc:
        message = getattr(exc, "format_message", None)
        if message is None or getattr(exc, "exit_code", None) != 2:
            raise
        cli_help.usage_error(group, str(message()), args, "vankien")
        return 2
    return result if isinstance(result, int) else 0
