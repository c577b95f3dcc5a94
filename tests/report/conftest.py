"""The report-layer tests use the linter tests' small report (tests/lint/fixtures/mini)."""

from __future__ import annotations

from tests.lint.conftest import _private_cache, mini

__all__ = ["_private_cache", "mini"]
