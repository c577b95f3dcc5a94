"""Every lint rule, listed explicitly. Codes are stable and never reused.

To add a rule: write its check function (docstring = docs page prose), add a ``Rule`` here,
add ``tests/lint/cases/<CODE>.yaml`` and run ``vankien rules --docs docs/rules``.
"""

from __future__ import annotations

from vankien.lint import suppress
from vankien.lint.model import Family, Rule, Severity
from vankien.lint.rules import consistency, length, placeholders, structure

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

S, P, C, L, X = (
    Family.STRUCTURE,
    Family.PLACEHOLDER,
    Family.CONSISTENCY,
    Family.LENGTH,
    Family.SUPPRESSION,
)

RULES: tuple[Rule, ...] = (
    # Structure: generated from the outline.
    Rule(
        "STR001",
        "missing-required-heading",
        "Thiếu đề mục bắt buộc của đề cương",
        S,
        E,
        structure.check_missing_heading,
        ("outline",),
    ),
    Rule(
        "STR002",
        "heading-number-out-of-sequence",
        "Số đề mục trùng, nhảy cóc, đi lùi hoặc không thuộc mục cha",
        S,
        E,
        structure.check_numbering,
        ("numbering",),
        fixable=True,
    ),
    Rule(
        "STR003",
        "heading-level-mismatch",
        "Số «#» của đề mục không khớp cấp của số mục",
        S,
        E,
        structure.check_heading_level,
        ("markdown",),
        fixable=True,
    ),
    Rule(
        "STR004",
        "heading-text-differs-from-outline",
        "Tiêu đề khác với đề cương",
        S,
        W,
        structure.check_heading_text,
        ("outline",),
    ),
    Rule(
        "STR005",
        "heading-not-in-outline",
        "Đề mục không có trong đề cương, ở chỗ đề cương không cho thêm",
        S,
        W,
        structure.check_unexpected_heading,
        ("outline",),
    ),
    Rule(
        "STR006",
        "heading-in-wrong-file",
        "Đề mục nằm sai tệp so với đề cương",
        S,
        W,
        structure.check_wrong_file,
        ("outline", "owners"),
    ),
    Rule(
        "STR007",
        "heading-out-of-outline-order",
        "Đề mục sai thứ tự so với đề cương",
        S,
        E,
        structure.check_heading_order,
        ("outline",),
    ),
    Rule(
        "STR008",
        "empty-section",
        "Mục chưa có nội dung",
        S,
        E,
        structure.check_empty_section,
        ("stage",),
        draft_severity=W,
    ),
    # Placeholders: text still to be written.
    Rule(
        "PH001",
        "ellipsis-placeholder",
        "Dấu chấm lửng, dãy chấm để trống chưa điền",
        P,
        E,
        placeholders.check_ellipsis,
        ("stage",),
        draft_severity=W,
        scope="file",
    ),
    Rule(
        "PH002",
        "write-here-placeholder",
        "Còn chỗ «[Viết nội dung tại đây]» chưa viết",
        P,
        E,
        placeholders.check_write_here,
        ("stage",),
        draft_severity=W,
        scope="file",
    ),
    Rule(
        "PH003",
        "guidance-left-in-text",
        "Hướng dẫn của đề cương còn nằm trong phần nội dung",
        P,
        E,
        placeholders.check_guidance_left,
        ("stage", "outline"),
        draft_severity=W,
        scope="file",
    ),
    Rule(
        "PH004",
        "undefined-variable",
        "Biến {{…}} không có trong report.yaml",
        P,
        E,
        placeholders.check_undefined_variable,
        ("variables",),
        scope="file",
    ),
    Rule(
        "PH005",
        "word-artefact",
        "Dấu vết của Word dán vào (bookmark, _GoBack, _Hlk…)",
        P,
        E,
        placeholders.check_word_artefact,
        ("paste",),
        fixable=True,
        scope="file",
    ),
    Rule(
        "PH006",
        "todo-marker",
        "Ghi chú việc còn phải làm (TODO, cần bổ sung, ??)",
        P,
        E,
        placeholders.check_todo,
        ("stage",),
        draft_severity=W,
        scope="file",
    ),
    # Consistency with report.yaml.
    Rule(
        "CON001",
        "term-not-of-report",
        "Nhiệm kỳ không phải nhiệm kỳ hiện tại hoặc nhiệm kỳ trước",
        C,
        E,
        consistency.check_term_of_report,
        ("term",),
        scope="file",
    ),
    Rule(
        "CON002",
        "term-not-five-years",
        "Nhiệm kỳ không dài 5 năm",
        C,
        E,
        consistency.check_term_length,
        ("term",),
        scope="file",
    ),
    Rule(
        "CON003",
        "year-range-notation",
        "Khoảng năm không viết theo dạng «2025 - 2030»",
        C,
        W,
        consistency.check_year_range_notation,
        ("term", "notation"),
        fixable=True,
        scope="file",
    ),
    Rule(
        "CON004",
        "congress-number-mismatch",
        "Số đại hội không khớp report.yaml",
        C,
        E,
        consistency.check_congress_number,
        ("congress",),
        fixable=True,
        scope="file",
    ),
    Rule(
        "CON005",
        "org-type-alternatives-left",
        "Còn để cả hai cách viết «Đảng bộ (Chi bộ)», «đảng ủy (chi bộ)»",
        C,
        E,
        consistency.check_org_alternative,
        ("org-type",),
        scope="file",
    ),
    Rule(
        "CON006",
        "wrong-org-type-wording",
        "Gọi đơn vị bằng từ của loại tổ chức khác",
        C,
        E,
        consistency.check_wrong_org_type,
        ("org-type",),
        scope="file",
    ),
    Rule(
        "CON007",
        "citation-symbol-malformed",
        "Số, ký hiệu văn bản của Đảng sai dạng hoặc sai mã loại",
        C,
        E,
        consistency.check_citation_code,
        ("citation",),
        scope="file",
    ),
    Rule(
        "CON008",
        "citation-without-symbol",
        "Trích dẫn văn bản chỉ có số, thiếu ký hiệu",
        C,
        W,
        consistency.check_citation_incomplete,
        ("citation",),
        scope="file",
    ),
    Rule(
        "CON009",
        "invalid-date",
        "Ngày tháng không tồn tại",
        C,
        E,
        consistency.check_invalid_date,
        ("date",),
        scope="file",
    ),
    # Length.
    Rule(
        "LEN001",
        "section-over-budget",
        "Mục dài hơn số từ đề cương cho phép",
        L,
        W,
        length.check_over_budget,
        ("outline",),
    ),
    # Suppression comments.
    Rule(
        "SUP001",
        "suppression-without-reason",
        "Lệnh tắt kiểm tra thiếu lý do",
        X,
        E,
        suppress.check_no_reason,
        ("suppression",),
        scope="file",
    ),
    Rule(
        "SUP002",
        "suppression-unknown-rule",
        "Lệnh tắt kiểm tra ghi mã quy tắc không có",
        X,
        E,
        suppress.check_unknown_code,
        ("suppression",),
        scope="file",
    ),
)

_ = I  # info is available for rules whose findings are advice only


def by_code() -> dict[str, Rule]:
    out: dict[str, Rule] = {}
    for rule in RULES:
        out[rule.code] = rule
        for alias in rule.aliases:
            out[alias] = rule
    return out
