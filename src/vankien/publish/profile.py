"""Formatting profiles: every figure of the format rules as data, with the rule it comes from.

A profile file (profiles/<id>.yaml) names its guideline. Any figure is written either plain
(``size: 14``) or with its source (``size: {value: 14, rule: "HD 36, mục …", confidence: R}``);
a plain figure takes ``rule``/``confidence`` from the nearest enclosing mapping that has them.
Confidence: R = read in the regulation, S = secondary sources agree, C = common practice.
A new guideline is a new file; nothing here knows a particular guideline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from vankien.errors import UserError
from vankien.publish.styles import STYLES
from vankien.yamlio import Node, line_of, load_yaml

CONFIDENCE = {"R", "S", "C"}
ALIGN = {"left", "center", "right", "justify"}
LINE_RULES = {"exact", "at-least", "multiple"}
META_KEYS = {"rule", "confidence", "note"}
HEX_RE = re.compile(r"^[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Source:
    rule: str
    confidence: str


@dataclass(frozen=True)
class ParaStyle:
    """Figures of one Word style; None means "inherit from the base style"."""

    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    color: str | None = None
    align: str | None = None
    first_line_mm: float | None = None
    left_mm: float | None = None
    right_mm: float | None = None
    before_pt: float | None = None
    after_pt: float | None = None
    line: float | None = None  # points (exact, at-least) or a multiple of single spacing
    line_rule: str | None = None
    keep_next: bool | None = None
    keep_lines: bool | None = None
    outline_level: int | None = None
    box: bool | None = None  # a border around the paragraph (boxed "DỰ THẢO")
    left_border: bool | None = None  # a bar at the left (guidance shown in drafts)
    shading: str | None = None


@dataclass(frozen=True)
class Page:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    header_mm: float
    footer_mm: float
    mirror: bool


@dataclass(frozen=True)
class HeaderBlock:
    left_width_mm: float  # the rest of the text width is the right column
    nation: str
    motto: str | None
    rule_mm: float  # the line under the nation (or motto) line: as long as that text
    issuer_mark: str  # "star" (a centred "*") or "line" (a short rule under the issuer)
    issuer_rule_mm: float | None
    number_format: str  # with {number} {type} {body}
    number_blank: int  # spaces left for the number in a draft without one


@dataclass(frozen=True)
class Texts:
    title: str
    dash: str
    draft_mark: str  # with {n}
    subject_case: str  # "lower" or "upper"
    on_behalf_prefix: str  # "T/M" (Party) or "TM." (State)
    sign_blank_lines: int


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    guideline: str
    path: Path
    font: str
    page: Page
    header: HeaderBlock
    texts: Texts
    table_border_pt: float
    styles: Mapping[str, ParaStyle]
    sources: Mapping[str, Source] = field(default_factory=dict)


class _Reader:
    """Reads figures, resolving the rule and confidence each one comes from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sources: dict[str, Source] = {}

    def _context(self, node: Node, inherited: Source | None) -> Source | None:
        rule = node.raw("rule")
        conf = node.raw("confidence")
        if conf is not None and str(conf) not in CONFIDENCE:
            raise node.error(
                "confidence", f"mức tin cậy «{conf}» không hợp lệ", hint="ghi R, S hoặc C."
            )
        if rule is None and conf is None:
            return inherited
        base_rule = inherited.rule if inherited else None
        base_conf = inherited.confidence if inherited else None
        new_rule = str(rule).strip() if rule is not None else base_rule
        new_conf = str(conf) if conf is not None else base_conf
        if new_rule is None or new_conf is None:
            raise node.error(
                None,
                "mỗi thông số phải ghi căn cứ («rule») và mức tin cậy («confidence»)",
                hint="thêm «rule» và «confidence» vào mục này hoặc mục bao quanh nó.",
            )
        return Source(new_rule, new_conf)

    def figure(
        self,
        node: Node,
        key: str,
        kinds: tuple[type, ...],
        ctx: Source | None,
        *,
        required: bool = True,
        default: Any = None,
    ) -> Any:
        raw = node.raw(key)
        source = ctx
        if isinstance(raw, Mapping):
            sub = Node(raw, self.path, node._key(key))
            sub.check_keys({"value"} | META_KEYS)
            if "value" not in raw:
                raise sub.error(None, "thiếu «value» (giá trị của thông số)")
            source = self._context(sub, ctx)
            raw = raw["value"]
        if raw is None:
            if required:
                raise node.error(None, f"thiếu thông số bắt buộc «{node._key(key)}»")
            return default
        if isinstance(raw, bool) and bool not in kinds:
            raise node.error(key, f"giá trị «{raw}» không đúng kiểu")
        if not isinstance(raw, kinds):
            want = "số" if float in kinds else ("true/false" if bool in kinds else "chuỗi")
            raise node.error(key, f"cần {want}, nhận được «{raw}»")
        if source is None:
            raise node.error(
                key,
                "thông số chưa có căn cứ («rule») và mức tin cậy («confidence»)",
                hint="thêm «rule» và «confidence» vào thông số hoặc mục bao quanh nó.",
            )
        self.sources[node._key(key)] = source
        if float in kinds and isinstance(raw, int) and not isinstance(raw, bool):
            return float(raw)
        return raw.strip() if isinstance(raw, str) else raw

    def num(
        self,
        node: Node,
        key: str,
        ctx: Source | None,
        lo: float,
        hi: float,
        *,
        required: bool = True,
    ) -> float | None:
        value = self.figure(node, key, (float, int), ctx, required=required)
        if value is not None and not lo <= value <= hi:
            raise node.error(key, f"giá trị {value:g} nằm ngoài khoảng hợp lý {lo:g}–{hi:g}")
        return value  # type: ignore[no-any-return]

    def style(self, node: Node, ctx: Source | None) -> ParaStyle:
        node.check_keys(set(ParaStyle.__dataclass_fields__) | META_KEYS)
        ctx = self._context(node, ctx)
        values: dict[str, Any] = {}
        for name in ParaStyle.__dataclass_fields__:
            if not node.has(name):
                continue
            if name in (
                "bold",
                "italic",
                "underline",
                "caps",
                "keep_next",
                "keep_lines",
                "box",
                "left_border",
            ):
                values[name] = self.figure(node, name, (bool,), ctx)
            elif name in ("align", "line_rule", "color", "shading"):
                value = self.figure(node, name, (str,), ctx)
                if name in ("color", "shading") and not HEX_RE.match(value):
                    raise node.error(
                        name, f"màu «{value}» phải viết dạng mã hex 6 chữ số, ví dụ 1F4E79"
                    )
                allowed = {"align": ALIGN, "line_rule": LINE_RULES}.get(name)
                if allowed is not None and value not in allowed:
                    raise node.error(
                        name,
                        f"giá trị «{value}» không hợp lệ",
                        hint="chọn một trong: " + ", ".join(sorted(allowed)) + ".",
                    )
                values[name] = value
            elif name == "outline_level":
                level = self.figure(node, name, (int,), ctx)
                if not 0 <= level <= 8:
                    raise node.error(name, "cấp đề mục (outline_level) phải từ 0 đến 8")
                values[name] = level
            elif name == "size":
                values[name] = self.num(node, name, ctx, 6, 40)
            elif name == "line":
                values[name] = self.num(node, name, ctx, 0.5, 72)
            else:
                values[name] = self.num(node, name, ctx, -100, 200)
        if ("line" in values) != ("line_rule" in values):
            raise node.error(None, "«line» và «line_rule» phải đi cùng nhau")
        return ParaStyle(**values)


