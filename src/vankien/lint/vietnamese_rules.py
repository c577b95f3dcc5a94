"""The Vietnamese language checks (package ``vankien.lint.vietnamese``) as lint rules.

The checks themselves are pure functions over text, written and tested in their own package;
this module only wraps them as rules of the Vietnamese family.
"""

from __future__ import annotations

from vankien.lint.model import Rule


def vietnamese_rules() -> tuple[Rule, ...]:
    """The Vietnamese family; empty until the language checks land."""
    return ()
