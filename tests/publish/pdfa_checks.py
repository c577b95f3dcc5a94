"""A PDF/A-2b check of the clauses of ISO 19005-2 (level B) that a PDF exported by
LibreOffice and then restamped by vankien can break, read with pikepdf (qpdf).

Why not veraPDF, the reference validator: it is published as an installer and on Maven
Central, conda-forge and Homebrew, none of which these machines reach; no PyPI, npm or
Debian package ships it (pdfa-parser on PyPI downloads it at run time, which nothing here
may do). docs/build.md says so. When a ``verapdf`` command is on the PATH, test_pdf.py also
runs it.

Each problem is a sentence naming the clause; an empty list means the checked clauses hold.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pikepdf

# Document information entry → its XMP equivalent (ISO 19005-2, 6.6.2.3.1).
INFO_XMP = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Producer": "pdf:Producer",
    "/Creator": "xmp:CreatorTool",
    "/Keywords": "pdf:Keywords",
    "/CreationDate": "xmp:CreateDate",
    "/ModDate": "xmp:ModifyDate",
}
PRINT, HIDDEN, INVISIBLE, NOVIEW = 4, 2, 1, 32  # annotation flags (PDF 1.7, 12.5.3)


def _pdf_date(value: str) -> dt.datetime:
    """A PDF date string «D:20250610000000Z» or «D:20250610000000+07'00'»."""
    text = value.removeprefix("D:").replace("'", "")
    stamp = dt.datetime.strptime(text[:14], "%Y%m%d%H%M%S")
    zone = text[14:]
    if zone in ("", "Z"):
        return stamp.replace(tzinfo=dt.UTC)
    sign = 1 if zone[0] == "+" else -1
    offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5] or 0))
    return stamp.replace(tzinfo=dt.timezone(sign * offset))


def _xmp_value(meta: Any, key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return str(value)


def _metadata_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    stream = pdf.Root.get("/Metadata")
    if stream is None:
        return ["6.6.2.1: the catalog has no XMP metadata stream"]
    if "/Filter" in stream:
        problems.append("6.6.2.1: the XMP metadata stream is compressed (it must not be)")
    meta = pdf.open_metadata()
    if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "B":
        problems.append(
            "6.6.4: the XMP packet does not identify PDF/A-2b "
            f"(part {meta.get('pdfaid:part')!r}, conformance {meta.get('pdfaid:conformance')!r})"
        )
    info = pdf.trailer.get("/Info")
    for key, xmp_key in INFO_XMP.items():
        if info is None or key not in info:
            continue
        value = str(info[key])
        xmp = _xmp_value(meta, xmp_key)
        if key.endswith("Date"):
            same = xmp is not None and _pdf_date(value) == dt.datetime.fromisoformat(
                xmp.replace("Z", "+00:00")
            )
        else:
            same = xmp == value
        if not same:
            problems.append(
                f"6.6.2.3.1: document information {key} {value!r} differs from XMP "
                f"{xmp_key} {xmp!r}"
            )
    return problems


def _output_intent_problems(pdf: pikepdf.Pdf) -> list[str]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if not intents:
        return ["6.2.3: no GTS_PDFA1 output intent (device colours need one)"]
    problems = []
    profiles = {i.get("/DestOutputProfile").objgen for i in intents if "/DestOutputProfile" in i}
    if len(profiles) != len(intents):
        problems.append("6.2.3: an output intent has no embedded ICC profile")
    if len(profiles) > 1:
        problems.append("6.2.3: output intents with different ICC profiles")
    return problems


def _fonts(resources: Any, seen: set[tuple[int, int]]) -> list[Any]:
    """Every font of a resource dictionary, with Type0 descendants and Form XObjects' fonts."""
    found = []
    if resources is None:
        return found
    for font in (resources.get("/Font") or {}).values():
        found.append(font)
        found.extend(font.get("/DescendantFonts", []))
        if font.get("/Subtype") == "/Type3":
            found.extend(_fonts(font.get("/Resources"), seen))
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            found.extend(_fonts(xobject.get("/Resources"), seen))
    return found


def _font_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, 1):
        for font in _fonts(page.obj.get("/Resources"), seen):
            if font.get("/Subtype") in ("/Type0", "/Type3"):
                continue  # Type0: its descendant is checked; Type3: glyphs are content
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if not embedded:
                problems.append(
                    f"6.2.11.4.1: page {number}: font {font.get('/BaseFont')} is not embedded"
                )
    return problems


def _action_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    names = pdf.Root.get("/Names") or {}
    if "/JavaScript" in names:
        problems.append("6.5.1: the document has JavaScript")
    if "/EmbeddedFiles" in names:
        problems.append("6.8: the document embeds files (PDF/A-2b allows only PDF/A files)")
    if "/AA" in pdf.Root:
        problems.append("6.5.2: the catalog has additional actions")
    for number, page in enumerate(pdf.pages, 1):
        for annot in page.obj.get("/Annots", []):
            flags = int(annot.get("/F", 0))
            if annot.get("/Subtype") != "/Popup" and (
                not flags & PRINT or flags & (HIDDEN | INVISIBLE | NOVIEW)
            ):
                problems.append(f"6.3.2: page {number}: an annotation is not set to print")
            action = annot.get("/A") or {}
            if action.get("/S") in ("/Launch", "/JavaScript", "/ImportData", "/ResetForm"):
                problems.append(f"6.5.1: page {number}: a forbidden {action.get('/S')} action")
    return problems


def pdfa2b_problems(path: Path) -> list[str]:
    """What keeps ``path`` from being PDF/A-2b, as far as these clauses go."""
    with pikepdf.open(path) as pdf:
        problems = [f"qpdf: {p}" for p in pdf.check_pdf_syntax()]
        if pdf.is_encrypted:
            problems.append("6.1.3: the file is encrypted")
        if "/ID" not in pdf.trailer:
            problems.append("6.1.3: the trailer has no file identifier")
        if not "1.4" <= pdf.pdf_version <= "1.7":
            problems.append(f"6.1.2: PDF version {pdf.pdf_version} (PDF/A-2 is based on 1.7)")
        problems += _metadata_problems(pdf)
        problems += _output_intent_problems(pdf)
        problems += _font_problems(pdf)
        problems += _action_problems(pdf)
    return problems