def load_profile(path: Path) -> Profile:
    """Read and validate a profile; every problem names the file, line and key."""
    if not path.is_file():
        raise UserError("không tìm thấy tệp định dạng (profile)", path=path)
    data = load_yaml(path)
    if data is None:
        raise UserError("tệp định dạng rỗng", path=path)
    top = Node(data, path)
    top.check_keys(
        {"id", "name", "guideline", "font", "page", "header", "texts", "table", "styles"}
        | META_KEYS
    )
    reader = _Reader(path)
    ctx = reader._context(top, None)
    profile_id = top.str_("id", required=True)
    if profile_id != path.stem:
        raise top.error("id", f"mã «{profile_id}» phải trùng tên tệp «{path.stem}»")

    page_node = top.child("page", required=True)
    assert page_node is not None
    page_node.check_keys(
        {
            "width_mm",
            "height_mm",
            "top_mm",
            "bottom_mm",
            "left_mm",
            "right_mm",
            "header_mm",
            "footer_mm",
            "mirror",
        }
        | META_KEYS
    )
    pctx = reader._context(page_node, ctx)

    def pnum(key: str, lo: float, hi: float) -> float:
        value = reader.num(page_node, key, pctx, lo, hi)
        assert value is not None
        return value

    page = Page(
        width_mm=pnum("width_mm", 100, 500),
        height_mm=pnum("height_mm", 100, 500),
        top_mm=pnum("top_mm", 5, 60),
        bottom_mm=pnum("bottom_mm", 5, 60),
        left_mm=pnum("left_mm", 5, 60),
        right_mm=pnum("right_mm", 5, 60),
        header_mm=pnum("header_mm", 0, 40),
        footer_mm=pnum("footer_mm", 0, 40),
        mirror=bool(reader.figure(page_node, "mirror", (bool,), pctx)),
    )
    text_width = page.width_mm - page.left_mm - page.right_mm

    font_node = top.child("font", required=True)
    assert font_node is not None
    font_node.check_keys({"family"} | META_KEYS)
    font = str(reader.figure(font_node, "family", (str,), reader._context(font_node, ctx)))

    head = top.child("header", required=True)
    assert head is not None
    head.check_keys(
        {
            "left_width_mm",
            "nation",
            "motto",
            "rule_mm",
            "issuer_mark",
            "issuer_rule_mm",
            "number_format",
            "number_blank",
        }
        | META_KEYS
    )
    hctx = reader._context(head, ctx)
    left_width = reader.num(head, "left_width_mm", hctx, 20, text_width - 20)
    assert left_width is not None
    rule_mm = reader.num(head, "rule_mm", hctx, 5, text_width - left_width)
    assert rule_mm is not None
    mark = str(reader.figure(head, "issuer_mark", (str,), hctx))
    if mark not in ("star", "line"):
        raise head.error("issuer_mark", "«issuer_mark» phải là «star» (dấu *) hoặc «line» (gạch)")
    issuer_rule = reader.num(head, "issuer_rule_mm", hctx, 5, left_width, required=mark == "line")
    number_format = str(reader.figure(head, "number_format", (str,), hctx))
    if "{number}" not in number_format:
        raise head.error("number_format", "mẫu số văn bản phải có «{number}»")
    header = HeaderBlock(
        left_width_mm=left_width,
        nation=str(reader.figure(head, "nation", (str,), hctx)),
        motto=reader.figure(head, "motto", (str,), hctx, required=False),
        rule_mm=rule_mm,
        issuer_mark=mark,
        issuer_rule_mm=issuer_rule,
        number_format=number_format,
        number_blank=int(reader.num(head, "number_blank", hctx, 0, 20) or 0),
    )

    texts_node = top.child("texts", required=True)
    assert texts_node is not None
    texts_node.check_keys(
        {"title", "dash", "draft_mark", "subject_case", "on_behalf_prefix", "sign_blank_lines"}
        | META_KEYS
    )
    tctx = reader._context(texts_node, ctx)
    case = str(reader.figure(texts_node, "subject_case", (str,), tctx))
    if case not in ("lower", "upper"):
        raise texts_node.error("subject_case", "«subject_case» phải là «lower» hoặc «upper»")
    draft_mark = str(reader.figure(texts_node, "draft_mark", (str,), tctx))
    texts = Texts(
        title=str(reader.figure(texts_node, "title", (str,), tctx)),
        dash=str(reader.figure(texts_node, "dash", (str,), tctx)),
        draft_mark=draft_mark,
        subject_case=case,
        on_behalf_prefix=str(reader.figure(texts_node, "on_behalf_prefix", (str,), tctx)),
        sign_blank_lines=int(reader.num(texts_node, "sign_blank_lines", tctx, 0, 10) or 0),
    )

    table = top.child("table", required=True)
    assert table is not None
    table.check_keys({"border_pt"} | META_KEYS)
    border = reader.num(table, "border_pt", reader._context(table, ctx), 0.25, 6)
    assert border is not None

    styles_node = top.child("styles", required=True)
    assert styles_node is not None
    known = {spec.key for spec in STYLES}
    styles_node.check_keys(known | META_KEYS)
    sctx = reader._context(styles_node, ctx)
    styles: dict[str, ParaStyle] = {}
    for spec in STYLES:
        child = styles_node.child(spec.key)
        if child is None:
            raise UserError(
                f"thiếu định dạng cho kiểu «{spec.key}»",
                path=path,
                line=line_of(styles_node.data),
                key=f"styles.{spec.key}",
                hint="mỗi hồ sơ định dạng phải khai báo đủ các kiểu; xem profiles/hd36.yaml.",
            )
        styles[spec.key] = reader.style(child, sctx)

    return Profile(
        id=profile_id,
        name=top.str_("name", required=True),
        guideline=top.str_("guideline", required=True),
        path=path,
        font=font,
        page=page,
        header=header,
        texts=texts,
        table_border_pt=border,
        styles=styles,
        sources=dict(reader.sources),
    )


