"""Build-test helpers: built documents (built once per session) and a small docx reader.

The reader resolves a paragraph's effective formatting the way Word does: direct formatting,
then the paragraph style and its basedOn chain, then the document defaults.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from vankien.publish.command import build_docx
from vankien.publish.ooxml.ns import qn
from vankien.publish.ooxml.package import parse, read_parts
from vankien.publish.pandoc import READER, pandoc_path
from vankien.publish.setup import report_sources
from vankien.publish.source import joined_markdown
from vankien.report.load import load_report

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = HERE / "fixtures"
MM = 1440 / 25.4  # twips per millimetre


def on(node: etree._Element | None) -> bool | None:
    """An OOXML on/off element: absent → None, <w:b/> → True, <w:b w:val="0"/> → False."""
    if node is None:
        return None
    return node.get(qn("w:val"), "1") not in ("0", "false", "off")


@dataclass
class Docx:
    data: bytes
    parts: dict[str, bytes] = field(init=False)
    doc: etree._Element = field(init=False)
    styles: dict[str, etree._Element] = field(init=False)
    defaults: etree._Element | None = field(init=False)

    def __post_init__(self) -> None:
        self.parts = read_parts(self.data)
        self.doc = parse(self.parts["word/document.xml"])
        styles = parse(self.parts["word/styles.xml"])
        self.styles = {s.get(qn("w:styleId")) or "": s for s in styles.iter(qn("w:style"))}
        self.defaults = styles.find(qn("w:docDefaults"))

    def part(self, name: str) -> etree._Element:
        return parse(self.parts[name])

    @property
    def body(self) -> etree._Element:
        body = self.doc.find(qn("w:body"))
        assert body is not None
        return body

    def tables(self) -> list[etree._Element]:
        return self.body.findall(qn("w:tbl"))

    def paragraphs(self) -> list[etree._Element]:
        """Body-level paragraphs (not those inside tables)."""
        return self.body.findall(qn("w:p"))

    @staticmethod
    def text(node: etree._Element) -> str:
        """What a reader sees: no-break spaces and hyphens as plain ones, a line break as
        "\n" (the build glues terms and dates with them: tests/publish/test_breaks.py)."""
        out = []
        for child in node.iter(qn("w:t"), qn("w:br"), qn("w:noBreakHyphen")):
            if child.tag == qn("w:t"):
                out.append((child.text or "").replace("\u00a0", " "))
            else:
                out.append("\n" if child.tag == qn("w:br") else "-")
        return "".join(out)

    @staticmethod
    def style_of(p: etree._Element) -> str:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return style.get(qn("w:val"), "") if style is not None else "Normal"

    def by_style(self, style_id: str) -> list[etree._Element]:
        return [p for p in self.doc.iter(qn("w:p")) if self.style_of(p) == style_id]

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain = []
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def _sources(self, p: etree._Element, kind: str) -> list[etree._Element]:
        """pPr or rPr elements in priority order for paragraph ``p``."""
        out: list[etree._Element] = []
        if kind == "rPr":
            for run in p.iter(qn("w:r")):
                rpr = run.find(qn("w:rPr"))
                if rpr is not None and self.text(run).strip():
                    out.append(rpr)
                    break
        else:
            ppr = p.find(qn("w:pPr"))
            if ppr is not None:
                out.append(ppr)
        for style in self._chain(self.style_of(p)):
            node = style.find(qn(f"w:{kind}"))
            if node is not None:
                out.append(node)
        if self.defaults is not None:
            node = self.defaults.find(f"{qn(f'w:{kind}Default')}/{qn(f'w:{kind}')}")
            if node is not None:
                out.append(node)
        return out

    def prop(self, p: etree._Element, kind: str, tag: str, attr: str) -> str | None:
        """The effective attribute ``attr`` of ``tag`` in pPr/rPr (per attribute, like Word)."""
        for source in self._sources(p, kind):
            node = source.find(qn(tag))
            if node is not None and node.get(qn(attr)) is not None:
                return node.get(qn(attr))
        return None

    def flag(self, p: etree._Element, tag: str) -> bool:
        for source in self._sources(p, "rPr"):
            value = on(source.find(qn(tag)))
            if value is not None:
                return value
        return False

    def keep_next(self, p: etree._Element) -> bool:
        for source in self._sources(p, "pPr"):
            value = on(source.find(qn("w:keepNext")))
            if value is not None:
                return value
        return False

    def size_pt(self, p: etree._Element) -> float:
        value = self.prop(p, "rPr", "w:sz", "w:val")
        assert value is not None
        return int(value) / 2

    def align(self, p: etree._Element) -> str:
        return self.prop(p, "pPr", "w:jc", "w:val") or "left"

    def indent_mm(self, p: etree._Element, side: str) -> float:
        value = self.prop(p, "pPr", "w:ind", f"w:{side}")
        return int(value) / MM if value else 0.0

    def spacing_pt(self, p: etree._Element, which: str) -> float:
        value = self.prop(p, "pPr", "w:spacing", f"w:{which}")
        return int(value) / 20 if value else 0.0

    def cells(self, table: etree._Element) -> list[list[etree._Element]]:
        return [row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))]

    def cell_lines(self, cell: etree._Element) -> list[str]:
        return [self.text(p) for p in cell.findall(qn("w:p"))]


@dataclass(frozen=True)
class Built:
    name: str
    root: Path
    docx: Docx
    profile: str
    org: str  # "dang-bo" or "chi-bo"
    final: bool


def copy_report(source: Path, target: Path) -> Path:
    """A writable copy of a report folder (symlinked skeletons are copied as files)."""
    shutil.copytree(source, target, symlinks=False)
    return target


_CACHE: dict[Path, Docx] = {}


def build_cached(root: Path) -> Docx:
    if root not in _CACHE:
        data, _ = build_docx(load_report(root))
        _CACHE[root] = Docx(data)
    return _CACHE[root]


def _describe(root: Path) -> tuple[str, str, bool]:
    from vankien.unit.load import load_unit

    unit = load_unit(root)
    org = "dang-bo" if unit.org_type.name == "DANG_BO" else "chi-bo"
    return unit.profile, org, unit.stage.is_final


def report_roots() -> list[Path]:
    """Every report folder the format checks run on: the fixtures, and the examples once written."""
    roots = [FIXTURES / "dang-bo-draft", FIXTURES / "chi-bo-nd30"]
    for name in ("dang-bo", "chi-bo"):
        example = REPO / "examples" / name
        if (example / "report.yaml").is_file() and (example / "skeleton").is_dir():
            roots.append(example)
    return roots


def read_json(text: str, reader: str = READER) -> Any:
    """The pandoc AST (JSON) of ``text`` as ``reader`` (by default the build's) reads it."""
    out = subprocess.run(
        [pandoc_path(), "-f", reader, "-t", "json"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def pandoc_nodes(text: str) -> Iterator[dict[str, Any]]:
    """Every element of the pandoc AST of ``text`` as the build's reader reads it (JSON)."""
    stack: list[Any] = [read_json(text)["blocks"]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))


@functools.cache
def source_blocks(root: Path) -> frozenset[str]:
    """What a report's Markdown holds, as the build's reader (pandoc) reads it: «HeadingN» for
    each heading level it uses and «Table» when it has a table. A check of one kind of block
    is generated for the documents that have one, instead of being generated and skipped."""
    found: set[str] = set()
    for node in pandoc_nodes(joined_markdown(root, report_sources(load_report(root)))):
        if node.get("t") == "Header":
            found.add(f"Heading{node['c'][0]}")
        elif node.get("t") == "Table":
            found.add("Table")
    return frozenset(found)


@pytest.fixture(scope="session", params=report_roots(), ids=lambda p: p.name)
def built(request: pytest.FixtureRequest) -> Built:
    root: Path = request.param
    profile, org, final = _describe(root)
    return Built(root.name, root, build_cached(root), profile, org, final)


@pytest.fixture(scope="session")
def draft_docx() -> Docx:
    return build_cached(FIXTURES / "dang-bo-draft")


@pytest.fixture(scope="session")
def final_nd30_docx() -> Docx:
    return build_cached(FIXTURES / "chi-bo-nd30")


@pytest.fixture
def report_copy_of(tmp_path: Path) -> Callable[[str], Path]:
    def make(name: str) -> Path:
        return copy_report(FIXTURES / name, tmp_path / name)

    return make
