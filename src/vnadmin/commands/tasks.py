"""``vnadmin tasks FILE [--format csv|json|ics] [-o OUT]``: who must do what, by when.

One row per (task, assignee, role, deadline); ``ics`` writes an iCalendar file with one event, or one recurring
event, per deadline that has a day.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a PDF, DOCX, DOC, TXT or MD file")
    parser.add_argument(
        "-f", "--format", choices=("csv", "json", "ics"), default="csv", help="output format (default: csv)"
    )
    parser.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON")
    parser.add_argument("--bom", action="store_true", help="start the CSV with a UTF-8 BOM (for Excel)")


def run(args: argparse.Namespace) -> int:
    from vnadmin.export.tasks_export import to_csv, to_ics, to_json
    from vnadmin.output import write_atomic
    from vnadmin.pipeline import parse

    doc = parse(args.file)
    data: str | bytes
    if args.format == "csv":
        data = ("\ufeff" if args.bom else "") + to_csv(doc)
    elif args.format == "json":
        data = to_json(doc, pretty=args.pretty) + "\n"
    else:
        data = to_ics(doc)
    if args.output:
        write_atomic(args.output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        sys.stdout.write(data)
    return 0