def _builtin(value: Any) -> Any:
    """The same value with ruamel's scalar subclasses (ScalarFloat, …) made plain builtins,
    so that a cached profile unpickles without importing ruamel."""
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _builtin(getattr(value, f.name)) for f in fields(value) if f.init}
        return replace(value, **changes)
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return value if type(value) is kind else kind(value)
    if isinstance(value, tuple):
        return tuple(_builtin(v) for v in value)
    if isinstance(value, list):
        return [_builtin(v) for v in value]
    if isinstance(value, Mapping):
        return {_builtin(k): _builtin(v) for k, v in value.items()}
    return value


def load_profile_cached(path: Path, folder: Path | None) -> Profile:
    """``load_profile``, from the on-disk cache in ``folder`` (the report's cache folder; None:
    off) while the file and this code are unchanged (parsing the YAML takes ~0.15 s of every
    build)."""
    import sys

    from vankien.publish import styles
    from vankien.report.cache import cached_load

    this = sys.modules[__name__]
    profile = cached_load(
        folder, "profile", path, lambda: _builtin(load_profile(path)), (this, styles)
    )
    if not isinstance(profile, Profile):
        return load_profile(path)
    return profile


def find_profile(root: Path, name: str) -> Profile:
    """The profile ``name`` of the report folder ``root`` (its own profiles/ first), through
    that report's cache."""
    from vankien.report.cache import cache_folder
    from vankien.resources import find

    return load_profile_cached(find(root, "profiles", f"{name}.yaml"), cache_folder(root))
