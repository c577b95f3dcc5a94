"""Reading a .docx with zipfile and lxml into :class:`vankien.word.model.WordDocument`.

python-docx is not used here: it is slower and hides what matters (field results, tracked
changes, automatic numbers). The package is found through ``_rels/.rels`` (the officeDocument
relationship), its parts through the main part's relationships.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from vankien.errors import UserError
from vankien.word.header import read_header
from vankien.word.model import (
    Area,
    AutoNumber,
    Cell,
    CellPos,
    Comment,
    HeaderBlock,
    Image,
    Note,
    Paragraph,
    Run,
    Style,
    Table,
    WordDocument,
)
from vankien.word.numbering import Counters, Numbering, parse_numbering

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R = f"{{{R_NS}}}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_DOC = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
EXT_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_PART = 200 * 1024 * 1024  # a part larger than this uncompressed is refused (zip bomb)

# Heading style names: built-in names are stored in English ("heading 1"); some writers store
# localised names or ids ("Titre 1", "Überschrift 1", "Tiêu đề 1").
HEADING_NAME_RE = re.compile(
    r"^(?:heading|titre|überschrift|kop|encabezado|título|titolo|nagłówek|заголовок"
    r"|tiêu\s*đề|đề\s*mục|標題|见出し|제목)\s*([1-9])$",
    re.IGNORECASE,
)
_FALSE = ("0", "false", "off", "none")

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass
class _Props:
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    underline: bool | None = None
    vert: str | None = None
    hidden: bool | None = None

    def over(self, base: _Props) -> _Props:
        """These properties, falling back to ``base`` where unset."""
        return _Props(
            self.bold if self.bold is not None else base.bold,
            self.italic if self.italic is not None else base.italic,
            self.caps if self.caps is not None else base.caps,
            self.underline if self.underline is not None else base.underline,
            self.vert if self.vert is not None else base.vert,
            self.hidden if self.hidden is not None else base.hidden,
        )


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    value = el.get(f"{W}val")
    return value is None or value.lower() not in _FALSE


def _rpr(rpr: etree._Element | None) -> _Props:
    if rpr is None:
        return _Props()
    caps = _on(rpr.find(f"{W}caps"))
    small = _on(rpr.find(f"{W}smallCaps"))
    u = rpr.find(f"{W}u")
    vert_el = rpr.find(f"{W}vertAlign")
    vert = vert_el.get(f"{W}val") if vert_el is not None else None
    return _Props(
        bold=_on(rpr.find(f"{W}b")),
        italic=_on(rpr.find(f"{W}i")),
        caps=caps if caps is not None or small is None else small,
        underline=None if u is None else (u.get(f"{W}val") or "single") not in _FALSE,
        vert=vert if vert in ("superscript", "subscript", "baseline") else None,
        hidden=_on(rpr.find(f"{W}vanish")),
    )


@dataclass
class _StyleDef:
    font: str | None
    id: str
    name: str
    kind: str
    based_on: str | None
    outline: int | None
    num_id: int | None
    ilvl: int | None
    props: _Props


@dataclass
class _Styles:
    defs: dict[str, _StyleDef] = field(default_factory=dict)
    defaults: _Props = field(default_factory=_Props)
    default_para: str | None = None
    resolved: dict[str, Style] = field(default_factory=dict)
    props_cache: dict[str, _Props] = field(default_factory=dict)
    default_font: str | None = None

    def font(self, style_id: str | None) -> str | None:
        return next((s.font for s in self.chain(style_id) if s.font), self.default_font)

    def chain(self, style_id: str | None) -> list[_StyleDef]:
        out: list[_StyleDef] = []
        seen: set[str] = set()
        while style_id and style_id in self.defs and style_id not in seen:
            seen.add(style_id)
            item = self.defs[style_id]
            out.append(item)
            style_id = item.based_on
        return out

    def props(self, style_id: str | None) -> _Props:
        key = style_id or ""
        if key in self.props_cache:
            return self.props_cache[key]
        result = _Props()
        for item in self.chain(style_id):
            result = result.over(item.props)
        self.props_cache[key] = result
        return result

    def style(self, style_id: str | None) -> Style:
        key = style_id if style_id in self.defs else self.default_para
        key = key or ""
        if key in self.resolved:
            return self.resolved[key]
        chain = self.chain(key)
        outline = next((s.outline for s in chain if s.outline is not None), None)
        num_id = next((s.num_id for s in chain if s.num_id is not None), None)
        ilvl = next((s.ilvl for s in chain if s.ilvl is not None), None)
        heading = None
        for item in chain:
            m = HEADING_NAME_RE.match(item.name.strip()) or HEADING_NAME_RE.match(item.id)
            if m:
                heading = int(m.group(1))
                break
        level = outline + 1 if outline is not None and outline < 9 else None
        if heading is None:
            heading = level
        props = self.props(key).over(self.defaults)
        first = chain[0] if chain else None
        style = Style(
            id=key,
            name=first.name if first else "",
            outline_level=level,
            heading_level=heading,
            bold=bool(props.bold),
            italic=bool(props.italic),
            caps=bool(props.caps),
            num_id=num_id if num_id else None,
            ilvl=ilvl,
            based_on=first.based_on if first else None,
        )
        self.resolved[key] = style
        return style


def _parse_styles(root: etree._Element | None) -> _Styles:
    styles = _Styles()
    if root is None:
        return styles
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    styles.defaults = _rpr(defaults)
    styles.default_font = _font(defaults)
    for el in root.iter(f"{W}style"):
        sid = el.get(f"{W}styleId") or ""
        kind = el.get(f"{W}type") or "paragraph"
        name_el = el.find(f"{W}name")
        based = el.find(f"{W}basedOn")
        ppr = el.find(f"{W}pPr")
        outline = num_id = ilvl = None
        if ppr is not None:
            lvl = ppr.find(f"{W}outlineLvl")
            if lvl is not None:
                outline = _int(lvl.get(f"{W}val"))
            num = ppr.find(f"{W}numPr")
            if num is not None:
                num_id = _int(_wval(num.find(f"{W}numId")))
                ilvl = _int(_wval(num.find(f"{W}ilvl")))
        styles.defs[sid] = _StyleDef(
            font=_font(el.find(f"{W}rPr")),
            id=sid,
            name=(name_el.get(f"{W}val") or "") if name_el is not None else "",
            kind=kind,
            based_on=based.get(f"{W}val") if based is not None else None,
            outline=outline,
            num_id=num_id,
            ilvl=ilvl,
            props=_rpr(el.find(f"{W}rPr")),
        )
        if kind == "paragraph" and el.get(f"{W}default") in ("1", "true", "on"):
            styles.default_para = sid
    return styles


def _font(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(f"{W}rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")


def _wval(el: etree._Element | None) -> str | None:
    return el.get(f"{W}val") if el is not None else None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def paragraph_elements(root: etree._Element) -> list[etree._Element]:
    """The ``w:p`` elements of a document.xml tree in the order that defines
    :attr:`Paragraph.index`: document order, ``mc:Fallback`` branches skipped (the
    ``mc:Choice`` one is read), paragraphs in table cells and text boxes included, those of
    ``w:sectPr`` headers/footers (separate parts) not.
    """
    out: list[etree._Element] = []
    stack = [root]
    p_tag = f"{W}p"
    fallback = f"{MC}Fallback"
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == fallback:
            continue
        if tag == p_tag:
            out.append(el)
        children = list(el)
        if children:
            stack.extend(reversed(children))
    return out


def _refuse(path: Path, message: str, hint: str) -> UserError:
    return UserError(message, path=path, hint=hint)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise _refuse(
            path, "không tìm thấy tệp", "kiểm tra lại tên và đường dẫn của tệp Word."
        ) from None
    except IsADirectoryError:
        raise _refuse(
            path, "đây là một thư mục, không phải tệp Word", "ghi tên tệp .docx cần đọc."
        ) from None
    except OSError as exc:
        raise _refuse(
            path, f"không đọc được tệp ({exc.strerror})", "kiểm tra quyền đọc tệp."
        ) from None
    if not head:
        raise _refuse(path, "tệp rỗng (0 byte)", "mở tệp gốc trong Word và lưu lại dạng .docx.")
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise _refuse(
                path,
                "tệp Word được đặt mật khẩu, không đọc được nội dung",
                "mở tệp trong Word, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa "
                "bằng mật khẩu: xóa mật khẩu), lưu lại rồi gửi lại.",
            )
        raise _refuse(
            path,
            "tệp theo định dạng Word 97-2003 (.doc), không phải .docx",
            "mở tệp trong Word và chọn Lưu thành → Tài liệu Word (*.docx), hoặc chạy "
            "«soffice --headless --convert-to docx TỆP.doc», rồi kiểm tra tệp .docx.",
        )
    if not head.startswith(ZIP_MAGIC):
        raise _refuse(
            path,
            "tệp không phải văn bản Word (.docx)",
            "chỉ đọc được tệp .docx; tệp PDF, ảnh hay văn bản thuần cần được soạn lại trong "
            "Word và lưu dạng .docx.",
        )
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise _refuse(
            path,
            "tệp .docx bị hỏng (không mở được phần nén bên trong)",
            "mở tệp trong Word (Word sẽ đề nghị sửa), lưu lại rồi gửi lại; hoặc xin đơn vị gửi "
            "lại tệp gốc.",
        ) from None


class _Package:
    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.zip = archive
        self.names = set(archive.namelist())

    def corrupt(self, what: str) -> UserError:
        return _refuse(
            self.path,
            f"tệp .docx bị hỏng: {what}",
            "mở tệp trong Word (Word sẽ đề nghị sửa), lưu lại rồi gửi lại; hoặc xin đơn vị gửi "
            "lại tệp gốc.",
        )

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART:
            raise self.corrupt(f"phần «{name}» quá lớn ({info.file_size} byte)")
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            raise self.corrupt(f"không giải nén được phần «{name}»") from None

    def xml(self, name: str | None) -> etree._Element | None:
        if name is None:
            return None
        data = self.read(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _XML_PARSER)
        except etree.XMLSyntaxError as exc:
            raise self.corrupt(f"phần «{name}» không phải XML hợp lệ ({exc.msg})") from None

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """Relationships of ``part``: id → (type, resolved part name or target, external)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str, bool]] = {}
        if root is None:
            return out
        for rel in root.iter(f"{PKG_REL}Relationship"):
            target = rel.get("Target") or ""
            external = (rel.get("TargetMode") or "") == "External"
            if not external:
                if target.startswith("/"):
                    resolved = target.lstrip("/")
                else:
                    resolved = posixpath.normpath(posixpath.join(folder, target))
            else:
                resolved = target
            out[rel.get("Id") or ""] = (rel.get("Type") or "", resolved, external)
        return out


