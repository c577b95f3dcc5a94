"""Where each paragraph of a built document came from: invisible bookmarks, and what the
document says about the build.

Every document vankien builds (``vankien build``, the redline) carries, for each paragraph,
heading, list item and table cell, a *hidden bookmark* (a name starting with ``_``: Word lists
such bookmarks only when «Hidden bookmarks» is ticked, and never prints them) whose name says
the skeleton file and line the block starts on::

    _vk03L120       skeleton/03-….md, line 120 (the first block that starts on that line)
    _vk03L120_2     the second block starting on that line (a table row's second cell, …)

The two digits are the skeleton file's ``NN-`` prefix (unique in a report, never a path), the
line is 1-based in that file. Names stay well under Word's 40-character limit and use only
letters, digits and ``_``, which Word and LibreOffice keep as typed. filters/anchors.lua
writes them without the ``_`` (pandoc hashes a name that starts with one) and the build's
post-processing adds it (:func:`hidden_name`).

The build also records, in ``docProps/custom.xml``, what a later reader needs to know where the
document came from (:class:`BuildIdentity`): the report's unit, the anchor scheme, and the
commit the sources were taken from when the build knows it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ANCHOR_PREFIX = "_vk"
ANCHOR_SCHEME = "1"  # the value of the vankien-anchors property: the naming scheme above
MAX_BOOKMARK = 40  # Word truncates longer bookmark names

ANCHOR_RE = re.compile(r"^_?vk(?P<nn>\d{2})L(?P<line>[1-9]\d*)(?:_(?P<k>[2-9]|[1-9]\d+))?$")

# docProps/custom.xml property names (one fact in one place: the build writes, readers read).
PROP_UNIT = "vankien-unit"  # the unit's output name (report.yaml «output»)
PROP_ISSUER = "vankien-issuer"  # the issuing organisation as printed
PROP_COMMIT = "vankien-commit"  # the git commit the sources were taken from ("" unknown)
PROP_MODIFIED = "vankien-modified"  # "1" when the skeleton files differed from that commit
PROP_ANCHORS = "vankien-anchors"  # ANCHOR_SCHEME


@dataclass(frozen=True, order=True)
class Anchor:
    """One block's origin: the skeleton file's two-digit prefix, the line, and the rank of the
    block among those starting on that line (1 for the first)."""

    prefix: str  # "03"
    line: int  # 1-based line in the skeleton file
    rank: int = 1

    @property
    def name(self) -> str:
        """The bookmark name: ``_vk03L120`` or ``_vk03L120_2``."""
        base = f"{ANCHOR_PREFIX}{self.prefix}L{self.line}"
        return base if self.rank == 1 else f"{base}_{self.rank}"


def hidden_name(name: str) -> str | None:
    """The hidden bookmark name for a name filters/anchors.lua wrote (``vk03L120`` →
    ``_vk03L120``); None for any other name."""
    if name.startswith(ANCHOR_PREFIX[1:]) and ANCHOR_RE.match(name):
        return "_" + name
    return None


def parse_anchor(name: str) -> Anchor | None:
    """The anchor a bookmark name stands for, or None when it is not one of vankien's."""
    m = ANCHOR_RE.match(name)
    if m is None:
        return None
    return Anchor(m.group("nn"), int(m.group("line")), int(m.group("k") or 1))


@dataclass(frozen=True)
class BuildIdentity:
    """What a built document says about its build (docProps/custom.xml); None fields: not
    recorded (a document built before anchors existed, or not by vankien)."""

    unit: str | None  # report.yaml «output» of the unit, e.g. "bao-cao-chinh-tri-dang-bo-…"
    issuer: str | None  # the issuing organisation, e.g. "Đảng ủy Sở Khoa học và Công nghệ"
    commit: str | None  # full commit hash of the sources, when the build knew it
    modified: bool  # the skeleton files had uncommitted changes against that commit
    anchors: str | None  # the anchor scheme (ANCHOR_SCHEME) or None: no anchors

    def properties(self) -> tuple[tuple[str, str], ...]:
        """The docProps/custom.xml properties that record this identity (the build's side)."""
        out = [(PROP_ANCHORS, self.anchors or "")]
        if self.unit is not None:
            out.append((PROP_UNIT, self.unit))
        if self.issuer is not None:
            out.append((PROP_ISSUER, self.issuer))
        if self.commit is not None:
            out.append((PROP_COMMIT, self.commit))
            out.append((PROP_MODIFIED, "1" if self.modified else "0"))
        return tuple(out)

    @classmethod
    def from_properties(cls, props: Mapping[str, str]) -> BuildIdentity:
        """The identity the custom properties of a document record (the reader's side)."""
        return cls(
            unit=props.get(PROP_UNIT) or None,
            issuer=props.get(PROP_ISSUER) or None,
            commit=props.get(PROP_COMMIT) or None,
            modified=props.get(PROP_MODIFIED) == "1",
            anchors=props.get(PROP_ANCHORS) or None,
        )


def build_identity(root: Path, unit: str, issuer: str) -> BuildIdentity:
    """The identity a build of the report folder ``root`` records: the commit comes from git
    when the folder is in a repository (never a path, never a user name)."""
    from vankien.gitio import head_state

    state = head_state(root)
    return BuildIdentity(
        unit=unit,
        issuer=issuer,
        commit=state[0] if state else None,
        modified=state[1] if state else False,
        anchors=ANCHOR_SCHEME,
    )
