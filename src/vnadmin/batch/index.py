"""The SQLite index of a converted archive (standard library only), and the batch's resume manifest.

Tables (plain SQL welcome: ``sqlite3 OUTDIR/index.sqlite``):

``documents``        one row per converted file: ``path`` (below OUTDIR, ``box.zip/inner/a.pdf``), ``source`` (the
                     input path as given), ``output`` (JSON file in OUTDIR), ``sha256``,
                     ``vnadmin_version``, header fields (``doc_type``, ``number``, ``issuer``, ``issued_date``,
                     ``year``, ``title`` …) and the match keys ``type_key``, ``number_key``.
``citations``        every mention of another document, with its span, ``number``, ``date``, ``year`` and keys.
``cited_documents``  the documents cited (``Document.references``): all mentions of one document as one row.
``tasks``            assignments; ``assignees`` (``task_id``, ``name``, ``normalized``, ``role``, and ``name_key``:
                     name and normalized form, folded, joined by `` | ``).
``deadlines``        due dates (ISO ``date``, ``rrule`` for recurring ones), ``task_id`` when a task owns them.
``documents_fts``    FTS5 over ``title`` and ``text`` (``rowid`` = ``documents.id``).
``failures``         files that could not be converted: ``error`` (exception class) and one-line ``reason``.
``citation_links``   view: citations resolved to archive documents (same type, number and year).
``cited_links``      view: the same for ``cited_documents``.

Keys: ``number_key`` is the number without spaces in upper case (``33/CT-TTG``); ``type_key`` the document type in
lower case (``chỉ thị``; derived from the type code when only the code is known); ``year`` the year of the date,
else a four-digit year inside the number (``55/2023/NQ-HĐND``).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vnadmin.model import Document

INDEX_SCHEMA = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    source TEXT,
    output TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    vnadmin_version TEXT NOT NULL,
    fingerprint TEXT,
    schema_version TEXT,
    format TEXT,
    pages INTEGER,
    n_chars INTEGER,
    doc_type TEXT,
    doc_type_code TEXT,
    number TEXT,
    issuer TEXT,
    place TEXT,
    issued_date TEXT,
    year INTEGER,
    title TEXT,
    family TEXT,
    signer TEXT,
    type_key TEXT,
    number_key TEXT
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents (sha256, vnadmin_version);
CREATE INDEX IF NOT EXISTS documents_match ON documents (number_key, type_key, year);
CREATE TABLE IF NOT EXISTS citations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    page INTEGER,
    section TEXT,
    doc_type TEXT,
    doc_type_code TEXT,
    number TEXT,
    date TEXT,
    year INTEGER,
    issuer TEXT,
    subject TEXT,
    in_legal_basis INTEGER,
    reference INTEGER,
    type_key TEXT,
    number_key TEXT
);
CREATE INDEX IF NOT EXISTS citations_doc ON citations (document_id);
CREATE INDEX IF NOT EXISTS citations_match ON citations (number_key, type_key, year);
CREATE TABLE IF NOT EXISTS cited_documents (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    key TEXT,
    doc_type TEXT,
    number TEXT,
    date TEXT,
    year INTEGER,
    issuer TEXT,
    subject TEXT,
    mentions INTEGER,
    uncertain INTEGER,
    type_key TEXT,
    number_key TEXT
);
CREATE INDEX IF NOT EXISTS cited_doc ON cited_documents (document_id);
CREATE INDEX IF NOT EXISTS cited_match ON cited_documents (number_key, type_key, year);
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    section TEXT,
    description TEXT,
    span_start INTEGER,
    span_end INTEGER,
    product TEXT,
    task_group TEXT
);
CREATE INDEX IF NOT EXISTS tasks_doc ON tasks (document_id);
CREATE TABLE IF NOT EXISTS assignees (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    normalized TEXT,
    role TEXT,
    name_key TEXT
);
CREATE INDEX IF NOT EXISTS assignees_task ON assignees (task_id);
CREATE INDEX IF NOT EXISTS assignees_doc ON assignees (document_id);
CREATE TABLE IF NOT EXISTS deadlines (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    task_id INTEGER REFERENCES tasks (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT,
    span_start INTEGER,
    span_end INTEGER,
    date TEXT,
    rrule TEXT,
    what TEXT,
    section TEXT
);
CREATE INDEX IF NOT EXISTS deadlines_doc ON deadlines (document_id);
CREATE INDEX IF NOT EXISTS deadlines_date ON deadlines (date);
CREATE INDEX IF NOT EXISTS deadlines_task ON deadlines (task_id);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5 (title, text, tokenize = 'unicode61');
CREATE TABLE IF NOT EXISTS failures (
    path TEXT PRIMARY KEY,
    source TEXT,
    sha256 TEXT,
    vnadmin_version TEXT NOT NULL,
    fingerprint TEXT,
    error TEXT NOT NULL,
    reason TEXT NOT NULL,
    cacheable INTEGER NOT NULL
);
CREATE VIEW IF NOT EXISTS citation_links AS
    SELECT c.id AS citation_id, c.document_id AS citing_id, d.id AS cited_id
    FROM citations AS c JOIN documents AS d
      ON d.number_key = c.number_key AND d.type_key = c.type_key AND d.year = c.year;
CREATE VIEW IF NOT EXISTS cited_links AS
    SELECT r.id AS cited_document_id, r.document_id AS citing_id, d.id AS cited_id
    FROM cited_documents AS r JOIN documents AS d
      ON d.number_key = r.number_key AND d.type_key = r.type_key AND d.year = r.year;
"""

