"""Every command and option speaks Vietnamese, and the CLI maps outcomes to exit codes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from vankien.cli import app, main

VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")
GROUP = typer.main.get_command(app)


def test_every_command_and_option_has_vietnamese_help() -> None:
    assert GROUP.commands
    for name, command in GROUP.commands.items():
        assert command.help and VIETNAMESE.search(command.help), name
        for param in command.params:
            text = getattr(param, "help", None) or ""
            assert VIETNAMESE.search(text), f"{name} {param.name}"


@pytest.mark.parametrize("name", sorted(GROUP.commands))
def test_help_pages_are_vietnamese(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name, "--help"]) == 0
    page = capsys.readouterr().out
    assert page.startswith(f"Cách dùng: vankien {name}")
    assert "Show this message" not in page and "Options:" not in page


def test_group_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    page = capsys.readouterr().out
    assert "Các lệnh:" in page and "scaffold" in page


def test_usage_errors_are_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scaffold", "--khong-co"]) == 2
    err = capsys.readouterr().err
    assert "Lỗi: không có tùy chọn --khong-co." in err
    assert "vankien scaffold --help" in err
    assert main(["lenh-la"]) == 2
    assert "không có lệnh «lenh-la»" in capsys.readouterr().err


def test_user_error_exit_code_through_the_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vankien", "scaffold", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "không tìm thấy tệp thông tin đơn vị" in result.stderr
    assert "Traceback" not in result.stderr
