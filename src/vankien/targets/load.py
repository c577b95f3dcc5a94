"""Load and validate ``chi-tieu.yaml`` (documented in docs/chi-tieu.md).

Every problem is a :class:`vankien.errors.UserError` in Vietnamese naming the file, the line
and the key; a report without the file has no target data (None), which is not an error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from vankien.errors import UserError
from vankien.targets.model import (
    Combine,
    Kind,
    Measure,
    Override,
    SetKind,
    Target,
    TargetData,
    TargetSet,
    Value,
    Verdict,
    combine,
)
from vankien.targets.numbers import NUMBER_PATTERN, NumberError, Quantity, normal_unit, parse_number
from vankien.unit.model import Term
from vankien.yamlio import Node, line_of, load_yaml

FILE_NAME = "chi-tieu.yaml"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TOP_KEYS = {"groups", "previous", "next"}
MEASURE_KEYS = {"kind", "unit", "planned", "achieved", "years", "combine", "over_100"}
TARGET_KEYS = MEASURE_KEYS | {
    "id",
    "text",
    "group",
    "measures",
    "planned_text",
    "achieved_text",
    "source",
    "note",
    "override",
}
# What a set of the new term may not have: it is planned, not yet carried out.
NOT_IN_NEXT = ("achieved", "years", "override", "achieved_text")
_TEXT_NUMBER_RE = re.compile(rf"(?<![\d.,]){NUMBER_PATTERN}(?![\d])")


def targets_path(root: Path) -> Path:
    """Where a report keeps its targets."""
    return root / FILE_NAME


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _choice(node: Node, key: str, enum: Any, default: Any) -> Any:
    raw = node.raw(key)
    if raw is None:
        return default
    for member in enum:
        if member.value == raw:
            return member
    raise node.error(
        key,
        f"giá trị «{raw}» không hợp lệ",
        hint="dùng một trong: " + ", ".join(str(m.value) for m in enum) + ".",
    )


def _numbers_in(text: str) -> list[Decimal]:
    """The figures written in a sentence (Vietnamese notation), in order."""
    out: list[Decimal] = []
    for m in _TEXT_NUMBER_RE.finditer(text):
        try:
            out.append(parse_number(m.group(0)).value)
        except NumberError:
            continue
    return out


def _at(node: Node, key: str) -> tuple[Any, str, str]:
    """Where a value of ``node`` is, for an error: its mapping, its key, its key path."""
    return node.data, key, node._key(key)


class _Loader:
    def __init__(self, path: Path, groups: dict[str, str]) -> None:
        self.path = path
        self.groups = groups

    def error(
        self, container: Any, key: str | int, keypath: str, message: str, hint: str | None = None
    ) -> UserError:
        return UserError(
            message, path=self.path, line=line_of(container, key), key=keypath, hint=hint
        )

    def value(
        self,
        raw: Any,
        kind: Kind,
        unit: str | None,
        where: tuple[Any, str | int, str],
        over_100: bool,
    ) -> Value:
        """One figure: a boolean for a yes/no measure, else a quantity in ``unit`` (the unit
        written with the number when ``unit`` is None)."""
        container, key, keypath = where
        if kind is Kind.YES_NO:
            if not isinstance(raw, bool):
                raise self.error(
                    container,
                    key,
                    keypath,
                    f"chỉ tiêu loại «có/không» (yes_no) cần true hoặc false, nhận được «{raw}»",
                    hint="ghi true (đã thực hiện) hoặc false; chỉ tiêu có số liệu thì đổi "
                    "«kind» thành at_least, at_most hoặc exactly.",
                )
            return raw
        if isinstance(raw, bool):
            raise self.error(
                container,
                key,
                keypath,
                f"chỉ tiêu loại «{kind.label}» cần một số liệu, không phải true/false",
                hint="ghi số kèm đơn vị («12 đảng viên», «93,5%»); chỉ tiêu có/không thì ghi "
                "«kind: yes_no».",
            )
        if isinstance(raw, float):
            raise self.error(
                container,
                key,
                keypath,
                f"số «{raw}» phải đặt trong ngoặc kép và viết theo kiểu tiếng Việt",
                hint='YAML đọc 1.250 là «một phẩy hai lăm»; viết "1.250" (một nghìn hai trăm năm '
                'mươi) hoặc "93,5%" trong ngoặc kép.',
            )
        if isinstance(raw, int):
            quantity = Quantity(Decimal(raw), "")
        elif isinstance(raw, str):
            try:
                quantity = parse_number(raw)
            except NumberError as exc:
                raise self.error(container, key, keypath, exc.message, exc.hint) from None
        else:
            raise self.error(container, key, keypath, "cần một số liệu («12 đảng viên», «93,5%»)")
        if not quantity.unit:
            if not unit:
                raise self.error(
                    container,
                    key,
                    keypath,
                    f"số liệu «{quantity.text()}» không có đơn vị",
                    hint="ghi đơn vị sau số («10 đảng viên», «90%») hoặc khai báo khóa «unit» "
                    "của chỉ tiêu.",
                )
            quantity = quantity.with_unit(unit)
        elif unit and quantity.unit != unit:
            raise self.error(
                container,
                key,
                keypath,
                f"đơn vị «{quantity.unit}» khác đơn vị «{unit}» của chỉ tiêu",
                hint="mọi số liệu của một chỉ tiêu (kế hoạch, thực hiện, từng năm) ghi cùng "
                "một đơn vị.",
            )
        if quantity.is_percent and quantity.value > 100 and not over_100:
            raise self.error(
                container,
                key,
                keypath,
                f"tỷ lệ {quantity.text()} lớn hơn 100%",
                hint="tỷ lệ phần trăm của một chỉ tiêu không vượt quá 100%; nếu đây là tỷ lệ so "
                "với kế hoạch hoặc mức tăng trưởng (có thể trên 100%), ghi «over_100: true».",
            )
        return quantity

    def measure(self, node: Node, set_kind: SetKind, term: Term) -> Measure:
        kind: Kind = _choice(node, "kind", Kind, Kind.AT_LEAST)
        over_100 = node.bool_("over_100", False)
        unit_raw = node.opt_str("unit")
        unit = normal_unit(unit_raw) if unit_raw else None
        if kind is Kind.YES_NO and unit:
            raise node.error("unit", "chỉ tiêu loại «có/không» (yes_no) không có đơn vị")
        if set_kind is SetKind.NEXT:
            for key in NOT_IN_NEXT:
                if node.has(key):
                    raise node.error(
                        key,
                        f"chỉ tiêu nhiệm kỳ mới chưa có «{key}» (chưa thực hiện)",
                        hint="chỉ ghi kế hoạch (planned) cho các chỉ tiêu trong «next».",
                    )
        planned: Value | None
        if not node.has("planned"):
            if kind is not Kind.YES_NO:
                raise node.error(
                    None,
                    f"thiếu khóa «{node._key('planned')}» (số liệu kế hoạch)",
                    hint="ghi kế hoạch kèm đơn vị («10 đảng viên», «90%»); chỉ tiêu có/không "
                    "thì ghi «kind: yes_no».",
                )
            planned = True
        else:
            planned = self.value(node.raw("planned"), kind, unit, _at(node, "planned"), over_100)
            if planned is False:
                raise node.error(
                    "planned",
                    "kế hoạch của chỉ tiêu có/không là true (điều phải làm được)",
                    hint="bỏ khóa «planned» hoặc ghi true; điều kiện ghi ở «text».",
                )
        if isinstance(planned, Quantity):
            unit = planned.unit
            self.fits(node, kind, planned)
        years = self.years(node, kind, unit, term, over_100)
        how: Combine = _choice(node, "combine", Combine, Combine.NONE)
        if kind is Kind.YES_NO and how is not Combine.NONE:
            raise node.error("combine", "chỉ tiêu có/không không cộng dồn theo năm")
        achieved: Value | None = None
        if node.has("achieved") and node.raw("achieved") is not None:
            achieved = self.value(node.raw("achieved"), kind, unit, _at(node, "achieved"), over_100)
        if years and how is not Combine.NONE:
            values = [v for _, v in years if isinstance(v, Quantity)]
            decimals = (
                achieved.decimals
                if isinstance(achieved, Quantity)
                else max(v.decimals for v in values)
            )
            total = combine(values, how, decimals)
            assert total is not None
            if achieved is None:
                achieved = total
            elif isinstance(achieved, Quantity) and total.value != achieved.value:
                what = {Combine.SUM: "tổng", Combine.MEAN: "bình quân", Combine.LAST: "năm cuối"}
                raise node.error(
                    "achieved",
                    f"số liệu các năm cho {what[how]} {total.text()}, nhưng «achieved» ghi "
                    f"{achieved.text()}",
                    hint="sửa số liệu từng năm (years) hoặc số liệu cả nhiệm kỳ (achieved) cho "
                    "khớp nhau.",
                )
        elif years and achieved is None and set_kind is SetKind.PREVIOUS:
            raise node.error(
                "years",
                "có số liệu từng năm nhưng không có số liệu cả nhiệm kỳ",
                hint="ghi «achieved», hoặc «combine: sum» (cộng các năm), «mean» (bình quân), "
                "«last» (năm cuối) để tính từ các năm.",
            )
        return Measure(
            kind=kind,
            unit=unit or "",
            planned=planned,
            achieved=achieved,
            years=years,
            combine=how,
            over_100=over_100,
            line=line_of(node.data),
        )

    def fits(self, node: Node, kind: Kind, planned: Quantity) -> None:
        """A plan the kind makes meaningless: «at least 0», «at most 100%»."""
        if kind is Kind.AT_LEAST and planned.value == 0:
            raise node.error(
                "planned",
                "chỉ tiêu «từ 0 trở lên» luôn đạt",
                hint="chỉ tiêu «không có …» là at_most với kế hoạch 0 («kind: at_most»).",
            )
        if kind is Kind.AT_MOST and planned.is_percent and planned.value >= 100:
            raise node.error(
                "planned",
                f"chỉ tiêu «không quá {planned.text()}» luôn đạt",
                hint="kiểm tra lại «kind» (at_least: từ … trở lên) hoặc số liệu kế hoạch.",
            )

    def years(
        self, node: Node, kind: Kind, unit: str | None, term: Term, over_100: bool
    ) -> tuple[tuple[int, Value], ...]:
        raw = node.raw("years")
        if raw is None:
            return ()
        if not isinstance(raw, Mapping):
            raise node.error(
                "years", "cần một bảng «năm: số liệu»", hint="ví dụ: «years: {2021: 2, 2022: 3}»."
            )
        out: dict[int, Value] = {}
        for year, value in raw.items():
            keypath = f"{node._key('years')}.{year}"
            if isinstance(year, bool) or not isinstance(year, int):
                raise self.error(raw, year, keypath, f"«{year}» không phải một năm (bốn chữ số)")
            if not term.start <= year <= term.end:
                raise self.error(
                    raw,
                    year,
                    keypath,
                    f"năm {year} nằm ngoài nhiệm kỳ {term.text()}",
                    hint="nhiệm kỳ lấy từ report.yaml (congress); kiểm tra lại năm.",
                )
            out[year] = self.value(value, kind, unit, (raw, year, keypath), over_100)
        return tuple(sorted(out.items()))

    def target(self, node: Node, number: int, set_kind: SetKind, term: Term) -> Target:
        node.check_keys(TARGET_KEYS)
        target_id = node.str_("id", required=True)
        if not ID_RE.match(target_id):
            raise node.error(
                "id",
                f"mã chỉ tiêu «{target_id}» chỉ được gồm chữ thường không dấu, số và «-»",
                hint="ví dụ «ket-nap-dang-vien».",
            )
        text = _nfc(node.str_("text", required=True))
        group = node.opt_str("group")
        if group is not None and group not in self.groups:
            raise node.error(
                "group",
                f"nhóm «{group}» chưa được khai báo trong «groups»",
                hint="khai báo ở đầu tệp: «groups: {" + group + ": Tên nhóm}».",
            )
        if node.has("measures"):
            for key in sorted(MEASURE_KEYS):
                if node.has(key):
                    raise node.error(
                        key,
                        f"chỉ tiêu có «measures» thì «{key}» ghi trong từng phần của «measures»",
                    )
            parts = node.children("measures")
            if not parts:
                raise node.error("measures", "«measures» cần ít nhất một phần")
            for part in parts:
                part.check_keys(MEASURE_KEYS)
            measures = tuple(self.measure(part, set_kind, term) for part in parts)
        else:
            measures = (self.measure(node, set_kind, term),)
        planned_text = node.opt_str("planned_text")
        achieved_text = node.opt_str("achieved_text")
        if planned_text is None and any(m.kind is Kind.YES_NO for m in measures):
            raise node.error(
                None,
                f"chỉ tiêu có/không cần «{node._key('planned_text')}» (nội dung kế hoạch in "
                "trong bảng)",
                hint="ví dụ «planned_text: Hoàn thành tốt nhiệm vụ trở lên».",
            )
        if planned_text is not None:
            self.carries(node, "planned_text", planned_text, [m.planned for m in measures])
        if achieved_text is not None:
            self.carries(node, "achieved_text", achieved_text, [m.achieved for m in measures])
        override = self.override(node, set_kind)
        target = Target(
            id=target_id,
            number=number,
            text=text,
            group=group,
            measures=measures,
            planned_text=_nfc(planned_text) if planned_text else None,
            achieved_text=_nfc(achieved_text) if achieved_text else None,
            source=node.opt_str("source"),
            note=node.opt_str("note"),
            override=override,
            line=line_of(node.data),
        )
        if override is not None and override.verdict is target.computed_verdict():
            raise node.error(
                "override",
                f"kết quả «{override.verdict.value}» trùng với kết quả tính từ số liệu",
                hint="bỏ khóa «override»: chỉ ghi khi đánh giá khác với kết quả tính.",
            )
        return target

    def carries(self, node: Node, key: str, text: str, values: list[Value | None]) -> None:
        """A printed text must carry every figure it stands for (a 0 may be «không»)."""
        written = _numbers_in(text)
        for value in values:
            if not isinstance(value, Quantity):
                continue
            if value.value == 0 and "không" in text.casefold():
                continue
            if value.value not in written:
                raise node.error(
                    key,
                    f"«{text}» không ghi số liệu {value.text()}",
                    hint="chữ in trong bảng phải chứa đúng số liệu của chỉ tiêu (kế hoạch "
                    "«planned», thực hiện «achieved»); sửa chữ hoặc số liệu cho khớp.",
                )

    def override(self, node: Node, set_kind: SetKind) -> Override | None:
        sub = node.child("override")
        if sub is None:
            return None
        sub.check_keys({"verdict", "reason"})
        text = sub.str_("verdict", required=True)
        verdict = Verdict.parse(text)
        if verdict is None:
            raise sub.error(
                "verdict",
                f"kết quả đánh giá «{text}» không hợp lệ",
                hint="ghi «Đạt», «Vượt» hoặc «Không đạt».",
            )
        reason = sub.str_("reason", "")
        if not reason:
            raise sub.error(
                None,
                f"thiếu khóa bắt buộc «{sub._key('reason')}» (lý do đánh giá khác số liệu)",
                hint="ghi lý do để cấp ủy và cấp trên thấy vì sao đánh giá khác kết quả tính.",
            )
        return Override(verdict, _nfc(reason), line_of(sub.data))

    def target_set(self, root: Node, key: str, set_kind: SetKind, term: Term) -> TargetSet | None:
        raw = root.raw(key)
        if raw is None:
            return None
        if not isinstance(raw, list):
            raise root.error(key, "cần một danh sách các chỉ tiêu («- id: …»)")
        if not raw:
            raise root.error(key, "danh sách chỉ tiêu rỗng", hint=f"bỏ khóa «{key}» nếu chưa có.")
        targets: list[Target] = []
        seen: dict[str, int] = {}
        for index, node in enumerate(root.children(key)):
            target = self.target(node, index + 1, set_kind, term)
            if target.id in seen:
                raise node.error(
                    "id",
                    f"mã chỉ tiêu «{target.id}» đã dùng cho chỉ tiêu thứ {seen[target.id]}",
                    hint="mỗi chỉ tiêu trong một nhiệm kỳ có một mã riêng.",
                )
            seen[target.id] = target.number
            targets.append(target)
        return TargetSet(set_kind, term, tuple(targets), line_of(root.data, key))


def load_targets(root: Path, previous_term: Term, current_term: Term) -> TargetData | None:
    """The report's targets, validated, or None when ``root`` has no ``chi-tieu.yaml``.

    ``previous_term`` and ``current_term`` come from report.yaml (``Unit.previous_term``,
    ``Unit.current_term``): the years a target gives must lie in its set's term.
    """
    path = targets_path(root)
    if not path.is_file():
        return None
    data = load_yaml(path)
    if data is None:
        raise UserError(
            "tệp chỉ tiêu rỗng",
            path=path,
            hint="ghi các chỉ tiêu (docs/chi-tieu.md), hoặc xóa tệp nếu báo cáo không dùng.",
        )
    top = Node(data, path)
    top.check_keys(TOP_KEYS)
    groups: dict[str, str] = {}
    groups_node = top.child("groups")
    if groups_node is not None:
        for key in groups_node.data:
            if not ID_RE.match(str(key)):
                raise groups_node.error(
                    str(key), f"mã nhóm «{key}» chỉ được gồm chữ thường không dấu, số và «-»"
                )
            groups[str(key)] = _nfc(groups_node.str_(str(key), required=True))
    loader = _Loader(path, groups)
    previous = loader.target_set(top, "previous", SetKind.PREVIOUS, previous_term)
    upcoming = loader.target_set(top, "next", SetKind.NEXT, current_term)
    if previous is None and upcoming is None:
        raise top.error(
            None,
            "tệp chỉ tiêu không có «previous» (nhiệm kỳ trước) hay «next» (nhiệm kỳ mới)",
            hint="xem cách ghi trong docs/chi-tieu.md.",
        )
    return TargetData(path=path, groups=groups, previous=previous, next=upcoming)