_DOCUMENT_FIELDS = (
    "schema_version",
    "format",
    "pages",
    "n_chars",
    "doc_type",
    "doc_type_code",
    "number",
    "issuer",
    "place",
    "issued_date",
    "year",
    "title",
    "family",
    "signer",
    "type_key",
    "number_key",
)
_CODE_RE = re.compile(r"^\s*[0-9]+[a-zA-Z]?(?:/[0-9]{4})?[/\-.]([^\W\d_]+)")
_YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def fold(text: str | None) -> str | None:
    """Case- and form-insensitive key of a name: NFC, lower case, single spaces."""
    if text is None:
        return None
    folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return folded or None


def number_key(number: str | None) -> str | None:
    """``33/CT-TTg`` → ``33/CT-TTG``: the number without spaces, in upper case."""
    if not number:
        return None
    return "".join(unicodedata.normalize("NFC", number).split()).upper() or None


@cache
def _type_names() -> dict[str, str]:
    from vnadmin.data import load_csv

    return {row["code"].casefold(): row["name"] for row in load_csv("doc_types.csv")}


def type_key(doc_type: str | None, code: str | None = None, number: str | None = None) -> str | None:
    """``Chỉ thị`` → ``chỉ thị``; with only a code (``CT``) or a number (``33/CT-TTg``) the type it names."""
    if doc_type:
        return fold(doc_type)
    if not code and number:
        m = _CODE_RE.match(unicodedata.normalize("NFC", number))
        code = m.group(1) if m else None
    if not code:
        return None
    return fold(_type_names().get(code.casefold(), code))


def year_of(date: dt.date | None, number: str | None = None) -> int | None:
    """The year of ``date``, else a four-digit year written in ``number``."""
    if date is not None:
        return date.year
    if number:
        m = _YEAR_RE.search(number)
        if m:
            return int(m.group(1))
    return None


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date is not None else None


