"""OCR for scanned PDFs: pages rendered with pypdfium2, read by Tesseract's Vietnamese model.

Two steps, usable apart:

* :func:`ocr_pdf` renders the pages (300 dpi, grey) and runs the ``tesseract`` program on each, ``jobs`` pages
  at a time, each Tesseract on one core. It keeps every word with its box (PDF points, origin at the top-left
  of the page as displayed, i.e. after ``/Rotate``) and its confidence. A page that reads badly is checked
  for orientation (a scan fed sideways) and read again turned upright.
* :func:`layout_page` / :func:`ocr_source_document` turn the words into text in the conventions of the PDF
  reader: paragraphs separated by a blank line, the lines of a paragraph by ``\\n``, the two columns of the
  letterhead (top of page 1) and of the closing zone (Nơi nhận | signature) kept apart, left column first.
  Every block is marked ``ocr=True``.

Tesseract is called as a program (``tesseract stdin stdout -l vie --psm 3 tsv``), not through a Python
binding: the TSV output has all we need, and there is no further dependency. When it is missing,
:class:`~vnadmin.errors.MissingTool` names the Debian packages to install.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import os
import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from vnadmin.errors import CorruptDocument, MissingTool
from vnadmin.model.base import BoundingBox
from vnadmin.model.layout import BlockKind, ReaderNote, SourceDocument
from vnadmin.read.builder import TextBuilder
from vnadmin.read.lookalikes import fix_line, fix_word

DEFAULT_DPI = 300
"""Rendering resolution. 300 dpi reads small italic print and handwritten numbers; 200 dpi loses diacritics."""

LANGUAGE = "vie"
"""Tesseract model. Adding ``eng`` makes Vietnamese worse (marks dropped), so it is not added."""

INSTALL_HINT = (
    "install the Debian packages tesseract-ocr and tesseract-ocr-vie (apt-get install tesseract-ocr tesseract-ocr-vie)"
)

LOW_CONFIDENCE = 60.0
"""Mean word confidence under which a page is reported, and checked for orientation."""

PAGE_TIMEOUT = 300.0
"""Seconds one Tesseract run may take on one page."""

HEADER_ZONE = 0.30
"""The letterhead is looked for in this top share of page 1."""

SIGNATURE_DEPTH = 0.30
"""The signature block is re-read in this share of the page height from the closing zone's first row down."""

SIGNATURE_MIN_CONF = 60.0
"""In the signature block, words read with less confidence are dropped (scrawls, seal text) and re-read
lines are kept only from this mean confidence."""

RED_INK = 40
"""A pixel whose red exceeds its green and blue by more than this (0-255) is seal ink."""

SERIAL_MIN_CONF = 70.0
"""The serial of the letterhead's "Số: …/…" is kept only when read with this confidence: a serial filled in by
hand is often read as other digits (a pen-written 2309 as "2303" at 3%, 1716 as "4/6" at 36%), and a wrong
number is worse than none. Typed serials read at 90% and more. Handwritten serials are not read again: tried
on the corpus scans (crops at 300-600 dpi, red ink removed, one-line mode), Tesseract's model reads them as
other numbers, sometimes with high confidence (2309 as "2809" at 89%)."""


# --------------------------------------------------------------------------- the OCR result


@dataclass(frozen=True)
class OcrWord:
    """One word as Tesseract read it (look-alikes fixed), its box in points and its confidence (0-100)."""

    text: str
    bbox: BoundingBox
    conf: float


