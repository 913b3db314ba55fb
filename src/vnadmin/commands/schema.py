"""``vnadmin schema``: the JSON Schema of the output, generated from the model."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", help="write the schema here instead of standard output")


def run(args: argparse.Namespace) -> int:
    from vnadmin.model import SCHEMA_VERSION, Document
    from vnadmin.output import write_atomic

    schema = Document.model_json_schema(mode="serialization")
    schema["$id"] = f"https://vnadmin.invalid/schema/{SCHEMA_VERSION}/document.json"
    schema["title"] = f"vnadmin Document {SCHEMA_VERSION}"
    data = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        write_atomic(args.output, data)
    else:
        sys.stdout.write(data)
    return 0