def document_rows(doc: Document) -> dict[str, Any]:
    """Everything the index keeps of ``doc``, as plain data (built in the worker, sent to the writer)."""
    md = doc.metadata
    sig = doc.signature
    row = {
        "schema_version": doc.schema_version,
        "format": doc.source.format,
        "pages": doc.source.pages,
        "n_chars": len(doc.text),
        "doc_type": md.doc_type,
        "doc_type_code": md.doc_type_code,
        "number": md.number,
        "issuer": md.issuer,
        "place": md.place,
        "issued_date": _iso(md.issued_date),
        "year": year_of(md.issued_date, md.number),
        "title": md.title,
        "family": md.family,
        "signer": sig.name if sig is not None else None,
        "type_key": type_key(md.doc_type, md.doc_type_code, md.number),
        "number_key": number_key(md.number),
    }
    citations = [
        (
            i,
            c.text,
            c.span[0],
            c.span[1],
            c.page,
            c.section,
            c.doc_type,
            c.doc_type_code,
            c.number,
            _iso(c.date),
            year_of(c.date, c.number),
            c.issuer,
            c.subject,
            int(c.in_legal_basis),
            c.reference,
            type_key(c.doc_type, c.doc_type_code, c.number),
            number_key(c.number),
        )
        for i, c in enumerate(doc.citations)
    ]
    cited = [
        (
            i,
            r.key,
            r.doc_type,
            r.number,
            _iso(r.date),
            year_of(r.date, r.number),
            r.issuer,
            r.subject,
            len(r.mentions),
            int(r.uncertain),
            type_key(r.doc_type, None, r.number),
            number_key(r.number),
        )
        for i, r in enumerate(doc.references)
    ]
    deadline_rows: list[list[Any]] = []
    by_span: dict[tuple[str, tuple[int, int]], int] = {}
    for dl in doc.deadlines:
        by_span.setdefault((dl.text, dl.span), len(deadline_rows))
        deadline_rows.append(_deadline_row(dl, None))
    tasks = []
    for t_ord, task in enumerate(doc.tasks):
        assignees = [
            (a_ord, a.name, a.normalized, a.role, fold(" | ".join(dict.fromkeys(filter(None, (a.name, a.normalized))))))
            for a_ord, a in enumerate(task.assignees)
        ]
        for dl in task.deadlines:
            at = by_span.get((dl.text, dl.span))
            if at is None:
                by_span[(dl.text, dl.span)] = len(deadline_rows)
                deadline_rows.append(_deadline_row(dl, t_ord))
            elif deadline_rows[at][0] is None:
                deadline_rows[at][0] = t_ord
        span = task.span or (None, None)
        tasks.append(((t_ord, task.section, task.description, span[0], span[1], task.product, task.group), assignees))
    return {
        "document": row,
        "title": md.title or "",
        "text": doc.text,
        "citations": citations,
        "cited": cited,
        "tasks": tasks,
        "deadlines": [tuple(r) for r in deadline_rows],
    }


def _name_key(name: str, normalized: str | None) -> str | None:
    return fold(" | ".join(dict.fromkeys(n for n in (name, normalized) if n)))


