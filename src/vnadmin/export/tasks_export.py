"""A document's obligations as CSV, JSON or iCalendar: one row per (task, assignee, role, deadline).

The iCalendar file has one all-day event per dated deadline and one recurring event (RRULE) per repeating one,
so an office can load a plan's obligations into its calendar. Relative and continuous deadlines have no day and
are left out of the calendar (they stay in CSV and JSON).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from vnadmin.model import Assignee, Deadline, Document, Task

COLUMNS = (
    "task",
    "section",
    "group",
    "assignee",
    "assignee_normalized",
    "role",
    "deadline_text",
    "due_date",
    "rrule",
    "recurrence",
    "relative",
    "period_start",
    "period_end",
    "what",
    "product",
    "page",
)


@dataclass(frozen=True)
class ObligationRow:
    """One (task, assignee, role, deadline) combination; a task without deadline gives rows without one."""

    task_index: int
    task: Task
    assignee: Assignee | None
    deadline: Deadline | None

    def as_dict(self) -> dict[str, Any]:
        d, a, t = self.deadline, self.assignee, self.task
        return {
            "task": t.description,
            "section": t.section,
            "group": t.group,
            "assignee": a.name if a else None,
            "assignee_normalized": a.normalized if a else None,
            "role": a.role if a else None,
            "deadline_text": d.text if d else None,
            "due_date": d.date.isoformat() if d and d.date else None,
            "rrule": d.recurrence.rrule if d and d.recurrence else None,
            "recurrence": d.recurrence.description if d and d.recurrence else None,
            "relative": d.relative if d else None,
            "period_start": d.period.start.isoformat() if d and d.period else None,
            "period_end": d.period.end.isoformat() if d and d.period else None,
            "what": d.what if d else None,
            "product": t.product,
            "page": d.page if d else None,
        }


def obligation_rows(doc: Document) -> list[ObligationRow]:
    """Rows in task order; each task × each assignee × each of its deadlines (or one row without deadline)."""
    rows: list[ObligationRow] = []
    for i, task in enumerate(doc.tasks):
        assignees: list[Assignee | None] = list(task.assignees) or [None]
        deadlines: list[Deadline | None] = list(task.deadlines) or [None]
        for a in assignees:
            for d in deadlines:
                rows.append(ObligationRow(i, task, a, d))
    return rows


def to_csv(doc: Document) -> str:
    """CSV with a header row (UTF-8 text; spreadsheet programs may want a BOM, see ``--bom``)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in obligation_rows(doc):
        writer.writerow({k: "" if v is None else v for k, v in row.as_dict().items()})
    return buf.getvalue()


def to_json(doc: Document, *, pretty: bool = False) -> str:
    """A JSON array of row objects (the CSV columns), plus the document's id fields."""
    payload = {
        "source": doc.source.path,
        "number": doc.metadata.number,
        "title": doc.metadata.title,
        "issued_date": doc.metadata.issued_date.isoformat() if doc.metadata.issued_date else None,
        "rows": [r.as_dict() for r in obligation_rows(doc)],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2 if pretty else None)


def _summary(task: Task, deadline: Deadline, names: list[str]) -> str:
    what = deadline.what or task.product or task.description
    what = " ".join(what.split())
    if len(what) > 120:
        what = what[:117].rstrip() + "…"
    who = ", ".join(names)
    return f"{who}: {what}" if who else what


def _first_occurrence(rule: str, start: dt.date) -> dt.date:
    from dateutil.rrule import rrulestr

    it = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))
    first = it.after(dt.datetime.combine(start, dt.time()), inc=True)
    return first.date() if first is not None else start


def to_ics(doc: Document, *, today: dt.date | None = None) -> bytes:
    """An iCalendar file: one all-day VEVENT per dated deadline, a recurring VEVENT per repeating deadline."""
    from icalendar import Calendar, Event, vRecur

    cal = Calendar()
    cal.add("prodid", "-//vnadmin//tasks//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    title = doc.metadata.title or doc.metadata.number or doc.source.path or "vnadmin"
    cal.add("x-wr-calname", " ".join(title.split())[:120])
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    anchor = doc.metadata.issued_date or today or dt.date.today()
    seen: set[str] = set()
    for i, task in enumerate(doc.tasks):
        names = [a.name for a in task.assignees]
        for j, d in enumerate(task.deadlines):
            if d.date is None and d.recurrence is None:
                continue
            uid_src = f"{doc.source.sha256}:{i}:{j}:{d.span[0]}:{d.span[1]}"
            uid = hashlib.sha1(uid_src.encode()).hexdigest() + "@vnadmin"
            if uid in seen:
                continue
            seen.add(uid)
            ev = Event()
            ev.add("uid", uid)
            ev.add("dtstamp", stamp)
            ev.add("summary", _summary(task, d, names))
            if d.recurrence is not None:
                start = _first_occurrence(d.recurrence.rrule, anchor)
                ev.add("dtstart", start)
                ev.add("dtend", start + dt.timedelta(days=1))
                ev.add("rrule", vRecur.from_ical(d.recurrence.rrule))
            else:
                assert d.date is not None
                ev.add("dtstart", d.date)
                ev.add("dtend", d.date + dt.timedelta(days=1))
            lines = [" ".join(task.description.split())]
            if names:
                lines.append("Cơ quan: " + "; ".join(f"{a.name} ({a.role})" for a in task.assignees))
            lines.append(f"Thời hạn: {' '.join(d.text.split())}")
            if task.section:
                lines.append(f"Mục: {task.section}")
            ev.add("description", "\n".join(lines))
            cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data


__all__ = ["COLUMNS", "ObligationRow", "obligation_rows", "to_csv", "to_ics", "to_json"]
