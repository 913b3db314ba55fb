"""``python -m vnadmin.evaluation corpus/gold --docs corpus/docs [--per-doc] [--json] [--id ID …]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vnadmin.evaluation.report import dumps, evaluate, parse_file, render
from vnadmin.evaluation.twins import evaluate_twins, render_twins


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m vnadmin.evaluation",
        description="Precision/recall/F1 per field of the parser against hand-made gold answers.",
    )
    ap.add_argument("gold", type=Path, help="directory of gold/<id>.json files")
    ap.add_argument("--docs", type=Path, required=True, help="directory of the documents <id>.<ext>")
    ap.add_argument("--manifest", type=Path, help="MANIFEST.tsv (default: next to --docs)")
    ap.add_argument("--id", action="append", dest="ids", metavar="ID", help="score only this gold id (repeatable)")
    ap.add_argument("--per-doc", action="store_true", help="add a per-document breakdown")
    ap.add_argument("--json", action="store_true", help="print machine-readable JSON instead of tables")
    ap.add_argument(
        "--twins",
        type=Path,
        metavar="DIR",
        help="also score the PDF and text twins of the Word documents found in DIR (corpus/twins)",
    )
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    args = ap.parse_args(argv)

    if not args.gold.is_dir():
        ap.error(f"not a directory: {args.gold}")
    if not args.docs.is_dir():
        ap.error(f"not a directory: {args.docs}")

    def progress(doc_id: str) -> None:
        if not args.quiet:
            print(f"parsing {doc_id}", file=sys.stderr, flush=True)

    report = evaluate(args.gold, args.docs, manifest=args.manifest, ids=args.ids, progress=progress)
    twins = evaluate_twins(args.gold, args.docs, args.twins, parse_file, progress) if args.twins else None
    if args.json:
        out = json.loads(dumps(report))
        if twins is not None:
            out["twins"] = twins.to_json()
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return 0
    sys.stdout.write(render(report, per_doc=args.per_doc))
    if twins is not None:
        sys.stdout.write(
            f"\n## same documents in three formats ({len(twins.ids)} Word documents and their twins)\n\n"
            f"{render_twins(twins)}\n"
        )
        for name, error in twins.errors.items():
            sys.stdout.write(f"- twin error: {name}: {error}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
