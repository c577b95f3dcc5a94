"""What every document the build makes of a loaded report shares: its profile, template
values, title and document info, the Markdown pandoc reads, and the reference.docx.

``vankien build``, the redline (review/render.py), the comments table (word/comments.py) and
the filter tests all start here, from the one :class:`~vankien.report.model.Report` the
command loaded, instead of reading report.yaml and the outline again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from vankien.errors import UserError
from vankien.publish.blocks import TemplateValues, template_values
from vankien.publish.postprocess import DocInfo
from vankien.publish.source import BuildSource, joined_with_anchors
from vankien.skeleton.files import SKELETON_DIR

if TYPE_CHECKING:
    from vankien.publish.profile import Profile
    from vankien.report.model import Report
    from vankien.unit.model import Unit


def document_title(profile: Profile, unit: Unit) -> str:
    """The document's title in its properties: «Báo cáo chính trị — <issuer>»."""
    return f"{profile.texts.title.capitalize()} — {unit.issuer}"


def document_date(unit: Unit) -> dt.datetime:
    """The report's date as the document's creation and modification time (UTC midnight)."""
    return dt.datetime(unit.date.year, unit.date.month, unit.date.day, tzinfo=dt.UTC)


@dataclass(frozen=True)
class BuildSetup:
    """A loaded report with its profile and template values, ready for pandoc."""

    report: Report
    profile: Profile
    values: TemplateValues

    @property
    def unit(self) -> Unit:
        return self.report.unit

    @cached_property
    def subject(self) -> str:
        return dict(self.values.metadata).get("vk-subject", "")

    def doc_info(
        self,
        *,
        title: str | None = None,
        subject: str | None = None,
        properties: tuple[tuple[str, str], ...] = (),
    ) -> DocInfo:
        """The document's properties: the report's title and subject unless told otherwise."""
        unit = self.unit
        return DocInfo(
            title=title if title is not None else document_title(self.profile, unit),
            subject=subject if subject is not None else self.subject,
            creator=unit.issuer,
            when=document_date(unit),
            properties=properties,
        )


def build_setup(report: Report, *, stage: str | None = None) -> BuildSetup:
    """The profile and template values of ``report``; ``stage`` ("draft", "final") reads it
    as that stage would be built (the redline compares final texts)."""
    from vankien.publish.profile import find_profile

    unit = report.unit
    profile = find_profile(report.root, unit.profile)
    values = template_values(unit, report.outline.closing, profile, report.run_cache)
    if stage is not None:
        meta = [(k, stage if k == "vk-stage" else v) for k, v in values.metadata]
        values = replace(values, metadata=meta)
    return BuildSetup(report, profile, values)


def report_sources(report: Report) -> list[BuildSource]:
    """The skeleton files as the report read them, with the target tables of chi-tieu.yaml
    put in where their markers stand and the ``{{variables}}`` filled in."""
    from vankien.publish.variables import fill_variables
    from vankien.targets.place import place_tables

    if not report.texts:
        raise UserError(
            "thư mục skeleton/ không có tệp nội dung nào (dạng NN-ten.md)",
            path=report.root / SKELETON_DIR,
            hint="chạy «vankien scaffold» để tạo các tệp khung từ đề cương.",
        )
    data = report.target_data
    values = report.variables
    out: list[BuildSource] = []
    for rel, typed in report.texts:
        path = report.root / rel
        text, inserted = place_tables(path, typed, report.outline, data)
        text, unknown = fill_variables(text, values)
        out.append(BuildSource(path, text, inserted, unknown))
    return out


def report_markdown(
    report: Report, banner: Callable[[BuildSource], str] | None = None
) -> tuple[str, str]:
    """The Markdown pandoc reads for ``report`` and its anchor map (filters/anchors.lua)."""
    return joined_with_anchors(report.root, report_sources(report), banner)
