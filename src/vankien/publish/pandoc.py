"""Running pandoc: the reader, the template, the filters, nothing fetched from outside."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vankien.errors import UserError
from vankien.publish.blocks import TemplateValues
from vankien.publish.filtered import (
    KEEP_FILTER,
    MARK,
    MARK_ENV,
    PATH_ENV,
    FilteredMemo,
    memo_for,
    split_at_mark,
)
from vankien.report.cache import stamp_of
from vankien.resources import find, toolchain_dir

# The one reader setting of the project. The linter parses with mistune and must see the same
# heading tree: CommonMark with pandoc's extensions, where "a)" and "I." stay literal text
# (no fancy_lists) and quotes/dashes are not rewritten (no smart).
READER = "commonmark_x-fancy_lists-smart"

# Applied in this order; each does one job (see the header comment of each file).
FILTERS: tuple[str, ...] = (
    "guidance.lua",  # needs the placeholders: before placeholder.lua
    "raw-html.lua",  # after guidance.lua, which reads the guidance comments
    "placeholder.lua",
    "part-heading.lua",
    "literal-lists.lua",
    "pagebreak.lua",
    "landscape.lua",
    "anchors.lua",  # last: no other filter sees an anchor; it finds the blocks they left
)


# A filter whose marks are all absent from the text has nothing to do there, and every pass of
# a filter over the document costs time (pandoc hands each element it looks at to Lua): it is
# not run. A mark is a regular expression, looked for outside HTML comments (pandoc reads
# nothing in them as Markdown) unless the filter reads comments; a filter not listed always
# runs; anchors.lua runs when anchors are asked for.
@dataclass(frozen=True)
class Marks:
    pattern: re.Pattern[str]
    in_comments: bool = False


FILTER_MARKS: dict[str, Marks] = {
    "guidance.lua": Marks(re.compile(r"<!--"), in_comments=True),
    # HTML that can hold text starts with a tag (a comment holds none: raw-html.lua leaves it)
    "raw-html.lua": Marks(re.compile(r"</?[A-Za-z]")),
    "placeholder.lua": Marks(re.compile(r"placeholder")),
    "pagebreak.lua": Marks(re.compile(r"\\newpage|pagebreak")),
    "landscape.lua": Marks(re.compile(r"landscape")),
}
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
# With anchors, filters/anchors.lua finds the line each block starts on in the text it read.
ANCHOR_FILES = "vk-anchor-files"
GUIDANCE_META = "vk-guidance-label"
TEMPLATE = Path(__file__).resolve().parent / "template" / "document.xml"


def pandoc_path() -> str:
    """The pandoc that pypandoc-binary installs (``pypandoc/files/pandoc``), found without
    importing pypandoc: its ``__init__`` imports urllib (~40 ms of every build)."""
    from importlib.util import find_spec

    spec = find_spec("pypandoc")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    name = "pandoc.exe" if sys.platform == "win32" else "pandoc"
    for folder in folders:
        path = Path(folder) / "files" / name
        if path.is_file():
            return str(path)
    raise UserError(
        "không tìm thấy pandoc",
        hint="cài lại vankien cùng gói pypandoc-binary (make setup).",
    )


def filter_metadata() -> list[tuple[str, str]]:
    """Facts the filters need that are defined in Python (passed with --metadata): the words
    that open a guidance comment after «<!--» (filters/guidance.lua)."""
    from vankien.skeleton.render import GUIDANCE_LABEL

    return [(GUIDANCE_META, GUIDANCE_LABEL)]


def epoch_of(date: dt.date) -> int:
    return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp())


def filter_paths(root: Path, text: str, *, anchors: bool) -> list[Path]:
    """The filters ``text`` needs, in order (see :data:`FILTER_MARKS`)."""
    prose = _COMMENT_RE.sub(" ", text) if "<!--" in text else text
    return [
        find(root, "filters", name)
        for name in FILTERS
        if needed(name, text, anchors=anchors, prose=prose)
    ]


def needed(name: str, text: str, *, anchors: bool, prose: str | None = None) -> bool:
    """Whether filter ``name`` has anything to do in ``text`` (``prose``: the text without
    its HTML comments, when the caller has it)."""
    if name == "anchors.lua":
        return anchors
    marks = FILTER_MARKS.get(name)
    if marks is None:
        return True
    if not marks.in_comments:
        text = prose if prose is not None else _COMMENT_RE.sub(" ", text)
    return marks.pattern.search(text) is not None


def run_pandoc(
    root: Path,
    markdown: str,
    reference: Path,
    values: TemplateValues,
    date: dt.date,
    *,
    reader: str = READER,
    writer: str = "docx",
    filters: bool = True,
    anchors: str | None = None,
) -> bytes:
    """The docx pandoc writes for ``markdown`` (see :func:`started_pandoc`).

    The redline uses the two halves separately: ``writer="json"`` gives the filtered document,
    and ``reader="json", filters=False`` writes a (tracked-changes) document with the same
    template, reference and metadata.
    """
    with started_pandoc(
        root,
        markdown,
        reference,
        values,
        date,
        reader=reader,
        writer=writer,
        filters=filters,
        anchors=anchors,
    ) as run:
        return run.result()


class PandocRun:
    """A pandoc at work on the build's text; :meth:`result` waits for what it wrote.

    ``start(whole)`` starts pandoc: the whole pipeline, or (``whole`` False) only the writer,
    on the filtered document kept by an earlier build (:mod:`vankien.publish.filtered`), whose
    reader's and filters' messages are ``kept``.
    """

    def __init__(
        self,
        root: Path,
        out: Path,
        start: Callable[[bool], subprocess.Popen[bytes]],
        memo: FilteredMemo | None = None,
        kept: list[str] | None = None,
    ) -> None:
        self.root = root
        self.out = out
        self.start = start
        self.memo = memo
        self.kept = kept
        self.process = start(kept is None)

    def result(self) -> bytes:
        """The file pandoc wrote; its warnings for the user are printed on stderr."""
        returncode, stderr = self._finish()
        if returncode == 0 and self.out.is_file():
            lines = self._messages(stderr)
        elif self.kept is not None and self.memo is not None and returncode > 0:
            # The kept document did not read back (a damaged cache file): forget it and run
            # the whole pipeline, as without a cache.
            self.memo.drop()
            self.kept = None
            self.process = self.start(True)
            return self.result()
        else:
            message = stderr.strip()
            stopped = stopped_error(self.root, returncode, message)
            if stopped is not None:
                raise stopped
            raise RuntimeError(f"pandoc thất bại (mã {returncode}): {message}")
        for line in user_warnings("\n".join(lines)):
            print(line, file=sys.stderr)
        return self.out.read_bytes()

    def _finish(self) -> tuple[int, str]:
        _, stderr_bytes = self.process.communicate()
        return self.process.returncode, stderr_bytes.decode("utf-8", "replace")

    def _messages(self, stderr: str) -> list[str]:
        """What pandoc said, as one whole run says it; the filtered document is kept when the
        whole run wrote it."""
        if self.kept is not None:
            return [*self.kept, *stderr.splitlines()]
        if self.memo is None:
            return stderr.splitlines()
        halves = split_at_mark(stderr)
        if halves is None:
            self.memo.discard_part()
            return stderr.splitlines()
        self.memo.store(halves[0])
        return [*halves[0], *halves[1]]

    def stop(self) -> None:
        """Stop pandoc if it is still at work (its output is not wanted)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        if self.memo is not None:
            self.memo.discard_part()


