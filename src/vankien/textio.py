"""Reading the writers' files safely and writing outputs atomically."""

from __future__ import annotations

import errno
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


def _not_a_folder(folder: Path) -> Path | None:
    """The first of ``folder`` and its parents that exists but is not a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


def write_failure(path: Path, exc: OSError) -> UserError:
    """What a failed write of ``path`` means for the user, in Vietnamese, naming the place."""
    folder = path.parent
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return UserError(
            "ổ đĩa đã hết chỗ trống (hoặc hết hạn mức), không ghi được tệp",
            path=path,
            hint="giải phóng chỗ trống trên ổ đĩa rồi chạy lại; chưa có tệp nào bị ghi dở, "
            "tệp cũ (nếu có) vẫn còn nguyên.",
        )
    if code == errno.EROFS:
        return UserError(
            f"thư mục «{folder}» nằm trên ổ đĩa chỉ cho đọc, không ghi được tệp",
            path=path,
            hint="ghi ra một thư mục khác, hoặc gắn lại ổ đĩa cho phép ghi rồi chạy lại.",
        )
    if code in (errno.EACCES, errno.EPERM):
        return UserError(
            f"không có quyền ghi vào thư mục «{folder}»",
            path=path,
            hint="cấp quyền ghi cho thư mục đó (hoặc bỏ thuộc tính bất biến «chattr -i»), "
            "rồi chạy lại.",
        )
    blocker = _not_a_folder(folder)
    if blocker is not None:
        return UserError(
            f"«{blocker}» là một tệp, không phải thư mục, nên không tạo được tệp trong đó",
            path=path,
            hint=f"đổi tên hoặc xóa tệp «{blocker}» (vankien sẽ tự tạo thư mục), rồi chạy lại.",
        )
    if code == errno.EISDIR or path.is_dir():
        return UserError(
            "đã có một thư mục trùng tên với tệp cần ghi",
            path=path,
            hint="đổi tên hoặc xóa thư mục đó, rồi chạy lại.",
        )
    name = errno.errorcode.get(code or 0, str(code))
    return UserError(
        f"hệ điều hành không cho ghi tệp (mã lỗi {name})",
        path=path,
        hint="kiểm tra ổ đĩa và quyền ghi của thư mục, rồi chạy lại.",
    )


def ensure_writable(folder: Path) -> None:
    """Create ``folder`` and check a file can be written in it, before anything else is changed
    (``vankien release`` commits, then builds: a folder it cannot write is found first)."""
    probe = folder / ".vankien-probe"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".vankien-probe.", dir=folder)
        os.close(fd)
        Path(tmp).unlink()
    except OSError as exc:
        raise write_failure(probe, exc) from None


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half-written.

    ``durable=False`` skips the fsync, for files that can be recomputed (the cache). A write
    the system refuses (full disk, read-only folder, a file where a folder should be) is a
    :class:`UserError` that says so; the temporary file is removed and ``path`` is unchanged.
    """
    try:
        _write_atomic(path, data, durable)
    except OSError as exc:
        raise write_failure(path, exc) from None


def _write_atomic(path: Path, data: bytes | str, durable: bool) -> None:
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
