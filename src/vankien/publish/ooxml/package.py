"""Zip I/O for .docx packages. It knows nothing of Word: parts are names and bytes.

Writing is reproducible: parts keep their order, every entry gets the same timestamp and
permissions, so the same parts always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from vankien.errors import UserError

if TYPE_CHECKING:
    from lxml import etree

# Zip timestamps cannot go below 1980.
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def read_parts(data: bytes, name: str = "tệp .docx") -> dict[str, bytes]:
    """All parts of a package, in archive order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}
    except zipfile.BadZipFile:
        raise UserError(
            f"{name} không phải tệp Word (.docx) hợp lệ",
            hint="tạo lại tệp (vankien reference) hoặc xóa nó để dùng bản mặc định.",
        ) from None


def write_parts(parts: Mapping[str, bytes], stamp: dt.datetime | None = None) -> bytes:
    """A zip of ``parts`` whose bytes depend only on the parts and ``stamp``."""
    when = max(stamp or _ZIP_EPOCH, _ZIP_EPOCH).astimezone(dt.UTC)
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()


def parse(data: bytes) -> etree._Element:
    from lxml import etree

    parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def serialize(root: etree._Element) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def transform_part(
    parts: dict[str, bytes], name: str, func: Callable[[etree._Element], None]
) -> None:
    """Apply ``func`` to the tree of part ``name`` in place (absent parts are skipped)."""
    with Trees(parts) as trees:
        trees.transform(name, func)


class Trees:
    """The parts of a package as trees, each parsed once however many transforms read it;
    those transformed are serialized once, back into ``parts``, when the block ends."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts
        self._trees: dict[str, etree._Element] = {}
        self._changed: set[str] = set()

    def __enter__(self) -> Trees:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            for name in sorted(self._changed):
                self.parts[name] = serialize(self._trees[name])
        self._trees.clear()
        self._changed.clear()

    def get(self, name: str) -> etree._Element | None:
        """The tree of part ``name``, to read (None when the package has no such part)."""
        if name not in self._trees:
            if name not in self.parts:
                return None
            self._trees[name] = parse(self.parts[name])
        return self._trees[name]

    def transform(self, name: str, func: Callable[[etree._Element], None]) -> None:
        """Apply ``func`` to the tree of part ``name`` (absent parts are skipped)."""
        root = self.get(name)
        if root is not None:
            func(root)
            self._changed.add(name)
