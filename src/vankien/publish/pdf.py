"""PDF preview through headless LibreOffice, each run with its own profile directory."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from vankien.errors import UserError

TIMEOUT_S = 300


def soffice_path(without_pdf: str = "bỏ tùy chọn --pdf") -> str:
    """LibreOffice's command; ``without_pdf`` says how the calling command skips the PDF
    (``build`` makes one only with --pdf, ``release`` unless --no-pdf)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise UserError(
        "không tìm thấy LibreOffice (lệnh soffice), nên không tạo được bản PDF xem trước",
        hint="cài LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui) "
        f"rồi chạy lại; hoặc {without_pdf}: tệp .docx vẫn được tạo.",
    )


def docx_to_pdf(docx: Path) -> bytes:
    binary = soffice_path()
    with tempfile.TemporaryDirectory(prefix="vankien-soffice-") as tmp:
        work = Path(tmp)
        source = work / "in.docx"
        shutil.copyfile(docx, source)
        args = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            result = subprocess.run(
                args, capture_output=True, timeout=TIMEOUT_S, check=False, cwd=work
            )
        except subprocess.TimeoutExpired:
            raise UserError(
                f"LibreOffice chạy quá {TIMEOUT_S} giây mà chưa xong bản PDF",
                hint="đóng các cửa sổ LibreOffice đang mở rồi chạy lại.",
            ) from None
        pdf = work / "out" / "in.pdf"
        if result.returncode != 0 or not pdf.is_file():
            message = result.stderr.decode("utf-8", "replace").strip()
            raise UserError(
                f"LibreOffice không tạo được bản PDF ({message or 'không rõ lý do'})",
                hint="tệp .docx đã được tạo; mở bằng Word hoặc LibreOffice để xem.",
            )
        return pdf.read_bytes()
