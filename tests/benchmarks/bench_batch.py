"""Batch throughput: documents/s and pages/s on text-layer PDFs at --jobs 1 and --jobs 2, peak worker memory,
and the time of a second run over corpus/ (nothing left to parse) against the first.

Run: ``python tests/benchmarks/bench_batch.py [--copies N]`` (``make bench`` calls :func:`main`).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _text_layer_pdfs() -> list[Path]:
    from vnadmin.errors import VnadminError
    from vnadmin.pipeline import parse

    good = []
    for pdf in sorted((CORPUS / "docs").glob("*.pdf")):
        try:
            parse(pdf, ocr="never")  # scans are measured by bench_ocr, not here
        except VnadminError:
            continue
        good.append(pdf)
    return good


def _make_set(folder: Path, pdfs: list[Path], copies: int) -> int:
    """``copies`` distinct-byte variants of each PDF (a comment after %%EOF), so none is a duplicate."""
    folder.mkdir(parents=True)
    n = 0
    for pdf in pdfs:
        data = pdf.read_bytes()
        for i in range(copies):
            (folder / f"{pdf.stem}-{i:02d}.pdf").write_bytes(data + f"\n% vnadmin bench copy {i}\n".encode())
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    from vnadmin.batch import BatchOptions, run_batch

    os.environ["VNADMIN_OCR"] = "never"  # text-layer throughput; OCR has its own benchmark

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=8, help="variants of each text-layer PDF (default 8)")
    args = parser.parse_args(argv)
    pdfs = _text_layer_pdfs()
    if not pdfs:
        print("bench_batch: no text-layer PDF in corpus/docs", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="vnadmin-bench-") as tmp:
        base = Path(tmp)
        n = _make_set(base / "pdfs", pdfs, args.copies)
        rows = []
        for jobs in (1, 2):
            s = run_batch([base / "pdfs"], base / f"out-{jobs}", BatchOptions(jobs=jobs))
            assert s.failed == 0 and s.parsed == n, s.as_dict()
            rows.append((jobs, s))
        print(f"batch throughput — {n} text-layer PDFs ({len(pdfs)} originals × {args.copies} variants)")
        head = ("jobs", "docs", "pages", "seconds", "docs/s", "pages/s", "peak RSS/worker")
        print("  ".join(h.rjust(w) for h, w in zip(head, (4, 5, 5, 8, 7, 8, 15), strict=True)))
        for jobs, s in rows:
            print(
                f"{jobs:>4}  {s.parsed:>5}  {s.pages:>5}  {s.elapsed_s:>8.2f}  {s.documents_per_s:>7.2f}  "
                f"{s.pages_per_s:>8.2f}  {s.worker_peak_rss_mb:>12.0f} MB"
            )
        scaling = rows[1][1].documents_per_s / rows[0][1].documents_per_s
        peak = max(s.worker_peak_rss_mb for _, s in rows)
        print(f"scaling 1 → 2 jobs: {scaling:.2f}×   (target ≥ 1.7×)")
        print(f"peak memory per worker: {peak:.0f} MB   (target < 300 MB)")

        out = base / "corpus-out"
        t0 = time.perf_counter()
        first = run_batch([CORPUS], out, BatchOptions())
        t1 = time.perf_counter()
        second = run_batch([CORPUS], out, BatchOptions())
        t2 = time.perf_counter()
        ratio = (t2 - t1) / (t1 - t0)
        print(
            f"corpus/ twice: first {t1 - t0:.2f} s ({first.parsed} parsed, {first.failed} failed), "
            f"second {t2 - t1:.3f} s ({second.parsed} parsed) — {ratio:.1%} of the first   (target < 10%)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
