"""Text that lives in annotation appearance streams: e-signature "cấp số" stamps and the like.

Documents signed with the government's digital signature carry the number and often the day and month
("Số: 3473/KH-UBND … ngày 04 tháng 7") only in the appearance stream of a signature widget annotation
(``/FT /Sig``), not in the page's content. pdfium's text page does not see annotations, so for a page with
widget, free-text or stamp annotations the reader asks pdfium to flatten the page (draw the appearance
streams into the content, appended after the page's own) before reading its text, and takes the characters
at the end of the text that come from the appended appearance objects (with the line break pdfium puts
before them) as the stamp's text, with their boxes (:func:`stamp_text_start`). Those characters are then
merged into the lines at their position on the page. The page is loaded once more, not its text twice.
Appearances made only of pictures (a seal, a handwritten signature) add nothing to read: their page is not
flattened (:func:`stamps_worth_flattening`).

pdfplumber's ``page.annots`` is not used: on some files (qd-gialai-syt-2026-3990, -4085) it recurses
without end.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Annotation kinds whose appearance is part of what the reader sees on the page.
STAMP_ANNOT_KINDS = frozenset({pdfium_c.FPDF_ANNOT_WIDGET, pdfium_c.FPDF_ANNOT_FREETEXT, pdfium_c.FPDF_ANNOT_STAMP})


def stamp_annotation_rects(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Rectangles (left, bottom, right, top in PDF points) of the page's widget/free-text/stamp annotations."""
    rects: list[tuple[float, float, float, float]] = []
    for annot in _stamp_annotations(page):
        r = pdfium_c.FS_RECTF()
        if pdfium_c.FPDFAnnot_GetRect(annot, r):
            rects.append((r.left, r.bottom, r.right, r.top))
    return rects


def _stamp_annotations(page: pdfium.PdfPage) -> Iterator[Any]:
    """The page's widget/free-text/stamp annotation handles, each closed once the caller moves on (or stops)."""
    for k in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, k)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) in STAMP_ANNOT_KINDS:
                yield annot
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)


# Page objects that add neither characters nor lines to a page: an appearance made only of these (the image
# of a seal or a handwritten signature, in form XObjects) changes nothing the reader sees when flattened.
_PICTURE_ONLY = frozenset({pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_IMAGE})


def stamps_worth_flattening(page: pdfium.PdfPage) -> bool:
    """Whether the page has widget/free-text/stamp annotations whose appearance may hold text or lines.

    Signature pages often carry only pictures (the seal, the signature): flattening them would draw
    nothing the text page or the rule finder sees, and costs a second load of the page. An appearance
    that pdfium cannot open (no objects) counts as worth flattening, as does any text or path inside it.
    """
    for annot in _stamp_annotations(page):
        n = pdfium_c.FPDFAnnot_GetObjectCount(annot)
        if n <= 0 or not all(_picture_only(pdfium_c.FPDFAnnot_GetObject(annot, j)) for j in range(n)):
            return True
    return False


def _picture_only(obj: Any) -> bool:
    """An object that is an image, or a form XObject holding only images (at any depth)."""
    if not obj:
        return False
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind not in _PICTURE_ONLY:
        return False
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        return all(
            _picture_only(pdfium_c.FPDFFormObj_GetObject(obj, j)) for j in range(pdfium_c.FPDFFormObj_CountObjects(obj))
        )
    return True


def flatten_page(pdf: pdfium.PdfDocument, index: int, page: pdfium.PdfPage) -> Any:
    """Draw the annotations of page ``index`` into its content; returns the page loaded again.

    The caller must have closed every text page of ``page``; ``page`` itself is closed here.
    """
    pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
    page.close()
    return pdf[index]


def _address(pointer: Any) -> int | None:
    """The address a ctypes pointer holds (None for NULL), read from its buffer: ``ctypes.cast`` would tie
    the pointer into a reference cycle, left for the garbage collector."""
    return ctypes.c_void_p.from_buffer(pointer).value


def _text_objects(obj: Any, out: set[int | None]) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        out.add(_address(obj))
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        for j in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _text_objects(pdfium_c.FPDFFormObj_GetObject(obj, j), out)


def stamp_text_start(page: Any, textpage: Any, first_object: int, count: int) -> int:
    """Where the stamp text begins in the flattened page's text (``count`` characters): after the last
    character of the page's own content, whose objects come before ``first_object`` (the page's object
    count before flattening). The line break pdfium generates before the stamp (characters of no object)
    goes with the stamp. ``count`` when the appearance objects have no text.

    The page's own characters come first and are those the page shows unflattened: flattening only
    appends the appearance objects to the content.
    """
    stamp: set[int | None] = set()
    for k in range(first_object, pdfium_c.FPDFPage_CountObjects(page)):
        _text_objects(pdfium_c.FPDFPage_GetObject(page, k), stamp)
    if not stamp:
        return count
    raw = textpage.raw
    k = count
    seen = False
    while k > 0:
        obj = _address(pdfium_c.FPDFText_GetTextObject(raw, k - 1))
        if obj is None:
            k -= 1
        elif obj in stamp:
            seen = True
            k -= 1
        else:
            break
    return k if seen else count
