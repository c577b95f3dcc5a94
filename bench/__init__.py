"""Benchmarks of vankien: lint and build against baselines measured in the same run.

``make bench`` (``python -m bench``) prints a table and writes ``bench/results.md``. Nothing
here is a test: the targets are read from the results, never asserted.
"""
