"""What a reader hands to the pipeline: raw text with blocks and tables that keep their provenance.

Readers (PDF, DOCX, text) differ; everything after them sees only a :class:`SourceDocument`.
Every ``span`` here is an offset pair into ``SourceDocument.raw_text``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from vnadmin.model.base import BoundingBox, Model

BlockKind = Literal["paragraph", "table_cell", "footnote", "page_header", "page_footer", "stamp"]
SourceFormat = Literal["txt", "md", "pdf", "docx", "doc"]


class Block(Model):
    """One run of text as the reader saw it (a paragraph, a table cell, a footnote, a stamp)."""

    span: tuple[int, int] = Field(description="Offsets of the block's text in raw_text.")
    kind: BlockKind = "paragraph"
    page: int | None = Field(default=None, description="1-based page, paged sources only.")
    bbox: BoundingBox | None = None
    font_size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: Literal["left", "center", "right", "justify"] | None = None
    indent: float | None = Field(default=None, description="Left indent of the first line, in points.")
    ocr: bool = Field(default=False, description="True when the text came from OCR.")


class TableCell(Model):
    """One cell of a table; merged cells appear once, at their top-left position."""

    row: int
    col: int
    span: tuple[int, int] = Field(description="Offsets of the cell text in raw_text.")
    row_span: int = 1
    col_span: int = 1


class Table(Model):
    """A table found by the reader (a header table, an assignment table in an appendix...)."""

    span: tuple[int, int] = Field(description="Offsets covering the whole table in raw_text.")
    cells: list[TableCell]
    page: int | None = None
    n_rows: int
    n_cols: int


class ReaderNote(Model):
    """Something the reader wants the user to know (scanned page, legacy font, unreadable part)."""

    code: str
    message: str
    page: int | None = None


class SourceDocument(Model):
    """A read document: the text in reading order and the structure found on the way."""

    path: str | None = None
    format: SourceFormat
    sha256: str
    raw_text: str
    pages: int | None = None
    blocks: list[Block] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    notes: list[ReaderNote] = Field(default_factory=list)
    producer: str | None = Field(default=None, description="The producing application, where the file says.")
