"""The ``vnadmin`` command line. Subcommands live in :mod:`vnadmin.commands`; they load heavy code on use."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from vnadmin import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("vnadmin.commands.parse", "parse one document to JSON"),
    "schema": ("vnadmin.commands.schema", "print the JSON Schema of the output"),
    "tasks": ("vnadmin.commands.tasks", "export a document's tasks and deadlines (csv, json, ics)"),
    "batch": ("vnadmin.commands.batch", "convert whole folders and archives, in parallel, resumably"),
    "query": ("vnadmin.commands.query", "query the index of a converted archive"),
}

EXIT_INTERNAL = 70


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnadmin",
        description="Turn Vietnamese administrative documents (PDF, DOCX, DOC, text) into typed JSON.",
    )
    parser.add_argument("--version", action="version", version=f"vnadmin {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(module).add_arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    from vnadmin.errors import VnadminError

    try:
        code: int = module.run(args)
        return code
    except VnadminError as e:
        print(f"vnadmin: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("vnadmin: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: say so on one line; VNADMIN_DEBUG=1 shows the traceback
        if os.environ.get("VNADMIN_DEBUG"):
            raise
        target = getattr(args, "file", None) or ""
        print(
            f"vnadmin: internal error{' on ' + str(target) if target else ''}: {type(e).__name__}: {e}", file=sys.stderr
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
