"""Any text at all: no check raises, every hit lies inside the text, fixes are well-formed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vankien.lint.vietnamese.checks as vn
from vankien.lint.vietnamese.checks import LangConfig, load_lang_config

# Vietnamese letters, legacy-encoding symbols, punctuation, marks and invisible characters.
ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "AĂÂĐÊÔƠƯÁÀẢẠỆỘ0123456789 ,.;:!?()[]“”‘’«»\"'-–…/@{}`"
    "§¶¸µ®©¬ªñÑøùûõïÃÄÆ»‡\u00a0\u00ad\u200b\u0301\u0323\u0007ÐðаоΑ"
)
CHECKS = [getattr(vn, n) for n in vn.__all__ if n.startswith("check_") and n != "check_tone_style"]
_CFG: list[LangConfig] = []


def _cfg() -> LangConfig:
    if not _CFG:
        _CFG.append(load_lang_config())
    return _CFG[0]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_checks_never_fail(text: str) -> None:
    for check in CHECKS:
        for hit in check(text, _cfg()):
            assert 0 <= hit.start < hit.end <= len(text), (check.__name__, hit)
            assert hit.message
            if hit.fixable:
                assert hit.suggestion is not None
    for style in ("first", "second"):
        for hit in vn.check_tone_style(text, style):
            assert hit.fixable and hit.suggestion is not None
    a, b = vn.tone_style_counts(text)
    assert a >= 0 and b >= 0
