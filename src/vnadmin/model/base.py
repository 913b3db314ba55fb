"""Shared building blocks of the output model: the frozen base class, spans and provenance."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Span = Annotated[
    tuple[int, int],
    Field(description="[start, end) character offsets into Document.text (Python slicing)."),
]


class Model(BaseModel):
    """Base of every output type: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class BoundingBox(Model):
    """A rectangle on a page, in PDF points, origin at the top-left corner of the page."""

    x0: float
    top: float
    x1: float
    bottom: float


class Located(Model):
    """A piece of the document: its exact text, where it is, and (for paged sources) its page."""

    text: str = Field(description="Exact text: Document.text[span[0]:span[1]].")
    span: Span
    page: int | None = Field(default=None, description="1-based page of the span's start, paged sources only.")
    bbox: BoundingBox | None = Field(default=None, description="Box of the block holding the span's start.")
