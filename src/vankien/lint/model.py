"""What a rule is, what it reports, and what the runner turns that into.

A rule is metadata plus one pure function. The function yields :class:`Hit` objects (where and
what); the runner attaches path, code, name and severity in one place, so that a finding can
never disagree with its rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vankien.outline.model import Outline, Section
    from vankien.report.model import Report
    from vankien.unit.model import Unit


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
    MARKUP = "markup"
    NUMBERS = "numbers"

    @property
    def vietnamese(self) -> str:
        return {
            Family.STRUCTURE: "Cấu trúc",
            Family.PLACEHOLDER: "Chỗ trống, chỗ chưa viết",
            Family.CONSISTENCY: "Thống nhất với thông tin đơn vị",
            Family.VIETNAMESE: "Tiếng Việt",
            Family.LENGTH: "Độ dài",
            Family.SUPPRESSION: "Tắt kiểm tra",
            Family.MARKUP: "HTML, định dạng viết thẳng, hình ảnh",
            Family.NUMBERS: "Số liệu, chỉ tiêu",
        }[self]


class FixKind(Enum):
    """What kind of change a rule's fixes make; ``--fix`` applies a fix only if the text it
    replaces and its replacement differ in nothing else (see :mod:`vankien.lint.fixkinds`)."""

    WHITESPACE = "whitespace"  # spaces added, removed or replaced; invisible characters removed
    NFC = "nfc"  # the same text in another Unicode form
    TONE = "tone"  # tone marks moved, added or removed
    LETTERS = "letters"  # the letters of words, word for word (encodings, look-alikes, typos)
    NUMBERS = "numbers"  # one numeral for another (Roman, Arabic, «thứ nhất», «a»)
    DASH = "dash"  # one dash for another
    HEADING_LEVEL = "heading-level"  # the number of «#» of a heading
    WORD_ARTEFACT = "word-artefact"  # a Word bookmark left in the text, removed


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
    # What its fixes change (a fixable rule declares at least one kind).
    fix_kinds: tuple[FixKind, ...] = ()
    aliases: tuple[str, ...] = field(default=())
    # What to do, one short Vietnamese sentence, for a rule whose message does not already say
    # it: the end of each error line (“… → hint”).
    hint: str = ""
    # "file": the hits in a file depend only on that file's text (and the unit, outline and
    # settings), so the runner may reuse them while the file is unchanged; "report": the rule
    # reads several files at once (structure, length, document-wide style).
    scope: str = "report"
    # What an official document cannot lack: ``lint:`` settings in report.yaml can neither
    # switch the rule off nor lower its severity.
    binding: bool = False
    # False for a rule about the Markdown files themselves (how many «#», which file a heading
    # is in, suppression comments, {{variables}}): ``vankien check`` does not run it on a Word
    # draft, whose Markdown is a conversion and has none of these.
    on_word: bool = True

    def severity_in(self, *, final: bool) -> Severity:
        """The severity at a stage (``final``: the official version; else a draft)."""
        if not final and self.draft_severity is not None:
            return self.draft_severity
        return self.severity

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
    hint: str = ""  # the rule's hint

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def render(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.col}: {self.severity.label} "
            f"{self.code}/{self.name} {self.message}"
        )


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    tone_style: str = "auto"
    extra_terms: tuple[str, ...] = ()
    # Raw formats allowed in this report: format -> the office's reason.
    allow_raw: Mapping[str, str] = field(default_factory=dict)

    def enabled(self, rule: Rule) -> bool:
        if self.select and not any(matches(rule, s) for s in self.select):
            return False
        return not any(matches(rule, s) for s in self.ignore)

    def severity_for(self, rule: Rule) -> Severity | None:
        for selector, severity in self.severity.items():
            if matches(rule, selector):
                return severity
        return None


def matches(rule: Rule, selector: str) -> bool:
    """A selector names a rule by code, alias or name, or a whole family or code prefix."""
    s = selector.strip()
    upper = s.upper()
    if upper == rule.code or upper in rule.aliases or s.lower() == rule.name:
        return True
    if s.lower() in (rule.family.value, rule.family.name.lower()):
        return True
    return upper.isalpha() and rule.code.startswith(upper) and rule.code[len(upper) :].isdigit()


@dataclass
class Context:
    """What every rule receives: the report and the lint configuration."""

    report: Report
    config: LintConfig
    known_codes: frozenset[str] = frozenset()
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def unit(self) -> Unit:
        return self.report.unit

    @property
    def outline(self) -> Outline:
        return self.report.outline

    @cached_property
    def section_index(self) -> dict[tuple[tuple[int, int], ...], Section]:
        """Outline sections keyed by their number path: ((level, n), ...)."""
        out: dict[tuple[tuple[int, int], ...], Section] = {}

        def visit(section: Section, prefix: tuple[tuple[int, int], ...]) -> None:
            key = (*prefix, (section.level.value, section.number.last))
            out[key] = section
            for child in section.children:
                visit(child, key)

        for top in self.outline.sections:
            visit(top, ())
        return out