@dataclass(frozen=True)
class WordRun:
    """Words read in a row: their text joined by spaces and the box around them."""

    words: tuple[OcrWord, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BoundingBox:
        return _union(w.bbox for w in self.words)


@dataclass(frozen=True)
class OcrLine(WordRun):
    """One line as Tesseract found it; ``block``/``par`` are Tesseract's own block and paragraph numbers."""

    block: int
    par: int

    @property
    def conf(self) -> float:
        return statistics.fmean(w.conf for w in self.words)


@dataclass(frozen=True)
class OcrPage:
    """One page: its size in points (as displayed), the lines read, and how the reading went."""

    page: int
    """1-based page number."""
    width: float
    height: float
    lines: tuple[OcrLine, ...]
    rotation: int = 0
    """Extra clockwise turn (0, 90, 180, 270) applied because the scan itself was sideways; /Rotate excluded."""
    dpi: int = DEFAULT_DPI
    seconds: float = 0.0
    """Time spent rendering and reading this page."""

    @property
    def words(self) -> list[OcrWord]:
        return [w for line in self.lines for w in line.words]

    @property
    def conf(self) -> float:
        """Mean word confidence, 0 when nothing was read."""
        words = self.words
        return statistics.fmean(w.conf for w in words) if words else 0.0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class OcrResult:
    """The pages read, in page order, and the Tesseract version that read them."""

    pages: tuple[OcrPage, ...]
    engine: str
    language: str = LANGUAGE
    seconds: float = 0.0
    """Wall-clock time of the whole run."""

    @property
    def conf(self) -> float:
        words = [w for p in self.pages for w in p.words]
        return statistics.fmean(w.conf for w in words) if words else 0.0


def _union(boxes: Any) -> BoundingBox:
    bs = list(boxes)
    return BoundingBox(
        x0=min(b.x0 for b in bs), top=min(b.top for b in bs), x1=max(b.x1 for b in bs), bottom=max(b.bottom for b in bs)
    )


# --------------------------------------------------------------------------- Tesseract


@functools.cache
def tesseract_version() -> str:
    """The ``tesseract`` program's version line, after checking the Vietnamese model is there.

    Raises :class:`MissingTool` naming the packages to install when either is missing.
    """
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingTool(f"OCR needs the tesseract program: {INSTALL_HINT}")
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as e:
        raise MissingTool(f"OCR needs a working tesseract program ({e}): {INSTALL_HINT}") from None
    available = {ln.strip() for ln in (langs.stdout + langs.stderr).splitlines()[1:]}
    if LANGUAGE not in available:
        raise MissingTool(f"OCR needs Tesseract's Vietnamese model: {INSTALL_HINT}")
    first = (version.stdout or version.stderr).strip().splitlines()
    return first[0] if first else "tesseract"


def _tesseract(image: bytes, args: Sequence[str]) -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingTool(f"OCR needs the tesseract program: {INSTALL_HINT}")
    # One core per Tesseract: parallelism comes from running pages side by side.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        run = subprocess.run(
            [exe, "stdin", "stdout", *args],
            input=image,
            capture_output=True,
            timeout=PAGE_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ""
    if run.returncode != 0:
        return ""
    return run.stdout.decode("utf-8", errors="replace")


def parse_tsv(tsv: str, scale: float) -> list[OcrLine]:
    """Lines from Tesseract's TSV output; pixel boxes divided by ``scale`` (pixels per point).

    >>> head = "level page_num block_num par_num line_num word_num left top width height conf text"
    >>> rows = ["5 1 1 1 1 1 100 200 50 40 96.5 QUYẾT", "5 1 1 1 1 2 160 200 60 40 90 ÐỊNH"]
    >>> tsv = "\\n".join(r.replace(" ", "\\t") for r in [head, *rows])
    >>> [(ln.text, ln.bbox.x0, round(ln.conf, 2)) for ln in parse_tsv(tsv, 2.0)]
    [('QUYẾT ĐỊNH', 50.0, 93.25)]
    """
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = fix_word(cols[11].strip())
        if not text:
            continue
        try:
            left, top, width, height = (int(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        box = BoundingBox(x0=left / scale, top=top / scale, x1=(left + width) / scale, bottom=(top + height) / scale)
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        lines.setdefault(key, []).append(OcrWord(text=text, bbox=box, conf=max(conf, 0.0)))
    return [OcrLine(words=tuple(ws), block=k[0], par=k[1]) for k, ws in lines.items()]


_OSD_ROTATE = regex.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = regex.compile(r"Orientation confidence:\s*([\d.]+)")


def _osd_rotation(image: bytes) -> int:
    """Clockwise turn that makes the page upright, by Tesseract's orientation detection (0 when unsure)."""
    out = _tesseract(image, ["--psm", "0", "-l", "osd"])
    rot, conf = _OSD_ROTATE.search(out), _OSD_CONF.search(out)
    if not rot or not conf or float(conf.group(1)) < 5.0:
        return 0
    return int(rot.group(1)) % 360


# --------------------------------------------------------------------------- running pages


class _Renderer:
    """pdfium is not thread-safe: every call into it goes through one lock."""

    def __init__(self, data: bytes, name: str) -> None:
        import pypdfium2 as pdfium

        self._lock = threading.Lock()
        try:
            self._pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise CorruptDocument(f"{name}: cannot be opened as a PDF ({e})") from None
        self.n_pages = len(self._pdf)

    def render(self, index: int, dpi: int, rotation: int) -> tuple[Any, float, float]:
        """The page as an RGB PIL image, and the page's displayed size in points."""
        with self._lock:
            page = self._pdf[index]
            try:
                scale = dpi / 72
                image = page.render(scale=scale, rotation=rotation).to_pil()
            finally:
                page.close()
        rgb = image.convert("RGB")
        return rgb, rgb.width / scale, rgb.height / scale

    def close(self) -> None:
        with self._lock:
            self._pdf.close()


def _red_channel(image: Any) -> bytes:
    """The image's red channel as a PGM, for the whole-page reading.

    The red channel, not grey: a red seal over the signer's title turns almost white in it, while black
    print and blue handwriting stay dark (measured on the corpus scans: the signer lines under the seal
    are read in red and lost in grey).
    """
    buf = io.BytesIO()
    image.getchannel("R").save(buf, format="PPM")
    return buf.getvalue()


def _without_seal(image: Any) -> bytes:
    """Grey image with red ink (seals, red stamps) turned white, as a PGM: for re-reading a signature block.

    A pixel is red ink when its red value exceeds both green and blue by over :data:`RED_INK`; everything
    else keeps its grey value, so black print and blue handwriting stay as they are.
    """
    from PIL import Image, ImageChops

    r, g, b = image.split()
    redness = ImageChops.subtract(r, ImageChops.lighter(g, b))
    mask = redness.point(lambda v: 255 if v > RED_INK else 0)
    clean = Image.composite(Image.new("L", image.size, 255), image.convert("L"), mask)
    buf = io.BytesIO()
    clean.save(buf, format="PPM")
    return buf.getvalue()


def _looks_sideways(page: OcrPage) -> bool:
    """Most words taller than wide: Tesseract read a page that lies on its side as vertical text."""
    long_words = [w for w in page.words if len(w.text) >= 3]
    if not long_words:
        return False
    tall = sum(1 for w in long_words if w.bbox.bottom - w.bbox.top > w.bbox.x1 - w.bbox.x0)
    return tall > 0.5 * len(long_words)


def _read_page(renderer: _Renderer, index: int, dpi: int) -> OcrPage:
    start = time.perf_counter()
    args = ["-l", LANGUAGE, "--psm", "3", "--dpi", str(dpi), "tsv"]
    scale = dpi / 72
    rgb, width, height = renderer.render(index, dpi, 0)
    image = _red_channel(rgb)
    lines = parse_tsv(_tesseract(image, args), scale)
    page = OcrPage(page=index + 1, width=width, height=height, lines=tuple(lines), dpi=dpi)
    if page.conf < LOW_CONFIDENCE or len(page.words) < 20 or _looks_sideways(page):
        turn = _osd_rotation(image)
        if turn:
            turned_rgb, width, height = renderer.render(index, dpi, turn)
            turned = OcrPage(
                page=index + 1,
                width=width,
                height=height,
                lines=tuple(parse_tsv(_tesseract(_red_channel(turned_rgb), args), scale)),
                rotation=turn,
                dpi=dpi,
            )
            # Orientation detection was sure (see _osd_rotation): keep the turned reading unless it is much worse.
            if turned.conf * len(turned.words) > 0.5 * page.conf * len(page.words):
                page, rgb = turned, turned_rgb
    lines = list(page.lines)
    zone = signature_zone(page)
    if zone is not None:
        lines = _reread_signature(lines, rgb, zone, dpi)
    return OcrPage(
        page=page.page,
        width=page.width,
        height=page.height,
        lines=tuple(lines),
        rotation=page.rotation,
        dpi=dpi,
        seconds=time.perf_counter() - start,
    )


# --------------------------------------------------------------------------- the signature block, read again


def signature_zone(page: OcrPage) -> BoundingBox | None:
    """Where the signature block is: right of the closing zone's column split, from its first row down.

    The closing zone starts at the first "Nơi nhận" or "KT./TM./TL." row (as in :func:`layout_page`); the
    zone runs :data:`SIGNATURE_DEPTH` of the page height down from there. ``None`` when the page has no
    closing zone.
    """
    # Low-confidence scraps (a seal's edge, a pen stroke) are left out: they would make a false column split.
    segs = [s for line in page.lines for s in _segments(line, 1.5) if statistics.fmean(w.conf for w in s.words) >= 50]
    rows = _rows(segs)
    at = next((i for i, r in enumerate(rows) if _starts_closing(r)), None)
    if at is None:
        return None
    split = min(max(_split_x(rows[at:], page.width), 0.3 * page.width), 0.6 * page.width)
    top = min(s.top for s in rows[at])
    return BoundingBox(
        x0=max(0.0, split - 2),
        top=max(0.0, top - 4),
        x1=page.width,
        bottom=min(page.height, top + SIGNATURE_DEPTH * page.height),
    )


def _overlaps(a: BoundingBox, b: BoundingBox) -> bool:
    """Same line (vertical overlap over half the lower box's height) and horizontal overlap."""
    v = min(a.bottom, b.bottom) - max(a.top, b.top)
    return v > 0.5 * min(a.bottom - a.top, b.bottom - b.top) and min(a.x1, b.x1) > max(a.x0, b.x0)


def _reread_signature(lines: list[OcrLine], rgb: Any, zone: BoundingBox, dpi: int) -> list[OcrLine]:
    """The signature block read again on its own, with red ink removed, and merged into the page's lines.

    Tesseract's whole-page reading often drops the signer's title lines beside the recipients list, or
    reads a seal, a signature scrawl or a title under the seal as junk. Cropped to the signature column
    (see :func:`signature_zone`) and with the red seal whitened, the block is read as sparse text
    (``--psm 11``: each line found on its own, which copes with a seal or a scrawl between the lines better
    than ``--psm 4``). Then, in the zone: a re-read line replaces the first reading's words it overlaps when
    it is read with more confidence and spans them all; it fills a gap (two words or more) when nothing was
    read there; first-reading words under :data:`SIGNATURE_MIN_CONF` (scrawls, seal text) are dropped. A
    re-read line starting at the crop's left edge is the cut end of a recipients line, and is dropped.
    """
    scale = dpi / 72
    crop = rgb.crop((int(zone.x0 * scale), int(zone.top * scale), int(zone.x1 * scale), int(zone.bottom * scale)))
    args = ["-l", LANGUAGE, "--psm", "11", "--dpi", str(dpi), "tsv"]
    reread = parse_tsv(_tesseract(_without_seal(crop), args), scale)
    edge = 3.0

    def inside(b: BoundingBox) -> bool:
        return zone.x0 <= (b.x0 + b.x1) / 2 <= zone.x1 and zone.top <= (b.top + b.bottom) / 2 <= zone.bottom

    def moved(b: BoundingBox) -> BoundingBox:
        return BoundingBox(x0=b.x0 + zone.x0, top=b.top + zone.top, x1=b.x1 + zone.x0, bottom=b.bottom + zone.top)

    candidates: list[OcrLine] = []
    for line in reread:
        words = [
            OcrWord(w.text, moved(w.bbox), w.conf)
            for w in line.words
            if _ALNUM.search(w.text) and not (len(w.text) == 1 and w.conf < 50)  # "í" (28%): a seal's mark
        ]
        if not words or words[0].bbox.x0 - zone.x0 < edge:
            continue
        cand = OcrLine(words=tuple(words), block=line.block, par=line.par)
        if cand.conf >= SIGNATURE_MIN_CONF:
            candidates.append(cand)

    dropped: set[int] = set()
    added: list[OcrLine] = []
    old = [(id(w), w) for line in lines for w in line.words if inside(w.bbox)]
    for cand in candidates:
        box = cand.bbox
        under = [(k, w) for k, w in old if k not in dropped and _overlaps(w.bbox, box)]
        if under:
            # A better reading of the same words: more confident, and spanning all of them.
            x0, x1 = min(w.bbox.x0 for _, w in under), max(w.bbox.x1 for _, w in under)
            if cand.conf <= statistics.fmean(w.conf for _, w in under) + 5 or box.x0 > x0 + 3 or box.x1 < x1 - 3:
                continue
            dropped.update(k for k, _ in under)
        elif sum(1 for w in cand.words if sum(c.isalpha() for c in w.text) >= 2) < 2:
            continue  # a line found only now has at least two words (a title, a name), not one scrap
        added.append(cand)
    dropped.update(k for k, w in old if w.conf < SIGNATURE_MIN_CONF or not _ALNUM.search(w.text))
    # Drop first-reading words overlapped by an added line (a line read partly the first time).
    for cand in added:
        dropped.update(k for k, w in old if _overlaps(w.bbox, cand.bbox))
    out: list[OcrLine] = []
    for line in lines:
        keep = tuple(w for w in line.words if id(w) not in dropped)
        if keep:
            out.append(OcrLine(words=keep, block=line.block, par=line.par))
    out.extend(added)
    out.sort(key=lambda ln: ln.bbox.top)
    return out


# --------------------------------------------------------------------------- the letterhead's serial

_NUMBER_WORD = regex.compile(r"^Số\s*[:.]?")
_GOOD_SERIAL = regex.compile(r"^(?:Số\s*[:.]?)?\d+[a-zA-Z]?(?=$|/|-)")


def serial_read_well(so: OcrWord, cell: Sequence[OcrWord]) -> bool:
    """Whether the serial after "Số:" reads as a number with :data:`SERIAL_MIN_CONF` (glued to "Số:" or not)."""
    if _GOOD_SERIAL.match(so.text) and regex.search(r"\d", so.text):
        return so.conf >= SERIAL_MIN_CONF
    return bool(cell) and bool(_GOOD_SERIAL.match(cell[0].text)) and cell[0].conf >= SERIAL_MIN_CONF


def ocr_pdf(
    path: Path | None,
    data: bytes,
    pages: Sequence[int] | None = None,
    jobs: int = 0,
    *,
    dpi: int = DEFAULT_DPI,
    progress: Callable[[int], None] | None = None,
) -> OcrResult:
    """OCR the given 1-based ``pages`` of a PDF (all when ``None``), ``jobs`` pages at a time (0: one per core).

    Raises :class:`MissingTool` when Tesseract or its Vietnamese model is not installed, and
    :class:`CorruptDocument` when the PDF cannot be opened. ``progress`` is called with each finished page.
    """
    name = str(path) if path else "<pdf>"
    engine = tesseract_version()
    started = time.perf_counter()
    renderer = _Renderer(data, name)
    try:
        wanted = list(range(1, renderer.n_pages + 1)) if pages is None else sorted(set(pages))
        bad = [p for p in wanted if not 1 <= p <= renderer.n_pages]
        if bad:
            raise ValueError(f"{name}: no page {bad[0]} (the PDF has {renderer.n_pages})")
        workers = max(1, min(jobs if jobs > 0 else (os.cpu_count() or 1), len(wanted) or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_read_page, renderer, p - 1, dpi) for p in wanted]
            done: list[OcrPage] = []
            for f in futures:
                done.append(f.result())
                if progress:
                    progress(done[-1].page)
    finally:
        renderer.close()
    return OcrResult(pages=tuple(done), engine=engine, seconds=time.perf_counter() - started)


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Segment(WordRun):
    """A run of words on one line with no wide gap inside: a line of one column."""

    @property
    def x0(self) -> float:
        return self.words[0].bbox.x0

    @property
    def x1(self) -> float:
        return self.words[-1].bbox.x1

    @property
    def top(self) -> float:
        return min(w.bbox.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bbox.bottom for w in self.words)

    @property
    def height(self) -> float:
        return statistics.median(w.bbox.bottom - w.bbox.top for w in self.words)


@dataclass(frozen=True)
class LaidOut:
    """One paragraph of a page's text, ready for :class:`~vnadmin.read.builder.TextBuilder`."""

    text: str
    bbox: BoundingBox
    kind: BlockKind = "paragraph"
    conf: float = 0.0


_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_NOISE = regex.compile(r"^[^\p{L}\p{N}]*$")
_CLOSING_START = regex.compile(r"^(?:N[ơo]i\s*nh[ậaâ]n\b|(?:KT|TM|TL|TUQ|Q)\s*\.\s*\p{Lu})")
_PAGE_NUMBER = regex.compile(r"^[-–—\s]*\d{1,3}[-–—\s]*$")
# The incoming-mail stamp ("CÔNG VĂN ĐẾN / Số: … / Ngày: … / Chuyển: …") a receiving office puts on a copy.
_INCOMING = regex.compile(
    r"^(?:(?:CÔNG\s+VĂN\s+)?ĐẾN\b|Số\s+đến\b|Chuyển\s*:|Lưu\s+hồ\s+sơ\s+số|Ngày\s*:\s*[\d./ -]+$|Giờ\s*:)",
    regex.IGNORECASE,
)


def _starts_closing(row: Sequence[WordRun]) -> bool:
    """Whether a row opens the closing zone: a cell starting "Nơi nhận" or a delegation line ("KT. CHỦ TỊCH"),
    also when OCR cut "Nơi nhận:" into two cells at a wide letter gap."""
    texts = [s.text for s in row]
    return any(_CLOSING_START.match(" ".join(texts[i:])) for i in range(len(texts)))


def _segments(line: OcrLine, gap_factor: float) -> list[Segment]:
    """Cut a line where the space between two words is over ``gap_factor`` times the word height."""
    words = sorted(line.words, key=lambda w: w.bbox.x0)
    height = statistics.median(w.bbox.bottom - w.bbox.top for w in words)
    out: list[list[OcrWord]] = [[words[0]]]
    for prev, w in itertools.pairwise(words):
        if w.bbox.x0 - prev.bbox.x1 > gap_factor * height:
            out.append([w])
        else:
            out[-1].append(w)
    segs = [Segment(tuple(ws)) for ws in out]
    return [s for s in segs if not _NOISE.match(s.text) and not _is_speck(s)]


def _is_speck(seg: Segment) -> bool:
    """A lone low-confidence scrap (a seal's edge, a pen stroke) read as one or two characters."""
    limit = 30 if seg.text.isdigit() else 50  # a page number may read with middling confidence
    return len(seg.words) == 1 and len(seg.text) <= 2 and seg.words[0].conf < limit


def _rows(segments: list[Segment]) -> list[list[Segment]]:
    """Segments grouped into rows: those whose vertical middles overlap the row's band."""
    rows: list[list[Segment]] = []
    for s in sorted(segments, key=lambda s: (s.top + s.bottom) / 2):
        mid = (s.top + s.bottom) / 2
        if rows:
            last = rows[-1]
            top = min(x.top for x in last)
            bottom = max(x.bottom for x in last)
            if top <= mid <= bottom and all(s.x0 >= x.x1 or s.x1 <= x.x0 for x in last):
                last.append(s)
                continue
        rows.append([s])
    for r in rows:
        r.sort(key=lambda s: s.x0)
    return rows


def _paragraphs_of_lines(segs: list[Segment], line_height: float) -> list[list[Segment]]:
    """Lines of one column grouped into paragraphs: a gap taller than ~one line starts a new one."""
    out: list[list[Segment]] = []
    for s in segs:
        if out and s.top - out[-1][-1].bottom < 0.9 * line_height:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def _laid(segs: list[Segment], kind: BlockKind = "paragraph") -> LaidOut:
    words = [w for s in segs for w in s.words]
    return LaidOut(
        text="\n".join(fix_line(s.text) for s in segs),
        bbox=_union(w.bbox for w in words),
        kind=kind,
        conf=statistics.fmean(w.conf for w in words),
    )


def _split_x(rows: list[list[Segment]], width: float) -> float:
    """Where the two columns meet: between the widest left cell and the leftmost right cell of two-cell rows."""
    pairs = [(r[0].x1, r[1].x0) for r in rows if len(r) >= 2]
    if not pairs:
        return width / 2
    left_edge = max(a for a, _ in pairs)
    right_edge = min(b for _, b in pairs)
    if left_edge < right_edge:
        return (left_edge + right_edge) / 2
    return statistics.median((a + b) / 2 for a, b in pairs)


def _cut_at_split(seg: Segment, split: float, width: float) -> list[Segment]:
    """A segment running across the column split (two cells read as one line) cut at its widest gap there."""
    if not (seg.x0 < split < seg.x1) or len(seg.words) < 2:
        return [seg]
    best, best_gap = -1, 0.0
    for i, (a, b) in enumerate(itertools.pairwise(seg.words)):
        gap = b.bbox.x0 - a.bbox.x1
        if abs((a.bbox.x1 + b.bbox.x0) / 2 - split) < 0.1 * width and gap > best_gap:
            best, best_gap = i, gap
    if best < 0 or best_gap < 0.6 * seg.height:
        return [seg]
    return [Segment(seg.words[: best + 1]), Segment(seg.words[best + 1 :])]


def _two_columns(rows: list[list[Segment]], width: float, line_height: float) -> list[LaidOut]:
    """A two-column zone: left column first, then right, each cut into paragraphs by vertical gaps.

    Each line goes to the column its middle falls in; a line read across both columns is cut at the split.
    """
    split = _split_x(rows, width)
    left: list[Segment] = []
    right: list[Segment] = []
    for row in rows:
        row_left: list[Segment] = []
        row_right: list[Segment] = []
        for seg in row:
            if sum(c.isalpha() for c in seg.text) < 2 and not seg.text.strip().isdigit():
                continue  # a seal's or a pen stroke's mark read as a letter ("m", "À"): it would join two lines
            for s in _cut_at_split(seg, split, width):
                (row_left if (s.x0 + s.x1) / 2 < split else row_right).append(s)
        # the pieces of one cell's line read apart ("Nơi" "nhận:") are one line again
        left += _merge_row(row_left) if row_left else []
        right += _merge_row(row_right) if row_right else []
    out = [_laid(p) for p in _paragraphs_of_lines(left, line_height)]
    out += [_laid(p) for p in _paragraphs_of_lines(right, line_height)]
    return out


_STRUCTURE = regex.compile(
    r"^(?:Điều\s+\d|Chương\s+[IVXLC\d]|[IVXLC]+\s*[.:]|\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*\)|[-+•–]\s)"
)


def _body(segs: list[Segment], width: float, line_height: float) -> list[LaidOut]:
    """Body lines into paragraphs: a new one after a blank gap, at an indented or numbered line, after a short line.

    Consecutive centred lines (a title set over two lines) stay in one paragraph.
    """
    if not segs:
        return []
    lefts = sorted(s.x0 for s in segs)
    rights = sorted(s.x1 for s in segs)
    margin_l = lefts[len(lefts) // 10]
    margin_r = rights[-1 - len(rights) // 10]
    indent = 1.2 * line_height

    def centred(s: Segment) -> bool:
        li, ri = s.x0 - margin_l, margin_r - s.x1
        return li > 0.5 * line_height and ri > 0.5 * line_height and abs(li - ri) < 3 * line_height

    paras: list[list[Segment]] = []
    for s in segs:
        if paras:
            prev = paras[-1][-1]
            gap = s.top - prev.bottom
            # A centred line under a wider line with the same middle: the second line of a title set over two.
            under_wider = (
                centred(s)
                and prev.x0 <= s.x0 + line_height
                and prev.x1 >= s.x1 - line_height
                and abs((s.x0 + s.x1) / 2 - (prev.x0 + prev.x1) / 2) < 1.5 * line_height
            )
            both_centred = (centred(s) and centred(prev)) or under_wider
            new = (
                gap > 0.9 * line_height
                or (s.x0 - margin_l > indent and not both_centred)
                or (prev.x1 < margin_r - 3 * line_height and not both_centred)
                or bool(_STRUCTURE.match(s.text))
            )
            if not new:
                paras[-1].append(s)
                continue
        paras.append([s])
    return [_laid(p) for p in paras]


def layout_page(page: OcrPage, *, first: bool = False, last: bool = False) -> list[LaidOut]:
    """The paragraphs of one OCR'd page in reading order.

    ``first``: the page holds the letterhead (two columns in the top 30%). The closing zone (Nơi nhận beside
    the signature) is looked for on every page, from its first "Nơi nhận" or "KT./TM./TL." line down.
    Page numbers alone at the top or bottom become ``page_header``/``page_footer`` blocks; an incoming-mail
    stamp in the letterhead becomes a ``stamp`` block after the page's text, so its date is not the issue date.
    """
    if not page.lines:
        return []
    segs = [s for line in page.lines for s in _segments(line, 1.5)]
    if not segs:
        return []
    line_height = statistics.median(s.height for s in segs) * 1.15
    rows = _rows(segs)
    head: list[LaidOut] = []
    foot: list[LaidOut] = []
    if rows and len(rows[0]) == 1 and _PAGE_NUMBER.match(rows[0][0].text) and rows[0][0].top < 0.12 * page.height:
        head.append(_laid(rows[0], "page_header"))
        rows = rows[1:]
    if rows and len(rows[-1]) == 1 and _PAGE_NUMBER.match(rows[-1][0].text) and rows[-1][0].top > 0.88 * page.height:
        foot.append(_laid(rows[-1], "page_footer"))
        rows = rows[:-1]

    stamps: list[Segment] = []
    header_rows: list[list[Segment]] = []
    if first:
        limit = HEADER_ZONE * page.height
        while rows and rows[0][0].top < limit:
            row = rows.pop(0)
            kept = [_drop_unread_serial(s) for s in row if not _INCOMING.match(s.text)]
            stamps.extend(s for s in row if _INCOMING.match(s.text))
            if kept:
                header_rows.append(kept)
        # A title row straddling the split ends the letterhead; rows after it go to the body.
        header_rows, rest = _cut_header(header_rows, page.width)
        rows = rest + rows

    closing_at = next(
        (i for i, r in enumerate(rows) if _starts_closing(r)),
        len(rows),
    )
    body_rows, closing_rows = rows[:closing_at], rows[closing_at:]

    out = head
    out += [_blank_unread_serial(p) for p in _two_columns(header_rows, page.width, line_height)]
    body_segs = [s for r in body_rows for s in _merge_row(r)]
    out += _body(body_segs, page.width, line_height)
    out += _two_columns(closing_rows, page.width, line_height) if closing_rows else []
    out += [_laid([s], "stamp") for s in stamps]
    out += foot
    return out


_NUMBER_LINE = regex.compile(r"^(Số\s*:?\s*)([^\s:/]\S*?)(\s*/)", regex.MULTILINE)
_SERIAL = regex.compile(r"\d+[a-zA-Z]?")


def _blank_unread_serial(p: LaidOut) -> LaidOut:
    """The serial of the letterhead's "Số: …/…" line left blank when OCR did not read it as a number.

    The serial is often handwritten and reads as junk ("Số: 6Œ /QĐ-UBND", "Số: É3/KH-DCT"); written out, it
    would be taken for part of the issuer's name. Blank ("Số:  /QĐ-UBND"), it reads as a number not filled in.
    """
    text = _NUMBER_LINE.sub(lambda m: m.group() if _SERIAL.fullmatch(m.group(2)) else m.group(1) + m.group(3), p.text)
    return p if text == p.text else LaidOut(text=text, bbox=p.bbox, kind=p.kind, conf=p.conf)


_CODE_START = regex.compile(r"/(?=\p{L}|\d{4}\s*/)")
"""Where the code part of a number starts: "/QĐ-UBND", "/2023/QĐ-UBND" (not "/6" of a misread "4/6")."""


def _drop_unread_serial(seg: Segment) -> Segment:
    """A letterhead "Số: …/…" segment without its serial when the serial was not read well (see
    :func:`serial_read_well`): "Số: 2303(3%) /CT-CS" → "Số: /CT-CS", "Số: É3/KH-DCT" → "Số: /KH-DCT".

    What is left reads as a number not filled in, so a misread handwritten serial is neither output as a
    wrong number nor taken for part of the issuer's name.
    """
    words = list(seg.words)
    at = next((i for i, w in enumerate(words) if _NUMBER_WORD.match(w.text)), None)
    if at is None or serial_read_well(words[at], words[at + 1 :]):
        return seg
    so = words[at]
    head = _NUMBER_WORD.match(so.text)
    assert head is not None
    out = [*words[:at]]
    rest = [OcrWord(so.text[head.end() :], so.bbox, so.conf), *words[at + 1 :]]
    while rest and not _CODE_START.search(rest[0].text):
        rest = rest[1:]  # the serial's words, up to the one where the code starts
    code = _CODE_START.search(rest[0].text) if rest else None
    if code is not None:
        rest[0] = OcrWord(rest[0].text[code.start() :], rest[0].bbox, rest[0].conf)
    out.append(OcrWord(so.text[: head.end()], so.bbox, so.conf))
    out += rest
    return Segment(tuple(out))


def _cut_header(rows: list[list[Segment]], width: float) -> tuple[list[list[Segment]], list[list[Segment]]]:
    """Split the top rows of page 1 where the letterhead ends: at the first centred line after its last two-cell row."""
    twos = [i for i, r in enumerate(rows) if len(r) >= 2]
    if not twos:
        return [], rows
    split = _split_x(rows, width)
    for i, r in enumerate(rows):
        if i > twos[-1] and len(r) == 1:
            s = r[0]
            centred = abs((s.x0 + s.x1) / 2 - width / 2) < 0.08 * width
            if s.x0 < split < s.x1 and centred:
                return rows[:i], rows[i:]
    return rows, []


def _merge_row(row: list[Segment]) -> list[Segment]:
    """A body row is one line: segments cut at wide gaps (justified text, tab stops) are joined again."""
    if len(row) == 1:
        return row
    return [Segment(tuple(w for s in row for w in s.words))]


def ocr_notes(result: OcrResult) -> list[ReaderNote]:
    """One note per page saying it was OCR'd and how well; more for turned or poorly read pages."""
    notes: list[ReaderNote] = []
    for p in result.pages:
        notes.append(
            ReaderNote(
                code="ocr",
                message=f"page {p.page}: text read by OCR ({result.engine}, {result.language}, {p.dpi} dpi), "
                f"mean word confidence {p.conf:.0f}%",
                page=p.page,
            )
        )
        if p.rotation:
            notes.append(
                ReaderNote(
                    code="ocr-rotated", message=f"page {p.page}: scan turned {p.rotation}° to read it", page=p.page
                )
            )
        if not p.words:
            notes.append(ReaderNote(code="ocr-empty", message=f"page {p.page}: OCR found no text", page=p.page))
        elif p.conf < LOW_CONFIDENCE:
            notes.append(
                ReaderNote(
                    code="ocr-low-confidence",
                    message=f"page {p.page}: OCR confidence is low ({p.conf:.0f}%); check the text against the scan",
                    page=p.page,
                )
            )
    return notes


def add_page(builder: TextBuilder, page: OcrPage, *, first: bool = False, last: bool = False) -> None:
    """Append one OCR'd page's paragraphs to a reader's builder, as blocks with ``ocr=True``, page and bbox."""
    for p in layout_page(page, first=first, last=last):
        builder.paragraph(p.text, kind=p.kind, page=page.page, bbox=p.bbox, ocr=True)


def ocr_source_document(
    path: Path | None, data: bytes, jobs: int = 0, *, pages: Sequence[int] | None = None, dpi: int = DEFAULT_DPI
) -> SourceDocument:
    """A scanned PDF read entirely by OCR, as a :class:`SourceDocument` (format ``pdf``, blocks ``ocr=True``)."""
    result = ocr_pdf(path, data, pages, jobs, dpi=dpi)
    builder = TextBuilder()
    n = len(result.pages)
    for i, page in enumerate(result.pages):
        add_page(builder, page, first=i == 0, last=i == n - 1)
    return SourceDocument(
        path=str(path) if path else None,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        raw_text=builder.text,
        pages=_page_count(data),
        blocks=builder.blocks,
        tables=builder.tables,
        notes=ocr_notes(result),
    )


def _page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()
