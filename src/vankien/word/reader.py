"""Reading a .docx with zipfile and lxml into :class:`vankien.word.model.WordDocument`."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from vankien.word.model import WordDocument


def read_docx(path: Path) -> WordDocument:
    """Read ``path`` and return what it holds as a person sees it in Word.

    Raises :class:`vankien.errors.UserError` (Vietnamese message naming the file and saying
    what to do; exit code 2) for: a .doc (Word 97) file, a password-protected docx (an OLE
    compound file with EncryptionInfo), a corrupt docx (bad zip, missing or malformed
    word/document.xml), a file that is not a docx at all, and a document with no text.
    """
    raise NotImplementedError


def paragraph_elements(root: etree._Element) -> list[etree._Element]:
    """The ``w:p`` elements of a document.xml tree in the order that defines
    :attr:`Paragraph.index`: document order, ``mc:Fallback`` branches skipped (the
    ``mc:Choice`` one is read), paragraphs in table cells and text boxes included, those of
    ``w:sectPr`` headers/footers (separate parts) not.
    """
    raise NotImplementedError
