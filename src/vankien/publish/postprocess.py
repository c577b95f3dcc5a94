"""After pandoc: the layered transforms, in order, over the parts they touch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vankien.publish.breaks import balance_centred, centred_styles, protect_paragraphs
from vankien.publish.ooxml import transforms as t
from vankien.publish.ooxml.package import Trees, parse, read_parts, serialize, write_parts
from vankien.publish.ooxml.parts import drop_unused_parts
from vankien.publish.ooxml.tables import TableLook, table_look, typeset_tables
from vankien.publish.styles import style_id

if TYPE_CHECKING:
    from vankien.report.cache import RunCache


@dataclass(frozen=True)
class DocInfo:
    title: str
    subject: str
    creator: str
    when: dt.datetime
    # docProps/custom.xml: where the document came from (vankien.publish.anchors' properties);
    # nothing else goes there.
    properties: tuple[tuple[str, str], ...] = ()


def prepare() -> None:
    """Read what the post-processing needs besides pandoc's output (lxml, the non-breaking
    patterns, the font's widths), so that a build does it while pandoc still works: ~6 ms
    less after pandoc is done."""
    import lxml.etree  # noqa: F401  (the parser itself; the modules import its types only)

    from vankien.publish.breaks import protect
    from vankien.publish.textwidth import width_pt

    protect("")
    width_pt(" ", 1.0)


def postprocess(docx: bytes, info: DocInfo, memo: RunCache | None = None) -> bytes:
    """The document pandoc wrote, finished; ``memo``: the report's cache (balanced lines)."""
    parts = read_parts(docx)
    with Trees(parts) as trees:
        trees.transform("word/document.xml", t.renumber_revisions)
        for name in ("word/document.xml", "word/footnotes.xml"):
            trees.transform(name, t.hide_anchors)
        trees.transform(
            "word/document.xml",
            lambda doc: t.keep_with_closing(doc, style_id("recipients_label")),
        )
        trees.transform("word/document.xml", t.complete_sections)
        styles = trees.get("word/styles.xml")
        look = table_look(styles) if styles is not None else TableLook()
        trees.transform("word/document.xml", lambda doc: protect_paragraphs(doc, memo))
        if styles is not None:
            fonts = centred_styles(styles)
            trees.transform("word/document.xml", lambda doc: balance_centred(doc, fonts, memo))
        notes = "word/footnotes.xml"
        trees.transform(notes, lambda part: protect_paragraphs(part, memo, notes))
        trees.transform("word/document.xml", lambda doc: typeset_tables(doc, look))
        trees.transform("word/document.xml", t.continuous_footnotes)
        trees.transform(
            "docProps/core.xml",
            lambda core: t.set_core_properties(
                core, title=info.title, subject=info.subject, creator=info.creator, when=info.when
            ),
        )
        trees.transform("docProps/app.xml", t.app_properties)
    drop_unused_parts(parts)  # pandoc's custom.xml (the -M values) among them
    if info.properties:
        types = parse(parts["[Content_Types].xml"])
        rels = parse(parts["_rels/.rels"])
        t.add_custom_properties(types, rels)
        parts[t.CUSTOM_PART] = serialize(t.custom_properties(info.properties))
        parts["[Content_Types].xml"] = serialize(types)
        parts["_rels/.rels"] = serialize(rels)
    return write_parts(parts, info.when)
