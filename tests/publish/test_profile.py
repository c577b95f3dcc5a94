"""Profiles: the shipped ones load with every figure sourced; bad ones name file, line, key."""

from __future__ import annotations

from pathlib import Path

import pytest

from vankien.errors import UserError
from vankien.publish.profile import CONFIDENCE, load_profile
from vankien.publish.styles import STYLES

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "profiles").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_profile_loads_and_every_figure_has_a_rule(path):
    profile = load_profile(path)
    assert profile.id == path.stem
    assert profile.guideline
    assert set(profile.styles) == {spec.key for spec in STYLES}
    assert profile.sources
    for key, source in profile.sources.items():
        assert source.rule.strip(), key
        assert source.confidence in CONFIDENCE, key


def test_default_profile_names_hd36():
    profile = load_profile(REPO / "profiles" / "hd36.yaml")
    assert "36-HD/VPTW" in profile.guideline
    assert profile.sources["styles.body.size"].confidence == "R"
    assert profile.sources["page.top_mm"].confidence == "S"


def write(tmp_path: Path, text: str, name: str = "p") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def base_text() -> str:
    return (
        (REPO / "profiles" / "hd36.yaml").read_text(encoding="utf-8").replace("id: hd36", "id: p")
    )


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_missing_rule_and_confidence_is_an_error_naming_the_key(tmp_path):
    text = base_text()
    text = text.replace("rule: HD 36-HD/VPTW\nconfidence: S\n", "")
    text = text.replace("  rule: HD 36, phần định lề trang\n  confidence: S\n", "")
    path = write(tmp_path, text)
    with pytest.raises(UserError) as info:
        load_profile(path)
    # the first figure of «page» without a rule of its own (it has only a confidence)
    assert info.value.key == "page.width_mm"
    assert info.value.line == line_of(text, "width_mm")
    assert "rule" in info.value.message


def test_bad_confidence_is_an_error(tmp_path):
    text = base_text().replace("  top_mm: 20\n", "  top_mm: {value: 20, confidence: X}\n")
    with pytest.raises(UserError) as info:
        load_profile(write(tmp_path, text))
    assert info.value.key == "page.top_mm.confidence"
    assert "R, S hoặc C" in (info.value.hint or "")


def test_out_of_range_figure_is_an_error_with_its_line(tmp_path):
    text = base_text().replace("  left_mm: 30\n", "  left_mm: 300\n")
    with pytest.raises(UserError) as info:
        load_profile(write(tmp_path, text))
    assert info.value.key == "page.left_mm"
    assert info.value.line == line_of(text, "left_mm: 300")


def test_missing_style_is_an_error(tmp_path):
    text = base_text()
    start = text.index("  sign_name:\n")
    end = text.index("  guidance:\n")
    text = text[:start] + text[end:]
    with pytest.raises(UserError) as info:
        load_profile(write(tmp_path, text))
    assert info.value.key == "styles.sign_name"


def test_unknown_key_and_wrong_type_are_errors(tmp_path):
    with pytest.raises(UserError) as info:
        load_profile(
            write(tmp_path, base_text().replace("  body:\n", "  body:\n    colour: red\n", 1))
        )
    assert info.value.key == "styles.body.colour"
    with pytest.raises(UserError) as info:
        load_profile(
            write(
                tmp_path,
                base_text().replace("    first_line_mm: 10\n", "    first_line_mm: mười\n", 1),
            )
        )
    assert info.value.key == "styles.body.first_line_mm"


def test_id_must_match_file_name(tmp_path):
    with pytest.raises(UserError) as info:
        load_profile(write(tmp_path, base_text(), name="khac"))
    assert info.value.key == "id"


def test_a_new_guideline_is_a_new_file(tmp_path):
    """A copy with other figures is a working profile: nothing in code knows hd36."""
    text = base_text().replace("  left_mm: 30\n", "  left_mm: 35\n")
    profile = load_profile(write(tmp_path, text))
    assert profile.page.left_mm == 35
