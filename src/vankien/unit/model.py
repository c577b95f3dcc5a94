"""The unit's metadata and the variables the outline's placeholders resolve from."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from vankien.outline.model import int_to_roman

STAGE_RE = re.compile(r"^(?:du-thao-(?P<n>[1-9]\d?)|chinh-thuc)$")


class OrgType(Enum):
    """A grassroots Party organisation is a đảng bộ cơ sở or a chi bộ cơ sở."""

    DANG_BO = "dang-bo-co-so"
    CHI_BO = "chi-bo-co-so"

    @property
    def wording(self) -> OrgWording:
        return ORG_WORDING[self]

    @property
    def org(self) -> str:
        return self.wording.org

    @property
    def leader(self) -> str:
        return self.wording.leader

    @property
    def committee(self) -> str:
        return self.wording.committee

    @property
    def body_code(self) -> str:
        return self.wording.body_code

    @property
    def label(self) -> str:
        return self.wording.label

    def others(self) -> list[OrgType]:
        return [other for other in OrgType if other is not self]


@dataclass(frozen=True)
class OrgWording:
    """Every word that depends on the organisation type (:meth:`Unit.variables` publishes them
    as ``{{name}}`` variables)."""

    org: str  # the organisation: «Đại hội Đảng bộ lần thứ …»
    leader: str  # who leads between congresses and signs («T/M …»)
    committee: str  # the elected committee
    executive: str  # the cấp ủy by its everyday short name («Đảng ủy», «Chi ủy»)
    committee_members: str  # its members, in «Nơi nhận»
    body_code: str  # after «BC/» in the document number
    label: str  # the type, in prose
    congress_kind: str  # default «Đại hội đại biểu» / «Đại hội đảng viên»
    # Who signs («T/M …») and, with it, whose report the subject line says it is («của …»,
    # a format string with {org_full} and {previous_congress}); the first pair is the default.
    signatures: tuple[tuple[str, str], ...]
    file_copy: str  # the last line of «Nơi nhận»: who keeps the file copy
    role_standing: str  # role titles the outline's «roles» refer to
    role_office: str
    role_inspection: str
    absent_bodies: tuple[str, ...] = ()  # bodies this type does not have (the linter flags them)

    @property
    def names(self) -> tuple[str, ...]:
        """What prose calls the organisation or its cấp ủy («Đảng bộ», «Đảng ủy»), each once."""
        return tuple(dict.fromkeys((self.org, self.leader, self.executive)))

    @property
    def on_behalf(self) -> str:
        return self.signatures[0][0]

    def author_for(self, on_behalf: str) -> str:
        """The subject line's author that goes with the signature ``on_behalf``."""
        key = " ".join(on_behalf.split()).casefold()
        for signature, author in self.signatures:
            if signature.casefold() == key:
                return author
        return self.signatures[0][1]


# The one table of organisation-type wording. A chi bộ cơ sở has no office and no Ủy ban Kiểm
# tra of its own (Điều lệ Đảng: the chi bộ does the inspection work and assigns a chi ủy viên,
# or where there is no chi ủy a đảng viên, to it); its congress is always a đảng viên congress;
# its documents are issued and signed in the chi bộ's name («CHI BỘ …», «T/M CHI BỘ»), so the
# report is the chi bộ's («của Chi bộ …»): a chi bộ with fewer than nine members has no chi ủy.
ORG_WORDING: dict[OrgType, OrgWording] = {
    OrgType.DANG_BO: OrgWording(
        org="Đảng bộ",
        leader="Đảng ủy",
        committee="Ban Chấp hành",
        executive="Đảng ủy",
        committee_members="Ủy viên Ban Chấp hành",
        body_code="ĐU",
        label="đảng bộ cơ sở",
        congress_kind="đại biểu",
        signatures=(
            ("T/M ĐẢNG ỦY", "Ban Chấp hành {org_full} khóa {previous_congress}"),
            ("T/M BAN CHẤP HÀNH", "Ban Chấp hành {org_full} khóa {previous_congress}"),
        ),
        file_copy="Lưu Văn phòng Đảng ủy",
        role_standing="Thường trực Đảng ủy (Bí thư, Phó Bí thư)",
        role_office="Văn phòng Đảng ủy",
        role_inspection="Ủy ban Kiểm tra Đảng ủy",
    ),
    OrgType.CHI_BO: OrgWording(
        org="Chi bộ",
        leader="Chi bộ",
        committee="Chi ủy",
        executive="Chi ủy",
        committee_members="Chi ủy viên",
        body_code="CB",
        label="chi bộ cơ sở",
        congress_kind="đảng viên",
        signatures=(
            ("T/M CHI BỘ", "{org_full}"),
            ("T/M CHI ỦY", "Chi ủy {org_full}"),
        ),
        file_copy="Lưu Chi bộ",
        role_standing="Bí thư, Phó Bí thư Chi bộ",
        role_office="Chi ủy viên phụ trách tổng hợp",
        role_inspection="Chi ủy viên phụ trách công tác kiểm tra",
        absent_bodies=(
            "Văn phòng Chi bộ",
            "Văn phòng Chi ủy",
            "Ủy ban Kiểm tra Chi bộ",
            "Ủy ban Kiểm tra Chi ủy",
        ),
    ),
}

# The kinds of congress a unit may hold, whatever its type («Đại hội đại biểu», «… đảng viên»).
CONGRESS_KINDS = tuple(dict.fromkeys(w.congress_kind for w in ORG_WORDING.values()))


