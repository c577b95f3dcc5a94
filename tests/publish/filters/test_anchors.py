"""filters/anchors.lua on whole reports: with anchors the build's filters give the very
document they give without (the anchor divs apart), and every anchor names the line its
block starts on, also below a target table the build put in (the examples have two).

The lines are checked against pandoc's own: the same text read with «+sourcepos», whose
wrappers give each block's first line (what the filter finds without reading twice)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from tests.publish.conftest import report_roots

from vankien.publish.anchors import parse_anchor
from vankien.publish.command import reference_for
from vankien.publish.pandoc import ANCHOR_FILES, READER, pandoc_path, run_pandoc
from vankien.publish.setup import build_setup, report_markdown, report_sources
from vankien.report.load import load_report

ANCHOR = "vk-anchor"
HERE = Path(__file__).resolve().parent
FILTER = HERE.parents[2] / "filters" / "anchors.lua"
HARD = HERE / "fixtures" / "anchors-hard.md"
BLOCKS = ("Para", "Plain", "Header")


def filtered(root: Path, *, anchors: bool, stage: str) -> Any:
    report = load_report(root)
    setup = build_setup(report, stage=stage)
    # As the build reads it: with the target tables of chi-tieu.yaml put in.
    markdown, spec = report_markdown(report)
    with tempfile.TemporaryDirectory() as tmp:
        reference = reference_for(root, setup.profile.id, Path(tmp), setup.profile)
        data = run_pandoc(
            root,
            markdown,
            reference,
            setup.values,
            report.unit.date,
            writer="json",
            anchors=spec if anchors else None,
        )
    return json.loads(data)


def is_anchor(node: Any) -> bool:
    """An anchor: a div of class vk-anchor around one block."""
    return (
        isinstance(node, dict)
        and node.get("t") == "Div"
        and ANCHOR in node["c"][0][1]
        and len(node["c"][1]) == 1
    )


def is_anchor_span(node: Any) -> bool:
    """A footnote's anchor: an empty span of class vk-anchor at the end of its block."""
    return (
        isinstance(node, dict)
        and node.get("t") == "Span"
        and ANCHOR in node["c"][0][1]
        and not node["c"][1]
    )


def strip(node: Any, found: list[tuple[str, Any]]) -> Any:
    """``node`` without anchor divs; ``found`` gets (name, inline list of the block held)."""
    if isinstance(node, list):
        out = []
        for item in node:
            if is_anchor(item):
                block = item["c"][1][0]
                found.append((item["c"][0][0], inlines_of(block)))
                out.append(strip(block, found))
            elif is_anchor_span(item):
                found.append((item["c"][0][0], node))
            else:
                out.append(strip(item, found))
        return out
    if isinstance(node, dict):
        return {k: strip(v, found) for k, v in node.items()}
    return node


def text_of(inlines: list[Any]) -> str:
    out: list[str] = []
    for node in inlines:
        if node.get("t") == "Str":
            out.append(node["c"])
        elif node.get("t") in ("Space", "SoftBreak"):
            out.append(" ")
        elif node.get("t") in ("Emph", "Strong", "Underline"):
            out.append(text_of(node["c"]))
        elif node.get("t") in ("Span", "Link"):
            out.append(text_of(node["c"][1]))
    return "".join(out)


@pytest.mark.parametrize("stage", ["draft", "final"])
@pytest.mark.parametrize("root", report_roots(), ids=lambda p: p.name)
def test_anchors_change_nothing_but_add_their_divs(root: Path, stage: str) -> None:
    plain = filtered(root, anchors=False, stage=stage)
    anchored = filtered(root, anchors=True, stage=stage)
    found: list[tuple[str, Any]] = []
    assert strip(anchored, found) == plain
    names = [name for name, _ in found]
    assert len(names) == len(set(names)), "anchor names repeat"
    assert len(names) > 5
    assert not strip(plain, [])["meta"].get("vk-anchor-files")
    assert "vk-anchor-files" not in anchored["meta"]


@pytest.mark.parametrize("root", report_roots(), ids=lambda p: p.name)
def test_every_anchor_names_a_line_that_holds_its_first_words(root: Path) -> None:
    anchored = filtered(root, anchors=True, stage="final")
    found: list[tuple[str, Any]] = []
    strip(anchored, found)
    files = {
        p.name[:2]: p.read_text(encoding="utf-8").split("\n") for p in read_sources_paths(root)
    }
    checked = 0
    for name, inlines in found:
        anchor = parse_anchor(name)
        assert anchor is not None, name
        line = files[anchor.prefix][anchor.line - 1]
        words = text_of(inlines).split()
        if not words or "{{" in line:
            continue
        # The block's first word (a list's typed marker apart) is on the named line.
        first = next(w for w in words if w not in ("-", "+") and not w.endswith((")", ".")))
        assert first.strip("*_:,") in line, (name, line, words[:4])
        checked += 1
    assert checked > 3


