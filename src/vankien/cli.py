"""The command line. It only parses: every command calls one function that returns an exit code.

Heavy modules are imported inside the commands, so that `vankien lint` starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vankien.errors import run_guarded

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


RootOption = Annotated[
    Path,
    typer.Option(
        "--root",
        help="Thư mục báo cáo (nơi có report.yaml). Mặc định: thư mục hiện tại.",
        file_okay=False,
    ),
]


@app.command(
    "lint",
    help=(
        "Kiểm tra báo cáo: cấu trúc theo đề cương, chỗ còn để trống, thống nhất với "
        "report.yaml, tiếng Việt, độ dài. Luôn đọc cả báo cáo; nếu chỉ ra tệp thì chỉ báo "
        "vấn đề trong các tệp đó. Mã thoát: 0 không có vấn đề, 1 có vấn đề, 2 lỗi dữ liệu."
    ),
)
def lint_cmd(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Các tệp .md cần báo vấn đề (mặc định: tất cả).")
    ] = None,
    root: Annotated[
        Path | None,
        typer.Option("--root", help="Thư mục báo cáo. Mặc định: tìm report.yaml từ tệp đầu."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="Cách in kết quả: text, short (gộp các cảnh báo giống nhau), json, github, sarif.",
        ),
    ] = "text",
    fail_level: Annotated[
        str,
        typer.Option("--fail-level", help="Mức thấp nhất làm lệnh báo lỗi: error, warning, info."),
    ] = "error",
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Sửa tự động các lỗi máy móc (Unicode, đánh số, dấu cách)."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Chỉ in trước các thay đổi mà --fix sẽ làm; không ghi tệp."),
    ] = False,
) -> None:
    from vankien.lint.command import lint_command

    raise typer.Exit(
        run_guarded(lambda: lint_command(paths or [], root, fmt, fail_level, fix, diff))
    )


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


@app.command(
    "build",
    help="Kiểm tra rồi xuất văn bản Word (build/<tên>.docx): dự thảo hay chính thức "
    "theo report.yaml.",
)
def build_cmd(
    root: RootOption = Path(),
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Tạo thêm bản PDF xem trước (cần LibreOffice).")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Nơi ghi tệp .docx. Mặc định: build/<output>.docx."),
    ] = None,
) -> None:
    from vankien.publish.command import build_command

    raise typer.Exit(run_guarded(lambda: build_command(root, pdf, output)))


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


@app.command(
    "check",
    help=(
        "Kiểm tra dự thảo Word (.docx) của các đơn vị theo đề cương của thư mục báo cáo, bằng "
        "chính các quy tắc của lint; chỉ ra mục, đoạn, trang và câu chữ có vấn đề. Nhiều tệp: "
        "kiểm tra song song và lập bảng tổng hợp (--format csv, markdown, html). Mã thoát: 0 "
        "không có vấn đề, 1 có vấn đề, 2 có tệp không kiểm tra được."
    ),
)
def check_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="TỆP.docx…", help="Các tệp .docx (hoặc thư mục chứa chúng) cần kiểm tra."
        ),
    ],
    root: Annotated[
        Path | None,
        typer.Option("--root", help="Thư mục báo cáo (report.yaml). Mặc định: thư mục hiện tại."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="Cách in: text, json, github, sarif (từng vấn đề); csv, markdown, html (bảng "
            "tổng hợp mỗi đơn vị một dòng).",
        ),
    ] = "text",
    fail_level: Annotated[
        str,
        typer.Option("--fail-level", help="Mức thấp nhất làm lệnh báo lỗi: error, warning, info."),
    ] = "error",
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Ghi vào thư mục này bản sao của từng tệp, mỗi vấn đề là một nhận xét (comment).",
            file_okay=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Số tiến trình chạy song song. Mặc định: số lõi CPU."),
    ] = None,
    outline: Annotated[
        str | None,
        typer.Option("--outline", help="Đề cương dùng để đối chiếu. Mặc định: theo report.yaml."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Ghi kết quả vào tệp này thay vì in ra màn hình."),
    ] = None,
    summary: Annotated[
        Path | None,
        typer.Option("--summary", help="Ghi thêm bảng tổng hợp vào tệp .csv, .md hoặc .html."),
    ] = None,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard", help="Chỉ kiểm tra phần K trong N phần của danh sách tệp (K/N), cho CI."
        ),
    ] = None,
) -> None:
    from vankien.word.command import check_command

    raise typer.Exit(
        run_guarded(
            lambda: check_command(
                paths, root, fmt, fail_level, annotate, jobs, outline, output, summary, shard
            )
        )
    )


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


@app.command(
    "comments",
    help=(
        "Lập bảng tổng hợp ý kiến góp ý từ các bản Word (.docx) các đồng chí gửi lại: nhận xét "
        "(comment) và trả lời, chỗ sửa có theo dõi (Track Changes) và chỗ sửa không theo dõi; "
        "mỗi dòng ghi mục, tệp và dòng trong skeleton/, người góp ý, ngày, đoạn văn. Nhiều bản: "
        "gộp lại, ý kiến trùng chỉ ghi một lần. --apply: đưa các chỗ sửa có theo dõi vào tệp "
        "nguồn. Mã thoát: 0 đã lập bảng (kể cả khi không có ý kiến), 2 lỗi dữ liệu."
    ),
)
def comments_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="TỆP.docx…", help="Các bản góp ý .docx (hoặc thư mục chứa chúng, ví dụ gop-y/)."
        ),
    ],
    root: Annotated[
        Path | None,
        typer.Option("--root", help="Thư mục báo cáo (report.yaml). Mặc định: thư mục hiện tại."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="Cách in: table (màn hình), markdown (bình luận PR), csv, json, docx (bảng theo "
            "thể thức, có cột «Tiếp thu, giải trình» để trống).",
        ),
    ] = "table",
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Chỉ lấy ý kiến, chỗ sửa có ngày từ phiên bản này trở về sau (tag, nhánh, "
            "commit; ví dụ du-thao-2).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Ghi kết quả vào tệp này. Mặc định: in ra màn hình; docx: "
            "build/<tên>-tong-hop-gop-y.docx.",
        ),
    ] = None,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="Đưa các chỗ sửa có theo dõi vào các tệp skeleton/ (chỉ nơi câu chữ nguồn còn "
            "đúng như lúc dựng); in danh sách chỗ đã sửa, chỗ bỏ qua và lời commit gợi ý.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Cho --apply chạy cả khi skeleton/ còn thay đổi chưa commit (hoặc không có git).",
        ),
    ] = False,
) -> None:
    from vankien.word.comments import comments_command

    raise typer.Exit(
        run_guarded(lambda: comments_command(paths, root, fmt, since, output, apply, force))
    )


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
