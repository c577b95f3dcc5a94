"""User errors, exit codes, and the one place where exceptions become exit codes."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USER = 2
EXIT_BUG = 3


class UserError(Exception):
    """A problem with the user's input: it names the file, line or key, and says what to do."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.key = key
        self.hint = hint

    def render(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = f"{where}lỗi: {self.message}"
        if self.key is not None:
            text += f" (khóa «{self.key}»)"
        if self.hint:
            text += f"\n  → {self.hint}"
        return text


def run_guarded(func: Callable[[], int]) -> int:
    """Call ``func`` and turn exceptions into exit codes: user errors 2, bugs 3."""
    try:
        return func()
    except UserError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # the reader of the output went away (`… | head`): vankien.entry.main ends quietly
    except Exception:
        traceback.print_exc()
        print(
            "Lỗi nội bộ của vankien (không phải lỗi của anh/chị). "
            "Hãy gửi toàn bộ thông báo trên cho người phụ trách kỹ thuật.",
            file=sys.stderr,
        )
        return EXIT_BUG
