"""The pipeline: read → normalise → segment → extract → typed :class:`~vnadmin.model.Document`.

Each stage is a module with one job; this one only wires them and traces spans back to pages.
"""

from __future__ import annotations

import bisect
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from vnadmin.model import (
    Cell,
    DocTable,
    Document,
    Footnote,
    Located,
    Metadata,
    Notice,
    Section,
    Source,
    SourceDocument,
)
from vnadmin.normalize import NormalizedText, normalize
from vnadmin.normalize.footnotes import marker_key
from vnadmin.read import OcrMode, read_source
from vnadmin.read.text import read_text
from vnadmin.segment import find_closing, parse_header, parse_sections
from vnadmin.segment import patterns as P
from vnadmin.segment.header import Header, find_addressees

M = TypeVar("M", bound=Any)


def parse(path: str | Path, *, ocr: OcrMode | None = None, ocr_jobs: int = 0) -> Document:
    """Parse a PDF, DOCX, DOC, text or Markdown file.

    ``ocr``: ``auto`` (OCR scanned PDFs with Tesseract), ``always`` or ``never`` (a scan is an error); by
    default the ``VNADMIN_OCR`` environment variable, else ``auto`` (batch workers inherit it).
    Raises a :class:`~vnadmin.errors.VnadminError` subclass with a one-line message for bad input.
    """
    mode = ocr or _ocr_from_env()
    with gc_paused():
        return build_document(read_source(path, ocr=mode, ocr_jobs=ocr_jobs))


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block: a parse makes some hundred thousand small objects and
    no cycles to speak of, and collections while they pile up cost a tenth of the time (one full collection
    alone up to ~90 ms on a 68-page PDF); it runs again, freeing whatever it must, once the block ends."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _ocr_from_env() -> OcrMode:
    value = os.environ.get("VNADMIN_OCR", "auto")
    if value == "always":
        return "always"
    return "never" if value == "never" else "auto"


def parse_text(text: str, *, path: str | None = None) -> Document:
    """Parse a document given as text (what a ``.txt`` file would hold)."""
    return build_document(read_text(Path(path) if path else None, text.encode("utf-8")))


def build_document(src: SourceDocument) -> Document:
    """Run every stage after reading."""
    norm = normalize(src.raw_text)
    text = norm.text
    body_limit = norm.body_end
    header = parse_header(text, body_limit)
    closing = find_closing(text, header.body_start, body_limit)
    # "Kính gửi:" sits just under the header (letters, some plans); the body starts after its list.
    addressees, addressees_end = find_addressees(text, 0, min(body_limit, closing.start, header.body_start + 1500))
    body_start = max(header.body_start, addressees_end)
    regions = [(body_start, closing.start)]
    if closing.end < body_limit:
        regions.append((closing.end, body_limit))
    inv = norm.inverse()
    tables = _map_tables(src, norm, inv)
    body_tables = [t for t in tables if t.span[0] >= header.body_start and not _inside(t.span, closing)]
    sections = parse_sections(text, regions, [t.span for t in body_tables])
    first_section = sections[0].span[0] if sections else closing.start
    metadata = Metadata(
        doc_type=header.doc_type,
        doc_type_code=header.doc_type_code,
        number=header.number,
        issuer=header.issuer,
        parent_issuer=header.parent_issuer,
        place=header.place,
        issued_date=header.issued_date,
        title=header.title,
        family=header.family,
        urgency=header.urgency,
        secrecy=header.secrecy,
        addressees=addressees,
        evidence=header.evidence,
    )
    doc = Document(
        source=Source(path=src.path, format=src.format, sha256=src.sha256, pages=src.pages, producer=src.producer),
        text=text,
        metadata=metadata,
        legal_bases=_legal_bases(text, header.body_start, first_section),
        sections=sections,
        tables=body_tables,
        signature=closing.signature,
        recipients=closing.recipients.items,
        recipient_spans=closing.recipients.spans,
        archive_line=closing.recipients.archive_line,
        footnotes=[
            Footnote(
                marker=marker_key(f.marker),
                text=text[f.span[0] : f.span[1]],
                span=f.span,
                anchor=(f.anchor, f.anchor + len(f.marker)) if f.anchor is not None else None,
            )
            for f in norm.footnotes
        ],
        warnings=_warnings(src, header),
    )
    doc = _extract(doc)
    if src.pages:
        doc = _add_pages(doc, src, norm)
    return doc


