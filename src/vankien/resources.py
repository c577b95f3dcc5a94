"""Where the toolchain's own outline, profiles and filters live, and which files of a report
folder may be read.

A report folder may carry its own copy (``outline/``, ``profiles/``, ``filters/``); otherwise
the toolchain's copy is used: the source checkout's top-level folders in a development install,
or ``vankien/_resources`` inside an installed wheel.
"""

from __future__ import annotations

from pathlib import Path

from vankien.errors import UserError

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def inside_report(root: Path, path: Path) -> Path:
    """``path``, after checking that it (through any symbolic link) stays in the report folder.

    A link to a file elsewhere (~/.ssh, /etc) would otherwise put that file's text into a
    document that CI publishes as an artifact.
    """
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise UserError(
            "tệp trỏ ra ngoài thư mục báo cáo (liên kết tượng trưng); vankien chỉ đọc các tệp "
            "nằm trong thư mục báo cáo",
            path=path,
            hint="thay liên kết bằng chính tệp đó, đặt trong thư mục báo cáo.",
        )
    return path


def toolchain_dir(kind: str) -> Path:
    for base in (_PACKAGE / "_resources", _CHECKOUT):
        candidate = base / kind
        if candidate.is_dir():
            return candidate
    raise UserError(
        f"bản cài đặt vankien thiếu thư mục «{kind}»", hint="cài lại: make clean report"
    )


def find(root: Path, kind: str, name: str) -> Path:
    """The file ``name`` of ``kind`` (outline/profiles/filters): the report's own copy first."""
    local = root / kind / name
    if local.is_file():
        return inside_report(root, local)
    shipped = toolchain_dir(kind) / name
    if shipped.is_file():
        return shipped
    raise UserError(
        f"không tìm thấy «{kind}/{name}»",
        path=root,
        hint=f"kiểm tra tên trong report.yaml, hoặc đặt tệp vào thư mục «{kind}/» của báo cáo.",
    )


def data_path(name: str) -> Path:
    """A data file shipped inside the package (word lists and the like)."""
    return _PACKAGE / "data" / name


def data_entries(text: str) -> list[str]:
    """The entries of a data file's text, one a line: stripped, blank lines and comments (lines
    starting with «#») left out."""
    stripped = (line.strip() for line in text.splitlines())
    return [line for line in stripped if line and not line.startswith("#")]


def language_data(folder: Path | None = None) -> list[Path]:
    """Every data file of the language checks: the files of ``data/vietnamese/`` (or of
    ``folder``, a copy of it) and the general dictionary ``data/words.txt``; what is computed
    from them is kept while they stay the same (the lint word-list cache, the language
    checks' stamp)."""
    lists = data_path("vietnamese") if folder is None else folder
    return [*sorted(lists.glob("*")), data_path("words.txt")]


def sample_reports() -> dict[str, Path]:
    """The sample report.yaml of each kind of organisation shipped with vankien."""
    try:
        folder = toolchain_dir("examples")
    except UserError:
        return {}
    found = {
        "đảng bộ cơ sở": folder / "dang-bo" / "report.yaml",
        "chi bộ cơ sở": folder / "chi-bo" / "report.yaml",
    }
    return {label: path for label, path in found.items() if path.is_file()}
