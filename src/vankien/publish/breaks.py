"""Where a line may break: the one rule for non-breaking characters, and balanced lines.

``protect`` glues the groups a reader must see on one line (a term «2020 - 2025», a date, a
document number: the patterns are data, data/vietnamese/nonbreaking.txt) with no-break
spaces and no-break hyphens. The build applies it to every paragraph of the document
(``protect_paragraphs``) and ``balanced_lines`` keeps the groups whole when it breaks a
header line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from vankien.publish.textwidth import NBSP, width_pt
from vankien.resources import data_entries, data_path

if TYPE_CHECKING:
    from lxml import etree

    from vankien.report.cache import RunCache

NB_HYPHEN = "\u2011"  # written to the docx as <w:noBreakHyphen/>
# How much more uneven two lines may be when the break falls after a comma: a person breaks
# «…LẦN THỨ XV, / NHIỆM KỲ …» rather than in the middle of a phrase.
PUNCTUATION_BONUS = 0.35
# How much more uneven lines may be rather than a line notably wider than the one above.
WIDENING_PENALTY = 0.3
_BREAKABLE_RE = re.compile(r"[ \t\r\n]+")
# What a balanced header line depends on besides this code: the word lists it reads, and the
# checker's tone-mark conversion it keys the dictionary with.
_NONBREAKING = "vietnamese/nonbreaking.txt"
_DATA_FILES = ("words.txt", "vietnamese/line-end.txt", _NONBREAKING)
# The checker's code this module reads the dictionary with (general_words, to_second_style).
_CHECKER_CODE = ("lint/vietnamese/syllable.py", "lint/vietnamese/config.py")
_SPACED_HYPHEN_RE = re.compile(r"(?<= )[-–](?= )")


@cache
def _patterns() -> re.Pattern[str]:
    lines = data_entries(data_path(_NONBREAKING).read_text(encoding="utf-8"))
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


def _glue(match: re.Match[str]) -> str:
    group = match.group(0)
    spaced = {m.start() for m in _SPACED_HYPHEN_RE.finditer(group)}
    chars = [
        NB_HYPHEN if char == "-" and index not in spaced else char
        for index, char in enumerate(group)
    ]
    return "".join(chars).replace(" ", NBSP)


def protect(text: str) -> str:
    """``text`` with the spaces and hyphens inside unbreakable groups made non-breaking.

    The length never changes (one character for one), so positions still match the input.
    """
    return _patterns().sub(_glue, text)


def words(text: str) -> list[str]:
    """The pieces a line may break between: ``text`` split at ordinary spaces, after
    ``protect``."""
    return breakable(protect(text))


def breakable(text: str) -> list[str]:
    """``text`` split where a line may break: at ordinary spaces, tabs and newlines, never at a
    no-break space (``str.split()`` would split there too)."""
    return [piece for piece in _BREAKABLE_RE.split(text) if piece]


@cache
def _compounds() -> frozenset[str]:
    """The checker's general dictionary (data/words.txt) as the checker reads it: lower case,
    tone marks in its style. :func:`phrase_pieces` asks it about two or three syllables."""
    from vankien.lint.vietnamese.config import general_words

    return frozenset(general_words())


@cache
def _line_end_words() -> frozenset[str]:
    text = data_path("vietnamese/line-end.txt").read_text(encoding="utf-8")
    return frozenset(data_entries(text))


def _key(syllables: list[str]) -> str:
    from vankien.lint.vietnamese.syllable import to_second_style

    return to_second_style(" ".join(s.strip(",;:.") for s in syllables).lower())


def phrase_pieces(text: str) -> list[str]:
    """``words`` with the syllables of a compound word kept together («KHOA HỌC», «CÔNG
    NGHỆ»): the longest dictionary word at each position, three syllables before two."""
    syllables = words(text)
    compounds = _compounds()
    out: list[str] = []
    index = 0
    while index < len(syllables):
        for size in (3, 2, 1):
            chunk = syllables[index : index + size]
            if size == 1 or (len(chunk) == size and _key(chunk) in compounds):
                out.append(" ".join(chunk))
                index += size
                break
    return out


def balanced_lines(
    text: str, width: float, size_pt: float, *, bold: bool = False, memo: RunCache | None = None
) -> list[str]:
    """:func:`balance` from ``memo`` (the report's cache) when the same text was balanced before
    with the same code and word lists: then the dictionary is not even read (~40 ms of every
    build, before pandoc could start)."""
    if memo is None:
        return balance(text, width, size_pt, bold=bold)
    from vankien.report.cache import digest, stamp_of

    here = Path(__file__).resolve()
    sources = [here, here.with_name("textwidth.py")]
    sources += [here.parents[1] / name for name in _CHECKER_CODE]
    sources += [data_path(name) for name in _DATA_FILES]
    key = "lines:" + digest(stamp_of(sources), text, repr(width), repr(size_pt), repr(bold))
    found = memo.get(key)
    if isinstance(found, list) and all(isinstance(line, str) for line in found):
        return found
    lines = balance(text, width, size_pt, bold=bold)
    memo.put(key, lines)
    return lines


def balance(text: str, width: float, size_pt: float, *, bold: bool = False) -> list[str]:
    """``text`` in as few lines as fit ``width`` points, broken where a person would.

    A break falls only between compound words (``phrase_pieces``), never inside a term or a
    date; no line ends with a word that leads into the next (data/vietnamese/line-end.txt);
    no line holds a single syllable while the text has more; of the breaks left, the one
    with the most even lines wins, a break after a comma counting as more even
    (``PUNCTUATION_BONUS``) and a line wider than the one above as less
    (``WIDENING_PENALTY``). Returns the text on one line when it fits.
    """
    whole = " ".join(breakable(text))
    if width_pt(whole, size_pt, bold=bold) <= width:
        return [whole]
    pieces = phrase_pieces(text)
    if len(pieces) <= 1:
        return [whole]
    n = len(pieces)

    for strict in (True, False):  # a person's breaks; failing those, any that fit
        for count in range(2, n + 1):
            best: tuple[float, list[str]] | None = None
            for cuts in _cuts(n, count):
                bounds = [0, *cuts, n]
                spans = list(pairwise(bounds))
                lines = [" ".join(pieces[i:j]) for i, j in spans]
                if strict and any(NBSP not in line and " " not in line for line in lines):
                    continue  # a lone syllable on a line
                if strict and any(
                    pieces[j - 1].lower() in _line_end_words() for _, j in spans[:-1]
                ):
                    continue  # «… VÀ / CÔNG NGHỆ»
                widths = [width_pt(line, size_pt, bold=bold) for line in lines]
                if max(widths) > width:
                    continue
                # even lines; a break after a comma (a phrase's end) counts for a lot
                after_mark = sum(line.endswith((",", ";", ":")) for line in lines[:-1])
                score = (max(widths) - min(widths)) / max(widths)
                score -= PUNCTUATION_BONUS * after_mark / (len(lines) - 1)
                # a centred title narrows downwards (an inverted pyramid), it does not widen
                if any(b > a * 1.1 for a, b in pairwise(widths)):
                    score += WIDENING_PENALTY
                if best is None or score < best[0]:
                    best = (score, lines)
            if best is not None:
                return best[1]
    return pieces


def _cuts(n: int, count: int) -> list[tuple[int, ...]]:
    """Every way to cut ``n`` pieces into ``count`` non-empty lines (header names are short)."""
    from itertools import combinations

    return list(combinations(range(1, n), count - 1))


def protect_paragraphs(
    document: etree._Element, memo: RunCache | None = None, part: str = "word/document.xml"
) -> None:
    """Apply ``protect`` to the text of every paragraph of a WordprocessingML part.

    A paragraph's text can be split over several runs («2020 - » in one, «2025» in the next):
    the rule runs over the paragraph's whole text and each run takes back its own slice. A
    no-break hyphen becomes Word's own ``w:noBreakHyphen`` element (fonts lack U+2011).
    ``memo`` (the report's cache) remembers the texts of ``part`` (see :class:`ProtectMemo`).
    """
    remembered = ProtectMemo(memo, part)
    for nodes in _text_groups(document):  # each group read after the one before was changed
        text = "".join(node.text or "" for node in nodes)
        glued = remembered.protect(text)
        if glued != text:
            _take_back(nodes, glued)
    remembered.save()


class ProtectMemo:
    """``protect`` with the results of the last build of a part (``name``) at hand, from
    ``memo``: the patterns are slow for their size (each starts with an optional word, so
    the regular expression engine tries them at every character: ~12 ms of a build of a
    report of 13,000 words), and most paragraphs are the same from one build to the next.
    What this build met is what the next one finds."""

    def __init__(self, memo: RunCache | None, name: str) -> None:
        self.memo = memo
        self.key = ""
        self.known: dict[str, str] = {}
        self.met: dict[str, str] = {}
        if memo is None:
            return
        from vankien.report.cache import digest, stamp_of

        here = Path(__file__).resolve()
        self.key = "protect:" + digest(stamp_of([here, data_path(_NONBREAKING)]), name)
        found = memo.get(self.key)
        if isinstance(found, dict):
            self.known = found

    def protect(self, text: str) -> str:
        glued = self.known.get(text)
        if not isinstance(glued, str) or len(glued) != len(text):
            glued = protect(text)
        self.met[text] = glued
        return glued

    def save(self) -> None:
        if self.memo is not None and self.met != self.known:
            self.memo.put(self.key, self.met)


def _text_groups(document: etree._Element) -> Iterator[list[etree._Element]]:
    """The text nodes of each paragraph that ``protect`` runs over as one text: the whole
    paragraph; with tracked changes, its accepted text (no deleted runs), then its rejected
    text (no inserted runs, the deleted text back), so that both read as a plain build of
    their revision does."""
    from vankien.publish.ooxml.ns import qn

    w_t, w_del_text = qn("w:t"), qn("w:delText")
    inserted, deleted = qn("w:ins"), qn("w:del")
    for paragraph in document.iter(qn("w:p")):
        if next(paragraph.iter(inserted, deleted), None) is None:  # no tracked change here
            yield [node for node in paragraph.iter(w_t) if node.text]
            continue
        # The second list is made after the first one's nodes took back their text.
        for view, skipped in (((w_t,), deleted), ((w_t, w_del_text), inserted)):
            yield [
                node
                for node in paragraph.iter(*view)
                if node.text and next(node.iterancestors(skipped), None) is None
            ]


def _take_back(nodes: list[etree._Element], glued: str) -> None:
    """Each of ``nodes`` takes back its own slice of ``glued``, their joined text protected."""
    at = 0
    for node in nodes:
        size = len(node.text or "")
        node.text = glued[at : at + size]
        at += size
        if NB_HYPHEN in (node.text or ""):
            _split_hyphens(node)


def _split_hyphens(node: etree._Element) -> None:
    """``<w:t>a‑b</w:t>`` → ``<w:t>a</w:t><w:noBreakHyphen/><w:t>b</w:t>`` in the same run."""
    _split_text(node, (node.text or "").split(NB_HYPHEN), "w:noBreakHyphen")


def _split_text(node: etree._Element, pieces: list[str], tag: str) -> None:
    """Put ``pieces`` in place of a ``w:t``'s (or ``w:delText``'s) text, an empty ``tag``
    element (a no-break hyphen, a line break) between each two, all in the node's run."""
    from lxml import etree

    from vankien.publish.ooxml.ns import XML_SPACE, qn

    node.text = pieces[0]
    node.set(XML_SPACE, "preserve")
    anchor = node
    for piece in pieces[1:]:
        mark = etree.Element(qn(tag))
        anchor.addnext(mark)
        anchor = mark
        if piece:
            text = etree.Element(node.tag)  # w:t, or w:delText in a deleted run
            text.text = piece
            text.set(XML_SPACE, "preserve")
            anchor.addnext(text)
            anchor = text


def style_font(styles: etree._Element, style_id: str) -> tuple[float, bool, bool] | None:
    """The size (pt), bold and capitals that a paragraph style sets, following its basedOn
    chain; None when the style is not there."""
    from vankien.publish.ooxml.ns import qn

    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    style = by_id.get(style_id)
    if style is None:
        return None
    size: float | None = None
    bold: bool | None = None
    caps: bool | None = None
    seen: set[str] = set()
    while style is not None and style.get(qn("w:styleId")) not in seen:
        seen.add(str(style.get(qn("w:styleId"))))
        rpr = style.find(qn("w:rPr"))
        if rpr is not None:
            node = rpr.find(qn("w:sz"))
            if size is None and node is not None and node.get(qn("w:val"), "").isdigit():
                size = int(node.get(qn("w:val"), "28")) / 2
            for tag, value in (("w:b", bold), ("w:caps", caps)):
                node = rpr.find(qn(tag))
                if value is None and node is not None:
                    on = node.get(qn("w:val"), "1") not in ("0", "false", "off")
                    if tag == "w:b":
                        bold = on
                    else:
                        caps = on
        based = style.find(qn("w:basedOn"))
        style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    return (size or 14.0, bool(bold), bool(caps))


def centred_styles(styles: etree._Element) -> dict[str, tuple[float, bool, bool]]:
    """The paragraph styles that centre their lines, with their font (``style_font``)."""
    from vankien.publish.ooxml.ns import qn

    out: dict[str, tuple[float, bool, bool]] = {}
    for style in styles.iter(qn("w:style")):
        jc = style.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        sid = style.get(qn("w:styleId"))
        if sid and jc is not None and jc.get(qn("w:val")) == "center":
            font = style_font(styles, sid)
            if font is not None:
                out[sid] = font
    return out


# A forced line must still fit when Word's measure is a little wider than the estimate.
FIT = 0.95


def balance_centred(
    document: etree._Element,
    fonts: dict[str, tuple[float, bool, bool]],
    memo: RunCache | None = None,
) -> None:
    """Centred body paragraphs (a Phần title, the subject line) that need more than one line
    get their breaks where a person would put them (``balanced_lines``), as line breaks,
    measured against the text width of the document's final section. ``memo``: the report's
    cache."""
    from vankien.publish.ooxml.ns import qn
    from vankien.publish.ooxml.transforms import text_width

    body = document.find(qn("w:body"))
    twips = text_width(body.find(qn("w:sectPr"))) if body is not None else None
    if body is None or twips is None:
        return
    width = twips / 20 * FIT
    for paragraph in body.findall(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        font = fonts.get(style.get(qn("w:val"), "")) if style is not None else None
        if font is None or paragraph.find(f".//{qn('w:br')}") is not None:
            continue
        size, bold, caps = font
        nodes = [node for node in paragraph.iter(qn("w:t")) if node.text]
        text = "".join(node.text or "" for node in nodes)
        shown = text.upper() if caps else text
        lines = balanced_lines(shown, width, size, bold=bold, memo=memo)
        if len(lines) < 2 or " ".join(lines) != protect(shown):
            continue
        breaks: list[int] = []  # offsets of the spaces that become line breaks
        at = 0
        for line in lines[:-1]:
            at += len(line)
            breaks.append(at)
            at += 1
        _break_at(nodes, breaks)


def _break_at(nodes: list[etree._Element], offsets: list[int]) -> None:
    """Replace the space at each offset of the nodes' joined text by a line break."""
    start = 0
    for node in nodes:
        text = node.text or ""
        inside = [o - start for o in offsets if start <= o < start + len(text)]
        start += len(text)
        if not inside:
            continue
        pieces, last = [], 0
        for cut in inside:
            pieces.append(text[last:cut])
            last = cut + 1
        pieces.append(text[last:])
        _split_text(node, pieces, "w:br")
