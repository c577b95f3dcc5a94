"""The TCVN3 table agrees with glibc's independent TCVN5712-1 converter."""

from __future__ import annotations

import subprocess

import pytest

from vankien.lint.vietnamese.encoding import TCVN3

pytestmark = pytest.mark.needs_programs("iconv")  # glibc's (libc-bin), which has TCVN5712-1


def _iconv_decode(data: bytes) -> str:
    proc = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout.decode("utf-8")


def test_table_matches_iconv() -> None:
    codes = sorted(ord(c) for c in TCVN3)
    decoded = _iconv_decode(bytes(codes))
    assert len(decoded) == len(codes)
    for code, glibc in zip(codes, decoded, strict=True):
        assert TCVN3[chr(code)] == glibc, hex(code)


def test_table_covers_every_lower_case_letter() -> None:
    letters = set(TCVN3.values())
    for base in "aăâeêioôơuưy":
        for mark in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            import unicodedata

            assert unicodedata.normalize("NFC", base + mark) in letters
    assert {"ă", "â", "ê", "ô", "ơ", "ư", "đ", "Đ"} <= letters
