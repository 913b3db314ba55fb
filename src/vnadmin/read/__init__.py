"""Readers: turn a file into a :class:`~vnadmin.model.SourceDocument` (raw text, blocks, tables).

The format is decided from the file's bytes, not its name: a PDF renamed ``.txt`` is still read as a PDF,
a ZIP that is not a Word document is refused. Heavy libraries are imported by the reader that needs them.
"""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Literal

from vnadmin.errors import EmptyDocument, InputNotFound, InputTooLarge, NoTextLayer, UnsupportedFormat
from vnadmin.model import SourceDocument

MAX_BYTES = 200 * 1024 * 1024
"""Files above this size are refused (archives hold the odd multi-gigabyte scan)."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, suffix: str) -> str:
    """The format of ``data``: 'pdf', 'docx', 'doc' or 'txt' ('md' when named so).

    >>> sniff(b"%PDF-1.7 ...", ".txt"), sniff("Kế hoạch".encode(), ".md")
    ('pdf', 'md')
    """
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise UnsupportedFormat("a ZIP archive that is not a Word document")
    if _looks_binary(head):
        raise UnsupportedFormat("binary data of an unknown kind (expected PDF, DOCX, DOC or text)")
    return "md" if suffix.lower() in {".md", ".markdown"} else "txt"


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return len(head) > 0 and controls / len(head) > 0.05


OcrMode = Literal["auto", "always", "never"]


def read_source(path: str | Path, *, ocr: OcrMode = "auto", ocr_jobs: int = 0) -> SourceDocument:
    """Read a file of any supported format. Raises :class:`~vnadmin.errors.VnadminError` subclasses.

    ``ocr`` applies to PDFs: ``auto`` runs Tesseract when the text layer is missing or unusable (a scan,
    an e-signature stamp only, a garbled OCR layer), ``always`` OCRs every page, ``never`` reports a scan
    as :class:`~vnadmin.errors.NoTextLayer`. ``ocr_jobs`` is the number of OCR processes (0: one per core).
    """
    p = Path(path)
    if not p.exists():
        raise InputNotFound(f"{p}: no such file")
    if not p.is_file():
        raise InputNotFound(f"{p}: not a file")
    size = p.stat().st_size
    if size == 0:
        raise EmptyDocument(f"{p}: empty file")
    if size > MAX_BYTES:
        raise InputTooLarge(f"{p}: {size / 1e6:.0f} MB is over the {MAX_BYTES // 1_000_000} MB limit")
    data = p.read_bytes()
    try:
        fmt = sniff(data, p.suffix)
    except UnsupportedFormat as e:
        raise UnsupportedFormat(f"{p}: {e}") from None
    if fmt == "pdf":
        return _read_pdf(p, data, ocr, ocr_jobs)
    if fmt == "docx":
        from vnadmin.read.docx import read_docx

        return read_docx(p, data)
    if fmt == "doc":
        from vnadmin.read.doc import read_doc

        return read_doc(p, data)
    from vnadmin.read.text import read_text

    return read_text(p, data, fmt)


def _read_pdf(path: Path, data: bytes, ocr: OcrMode, jobs: int) -> SourceDocument:
    from vnadmin.read.pdf import read_pdf

    if ocr == "always":
        from vnadmin.read.ocr import ocr_source_document

        return ocr_source_document(path, data, jobs)
    try:
        return read_pdf(path, data)
    except NoTextLayer:
        if ocr == "never":
            raise
    from vnadmin.read.ocr import ocr_source_document

    return ocr_source_document(path, data, jobs)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
