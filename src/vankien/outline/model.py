"""The outline's data model: parts, numbered sections, guidance, owners and budgets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

ROMAN_RE = re.compile(r"^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
PART_ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")


class Level(Enum):
    """Heading levels of a Vietnamese Party report, outermost first."""

    PART = 1  # Phần thứ nhất
    ROMAN = 2  # I.
    ARABIC = 3  # 1.
    DECIMAL2 = 4  # 1.1.
    DECIMAL3 = 5  # 2.2.1.
    ALPHA = 6  # a)

    @property
    def markdown_level(self) -> int:
        return self.value

    @property
    def label(self) -> str:
        return {
            Level.PART: "phần",
            Level.ROMAN: "mục La Mã (I.)",
            Level.ARABIC: "mục (1.)",
            Level.DECIMAL2: "tiểu mục (1.1.)",
            Level.DECIMAL3: "tiểu mục (1.1.1.)",
            Level.ALPHA: "điểm (a)",
        }[self]


def roman_to_int(text: str) -> int | None:
    text = text.upper()
    if not text or not ROMAN_RE.match(text):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(text):
        value = values[ch]
        if i + 1 < len(text) and values[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def int_to_roman(number: int) -> str:
    pairs = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for value, sym in pairs:
        while number >= value:
            out.append(sym)
            number -= value
    return "".join(out)


@dataclass(frozen=True)
class Number:
    """A parsed heading number: its level and its position(s), e.g. 2.2.1. -> (2, 2, 1)."""

    level: Level
    parts: tuple[int, ...]

    @property
    def last(self) -> int:
        return self.parts[-1]

    def text(self) -> str:
        if self.level is Level.PART:
            n = self.last
            return f"Phần thứ {PART_ORDINALS[n - 1]}" if n <= len(PART_ORDINALS) else f"Phần {n}"
        if self.level is Level.ROMAN:
            return f"{int_to_roman(self.last)}."
        if self.level is Level.ALPHA:
            return f"{chr(ord('a') + self.last - 1)})"
        return ".".join(str(p) for p in self.parts) + "."


NUMBER_RE = re.compile(
    r"^(?:(?P<part>Phần\s+thứ\s+(?P<ord>[^\s:.]+)|Phần\s+(?P<proman>[IVXLC]+))"
    r"|(?P<roman>[IVXLC]+)[.\-]"
    r"|(?P<dec>\d{1,2}(?:\.\d{1,2}){0,2})\."
    r"|(?P<alpha>[a-zđ])\))",
)


def parse_number(text: str) -> tuple[Number, str] | None:
    """Split a heading into its number and the rest, or None when it has no number."""
    m = NUMBER_RE.match(text.strip())
    if m is None:
        return None
    rest = text.strip()[m.end() :].strip()
    if m.group("part"):
        ordinal = (m.group("ord") or "").lower().rstrip(":.")
        if ordinal in PART_ORDINALS:
            n = PART_ORDINALS.index(ordinal) + 1
        else:
            roman = roman_to_int(m.group("proman") or ordinal)
            if roman is None:
                return None
            n = roman
        return Number(Level.PART, (n,)), rest.lstrip(":.").strip()
    if m.group("roman"):
        value = roman_to_int(m.group("roman"))
        if value is None:
            return None
        return Number(Level.ROMAN, (value,)), rest
    if m.group("dec"):
        parts = tuple(int(p) for p in m.group("dec").split("."))
        level = (Level.ARABIC, Level.DECIMAL2, Level.DECIMAL3)[len(parts) - 1]
        return Number(level, parts), rest
    letter = m.group("alpha")
    return Number(Level.ALPHA, (ord(letter) - ord("a") + 1,)), rest


def normal_title(text: str) -> str:
    """A heading title as the tools compare it: NFC, case-folded, one kind of quote mark,
    whitespace collapsed, no final full stop, colon or semicolon."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[‘’“”\"']", "'", text)
    return " ".join(text.split()).rstrip(" .:;")


def split_heading(text: str) -> tuple[Number | None, str, str]:
    """A heading's text as (number, the number as written, title): "II. ĐÁNH GIÁ CHUNG" →
    (Number(ROMAN, (2,)), "II.", "ĐÁNH GIÁ CHUNG"); (None, "", text) without a number."""
    parsed = parse_number(text)
    if parsed is None:
        return None, "", text
    number, title = parsed
    return number, (text[: len(text) - len(title)].strip() if title else text), title


@dataclass(frozen=True)
class TargetTable:
    """Where a target table goes (the section's ``targets`` key): which set, and whether the
    table has a column per year. The data is the report's chi-tieu.yaml (vankien.targets)."""

    set: str  # "previous" (the previous term's targets, judged) or "next" (the new term's)
    years: bool = False


TARGET_SETS = ("previous", "next")


@dataclass(frozen=True)
class Section:
    """One numbered heading of the outline with everything the tools need to know about it."""

    id: str
    number: Number
    title: str
    guidance: tuple[str, ...]
    required: bool
    file: str
    owner: str | None
    budget_words: int | None
    allow_extra: bool
    line: int | None
    children: tuple[Section, ...] = field(default=())
    targets: TargetTable | None = None

    @property
    def level(self) -> Level:
        return self.number.level

    @property
    def number_text(self) -> str:
        return self.number.text()

    def heading_text(self) -> str:
        """The heading as it appears in Markdown (without the leading #s)."""
        if self.level is Level.PART:
            return f"{self.number_text}: {self.title}"
        return f"{self.number_text} {self.title}"

    def markdown_heading(self) -> str:
        return "#" * self.level.markdown_level + " " + self.heading_text()

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Correction:
    """A change made to the seed text when transcribing it, with the reason."""

    kind: str  # "substitute" (everywhere, regex) or "edit" (one place, literal)
    seed: str
    outline: str
    why: str
    at: str | None
    line: int | None


@dataclass(frozen=True)
class Closing:
    recipients_label: str
    recipients: tuple[str, ...]
    on_behalf: str
    signer_title: str


@dataclass(frozen=True)
class Outline:
    id: str
    title: str
    path: Path
    roles: dict[str, str]
    sections: tuple[Section, ...]
    closing: Closing
    notes: tuple[str, ...]
    corrections: tuple[Correction, ...]

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def files(self) -> list[str]:
        """Skeleton file names in document order (the two-digit prefix sets the order)."""
        seen: dict[str, None] = {}
        for section in self.walk():
            seen.setdefault(section.file, None)
        return sorted(seen)

    def sections_in(self, file: str) -> list[Section]:
        return [s for s in self.walk() if s.file == file]

    def by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.walk()}
