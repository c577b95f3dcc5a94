"""The language checks and what they take, listed in one place.

Each ``check_*`` function takes a piece of prose and a :class:`LangConfig` and yields
:class:`TextHit` spans (offsets into the text passed in). Which text each one expects (a line,
or a paragraph with soft line breaks joined by single spaces) is stated in its docstring.
Document-level tone style: sum :func:`tone_style_counts` over all files, pick the style with
:func:`document_style`, then run :func:`check_tone_style` on each paragraph.
"""

from vankien.lint.vietnamese.config import LangConfig, load_lang_config
from vankien.lint.vietnamese.encoding import (
    check_invisible_characters,
    check_legacy_encoding,
    check_lookalike_letters,
    check_unicode_form,
)
from vankien.lint.vietnamese.hits import TextHit
from vankien.lint.vietnamese.punctuation import (
    check_punctuation_spacing,
    check_unbalanced_brackets,
)
from vankien.lint.vietnamese.terms import check_dropped_syllables
from vankien.lint.vietnamese.tone import (
    check_tone_placement,
    check_tone_style,
    document_style,
    tone_style_counts,
)
from vankien.lint.vietnamese.validity import check_invalid_syllables
from vankien.lint.vietnamese.words import (
    check_doubled_words,
    check_misspellings,
    check_term_near_misses,
)

__all__ = [
    "LangConfig",
    "TextHit",
    "check_doubled_words",
    "check_dropped_syllables",
    "check_invalid_syllables",
    "check_invisible_characters",
    "check_legacy_encoding",
    "check_lookalike_letters",
    "check_misspellings",
    "check_punctuation_spacing",
    "check_term_near_misses",
    "check_tone_placement",
    "check_tone_style",
    "check_unbalanced_brackets",
    "check_unicode_form",
    "document_style",
    "load_lang_config",
    "tone_style_counts",
]