@dataclass(frozen=True)
class Term:
    start: int
    end: int

    def text(self) -> str:
        return f"{self.start} - {self.end}"


@dataclass(frozen=True)
class Stage:
    """The draft stage: dự thảo lần N, or chính thức (draft is None)."""

    draft: int | None

    @classmethod
    def parse(cls, slug: str) -> Stage | None:
        """The stage written as in report.yaml and in tags («du-thao-2», «chinh-thuc»)."""
        m = STAGE_RE.match(slug)
        if m is None:
            return None
        return cls(int(m.group("n")) if m.group("n") else None)

    @property
    def is_final(self) -> bool:
        return self.draft is None

    @property
    def slug(self) -> str:
        return "chinh-thuc" if self.draft is None else f"du-thao-{self.draft}"

    @property
    def label(self) -> str:
        return "Chính thức" if self.draft is None else f"Dự thảo lần {self.draft}"


@dataclass(frozen=True)
class Person:
    name: str
    handle: str | None  # forge user (@name), team (@org/team) or e-mail, for CODEOWNERS


@dataclass(frozen=True)
class Unit:
    """Everything in report.yaml, validated."""

    path: Path
    org_type: OrgType
    name: str
    superior: str
    issuer: str
    congress_number: int
    numeral: str  # "roman" or "arabic"
    congress_kind: str  # "đại biểu" or "đảng viên"
    previous_term: Term
    current_term: Term
    place: str
    date: dt.date
    doc_number: int | None
    stage: Stage
    on_behalf: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    people: Mapping[str, tuple[Person, ...]]
    outline: str
    profile: str
    output: str
    # organisation.superior_committee, when the office names it (see superior_committee)
    superior_committee_text: str = ""
    lint: Mapping[str, Any] = field(default_factory=dict)
    build: Mapping[str, Any] = field(default_factory=dict)
    # The office's own line breaks of the header names: "superior"/"issuer" → lines.
    header_lines: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent

    def congress_text(self, number: int | None = None) -> str:
        n = self.congress_number if number is None else number
        return int_to_roman(n) if self.numeral == "roman" else str(n)

    @property
    def superior_committee(self) -> str:
        """The committee of the superior body, as «Nơi nhận» names it: report.yaml's
        ``organisation.superior_committee``, else the superior's name with its «Đảng bộ» read
        as its committee («Đảng bộ Khối các cơ quan tỉnh» → «Đảng ủy Khối các cơ quan tỉnh»),
        else the superior's name as written."""
        if self.superior_committee_text:
            return self.superior_committee_text
        body = OrgType.DANG_BO.wording
        first, _, rest = self.superior.partition(" ")
        second, _, tail = rest.partition(" ")
        if f"{first} {second}".casefold() == body.org.casefold() and tail:
            return f"{body.leader} {tail}"
        return self.superior

    @property
    def org_full(self) -> str:
        """«Chi bộ Sở Khoa học và Công nghệ»."""
        return f"{self.org_type.org} {self.name}"

    @property
    def author(self) -> str:
        """Whose report it is, as the subject line names it («của …»): the body that signs."""
        return self.org_type.wording.author_for(self.on_behalf).format(
            org_full=self.org_full,
            previous_congress=self.congress_text(self.congress_number - 1),
        )

    @property
    def doc_code(self) -> str:
        return f"BC/{self.org_type.body_code}"

    def doc_number_text(self) -> str:
        """«Số 12-BC/ĐU»; a draft without a number leaves room to write it by hand."""
        if self.doc_number is None:
            return f"Số        -{self.doc_code}"
        return f"Số {self.doc_number:02d}-{self.doc_code}"

    def date_text(self) -> str:
        """«Quảng Trị, ngày 05 tháng 02 năm 2025»: day < 10 and months 1–2 take a zero."""
        month = f"{self.date.month:02d}" if self.date.month <= 2 else str(self.date.month)
        return f"{self.place}, ngày {self.date.day:02d} tháng {month} năm {self.date.year}"

    def variables(self) -> dict[str, str]:
        """The values that ``{{name}}`` placeholders resolve to; each has _upper/_lower forms."""
        org = self.org_type
        wording = org.wording
        base = {
            "org": org.org,
            "leader": org.leader,
            "committee": org.committee,
            "committee_members": wording.committee_members,
            "file_copy": wording.file_copy,
            "role_standing": wording.role_standing,
            "role_office": wording.role_office,
            "role_inspection": wording.role_inspection,
            "org_type": org.label,
            "unit_name": self.name,
            "org_full": self.org_full,
            "author": self.author,
            "superior": self.superior,
            "superior_committee": self.superior_committee,
            "issuer": self.issuer,
            "congress": self.congress_text(),
            "previous_congress": self.congress_text(self.congress_number - 1),
            "congress_kind": self.congress_kind,
            "previous_term": self.previous_term.text(),
            "current_term": self.current_term.text(),
            "place": self.place,
            "date": self.date_text(),
            "doc_number": self.doc_number_text(),
            "stage": self.stage.label,
            "signer_title": self.signer_title,
            "signer_name": self.signer_name,
            "on_behalf": self.on_behalf,
        }
        out: dict[str, str] = {}
        for key, value in base.items():
            out[key] = value
            out[f"{key}_upper"] = value.upper()
            out[f"{key}_lower"] = value.lower()
        return out
