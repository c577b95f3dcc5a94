"""Load and validate an outline YAML file (documented in docs/outline-format.md)."""

from __future__ import annotations

import re
from pathlib import Path

from vankien.errors import UserError
from vankien.outline.model import (
    TARGET_SETS,
    Closing,
    Correction,
    Level,
    Number,
    Outline,
    Section,
    TargetTable,
    parse_number,
)
from vankien.yamlio import Node, line_of, load_yaml

FILE_RE = re.compile(r"^\d{2}-[a-z0-9][a-z0-9-]*\.md$")
ROLE_RE = re.compile(r"^[a-z][a-z0-9-]*$")
SECTION_KEYS = {
    "number",
    "title",
    "file",
    "owner",
    "required",
    "budget",
    "extra",
    "guidance",
    "children",
    "targets",
}
TOP_KEYS = {"id", "title", "description", "roles", "sections", "closing", "notes", "corrections"}


def _id_piece(number: Number) -> str:
    if number.level is Level.PART:
        return f"p{number.last}"
    if number.level is Level.ROMAN:
        return number.text().rstrip(".").lower()
    if number.level is Level.ALPHA:
        return number.text().rstrip(")")
    return ".".join(str(p) for p in number.parts)


class _Loader:
    def __init__(self, path: Path, roles: dict[str, str]) -> None:
        self.path = path
        self.roles = roles

    def section(
        self,
        node: Node,
        parent: Section | None,
        parent_id: str,
        inherited_file: str | None,
        inherited_owner: str | None,
        expected: int,
        sibling_level: Level | None,
    ) -> Section:
        node.check_keys(SECTION_KEYS)
        number_text = node.str_("number", required=True)
        parsed = parse_number(number_text)
        if parsed is None or parsed[1]:
            raise node.error(
                "number",
                f"số mục «{number_text}» không đúng dạng",
                hint="dùng một trong các dạng: «Phần thứ nhất», «I.», «1.», «1.1.», «1.1.1.», "
                "«a)».",
            )
        number = parsed[0]
        if parent is not None and number.level.value <= parent.level.value:
            raise node.error(
                "number",
                f"mục «{number_text}» phải là cấp con của «{parent.number_text}»",
            )
        if parent is None and number.level is not Level.PART:
            raise node.error("number", "cấp ngoài cùng của đề cương phải là «Phần thứ …»")
        if sibling_level is not None and number.level is not sibling_level:
            raise node.error(
                "number", f"mục «{number_text}» không cùng cấp với các mục ngang hàng trước nó"
            )
        if number.last != expected:
            raise node.error(
                "number",
                f"số thứ tự «{number_text}» không liền mạch: mong đợi "
                f"«{Number(number.level, (*number.parts[:-1], expected)).text()}»",
            )
        if (
            parent is not None
            and number.level in (Level.DECIMAL2, Level.DECIMAL3)
            and parent.level in (Level.ARABIC, Level.DECIMAL2)
            and number.parts[:-1] != parent.number.parts
        ):
            raise node.error(
                "number", f"số «{number_text}» không thuộc mục cha «{parent.number_text}»"
            )
        file = node.opt_str("file") or inherited_file
        if file is None:
            raise node.error(None, "mục cấp «Phần» phải có khóa «file»")
        if not FILE_RE.match(file):
            raise node.error(
                "file",
                f"tên tệp «{file}» không hợp lệ",
                hint="tên tệp gồm hai chữ số, dấu gạch nối, chữ thường không dấu, đuôi .md; "
                "ví dụ «02-nhiem-vu-chinh-tri.md».",
            )
        owner = node.opt_str("owner") or inherited_owner
        if owner is not None and owner not in self.roles:
            raise node.error(
                "owner",
                f"vai trò «{owner}» chưa được khai báo trong «roles»",
                hint="thêm vai trò vào mục «roles» ở đầu tệp đề cương.",
            )
        budget = node.int_("budget", 0) or None
        if budget is not None and budget < 0:
            raise node.error("budget", "độ dài tối đa (số từ) phải là số dương")
        title = node.str_("title", required=True)
        section_id = f"{parent_id}-{_id_piece(number)}" if parent_id else _id_piece(number)
        shell = Section(
            id=section_id,
            number=number,
            title=title,
            guidance=node.str_list("guidance"),
            required=node.bool_("required", True),
            file=file,
            owner=owner,
            budget_words=budget,
            allow_extra=node.bool_("extra", False),
            line=line_of(node.data),
            targets=_target_table(node),
        )
        kids: list[Section] = []
        level: Level | None = None
        for child in node.children("children"):
            built = self.section(child, shell, section_id, file, owner, len(kids) + 1, level)
            level = built.level
            kids.append(built)
        return Section(**{**shell.__dict__, "children": tuple(kids)})