@contextmanager
def started_pandoc(
    root: Path,
    markdown: str,
    reference: Path,
    values: TemplateValues,
    date: dt.date,
    *,
    reader: str = READER,
    writer: str = "docx",
    filters: bool = True,
    anchors: str | None = None,
    keep_in: Path | None = None,
) -> Iterator[PandocRun]:
    """pandoc started on ``markdown``, at work while the caller does something else (the
    build lints meanwhile); stopped, and its files removed, when the block ends.

    ``anchors`` (where each skeleton file starts in ``markdown``, from
    :func:`vankien.publish.source.joined_with_anchors`) gives every block its hidden anchor
    bookmark (filters/anchors.lua). ``keep_in``, the report's cache folder, keeps the filtered
    document for the next build given the same, which then only runs the writer
    (:mod:`vankien.publish.filtered`).
    """
    with tempfile.TemporaryDirectory(prefix="vankien-pandoc-") as tmp:
        folder = Path(tmp)
        out = folder / "out.docx"
        data_dir = folder / "data"  # empty: no user's ~/.pandoc can change the output
        data_dir.mkdir()
        lua = filter_paths(root, markdown, anchors=anchors is not None) if filters else []
        metadata = [*values.metadata, *(filter_metadata() if filters else [])]
        if anchors is not None:
            metadata.append((ANCHOR_FILES, anchors))
        writing = [
            "--to",
            writer,
            "--data-dir",
            str(data_dir),
            "--reference-doc",
            str(reference),
            "--template",
            str(TEMPLATE),
            "--syntax-highlighting",
            "none",  # no coloured code-token styles in a Party document
            "--resource-path",
            os.pathsep.join(["skeleton", "."]),
            "--output",
            str(out),
        ]
        for name, value in values.variables:
            writing += ["--variable", f"{name}={value}"]
        memo = _memo(keep_in, root, reader, lua, metadata, markdown) if lua else None
        kept = memo.kept() if memo is not None else None
        env = {
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "HOME": tmp,
            "SOURCE_DATE_EPOCH": str(epoch_of(date)),
        }

        def start(whole: bool) -> subprocess.Popen[bytes]:
            if whole:
                source = folder / "source.md"  # a file: filters/anchors.lua reads it again
                source.write_text(markdown, encoding="utf-8")
                args = [pandoc_path(), "--from", reader, *writing, str(source)]
                for path in lua:
                    args += ["--lua-filter", str(path)]
                for name, value in metadata:
                    args += ["--metadata", f"{name}={value}"]
                if memo is not None and memo.ready():
                    args += ["--lua-filter", str(KEEP_FILTER)]
                    env.update({PATH_ENV: str(memo.part), MARK_ENV: MARK})
            else:
                assert memo is not None
                source = folder / "filtered.json"
                memo.copy_to(source)  # its metadata is the whole run's, after the filters
                args = [pandoc_path(), "--from", "json", *writing, str(source)]
            return subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=root,
                env=env,
            )

        try:
            run = PandocRun(root, out, start, memo, kept)
        except OSError:  # the kept document went missing meanwhile
            run = PandocRun(root, out, start, memo)
        try:
            yield run
        finally:
            run.stop()


