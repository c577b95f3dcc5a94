"""The namespaces of a .docx and ``qn()``, which turns ``"w:p"`` into lxml's Clark notation."""

from __future__ import annotations

NSMAP: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "custom": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
}

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def qn(tag: str) -> str:
    """``"w:p"`` → ``"{http://…/main}p"``."""
    prefix, _, local = tag.partition(":")
    return f"{{{NSMAP[prefix]}}}{local}"
