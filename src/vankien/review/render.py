"""From a report folder to the pandoc document the build reads, and from a document to .docx.

These are the two halves of the build (``vankien.publish.pandoc.run_pandoc``) used apart: each
revision is read exactly as the build reads it (same reader, same Lua filters, same metadata),
and the tracked-changes document is written with the same template, reference.docx and
post-processing (revision ids renumbered), without running the filters a second time.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vankien.errors import UserError

if TYPE_CHECKING:
    from vankien.publish.blocks import TemplateValues
    from vankien.unit.model import Unit

Json = Any


@dataclass(frozen=True)
class _Setup:
    unit: Unit
    values: TemplateValues
    title: str
    subject: str


def _setup(folder: Path, *, final: bool) -> _Setup:
    from vankien.outline.load import load_outline
    from vankien.publish.blocks import template_values
    from vankien.publish.profile import find_profile
    from vankien.resources import find
    from vankien.unit.load import load_unit

    unit = load_unit(folder)
    outline = load_outline(find(folder, "outline", f"{unit.outline}.yaml"))
    profile = find_profile(folder, unit.profile)
    values = template_values(unit, outline.closing, profile)
    if final:
        meta = [(k, "final" if k == "vk-stage" else v) for k, v in values.metadata]
        values = replace(values, metadata=meta)
    subject = dict(values.metadata).get("vk-subject", "")
    title = f"{profile.texts.title.capitalize()} — {unit.issuer}"
    return _Setup(unit, values, title, subject)


def _pandoc(folder: Path, setup: _Setup, source: str, **kwargs: Any) -> bytes:
    from vankien.publish.command import _reference_for
    from vankien.publish.pandoc import run_pandoc

    with tempfile.TemporaryDirectory(prefix="vankien-redline-") as tmp:
        reference = _reference_for(folder, setup.unit.profile, Path(tmp))
        return run_pandoc(folder, source, reference, setup.values, setup.unit.date, **kwargs)


FILE_MARK = "vankien-file:"


@dataclass(frozen=True)
class Revision:
    """A revision's filtered pandoc document, and the skeleton file each top block came from."""

    document: Json
    origins: tuple[str, ...]


def read_revision(folder: Path, *, final: bool = True, anchors: bool = False) -> Revision:
    """The pandoc document (JSON) of the report in ``folder``, after the build's filters.

    ``final`` reads it as the final stage does (no guidance, no placeholders): a redline
    compares what the congress will read, not the writers' notes. A comment naming each file
    goes in front of its text, so that every block can be traced to its file (and its author).
    ``anchors`` gives its blocks the build's anchors (filters/anchors.lua).
    """
    from vankien.outline.load import load_outline
    from vankien.publish.source import joined_with_anchors, read_sources
    from vankien.resources import find
    from vankien.targets.place import target_sources

    setup = _setup(folder, final=final)
    outline = load_outline(find(folder, "outline", f"{setup.unit.outline}.yaml"))
    # The target tables as the build puts them in (from the revision's chi-tieu.yaml).
    sources = target_sources(folder, read_sources(folder), outline, setup.unit)
    markdown, spec = joined_with_anchors(
        folder, sources, lambda source: f"<!-- {FILE_MARK} {source.path.name} -->"
    )
    document: Json = json.loads(
        _pandoc(folder, setup, markdown, writer="json", anchors=spec if anchors else None)
    )
    blocks: list[Json] = []
    origins: list[str] = []
    current = ""
    for block in document["blocks"]:
        if block["t"] == "RawBlock" and FILE_MARK in block["c"][1]:
            current = block["c"][1].split(FILE_MARK, 1)[1].replace("-->", "").strip()
            continue
        blocks.append(block)
        origins.append(current)
    document["blocks"] = blocks
    return Revision(document, tuple(origins))


def write_docx(
    folder: Path,
    document: Json,
    *,
    final: bool = True,
    properties: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """The .docx of ``document`` with the report's template, styles and post-processing."""
    from vankien.publish.ooxml.package import read_parts, transform_part, write_parts
    from vankien.publish.postprocess import DocInfo, postprocess
    from vankien.review.ooxml import mark_whole_paragraphs

    setup = _setup(folder, final=final)
    raw = _pandoc(
        folder,
        setup,
        json.dumps(document, ensure_ascii=False),
        reader="json",
        filters=False,
    )
    parts = read_parts(raw)
    transform_part(parts, "word/document.xml", mark_whole_paragraphs)
    date = setup.unit.date
    info = DocInfo(
        title=setup.title,
        subject=setup.subject,
        creator=setup.unit.issuer,
        when=dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC),
        properties=properties,
    )
    return postprocess(write_parts(parts), info)


def read_docx(data: bytes, track_changes: str) -> Json:
    """A .docx read back by pandoc with ``--track-changes=accept|reject|all``."""
    from vankien.publish.pandoc import pandoc_path

    proc = subprocess.run(
        [pandoc_path(), "-f", "docx", "-t", "json", f"--track-changes={track_changes}"],
        input=data,
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()
        raise UserError(f"pandoc không đọc lại được tệp Word: {detail}")
    document: Json = json.loads(proc.stdout)
    return document
