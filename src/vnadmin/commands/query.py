"""``vnadmin query OUTDIR QUESTION …``: ask the index of an archive converted by ``vnadmin batch``.

Questions::

    vnadmin query out/ due "Sở Nội vụ" --month 2024-04        what is due for a body in a month (or --from/--to)
    vnadmin query out/ cites 33/CT-TTg                        which documents cite a number
    vnadmin query out/ resolve "Chỉ thị số 33/CT-TTg ngày 26/11/2021"   which archive document a citation names
    vnadmin query out/ search '"dân vận" AND 2024'            full-text search (FTS5 syntax)
    vnadmin query out/ sql "SELECT doc_type, count(*) FROM documents GROUP BY 1"

Rows print as a table, or as JSON lines with ``--json``. Exit status: 0 rows found, 1 no rows,
2 usage error (no index in OUTDIR, bad SQL or FTS query).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", metavar="OUTDIR", help="output folder of 'vnadmin batch' (or its index.sqlite)")
    parser.add_argument("--json", action="store_true", help="print rows as JSON lines")
    sub = parser.add_subparsers(dest="question", metavar="QUESTION", required=True)
    p = sub.add_parser("due", help="what is due for a body in a period")
    p.add_argument("assignee", help="part of the body's name, e.g. 'Sở Nội vụ' (case-insensitive)")
    p.add_argument("--month", metavar="YYYY-MM")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p = sub.add_parser("cites", help="which documents cite a number")
    p.add_argument("number", help="e.g. 33/CT-TTg")
    p.add_argument("--type", dest="doc_type", help="only citations of this type ('Chỉ thị')")
    p.add_argument("--year", type=int, help="only citations of this year")
    p = sub.add_parser("resolve", help="which archive document a citation names")
    p.add_argument("citation", help="a number or a citation as written")
    p.add_argument("--type", dest="doc_type", help="the type, when the text does not say it")
    p.add_argument("--year", type=int, help="the year, when the text does not say it")
    p = sub.add_parser("search", help="full-text search over titles and texts")
    p.add_argument("text", help="FTS5 query")
    p.add_argument("--limit", type=int, default=20)
    p = sub.add_parser("sql", help="any read-only SQL")
    p.add_argument("statement")


def _dates(args: argparse.Namespace) -> tuple[Any, Any]:
    import datetime as dt

    from vnadmin.batch.query import month_range

    if args.month:
        return month_range(args.month)
    if not (args.start and args.end):
        raise ValueError("give --month YYYY-MM, or --from and --to")
    return dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)


def _print(rows: list[dict[str, Any]], as_json: bool) -> None:
    import json

    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    if not rows:
        return
    cols = list(rows[0])
    cells = [[("" if r.get(c) is None else " ".join(str(r[c]).split())) for c in cols] for r in rows]
    widths = [min(60, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(cols)]

    def line(values: list[str]) -> str:
        return "  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths, strict=True))

    print(line(cols).rstrip())
    for cell_row in cells:
        print(line(cell_row).rstrip())


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from vnadmin.batch import query as q

    try:
        conn = q.open_index(args.outdir)
    except FileNotFoundError as e:
        print(f"vnadmin query: error: {e}", file=sys.stderr)
        return 2
    try:
        if args.question == "due":
            start, end = _dates(args)
            rows = q.due(conn, args.assignee, start, end)
        elif args.question == "cites":
            rows = q.citing(conn, args.number, doc_type=args.doc_type, year=args.year)
        elif args.question == "resolve":
            rows = q.resolve(conn, args.citation, doc_type=args.doc_type, year=args.year)
        elif args.question == "search":
            rows = q.search(conn, args.text, limit=args.limit)
        else:
            rows = q.sql(conn, args.statement)
    except (sqlite3.Error, ValueError) as e:
        print(f"vnadmin query: error: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    finally:
        conn.close()
    _print(rows, args.json)
    return 0 if rows else 1
