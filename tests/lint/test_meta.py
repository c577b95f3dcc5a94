"""Meta-tests: the registry, the rule cases and the generated docs pages stay in sync."""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML

from vankien.lint.docs import expected_pages
from vankien.lint.runner import all_rules

REPO = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"


def test_codes_unique_and_well_formed() -> None:
    rules = all_rules()
    codes = [r.code for r in rules] + [a for r in rules for a in r.aliases]
    assert len(codes) == len(set(codes))
    for rule in rules:
        assert re.fullmatch(r"[A-Z]{2,3}\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name), rule.name
        assert rule.summary and not rule.summary.endswith(".")


def test_every_rule_has_valid_and_invalid_cases() -> None:
    for rule in all_rules():
        path = CASES / f"{rule.code}.yaml"
        assert path.is_file(), f"thiếu {path}"
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        assert data.get("valid"), f"{rule.code}: không có trường hợp hợp lệ"
        assert data.get("invalid"), f"{rule.code}: không có trường hợp sai"


def test_no_orphan_case_files() -> None:
    codes = {r.code for r in all_rules()}
    orphans = [p.name for p in CASES.glob("*.yaml") if p.stem not in codes]
    assert not orphans


def test_fixable_rules_have_a_fixed_case() -> None:
    for rule in all_rules():
        if not rule.fixable or rule.code == "VI003":
            continue  # VI003: the right replacement depends on the character (no safe default)
        data = YAML(typ="safe").load((CASES / f"{rule.code}.yaml").read_text(encoding="utf-8"))
        assert any("fixed" in case for case in data["invalid"]), rule.code


def test_docs_pages_are_current() -> None:
    """Regenerate with: vankien rules --docs docs/rules"""
    folder = REPO / "docs" / "rules"
    pages = expected_pages(all_rules())
    on_disk = {p.name for p in folder.glob("*.md")}
    assert on_disk == set(pages), "vankien rules --docs docs/rules"
    for name, text in pages.items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            f"{name} đã cũ: chạy vankien rules --docs docs/rules"
        )


def test_docs_pages_have_the_four_headings() -> None:
    for rule in all_rules():
        page = expected_pages([rule])[f"{rule.code}.md"]
        for heading in ("What it flags", "Why", "Example", "Use instead"):
            assert f"({heading})\n" in page
