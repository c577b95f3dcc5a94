"""filters/anchors.lua on whole reports: with anchors the build's filters give the very
document they give without (the anchor spans apart), and every anchor names the line its
block starts on."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from tests.publish.conftest import report_roots

from vankien.outline.load import load_outline
from vankien.publish.blocks import template_values
from vankien.publish.command import _reference_for
from vankien.publish.pandoc import run_pandoc
from vankien.publish.profile import find_profile
from vankien.publish.source import joined_with_anchors, read_sources
from vankien.resources import find
from vankien.unit.load import load_unit
from vankien.word.anchors import parse_anchor

ANCHOR = "vk-anchor"


def filtered(root: Path, *, anchors: bool, stage: str) -> Any:
    unit = load_unit(root)
    outline = load_outline(find(root, "outline", f"{unit.outline}.yaml"))
    profile = find_profile(root, unit.profile)
    values = template_values(unit, outline.closing, profile)
    values.metadata[:] = [(k, stage if k == "vk-stage" else v) for k, v in values.metadata]
    markdown, spec = joined_with_anchors(root, read_sources(root))
    with tempfile.TemporaryDirectory() as tmp:
        reference = _reference_for(root, profile.id, Path(tmp), profile)
        data = run_pandoc(
            root,
            markdown,
            reference,
            values,
            unit.date,
            writer="json",
            anchors=spec if anchors else None,
        )
    return json.loads(data)


def is_anchor(node: Any) -> bool:
    return isinstance(node, dict) and node.get("t") == "Span" and ANCHOR in node["c"][0][1]


def strip(node: Any, found: list[tuple[str, Any]]) -> Any:
    """``node`` without anchor spans; ``found`` gets (name, enclosing inline list)."""
    if isinstance(node, list):
        out = []
        for item in node:
            if is_anchor(item):
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
def test_anchors_change_nothing_but_add_their_spans(root: Path, stage: str) -> None:
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
    return [source.path for source in read_sources(root)]