def _target_table(node: Node) -> TargetTable | None:
    """The section's ``targets`` key: «previous», «next», or {set: …, years: true}."""
    raw = node.raw("targets")
    if raw is None:
        return None
    hint = (
        "ghi «targets: previous» (chỉ tiêu nhiệm kỳ trước), «targets: next» (nhiệm kỳ mới), "
        "hoặc «targets: {set: previous, years: true}» để có cột từng năm."
    )
    if isinstance(raw, str):
        table = TargetTable(raw.strip())
    else:
        sub = node.child("targets")
        assert sub is not None
        sub.check_keys({"set", "years"})
        table = TargetTable(sub.str_("set", required=True), sub.bool_("years", False))
    if table.set not in TARGET_SETS:
        raise node.error("targets", f"bộ chỉ tiêu «{table.set}» không hợp lệ", hint=hint)
    return table


def load_outline(path: Path) -> Outline:
    """Read an outline file; every problem is a :class:`UserError` naming file, line and key."""
    if not path.is_file():
        raise UserError(
            "không tìm thấy tệp đề cương",
            path=path,
            hint="kiểm tra khóa «outline» trong report.yaml và thư mục outline/.",
        )
    data = load_yaml(path)
    if data is None:
        raise UserError("tệp đề cương rỗng", path=path)
    root = Node(data, path)
    root.check_keys(TOP_KEYS)
    roles: dict[str, str] = {}
    roles_node = root.child("roles")
    if roles_node is not None:
        for key in roles_node.data:
            if not ROLE_RE.match(str(key)):
                raise roles_node.error(
                    str(key), f"mã vai trò «{key}» chỉ được gồm chữ thường không dấu, số và «-»"
                )
            roles[str(key)] = roles_node.str_(str(key), required=True)
    loader = _Loader(path, roles)
    sections: list[Section] = []
    for node in root.children("sections"):
        sections.append(loader.section(node, None, "", None, None, len(sections) + 1, None))
    if not sections:
        raise root.error("sections", "đề cương phải có ít nhất một phần")
    outline_files: list[str] = []
    for section in (s for top in sections for s in top.walk()):
        if (
            outline_files
            and section.file != outline_files[-1]
            and (section.file in outline_files or section.file < outline_files[-1])
        ):
            raise UserError(
                f"tệp «{section.file}» của mục «{section.number_text}» không theo thứ tự "
                "văn bản (tiền tố hai chữ số quyết định thứ tự ghép các tệp)",
                path=path,
                line=section.line,
                key="file",
            )
        if not outline_files or outline_files[-1] != section.file:
            outline_files.append(section.file)
    placed: dict[str, Section] = {}
    for section in (s for top in sections for s in top.walk()):
        if section.targets is None:
            continue
        other = placed.setdefault(section.targets.set, section)
        if other is not section:
            raise UserError(
                f"bảng chỉ tiêu «{section.targets.set}» đã đặt ở mục «{other.number_text}»",
                path=path,
                line=section.line,
                key="targets",
                hint="mỗi bảng chỉ tiêu chỉ đặt ở một mục của đề cương.",
            )
    closing_node = root.child("closing", required=True)
    assert closing_node is not None
    closing_node.check_keys({"recipients_label", "recipients", "on_behalf", "signer_title"})
    closing = Closing(
        recipients_label=closing_node.str_("recipients_label", "Nơi nhận:"),
        recipients=closing_node.str_list("recipients"),
        on_behalf=closing_node.str_("on_behalf", required=True),
        signer_title=closing_node.str_("signer_title", "BÍ THƯ"),
    )
    corrections: list[Correction] = []
    for node in root.children("corrections"):
        node.check_keys({"kind", "seed", "outline", "why", "at"})
        kind = node.str_("kind", "edit")
        if kind not in ("edit", "substitute"):
            raise node.error("kind", "loại đính chính phải là «edit» hoặc «substitute»")
        seed = node.str_("seed", required=True)
        if kind == "substitute":
            try:
                re.compile(seed)
            except re.error as exc:
                raise node.error("seed", f"biểu thức chính quy sai: {exc}") from None
        corrections.append(
            Correction(
                kind=kind,
                seed=seed,
                outline=str(node.raw("outline") or ""),
                why=node.str_("why", required=True),
                at=node.opt_str("at"),
                line=line_of(node.data),
            )
        )
    return Outline(
        id=root.str_("id", required=True),
        title=root.str_("title", required=True),
        path=path,
        roles=roles,
        sections=tuple(sections),
        closing=closing,
        notes=root.str_list("notes"),
        corrections=tuple(corrections),
    )
