"""Load and validate report.yaml, with Vietnamese errors naming the field and the expectation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from vankien.errors import UserError
from vankien.unit.model import CONGRESS_KINDS, OrgType, Person, Stage, Term, Unit
from vankien.yamlio import Node, load_yaml

METADATA_FILE = "report.yaml"
TOP_KEYS = {
    "outline",
    "profile",
    "output",
    "organisation",
    "congress",
    "document",
    "signer",
    "recipients",
    "people",
    "lint",
    "build",
}
HANDLE_RE = re.compile(r"^(?:@[\w.-]+(?:/[\w.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")


def _term(node: Node, key: str) -> Term:
    raw = node.raw(key)
    text = str(raw).strip() if raw is not None else ""
    m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
    if m is None:
        raise node.error(
            key if raw is not None else None,
            f"nhiệm kỳ «{text or '(trống)'}» không đúng dạng",
            hint="viết dạng «2020 - 2025».",
        )
    start, end = int(m.group(1)), int(m.group(2))
    if end - start != 5:
        raise node.error(key, f"nhiệm kỳ «{text}» phải dài đúng 5 năm")
    return Term(start, end)


def _header_lines(org: Node, names: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """``organisation.header_lines``: where the office breaks a header name into lines.

    Only the breaks are the office's choice: the lines put together must give the name
    itself (letter case and spacing aside), so a name is never written twice differently.
    """
    node = org.child("header_lines")
    if node is None:
        return {}
    node.check_keys(set(names))
    out: dict[str, tuple[str, ...]] = {}
    for key, name in names.items():
        if node.raw(key) is None:
            continue
        lines = node.str_list(key)
        if not lines or any(not line for line in lines):
            raise node.error(
                key, "cần danh sách các dòng, không có dòng trống", hint=_HEADER_LINES_HINT
            )
        joined = " ".join(" ".join(lines).split())
        if joined.casefold() != " ".join(name.split()).casefold():
            raise node.error(
                key,
                f"các dòng «{' / '.join(lines)}» ghép lại không đúng tên «{name}»",
                hint=_HEADER_LINES_HINT,
            )
        out[key] = lines
    return out


_HEADER_LINES_HINT = (
    "chỉ chia tên thành các dòng, giữ nguyên chữ và thứ tự, ví dụ "
    "«issuer: [Đảng ủy Sở Khoa học, và Công nghệ]»; muốn đổi tên thì sửa «superior» hoặc "
    "«issuer»."
)


def start_hint(root: Path) -> str:
    """How to start a report where report.yaml is missing: which sample to copy, from where."""
    from vankien.resources import sample_reports

    samples = sample_reports()
    if not samples:
        return f"tạo tệp {METADATA_FILE} trong thư mục báo cáo và điền thông tin của đơn vị."
    shown = "; ".join(f"{label}: {path}" for label, path in samples.items())
    return (
        f"sao chép tệp mẫu vào «{root / METADATA_FILE}» rồi sửa thông tin của đơn vị "
        f"(mẫu {shown}); sau đó chạy «vankien scaffold» để tạo các tệp khung."
    )


def load_unit(root: Path) -> Unit:
    """Read ``root/report.yaml``; every problem is a :class:`UserError`."""
    path = root / METADATA_FILE
    if not path.is_file():
        raise UserError("không tìm thấy tệp thông tin đơn vị", path=path, hint=start_hint(root))
    data = load_yaml(path)
    if data is None:
        raise UserError("tệp thông tin đơn vị rỗng", path=path)
    top = Node(data, path)
    top.check_keys(TOP_KEYS)

    org = top.child("organisation", required=True)
    assert org is not None
    org.check_keys({"type", "name", "superior", "superior_committee", "issuer", "header_lines"})
    type_text = org.str_("type", required=True)
    try:
        org_type = OrgType(type_text)
    except ValueError:
        raise org.error(
            "type",
            f"loại tổ chức «{type_text}» không hợp lệ",
            hint="ghi «dang-bo-co-so» (đảng bộ cơ sở) hoặc «chi-bo-co-so» (chi bộ cơ sở).",
        ) from None
    name = org.str_("name", required=True)
    issuer_default = f"{org_type.leader} {name}".upper()

    congress = top.child("congress", required=True)
    assert congress is not None
    congress.check_keys({"number", "numeral", "kind", "previous_term", "current_term"})
    number = congress.int_("number")
    if not 1 <= number <= 60:
        raise congress.error("number", f"số thứ tự đại hội «{number}» không hợp lý (1–60)")
    numeral = congress.str_("numeral", "roman")
    if numeral not in ("roman", "arabic"):
        raise congress.error(
            "numeral", "cách ghi số đại hội phải là «roman» (XV) hoặc «arabic» (15)"
        )
    kind = congress.str_("kind", org_type.wording.congress_kind)
    if kind not in CONGRESS_KINDS:
        kinds = " hoặc ".join(f"«{k}»" for k in CONGRESS_KINDS)
        raise congress.error("kind", f"loại đại hội phải là {kinds}")
    previous_term = _term(congress, "previous_term")
    current_term = _term(congress, "current_term")
    if current_term.start != previous_term.end:
        raise congress.error(
            "current_term",
            f"nhiệm kỳ mới {current_term.text()} phải nối tiếp nhiệm kỳ trước "
            f"{previous_term.text()}",
        )

    doc = top.child("document", required=True)
    assert doc is not None
    doc.check_keys({"place", "date", "number", "stage"})
    raw_date = doc.raw("date")
    if isinstance(raw_date, dt.datetime):
        raw_date = raw_date.date()
    if isinstance(raw_date, dt.date):
        date = raw_date
    else:
        text = str(raw_date or "").strip()
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            raise doc.error(
                "date" if raw_date is not None else None,
                f"ngày «{text or '(trống)'}» không hợp lệ",
                hint="viết dạng năm-tháng-ngày, ví dụ 2025-05-20.",
            ) from None
    doc_number = doc.int_("number", 0) or None
    stage_text = doc.str_("stage", required=True)
    stage = Stage.parse(stage_text)
    if stage is None:
        raise doc.error(
            "stage",
            f"giai đoạn «{stage_text}» không hợp lệ",
            hint="ghi «du-thao-1», «du-thao-2», … hoặc «chinh-thuc».",
        )

    signer = top.child("signer", required=True)
    assert signer is not None
    signer.check_keys({"on_behalf", "title", "name"})
    on_behalf = signer.str_("on_behalf", org_type.wording.on_behalf)
    if re.match(r"^T\.?M\b", on_behalf) and not on_behalf.startswith("T/M "):
        raise signer.error(
            "on_behalf", "văn bản của Đảng ghi «T/M» (có gạch chéo), không ghi «TM.»"
        )

    people: dict[str, tuple[Person, ...]] = {}
    people_node = top.child("people")
    if people_node is not None:
        for role in people_node.data:
            entries: list[Person] = []
            for index, item in enumerate(people_node.str_list(str(role))):
                person_name, _, raw_handle = item.partition("<")
                handle = raw_handle.rstrip(">").strip() or None
                if handle is not None and not HANDLE_RE.match(handle):
                    raise people_node.error(
                        str(role),
                        f"tài khoản «{handle}» (mục {index + 1}) không hợp lệ",
                        hint="ghi «Họ tên <@tai-khoan>» hoặc «Họ tên <email@co-quan.vn>».",
                    )
                entries.append(Person(person_name.strip(), handle))
            people[str(role)] = tuple(entries)

    lint = top.child("lint")
    build = top.child("build")
    return Unit(
        path=path,
        org_type=org_type,
        name=name,
        superior=org.str_("superior", required=True),
        superior_committee_text=org.str_("superior_committee", ""),
        issuer=org.str_("issuer", issuer_default),
        congress_number=number,
        numeral=numeral,
        congress_kind=kind,
        previous_term=previous_term,
        current_term=current_term,
        place=doc.str_("place", required=True),
        date=date,
        doc_number=doc_number,
        stage=stage,
        on_behalf=on_behalf,
        signer_title=signer.str_("title", "BÍ THƯ"),
        signer_name=signer.str_("name", required=True),
        recipients=top.str_list("recipients"),
        people=people,
        outline=top.str_("outline", "bao-cao-chinh-tri"),
        profile=top.str_("profile", "hd36"),
        output=top.str_("output", "bao-cao-chinh-tri"),
        lint=dict(lint.data) if lint is not None else {},
        build=dict(build.data) if build is not None else {},
        header_lines=_header_lines(
            org,
            {
                "superior": org.str_("superior", required=True),
                "issuer": org.str_("issuer", issuer_default),
            },
        ),
    )
