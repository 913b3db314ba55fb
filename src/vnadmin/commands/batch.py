"""``vnadmin batch INPUT… -o OUTDIR``: convert files, folders and ZIP archives, in parallel and resumably.

Writes one JSON per document (mirroring the input tree; ZIP members under ``archive.zip/…``), ``documents.jsonl``,
``failures.jsonl``, ``summary.json`` and the SQLite index ``index.sqlite`` (see ``vnadmin query``). A rerun skips
documents whose JSON exists for the same content hash and vnadmin version.

Exit status:

* 0 — every document found was converted (or was already);
* 1 — some documents failed: each is in ``OUTDIR/failures.jsonl`` with its reason;
* 2 — usage or fatal error: an input does not exist, OUTDIR is in use by another batch or cannot be written,
  the workers cannot start, the Dask scheduler cannot be reached or Dask is not installed;
* 130 — interrupted (Ctrl-C or SIGTERM): what was finished is recorded, a rerun resumes.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Any

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_FATAL = 2
EXIT_INTERRUPTED = 130


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders (recursive) and ZIP archives")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder (created if needed)")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: the number of cores)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    parser.add_argument(
        "--timeout", type=float, default=300.0, metavar="SECONDS", help="per-file time limit (default 300; 0: none)"
    )
    parser.add_argument(
        "--max-memory",
        type=int,
        default=2048,
        metavar="MB",
        help="memory a worker may add for one file before it is stopped (default 2048; 0: no limit)",
    )
    parser.add_argument(
        "--max-size", type=int, default=256, metavar="MB", help="skip (as failed) files larger than this (default 256)"
    )
    parser.add_argument(
        "--retry-failed", action="store_true", help="retry files that failed before with the same content and version"
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="run on a Dask distributed cluster (pip install 'vnadmin[distributed]')",
    )
    parser.add_argument(
        "--ocr",
        choices=["auto", "always", "never"],
        default=None,
        help="OCR for scanned PDFs (default: $VNADMIN_OCR or auto); passed to the local workers",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on standard output")


def _sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from vnadmin.batch.distributed import MissingDistributedExtra
    from vnadmin.batch.runner import BatchOptions, run_batch
    from vnadmin.batch.store import OutputLocked
    from vnadmin.batch.worker import WorkerStartError

    if args.jobs is not None and args.jobs < 1:
        print("vnadmin batch: error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_FATAL
    options = BatchOptions(
        jobs=args.jobs or os.cpu_count() or 1,
        timeout=args.timeout or None,
        memory_mb=max(0, args.max_memory),
        max_bytes=max(1, args.max_size) * 2**20,
        retry_failed=args.retry_failed,
        progress=not args.quiet,
    )
    if args.ocr:
        os.environ["VNADMIN_OCR"] = args.ocr  # worker processes inherit it
    previous = signal.signal(signal.SIGTERM, _sigterm)
    try:
        summary = run_batch(args.inputs, args.output, options, scheduler=args.scheduler)
    except KeyboardInterrupt:
        if not args.quiet:
            print(f"vnadmin batch: interrupted; rerun to resume into {args.output}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (FileNotFoundError, NotADirectoryError, OutputLocked, WorkerStartError, MissingDistributedExtra) as e:
        print(f"vnadmin batch: error: {e}", file=sys.stderr)
        return EXIT_FATAL
    except (ConnectionError, PermissionError, OSError) as e:
        print(f"vnadmin batch: error: {e}", file=sys.stderr)
        return EXIT_FATAL
    finally:
        signal.signal(signal.SIGTERM, previous)
    if args.json:
        import json

        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    elif not args.quiet:
        s = summary
        line = (
            f"{s.total} documents: {s.converted} converted, {s.duplicates} duplicates, {s.skipped} already done, "
            f"{s.failed} failed in {s.elapsed_s:.1f} s ({s.documents_per_s:.2f} documents/s, "
            f"{s.pages_per_s:.2f} pages/s)"
        )
        print(line, file=sys.stderr)
        if s.failed:
            print(f"failures: {os.path.join(args.output, 'failures.jsonl')}", file=sys.stderr)
    return EXIT_FAILURES if summary.failed else EXIT_OK
