"""The output directory of a batch: atomic writes, the run lock and the files rebuilt after each run.

Layout of ``OUTDIR``::

    <input tree>/<name>.json   one document each (``doc.model_dump_json(indent=1)``)
    documents.jsonl            every converted document, one compact JSON per line, sorted by path
    failures.jsonl             one line per failed file: {"path", "error", "reason", "sha256"}
    summary.json               counts, timings and throughput of the last run
    index.sqlite               the index (see :mod:`vnadmin.batch.index`), also the resume manifest
    .vnadmin/                  lock file and temporary files (a kill never leaves a partial JSON elsewhere)

Every file is written to ``.vnadmin/tmp`` first and renamed into place, so readers see either the old file or the
new one, never half of one.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vnadmin.output import atomic_text, write_atomic

STATE_DIR = ".vnadmin"
INDEX_NAME = "index.sqlite"
DOCUMENTS_NAME = "documents.jsonl"
FAILURES_NAME = "failures.jsonl"
SUMMARY_NAME = "summary.json"
RESERVED = frozenset({STATE_DIR, INDEX_NAME, DOCUMENTS_NAME, FAILURES_NAME, SUMMARY_NAME})


class OutputLocked(RuntimeError):
    """Another batch is writing to the same output directory."""


def json_name(rel: str) -> str:
    """The output file of a document, relative to OUTDIR: ``sub/a.pdf`` → ``sub/a.pdf.json``."""
    return f"{rel}.json"


class Store:
    """An output directory opened for one run: holds the lock until :meth:`close`."""

    def __init__(self, outdir: str | os.PathLike[str]) -> None:
        self.root = Path(outdir)
        self.root.mkdir(parents=True, exist_ok=True)
        self.state = self.root / STATE_DIR
        self.tmp = self.state / "tmp"
        self.state.mkdir(exist_ok=True)
        self._lock = open(self.state / "lock", "a+")  # noqa: SIM115 - held for the life of the store
        try:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            raise OutputLocked(f"{self.root}: another batch is writing to this output directory") from None
        # Temporary files of a killed run: never renamed, so never visible; remove them.
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir()

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_NAME

    def output(self, rel: str) -> Path:
        """Absolute path of the JSON of the document at ``rel``."""
        return self.root / json_name(rel)

    def write_document(self, rel: str, text: str) -> None:
        write_atomic(self.output(rel), text, self.tmp)

    def write_documents_jsonl(self, outputs: Iterable[str]) -> int:
        """Rebuild documents.jsonl from the JSON files (relative names, in order), streaming; return lines."""
        n = 0
        with atomic_text(self.root / DOCUMENTS_NAME, self.tmp) as fh:
            for out in outputs:
                try:
                    raw = (self.root / out).read_text(encoding="utf-8")
                except FileNotFoundError:
                    continue
                fh.write(json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")))
                fh.write("\n")
                n += 1
        return n

    def write_failures_jsonl(self, rows: Iterable[dict[str, Any]]) -> int:
        n = 0
        with atomic_text(self.root / FAILURES_NAME, self.tmp) as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True))
                fh.write("\n")
                n += 1
        return n

    def write_summary(self, summary: dict[str, Any]) -> None:
        write_atomic(self.root / SUMMARY_NAME, json.dumps(summary, ensure_ascii=False, indent=1) + "\n", self.tmp)

    def has_documents_jsonl(self) -> bool:
        return (self.root / DOCUMENTS_NAME).is_file()

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        if not self._lock.closed:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_UN)
            self._lock.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
