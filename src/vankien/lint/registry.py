"""Every lint rule, listed explicitly. Codes are stable and never reused.

To add a rule: write its check function (docstring = docs page prose), add a ``Rule`` here,
add ``tests/lint/cases/<CODE>.yaml`` and run ``vankien rules --docs docs/rules``.
"""

from __future__ import annotations

from vankien.lint import suppress
from vankien.lint import vietnamese_rules as vi
from vankien.lint.model import Family, Rule, Severity
from vankien.lint.rules import consistency, length, placeholders, structure

E, W = Severity.ERROR, Severity.WARNING

S, P, C, L, V, X = (
    Family.STRUCTURE,
    Family.PLACEHOLDER,
    Family.CONSISTENCY,
    Family.LENGTH,
    Family.VIETNAMESE,
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
        hint=(
            "thêm đề mục đúng như đề cương, đúng cấp «#» "
            "(«vankien scaffold» tạo lại đề mục còn thiếu)."
        ),
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
        hint="đánh số liền mạch, theo đúng mục cha.",
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
        hint="dùng số «#» đúng cấp của số mục: «##» cho I., «###» cho 1., «####» cho 1.1.",
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
        hint="xếp lại các mục theo thứ tự của đề cương.",
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
        hint=(
            "viết nội dung cho mục; đang soạn thì để dòng «[Viết nội dung tại đây]{.placeholder}»."
        ),
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
        hint="điền giá trị («lần thứ XIV») hoặc dùng biến, như {{previous_congress}}.",
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
        hint="thay cả dòng giữ chỗ, kể cả dấu ngoặc, bằng nội dung của mục.",
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
        hint=(
            "viết phần đánh giá mà hướng dẫn yêu cầu; "
            "hướng dẫn chỉ nằm trong <!-- HƯỚNG DẪN: … -->."
        ),
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
        hint="dùng một biến có trong report.yaml (thông báo gợi ý tên gần nhất).",
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
        hint="xóa dấu vết này của Word.",
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
        hint="làm việc mà ghi chú nhắc, rồi xóa ghi chú.",
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
        hint="sửa theo nhiệm kỳ trong report.yaml, hoặc dùng {{previous_term}}, {{current_term}}.",
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
        hint="viết nhiệm kỳ 5 năm, như «nhiệm kỳ 2020 - 2025».",
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
        hint=(
            "sửa theo số đại hội trong report.yaml, hoặc dùng {{congress}}, {{previous_congress}}."
        ),
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
        hint="chỉ giữ cách viết đúng với đơn vị, hoặc dùng {{org}}.",
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
        hint="dùng từ của đơn vị mà thông báo ghi, hoặc {{org}}, {{leader}}.",
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
        hint="chép đúng số, ký hiệu in trên văn bản, như «Nghị quyết số 21-NQ/TW».",
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
        hint="chép đúng ngày in trên văn bản được trích dẫn.",
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
    # Vietnamese: the national writing rules as one preset. Each entry states the rule and
    # its source; the checks are in vankien.lint.vietnamese (facts: docs/vietnamese-checks.md).
    # Character set: TCVN 6909:2001 (Unicode, precomposed NFC).
    Rule(
        "VI001",
        "text-not-nfc",
        "Chữ không ở dạng Unicode dựng sẵn (NFC)",
        V,
        W,
        vi.check_unicode_form,
        ("encoding",),
        fixable=True,
        scope="file",
    ),
    # TCVN 6909:2001: «Đ» is U+0110, not the look-alike eth U+00D0; no Cyrillic/Greek letters.
    Rule(
        "VI002",
        "lookalike-letter",
        "Chữ cái giống nhưng khác mã (Ð thay cho Đ, chữ Kirin)",
        V,
        E,
        vi.check_lookalike,
        ("encoding",),
        fixable=True,
        scope="file",
    ),
    # No zero-width, direction or control characters in the text of a document.
    Rule(
        "VI003",
        "invisible-character",
        "Ký tự vô hình, ký tự điều khiển",
        V,
        W,
        vi.check_invisible,
        ("encoding",),
        fixable=True,
        scope="file",
    ),
    # Legacy TCVN3 (TCVN 5712:1993) and VNI text is converted word by word, never by line.
    Rule(
        "VI004",
        "legacy-encoding",
        "Chữ ở bảng mã cũ (TCVN3, VNI) hoặc hỏng mã",
        V,
        E,
        vi.check_legacy,
        ("encoding",),
        fixable=True,
        scope="file",
    ),
    # Tone on the marked vowel; with a final consonant on the last vowel; open two-vowel
    # syllables on the first («qúy», «hòang», «ngừơi» are wrong in every style).
    Rule(
        "VI005",
        "tone-mark-misplaced",
        "Dấu thanh đặt sai vị trí",
        V,
        E,
        vi.check_tone_placement,
        ("tone",),
        fixable=True,
        scope="file",
    ),
    # Open oa/oe/uy: «hòa» or «hoà» (QĐ 1989/QĐ-BGDĐT, 2018, prescribes the second for
    # textbooks); either style, one per document (``lint: tone_style``).
    Rule(
        "VI006",
        "tone-style-mixed",
        "Lẫn hai kiểu bỏ dấu oa/oe/uy (hòa/hoà)",
        V,
        W,
        vi.check_tone_style,
        ("tone",),
        fixable=True,
    ),
    # A word written twice is a slip, except reduplications and pairs that form words.
    Rule(
        "VI007",
        "doubled-word",
        "Từ bị lặp liền nhau",
        V,
        E,
        vi.check_doubled,
        ("words",),
        scope="file",
    ),
    # Known misspellings of administrative prose (data: data/vietnamese/misspellings.yaml).
    Rule(
        "VI008",
        "known-misspelling",
        "Lỗi chính tả thường gặp",
        V,
        E,
        vi.check_misspelling,
        ("words",),
        fixable=True,
        scope="file",
    ),
    # Party vocabulary spelt one cheap edit away (data: data/vietnamese/watchlist.txt).
    Rule(
        "VI009",
        "party-term-near-miss",
        "Gần giống thuật ngữ văn kiện Đảng (gõ nhầm)",
        V,
        W,
        vi.check_near_miss,
        ("words",),
        scope="file",
    ),
    # Punctuation sticks to the word before it and is followed by one space.
    Rule(
        "VI010",
        "punctuation-spacing",
        "Dấu cách quanh dấu câu sai",
        V,
        W,
        vi.check_punctuation,
        ("punctuation",),
        fixable=True,
        scope="file",
    ),
    # Brackets and quotes come in pairs within a paragraph.
    Rule(
        "VI011",
        "unbalanced-brackets",
        "Ngoặc, nháy không thành cặp",
        V,
        W,
        vi.check_brackets,
        ("punctuation",),
        scope="file",
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
        hint="ghi lý do sau dấu hai chấm: <!-- vankien-disable-next-line MÃ: lý do -->.",
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
        hint="ghi đúng mã quy tắc («vankien rules» liệt kê tất cả).",
    ),
)


def by_code() -> dict[str, Rule]:
    out: dict[str, Rule] = {}
    for rule in RULES:
        out[rule.code] = rule
        for alias in rule.aliases:
            out[alias] = rule
    return out
