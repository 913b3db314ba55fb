"""Writing results: JSON of a document and atomic file writes (a crash never leaves half a file)."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from vnadmin.model import Document


def document_json(doc: Document, *, pretty: bool = False) -> str:
    """The JSON form of a document (the format other tools read; see ``vnadmin schema``)."""
    return doc.model_dump_json(indent=2 if pretty else None)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once, at import: os.umask cannot be read without setting it (not thread-safe)


@contextlib.contextmanager
def atomic_binary(target: str | Path, tmp_dir: str | Path | None = None) -> Iterator[IO[bytes]]:
    """A byte stream that replaces ``target`` when the block ends without an exception.

    The data goes to a temporary file in ``tmp_dir`` (default: beside ``target``; it must be on the same
    filesystem), is flushed to disk, then renamed over ``target``: readers see the old file or the new one.
    """
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=tmp_dir or path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the file the usual permissions
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_text(target: str | Path, tmp_dir: str | Path | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text stream with the guarantees of :func:`atomic_binary`."""
    with atomic_binary(target, tmp_dir) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        yield text
        text.flush()
        text.detach()


def write_atomic(target: str | Path, data: str | bytes, tmp_dir: str | Path | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``target`` atomically."""
    with atomic_binary(target, tmp_dir) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
