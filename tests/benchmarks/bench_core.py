"""Core timings: text parsing, CLI start-up, citation extraction, PDF reading against raw pypdfium2."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "docs"


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    import vnadmin
    from vnadmin.extract.citations import extract_citations

    text = (CORPUS / "kh-tuyenquang-2024-dan-van.txt").read_text(encoding="utf-8")
    sample = text[: 30 * 1024 // 1]  # ~30 KB of characters (the example plan is ~21k chars: use it whole)
    vnadmin.parse_text(sample)  # warm up imports and caches
    t = best_of(lambda: vnadmin.parse_text(sample))
    print(f"| parse_text, {len(sample.encode('utf-8')) / 1024:.0f} KB text | {t * 1000:.1f} ms |")

    big = text
    while len(big.encode("utf-8")) < 1_000_000:
        big += "\n\n" + text
    t = best_of(lambda: extract_citations(big), repeat=3)
    print(f"| extract_citations, {len(big.encode('utf-8')) / 1e6:.1f} MB text | {t:.2f} s |")

    t = best_of(
        lambda: subprocess.run([sys.executable, "-m", "vnadmin", "--help"], capture_output=True, check=True), repeat=5
    )
    print(f"| vnadmin --help start-up | {t:.2f} s |")

    pdfs = sorted(CORPUS.glob("*.pdf"), key=lambda p: p.stat().st_size, reverse=True)
    import pypdfium2 as pdfium

    for pdf in [p for p in pdfs if p.name.startswith(("bc-lamdong", "pa-bariavungtau"))]:

        def raw(pdf: Path = pdf) -> int:
            doc = pdfium.PdfDocument(str(pdf))
            n = len(doc)
            for i in range(n):
                page = doc[i]
                page.get_textpage().get_text_range()
            doc.close()
            return n

        pages = raw()
        t_raw = best_of(raw, repeat=3)
        t_full = best_of(lambda pdf=pdf: vnadmin.parse(pdf), repeat=3)
        tracemalloc.start()
        vnadmin.parse(pdf)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"| {pdf.name} ({pages} pages) | vnadmin {pages / t_full:.0f} pages/s, raw pypdfium2 {pages / t_raw:.0f}"
            f" pages/s, ratio {t_full / t_raw:.1f}x, Python peak {peak / 1e6:.0f} MB |"
        )


if __name__ == "__main__":
    main()
