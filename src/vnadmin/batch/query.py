"""Questions to the index of a converted archive (``OUTDIR/index.sqlite``); each returns a list of dict rows.

* :func:`due` — what is due for a body in a period (dated deadlines, and recurring ones expanded by their RRULE);
* :func:`citing` — which documents cite a number (``33/CT-TTg``);
* :func:`resolve` — which archive document a citation names (same type, number and year);
* :func:`search` — full-text search (FTS5 syntax: words, ``"phrases"``, ``OR``, ``NEAR``);
* :func:`sql` — any read-only SQL.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

from vnadmin.batch.index import connect, fold, number_key, type_key, year_of
from vnadmin.batch.store import INDEX_NAME


class IndexNotFound(FileNotFoundError):
    """The folder holds no vnadmin index."""


def open_index(outdir: str | Path) -> sqlite3.Connection:
    """A read-only connection to the index of ``outdir`` (or to an ``index.sqlite`` path)."""
    path = Path(outdir)
    if path.is_dir():
        path = path / INDEX_NAME
    if not path.is_file():
        raise IndexNotFound(f"{path}: no index here (run 'vnadmin batch … -o {Path(outdir)}' first)")
    return connect(path, readonly=True)


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    return [dict(r) for r in cur.fetchall()]


def sql(conn: sqlite3.Connection, statement: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Rows of any SQL statement (the connection from :func:`open_index` is read-only)."""
    return _rows(conn.execute(statement, params))


def search(conn: sqlite3.Connection, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Documents matching an FTS5 query over title and text, best first, with a snippet."""
    return _rows(
        conn.execute(
            "SELECT d.path, d.doc_type, d.number, d.issued_date, d.title,"
            " snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts), d.path LIMIT ?",
            (query, limit),
        )
    )


def citing(
    conn: sqlite3.Connection, number: str, *, doc_type: str | None = None, year: int | None = None
) -> list[dict[str, Any]]:
    """Documents citing ``number`` (optionally of that type and year), with how many times, sorted by path."""
    where, params = ["c.number_key = ?"], [number_key(number)]
    tkey = type_key(doc_type) if doc_type else None
    if tkey is not None:
        where.append("c.type_key = ?")
        params.append(tkey)
    if year is not None:
        where.append("c.year = ?")
        params.append(str(year))
    return _rows(
        conn.execute(
            "SELECT d.path, d.doc_type, d.number, d.issued_date, d.title, count(*) AS mentions"
            " FROM citations AS c JOIN documents AS d ON d.id = c.document_id"
            f" WHERE {' AND '.join(where)} GROUP BY d.id ORDER BY d.path",
            params,
        )
    )


_NUMBER_RE = re.compile(r"(?<![\w/])([0-9]+[a-zA-Z]?(?:[/\-.][^\W_]+)*[/\-][^\W_]+(?:[/\-.][^\W_]+)*)")
_DATE_RE = re.compile(
    r"ngày\s*([0-9]{1,2})\s*(?:[/.\-]|tháng)\s*([0-9]{1,2})\s*(?:[/.\-]|năm)\s*([0-9]{4})", re.IGNORECASE
)


def parse_citation(text: str) -> dict[str, Any]:
    """The type, number and year a citation names: ``Chỉ thị số 33/CT-TTg ngày 26/11/2021`` → CT 33 2021.

    >>> parse_citation("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ")
    {'doc_type': 'Chỉ thị', 'number': '33/CT-TTg', 'year': 2021}
    >>> parse_citation("55/2023/NQ-HĐND")
    {'doc_type': None, 'number': '55/2023/NQ-HĐND', 'year': 2023}
    """
    from vnadmin.data import load_csv

    text = unicodedata.normalize("NFC", text)
    m = _NUMBER_RE.search(text)
    number = m.group(1).rstrip(".-/") if m else None
    head = fold(text[: m.start()] if m else text) or ""
    names = sorted({row["name"] for row in load_csv("doc_types.csv")}, key=len, reverse=True)
    doc_type = next((n for n in names if head.startswith(fold(n) or "")), None)
    date_m = _DATE_RE.search(text)
    date = None
    if date_m:
        day, month, year = (int(g) for g in date_m.groups())
        try:
            date = dt.date(year, month, day)
        except ValueError:
            date = dt.date(year, 1, 1)
    return {"doc_type": doc_type, "number": number, "year": year_of(date, number)}


def resolve(
    conn: sqlite3.Connection,
    citation: str,
    *,
    doc_type: str | None = None,
    year: int | None = None,
) -> list[dict[str, Any]]:
    """Archive documents a citation names: same number, and the same type and year where the citation says them.

    ``citation`` is a number (``33/CT-TTg``) or a citation as written; ``doc_type``/``year`` override what it says.
    """
    parsed = parse_citation(citation)
    if parsed["number"] is None:
        return []
    where, params = ["number_key = ?"], [number_key(parsed["number"])]
    tkey = type_key(doc_type or parsed["doc_type"], None, parsed["number"])
    if tkey is not None:
        where.append("type_key = ?")
        params.append(tkey)
    yr = year if year is not None else parsed["year"]
    if yr is not None:
        where.append("year = ?")
        params.append(str(yr))
    return _rows(
        conn.execute(
            "SELECT path, output, doc_type, number, issuer, issued_date, title FROM documents"
            f" WHERE {' AND '.join(where)} ORDER BY path",
            params,
        )
    )


def month_range(month: str) -> tuple[dt.date, dt.date]:
    """``2024-04`` → (2024-04-01, 2024-04-30)."""
    year, mon = (int(p) for p in month.split("-", 1))
    first = dt.date(year, mon, 1)
    nxt = dt.date(year + (mon == 12), mon % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


_DUE_SQL = """
SELECT d.path, d.number, d.title AS document_title, t.section, t.description AS task, a.name AS assignee,
       a.role, dl.text AS deadline, dl.date, dl.rrule, dl.what, d.issued_date
FROM deadlines AS dl
JOIN tasks AS t ON t.id = dl.task_id
JOIN assignees AS a ON a.task_id = t.id
JOIN documents AS d ON d.id = dl.document_id
WHERE instr(a.name_key, ?) > 0 AND ((dl.date BETWEEN ? AND ?) OR dl.rrule IS NOT NULL)
UNION
SELECT d.path, d.number, d.title, t.section, t.description, a.name, a.role, dl.text, dl.date, dl.rrule, dl.what,
       d.issued_date
FROM deadlines AS dl
JOIN tasks AS t ON t.document_id = dl.document_id AND t.section = dl.section
JOIN assignees AS a ON a.task_id = t.id
JOIN documents AS d ON d.id = dl.document_id
WHERE dl.task_id IS NULL AND dl.section IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM deadlines AS o WHERE o.document_id = dl.document_id AND o.task_id = t.id)
  AND instr(a.name_key, ?) > 0 AND ((dl.date BETWEEN ? AND ?) OR dl.rrule IS NOT NULL)
