"""Citations: mentions of other documents in the text, and the documents they resolve to."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from vnadmin.model.base import Located, Model


class Citation(Located):
    """One mention of another document, e.g. ``Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ``."""

    doc_type: str | None = Field(default=None, description="Type as written in normal case: 'Chỉ thị', 'Luật'.")
    doc_type_code: str | None = Field(default=None, description="Type code from the number or the type table: 'CT'.")
    number: str | None = Field(default=None, description="Số/ký hiệu without spaces; null for references by name.")
    date: dt.date | None = None
    issuer: str | None = Field(default=None, description="The issuing body as written after 'của'.")
    subject: str | None = Field(
        default=None,
        description="The subject after 'về'/'về việc', in quotes, or from its verb ('quy định chi tiết …').",
    )
    section: str | None = Field(default=None, description="Path of the section holding the mention: 'II.2'.")
    in_footnote: bool = False
    in_legal_basis: bool = Field(default=False, description="True inside the 'Căn cứ …' legal bases.")
    reference: int | None = Field(default=None, description="Index into Document.references.")


class Reference(Model):
    """A cited document: all mentions of one document linked together."""

    key: str = Field(description="Stable identity: type code, number, year and issuer code, e.g. 'CT|33|2021|TTg'.")
    doc_type: str | None = None
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    subject: str | None = None
    mentions: list[int] = Field(description="Indices into Document.citations.")
    uncertain: bool = Field(default=False, description="True when mentions were linked on partial evidence.")
    note: str | None = None
