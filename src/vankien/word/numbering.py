"""The numbers Word displays in front of automatically numbered paragraphs (numbering.xml).

``w:num`` (numId) points at a ``w:abstractNum`` and may override levels (``w:lvlOverride``
with ``w:startOverride`` or a whole ``w:lvl``). Each ``w:lvl`` has a start, a format
(``w:numFmt``), a text pattern (``w:lvlText``, "%1.%2."), an optional ``w:lvlRestart`` and
``w:isLgl``. Counters belong to the abstract numbering: paragraphs of two ``w:num`` that share
an abstractNum continue one list, which is how Word's "continue numbering" works, while a
``w:startOverride`` restarts its level the first time its ``w:num`` is used ("restart
numbering at 1"). The computation is checked against LibreOffice's rendering of the fixtures
(tests/word/test_numbering.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from vankien.outline.model import int_to_roman
from vankien.word.model import AutoNumber

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

# Bullet characters stored in symbol fonts' private-use area, shown as what a reader sees.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "o": "o"}


@dataclass(frozen=True)
class LevelDef:
    ilvl: int
    start: int
    num_format: str
    lvl_text: str
    restart: int | None  # w:lvlRestart (1-based level after which it restarts; 0 = never)
    is_lgl: bool
    pstyle: str | None  # w:pStyle: the paragraph style linked to this level


@dataclass(frozen=True)
class NumDef:
    num_id: int
    abstract_id: int
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, LevelDef] = field(default_factory=dict)


@dataclass(frozen=True)
class Numbering:
    """numbering.xml, parsed."""

    abstracts: dict[int, dict[int, LevelDef]]
    nums: dict[int, NumDef]
    style_links: dict[int, str]  # abstractNum id → w:numStyleLink (a numbering style id)

    def level(self, num_id: int, ilvl: int) -> LevelDef | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        levels = self.abstracts.get(num.abstract_id, {})
        return levels.get(ilvl)

    def level_for_style(self, num_id: int, style_id: str) -> int | None:
        """The level whose w:pStyle is ``style_id`` in the list ``num_id`` (None: none)."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        for ilvl, lvl in self.abstracts.get(num.abstract_id, {}).items():
            if lvl.pstyle == style_id:
                return ilvl
        return None


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    value = el.get(f"{W}val")
    return default if value is None else value


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(el: etree._Element) -> LevelDef:
    restart = el.find(f"{W}lvlRestart")
    is_lgl = el.find(f"{W}isLgl")
    return LevelDef(
        ilvl=_int(el.get(f"{W}ilvl"), 0),
        start=_int(_val(el.find(f"{W}start")), 0),
        num_format=_val(el.find(f"{W}numFmt"), "decimal") or "decimal",
        lvl_text=_val(el.find(f"{W}lvlText"), "") or "",
        restart=_int(_val(restart), 0) if restart is not None else None,
        is_lgl=is_lgl is not None and _val(is_lgl, "1") not in ("0", "false", "off"),
        pstyle=_val(el.find(f"{W}pStyle")),
    )


def parse_numbering(root: etree._Element | None) -> Numbering:
    """Parse the root of word/numbering.xml (None: the document has no numbering part)."""
    abstracts: dict[int, dict[int, LevelDef]] = {}
    nums: dict[int, NumDef] = {}
    links: dict[int, str] = {}
    if root is None:
        return Numbering(abstracts, nums, links)
    for absnum in root.iter(f"{W}abstractNum"):
        aid = _int(absnum.get(f"{W}abstractNumId"), -1)
        levels: dict[int, LevelDef] = {}
        for lvl in absnum.findall(f"{W}lvl"):
            level = _level(lvl)
            levels[level.ilvl] = level
        abstracts[aid] = levels
        link = _val(absnum.find(f"{W}numStyleLink"))
        if link:
            links[aid] = link
    for num in root.iter(f"{W}num"):
        nid = _int(num.get(f"{W}numId"), -1)
        aid = _int(_val(num.find(f"{W}abstractNumId")), -1)
        starts: dict[int, int] = {}
        lvls: dict[int, LevelDef] = {}
        for override in num.findall(f"{W}lvlOverride"):
            ilvl = _int(override.get(f"{W}ilvl"), 0)
            start = override.find(f"{W}startOverride")
            if start is not None:
                starts[ilvl] = _int(_val(start), 0)
            lvl_el = override.find(f"{W}lvl")
            if lvl_el is not None:
                level = _level(lvl_el)
                lvls[ilvl] = LevelDef(
                    ilvl, level.start, level.num_format, level.lvl_text, level.restart,
                    level.is_lgl, level.pstyle,
                )  # fmt: skip
        nums[nid] = NumDef(nid, aid, starts, lvls)
    return Numbering(abstracts, nums, links)