def _main_part(pkg: _Package) -> str:
    root = pkg.xml("_rels/.rels")
    if root is not None:
        for rel in root.iter(f"{PKG_REL}Relationship"):
            if rel.get("Type") in (OFFICE_DOC, STRICT_DOC):
                return (rel.get("Target") or "").lstrip("/")
    if "word/document.xml" in pkg.names:
        return "word/document.xml"
    if "EncryptionInfo" in pkg.names:
        raise _refuse(pkg.path, "tệp Word được đặt mật khẩu", "bỏ mật khẩu trong Word rồi gửi lại.")
    if "content.xml" in pkg.names:
        raise _refuse(
            pkg.path,
            "tệp là văn bản OpenDocument (.odt), không phải .docx",
            "mở tệp trong LibreOffice và chọn Lưu thành → Word 2007-365 (.docx).",
        )
    raise _refuse(
        pkg.path,
        "tệp nén này không phải văn bản Word (.docx): không có word/document.xml",
        "gửi tệp .docx của văn bản (tệp Excel, PowerPoint hay tệp nén khác không đọc được).",
    )


@dataclass
class _Field:
    in_code: bool = True


_SYMBOL_MAP = {"F0B7": "•", "F0A7": "▪", "F02D": "-", "F0D8": "➢", "F0FC": "✓"}


