"""The ``lint:`` mapping of report.yaml, validated with errors that name the key and line."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from vankien.errors import UserError
from vankien.lint.model import Family, LintConfig, Rule, Severity, matches
from vankien.yamlio import line_of

KEYS = ("select", "ignore", "severity", "tone_style", "extra_terms", "allow_raw")
TONE_STYLES = ("auto", "first", "second")
# Raw formats the docx writer copies into the document (the others it drops): the only ones
# an office may allow, each with its reason (``lint: allow_raw``).
KEPT_RAW_FORMATS = ("openxml",)


def _line_in_file(path: Path, key: str) -> int | None:
    """The line of ``key`` inside the top-level ``lint:`` mapping of report.yaml (the parsed
    settings may come from the cache, without ruamel's line numbers)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    inside = False
    for number, line in enumerate(lines, 1):
        if re.match(r"^lint\s*:", line):
            inside = True
        elif inside and re.match(r"^\S", line):
            return None
        elif inside and re.match(rf"^\s+{re.escape(key)}\s*:", line):
            return number
    return None


def _fail(path: Path, node: Any, key: str, message: str, hint: str | None = None) -> UserError:
    line = line_of(node) or _line_in_file(path, key)
    return UserError(message, path=path, line=line, key=f"lint.{key}", hint=hint)


def _known(selector: str, rules: Sequence[Rule]) -> bool:
    # Family names are always valid, even while a family has no rule registered yet.
    if selector.strip().lower() in {f.value for f in Family}:
        return True
    return any(matches(rule, selector) for rule in rules)


def _selectors(path: Path, raw: Any, key: str, rules: Sequence[Rule]) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        raise _fail(path, raw, key, "cần một danh sách mã quy tắc hoặc nhóm quy tắc")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not _known(item, rules):
            raise _fail(
                path,
                raw,
                key,
                f"không có quy tắc hoặc nhóm quy tắc «{item}»",
                hint="xem danh sách bằng lệnh «vankien rules»; ghi mã (STR001), tiền tố (STR) "
                "hoặc tên nhóm (structure, placeholder, consistency, vietnamese, length, markup).",
            )
        out.append(item)
    return tuple(out)


def load_config(data: Mapping[str, Any], path: Path, rules: Sequence[Rule]) -> LintConfig:
    """Validate the ``lint:`` mapping of report.yaml (``path`` is used in messages)."""
    for key in data:
        if key not in KEYS:
            raise UserError(
                f"khóa không được hỗ trợ trong «lint»: «{key}»",
                path=path,
                line=_line_in_file(path, str(key)),
                key=f"lint.{key}",
                hint="các khóa hợp lệ: " + ", ".join(KEYS) + ".",
            )
    select = _selectors(path, data.get("select"), "select", rules)
    ignore = _selectors(path, data.get("ignore"), "ignore", rules)
    severities: dict[str, Severity] = {}
    raw_sev = data.get("severity")
    if raw_sev is not None:
        if not isinstance(raw_sev, Mapping):
            raise _fail(path, raw_sev, "severity", "cần bảng «mã quy tắc: mức độ»")
        for selector, value in raw_sev.items():
            if not isinstance(selector, str) or not _known(selector, rules):
                raise _fail(path, raw_sev, "severity", f"không có quy tắc «{selector}»")
            level = Severity.parse(str(value)) if isinstance(value, str) else None
            if level is None:
                raise _fail(
                    path,
                    raw_sev,
                    "severity",
                    f"mức độ «{value}» của «{selector}» không hợp lệ",
                    hint="ghi error, warning hoặc info (muốn tắt quy tắc thì dùng «ignore»).",
                )
            severities[selector] = level
    tone = data.get("tone_style", "auto")
    if tone not in TONE_STYLES:
        raise _fail(
            path,
            data,
            "tone_style",
            f"kiểu bỏ dấu «{tone}» không hợp lệ",
            hint="ghi «first» (hòa, khỏe, thủy), «second» (hoà, khoẻ, thuỷ) hoặc «auto» "
            "(theo cách viết chiếm đa số trong văn bản).",
        )
    raw_terms = data.get("extra_terms")
    terms: tuple[str, ...] = ()
    if raw_terms is not None:
        if not isinstance(raw_terms, list) or not all(isinstance(t, str) for t in raw_terms):
            raise _fail(path, raw_terms, "extra_terms", "cần một danh sách các từ, cụm từ")
        terms = tuple(t.strip() for t in raw_terms if t.strip())
    allow_raw = _allow_raw(path, data.get("allow_raw"))
    return LintConfig(select, ignore, severities, str(tone), terms, allow_raw)


def _allow_raw(path: Path, raw: Any) -> dict[str, str]:
    """``allow_raw: {openxml: "lý do"}``: a format the writer keeps, and a reason for each."""
    if raw is None:
        return {}
    example = 'ví dụ «allow_raw: {openxml: "khung chữ ký theo mẫu của Văn phòng Tỉnh ủy"}».'
    if not isinstance(raw, Mapping):
        raise _fail(path, raw, "allow_raw", "cần bảng «định dạng: lý do»", hint=example)
    out: dict[str, str] = {}
    for name, reason in raw.items():
        if name not in KEPT_RAW_FORMATS:
            raise _fail(
                path,
                raw,
                "allow_raw",
                f"không cho phép được định dạng viết thẳng «{name}»",
                hint="chỉ «openxml» đi vào tệp Word; pandoc bỏ các định dạng khác khi dựng văn "
                "bản, nên cho phép cũng không giữ được nội dung.",
            )
        if not isinstance(reason, str) or not reason.strip():
            raise _fail(
                path,
                raw,
                "allow_raw",
                f"cho phép «{name}» mà không ghi lý do",
                hint="ghi lý do đơn vị cần viết thẳng định dạng này, " + example,
            )
        out[str(name)] = reason.strip()
    return out
