"""Assemble a reader's raw text paragraph by paragraph while recording each block's span.

Readers call :meth:`TextBuilder.paragraph` once per paragraph (or table cell, or footnote); paragraphs are
separated by one blank line, lines inside a paragraph by ``\\n``. Spans point into the final text, so
``raw_text[block.span[0]:block.span[1]]`` is exactly the text passed in.

>>> b = TextBuilder()
>>> b.paragraph("KẾ HOẠCH", align="center")
(0, 8)
>>> b.paragraph("Thực hiện công tác dân vận")
(10, 36)
>>> b.text
'KẾ HOẠCH\\n\\nThực hiện công tác dân vận'
>>> b.text[slice(*b.blocks[1].span)]
'Thực hiện công tác dân vận'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vnadmin.model.layout import Block, BlockKind, Table, TableCell


@dataclass
class CellText:
    """One cell waiting to be written: position in its table and its text (lines joined by ``\\n``)."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass
class TextBuilder:
    """Collects paragraphs into one text with blocks and tables pointing into it."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def _append(self, text: str) -> tuple[int, int]:
        if self.length:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def paragraph(self, text: str, kind: BlockKind = "paragraph", **hints: Any) -> tuple[int, int] | None:
        """Append a paragraph (skipped when blank) and record its block; returns its span."""
        text = text.strip(" \n")
        if not text:
            return None
        span = self._append(text)
        self.blocks.append(Block(span=span, kind=kind, **hints))
        return span

    def sub_block(self, span: tuple[int, int], kind: BlockKind, **hints: Any) -> None:
        """Record a block inside text already written (a stamp's number inside a header cell)."""
        self.blocks.append(Block(span=span, kind=kind, **hints))

    def table(self, cells: list[CellText], page: int | None = None) -> Table | None:
        """Append the non-empty cells of a table, each its own paragraph, and record the table."""
        written: list[TableCell] = []
        for c in cells:
            span = self.paragraph(c.text, kind="table_cell", **c.hints)
            if span is None:
                continue
            written.append(TableCell(row=c.row, col=c.col, span=span, row_span=c.row_span, col_span=c.col_span))
        if not written:
            return None
        n_rows = max(c.row + c.row_span for c in cells)
        n_cols = max(c.col + c.col_span for c in cells)
        table = Table(
            span=(written[0].span[0], written[-1].span[1]), cells=written, page=page, n_rows=n_rows, n_cols=n_cols
        )
        self.tables.append(table)
        return table
