"""From a report folder to the pandoc document the build reads, and from a document to .docx.

These are the two halves of the build (``vankien.publish.pandoc.run_pandoc``) used apart: each
revision is read exactly as the build reads it (same reader, same Lua filters, same metadata),
and the tracked-changes document is written with the same template, reference.docx and
post-processing (revision ids renumbered), without running the filters a second time.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vankien.errors import UserError

if TYPE_CHECKING:
    from vankien.publish.setup import BuildSetup

Json = Any


def _pandoc(setup: BuildSetup, source: str, **kwargs: Any) -> bytes:
    from vankien.publish.command import reference_for
    from vankien.publish.pandoc import run_pandoc

    folder, profile = setup.report.root, setup.profile
    with tempfile.TemporaryDirectory(prefix="vankien-redline-") as tmp:
        reference = reference_for(folder, profile.id, Path(tmp), profile)
        return run_pandoc(folder, source, reference, setup.values, setup.unit.date, **kwargs)


FILE_MARK = "vankien-file:"


@dataclass(frozen=True)
class Revision:
    """A revision's filtered pandoc document, and the skeleton file each top block came from."""

    document: Json
    origins: tuple[str, ...]
    # The report read, with its profile and template values: the redline is written with it.
    setup: BuildSetup


def read_revision(folder: Path, *, final: bool = True, anchors: bool = False) -> Revision:
    """The pandoc document (JSON) of the report in ``folder``, after the build's filters.

    ``final`` reads it as the final stage does (no guidance, no placeholders): a redline
    compares what the congress will read, not the writers' notes. A comment naming each file
    goes in front of its text, so that every block can be traced to its file (and its author).
    ``anchors`` gives its blocks the build's anchors (filters/anchors.lua).
    """
    from vankien.publish.setup import build_setup, report_markdown
    from vankien.report.load import load_report

    setup = build_setup(load_report(folder), stage="final" if final else None)
    # The target tables as the build puts them in (from the revision's chi-tieu.yaml).
    markdown, spec = report_markdown(
        setup.report, lambda source: f"<!-- {FILE_MARK} {source.path.name} -->"
    )
    document: Json = json.loads(
        _pandoc(setup, markdown, writer="json", anchors=spec if anchors else None)
    )
    if anchors:
        from vankien.review.astdiff import anchors_as_spans

        document = anchors_as_spans(document)
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
    return Revision(document, tuple(origins), setup)


def write_docx(
    setup: BuildSetup,
    document: Json,
    *,
    properties: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """The .docx of ``document`` with the template, styles and post-processing of the report
    ``setup`` was read from (a revision's :attr:`Revision.setup`)."""
    from vankien.publish.ooxml.package import read_parts, transform_part, write_parts
    from vankien.publish.postprocess import postprocess
    from vankien.review.ooxml import mark_whole_paragraphs

    raw = _pandoc(
        setup,
        json.dumps(document, ensure_ascii=False),
        reader="json",
        filters=False,
    )
    parts = read_parts(raw)
    transform_part(parts, "word/document.xml", mark_whole_paragraphs)
    return postprocess(write_parts(parts), setup.doc_info(properties=properties))


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
