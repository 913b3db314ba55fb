"""Tasks, assignees and deadlines: who must do what, by when."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from vnadmin.model.base import Located, Model, Span

Role = Literal["lead", "cooperate", "requested", "responsible"]


class Recurrence(Model):
    """A repeating due date as an RFC 5545 rule."""

    rrule: str = Field(description="RFC 5545 RRULE body, e.g. 'FREQ=MONTHLY;BYMONTHDAY=15'.")
    description: str | None = Field(default=None, description="Plain words, e.g. 'monthly day 15'.")


class Period(Model):
    """A span of calendar time: a month, a quarter, a year, a programme period."""

    start: dt.date
    end: dt.date
    kind: Literal["day", "month", "quarter", "half_year", "year", "range"]


class Deadline(Located):
    """A due date as written ("trước ngày 20/4/2024") and as data."""

    date: dt.date | None = Field(default=None, description="The due day; the last day of a month/quarter/year.")
    recurrence: Recurrence | None = None
    period: Period | None = Field(default=None, description="The period the deadline closes, when one is named.")
    relative: str | None = Field(default=None, description="A relative limit: 'P5D business days from receipt'.")
    what: str | None = Field(default=None, description="What is due, when the text says: 'báo cáo quý'.")
    section: str | None = None


class Assignee(Model):
    """A body given a task, with its role."""

    name: str = Field(
        description=(
            "As written; a member of a list under one shared head gets the head back: 'Bộ Công an' for "
            "'Công an' in 'Các Bộ: Công an, Y tế' (its span covers 'Công an')."
        )
    )
    normalized: str | None = Field(default=None, description="Abbreviations expanded: 'UBND' → 'Ủy ban nhân dân'.")
    role: Role
    span: Span | None = None


class Task(Model):
    """One assignment: the section it sits in, the bodies and what they must do."""

    section: str | None = None
    assignees: list[Assignee]
    description: str
    span: Span | None = None
    deadlines: list[Deadline] = Field(default_factory=list)
    product: str | None = Field(default=None, description="Expected output (table column 'Sản phẩm').")
    group: str | None = Field(default=None, description="Table group row heading, when rows are grouped.")
    source: Literal["text", "table", "appendix_table", "addressees"] = Field(
        default="text",
        description=(
            "Where the task was read: an item or sentence of the text; a row of a table in the body; a row of a "
            "table in an appendix or outside the assignment part (a schedule); the addressees of a letter."
        ),
    )
