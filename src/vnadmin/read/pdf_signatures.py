"""Text that lives in annotation appearance streams: e-signature "cấp số" stamps and the like.

Documents signed with the government's digital signature carry the number and often the day and month
("Số: 3473/KH-UBND … ngày 04 tháng 7") only in the appearance stream of a signature widget annotation
(``/FT /Sig``), not in the page's content. pdfium's text page does not see annotations, so for a page with
widget, free-text or stamp annotations the reader asks pdfium to flatten the page (draw the appearance
streams into the content), loads it again, and takes the characters that appeared as the stamp's text, with
their boxes. Those characters are then merged into the lines at their position on the page.

pdfplumber's ``page.annots`` is not used: on some files (qd-gialai-syt-2026-3990, -4085) it recurses
without end.
"""

from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Annotation kinds whose appearance is part of what the reader sees on the page.
STAMP_ANNOT_KINDS = frozenset({pdfium_c.FPDF_ANNOT_WIDGET, pdfium_c.FPDF_ANNOT_FREETEXT, pdfium_c.FPDF_ANNOT_STAMP})


def stamp_annotation_rects(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Rectangles (left, bottom, right, top in PDF points) of the page's widget/free-text/stamp annotations."""
    rects: list[tuple[float, float, float, float]] = []
    count = pdfium_c.FPDFPage_GetAnnotCount(page)
    for k in range(count):
        annot = pdfium_c.FPDFPage_GetAnnot(page, k)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) in STAMP_ANNOT_KINDS:
                r = pdfium_c.FS_RECTF()
                if pdfium_c.FPDFAnnot_GetRect(annot, r):
                    rects.append((r.left, r.bottom, r.right, r.top))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects


def flatten_page(pdf: pdfium.PdfDocument, index: int, page: pdfium.PdfPage) -> Any:
    """Draw the annotations of page ``index`` into its content; returns the page loaded again.

    The caller must have closed every text page of ``page``; ``page`` itself is closed here.
    """
    pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
    page.close()
    return pdf[index]