def parts_by_type(rels: dict[str, tuple[str, str, bool]]) -> dict[str, str]:
    """The main part's related parts by the last word of their type ("comments", "footnotes",
    "people", "commentsExtended", …); the first of each type."""
    by_type: dict[str, str] = {}
    for rtype, target, external in rels.values():
        if not external:
            by_type.setdefault(rtype.rsplit("/", 1)[-1], target)
    return by_type


@contextmanager
def open_main(path: Path) -> Iterator[tuple[_Package, str, etree._Element]]:
    """The package of ``path``, its main part's name and tree, with the refusals of
    :func:`read_docx` (not a docx, .doc, password, corrupt, no main part)."""
    with _open(path) as archive:
        pkg = _Package(path, archive)
        main = _main_part(pkg)
        root = pkg.xml(main)
        if root is None:
            raise pkg.corrupt(f"thiếu phần chính «{main}»")
        yield pkg, main, root


class _Reader:
    """Walks document.xml (and the notes) once, in order."""

    def __init__(self, pkg: _Package, main: str) -> None:
        self.pkg = pkg
        self.main = main
        self.rels = pkg.rels(main)
        self.part_of = parts_by_type(self.rels)
        self.styles = _parse_styles(pkg.xml(self.part_of.get("styles")))
        self.numbering: Numbering = parse_numbering(pkg.xml(self.part_of.get("numbering")))
        style_nums = {sid: d.num_id for sid, d in self.styles.defs.items() if d.num_id is not None}
        self.counters = Counters(self.numbering, style_nums)
        self.images: list[Image] = []
        self.tables: list[Table] = []
        self.paragraphs: list[Paragraph] = []
        self.page = 1
        self.tracked = 0
        self.pages_known = False
        self.fonts: set[str] = set()

    # -- paragraphs ---------------------------------------------------------------------

    def paragraph(
        self,
        p: etree._Element,
        index: int,
        area: Area,
        cell: CellPos | None,
        rels: dict[str, tuple[str, str, bool]],
        *,
        count_numbers: bool = True,
    ) -> Paragraph:
        ppr = p.find(f"{W}pPr")
        style_id = None
        own_outline = None
        num_id = ilvl = None
        has_numpr = False
        align = None
        break_before = False
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(f"{W}pStyle")
            style_id = ps.get(f"{W}val") if ps is not None else None
            ol = ppr.find(f"{W}outlineLvl")
            if ol is not None:
                value = _int(ol.get(f"{W}val"))
                own_outline = value + 1 if value is not None and value < 9 else None
            numpr = ppr.find(f"{W}numPr")
            if numpr is not None:
                has_numpr = True
                num_id = _int(_wval(numpr.find(f"{W}numId")))
                ilvl = _int(_wval(numpr.find(f"{W}ilvl")))
            jc = ppr.find(f"{W}jc")
            align = jc.get(f"{W}val") if jc is not None else None
            break_before = bool(_on(ppr.find(f"{W}pageBreakBefore")))
            mark = ppr.find(f"{W}rPr")
            if mark is not None:
                mark_deleted = mark.find(f"{W}del") is not None
        style = self.styles.style(style_id)
        para_props = self.styles.props(style.id).over(self.styles.defaults)
        runs: list[Run] = []
        state = _RunState(para_props, rels, start_page=self.page)
        state.font = self.styles.font(style.id)
        self._content(p, state, runs, area)
        if state.page_break:
            break_before = break_before or state.page_break_at_start
        text = unicodedata.normalize("NFC", "".join(r.text for r in runs))
        number: AutoNumber | None = None
        from_style = False
        if not has_numpr and style.num_id is not None:
            num_id, from_style = style.num_id, True
            ilvl = style.ilvl
        if num_id and ilvl is None:
            # No level given: the level of the list linked to the style (w:pStyle), else 0.
            ilvl = self.numbering.level_for_style(num_id, style.id) or style.ilvl
        if num_id and count_numbers and not (mark_deleted and not text.strip()):
            number = self.counters.next(num_id, ilvl or 0, from_style=from_style)
        pid = p.get(f"{W14}paraId")
        return Paragraph(
            index=index,
            text=text,
            runs=tuple(runs),
            style=style,
            number=number,
            outline_level=own_outline if own_outline is not None else style.outline_level,
            align=align,
            area=area,
            cell=cell,
            page=state.start_page if self.pages_known else None,
            page_break_before=break_before,
            para_id=pid,
        )

    def _content(
        self, parent: etree._Element, state: _RunState, runs: list[Run], area: Area
    ) -> None:
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == f"{W}r":
                self._run(child, state, runs)
            elif tag in (f"{W}ins", f"{W}moveTo"):
                self.tracked += 1
                outer = state.inserted
                state.inserted = True
                self._content(child, state, runs, area)
                state.inserted = outer
            elif tag in (f"{W}del", f"{W}moveFrom"):
                self.tracked += 1
            elif tag == f"{W}hyperlink":
                outer_link = state.link
                rid = child.get(f"{R}id")
                anchor = child.get(f"{W}anchor")
                if rid and rid in state.rels:
                    state.link = state.rels[rid][1]
                elif anchor:
                    state.link = f"#{anchor}"
                self._content(child, state, runs, area)
                state.link = outer_link
            elif tag in (f"{W}fldSimple", f"{W}smartTag", f"{W}customXml", f"{W}dir", f"{W}bdo"):
                self._content(child, state, runs, area)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._content(content, state, runs, area)
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is None:
                    choice = child.find(f"{MC}Fallback")
                if choice is not None:
                    self._content(choice, state, runs, area)
            elif tag == f"{W}pPr":
                continue

    def _run(self, r: etree._Element, state: _RunState, runs: list[Run]) -> None:
        rpr = r.find(f"{W}rPr")
        props = _rpr(rpr)
        char_style = None
        if rpr is not None:
            rs = rpr.find(f"{W}rStyle")
            char_style = rs.get(f"{W}val") if rs is not None else None
        if char_style:
            props = props.over(self.styles.props(char_style))
        props = props.over(state.para_props)
        if props.hidden:
            return
        font = _font(rpr) or state.font
        buf: list[str] = []

        def flush() -> None:
            if buf:
                runs.append(self._make(state, props, "".join(buf)))
                buf.clear()

        for child in r:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    state.fields.append(_Field())
                elif kind == "separate" and state.fields:
                    state.fields[-1].in_code = False
                elif kind == "end" and state.fields:
                    state.fields.pop()
                continue
            if state.in_code:
                continue
            if tag == f"{W}t":
                buf.append(child.text or "")
                state.seen_text = True
                if font and child.text and child.text.strip():
                    self.fonts.add(font)
            elif tag == f"{W}tab" or tag == f"{W}ptab":
                buf.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") == "page":
                    state.page_break = True
                    state.page_break_at_start = not state.seen_text
                    flush()
                else:
                    buf.append("\n")
            elif tag == f"{W}noBreakHyphen":
                buf.append("-")
            elif tag == f"{W}sym":
                code = (child.get(f"{W}char") or "").upper()
                if code in _SYMBOL_MAP:
                    buf.append(_SYMBOL_MAP[code])
                elif code:
                    try:
                        value = int(code, 16)
                    except ValueError:
                        value = 0
                    if value >= 0xF000:
                        value -= 0xF000
                    if value:
                        buf.append(chr(value))
            elif tag == f"{W}lastRenderedPageBreak":
                self.page += 1
                if not state.seen_text:
                    state.start_page = self.page
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                flush()
                nid = _int(child.get(f"{W}id"))
                kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                runs.append(
                    Run(
                        text="",
                        footnote=nid if kind == "footnote" else None,
                        endnote=nid if kind == "endnote" else None,
                        inserted=state.inserted,
                    )
                )
            elif tag in (f"{W}drawing", f"{W}pict", f"{W}object"):
                flush()
                for image in self._images(child, state.rels):
                    runs.append(Run(text="", image=image, inserted=state.inserted))
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is None:
                    choice = child.find(f"{MC}Fallback")
                if choice is not None:
                    for sub in choice:
                        if sub.tag in (f"{W}drawing", f"{W}pict"):
                            flush()
                            for image in self._images(sub, state.rels):
                                runs.append(Run(text="", image=image, inserted=state.inserted))
        flush()

    def _make(self, state: _RunState, props: _Props, text: str) -> Run:
        return Run(
            text=text,
            bold=bool(props.bold),
            italic=bool(props.italic),
            caps=bool(props.caps),
            underline=bool(props.underline),
            vert=props.vert if props.vert in ("superscript", "subscript") else None,
            hyperlink=state.link,
            inserted=state.inserted,
            tab=text.isspace() and ("\t" in text or "\n" in text),
        )

    def _images(self, el: etree._Element, rels: dict[str, tuple[str, str, bool]]) -> list[Image]:
        out: list[Image] = []
        for inline in el.iter(f"{WP}inline", f"{WP}anchor"):
            doc_pr = inline.find(f"{WP}docPr")
            extent = inline.find(f"{WP}extent")
            descr = ""
            if doc_pr is not None:
                descr = doc_pr.get("descr") or doc_pr.get("title") or ""
            width = _int(extent.get("cx")) if extent is not None else None
            height = _int(extent.get("cy")) if extent is not None else None
            for blip in inline.iter(f"{A}blip"):
                rid = blip.get(f"{R}embed") or blip.get(f"{R}link") or ""
                out.append(self._image(rid, rels, descr, width, height))
        if not out:
            for data in el.iter(f"{V}imagedata"):
                rid = data.get(f"{R}id") or ""
                title = data.get("{urn:schemas-microsoft-com:office:office}title") or ""
                out.append(self._image(rid, rels, title, None, None))
        self.images.extend(out)
        return out

    def _image(
        self,
        rid: str,
        rels: dict[str, tuple[str, str, bool]],
        descr: str,
        width: int | None,
        height: int | None,
    ) -> Image:
        _rtype, target, external = rels.get(rid, ("", "", False))
        return Image(
            rel_id=rid,
            part="" if external else target,
            target=target,
            external=external,
            description=descr,
            width_emu=width,
            height_emu=height,
        )

    # -- body ---------------------------------------------------------------------------

    def body(self, root: etree._Element) -> None:
        elements = paragraph_elements(root)
        self.pages_known = root.find(f".//{W}lastRenderedPageBreak") is not None
        self.index_of = {id(el): i for i, el in enumerate(elements)}
        body = root.find(f"{W}body")
        if body is None:
            raise self.pkg.corrupt("word/document.xml không có phần thân (w:body)")
        self._blocks(body, None, 0)
        self.paragraphs.sort(key=lambda p: p.index)

    def _blocks(self, parent: etree._Element, cell: CellPos | None, depth: int) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                self._body_paragraph(child, cell)
            elif tag == f"{W}tbl":
                self._table(child, depth + 1)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._blocks(content, cell, depth)
            elif tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                self._blocks(child, cell, depth)
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    self._blocks(choice, cell, depth)

    def _body_paragraph(self, p: etree._Element, cell: CellPos | None) -> None:
        index = self.index_of[id(p)]
        area = Area.CELL if cell is not None else Area.BODY
        para = self.paragraph(p, index, area, cell, self.rels)
        self.paragraphs.append(para)
        # Text boxes inside the paragraph: their paragraphs follow it.
        for box in p.iter(f"{W}txbxContent"):
            if _inside_fallback(box, p):
                continue
            for inner in box:
                if inner.tag == f"{W}p" and id(inner) in self.index_of:
                    self.paragraphs.append(
                        self.paragraph(
                            inner, self.index_of[id(inner)], Area.TEXTBOX, cell, self.rels
                        )
                    )

    def _table(self, tbl: etree._Element, depth: int) -> None:
        tindex = len(self.tables)
        self.tables.append(Table(tindex, depth, (), 0, False, -1))  # reserve the index
        grid = tbl.find(f"{W}tblGrid")
        grid_cols = len(grid.findall(f"{W}gridCol")) if grid is not None else 0
        rows: list[tuple[Cell, ...]] = []
        first = -1
        for r, tr in enumerate(tbl.findall(f"{W}tr")):
            cells: list[Cell] = []
            col = 0
            for c, tc in enumerate(tr.findall(f"{W}tc")):
                tcpr = tc.find(f"{W}tcPr")
                span = 1
                vmerge = None
                if tcpr is not None:
                    span = _int(_wval(tcpr.find(f"{W}gridSpan"))) or 1
                    vm = tcpr.find(f"{W}vMerge")
                    if vm is not None:
                        vmerge = "restart" if vm.get(f"{W}val") == "restart" else "continue"
                pos = CellPos(tindex, r, col, c, span, vmerge, depth)
                start = len(self.paragraphs)
                self._blocks(tc, pos, depth)
                indices = tuple(p.index for p in self.paragraphs[start:])
                if first < 0 and indices:
                    first = min(indices)
                cells.append(Cell(indices, r, col, span, vmerge))
                col += span
            rows.append(tuple(cells))
        columns = max([grid_cols, *(sum(c.grid_span for c in row) for row in rows)])
        self.tables[tindex] = Table(
            tindex, depth, tuple(rows), columns, _borderless(tbl, self.styles), first
        )

    # -- notes, comments ----------------------------------------------------------------

    def notes(self, kind: str) -> tuple[Note, ...]:
        part = self.part_of.get("footnotes" if kind == "footnote" else "endnotes")
        root = self.pkg.xml(part)
        if root is None or part is None:
            return ()
        rels = self.pkg.rels(part)
        out = []
        for note in root.iter(f"{W}{kind}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            nid = _int(note.get(f"{W}id"))
            if nid is None:
                continue
            paras = []
            for i, p in enumerate(note.iter(f"{W}p")):
                paras.append(self.paragraph(p, i, Area.NOTE, None, rels, count_numbers=False))
            out.append(Note(nid, kind, tuple(paras)))
        return tuple(out)

    def comments(self) -> tuple[Comment, ...]:
        root = self.pkg.xml(self.part_of.get("comments"))
        if root is None:
            return ()
        out = []
        for c in root.iter(f"{W}comment"):
            text = "\n".join(
                "".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p")
            )
            out.append(
                Comment(
                    id=_int(c.get(f"{W}id")) or 0,
                    author=c.get(f"{W}author") or "",
                    initials=c.get(f"{W}initials") or "",
                    date=c.get(f"{W}date") or "",
                    text=unicodedata.normalize("NFC", text),
                )
            )
        return tuple(out)


@dataclass
class _RunState:
    para_props: _Props
    rels: dict[str, tuple[str, str, bool]]
    fields: list[_Field] = field(default_factory=list)
    link: str | None = None
    inserted: bool = False
    seen_text: bool = False
    page_break: bool = False
    page_break_at_start: bool = False
    start_page: int | None = None
    font: str | None = None  # the paragraph style's (or the document's default) font

    @property
    def in_code(self) -> bool:
        return any(f.in_code for f in self.fields)


def _inside_fallback(el: etree._Element, stop: etree._Element) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag == f"{MC}Fallback":
            return True
        node = node.getparent()
    return False


def _borderless(tbl: etree._Element, styles: _Styles) -> bool:
    """No visible border: none on the table (w:tblBorders, or a style without borders) and
    none on its cells (w:tcBorders, where LibreOffice writes them)."""
    del styles
    for cell_borders in tbl.iter(f"{W}tcBorders"):
        if any((b.get(f"{W}val") or "none") not in ("none", "nil") for b in cell_borders):
            return False
    tblpr = tbl.find(f"{W}tblPr")
    borders = tblpr.find(f"{W}tblBorders") if tblpr is not None else None
    if borders is not None:
        values = [b.get(f"{W}val") or "none" for b in borders]
        return all(v in ("none", "nil") for v in values)
    style = tblpr.find(f"{W}tblStyle") if tblpr is not None else None
    if style is None:
        return True
    sid = (style.get(f"{W}val") or "").lower()
    return "grid" not in sid and "luoi" not in sid and "lưới" not in sid


def _application(pkg: _Package) -> str | None:
    root = pkg.xml("docProps/app.xml")
    if root is None:
        return None
    app = root.find(f"{EXT_APP}Application")
    return app.text if app is not None and app.text else None


def read_docx(path: Path) -> WordDocument:
    """Read ``path`` and return what it holds as a person sees it in Word.

    Raises :class:`vankien.errors.UserError` (Vietnamese message naming the file and saying
    what to do; exit code 2) for: a .doc (Word 97) file, a password-protected docx (an OLE
    compound file with EncryptionInfo), a corrupt docx (bad zip, missing or malformed
    word/document.xml), a file that is not a docx at all, and a document with no text.
    """
    path = Path(path)
    with open_main(path) as (pkg, main, root):
        reader = _Reader(pkg, main)
        reader.body(root)
        footnotes = reader.notes("footnote")
        endnotes = reader.notes("endnote")
        comments = reader.comments()
        application = _application(pkg)
    paragraphs = tuple(reader.paragraphs)
    if not any(p.text.strip() for p in paragraphs):
        raise _refuse(
            path,
            "văn bản Word không có chữ nào (văn bản trống)",
            "kiểm tra lại: có thể đã gửi nhầm tệp, hoặc nội dung nằm trong ảnh chụp (cần gõ lại "
            "thành chữ).",
        )
    tables = tuple(reader.tables)
    header: HeaderBlock = read_header(paragraphs, tables)
    resolved = reader.styles
    styles = tuple(resolved.style(sid) for sid, d in resolved.defs.items() if d.kind == "paragraph")
    return WordDocument(
        path=path,
        paragraphs=paragraphs,
        tables=tables,
        footnotes=footnotes,
        endnotes=endnotes,
        comments=comments,
        images=tuple(reader.images),
        styles=styles,
        header=header,
        pages_known=reader.pages_known,
        tracked_changes=reader.tracked,
        application=application,
        fonts=tuple(sorted(reader.fonts)),
    )
