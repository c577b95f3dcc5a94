"""The ``lint:`` settings: selectors by code, prefix, name or family; validation messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.lint.config import load_config
from vankien.lint.model import Severity, matches
from vankien.lint.runner import all_rules

RULES = {r.code: r for r in all_rules()}
YAML = Path("report.yaml")


@pytest.mark.parametrize(
    ("selector", "code", "expected"),
    [
        ("STR002", "STR002", True),
        ("str002", "STR002", True),
        ("STR", "STR002", True),
        ("ST", "STR002", False),
        ("structure", "STR002", True),
        ("heading-number-out-of-sequence", "STR002", True),
        ("vietnamese", "VI007", True),
        ("VI", "VI007", True),
        ("V", "VI007", False),
        ("CON", "PH001", False),
    ],
)
def test_matches(selector: str, code: str, expected: bool) -> None:
    assert matches(RULES[code], selector) is expected


def test_select_ignore_and_severity() -> None:
    config = load_config(
        {"select": ["placeholder", "CON"], "ignore": ["PH006"], "severity": {"PH": "info"}},
        YAML,
        list(RULES.values()),
    )
    enabled = {code for code, rule in RULES.items() if config.enabled(rule)}
    assert "PH001" in enabled and "CON009" in enabled
    assert "PH006" not in enabled and "STR001" not in enabled and "VI007" not in enabled
    assert config.severity_for(RULES["PH002"]) is Severity.INFO
    assert config.severity_for(RULES["CON001"]) is None


def test_defaults() -> None:
    config = load_config({}, YAML, list(RULES.values()))
    assert all(config.enabled(rule) for rule in RULES.values())
    assert config.tone_style == "auto" and config.extra_terms == ()


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"ignore": ["NOPE1"]}, "lint.ignore"),
        ({"select": 3}, "lint.select"),
        ({"severity": ["PH001"]}, "lint.severity"),
        ({"severity": {"PH001": "fatal"}}, "lint.severity"),
        ({"tone_style": "new"}, "lint.tone_style"),
        ({"extra_terms": [1, 2]}, "lint.extra_terms"),
        ({"fail_level": "error"}, "lint.fail_level"),
    ],
)
def test_invalid_settings_name_the_key(data: dict[str, object], key: str) -> None:
    with pytest.raises(UserError) as info:
        load_config(data, YAML, list(RULES.values()))
    assert info.value.key == key
    assert info.value.path == "report.yaml"


def test_allow_raw_takes_a_kept_format_with_its_reason() -> None:
    config = load_config({"allow_raw": {"openxml": "  khung chữ ký theo mẫu  "}}, YAML, all_rules())
    assert config.allow_raw == {"openxml": "khung chữ ký theo mẫu"}
    assert load_config({}, YAML, all_rules()).allow_raw == {}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"openxml": ""}, "mà không ghi lý do"),
        ({"openxml": None}, "mà không ghi lý do"),
        ({"latex": "vì cần"}, "không cho phép được định dạng viết thẳng «latex»"),
        (["openxml"], "cần bảng «định dạng: lý do»"),
    ],
)
def test_allow_raw_refuses_a_missing_reason_or_a_dropped_format(
    value: object, message: str
) -> None:
    with pytest.raises(UserError, match=message) as info:
        load_config({"allow_raw": value}, YAML, all_rules())
    assert info.value.key == "lint.allow_raw"


def test_allow_raw_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text("outline: x\nlint:\n  tone_style: first\n  allow_raw:\n    openxml: ''\n")
    with pytest.raises(UserError) as info:
        load_config({"allow_raw": {"openxml": ""}}, path, all_rules())
    assert info.value.line == 4
