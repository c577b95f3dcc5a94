"""Reading the writers' files safely and writing outputs atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from vankien.errors import UserError

MAX_BYTES = 20 * 1024 * 1024


def decode(data: bytes, path: Path | str) -> str:
    """Decode a report file as UTF-8 (a BOM is tolerated); CRLF and CR become LF.

    Anything else is a user error with a message that says how to fix it.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(
            "tệp được lưu dạng UTF-16 (thường do Word «Unicode Text»), không phải UTF-8",
            path=path,
            line=1,
            hint="mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8.",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise UserError(
            "tệp chứa dữ liệu nhị phân, không phải văn bản",
            path=path,
            hint="chỉ đặt tệp Markdown (.md) dạng văn bản UTF-8 vào thư mục báo cáo.",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(
            "tệp không phải UTF-8 (có thể là bảng mã Windows-1258, TCVN3 hoặc VNI)",
            path=path,
            line=line,
            hint="lưu lại tệp với bảng mã UTF-8 (Unicode dựng sẵn).",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    """Read a report file with :func:`decode`; missing or huge files are user errors."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError("không tìm thấy tệp", path=path) from None
    if size > MAX_BYTES:
        raise UserError(
            f"tệp quá lớn ({size // (1024 * 1024)} MB); giới hạn {MAX_BYTES // (1024 * 1024)} MB",
            path=path,
            hint="tách nội dung thành nhiều tệp nhỏ hơn.",
        )
    return decode(path.read_bytes(), path)


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half-written.

    ``durable=False`` skips the fsync, for files that can be recomputed (the cache).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain write would:
        # the existing file's, else what the umask allows.
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
