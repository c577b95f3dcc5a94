"""Vietnamese help pages and usage errors for the command line.

typer writes its own help and parse errors in English; the committee office does not read
English, so `vankien` renders both itself from the same command tree typer builds.
"""

from __future__ import annotations

import re
import sys
import textwrap
from typing import Any

HELP_FLAGS = ("-h", "--help")
HELP_LINE = "Hiện hướng dẫn này rồi thoát."

_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^No such option: (\S+?)\.?(?: Did you mean (\S+?)\?)?$", "không có tùy chọn {0}"),
        (r"^No such command '(.+)'\.$", "không có lệnh «{0}»"),
        (r"^Missing command\.$", "thiếu tên lệnh"),
        (r"^Missing argument '(.+)'\.$", "thiếu tham số {0}"),
        (r"^Missing option '(.+)'\.$", "thiếu tùy chọn {0}"),
        (r"^Option '(.+)' requires an argument\.$", "tùy chọn {0} cần một giá trị"),
        (r"^Option '(.+)' does not take a value\.$", "tùy chọn {0} không nhận giá trị"),
        (r"^Got unexpected extra arguments? \((.+)\)$", "thừa tham số: {0}"),
        (r"^Invalid value for '(.+?)': (.*)$", "giá trị không hợp lệ cho {0}: {1}"),
        (r"^Directory '(.+)' does not exist\.$", "thư mục «{0}» không tồn tại"),
        (r"^File '(.+)' does not exist\.$", "tệp «{0}» không tồn tại"),
        (r"^Path '(.+)' does not exist\.$", "đường dẫn «{0}» không tồn tại"),
        (r"^'(.+)' is not one of (.+)\.$", "«{0}» không phải một trong các giá trị {1}"),
        (r"^'(.+)' is not a valid integer\.$", "«{0}» không phải số nguyên"),
    )
)


def translate_error(message: str) -> str:
    for pattern, template in _ERRORS:
        m = pattern.match(message.strip())
        if m:
            return template.format(*[g or "" for g in m.groups()])
    return message


def _wrap(text: str, indent: int, width: int = 88) -> str:
    """Fill ``text`` for a column that starts at ``indent`` (the first line included)."""
    pad = " " * indent
    filled = textwrap.fill(
        " ".join(text.split()), width=width, initial_indent=pad, subsequent_indent=pad
    )
    return filled[indent:]


def _option_label(param: Any) -> str:
    names = ", ".join([*param.opts, *param.secondary_opts])
    if getattr(param, "is_flag", False):
        return names
    metavar = getattr(param, "metavar", None)
    if not metavar:
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        metavar = {"Path": "ĐƯỜNG_DẪN", "int": "SỐ", "float": "SỐ"}.get(
            getattr(annotation, "__name__", ""), "GIÁ_TRỊ"
        )
    return f"{names} {metavar}"


def render_group(group: Any, prog: str) -> str:
    lines = [f"Cách dùng: {prog} LỆNH [TÙY CHỌN] [THAM SỐ]", ""]
    if group.help:
        for paragraph in group.help.strip().split("\n\n"):
            lines += [_wrap(paragraph, 0), ""]
    lines.append("Các lệnh:")
    names = sorted(group.commands)
    width = max((len(n) for n in names), default=0) + 2
    for name in names:
        command = group.commands[name]
        summary = (command.help or "").strip().split("\n")[0]
        lines.append("  " + name.ljust(width) + _wrap(summary, width + 2))
    lines += [
        "",
        "Tùy chọn:",
        f"  -h, --help  {HELP_LINE}",
        "",
        f"Hướng dẫn của từng lệnh: {prog} LỆNH --help",
    ]
    return "\n".join(lines)


def render_command(command: Any, prog: str, name: str) -> str:
    arguments = [p for p in command.params if type(p).__name__.endswith("Argument")]
    options = [p for p in command.params if not type(p).__name__.endswith("Argument")]
    usage = f"Cách dùng: {prog} {name} [TÙY CHỌN]"
    for argument in arguments:
        label = argument.name.upper()
        many = getattr(argument, "nargs", 1) == -1
        label = f"{label}…" if many else label
        usage += f" {label}" if argument.required else f" [{label}]"
    lines = [usage, ""]
    if command.help:
        for paragraph in command.help.strip().split("\n\n"):
            lines += [_wrap(paragraph, 0), ""]
    if arguments:
        lines.append("Tham số:")
        for argument in arguments:
            text = getattr(argument, "help", None) or ""
            lines.append(f"  {argument.name.upper()}  {_wrap(text, 4)}".rstrip())
        lines.append("")
    lines.append("Tùy chọn:")
    rows = [(_option_label(o), o.help or "", o) for o in options]
    rows.append(("-h, --help", HELP_LINE, None))
    width = max(len(r[0]) for r in rows) + 2
    for label, text, option in rows:
        extra = ""
        if option is not None and not getattr(option, "is_flag", False):
            default = option.default
            shown = "mặc định" in text.lower()
            if default not in (None, "", (), []) and not callable(default) and not shown:
                extra = f" [mặc định: {default}]"
        lines.append("  " + label.ljust(width) + _wrap(text + extra, width + 2))
    return "\n".join(lines)


def help_request(group: Any, argv: list[str], prog: str) -> str | None:
    """The help page to print for ``argv``, or None when it is not a request for help."""
    if not argv or argv[0] in HELP_FLAGS:
        return render_group(group, prog)
    name = argv[0]
    rest = argv[1 : argv.index("--")] if "--" in argv else argv[1:]
    if name in group.commands and any(arg in HELP_FLAGS for arg in rest):
        return render_command(group.commands[name], prog, name)
    return None


def usage_error(group: Any, message: str, argv: list[str], prog: str) -> None:
    command = argv[0] if argv and argv[0] in group.commands else None
    hint = f"{prog} {command} --help" if command else f"{prog} --help"
    print(f"Lỗi: {translate_error(message)}.\nXem hướng dẫn: {hint}", file=sys.stderr)
