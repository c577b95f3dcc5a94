"""Running pandoc: the reader, the template, the filters, nothing fetched from outside."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vankien.errors import UserError
from vankien.publish.blocks import TemplateValues
from vankien.resources import find

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
    """A pandoc at work on the build's text; :meth:`result` waits for what it wrote."""

    def __init__(self, root: Path, process: subprocess.Popen[bytes], out: Path) -> None:
        self.root = root
        self.process = process
        self.out = out

    def result(self) -> bytes:
        """The file pandoc wrote; its warnings for the user are printed on stderr."""
        _, stderr_bytes = self.process.communicate()
        stderr = stderr_bytes.decode("utf-8", "replace")
        returncode = self.process.returncode
        if returncode != 0 or not self.out.is_file():
            message = stderr.strip()
            stopped = stopped_error(self.root, returncode, message)
            if stopped is not None:
                raise stopped
            raise RuntimeError(f"pandoc thất bại (mã {returncode}): {message}")
        for line in user_warnings(stderr):
            print(line, file=sys.stderr)
        return self.out.read_bytes()

    def stop(self) -> None:
        """Stop pandoc if it is still at work (its output is not wanted)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


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
) -> Iterator[PandocRun]:
    """pandoc started on ``markdown``, at work while the caller does something else (the
    build lints meanwhile); stopped, and its files removed, when the block ends.

    ``anchors`` (where each skeleton file starts in ``markdown``, from
    :func:`vankien.publish.source.joined_with_anchors`) gives every block its hidden anchor
    bookmark (filters/anchors.lua).
    """
    with tempfile.TemporaryDirectory(prefix="vankien-pandoc-") as tmp:
        out = Path(tmp) / "out.docx"
        source = Path(tmp) / "source.md"  # a file: filters/anchors.lua reads it again
        source.write_text(markdown, encoding="utf-8")
        data_dir = Path(tmp) / "data"  # empty: no user's ~/.pandoc can change the output
        data_dir.mkdir()
        args = [
            pandoc_path(),
            "--from",
            reader,
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
            str(source),
        ]
        for path in filter_paths(root, markdown, anchors=anchors is not None) if filters else []:
            args += ["--lua-filter", str(path)]
        for name, value in [*values.metadata, *(filter_metadata() if filters else [])]:
            args += ["--metadata", f"{name}={value}"]
        if anchors is not None:
            args += ["--metadata", f"{ANCHOR_FILES}={anchors}"]
        for name, value in values.variables:
            args += ["--variable", f"{name}={value}"]
        env = {
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "HOME": tmp,
            "SOURCE_DATE_EPOCH": str(epoch_of(date)),
        }
        process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=root,
            env=env,
        )
        run = PandocRun(root, process, out)
        try:
            yield run
        finally:
            run.stop()


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
