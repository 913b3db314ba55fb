"""Word 97–2003 (.doc): converted to DOCX by LibreOffice headless, then read by :mod:`vnadmin.read.docx`.

LibreOffice (Debian package ``libreoffice-writer``, or ``libreoffice-writer-nogui``) must be installed;
without it :class:`~vnadmin.errors.MissingTool` says so. Each conversion uses its own throw-away user
profile, so several conversions can run at the same time.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from vnadmin.errors import CorruptDocument, EmptyDocument, MissingTool, UnsupportedFormat
from vnadmin.model.layout import SourceDocument
from vnadmin.read.docx import read_docx

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TIMEOUT_SECONDS = 180


def soffice() -> str | None:
    """Path of the LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, data: bytes) -> bytes:
    """The bytes of ``data`` (a .doc) converted to DOCX by LibreOffice headless."""
    exe = soffice()
    if exe is None:
        raise MissingTool(f"{path}: reading .doc needs LibreOffice (install the Debian package libreoffice-writer)")
    with tempfile.TemporaryDirectory(prefix="vnadmin-doc-") as tmp:
        work = Path(tmp)
        src = work / "input.doc"
        src.write_bytes(data)
        profile = (work / "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(src)]  # fmt: skip
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise CorruptDocument(f"{path}: LibreOffice did not convert the .doc within {TIMEOUT_SECONDS} s") from None
        out = work / "out" / "input.docx"
        if proc.returncode != 0 or not out.exists():
            err = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            detail = err[-1] if err else f"exit code {proc.returncode}"
            raise CorruptDocument(f"{path}: LibreOffice could not convert the .doc ({detail})")
        return out.read_bytes()


def read_doc(path: Path, data: bytes) -> SourceDocument:
    """Read a Word 97–2003 document through a DOCX conversion; ``format`` stays "doc"."""
    if not data:
        raise EmptyDocument(f"{path}: empty file (0 bytes)")
    if not data.startswith(OLE_MAGIC):
        raise UnsupportedFormat(f"{path}: not a Word 97-2003 document (no OLE2 signature)")
    converted = convert_to_docx(path, data)
    return read_docx(path, converted, fmt="doc", sha=hashlib.sha256(data).hexdigest())
