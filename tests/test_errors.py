from __future__ import annotations

import pytest

from vankien.errors import EXIT_BUG, EXIT_OK, EXIT_USER, UserError, run_guarded


def test_user_error_renders_file_line_key_and_hint() -> None:
    err = UserError("sai", path="a.yaml", line=3, key="x.y", hint="sửa đi.")
    assert err.render() == "a.yaml:3: lỗi: sai (khóa «x.y»)\n  → sửa đi."


def test_run_guarded_maps_exceptions_to_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_guarded(lambda: EXIT_OK) == EXIT_OK

    def user() -> int:
        raise UserError("thiếu tệp", path="b.md")

    def bug() -> int:
        raise RuntimeError("boom")

    assert run_guarded(user) == EXIT_USER
    assert "b.md: lỗi: thiếu tệp" in capsys.readouterr().err
    assert run_guarded(bug) == EXIT_BUG
    assert "Lỗi nội bộ của vankien" in capsys.readouterr().err
