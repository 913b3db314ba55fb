"""OCR speed: seconds per page with 1 and 2 Tesseract workers on three corpus scans (300 dpi).

Run: ``python tests/benchmarks/bench_ocr.py [--dpi 300] [--jobs 1 2]``. Prints one line per run and a summary;
``main()`` returns the summary rows so ``tests/benchmarks/run.py`` can include them.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from vnadmin.read.ocr import DEFAULT_DPI, ocr_pdf, tesseract_version

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "docs"
SCANS = (
    "qd-haiduong-2011-khen-thuong-chien-si-thi-dua.pdf",  # 1 page, /Rotate 270
    "tb-vpcp-2025-328-ket-luan.pdf",  # 2 pages
    "kh-dhct-hcm-2026-753-khao-sat-hai-long.pdf",  # 4 pages
)


def bench(jobs: int, dpi: int = DEFAULT_DPI) -> dict[str, float]:
    """OCR every scan with ``jobs`` workers: pages, wall seconds, seconds per page, mean confidence."""
    pages = 0
    confs: list[float] = []
    start = time.perf_counter()
    for name in SCANS:
        path = DOCS / name
        result = ocr_pdf(path, path.read_bytes(), None, jobs, dpi=dpi)
        pages += len(result.pages)
        confs.append(result.conf)
    seconds = time.perf_counter() - start
    return {
        "jobs": float(jobs),
        "pages": float(pages),
        "seconds": seconds,
        "s_per_page": seconds / pages,
        "conf": sum(confs) / len(confs),
    }


def main(argv: list[str] | None = None) -> list[dict[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    print(f"{tesseract_version()}, {os.cpu_count()} cores, {args.dpi} dpi, {len(SCANS)} scans")
    rows = []
    for jobs in args.jobs:
        row = bench(jobs, args.dpi)
        rows.append(row)
        print(
            f"ocr jobs={jobs}: {row['pages']:.0f} pages in {row['seconds']:.1f} s = "
            f"{row['s_per_page']:.2f} s/page (mean confidence {row['conf']:.1f})"
        )
    return rows


if __name__ == "__main__":
    main()
