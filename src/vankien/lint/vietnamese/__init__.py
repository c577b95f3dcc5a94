"""Vietnamese language checks: a pure library that the lint engine wraps as rules.

The checks are listed in :mod:`vankien.lint.vietnamese.checks`. This file imports nothing, so
that a module of the library can be used alone: the build balances its header lines with the
dictionary (``config.general_words``) and the tone styles (``syllable``), before pandoc starts,
without importing every check.
"""
