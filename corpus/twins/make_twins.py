"""Make the format twins of the Word documents of the gold set: the same document as PDF and as plain text.

``make eval`` scores each twin against the gold answers of its original, so the PDF and text readers are compared
on the same content (issue "Readers": PDF/DOCX metrics within 0.02 of TXT). LibreOffice writes both twins, as an
office would: the PDF with its layout (header table, page breaks, page numbers), the text with the list numbers
written out and each table cell on its own line. Run it again after adding a Word document to the gold set:

    python corpus/twins/make_twins.py            # needs `soffice` (Debian package libreoffice-writer)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
FILTERS = {"pdf": "pdf:writer_pdf_Export", "txt": "txt:Text (encoded):UTF8"}


def convert(source: Path, target: Path, kind: str) -> None:
    """Write ``target`` (a .pdf or .txt) from ``source`` through LibreOffice, in a private profile."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                FILTERS[kind],
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        made = out / f"{source.stem}.{kind}"
        data = made.read_bytes()
        if kind == "txt":
            data = data.removeprefix(b"\xef\xbb\xbf")  # the UTF-8 byte order mark LibreOffice writes
        target.write_bytes(data)


def main() -> int:
    if shutil.which("soffice") is None:
        print("make_twins: LibreOffice is needed (apt install libreoffice-writer)", file=sys.stderr)
        return 1
    gold_ids = {p.stem for p in (CORPUS / "gold").glob("*.json")}
    for source in sorted((CORPUS / "docs").iterdir()):
        if source.suffix.lower() not in {".docx", ".doc"} or source.stem not in gold_ids:
            continue
        for kind in FILTERS:
            target = HERE / f"{source.stem}.{kind}"
            convert(source, target, kind)
            print(f"{target.relative_to(CORPUS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
