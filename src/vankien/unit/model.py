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
    def org(self) -> str:
        return "Đảng bộ" if self is OrgType.DANG_BO else "Chi bộ"

    @property
    def leader(self) -> str:
        """Who leads: the Đảng ủy of a đảng bộ; a chi bộ cơ sở leads itself."""
        return "Đảng ủy" if self is OrgType.DANG_BO else "Chi bộ"

    @property
    def committee(self) -> str:
        return "Ban Chấp hành" if self is OrgType.DANG_BO else "Chi ủy"

    @property
    def body_code(self) -> str:
        return "ĐU" if self is OrgType.DANG_BO else "CB"

    @property
    def label(self) -> str:
        return "đảng bộ cơ sở" if self is OrgType.DANG_BO else "chi bộ cơ sở"


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
    lint: Mapping[str, Any] = field(default_factory=dict)
    build: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent

    def congress_text(self, number: int | None = None) -> str:
        n = self.congress_number if number is None else number
        return int_to_roman(n) if self.numeral == "roman" else str(n)

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
        base = {
            "org": org.org,
            "leader": org.leader,
            "committee": org.committee,
            "org_type": org.label,
            "unit_name": self.name,
            "org_full": f"{org.org} {self.name}",
            "superior": self.superior,
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
