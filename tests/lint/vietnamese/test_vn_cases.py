"""Every check against its YAML cases: ``valid`` texts give no hit, ``invalid`` texts give
exactly the listed hits (quoted text, suggestion, fixable, optional message fragment)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import vankien.lint.vietnamese.checks as vn
from vankien.lint.vietnamese.checks import LangConfig, TextHit

CASES = Path(__file__).resolve().parent / "cases"


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return data


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        data = _load(path)
        for i, case in enumerate(data.get("valid", [])):
            out.append(pytest.param(data["check"], case, None, id=f"{path.stem}-valid-{i}"))
        for i, case in enumerate(data.get("invalid", [])):
            out.append(
                pytest.param(data["check"], case, case["hits"], id=f"{path.stem}-invalid-{i}")
            )
    return out


def _run(check: str, case: Any, cfg: LangConfig) -> tuple[str, list[TextHit]]:
    if isinstance(case, str):
        case = {"text": case}
    text = case["text"]
    if check == "check_tone_style":
        return text, list(vn.check_tone_style(text, case["style"]))
    return text, list(getattr(vn, check)(text, cfg))


@pytest.mark.parametrize(("check", "case", "expected"), _cases())
def test_case(check: str, case: Any, expected: list[dict[str, Any]] | None, cfg: LangConfig):
    text, hits = _run(check, case, cfg)
    found = [(text[h.start : h.end], h.suggestion, h.fixable) for h in hits]
    if expected is None:
        assert found == [], [h.message for h in hits]
        return
    want = [(e["at"], e["suggestion"], e["fixable"]) for e in expected]
    assert found == want, [h.message for h in hits]
    for hit, e in zip(hits, expected, strict=True):
        assert hit.message, "every hit has a message"
        if "message" in e:
            assert e["message"] in hit.message
        if hit.suggestion is not None:
            assert "«" in hit.message


def test_every_check_has_cases() -> None:
    checks = {name for name in vn.__all__ if name.startswith("check_")}
    covered = {_load(p)["check"] for p in CASES.glob("*.yaml")}
    assert checks == covered
    for path in CASES.glob("*.yaml"):
        data = _load(path)
        assert path.stem == data["check"].removeprefix("check_")
        assert data.get("valid") and data.get("invalid"), path.name


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_fixes_are_consistent(path: Path, cfg: LangConfig) -> None:
    """Applying the fixable suggestions of an invalid case leaves nothing for the same check."""
    data = _load(path)
    for case in data["invalid"]:
        text, hits = _run(data["check"], case, cfg)
        fixable = [h for h in hits if h.fixable and h.suggestion is not None]
        if len(fixable) != len(hits):
            continue
        fixed = text
        for hit in sorted(fixable, key=lambda h: h.start, reverse=True):
            assert hit.suggestion is not None
            fixed = fixed[: hit.start] + hit.suggestion + fixed[hit.end :]
        again = dict(case, text=fixed)
        _, rest = _run(data["check"], again, cfg)
        assert rest == [], (fixed, [h.message for h in rest])