def _extract(doc: Document) -> Document:
    """Run the extractors on the segmented document."""
    from vnadmin.extract.citations import find_citations
    from vnadmin.extract.tasks import extract_tasks

    citations, references = find_citations(doc)
    doc = doc.model_copy(update={"citations": citations, "references": references})
    tasks, deadlines, periods = extract_tasks(doc)
    return doc.model_copy(update={"tasks": tasks, "deadlines": deadlines, "periods": periods})


def _inside(span: tuple[int, int], closing: Any) -> bool:
    return bool(closing.start <= span[0] < closing.end)


def _legal_bases(text: str, start: int, end: int) -> list[Located]:
    out: list[Located] = []
    for m in P.LEGAL_BASIS.finditer(text, start, end):
        stop = text.find("\n", m.start(), end)
        stop = end if stop == -1 else stop
        s, e = m.start(), stop
        while e > s and text[e - 1] in " ;,.":
            e -= 1
        out.append(Located(text=text[s:e], span=(s, e)))
    return out


def _map_tables(src: SourceDocument, norm: NormalizedText, inv: list[int]) -> list[DocTable]:
    out: list[DocTable] = []
    text = norm.text
    for t in src.tables:
        span = norm.map_raw_span(inv, *t.span)
        if span is None:
            continue
        cells: list[Cell] = []
        for c in t.cells:
            cs = norm.map_raw_span(inv, *c.span) or (span[0], span[0])
            cells.append(
                Cell(row=c.row, col=c.col, row_span=c.row_span, col_span=c.col_span, text=text[cs[0] : cs[1]], span=cs)
            )
        out.append(DocTable(span=span, page=t.page, n_rows=t.n_rows, n_cols=t.n_cols, cells=cells))
    return out


def _warnings(src: SourceDocument, header: Header) -> list[Notice]:
    out = [Notice(code=n.code, message=n.message, page=n.page) for n in src.notes]
    if header.number_blank:
        out.append(Notice(code="blank-number", message="the number (số) is left blank: a draft or unsigned copy"))
    if header.date_blank:
        out.append(Notice(code="blank-date", message="the day of the issue date is left blank"))
    return out


# --- Provenance ------------------------------------------------------------------------------------------------


class _PageIndex:
    """Page (and box) of a normalised offset, through its raw offset and the reader's blocks."""

    def __init__(self, src: SourceDocument, norm: NormalizedText) -> None:
        blocks = sorted((b for b in src.blocks if b.page is not None), key=lambda b: b.span[0])
        self.starts = [b.span[0] for b in blocks]
        self.blocks = blocks
        self.norm = norm

    def locate(self, offset: int) -> tuple[int | None, Any]:
        if not self.blocks:
            return None, None
        raw = self.norm.raw_offset(offset)
        i = bisect.bisect_right(self.starts, raw) - 1
        if i < 0:
            i = 0
        b = self.blocks[i]
        return b.page, b.bbox


def _add_pages(doc: Document, src: SourceDocument, norm: NormalizedText) -> Document:
    index = _PageIndex(src, norm)

    def paged(item: M) -> M:
        page, bbox = index.locate(item.span[0])
        update: dict[str, Any] = {"page": page}
        if "bbox" in type(item).model_fields:
            update["bbox"] = bbox
        return item.model_copy(update=update)  # type: ignore[no-any-return]

    def section(s: Section) -> Section:
        page, bbox = index.locate(s.span[0])
        return s.model_copy(update={"page": page, "bbox": bbox, "children": [section(c) for c in s.children]})

    tasks = [t.model_copy(update={"deadlines": [paged(d) for d in t.deadlines]}) for t in doc.tasks]
    sig = doc.signature
    if sig is not None and sig.span is not None:
        sig = sig.model_copy(update={"page": index.locate(sig.span[0])[0]})
    return doc.model_copy(
        update={
            "sections": [section(s) for s in doc.sections],
            "citations": [paged(c) for c in doc.citations],
            "deadlines": [paged(d) for d in doc.deadlines],
            "legal_bases": [paged(x) for x in doc.legal_bases],
            "periods": [paged(x) for x in doc.periods],
            "tasks": tasks,
            "signature": sig,
            "metadata": doc.metadata.model_copy(
                update={"evidence": {k: paged(v) for k, v in doc.metadata.evidence.items()}}
            ),
        }
    )


__all__ = ["build_document", "parse", "parse_text"]
