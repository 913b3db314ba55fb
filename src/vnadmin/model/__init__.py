"""The typed output model (Pydantic v2). Import from here: ``from vnadmin.model import Document``."""

from vnadmin.model.base import BoundingBox, Located, Model, Span
from vnadmin.model.citations import Citation, Reference
from vnadmin.model.document import (
    SCHEMA_VERSION,
    Cell,
    DocTable,
    Document,
    Family,
    Footnote,
    Metadata,
    Notice,
    Section,
    SectionKind,
    Signature,
    Source,
)
from vnadmin.model.layout import Block, ReaderNote, SourceDocument, Table, TableCell
from vnadmin.model.tasks import Assignee, Deadline, Period, Recurrence, Role, Task

__all__ = [
    "SCHEMA_VERSION",
    "Assignee",
    "Block",
    "BoundingBox",
    "Cell",
    "Citation",
    "Deadline",
    "DocTable",
    "Document",
    "Family",
    "Footnote",
    "Located",
    "Metadata",
    "Model",
    "Notice",
    "Period",
    "ReaderNote",
    "Recurrence",
    "Reference",
    "Role",
    "Section",
    "SectionKind",
    "Signature",
    "Source",
    "SourceDocument",
    "Span",
    "Table",
    "TableCell",
    "Task",
]