"""


def due(conn: sqlite3.Connection, assignee: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Deadlines between ``start`` and ``end`` (inclusive) of tasks given to ``assignee`` (case-insensitive part of
    the name or its expanded form). Recurring deadlines appear once per occurrence in the period, their rule
    starting at the deadline's date, else the document's date. Rows are sorted by due date, then path.

    A deadline attached to no task counts for the tasks of its section that have no deadline of their own.
    """
    key = fold(assignee) or ""
    lo, hi = start.isoformat(), end.isoformat()
    out: list[dict[str, Any]] = []
    for row in _rows(conn.execute(_DUE_SQL, (key, lo, hi, key, lo, hi))):
        rule = row.pop("rrule")
        issued = row.pop("issued_date")
        if rule is None:
            row["due"] = row.pop("date")
            row["recurrence"] = None
            out.append(row)
            continue
        anchor = row.pop("date") or issued
        for day in _occurrences(rule, anchor, start, end):
            out.append({**row, "due": day.isoformat(), "recurrence": rule})
    out.sort(key=lambda r: (r["due"], r["path"], r["task"] or "", r["assignee"]))
    return out


def _occurrences(rule: str, anchor: str | None, start: dt.date, end: dt.date) -> list[dt.date]:
    from dateutil.rrule import rrulestr

    begin = dt.datetime.fromisoformat(anchor) if anchor else dt.datetime(start.year, 1, 1)
    body = rule.removeprefix("RRULE:")
    try:
        rr = rrulestr(body, dtstart=begin)
    except (ValueError, TypeError):
        return []
    window = rr.between(dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()), inc=True)
    return [d.date() for d in window]
