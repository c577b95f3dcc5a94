"""What a rule is, what it reports, and what the runner turns that into.

A rule is metadata plus one pure function. The function yields :class:`Hit` objects (where and
what); the runner attaches path, code, name and severity in one place, so that a finding can
never disagree with its rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vankien.lint.context import Context


class Severity(Enum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def vietnamese(self) -> str:
        return {Severity.INFO: "ghi chú", Severity.WARNING: "cảnh báo", Severity.ERROR: "lỗi"}[self]

    @classmethod
    def parse(cls, text: str) -> Severity | None:
        aliases = {
            "error": cls.ERROR,
            "lỗi": cls.ERROR,
            "warning": cls.WARNING,
            "cảnh báo": cls.WARNING,
            "info": cls.INFO,
            "ghi chú": cls.INFO,
        }
        return aliases.get(text.strip().lower())


class Family(Enum):
    STRUCTURE = "structure"
    PLACEHOLDER = "placeholder"
    CONSISTENCY = "consistency"
    VIETNAMESE = "vietnamese"
    LENGTH = "length"
    SUPPRESSION = "suppression"

    @property
    def vietnamese(self) -> str:
        return {
            Family.STRUCTURE: "Cấu trúc",
            Family.PLACEHOLDER: "Chỗ trống, chỗ chưa viết",
            Family.CONSISTENCY: "Thống nhất với thông tin đơn vị",
            Family.VIETNAMESE: "Tiếng Việt",
            Family.LENGTH: "Độ dài",
            Family.SUPPRESSION: "Tắt kiểm tra",
        }[self]


@dataclass(frozen=True)
class Fix:
    """Replace ``text[start:end]`` of one file with ``replacement`` (offsets into the file)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Hit:
    """What a rule found: where (file, 1-based line and column) and what (Vietnamese detail)."""

    rel: str
    line: int
    col: int
    detail: str
    fix: Fix | None = None
    severity: Severity | None = None  # only for rules whose severity depends on the place


@dataclass(frozen=True)
class Rule:
    """A lint rule: stable code, kebab-case name of the problem, docs and one pure check."""

    code: str
    name: str
    summary: str
    family: Family
    severity: Severity
    check: Callable[[Context], Iterable[Hit]]
    tags: tuple[str, ...] = ()
    # Severity in a draft stage, where it differs (unfilled text is expected in a draft).
    draft_severity: Severity | None = None
    fixable: bool = False
    aliases: tuple[str, ...] = field(default=())
    # "file": the hits in a file depend only on that file's text (and the unit, outline and
    # settings), so the runner may reuse them while the file is unchanged; "report": the rule
    # reads several files at once (structure, length, document-wide style).
    scope: str = "report"
    # False for a rule about the Markdown files themselves (how many «#», which file a heading
    # is in, suppression comments, {{variables}}): ``vankien check`` does not run it on a Word
    # draft, whose Markdown is a conversion and has none of these.
    on_word: bool = True

    @property
    def docs(self) -> str:
        """The rule's docs prose: the check function's docstring."""
        import inspect

        return inspect.cleandoc(self.check.__doc__ or "")


@dataclass(frozen=True)
class Finding:
    """A hit with its rule attached: what the user sees."""

    path: str
    line: int
    col: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def render(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.col}: {self.severity.label} "
            f"{self.code}/{self.name} {self.message}"
        )
