"""The blocks around the body, as template values: page-1 header, title, closing.

Everything comes from report.yaml (the Unit), the outline's closing and the profile. Text goes
to pandoc as metadata (-M: kept literal and written as runs); widths as variables (-V).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vankien.outline.model import Closing
from vankien.publish.breaks import balanced_lines
from vankien.publish.profile import Profile
from vankien.publish.textwidth import NBSP
from vankien.skeleton.render import substitute
from vankien.unit.model import Unit

if TYPE_CHECKING:
    from vankien.report.cache import RunCache


@dataclass(frozen=True)
class TemplateValues:
    metadata: list[tuple[str, str]]  # -M name=value (repeated names make lists)
    variables: list[tuple[str, str]]  # -V name=value


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def fill(text: str, values: dict[str, str]) -> str:
    """``{{name}}`` → value (unknown names stay visible, for the writer to notice)."""
    return substitute(text, values)


def keep_spaces(text: str) -> str:
    """Pandoc collapses runs of spaces; a blank left for a number must keep its width."""
    return re.sub(r" {2,}", lambda m: NBSP * len(m.group(0)), text)


def doc_number(unit: Unit, profile: Profile) -> str:
    blank = NBSP * profile.header.number_blank
    number = blank if unit.doc_number is None else f"{unit.doc_number:02d}"
    return profile.header.number_format.format(
        number=number, type="BC", body=unit.org_type.body_code
    )


def subject_line(unit: Unit, profile: Profile) -> str:
    """«của <author>, trình Đại hội <kind> lần thứ …, nhiệm kỳ …»; the author by org type."""
    text = (
        f"của {unit.author}, trình Đại hội {unit.congress_kind} lần thứ "
        f"{unit.congress_text()}, nhiệm kỳ {unit.current_term.text()}"
    )
    case = str(unit.build.get("subject_case", profile.texts.subject_case))
    return text.upper() if case == "upper" else text


def on_behalf(unit: Unit, profile: Profile) -> str:
    prefix = profile.texts.on_behalf_prefix
    text = unit.on_behalf
    return re.sub(r"^T\s*/\s*M\.?\s+|^TM\.\s*", f"{prefix} ", text, count=1)


def recipients(unit: Unit, closing: Closing, values: dict[str, str]) -> list[str]:
    items = unit.recipients or closing.recipients
    out = []
    for item in items:
        text = fill(item, values).strip()
        text = re.sub(r"^[-–+]\s*", "", text)
        if text:
            out.append(text)
    return out


def header_lines(unit: Unit, key: str, profile: Profile, memo: RunCache | None = None) -> list[str]:
    """A name of the header's left column («superior» or «issuer»), in capitals, on lines:
    the office's own breaks from report.yaml, else balanced ones (vankien.publish.breaks)
    that fit the column in the style's size."""
    chosen = unit.header_lines.get(key)
    if chosen:
        return [line.upper() for line in chosen]
    name = unit.superior if key == "superior" else unit.issuer
    style = profile.styles[f"header_{key}"]
    width = profile.header.left_width_mm * 72 / 25.4
    return balanced_lines(name.upper(), width, style.size or 14, bold=bool(style.bold), memo=memo)


def template_values(
    unit: Unit, closing: Closing, profile: Profile, memo: RunCache | None = None
) -> TemplateValues:
    """What the template shows of the unit; ``memo``: the report's cache (the balanced
    header lines are kept there)."""
    values = unit.variables()
    header = profile.header
    page = profile.page
    text_mm = page.width_mm - page.left_mm - page.right_mm
    right_mm = text_mm - header.left_width_mm
    meta: list[tuple[str, str]] = [
        ("vk-stage", "final" if unit.stage.is_final else "draft"),
        ("lang", "vi-VN"),
        *(("vk-superior", line) for line in header_lines(unit, "superior", profile, memo)),
        *(("vk-issuer", line) for line in header_lines(unit, "issuer", profile, memo)),
        ("vk-nation", header.nation),
        ("vk-number", keep_spaces(doc_number(unit, profile))),
        ("vk-date", unit.date_text()),
        ("vk-title", profile.texts.title),
        ("vk-subject", subject_line(unit, profile)),
        ("vk-dash", profile.texts.dash),
        ("vk-recipients-label", closing.recipients_label),
        ("vk-on-behalf", on_behalf(unit, profile)),
        ("vk-signer-title", fill(unit.signer_title or closing.signer_title, values)),
        ("vk-signer-name", unit.signer_name),
    ]
    if header.motto:
        meta.append(("vk-motto", header.motto))
    if unit.stage.draft is not None:
        meta.append(("vk-draft", profile.texts.draft_mark.format(n=unit.stage.draft)))
    meta.extend(("vk-recipient", r) for r in recipients(unit, closing, values))
    meta.extend(("vk-var", f"{name}={value}") for name, value in sorted(values.items()))
    variables: list[tuple[str, str]] = [
        ("vk-text-w", str(twips(text_mm))),
        ("vk-left-w", str(twips(header.left_width_mm))),
        ("vk-right-w", str(twips(right_mm))),
        ("vk-rule-ind", str(twips((right_mm - header.rule_mm) / 2))),
        ("vk-closing-left-w", str(twips(header.left_width_mm))),
        ("vk-closing-right-w", str(twips(right_mm))),
    ]
    if header.issuer_mark == "star":
        variables.append(("vk-star", "true"))
    elif header.issuer_rule_mm is not None:
        indent = (header.left_width_mm - header.issuer_rule_mm) / 2
        variables.append(("vk-issuer-rule-ind", str(twips(indent))))
    variables.extend(("vk-sign-space", "1") for _ in range(profile.texts.sign_blank_lines))
    return TemplateValues(meta, variables)
