"""PDF through headless LibreOffice, each run with its own profile directory.

The PDF that vankien writes is PDF/A-2b (ISO 19005-2, level B), the archival form that an
office can sign digitally and file: LibreOffice's own PDF/A export (``SelectPdfVersion`` 2 of
the ``writer_pdf_Export`` filter, accepted as JSON filter options since LibreOffice 7.4)
embeds every font and writes the XMP packet and the sRGB output intent that PDF/A asks for.
LibreOffice carries the docx's title, author (the issuing body) and subject into both the
document information and the XMP packet; it stamps the moment of conversion as the creation
date, so ``stamp_dates`` puts the document's own date there instead (in both places, as
PDF/A requires), the date the docx carries too.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from vankien.errors import UserError

TIMEOUT_S = 300
# LibreOffice's PDF export filter with PDF/A-2b: SelectPdfVersion 1 = PDF/A-1b, 2 = PDF/A-2b,
# 3 = PDF/A-3b (LibreOffice 7.4); the rest of the filter's options keep their defaults.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
PLAIN_FILTER = "pdf"


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


def docx_to_pdf(docx: Path, *, archive: bool = True) -> bytes:
    """The PDF of ``docx`` as LibreOffice lays it out: PDF/A-2b with the document's date
    (``archive``), or LibreOffice's plain PDF export (what the docx looks like in LibreOffice,
    which the tests compare the PDF/A with)."""
    data = _convert(docx, PDFA_FILTER if archive else PLAIN_FILTER)
    if not archive:
        return data
    created = _created(docx)
    return stamp_dates(data, created) if created is not None else data


def _convert(docx: Path, convert_to: str) -> bytes:
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
            convert_to,
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


def _created(docx: Path) -> dt.datetime | None:
    """The docx's ``dcterms:created`` (vankien writes the document's date there)."""
    from vankien.publish.ooxml.ns import qn
    from vankien.publish.ooxml.package import parse, read_parts

    core = read_parts(docx.read_bytes(), str(docx)).get("docProps/core.xml")
    text = parse(core).findtext(qn("dcterms:created")) if core else None
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def stamp_dates(pdf: bytes, when: dt.datetime) -> bytes:
    """``pdf`` with its creation, modification and metadata dates set to ``when``: in the XMP
    packet and, kept equal to it as PDF/A asks, in the document information dictionary. The
    rest of the XMP packet (the PDF/A identification, title, author, subject, producer) and
    of the file stays as LibreOffice wrote it; the file ID is derived from the content."""
    import pikepdf

    stamp = when.astimezone(dt.UTC).isoformat()
    out = io.BytesIO()
    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
                for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                    meta[key] = stamp
            doc.save(out, deterministic_id=True)
    except pikepdf.PdfError as exc:
        raise UserError(
            f"bản PDF LibreOffice vừa tạo bị hỏng, không ghi được ngày văn bản vào đó ({exc})",
            hint="chạy lại lệnh; nếu vẫn lỗi, cập nhật LibreOffice. Tệp .docx đã được tạo.",
        ) from None
    return out.getvalue()
