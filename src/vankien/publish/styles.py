"""The registry of Word styles the official document uses: profile key → Word style.

One explicit list. The profile gives every entry's figures; ``reference`` writes them into
reference.docx; the template, the filters and the tests refer to the style ids listed here.
Pandoc's own ids (BodyText, Heading1…) are kept, because pandoc looks styles up by id.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StyleSpec:
    key: str  # the key under ``styles:`` in a profile
    ids: tuple[str, ...]  # Word style ids that get these figures (Body Text and First Paragraph)
    names: tuple[str, ...]
    kind: str = "paragraph"  # or "character"
    based_on: str | None = "Normal"
    next: str | None = None
    custom: bool = True


STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("normal", ("Normal",), ("Normal",), based_on=None, custom=False),
    # The body: pandoc uses First Paragraph after headings and Body Text elsewhere.
    StyleSpec(
        "body",
        ("BodyText", "FirstParagraph"),
        ("Body Text", "First Paragraph"),
        next="BodyText",
        custom=False,
    ),
    StyleSpec("compact", ("Compact",), ("Compact",)),  # table cells, tight lists
    StyleSpec("footnote", ("FootnoteText",), ("footnote text",), custom=False),
    StyleSpec("page_number", ("Header",), ("header",), custom=False),
    # Headings: Phần line + its title, then I., 1., 1.1., 1.1.1., a)
    StyleSpec("part_line", ("PartLine",), ("Part Line",), next="Heading1"),
    StyleSpec("part_title", ("Heading1",), ("heading 1",), next="BodyText", custom=False),
    StyleSpec("roman", ("Heading2",), ("heading 2",), next="BodyText", custom=False),
    StyleSpec("arabic", ("Heading3",), ("heading 3",), next="BodyText", custom=False),
    StyleSpec("decimal2", ("Heading4",), ("heading 4",), next="BodyText", custom=False),
    StyleSpec("decimal3", ("Heading5",), ("heading 5",), next="BodyText", custom=False),
    StyleSpec("alpha", ("Heading6",), ("heading 6",), next="BodyText", custom=False),
    # Page-1 header table
    StyleSpec("header_superior", ("HeaderSuperior",), ("Header Superior",)),
    StyleSpec("header_issuer", ("HeaderIssuer",), ("Header Issuer",)),
    StyleSpec("header_mark", ("HeaderMark",), ("Header Mark",)),
    StyleSpec("header_number", ("HeaderNumber",), ("Header Number",)),
    StyleSpec("header_nation", ("HeaderNation",), ("Header Nation",)),
    StyleSpec("header_motto", ("HeaderMotto",), ("Header Motto",)),
    StyleSpec("header_date", ("HeaderDate",), ("Header Date",)),
    # Title block
    StyleSpec("draft_mark", ("DraftMark",), ("Draft Mark",)),
    StyleSpec("doc_title", ("ReportTitle",), ("Report Title",)),
    StyleSpec("doc_subject", ("ReportSubject",), ("Report Subject",)),
    StyleSpec("doc_dash", ("ReportDash",), ("Report Dash",)),
    # Closing block
    StyleSpec("recipients_label", ("RecipientsLabel",), ("Recipients Label",)),
    StyleSpec("recipient", ("Recipient",), ("Recipient",)),
    StyleSpec("sign_on_behalf", ("SignOnBehalf",), ("Sign On Behalf",)),
    StyleSpec("sign_title", ("SignTitle",), ("Sign Title",)),
    StyleSpec("sign_space", ("SignSpace",), ("Sign Space",)),
    StyleSpec("sign_name", ("SignName",), ("Sign Name",)),
    # Drafts only
    StyleSpec("guidance", ("Guidance",), ("Guidance",)),
    StyleSpec("placeholder", ("Placeholder",), ("Placeholder",), kind="character", based_on=None),
)

BY_KEY: dict[str, StyleSpec] = {spec.key: spec for spec in STYLES}


def style_id(key: str) -> str:
    return BY_KEY[key].ids[0]
