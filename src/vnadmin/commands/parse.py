"""``vnadmin parse FILE [-o OUT] [--pretty]``: one document to JSON."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a PDF, DOCX, DOC, TXT or MD file")
    parser.add_argument("-o", "--output", help="write the JSON here (atomically) instead of standard output")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON")


def run(args: argparse.Namespace) -> int:
    from vnadmin.output import document_json, write_atomic
    from vnadmin.pipeline import parse

    doc = parse(args.file)
    data = document_json(doc, pretty=args.pretty)
    if args.output:
        write_atomic(args.output, data + "\n")
    else:
        sys.stdout.write(data + "\n")
    return 0
