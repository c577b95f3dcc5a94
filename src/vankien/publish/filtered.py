"""The filtered document, kept between builds in the report's cache.

pandoc's work on a build has two halves: reading the Markdown and running the Lua filters
(~130 of the ~290 ms it takes on the đảng bộ example, ~1 s of 2 s at ×16), then writing the
.docx. The first half gives a document that depends only on what pandoc was given for it: the
text, the reader, the filters and the metadata they read. So a build that gives the same again
(the report rebuilt without a change to its text, a release after a build) lets pandoc write
the .docx from the document the last build's filters produced: it reads pandoc's own JSON,
which takes no filter and little parsing, and the .docx is byte for byte the one the whole run
writes (the writer receives the same document). A changed text, filter or setting is another
key, and pandoc runs whole, as in CI, where the cache is off.

The last run of the whole pipeline writes the document through ``template/keep.lua``, its
last filter, so keeping it costs no second pandoc run. What pandoc said about the text while
reading and filtering (the filters' «vankien: …» notes) is kept with it, and said again on a
build that reuses it. Only the toolchain's own filters are trusted to read nothing but the
document: with a report's own copy in ``filters/`` nothing is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vankien.report.cache import digest, prepare_cache_folder, replace_entries, write_cache_file

KEEP_FILTER = Path(__file__).resolve().parent / "template" / "keep.lua"
# What keep.lua reads from its environment: where to write, and the line it then writes on
# stderr (the boundary between the reader's and filters' messages and the writer's).
PATH_ENV = "VANKIEN_KEEP_FILTERED"
MARK_ENV = "VANKIEN_KEEP_MARK"
MARK = "vankien-filtered-document-kept"
ABANDONED_AFTER_S = 600.0


@dataclass(frozen=True)
class FilteredMemo:
    """Where the filtered document of one pandoc input is kept (one entry per report: the
    last one written replaces the others)."""

    folder: Path
    prefix: str
    key: str

    @property
    def document(self) -> Path:
        return self.folder / f"{self.prefix}{self.key}.json"

    @property
    def messages(self) -> Path:
        return self.folder / f"{self.prefix}{self.key}.log"

    @property
    def part(self) -> Path:
        """Where keep.lua writes, beside the entry (so that keeping it is a rename)."""
        return self.folder / f"{self.prefix}{self.key}.{os.getpid()}.part"

    def kept(self) -> list[str] | None:
        """pandoc's messages of the kept run's first half, or None when nothing is kept."""
        try:
            text = self.messages.read_text(encoding="utf-8")
            if not self.document.is_file():
                return None
        except (OSError, UnicodeDecodeError):
            return None
        return text.splitlines()

    def copy_to(self, target: Path) -> None:
        """The kept document, copied where pandoc reads it: a build of the same report that
        replaces the entry meanwhile cannot take it from under this one."""
        shutil.copyfile(self.document, target)

    def ready(self) -> bool:
        """Whether keep.lua can write here (the cache folder made, with its .gitignore)."""
        try:
            prepare_cache_folder(self.folder)
        except OSError:
            return False
        return True

    def store(self, messages: Sequence[str]) -> None:
        """Keep what keep.lua wrote, with pandoc's ``messages`` before the mark; the report's
        earlier entries go. A failure only means nothing is kept."""
        try:
            write_cache_file(self.messages, "".join(f"{line}\n" for line in messages).encode())
            self.part.replace(self.document)
        except OSError:
            self.drop()
            return
        # A part file still fresh is another build of the report, at work.
        replace_entries(self.folder, f"{self.prefix}*", (self.document, self.messages), _working)

    def discard_part(self) -> None:
        with contextlib.suppress(OSError):
            self.part.unlink(missing_ok=True)

    def drop(self) -> None:
        """Forget the entry (pandoc could not read it back)."""
        for path in (self.messages, self.document, self.part):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


def _working(path: Path) -> bool:
    """A part file some build is still to rename: keep.lua writes it in one go, and the build
    renames it seconds later, so one untouched for long was left by a build that was killed."""
    if path.suffix != ".part":
        return False
    try:
        return time.time() - path.stat().st_mtime <= ABANDONED_AFTER_S
    except OSError:
        return True


def memo_for(folder: Path, root: Path, given: Sequence[str]) -> FilteredMemo:
    """The entry for a pandoc first half given ``given`` (a stamp of pandoc and the filters,
    the reader, the metadata, the Markdown: everything its document depends on),
    in the cache ``folder`` of the report ``root``."""
    h = hashlib.sha256()
    for part in given:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    prefix = f"filtered-{digest(str(root.resolve()))[:12]}-"
    return FilteredMemo(folder.absolute(), prefix, h.hexdigest()[:32])  # pandoc runs elsewhere


def split_at_mark(stderr: str) -> tuple[list[str], list[str]] | None:
    """pandoc's lines before and after keep.lua's mark, or None when it wrote none."""
    lines = stderr.splitlines()
    if MARK not in lines:
        return None
    at = lines.index(MARK)
    return lines[:at], lines[at + 1 :]
