"""Character-level checks: Unicode form, look-alike letters, invisible characters, legacy
encodings (TCVN3, VNI) and mojibake.

The character set of Vietnamese text is TCVN 6909:2001, i.e. Unicode, in the precomposed form
NFC. Legacy text is found and converted one token at a time, never a whole line: a line that
mixes Unicode and TCVN3 would be corrupted by converting it whole ("quán" → "quỏn").
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from vankien.lint.vietnamese.config import LangConfig
from vankien.lint.vietnamese.hits import TextHit

# --- legacy tables (written from the published TCVN 5712:1993 "ABC" and VNI layouts) -------

# TCVN3 (ABC, .VnTime fonts): code points as Latin-1 characters. Only the letters the ABC
# fonts use; TCVN3 has no upper-case toned letters (those come from the .VnTimeH fonts, which
# put upper-case glyphs on the lower-case codes).
_TCVN3_RANGES = (
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"),
    (0xB5, "àảãáạ"),
    (0xBB, "ằẳẵắ"),
    (0xC6, "ặầẩẫấậè"),
    (0xCE, "ẻẽéẹềểễếệìỉ"),
    (0xDC, "ĩíịò"),
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
)
TCVN3: dict[str, str] = {
    chr(first + i): letter for first, letters in _TCVN3_RANGES for i, letter in enumerate(letters)
}

# VNI (VNI-Windows fonts): a base letter followed by a Latin-1 character that stands for its
# marks; a few letters have a code of their own.
_VNI_SINGLE = dict(zip("ñÑôÔöÖíÍìÌæÆóÓòÒîÎ", "đĐơƠưƯíÍìÌỉỈĩĨịỊỵỴ", strict=True))
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MARKS_LOWER = {
    "ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}  # fmt: skip
_VNI_MARKS = {**_VNI_MARKS_LOWER, **{k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}}
_VNI_BASES = frozenset("aeouyAEOUYơưƠƯ")
_VNI_CHARS = frozenset(_VNI_SINGLE) | frozenset(_VNI_MARKS)

# CP1252 bytes 0x80-0x9F, for undoing "UTF-8 read as Windows-1252".
_CP1252_BYTE: dict[str, int] = {}
for _b in range(0x80, 0xA0):
    with contextlib.suppress(UnicodeDecodeError):
        _CP1252_BYTE[bytes([_b]).decode("cp1252")] = _b

_EDGE_PUNCT = "\"'()[]{},.;:!?“”«»„…"
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _tcvn3_decode(token: str) -> str | None:
    if not any(c in TCVN3 for c in token):
        return None
    return "".join(TCVN3.get(c, c) for c in token)


def _vni_decode(token: str) -> str | None:
    out: list[str] = []
    changed = False
    for c in token:
        if c in _VNI_MARKS and out and out[-1] and out[-1][-1] in _VNI_BASES:
            out[-1] += _VNI_MARKS[c]
            changed = True
        elif c in _VNI_SINGLE:
            out.append(_VNI_SINGLE[c])
            changed = True
        else:
            out.append(c)
    return unicodedata.normalize("NFC", "".join(out)) if changed else None


def _mojibake_decode(token: str) -> str | None:
    raw = bytearray()
    for c in token:
        o = ord(c)
        if o < 0x100:
            raw.append(o)
        elif c in _CP1252_BYTE:
            raw.append(_CP1252_BYTE[c])
        else:
            return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if fixed != token and not fixed.isascii() else None


# A UTF-8 lead byte followed by a continuation byte, both read as Windows-1252 characters.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00ef][\u0080-\u00bf" + "".join(c for c in _CP1252_BYTE) + "]"
)


def mojibake_spans(text: str) -> list[tuple[int, int]]:
    """Spans of whitespace-separated tokens that are UTF-8 read as Windows-1252 (cheap when
    there are none). Word checks skip them: «Viá»‡t» is one broken word, not «Viá»."""
    if text.isascii() or not _MOJIBAKE_HINT.search(text):
        return []
    spans = []
    for m in re.finditer(r"\S+", text):
        token = m.group()
        if not _MOJIBAKE_HINT.search(token):
            continue
        for core in (token, token.strip(_EDGE_PUNCT), token.strip(_EDGE_PUNCT + "‘’")):
            if core and _mojibake_decode(core) is not None:
                spans.append(m.span())
                break
    return spans


def _all_known(text: str, cfg: LangConfig) -> bool:
    """Every letter run with a non-ASCII letter is a syllable of the dictionary."""
    syllables = cfg.lexicon.syllables
    runs = [r for r in _LETTER_RUN.findall(text) if not r.isascii()]
    return bool(runs) and all(r.lower() in syllables for r in runs)


def _legacy_candidate(core: str) -> bool:
    return not core.isascii() and all(ord(c) < 0x100 for c in core)


@lru_cache(maxsize=4096)
def _convert_token(core: str, cfg: LangConfig) -> tuple[str, str] | None:
    """``(encoding name, Unicode text)`` if ``core`` is legacy-encoded text, else ``None``."""
    moj = _mojibake_decode(core)
    if moj is not None:
        return ("UTF-8 bị đọc nhầm thành Windows-1252", moj)
    if not _legacy_candidate(core) or _all_known(core, cfg):
        return None
    for name, decode, table in (
        ("TCVN3 (ABC, phông .VnTime)", _tcvn3_decode, TCVN3),
        ("VNI", _vni_decode, _VNI_CHARS),
    ):
        # A legacy word is made of letters and that table's codes only, and a lone code must
        # be a lower-case letter: «ë» is TCVN3's «ở», but «« » and «2020» are a quote and a year.
        if not all((c.isascii() and c.isalpha()) or c in table for c in core):
            continue
        if len(core) == 1 and not core.islower():
            continue  # legacy letter codes are lower case; «Ð» alone is an eth look-alike
        converted = decode(core)
        if converted is not None and _all_known(converted, cfg):
            return (name, converted)
    return None


# A whitespace-delimited token made only of Latin-1 and Windows-1252 characters, with at least
# one that is not ASCII: the only shape legacy or mojibake text can take.
_LEGACY_CHARS = "\x21-\x7e\x80-\x84\x86-\x9f\xa1-\xff" + "".join(_CP1252_BYTE)
_LEGACY_TOKEN = re.compile(
    f"(?<!\\S)[{_LEGACY_CHARS}]*[\x80-\x84\x86-\x9f\xa1-\xff{''.join(_CP1252_BYTE)}]"
    f"[{_LEGACY_CHARS}]*(?!\\S)"
)


def _legacy_tokens(text: str, cfg: LangConfig) -> Iterator[tuple[int, int, str, str]]:
    syllables = cfg.lexicon.syllables
    for m in _LEGACY_TOKEN.finditer(text):
        token = m.group()
        if token.strip(_EDGE_PUNCT).lower() in syllables:
            continue  # an ordinary word such as «các»
        # Trimmed of surrounding punctuation first; the whole token last, because « » ‘ ’
        # are themselves letters in TCVN3 and parts of mojibake sequences.
        variants = (
            (len(token) - len(token.lstrip(_EDGE_PUNCT)), len(token.rstrip(_EDGE_PUNCT))),
            (
                len(token) - len(token.lstrip(_EDGE_PUNCT + "‘’")),
                len(token.rstrip(_EDGE_PUNCT + "‘’")),
            ),
            (0, len(token)),
        )
        for a, b in variants:
            if a >= b:
                continue
            found = _convert_token(token[a:b], cfg)
            if found is not None:
                yield m.start() + a, m.start() + b, found[0], found[1]
                break


# Latin-1 letters that are also Vietnamese letters in Unicode: a token made only of these and
# ASCII letters («chá», «bâ») reads as Unicode Vietnamese as well as TCVN3 or VNI.
_AMBIGUOUS = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_MIN_AMBIGUOUS = 3


def _evidenced(text: str, cfg: LangConfig) -> list[tuple[int, int, str, str]]:
    """The legacy tokens of ``text`` when the text shows it is encoded: a token with a code
    that is no Vietnamese letter (§, ¶, Þ, û, ñ, a soft hyphen, mojibake), or at least three
    tokens that convert. One short token such as «chá» (a slip for «chán», «chát», …) is not
    evidence: TCVN3 would turn it into an unrelated word («chỏ»)."""
    found = list(_legacy_tokens(text, cfg))
    if not found:
        return []
    strong = any(
        any(not (c.isascii() or c in _AMBIGUOUS) for c in text[s:e]) for s, e, _, _ in found
    )
    return found if strong or len(found) >= _MIN_AMBIGUOUS else []


def legacy_spans(text: str, cfg: LangConfig) -> list[tuple[int, int]]:
    """Spans that :func:`check_legacy_encoding` reports (other word checks leave them alone)."""
    if text.isascii():
        return []
    return [(s, e) for s, e, _, _ in _evidenced(text, cfg)]


def check_legacy_encoding(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Words in TCVN3, VNI or mojibake (UTF-8 read as Windows-1252), each converted alone.

    Works on a paragraph or a line (each whitespace-separated token is judged on its own): a
    token is flagged only if it is not a known syllable and the legacy table turns it into known
    syllables, and only when the text shows it is encoded (see :func:`_evidenced`). Run it on
    the raw text: the soft hyphen U+00AD is TCVN3's «ư».
    """
    if text.isascii():
        return
    for start, end, name, converted in _evidenced(text, cfg):
        yield TextHit(
            start,
            end,
            f"chữ mã {name}: «{text[start:end]}» → «{converted}»",
            converted,
            True,
        )


