"""filters/anchors.lua on whole reports: with anchors the build's filters give the very
document they give without (the anchor spans apart), and every anchor names the line its
block starts on, also below a target table the build put in (the examples have two)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from tests.publish.conftest import report_roots

from vankien.publish.anchors import parse_anchor
from vankien.publish.command import reference_for
from vankien.publish.pandoc import run_pandoc
from vankien.publish.setup import build_setup, report_markdown, report_sources
from vankien.report.load import load_report

ANCHOR = "vk-anchor"


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
    return [source.path for source in report_sources(load_report(root))]
