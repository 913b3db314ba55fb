"""Core timings: text parsing, CLI start-up, citation extraction, PDF reading against raw pypdfium2.

The PDF lines compare vnadmin's end-to-end ``parse`` (read + normalise/segment/extract) with raw pypdfium2
text extraction of the same file in the same run, the two run in turn nine times (best and median of each);
the 60+ page file is made at run time by concatenating corpus text-layer PDFs (``_concatenate``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
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


def interleaved(a: Callable[[], object], b: Callable[[], object], rounds: int) -> tuple[list[float], list[float]]:
    """Times of ``a`` and ``b`` run in turn, ``rounds`` times each: on a shared machine both meet the same load,
    and the best of each round set is their own cost; the medians show how much the load varied."""
    times_a: list[float] = []
    times_b: list[float] = []
    for _ in range(rounds):
        times_a.append(best_of(a, repeat=1))
        times_b.append(best_of(b, repeat=1))
    return times_a, times_b


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

    import pypdfium2 as pdfium

    from vnadmin.pipeline import build_document
    from vnadmin.read import read_source

    def raw(path: Path) -> int:
        """Raw pypdfium2 text extraction: every page's text page and text, nothing else."""
        doc = pdfium.PdfDocument(str(path))
        n = len(doc)
        for i in range(n):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        doc.close()
        return n

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "corpus-text-pdfs-concatenated.pdf"
        names = _concatenate(big, min_pages=64)
        print(f"\n{big.name}: {', '.join(names)}\n")
        for pdf in [
            big,
            *[CORPUS / n for n in ("bc-lamdong-2025-329-cchc.pdf", "pa-bariavungtau-2025-9351-sap-xep-bo-may.pdf")],
        ]:
            pages = raw(pdf)
            vnadmin.parse(pdf)  # warm up
            raws, fulls = interleaved(lambda pdf=pdf: raw(pdf), lambda pdf=pdf: vnadmin.parse(pdf), rounds=9)
            t_raw, t_full = min(raws), min(fulls)
            t_read = best_of(lambda pdf=pdf: read_source(pdf, ocr="never"), repeat=5)
            src = read_source(pdf, ocr="never")
            t_build = best_of(lambda src=src: build_document(src), repeat=5)
            tracemalloc.start()
            vnadmin.parse(pdf)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rss = _peak_rss_mb(pdf)
            print(
                f"| {pdf.name} ({pages} pages) | vnadmin {pages / t_full:.0f} pages/s end to end"
                f" (median of the rounds {pages / statistics.median(fulls):.0f})"
                f" (read {pages / t_read:.0f} pages/s, {t_read * 1000:.0f} ms;"
                f" parse after reading {t_build * 1000:.0f} ms),"
                f" raw pypdfium2 {pages / t_raw:.0f} pages/s (median {pages / statistics.median(raws):.0f}),"
                f" ratio {t_full / t_raw:.1f}x (read only"
                f" {t_read / t_raw:.1f}x), Python peak {peak / 1e6:.0f} MB, process peak RSS {rss:.0f} MB |"
            )


# Text-layer corpus PDFs in a fixed order, repeated until the file is long enough (no big file committed).
TEXT_PDFS = (
    "bc-lamdong-2025-329-cchc.pdf",
    "pa-bariavungtau-2025-9351-sap-xep-bo-may.pdf",
    "kh-laichau-2025-3473-giam-phat-thai.pdf",
    "nd-cp-2023-55-tro-cap-nguoi-co-cong.pdf",
    "ct-cantho-2025-13-trat-tu-atgt.pdf",
    "kh-bvhttdl-2025-3283-ky-niem-80-nam.pdf",
)


def _concatenate(out: Path, min_pages: int) -> list[str]:
    """A 60+ page text-layer PDF made at run time from corpus PDFs with pypdfium2's import_pages."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    used: list[str] = []
    while len(doc) < min_pages:
        for name in TEXT_PDFS:
            src = pdfium.PdfDocument(str(CORPUS / name))
            doc.import_pages(src)
            src.close()
            used.append(f"{name} ({len(doc)} pages so far)")
            if len(doc) >= min_pages:
                break
    doc.save(str(out))
    doc.close()
    return used


def _peak_rss_mb(pdf: Path) -> float:
    """Peak resident memory of a fresh process that parses ``pdf`` once (interpreter and libraries included)."""
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report the benchmark's size.
    code = (
        "import sys, vnadmin; vnadmin.parse(sys.argv[1]);"
        "print(next(ln.split()[1] for ln in open('/proc/self/status') if ln.startswith('VmHWM')))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


if __name__ == "__main__":
    main()
