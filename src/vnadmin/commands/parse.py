"""``vnadmin parse FILE [-o OUT] [--pretty]``: one document to JSON."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a PDF, DOCX, DOC, TXT or MD file")
    parser.add_argument("-o", "--output", help="write the JSON here (atomically) instead of standard output")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON")
    parser.add_argument(
        "--ocr",
        choices=["auto", "always", "never"],
        default="auto",
        help="OCR for scanned PDFs (Tesseract): auto = pages without a usable text layer (default)",
    )
    parser.add_argument("--ocr-jobs", type=int, default=0, help="OCR processes (default: one per core)")


def run(args: argparse.Namespace) -> int:
    from vnadmin.output import document_json, write_atomic
    from vnadmin.pipeline import parse

    doc = parse(args.file, ocr=args.ocr, ocr_jobs=args.ocr_jobs)
    data = document_json(doc, pretty=args.pretty)
    if args.output:
        write_atomic(args.output, data + "\n")
    else:
        sys.stdout.write(data + "\n")
    return 0
