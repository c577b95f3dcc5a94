"""From a report folder to the pandoc document the build reads, and from a document to .docx.

These are the two seams the redline needs: each revision is read exactly as the build reads it
(joined skeleton, the build's Lua filters), the tracked-changes document is written with the
report's official formatting (the profile's reference.docx) and the build's post-processing
(revision ids renumbered).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from vankien.errors import UserError

Json = Any
READER = "commonmark_x-fancy_lists"
FILTERS = (
    "variables.lua",
    "guidance.lua",
    "placeholder.lua",
    "literal-lists.lua",
    "part-heading.lua",
    "pagebreak.lua",
)


def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def run_pandoc(args: list[str], data: bytes, what: str) -> bytes:
    proc = subprocess.run([pandoc_path(), *args], input=data, capture_output=True, check=False)
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()
        raise UserError(f"pandoc không {what} được: {detail}")
    return proc.stdout


def read_revision(folder: Path, *, final: bool = True) -> Json:
    """The pandoc document (JSON) of the report in ``folder``, after the build's filters.

    ``final`` reads it as the final stage reads it (no guidance, no placeholders): a redline
    compares what the congress will read, not the writers' notes.
    """
    from vankien import resources
    from vankien.build.source import joined_markdown, read_sources
    from vankien.unit.load import load_unit

    unit = load_unit(folder)
    markdown = joined_markdown(folder, read_sources(folder))
    args = ["-f", READER, "-t", "json", "-M", f"vk-stage={'final' if final else 'draft'}"]
    for name, value in unit.variables().items():
        args += ["-M", f"vk-var={name}={value}"]
    for name in FILTERS:
        try:
            path = resources.find(folder, "filters", name)
        except UserError:
            continue
        args += ["--lua-filter", str(path)]
    out = run_pandoc(args, markdown.encode("utf-8"), "đọc được nội dung báo cáo")
    document: Json = json.loads(out)
    return document


def reference_docx(folder: Path) -> bytes:
    """The report's reference.docx, made from its profile the way the build makes it."""
    from vankien.build.profile import find_profile
    from vankien.build.reference import make_reference
    from vankien.unit.load import load_unit

    unit = load_unit(folder)
    return make_reference(find_profile(folder, unit.profile))


def write_docx(folder: Path, document: Json) -> bytes:
    """A .docx of ``document`` with the report's styles, tracked-change ids made unique."""
    from vankien.build.ooxml.package import read_parts, transform_part, write_parts
    from vankien.build.ooxml.transforms import renumber_revisions
    from vankien.review.ooxml import mark_whole_paragraphs

    with tempfile.TemporaryDirectory(prefix="vankien-redline-") as tmp:
        reference = Path(tmp) / "reference.docx"
        reference.write_bytes(reference_docx(folder))
        data = run_pandoc(
            ["-f", "json", "-t", "docx", "--reference-doc", str(reference), "-o", "-"],
            json.dumps(document, ensure_ascii=False).encode("utf-8"),
            "ghi được tệp Word",
        )
    parts = read_parts(data)
    transform_part(parts, "word/document.xml", mark_whole_paragraphs)
    transform_part(parts, "word/document.xml", renumber_revisions)
    return write_parts(parts)


def read_docx(data: bytes, track_changes: str) -> Json:
    """A .docx read back by pandoc with ``--track-changes=accept|reject|all``."""
    out = run_pandoc(
        ["-f", "docx", "-t", "json", f"--track-changes={track_changes}"],
        data,
        "đọc lại được tệp Word",
    )
    document: Json = json.loads(out)
    return document