def _memo(
    folder: Path | None,
    root: Path,
    reader: str,
    lua: list[Path],
    metadata: list[tuple[str, str]],
    markdown: str,
) -> FilteredMemo | None:
    """Where the filtered document of this input is kept; None with the cache off, or with a
    report's own filter (it might read more than the document: see filtered.py)."""
    shipped = toolchain_dir("filters").resolve()
    if folder is None or not all(path.resolve().is_relative_to(shipped) for path in lua):
        return None
    # pandoc and the filters by size and time, as every cache entry knows its code
    given = [stamp_of([Path(pandoc_path()), KEEP_FILTER, *lua]), reader]
    given += [f"{name}={value}" for name, value in metadata]
    given.append(markdown)
    return memo_for(folder, root, given)


def stopped_error(root: Path, returncode: int, stderr: str) -> UserError | None:
    """A pandoc stopped from outside (a signal, or memory running out) is not a bug of the
    report or of vankien: say what happened and that running again is the cure."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = str(-returncode)
        what = f"bị dừng giữa chừng bởi tín hiệu {name}"
    elif "out of memory" in stderr or "Heap exhausted" in stderr:
        what = "hết bộ nhớ giữa chừng"
    else:
        return None
    return UserError(
        f"chương trình pandoc (dựng văn bản Word) {what}, nên chưa tạo được văn bản",
        path=root,
        hint="thường do máy thiếu bộ nhớ hoặc tiến trình bị dừng tay: đóng bớt chương trình "
        "rồi chạy lại lệnh; chưa có tệp nào bị ghi.",
    )


def user_warnings(stderr: str) -> list[str]:
    """Pandoc's warnings for the user: the filters' own (``vankien: …``) in plain Vietnamese,
    without pandoc's English prefix and the filter's path; anything else as pandoc wrote it."""
    out: list[str] = []
    for line in stderr.splitlines():
        _, mark, message = line.partition("vankien: ")
        if mark:
            text = f"Lưu ý: {message.strip()}"
            if text not in out:
                out.append(text)
        elif line.strip():
            out.append(f"pandoc: {line.strip()}")
    return out