def read_sources_paths(root: Path) -> list[Path]:
    return [source.path for source in report_sources(load_report(root))]


def pandoc_json(source: Path, *args: str) -> Any:
    result = subprocess.run(
        [pandoc_path(), "-t", "json", *args, str(source)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def blocks_of(node: Any, out: list[Any], anchors: dict[int, str] | None = None) -> list[Any]:
    """Every paragraph, plain block and heading, in document order (footnotes' at their
    mark), wrappers and all; ``anchors`` gets the anchor of those an anchor div holds."""
    if isinstance(node, list):
        for item in node:
            blocks_of(item, out, anchors)
    elif isinstance(node, dict):
        if node.get("t") in BLOCKS:
            out.append(node)
            last = inlines_of(node)[-1:] if anchors is not None else []
            if last and is_anchor_span(last[0]):
                anchors[id(node)] = last[0]["c"][0][0]
        elif is_anchor(node) and anchors is not None:
            anchors[id(node["c"][1][0])] = node["c"][0][0]
        blocks_of(node.get("c") if "t" in node else node.get("blocks"), out, anchors)
    return out


def inlines_of(block: Any) -> list[Any]:
    return list(block["c"][2] if block["t"] == "Header" else block["c"])


def sourcepos_line(block: Any) -> int | None:
    """The line of the block's first positioned inline (sourcepos wraps each in a Span, or
    gives a span, link or image of its own a position)."""
    for inline in inlines_of(block):
        if inline.get("t") in ("Span", "Link", "Image", "Code"):
            attrs = dict(inline["c"][0][2])
            if "data-pos" in attrs:
                return int(attrs["data-pos"].rsplit("@", 1)[-1].split(":")[0])
    return None


def file_line(spec: str, line: int) -> tuple[str, int] | None:
    """(prefix, file line) of a joined line, as ``vk-anchor-files`` says (None: no file's)."""
    found = None
    for entry in spec.split(";"):
        prefix, start, skipped = entry.split(":")
        if int(start) <= line:
            found = (prefix, int(start), int(skipped))
    if found is None or found[0] == "--":
        return None
    return found[0], line - found[1] + 1 + found[2]


def compare(source: Path, spec: str) -> tuple[int, list[str]]:
    """How many blocks carry the anchor of the line pandoc's sourcepos gives them, and every
    block that does not."""
    names: dict[int, str] = {}
    anchored = blocks_of(
        pandoc_json(
            source, "-f", READER, "--lua-filter", str(FILTER), "-M", f"{ANCHOR_FILES}={spec}"
        ),
        [],
        names,
    )
    truth = blocks_of(pandoc_json(source, "-f", READER + "+sourcepos"), [])
    assert len(anchored) == len(truth)
    right, wrong = 0, []
    for ours, theirs in zip(anchored, truth, strict=True):
        line = sourcepos_line(theirs)
        expected = file_line(spec, line) if line is not None else None
        name = names.get(id(ours))
        got = parse_anchor(name) if name is not None else None
        if expected == (None if got is None else (got.prefix, got.line)):
            right += 1
        else:
            wrong.append(f"{text_of(inlines_of(ours))[:40]!r}: {name} ≠ {expected}")
    return right, wrong


def test_every_block_of_a_hard_text_gets_the_line_sourcepos_gives() -> None:
    """Links, a reference link, an entity, inline HTML, code, a footnote written below,
    a guidance comment with the next paragraph's words, repeated paragraphs, a nested list,
    a quote, a table with repeated cells, an image, a div, a setext heading."""
    right, wrong = compare(HARD, "07:1:0")
    assert wrong == []
    assert right >= 20


def test_the_lines_of_a_file_after_another(tmp_path: Path) -> None:
    text = HARD.read_text(encoding="utf-8")
    source = tmp_path / "joined.md"
    source.write_text(text + "\n" + text.replace("[^a]", "[^b]"), encoding="utf-8")
    second = text.count("\n") + 2
    right, wrong = compare(source, f"01:1:0;02:{second}:3")
    assert wrong == []
    assert right >= 40


@pytest.mark.parametrize("root", report_roots(), ids=lambda p: p.name)
def test_every_block_of_a_report_gets_the_line_sourcepos_gives(root: Path, tmp_path: Path) -> None:
    markdown, spec = report_markdown(load_report(root))
    source = tmp_path / "joined.md"
    source.write_text(markdown, encoding="utf-8")
    right, wrong = compare(source, spec)
    assert wrong == []
    assert right >= 10
