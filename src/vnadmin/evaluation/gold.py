"""Gold answers: loading ``corpus/gold/<id>.json``, finding each one's document, and its group.

The format is described in ``corpus/README.md`` ("Gold answers"). Unknown keys (``notes``, a deadline's
``what``…) are ignored.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict


class _GoldModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class GoldSigner(_GoldModel):
    name: str | None = None
    position: str | None = None
    authority: str | None = None


class GoldSection(_GoldModel):
    number: str
    title: str | None = None
    level: int


class GoldCitation(_GoldModel):
    text: str
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None


class GoldAssignee(_GoldModel):
    name: str
    role: str
    section: str | None = None


class GoldDeadline(_GoldModel):
    text: str
    date: str | None = None
    recurrence: str | None = None
    rrule: str | None = None


class Gold(_GoldModel):
    """The hand-made answer for one document."""

    id: str
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    title: str | None = None
    signer: GoldSigner | None = None
    sections: list[GoldSection] = []
    citations: list[GoldCitation] = []
    assignees: list[GoldAssignee] = []
    deadlines: list[GoldDeadline] = []
    recipients: list[str] = []
    archive_line: str | None = None


def load_gold(path: Path) -> Gold:
    """One gold file; its ``id`` defaults to the file name."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data.setdefault("id", path.stem)
    return Gold.model_validate(data)


def load_golds(gold_dir: Path) -> list[Gold]:
    """Every ``*.json`` of a directory, sorted by file name."""
    return [load_gold(p) for p in sorted(gold_dir.glob("*.json"))]


def find_document(docs_dir: Path, doc_id: str) -> Path | None:
    """The document ``<id>.<ext>`` (any extension, e.g. ``.pdf``, ``.signed.pdf``), or None when missing."""
    matches = sorted(p for p in docs_dir.glob(f"{doc_id}.*") if p.is_file())
    return matches[0] if matches else None


# --- Groups ---------------------------------------------------------------------------------------------------

TEXT_LAYER = "text-layer"
SCANNED = "scanned"
FORMATS = ("txt", "pdf", "docx/doc")
SCANNED_NOTES = ("scanned", "no text layer", "image-only")
"""A PDF whose MANIFEST note says one of these is scored in the scanned group."""
SCANNED_WARNINGS = frozenset({"scanned", "stamp-only", "garbled-ocr"})
"""Parser warning codes that put a PDF missing from the MANIFEST in the scanned group."""


def read_manifest(path: Path) -> dict[str, str]:
    """``corpus/MANIFEST.tsv`` as id → notes; empty when the file does not exist."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["id"]: row.get("notes") or "" for row in rows if row.get("id")}


def format_of(path: Path) -> str:
    """The format bucket of a document: ``txt`` (txt, md), ``pdf`` or ``docx/doc``."""
    ext = path.suffix.lower().lstrip(".")
    if ext in ("docx", "doc"):
        return "docx/doc"
    if ext == "pdf":
        return "pdf"
    return "txt"


@dataclass(frozen=True)
class Placement:
    """Where a document's scores are added: its group (text-layer or scanned) and its format."""

    group: str
    format: str


def place(path: Path, manifest_note: str | None, warning_codes: set[str]) -> Placement:
    """Scanned = a PDF that the MANIFEST calls scanned (or, without a MANIFEST entry, the parser warns so)."""
    fmt = format_of(path)
    scanned = False
    if fmt == "pdf":
        if manifest_note is not None:
            note = manifest_note.lower()
            scanned = any(word in note for word in SCANNED_NOTES)
        else:
            scanned = bool(warning_codes & SCANNED_WARNINGS)
    return Placement(SCANNED if scanned else TEXT_LAYER, fmt)
