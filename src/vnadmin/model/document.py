"""The parsed document: the contract between vnadmin's stages and with the tools that read its JSON."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from vnadmin.model.base import BoundingBox, Located, Model, Span
from vnadmin.model.citations import Citation, Reference
from vnadmin.model.layout import SourceFormat
from vnadmin.model.tasks import Deadline, Task

SCHEMA_VERSION = "1.1.0"
"""Version of the output schema: major changes break readers, minor ones add fields."""

Family = Literal["administrative", "normative", "party"]
SectionKind = Literal[
    "part",  # Phần I / PHẦN THỨ NHẤT
    "lettered_part",  # A. (above roman parts: "A. KẾT QUẢ …", "B. NHIỆM VỤ …"); since schema 1.1
    "chapter",  # Chương I
    "subsection",  # Mục 1
    "article",  # Điều 3.
    "roman",  # I.
    "arabic",  # 1.
    "decimal",  # 1.1.
    "letter",  # a)
    "paren_number",  # (1) or 1)
    "dash",  # - item
    "plus",  # + item
    "appendix",  # Phụ lục I
]


class Source(Model):
    """Where the document came from."""

    path: str | None = None
    format: SourceFormat
    sha256: str = Field(description="SHA-256 of the input bytes.")
    pages: int | None = Field(default=None, description="Number of pages for paged formats.")
    producer: str | None = None


class Metadata(Model):
    """The header of the document (Nghị định 30/2020, Phụ lục I) and its type and title."""

    doc_type: str | None = Field(default=None, description="Type as written in normal case: 'Kế hoạch'.")
    doc_type_code: str | None = Field(default=None, description="Type code: 'KH', 'QĐ'; null for Công văn.")
    number: str | None = Field(default=None, description="Số/ký hiệu without spaces ('65/KH-UBND'); null when blank.")
    issuer: str | None = Field(default=None, description="Issuing body from the letterhead, lines joined.")
    parent_issuer: str | None = Field(default=None, description="The body above the issuer in the letterhead.")
    place: str | None = Field(default=None, description="Place in the place-date line: 'Tuyên Quang'.")
    issued_date: dt.date | None = None
    title: str | None = Field(default=None, description="The trích yếu (subject line), wrapped lines joined.")
    family: Family | None = Field(default=None, description="administrative | normative | party.")
    urgency: str | None = Field(default=None, description="'HỎA TỐC', 'THƯỢNG KHẨN', 'KHẨN' when marked.")
    secrecy: str | None = Field(default=None, description="'MẬT', 'TỐI MẬT', 'TUYỆT MẬT' when marked.")
    addressees: list[str] = Field(default_factory=list, description="'Kính gửi' list of an official letter.")
    evidence: dict[str, Located] = Field(
        default_factory=dict, description="Source text and span of each field found: keys are field names."
    )


class Section(Model):
    """A numbered part of the body, with its sub-parts."""

    label: str = Field(description="The label without punctuation: 'I', '1', 'a', '2.1', '(1)', 'Điều 3', '-'.")
    kind: SectionKind
    level: int = Field(description="1 = outermost numbered level; +1 per nesting step.")
    path: str = Field(description="Labels from the root joined by '.': 'III.1'.")
    title: str | None = Field(description="Heading line, or a run-in item's text up to ':' (else ';' or '.').")
    text: str = Field(description="Text of the section including its sub-sections: Document.text[span].")
    span: Span
    page: int | None = None
    bbox: BoundingBox | None = None
    children: list[Section] = Field(default_factory=list)


class Signature(Model):
    """The signature block: 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name'."""

    on_behalf_of: str | None = Field(default=None, description="Outer delegation line: 'TM. ỦY BAN NHÂN DÂN'.")
    authority: str | None = Field(default=None, description="Innermost delegation line: 'KT. CHỦ TỊCH'.")
    position: str | None = Field(default=None, description="Signer's position: 'PHÓ CHỦ TỊCH'.")
    name: str | None = None
    span: Span | None = None
    page: int | None = None


class Cell(Model):
    """A table cell with its text; merged cells appear once, at their top-left position."""

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str = Field(description="Document.text[span] (may be empty).")
    span: Span


class DocTable(Model):
    """A table of the document (an assignment table, a schedule...), cells in row-major order."""

    span: Span
    page: int | None = None
    n_rows: int
    n_cols: int
    cells: list[Cell]

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by row."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            if 0 <= c.row < self.n_rows:
                out[c.row].append(c)
        return out


class Footnote(Model):
    """A footnote, taken out of the text flow and linked to its marker."""

    marker: str = Field(description="'1', '*' …")
    text: str
    span: Span = Field(description="The footnote text in Document.text (footnotes are placed after the body).")
    anchor: Span | None = Field(default=None, description="The marker in the body text.")


class Notice(Model):
    """A warning about the input or the result: scanned page, blank number, legacy font..."""

    code: str
    message: str
    span: Span | None = None
    page: int | None = None


class Document(Model):
    """A Vietnamese administrative document as typed data."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    text: str = Field(description="Normalised full text; every span indexes it. Footnotes follow the body.")
    metadata: Metadata
    legal_bases: list[Located] = Field(default_factory=list, description="The 'Căn cứ …' lines.")
    sections: list[Section] = Field(default_factory=list)
    tables: list[DocTable] = Field(default_factory=list, description="Tables of the body and appendices.")
    citations: list[Citation] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list, description="Cited documents, mentions linked.")
    tasks: list[Task] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    periods: list[Located] = Field(default_factory=list, description="Programme periods ('giai đoạn 2021-2025').")
    signature: Signature | None = None
    recipients: list[str] = Field(default_factory=list, description="'Nơi nhận' items without dash and ';'.")
    recipient_spans: list[Span] = Field(default_factory=list, description="Span of each recipient item.")
    archive_line: str | None = Field(default=None, description="The closing 'Lưu: VT, …' line.")
    footnotes: list[Footnote] = Field(default_factory=list)
    warnings: list[Notice] = Field(default_factory=list)

    def iter_sections(self) -> list[Section]:
        """All sections in document order (depth first)."""
        out: list[Section] = []
        stack = list(reversed(self.sections))
        while stack:
            s = stack.pop()
            out.append(s)
            stack.extend(reversed(s.children))
        return out