def check_unicode_form(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Text not in Unicode dựng sẵn (NFC): one hit per line, with a lossless fix.

    Line-level: ``text`` is one line. The hit spans the words from the first to the last
    character that NFC changes.
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return
    nfc = unicodedata.normalize("NFC", text)
    prefix = 0
    while prefix < min(len(text), len(nfc)) and text[prefix] == nfc[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(text), len(nfc)) - prefix
        and text[len(text) - 1 - suffix] == nfc[len(nfc) - 1 - suffix]
    ):
        suffix += 1
    start, end = prefix, len(text) - suffix

    def wordish(c: str) -> bool:
        return c.isalpha() or unicodedata.combining(c) > 0

    while start > 0 and wordish(text[start - 1]):
        start -= 1
    while end < len(text) and wordish(text[end]):
        end += 1
    fixed = unicodedata.normalize("NFC", text[start:end])
    yield TextHit(
        start,
        end,
        f"chữ không ở dạng Unicode dựng sẵn (NFC): «{fixed}» được gõ bằng dấu tổ hợp",
        fixed,
        True,
    )


# --- look-alike letters -------------------------------------------------------------------

_ETH = {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u0256": "đ"}
_CONFUSABLE = {
    **dict(zip("аеорсхуіјѕԁһԛԝАВЕКМНОРСТХУІЈЅ", "aeopcxyijsdhqwABEKMHOPCTXYIJS", strict=True)),
    **dict(zip("αονικρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aovikpABEZHIKMNOPTYX", strict=True)),
}
_LOOKALIKE_RE = re.compile("[" + "".join(_ETH) + "".join(_CONFUSABLE) + "]")
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*")


def _is_latin(c: str) -> bool:
    return c.isascii() or "LATIN" in unicodedata.name(c, "")


def check_lookalike_letters(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """The eth «Ð/ð» or «Ɖ» written for «Đ/đ», and Cyrillic/Greek letters inside Latin words.

    Works on any text (paragraph or line). A word entirely in Cyrillic or Greek is left alone;
    one that mixes scripts is fixed letter by letter.
    """
    if text.isascii() or not _LOOKALIKE_RE.search(text):
        return
    legacy = {(s, e) for s, e, _, _ in _legacy_tokens(text, cfg)} if "\u00d0" in text else set()
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if not _LOOKALIKE_RE.search(word) or any(s <= m.start() < e for s, e in legacy):
            continue
        has_latin = any(_is_latin(c) and c.isalpha() for c in word)
        fixed = "".join(_ETH.get(c, c) for c in word)
        if has_latin:
            fixed = unicodedata.normalize("NFC", "".join(_CONFUSABLE.get(c, c) for c in fixed))
        if fixed == word:
            continue
        odd = sorted({c for c in word if c in _ETH or (has_latin and c in _CONFUSABLE)})
        names = ", ".join(f"«{c}» U+{ord(c):04X}" for c in odd)
        yield TextHit(
            m.start(),
            m.end(),
            f"chữ giống mà khác mã trong «{word}» ({names}); viết đúng: «{fixed}»",
            fixed,
            all(_is_latin(c) for c in fixed if c.isalpha()),
        )


# --- invisible characters -----------------------------------------------------------------

_INVISIBLE_RE = re.compile(
    "([\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u00ad]+)"
    "|([\x00-\x08\x0b-\x1f\x7f-\x9f]+)"
    "|([\u00a0\u2007\u202f]+)"
)


def check_invisible_characters(text: str, cfg: LangConfig) -> Iterator[TextHit]:
    """Zero-width and direction marks, the soft hyphen, control characters, non-breaking spaces.

    Works on any text. A soft hyphen or C1 control inside a TCVN3 or mojibake word is left to
    :func:`check_legacy_encoding` (U+00AD is TCVN3's «ư»).
    """
    if text.isascii() and text.isprintable():
        return
    legacy: list[tuple[int, int]] | None = None
    for m in _INVISIBLE_RE.finditer(text):
        if (m.group(1) is not None and "\u00ad" in m.group(1)) or m.group(2) is not None:
            if legacy is None:
                legacy = [(s, e) for s, e, _, _ in _legacy_tokens(text, cfg)]
            if any(s <= m.start() < e for s, e in legacy):
                continue
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(m.group()))
        start, end = m.span()
        where = f"«{text[max(0, start - 12) : start].lstrip()}¦{text[end : end + 12].rstrip()}»"
        if m.group(3) is not None:
            message = (
                f"dấu cách không ngắt ({codes}) thay cho dấu cách thường ở chỗ ¦ trong {where}"
            )
            yield TextHit(start, end, message, " ", True)
        elif m.group(2) is not None:
            message = (
                f"ký tự điều khiển ({codes}) ở chỗ ¦ trong {where} (thường do dán từ Word/PDF): "
                "xóa đi"
            )
            yield TextHit(start, end, message, "", True)
        else:
            message = (
                f"ký tự vô hình ({codes}) ở chỗ ¦ trong {where} (thường do dán từ web/Word): xóa đi"
            )
            yield TextHit(start, end, message, "", True)
