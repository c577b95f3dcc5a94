"""The header block of a unit's draft: issuing body, organisation, "Số …", place and date, the
title and its congress line, the stage it claims ("Dự thảo lần N").

Writers lay it out as a borderless two-column table at the top (issuing bodies left, "ĐẢNG
CỘNG SẢN VIỆT NAM" and the date right), or as centred lines, sometimes with the stage in a text
box. Only the paragraphs at the top of the document, before the first body text, are read.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from vankien.outline.model import Level, parse_number, roman_to_int
from vankien.unit.model import OrgType, Stage
from vankien.word.model import Area, HeaderBlock, Paragraph, Table

PARTY_RE = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.IGNORECASE)
NUMBER_RE = re.compile(r"^Số\b[\s:.]*(?P<n>\d+)?", re.IGNORECASE)
DATE_RE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s+(?P<d>\d{1,2}|[.…\s]+)\s*tháng\s+(?P<m>\d{1,2}|[.…\s]+)"
    r"\s*năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
ISSUER_RE = re.compile(
    r"^(?P<kind>ĐẢNG\s+(?:ỦY|UỶ|UY)|CHI\s+BỘ|CHI\s+(?:ỦY|UỶ|UY))\s+(?P<name>.+)$", re.IGNORECASE
)
TITLE_RE = re.compile(r"^BÁO\s+CÁO\b", re.IGNORECASE)
CONGRESS_RE = re.compile(
    r"ĐẠI\s+HỘI(?:\s+(?:ĐẠI\s+BIỂU|ĐẢNG\s+VIÊN))?(?:\s+\S+){0,12}?\s+LẦN\s+THỨ\s*"
    r"(?P<n>[IVXLC]+\b|\d{1,3}\b|[.…_\s]*)",
    re.IGNORECASE,
)
TERM_RE = re.compile(r"NHIỆM\s+KỲ\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", re.IGNORECASE)
STAGE_RE = re.compile(
    r"\bDỰ\s+THẢO(?:\s+LẦN(?:\s+THỨ)?\s+(?P<n>\d{1,2}|[IVX]+|[a-zà-ỹ]+))?", re.IGNORECASE
)
FINAL_RE = re.compile(r"\bCHÍNH\s+THỨC\b", re.IGNORECASE)
_WORD_NUMBERS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6}
MAX_LINES = 30  # the header block is at the top: never look further


PART_CAPS_RE = re.compile(r"^PHẦN\s+(?:(THỨ)\s+(\S+?)(?=[\s:.]|$)|([IVXLC]+\b))", re.IGNORECASE)


def clean_text(text: str) -> str:
    """A line as the Word reader compares it: NFC, whitespace collapsed, and a Part number typed
    in capitals («PHẦN THỨ NHẤT», «PHẦN I») written the way the outline and the linter's parser
    write it («Phần thứ nhất», «Phần I»)."""
    text = " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())
    m = PART_CAPS_RE.match(text)
    if m is not None and not text.startswith("Phần thứ "):
        number = f"thứ {m.group(2).lower()}" if m.group(1) else m.group(3).upper()
        text = f"Phần {number}{text[m.end() :]}"
    return text


_clean = clean_text


def _top_zone(paragraphs: tuple[Paragraph, ...], tables: tuple[Table, ...]) -> list[Paragraph]:
    """The paragraphs at the top that can belong to the header block."""
    out: list[Paragraph] = []
    seen_title = False
    for para in paragraphs[: MAX_LINES * 3]:
        if para.area is Area.NOTE:
            continue
        text = _clean(para.display)
        if para.cell is not None:
            table = tables[para.cell.table]
            if table.borderless and (not out or out[-1].cell is not None or len(out) < 8):
                out.append(para)
                continue
            break
        if para.area is Area.TEXTBOX:
            out.append(para)
            continue
        if not text:
            out.append(para)
            continue
        number = parse_number(text)
        if number is not None and (number[1] or number[0].level is Level.PART):
            break  # "Phần thứ nhất", "I. …": the body has begun
        if seen_title and len(text) > 250:
            break
        body_like = not text.isupper() and para.align != "center" and not STAGE_RE.search(text)
        if seen_title and body_like:
            break  # after the title only centred or capital lines: this one is body text
        if not seen_title and len(text) > 160 and not text.isupper():
            break
        if TITLE_RE.match(text):
            seen_title = True
        out.append(para)
        if len(out) >= MAX_LINES:
            break
    return out


def _stage(text: str) -> Stage | None:
    m = STAGE_RE.search(text)
    if m is None:
        return None
    raw = (m.group("n") or "").lower()
    if not raw:
        return None
    if raw.isdigit():
        return Stage(int(raw)) if 0 < int(raw) < 100 else None
    roman = roman_to_int(raw.upper())
    if roman is not None:
        return Stage(roman)
    n = _WORD_NUMBERS.get(raw)
    return Stage(n) if n else None


def read_header(paragraphs: tuple[Paragraph, ...], tables: tuple[Table, ...]) -> HeaderBlock:
    """What the header block at the top of the document says (fields None where absent)."""
    zone = _top_zone(paragraphs, tables)
    superior = organisation = org_name = doc_number = None
    number_value: int | None = None
    place = date_text = title = congress_text = term = stage_text = None
    date: dt.date | None = None
    congress: int | None = None
    stage: Stage | None = None
    org_type: OrgType | None = None
    party = False
    used: list[int] = []
    issuing: list[str] = []  # the issuing-body lines, in order (left column or top lines)
    subject: list[str] = []  # the lines after the title
    lines = [
        (para, _clean(line))
        for para in zone
        for line in (para.display.split("\n") if "\n" in para.display else [para.display])
    ]
    for para, text in lines:
        if not text:
            used.append(para.index)
            continue
        if text.strip("*-–— ") == "":
            used.append(para.index)
            continue
        if PARTY_RE.search(text):
            party = True
            used.append(para.index)
            continue
        if STAGE_RE.search(text) and len(text) < 40:
            stage_text, stage = text, _stage(text)
            used.append(para.index)
            continue
        m = NUMBER_RE.match(text)
        if m and len(text) < 60 and ("/" in text or m.group("n") or "-BC" in text):
            doc_number = text
            number_value = int(m.group("n")) if m.group("n") else None
            used.append(para.index)
            continue
        m = DATE_RE.match(text)
        if m:
            date_text = text
            place = m.group("place").strip()
            try:
                date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                date = None
            used.append(para.index)
            continue
        if TITLE_RE.match(text) and title is None:
            title = text
            used.append(para.index)
            continue
        if title is not None:
            subject.append(text)
            used.append(para.index)
            continue
        if text.isupper() or para.cell is not None:
            issuing.append(text)
            used.append(para.index)
    if issuing:
        # The issuer is the last such line: the superior above it may be an Đảng ủy too
        # («ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH» over «CHI BỘ SỞ …»).
        for i in range(len(issuing) - 1, -1, -1):
            line = issuing[i]
            m = ISSUER_RE.match(line)
            if m:
                organisation = line
                org_name = m.group("name").strip()
                kind = m.group("kind").upper()
                org_type = OrgType.DANG_BO if kind.startswith("ĐẢNG") else OrgType.CHI_BO
                if i > 0:
                    superior = issuing[i - 1]
                break
        else:
            superior = issuing[0]
            if len(issuing) > 1:
                organisation = issuing[1]
    joined = " ".join(subject)
    if joined:
        m = CONGRESS_RE.search(joined)
        if m:
            congress_text = joined
            raw = m.group("n").strip()
            if raw.isdigit():
                congress = int(raw)
            elif raw:
                congress = roman_to_int(raw.upper())
        t = TERM_RE.search(joined, m.end() if m else 0) or TERM_RE.search(joined)
        if t:
            term = f"{t.group('a')} - {t.group('b')}"
        if org_type is None:
            upper = joined.upper()
            if "CHẤP HÀNH ĐẢNG BỘ" in upper:
                org_type = OrgType.DANG_BO
            elif "CHI BỘ" in upper:
                org_type = OrgType.CHI_BO
        if stage_text is None:
            m2 = STAGE_RE.search(joined)
            if m2:
                stage_text, stage = m2.group(0), _stage(m2.group(0))
    if stage_text is None and any(FINAL_RE.fullmatch(text) for _, text in lines):
        stage_text = "Chính thức"
    if title is None and not party and organisation is None and doc_number is None:
        return HeaderBlock()  # no header block: the zone was body text
    return HeaderBlock(
        superior=superior,
        party_line=party,
        organisation=organisation,
        org_type=org_type,
        org_name=org_name,
        doc_number=doc_number,
        doc_number_value=number_value,
        place=place,
        date=date,
        date_text=date_text,
        title=title,
        congress_text=congress_text,
        congress=congress,
        term=term,
        stage=stage,
        stage_text=stage_text,
        paragraphs=tuple(sorted(set(used))),
    )
