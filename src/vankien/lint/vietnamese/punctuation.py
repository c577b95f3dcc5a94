"""Punctuation: spacing around marks, and brackets and quotes that are not closed.

Vietnamese typography as in English: no space before , . ; : ! ? and closing brackets or
quotes, one space after them, no space inside brackets or quotes, single spaces between words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vankien.lint.vietnamese.config import LangConfig
from vankien.lint.vietnamese.hits import TextHit

_SKIP_RE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|`[^`]*`|\{[^}]*\}|\]\([^)]*\)"
    r"|\[bookmark:[^\]]*\]"  # Word artefacts: reported by their own rule
    # Markdown syntax, not punctuation: a footnote mark «[^1]», and the «[» / «![» that opens a
    # link or a picture whose «](target)» is skipped above.
    r"|\[\^[^\]\s]+\]|!?\[(?=[^\]\n]*\]\()"
)
_L = r"[^\W\d_]"  # a letter
_HAS_OPENER = re.compile(r"[(\[“«]")
# Each rule matches from its first character (no leading look-behind, which would make the
# engine try every position); what must precede the match is checked in ``_PRECEDED``.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # space before a closing mark (not an ellipsis «thứ ...», not a decimal « .5»)
    (re.compile(r"[ \t]+(?=[,;:!?)\]»]|\.(?![.\d])|[”’](?!" + _L + "))"), "before"),
    # no space after , ; : between letters; after . ! ? before a capitalised word
    (re.compile(r"[,;:](?=" + _L + ")"), "after"),
    (re.compile(r"[.!?](?=[A-ZĐÀ-Ỹ][^\W\d_A-Z])"), "after_sentence"),
    # a closing bracket or quote glued to the next word, an opening one to the previous word
    (re.compile(r"[)\]”»](?=" + _L + ")"), "after_close"),
    (re.compile(r"[(\[“«]"), "before_open"),
    # space just inside an opening bracket or quote
    (re.compile(r"(?<=[(\[“«])[ \t]+(?=\S)"), "inside"),
    # two or more spaces between words (not the padding of a table's cells, next to «|»)
    (re.compile(r"[ \t]{2,}(?=[^\s,;:!?)\]».”’|])"), "double"),
)


def _preceded(kind: str, before: str) -> bool:
    """Whether the character before a match allows the rule to apply."""
    if kind == "double":
        return before not in ("", "|") and not before.isspace()
    if kind == "before":
        return before != "" and not before.isspace()
    if kind in ("after", "before_open"):
        return before.isalpha()
    if kind == "after_sentence":
        return before.isalpha() and not before.isupper()
    return True


def _skips(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SKIP_RE.finditer(text)]


def check_punctuation_spacing(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Spaces before , . ; : ! ? and closing brackets/quotes; missing space after them; spaces
    just inside brackets/quotes; double spaces between words. All fixes are safe.

    ``text`` is a paragraph (soft line breaks joined by spaces) or one line. URLs, e-mail
    addresses, inline code and pandoc attributes are skipped.
    """
    skips = _skips(text) if any(c in text for c in "/@`{[") else []
    hits: list[TextHit] = []
    for pattern, kind in _RULES:
        if kind == "inside" and not _HAS_OPENER.search(text):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if not _preceded(kind, text[start - 1] if start else ""):
                continue
            if skips and any(s <= start < e or s < end <= e for s, e in skips):
                continue
            mark = m.group()
            kind_here = "after" if kind == "after_sentence" or kind == "after_close" else kind
            if kind_here == "before":
                nxt = text[end]
                hits.append(TextHit(start, end, f"thừa dấu cách trước «{nxt}»", "", True))
            elif kind_here == "after":
                ctx = text[max(0, start - 8) : end + 8].strip()
                hits.append(
                    TextHit(
                        start, end, f"thiếu dấu cách sau «{mark}» trong «{ctx}»", mark + " ", True
                    )
                )
            elif kind_here == "before_open":
                ctx = text[max(0, start - 8) : end + 8].strip()
                hits.append(
                    TextHit(
                        start, end, f"thiếu dấu cách trước «{mark}» trong «{ctx}»", " " + mark, True
                    )
                )
            elif kind_here == "inside":
                opener = text[start - 1]
                hits.append(TextHit(start, end, f"thừa dấu cách sau «{opener}»", "", True))
            else:
                ctx = text[max(0, start - 10) : end + 10].strip()
                hits.append(
                    TextHit(start, end, f"nhiều dấu cách liền nhau trong «{ctx}»", " ", True)
                )
    hits.sort(key=lambda h: (h.start, h.end))
    last_end = -1
    for hit in hits:
        if hit.start >= last_end:  # never two fixes on the same characters
            yield hit
            last_end = hit.end


_PAIRS = {")": "(", "]": "[", "”": "“", "’": "‘", "»": "«"}
_OPEN = frozenset(_PAIRS.values())
_BRACKET_RE = re.compile(r'[()\[\]“”‘’«»"]')
# «a)», «1)», «iv)» at the start of an item are typed enumerators, not brackets.
_ENUMERATOR_RE = re.compile(r"(?:^|(?<=[\s(;:,«“]))(?:[^\W_]{1,2}|\d{1,3}|[ivxlcdmIVXLCDM]{1,5})\)")


def check_unbalanced_brackets(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Brackets () [] and quotes “” ‘’ «» "" that are not paired within the paragraph.

    ``text`` is a whole paragraph (soft line breaks joined by spaces). The hit points at the
    unmatched mark. A «’» between letters is an apostrophe (H’Mông), not a quote.
    """
    skips = _skips(text) if any(c in text for c in "/@`{") else []
    enumerators = {m.end() - 1 for m in _ENUMERATOR_RE.finditer(text)}
    stack: list[tuple[str, int]] = []
    straight: list[int] = []
    bad: list[tuple[int, str]] = []
    for m in _BRACKET_RE.finditer(text):
        i, c = m.start(), m.group()
        if skips and any(s <= i < e for s, e in skips):
            continue
        if c in "‘’" and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            continue  # apostrophe
        if c == '"':
            straight.append(i)
        elif c in _OPEN:
            stack.append((c, i))
        else:
            opener = _PAIRS[c]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                while stack[-1][0] != opener:
                    o, pos = stack.pop()
                    bad.append((pos, f"dấu «{o}» không có dấu đóng tương ứng trong đoạn"))
                stack.pop()
            elif i in enumerators:
                continue
            elif c == "’" and i > 0 and text[i - 1].isalpha():
                continue  # an apostrophe at the end of a word
            else:
                bad.append((i, f"dấu «{c}» không có dấu mở tương ứng trong đoạn"))
    for o, pos in stack:
        bad.append((pos, f"dấu «{o}» không có dấu đóng tương ứng trong đoạn"))
    if len(straight) % 2:
        bad.append((straight[-1], 'dấu «"» lẻ cặp trong đoạn'))
    for pos, message in sorted(bad):
        yield TextHit(pos, pos + 1, message, None, False)
