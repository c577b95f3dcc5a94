"""Rendering findings: text (one line each), JSON, GitHub workflow annotations and SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from vankien.lint.model import Finding, Rule, Severity

FORMATS = ("text", "short", "json", "github", "sarif")
SHORT_PLACES = 6  # places listed on a line of the short format before «…»
DOCS_BASE = "docs/rules"


def render_text(findings: Sequence[Finding]) -> str:
    """One line per finding; an error line ends with its rule's hint («→ what to do»)."""
    lines = []
    for f in findings:
        hint = f" → {f.hint}" if f.severity is Severity.ERROR and f.hint else ""
        lines.append(f"{f.render()}{hint}\n")
    return "".join(lines)


def render_short(findings: Sequence[Finding]) -> str:
    """The commit hook's output: errors line by line, as in text; the other findings with the
    same rule and message (38 × «phần này chưa viết») on one line that lists their places."""
    lines = [render_text([f]) for f in findings if f.severity is Severity.ERROR]
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.severity is not Severity.ERROR:
            groups.setdefault((f.code, f.message), []).append(f)
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            lines.append(render_text(same))
            continue
        by_file: dict[str, list[str]] = {}
        for f in same:
            by_file.setdefault(f.path, []).append(str(f.line))
        places = [f"{path}:{', '.join(numbers)}" for path, numbers in by_file.items()]
        if len(places) > SHORT_PLACES:
            places = [*places[:SHORT_PLACES], f"… và {len(places) - SHORT_PLACES} tệp khác"]
        lines.append(
            f"{len(same)} chỗ: {first.severity.label} {first.code}/{first.name} {first.message}"
            f" ({'; '.join(places)})\n"
        )
    return "".join(lines)


def summary(findings: Sequence[Finding], *, advice: bool = True) -> str:
    """The closing count; ``advice`` adds what to run next (``--fix``) and where the codes are
    explained (``vankien check`` says the latter once for a batch, and has no ``--fix``)."""
    if not findings:
        return "Không phát hiện vấn đề nào."
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = [
        f"{counts[s]} {s.vietnamese}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    fixable = sum(1 for f in findings if f.fix is not None)
    text = f"Tổng cộng: {', '.join(parts)}."
    if not advice:
        return text
    if fixable:
        text += f" {fixable} vấn đề sửa tự động được: chạy lại với --fix (xem trước: --diff)."
    text += " Giải thích từng mã: docs/rules/<MÃ>.md hoặc «vankien rules»."
    return text


def render_json(
    findings: Sequence[Finding], extra: Sequence[Mapping[str, object]] | None = None
) -> str:
    """One object per finding; ``extra`` (one mapping per finding) adds fields of a caller's
    own (``vankien check`` adds where the finding is in the Word draft)."""
    items = [
        {
            "path": f.path,
            "line": f.line,
            "column": f.col,
            "severity": f.severity.label,
            "code": f.code,
            "name": f.name,
            "message": f.message,
            "fixable": f.fix is not None,
            **(extra[i] if extra is not None else {}),
        }
        for i, f in enumerate(findings)
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: Sequence[Finding]) -> str:
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for f in findings:
        props = (
            f"file={_escape_prop(f.path)},line={f.line},col={f.col},"
            f"title={_escape_prop(f'{f.code}/{f.name}')}"
        )
        lines.append(f"::{kinds[f.severity]} {props}::{_escape_data(f.message)}\n")
    return "".join(lines)


def render_sarif(findings: Sequence[Finding], rules: Sequence[Rule], version: str) -> str:
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    index = {r.code: i for i, r in enumerate(rules)}
    driver = {
        "name": "vankien",
        "version": version,
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "help": {"text": f"Giải thích và cách sửa: {DOCS_BASE}/{r.code}.md"},
                "defaultConfiguration": {"level": levels[r.severity]},
                "properties": {"tags": [r.family.value, *r.tags]},
            }
            for r in rules
        ],
    }
    results = []
    for f in findings:
        result: dict[str, object] = {
            "ruleId": f.code,
            "level": levels[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {"startLine": f.line, "startColumn": f.col},
                    }
                }
            ],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
