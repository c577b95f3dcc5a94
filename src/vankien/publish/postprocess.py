"""After pandoc: the layered transforms, in order, over the parts they touch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vankien.publish.ooxml import transforms as t
from vankien.publish.ooxml.package import parse, read_parts, serialize, transform_part, write_parts
from vankien.publish.styles import style_id


@dataclass(frozen=True)
class DocInfo:
    title: str
    subject: str
    creator: str
    when: dt.datetime
    # docProps/custom.xml: where the document came from (vankien.word.anchors' properties);
    # nothing else goes there.
    properties: tuple[tuple[str, str], ...] = ()


def postprocess(docx: bytes, info: DocInfo) -> bytes:
    parts = read_parts(docx)
    transform_part(parts, "word/document.xml", t.renumber_revisions)
    for name in ("word/document.xml", "word/footnotes.xml"):
        transform_part(parts, name, t.hide_anchors)
    transform_part(
        parts,
        "word/document.xml",
        lambda doc: t.keep_with_closing(doc, style_id("recipients_label")),
    )
    transform_part(parts, "word/document.xml", t.complete_sections)
    transform_part(parts, "word/document.xml", t.fit_tables)
    transform_part(parts, "word/document.xml", t.continuous_footnotes)
    transform_part(
        parts,
        "docProps/core.xml",
        lambda core: t.set_core_properties(
            core, title=info.title, subject=info.subject, creator=info.creator, when=info.when
        ),
    )
    transform_part(parts, "docProps/app.xml", t.clean_app_properties)
    if t.CUSTOM_PART in parts or info.properties:
        # pandoc copies the -M values there: template data, not document properties.
        parts.pop(t.CUSTOM_PART, None)
        types = parse(parts["[Content_Types].xml"])
        rels = parse(parts["_rels/.rels"])
        t.drop_custom_properties(types, rels)
        if info.properties:
            t.add_custom_properties(types, rels)
            parts[t.CUSTOM_PART] = serialize(t.custom_properties(info.properties))
        parts["[Content_Types].xml"] = serialize(types)
        parts["_rels/.rels"] = serialize(rels)
    return write_parts(parts, info.when)
