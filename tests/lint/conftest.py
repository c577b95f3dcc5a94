"""Fixtures for the linter tests: a small report built from the ``mini`` fixture."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"
BODY_MARK = "{{BODY}}"
# Line of the mini fixture where a case's ``body`` starts (lines in cases count from it).
BODY_LINE = next(
    i
    for i, line in enumerate((MINI / "skeleton" / "01-mot.md").read_text().splitlines(), 1)
    if line == BODY_MARK
)


def make_report(
    root: Path,
    *,
    body: str | None = None,
    files: Mapping[str, str] | None = None,
    unit: Mapping[str, Any] | None = None,
) -> Path:
    """Copy the mini report to ``root``; put ``body`` under «2. Kết quả nổi bật»; replace
    whole ``files``; change report.yaml values (``unit``: dotted keys or ``lint``)."""
    shutil.copytree(MINI, root)
    first = root / "skeleton" / "01-mot.md"
    text = first.read_text(encoding="utf-8")
    first.write_text(
        text.replace(BODY_MARK, body.rstrip("\n") if body is not None else "Nội dung đã viết."),
        encoding="utf-8",
    )
    for name, content in (files or {}).items():
        path = root / "skeleton" / name
        if content is None:
            path.unlink()
        else:
            path.write_text(content, encoding="utf-8")
    if unit:
        from ruamel.yaml import YAML

        yaml = YAML()
        data = yaml.load((root / "report.yaml").read_text(encoding="utf-8"))
        for key, value in unit.items():
            node = data
            parts = key.split(".")
            for part in parts[:-1]:
                node = node[part]
            node[parts[-1]] = value
        with (root / "report.yaml").open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    return root


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep the cache of the tests out of the repository's report folders."""
    monkeypatch.setenv("VANKIEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def mini(tmp_path: Path):
    """A factory: ``mini(body=..., files=..., unit=...)`` -> report root."""
    counter = iter(range(1000))

    def build(**kwargs: Any) -> Path:
        return make_report(tmp_path / f"r{next(counter)}", **kwargs)

    return build
