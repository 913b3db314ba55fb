"""Writing results: JSON of a document and atomic file writes (a crash never leaves half a file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from vnadmin.model import Document


def document_json(doc: Document, *, pretty: bool = False) -> str:
    """The JSON form of a document (the format other tools read; see ``vnadmin schema``)."""
    return doc.model_dump_json(indent=2 if pretty else None)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
