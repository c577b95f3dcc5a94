"""The C loader reads every YAML file as ruamel (YAML 1.2) does: the same values, and the same
lines and columns for every key, value and item."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from vankien.errors import UserError
from vankien.textio import read_text
from vankien.yamlio import LineDict, _ruamel_load, line_of, load_yaml

REPO = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", "node_modules", "build", ".cache", ".pytest_cache", ".mypy_cache"}


def _yaml_files() -> list[Path]:
    out = []
    for path in sorted(REPO.rglob("*")):
        parts = set(path.relative_to(REPO).parts)
        if parts & SKIP or path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        out.append(path)
    return out


def _same(fast: Any, slow: Any, where: str = "") -> None:
    if isinstance(slow, Mapping):
        assert isinstance(fast, Mapping), where
        assert list(map(str, fast)) == list(map(str, slow)), where
        for key in slow:
            _same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, list):
        assert isinstance(fast, list), where
        assert len(fast) == len(slow), where
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            _same(a, b, f"{where}[{index}]")
    elif isinstance(slow, float) and math.isnan(slow):
        assert isinstance(fast, float) and math.isnan(fast), where
    else:
        assert type(fast) in (type(slow), *type(slow).__mro__), (where, fast, slow)
        assert fast == slow, (where, fast, slow)


def _positions(node: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every (place, position) that ``lc`` knows, walking the containers. An empty value has
    no text of its own: libyaml puts it just after «key:», ruamel at the next token; neither
    is used (a message about an empty value names the key's line)."""
    if isinstance(node, Mapping):
        yield where, (node.lc.line, node.lc.col)
        for key, value in node.items():
            yield f"{where}.{key}:key", node.lc.key(key)
            if value is not None:
                yield f"{where}.{key}:value", node.lc.value(key)
            yield from _positions(value, f"{where}.{key}")
    elif isinstance(node, list):
        yield where, (node.lc.line, node.lc.col)
        for index, value in enumerate(node):
            if value is not None:
                yield f"{where}[{index}]", tuple(node.lc.item(index)[:2])
            yield from _positions(value, f"{where}[{index}]")


def test_the_repository_has_yaml_files() -> None:
    names = {p.relative_to(REPO).parts[0] for p in _yaml_files()}
    assert {"outline", "profiles", "examples", "tests", "src"} <= names


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_yaml_file_loads_as_ruamel_loads_it(path: Path) -> None:
    text = read_text(path)
    try:
        slow = _ruamel_load(path, text)
    except UserError:
        with pytest.raises(UserError):
            load_yaml(path)
        return
    fast = load_yaml(path)
    _same(fast, slow)
    assert dict(_positions(fast)) == dict(_positions(slow))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on", "on"),
        ("off", "off"),
        ("yes", "yes"),
        ("No", "No"),
        ("y", "y"),
        ("true", True),
        ("FALSE", False),
        ("0o17", 15),
        ("012", 12),
        ("019", 19),
        ("0x1F", 31),
        ("0b101", 5),
        ("-0o7", -7),
        ("+12", 12),
        ("1_000", 1000),
        ("1:30", "1:30"),
        ("190:20:30", "190:20:30"),
        ("1:30.5", "1:30.5"),
        ("2025-10-01", "2025-10-01"),
        ("2025-10-01T10:00:00Z", "2025-10-01T10:00:00Z"),
        ("2025-10-01 10:00:00", "2025-10-01 10:00:00"),
        ("1e3", 1000.0),
        ("1.5", 1.5),
        ("-.5", -0.5),
        ("1.", 1.0),
        ("1e", "1e"),
        ("+.inf", math.inf),
        ("-.Inf", -math.inf),
        ("~", None),
        ("null", None),
        ("", None),
        ('"012"', "012"),
        ("'yes'", "yes"),
        ("!!int '3'", 3),
        ("!!float 3", 3.0),
        ("[a, on, 1:30]", ["a", "on", "1:30"]),
        ("{x: no}", {"x": "no"}),
    ],
)
def test_tricky_scalars_as_yaml_1_2(tmp_path: Path, text: str, value: Any) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(f"k: {text}\n", encoding="utf-8")
    fast = load_yaml(path)
    assert isinstance(fast, LineDict)
    _same(fast, _ruamel_load(path, read_text(path)))
    assert fast == {"k": value}


def test_nan(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("k: .nan\n", encoding="utf-8")
    assert math.isnan(load_yaml(path)["k"])


def test_merge_keys_may_be_overridden(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nk:\n  <<: *b\n  y: 3\n", encoding="utf-8")
    fast = load_yaml(path)
    _same(fast, _ruamel_load(path, read_text(path)))
    assert fast["k"] == {"x": 1, "y": 3}


def test_a_duplicate_key_is_ruamels_message(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("a:\n  b: 1\n  b: 2\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_yaml(path)
    assert "khóa «b» được ghi hai lần" in info.value.message
    assert info.value.line == 3


def test_lines_of_keys_and_items(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("# c\na: 1\nlist:\n  - x\n  - {y: 2}\n", encoding="utf-8")
    data = load_yaml(path)
    assert line_of(data, "list") == 3
    assert line_of(data["list"], 1) == 5
    assert line_of(data["list"][1]) == 5


def test_parsed_once_per_text(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    first = load_yaml(path)
    assert load_yaml(path) is first
    path.write_text("a: 2\n", encoding="utf-8")
    assert load_yaml(path) == {"a": 2}


def test_merge_of_several_mappings(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "a: &a {x: 1, y: 2}\nb: &b {y: 5, z: 6}\nk:\n  <<: [*a, *b]\n  w: 0\n", encoding="utf-8"
    )
    fast = load_yaml(path)
    _same(fast, _ruamel_load(path, read_text(path)))
    assert fast["k"] == {"w": 0, "x": 1, "y": 2, "z": 6}
