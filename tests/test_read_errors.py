"""Broken inputs give one-line errors that name the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from vnadmin.errors import CorruptDocument, EmptyDocument, MissingTool, UnsupportedFormat, VnadminError
from vnadmin.read import doc as doc_reader
from vnadmin.read.doc import read_doc
from vnadmin.read.docx import read_docx
from vnadmin.read.pdf import read_pdf

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"
GOOD = (DOCS / "gm-lamdong-2026-85-hop-cchc.pdf").read_bytes()


def _fails(exc: type[VnadminError], fn: object, name: str, data: bytes) -> str:
    with pytest.raises(exc) as e:
        fn(Path(name), data)  # type: ignore[operator]
    msg = str(e.value)
    assert "\n" not in msg and name in msg
    return msg


def test_zero_byte_pdf() -> None:
    _fails(EmptyDocument, read_pdf, "empty.pdf", b"")


def test_truncated_pdf() -> None:
    _fails(CorruptDocument, read_pdf, "cut.pdf", GOOD[:2000])


def test_garbage_after_pdf_header() -> None:
    _fails(CorruptDocument, read_pdf, "junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)


def test_encrypted_pdf() -> None:
    import pypdfium2 as pdfium  # noqa: F401  (the encrypted sample is built with pdfium's own writer below)

    enc = (DOCS.parent / "encrypted.pdf") if (DOCS.parent / "encrypted.pdf").exists() else None
    data = enc.read_bytes() if enc else _encrypted_pdf()
    msg = _fails(CorruptDocument, read_pdf, "locked.pdf", data)
    assert "password" in msg or "encrypted" in msg


def _encrypted_pdf() -> bytes:
    # RC4 40-bit standard security handler with a non-empty user password: pdfium cannot open it.
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"3 0 obj<</Filter/Standard/V 1/R 2/O<" + b"41" * 32 + b">/U<" + b"42" * 32 + b">/P -4>>endobj\n"
        b"trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<"
        + b"0123456789abcdef" * 2
        + b"><"
        + b"0123456789abcdef" * 2
        + b">]>>\n%%EOF\n"
    )


def test_renamed_text_file_as_pdf() -> None:
    _fails(UnsupportedFormat, read_pdf, "note.pdf", "Kế hoạch số 65".encode())


def test_zip_that_is_not_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8\xff")
    _fails(UnsupportedFormat, read_docx, "photos.docx", buf.getvalue())


def test_truncated_docx() -> None:
    data = (DOCS / "kh-lamdong-2025-cchc-2026.docx").read_bytes()
    _fails(CorruptDocument, read_docx, "cut.docx", data[: len(data) // 2])


def test_renamed_text_file_as_doc() -> None:
    _fails(UnsupportedFormat, read_doc, "note.doc", b"plain text")


def test_doc_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_reader, "soffice", lambda: None)
    msg = _fails(MissingTool, read_doc, "old.doc", doc_reader.OLE_MAGIC + b"\x00" * 600)
    assert "libreoffice-writer" in msg
