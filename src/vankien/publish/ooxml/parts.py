"""Whole parts of the package: dropping one with everything that points to it.

Pandoc's output carries parts the document does not use: a numbering part whose only list
nobody refers to (the build writes lists as literal "-"/"+" paragraphs), an empty comments part,
custom properties holding the template's metadata. A dropped part also loses its content-type
override and every relationship that targets it, so that no reader looks for it.
"""

from __future__ import annotations

import posixpath

from vankien.publish.ooxml.ns import qn
from vankien.publish.ooxml.package import parse, serialize


def _rels_base(rels_name: str) -> str:
    """The folder that the targets of a .rels part are relative to (``word/_rels/x.rels`` →
    ``word``; ``_rels/.rels`` → the package root)."""
    return posixpath.dirname(posixpath.dirname(rels_name))


def drop_part(parts: dict[str, bytes], name: str) -> None:
    """Remove part ``name``, its content-type override and the relationships that target it."""
    parts.pop(name, None)
    parts.pop(
        posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels"), None
    )
    if "[Content_Types].xml" in parts:
        types = parse(parts["[Content_Types].xml"])
        for node in list(types):
            if node.get("PartName", "").lstrip("/") == name:
                types.remove(node)
        parts["[Content_Types].xml"] = serialize(types)
    for rels_name in [n for n in parts if n.endswith(".rels")]:
        rels = parse(parts[rels_name])
        changed = False
        for rel in list(rels):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(_rels_base(rels_name), target))
            if path == name:
                rels.remove(rel)
                changed = True
        if changed:
            parts[rels_name] = serialize(rels)


def _uses_numbering(parts: dict[str, bytes]) -> bool:
    """Does any WordprocessingML part other than the numbering itself refer to a list?"""
    for name, data in parts.items():
        wordml = name.startswith("word/") and name.endswith(".xml")
        candidate = wordml and name != "word/numbering.xml" and b"numId" in data
        if candidate and parse(data).find(f".//{qn('w:numId')}") is not None:
            return True
    return False


def drop_unused_parts(parts: dict[str, bytes]) -> None:
    """Drop the numbering part when no paragraph or style uses a list, the comments part when
    it holds no comment, and the custom properties (pandoc copies the -M values there: template
    data, not document properties)."""
    if "word/numbering.xml" in parts and not _uses_numbering(parts):
        drop_part(parts, "word/numbering.xml")
    comments = parts.get("word/comments.xml")
    if comments is not None and parse(comments).find(qn("w:comment")) is None:
        drop_part(parts, "word/comments.xml")
    if "docProps/custom.xml" in parts:
        drop_part(parts, "docProps/custom.xml")
