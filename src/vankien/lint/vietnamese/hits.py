"""What every Vietnamese check yields: a span of the text it was given, and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextHit:
    start: int  # offset in the text passed in
    end: int  # end offset (exclusive)
    message: str  # Vietnamese, quotes the offending text, e.g. «gián sát» → «giám sát»
    suggestion: str | None  # replacement for text[start:end], or None
    fixable: bool  # True only for safe, meaning-preserving mechanical fixes (--fix applies them)