def _deadline_row(dl: Any, task_ord: int | None) -> list[Any]:
    rrule = dl.recurrence.rrule if dl.recurrence is not None else None
    return [task_ord, dl.text, dl.span[0], dl.span[1], _iso(dl.date), rrule, dl.what, dl.section]


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to an index with the pragmas vnadmin relies on (foreign keys, WAL)."""
    if readonly:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.row_factory = sqlite3.Row
    return conn


class Index:
    """The index opened for writing by one batch run (a single writer: the process running the batch)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        with self.conn:
            self.conn.executescript(SCHEMA)
            self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('index_schema', ?)", (INDEX_SCHEMA,))

    # -- resume manifest -------------------------------------------------------------------------------------
    def state(self, path: str) -> sqlite3.Row | None:
        """What is known of ``path``: a ``documents`` row (``kind`` = 'document') or a ``failures`` row."""
        row = self.conn.execute(
            "SELECT 'document' AS kind, sha256, vnadmin_version, fingerprint, output, NULL AS cacheable,"
            " NULL AS error, NULL AS reason FROM documents WHERE path = ?"
            " UNION ALL SELECT 'failure', sha256, vnadmin_version, fingerprint, NULL, cacheable, error, reason"
            " FROM failures WHERE path = ?",
            (path, path),
        ).fetchone()
        return row  # type: ignore[no-any-return]

    def output_for(self, sha256: str, version: str) -> str | None:
        """The JSON (relative to OUTDIR) of a document with these bytes converted by this version, if any."""
        row = self.conn.execute(
            "SELECT output FROM documents WHERE sha256 = ? AND vnadmin_version = ? ORDER BY path LIMIT 1",
            (sha256, version),
        ).fetchone()
        return None if row is None else str(row[0])

    def record_document(
        self,
        path: str,
        source: str,
        output: str,
        sha256: str,
        version: str,
        fingerprint: str | None,
        rows: dict[str, Any],
    ) -> int:
        """Replace whatever is known of ``path`` by this converted document; commit; return its id."""
        with self.conn:
            self._forget(path)
            d = rows["document"]
            cur = self.conn.execute(
                "INSERT INTO documents (path, source, output, sha256, vnadmin_version, fingerprint,"
                " schema_version, format, pages, n_chars, doc_type, doc_type_code, number, issuer, place,"
                " issued_date, year, title, family, signer, type_key, number_key)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (path, source, output, sha256, version, fingerprint, *(d[k] for k in _DOCUMENT_FIELDS)),
            )
            doc_id = int(cur.lastrowid or 0)
            self.conn.execute(
                "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", (doc_id, rows["title"], rows["text"])
            )
            self.conn.executemany(
                "INSERT INTO citations (document_id, ord, text, span_start, span_end, page, section, doc_type,"
                " doc_type_code, number, date, year, issuer, subject, in_legal_basis, reference, type_key, number_key)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, *c) for c in rows["citations"]],
            )
            self.conn.executemany(
                "INSERT INTO cited_documents (document_id, ord, key, doc_type, number, date, year, issuer, subject,"
                " mentions, uncertain, type_key, number_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, *r) for r in rows["cited"]],
            )
            task_ids: dict[int, int] = {}
            for task, assignees in rows["tasks"]:
                cur = self.conn.execute(
                    "INSERT INTO tasks (document_id, ord, section, description, span_start, span_end, product,"
                    " task_group) VALUES (?,?,?,?,?,?,?,?)",
                    (doc_id, *task),
                )
                task_id = int(cur.lastrowid or 0)
                task_ids[task[0]] = task_id
                self.conn.executemany(
                    "INSERT INTO assignees (task_id, document_id, ord, name, normalized, role, name_key)"
                    " VALUES (?,?,?,?,?,?,?)",
                    [(task_id, doc_id, *a) for a in assignees],
                )
            self.conn.executemany(
                "INSERT INTO deadlines (document_id, task_id, ord, text, span_start, span_end, date, rrule, what,"
                " section) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (doc_id, None if r[0] is None else task_ids[r[0]], i, *r[1:])
                    for i, r in enumerate(rows["deadlines"])
                ],
            )
        return doc_id

    def record_failure(
        self,
        path: str,
        source: str,
        sha256: str | None,
        version: str,
        fingerprint: str | None,
        error: str,
        reason: str,
        *,
        cacheable: bool,
    ) -> str | None:
        """Replace whatever is known of ``path`` by a failure; return the stale output JSON to delete, if any."""
        with self.conn:
            old = self.conn.execute("SELECT output FROM documents WHERE path = ?", (path,)).fetchone()
            self._forget(path)
            self.conn.execute(
                "INSERT INTO failures VALUES (?,?,?,?,?,?,?,?)",
                (path, source, sha256, version, fingerprint, error, reason, int(cacheable)),
            )
        return None if old is None else str(old[0])

    def touch_fingerprint(self, path: str, fingerprint: str) -> None:
        """Remember the new size/mtime of an input whose bytes did not change."""
        with self.conn:
            self.conn.execute("UPDATE documents SET fingerprint = ? WHERE path = ?", (fingerprint, path))
            self.conn.execute("UPDATE failures SET fingerprint = ? WHERE path = ?", (fingerprint, path))

    def _forget(self, path: str) -> None:
        row = self.conn.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if row is not None:
            self.conn.execute("DELETE FROM documents_fts WHERE rowid = ?", (row[0],))
            self.conn.execute("DELETE FROM documents WHERE id = ?", (row[0],))
        self.conn.execute("DELETE FROM failures WHERE path = ?", (path,))

    # -- reports ---------------------------------------------------------------------------------------------
    def outputs(self) -> Iterator[str]:
        """The JSON files of all converted documents, sorted by input path (streamed)."""
        for row in self.conn.execute("SELECT output FROM documents ORDER BY path"):
            yield str(row[0])

    def failures(self) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute("SELECT path, source, sha256, error, reason FROM failures ORDER BY path"):
            yield {"path": row[0], "source": row[1], "sha256": row[2], "error": row[3], "reason": row[4]}

    def counts(self) -> dict[str, int]:
        docs = self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        fails = self.conn.execute("SELECT count(*) FROM failures").fetchone()[0]
        return {"documents": int(docs), "failures": int(fails)}

    def close(self) -> None:
        self.conn.close()