def _letters(value: int, upper: bool) -> str:
    if value <= 0:
        return ""
    # Word: a..z, then aa..zz, aaa…: the letter repeats.
    letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
    return letter.upper() if upper else letter


def format_value(value: int, num_format: str) -> str:
    """One counter as the level's format shows it."""
    if num_format in ("upperRoman", "lowerRoman"):
        roman = int_to_roman(value) if value > 0 else str(value)
        return roman if num_format == "upperRoman" else roman.lower()
    if num_format in ("upperLetter", "lowerLetter"):
        return _letters(value, num_format == "upperLetter")
    if num_format == "decimalZero":
        return f"{value:02d}"
    if num_format == "none":
        return ""
    if num_format in ("decimalEnclosedParen",):
        return f"({value})"
    return str(value)


_PLACEHOLDER = re.compile(r"%([1-9])")


class Counters:
    """Walks the paragraphs in order and gives each numbered one the label Word shows."""

    def __init__(self, numbering: Numbering, style_nums: dict[str, int] | None = None) -> None:
        self.numbering = numbering
        self.style_nums = style_nums or {}
        self.values: dict[int, dict[int, int]] = {}  # abstract id → level → last value
        self.used_nums: set[int] = set()

    def _abstract(self, num_id: int) -> int | None:
        num = self.numbering.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract_id
        link = self.numbering.style_links.get(aid)
        if link is not None and link in self.style_nums:
            target = self.numbering.nums.get(self.style_nums[link])
            if target is not None and target.abstract_id != aid:
                return target.abstract_id
        return aid

    def _def(self, num_id: int, aid: int, ilvl: int) -> LevelDef | None:
        num = self.numbering.nums[num_id]
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        return self.numbering.abstracts.get(aid, {}).get(ilvl)

    def _start(self, num_id: int, aid: int, ilvl: int) -> int:
        num = self.numbering.nums[num_id]
        if ilvl in num.start_overrides:
            return num.start_overrides[ilvl]
        level = self._def(num_id, aid, ilvl)
        return level.start if level is not None else 0

    def next(self, num_id: int, ilvl: int, *, from_style: bool = False) -> AutoNumber | None:
        """The number of the next paragraph in list ``num_id`` at level ``ilvl`` (None: the
        list or level does not exist, so Word shows no number)."""
        aid = self._abstract(num_id)
        if aid is None:
            return None
        level = self._def(num_id, aid, ilvl)
        if level is None:
            return None
        values = self.values.setdefault(aid, {})
        num = self.numbering.nums[num_id]
        if num_id not in self.used_nums:
            # A w:startOverride restarts its level the first time its w:num is used.
            self.used_nums.add(num_id)
            for lvl in num.start_overrides:
                values.pop(lvl, None)
        if ilvl in values:
            values[ilvl] += 1
        else:
            values[ilvl] = self._start(num_id, aid, ilvl)
        # Deeper levels restart (w:lvlRestart decides for each: 0 = never restart).
        for deeper in [k for k in values if k > ilvl]:
            deeper_def = self._def(num_id, aid, deeper)
            restart = deeper_def.restart if deeper_def is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                del values[deeper]
        counters = []
        for lvl in range(ilvl + 1):
            if lvl in values:
                counters.append(values[lvl])
            else:
                counters.append(self._start(num_id, aid, lvl))
        label = self._label(num_id, aid, level, counters)
        return AutoNumber(
            label=label,
            num_id=num_id,
            abstract_id=aid,
            ilvl=ilvl,
            num_format=level.num_format,
            counters=tuple(counters),
            from_style=from_style,
        )

    def _label(self, num_id: int, aid: int, level: LevelDef, counters: list[int]) -> str:
        if level.num_format == "bullet":
            text = level.lvl_text
            return "".join(_BULLETS.get(ch, ch) for ch in text).strip() or "•"

        def sub(m: re.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            if lvl >= len(counters):
                return ""
            lvl_def = self._def(num_id, aid, lvl)
            fmt = lvl_def.num_format if lvl_def is not None else "decimal"
            if level.is_lgl and fmt not in ("decimalZero",):
                fmt = "decimal"
            return format_value(counters[lvl], fmt)

        return _PLACEHOLDER.sub(sub, level.lvl_text).strip()
