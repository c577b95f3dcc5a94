"""Inline suppression: ``<!-- vankien-disable-next-line CODE: lý do -->`` and the block form
``<!-- vankien-disable CODE: lý do -->`` … ``<!-- vankien-enable CODE -->``.

A reason is required; a directive without one, or naming no known rule, is itself a finding
(rules SUP001 and SUP002), and suppresses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from vankien.lint.model import Context, Hit
from vankien.report.document import SourceFile

DIRECTIVE_RE = re.compile(
    r"^\s*vankien-(?P<kind>disable-next-line|disable|enable)\b(?P<codes>[^:]*)"
    r"(?::(?P<reason>.*))?$",
    re.S,
)


@dataclass(frozen=True)
class Directive:
    kind: str
    codes: tuple[str, ...]
    reason: str
    line: int  # line of the comment
    target: int  # for disable-next-line: the line it applies to


def directives(source: SourceFile) -> list[Directive]:
    out: list[Directive] = []
    for comment in source.comments:
        m = DIRECTIVE_RE.match(comment.body.strip())
        if m is None:
            continue
        codes = tuple(c for c in re.split(r"[\s,]+", m.group("codes").strip()) if c)
        target = comment.end_line + 1
        while target <= len(source.line_starts) and not source.line_text(target).strip():
            target += 1
        reason = " ".join((m.group("reason") or "").split())
        out.append(Directive(m.group("kind"), codes, reason, comment.line, target))
    return out


@dataclass(frozen=True)
class Suppressions:
    """Which (line, selector) pairs are silenced in one file."""

    next_line: dict[int, tuple[str, ...]]
    blocks: tuple[tuple[str, int, int], ...]  # (selector, first line, last line)

    def selectors(self, line: int) -> Iterator[str]:
        yield from self.next_line.get(line, ())
        for selector, first, last in self.blocks:
            if first <= line <= last:
                yield selector


def suppressions(source: SourceFile, known: frozenset[str]) -> Suppressions:
    """Only well-formed directives (known codes, with a reason) take effect."""
    next_line: dict[int, tuple[str, ...]] = {}
    blocks: list[tuple[str, int, int]] = []
    open_blocks: dict[str, int] = {}
    for d in directives(source):
        codes = tuple(c for c in d.codes if c.upper() in known)
        if d.kind == "enable":
            for code in codes:
                start = open_blocks.pop(code.upper(), None)
                if start is not None:
                    blocks.append((code, start, d.line))
            continue
        if not d.reason or not codes:
            continue
        if d.kind == "disable-next-line":
            next_line[d.target] = next_line.get(d.target, ()) + codes
        else:
            for code in codes:
                open_blocks.setdefault(code.upper(), d.line)
    end = len(source.line_starts) + 1
    blocks += [(code, start, end) for code, start in open_blocks.items()]
    return Suppressions(next_line, tuple(blocks))


def check_no_reason(ctx: Context) -> Iterator[Hit]:
    """What it flags: chú thích ``vankien-disable`` hoặc ``vankien-disable-next-line`` không ghi lý
    do sau mã quy tắc. Khi chưa có lý do, chú thích không tắt được gì.

    Why: mỗi ngoại lệ với việc kiểm tra phải nói rõ vì sao, để người duyệt đánh giá được.

    Example: ``<!-- vankien-disable-next-line CON001 -->``

    Use instead: ``<!-- vankien-disable-next-line CON001: so sánh với nhiệm kỳ 2010 - 2015 -->``
    """
    for source in ctx.report.files:
        for d in directives(source):
            if d.kind != "enable" and not d.reason:
                yield Hit(
                    source.rel,
                    d.line,
                    1,
                    f"lệnh tắt kiểm tra «vankien-{d.kind} {' '.join(d.codes)}» thiếu lý do; "
                    "viết lý do sau dấu «:»",
                )


def check_unknown_code(ctx: Context) -> Iterator[Hit]:
    """What it flags: chú thích tắt kiểm tra không ghi mã quy tắc, hoặc ghi mã không tồn tại.

    Why: mã gõ sai không tắt được gì, trong khi người viết tưởng vấn đề đã được xử lý.

    Example: ``<!-- vankien-disable-next-line CON01: lý do -->``

    Use instead: đúng mã in trong thông báo (lệnh ``vankien rules`` liệt kê tất cả).
    """
    known = ctx.known_codes
    for source in ctx.report.files:
        for d in directives(source):
            bad = [c for c in d.codes if c.upper() not in known]
            if not d.codes:
                yield Hit(source.rel, d.line, 1, f"lệnh «vankien-{d.kind}» không ghi mã quy tắc")
            for code in bad:
                yield Hit(source.rel, d.line, 1, f"không có quy tắc «{code}» để tắt")
