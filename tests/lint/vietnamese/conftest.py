"""Fixtures for the Vietnamese checks: one loaded configuration, its cache in a temp folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from vankien.lint.vietnamese.checks import LangConfig, load_lang_config

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
FIXTURES = HERE / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _lang_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    old = os.environ.get("VANKIEN_CACHE_DIR")
    os.environ["VANKIEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("vankien-cache"))
    yield
    if old is None:
        os.environ.pop("VANKIEN_CACHE_DIR", None)
    else:
        os.environ["VANKIEN_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def cfg(_lang_cache: None) -> LangConfig:
    return load_lang_config()


@pytest.fixture(scope="session")
def prose() -> list[str]:
    """The paragraphs of the verified-correct fixture."""
    text = (FIXTURES / "correct-prose.txt").read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip() and not line.startswith("#")]
