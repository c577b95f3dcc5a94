"""The build's reader sees the same heading tree as the linter (mistune), file by file.

The linter checks the structure the writers typed; the document is built from what pandoc
reads. Both must agree on which lines are headings and at which level, or a report could pass
lint and still come out with a different structure.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.publish.conftest import pandoc_nodes

from vankien.publish.pandoc import FILTER_MARKS, FILTERS, READER, needed, pandoc_path
from vankien.report.document import parse_file

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def markdown_files() -> list[Path]:
    files = sorted((HERE / "fixtures").glob("**/*.md"))
    for folder in (
        REPO / "skeleton",
        REPO / "examples" / "dang-bo" / "skeleton",
        REPO / "examples" / "chi-bo" / "skeleton",
    ):
        files += sorted(folder.glob("*.md"))
    return files


def pandoc_headings(text: str) -> list[tuple[int, str]]:
    def first_word(inlines: list[dict]) -> str:
        for inline in inlines:
            if inline["t"] == "Str":
                return inline["c"]
        return ""

    return [
        (node["c"][0], first_word(node["c"][2]))
        for node in pandoc_nodes(text)
        if node.get("t") == "Header"
    ]


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_pandoc_and_the_linter_see_the_same_headings(path):
    text = path.read_text(encoding="utf-8")
    lint = [
        (h.level, h.text.split()[0] if h.text.split() else "")
        for h in parse_file(path.name, text).headings
    ]
    assert pandoc_headings(text) == lint


def test_reader_keeps_typed_enumerators_and_quotes_literal():
    out = subprocess.run(
        [pandoc_path(), "-f", READER, "-t", "native"],
        input='a) chữ\n\nI. La Mã\n\n"ngoặc" -- gạch...\n',
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "OrderedList" not in out
    assert 'Str "a)"' in out and 'Str "I."' in out
    assert "Quoted" not in out and "\\8211" not in out and "\\8230" not in out


def test_filters_are_listed_in_order_and_exist():
    assert FILTERS[0] == "guidance.lua"
    assert FILTERS[-1] == "anchors.lua"  # it finds the blocks every other filter left
    assert FILTERS.index("guidance.lua") < FILTERS.index("placeholder.lua")
    for name in FILTERS:
        assert (REPO / "filters" / name).is_file()


def _children_named(name: str) -> list[int]:
    """Processes called ``name`` whose parent is this test process."""
    import os

    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        if comm == name and ppid == os.getpid():
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux /proc")
def test_pandoc_killed_by_a_signal_is_a_clear_error(tmp_path: Path) -> None:
    """A real pandoc, given a long document, is killed while it works (as the OOM killer
    would): the build says so in Vietnamese instead of «RuntimeError: … (mã -9)»."""
    import datetime as dt
    import os
    import signal
    import threading
    import time

    from vankien.errors import UserError
    from vankien.publish.blocks import TemplateValues
    from vankien.publish.pandoc import run_pandoc

    markdown = "".join(f"## {i}. Mục\n\nĐoạn văn *thứ* {i} của báo cáo.\n\n" for i in range(60000))
    reference = tmp_path / "reference.docx"
    reference.write_bytes(b"")
    caught: list[BaseException] = []

    def work() -> None:
        try:
            run_pandoc(
                tmp_path,
                markdown,
                reference,
                TemplateValues([], []),
                dt.date(2025, 5, 20),
                writer="json",
                filters=False,
            )
        except BaseException as exc:  # handed to the test thread
            caught.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    deadline = time.monotonic() + 30
    killed = False
    while thread.is_alive() and time.monotonic() < deadline and not killed:
        for pid in _children_named("pandoc"):
            os.kill(pid, signal.SIGKILL)
            killed = True
        time.sleep(0.005)
    thread.join()
    assert killed, "pandoc finished before it could be killed"
    assert len(caught) == 1 and isinstance(caught[0], UserError), caught
    rendered = caught[0].render()
    assert "pandoc" in rendered and "bị dừng giữa chừng bởi tín hiệu SIGKILL" in rendered
    assert "chạy lại" in rendered and "RuntimeError" not in rendered


def test_pandoc_is_found_without_importing_pypandoc() -> None:
    # In a fresh interpreter: pypandoc's __init__ (urllib and all) must not run for the path.
    code = (
        "import sys; from vankien.publish.pandoc import pandoc_path; p = pandoc_path(); "
        "print(p); print('pypandoc' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    path, imported = result.stdout.split()
    assert imported == "False"
    assert Path(path).parent.name == "files" and Path(path).parent.parent.name == "pypandoc"
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("pandoc ")


CASES = HERE / "filters" / "cases"


def _native(source: Path, *filters: str) -> str:
    from vankien.publish.pandoc import filter_metadata

    args = [pandoc_path(), "-f", READER, "-t", "native"]
    for name in filters:
        args += ["--lua-filter", str(REPO / "filters" / name)]
    for name, value in filter_metadata():
        args += ["-M", f"{name}={value}"]
    meta = source.parent / "metadata.txt"
    if meta.is_file():
        args += [f"-M{line}" for line in meta.read_text(encoding="utf-8").splitlines() if line]
    return subprocess.run([*args, str(source)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", sorted(FILTER_MARKS))
def test_a_filter_is_skipped_only_where_it_has_nothing_to_do(name: str) -> None:
    """Each case of the filter holds one of its marks; on every other filter's case input
    without them, running it changes nothing (so skipping it there loses nothing)."""
    own = sorted((CASES / name.removesuffix(".lua")).glob("*/input.md"))
    assert own
    for case in own:
        assert needed(name, case.read_text(encoding="utf-8"), anchors=True), case
    others = [
        case
        for case in sorted(CASES.glob("*/*/input.md"))
        if case not in own and not needed(name, case.read_text(encoding="utf-8"), anchors=True)
    ]
    assert others
    for case in others:
        assert _native(case, name) == _native(case), case


def test_marks_inside_a_comment_do_not_count_except_for_the_guidance() -> None:
    commented = "<!-- HƯỚNG DẪN: thay [Viết]{.placeholder}, <b>đậm</b>, \\newpage -->\n\nChữ.\n"
    assert needed("guidance.lua", commented, anchors=False)
    for name in ("placeholder.lua", "raw-html.lua", "pagebreak.lua"):
        assert not needed(name, commented, anchors=False), name
        assert needed(
            name, commented + "\n[Viết]{.placeholder} <b>x</b>\n\n\\newpage\n", anchors=False
        )
    assert not needed("raw-html.lua", "Chỉ có <!-- ghi chú --> thôi.\n", anchors=False)
    assert needed("anchors.lua", "", anchors=True) and not needed("anchors.lua", "", anchors=False)
