"""PDF with a text layer → :class:`~vnadmin.model.SourceDocument`, with page provenance.

Fast path: pypdfium2 gives every character with its box, size and weight (a few hundred pages a second).
pdfplumber's table finder runs only on pages that have ruling lines. The layout is rebuilt from positions:

* characters → runs (same baseline, no big gap) → rows (one visual line) → segments (split at wide gaps);
* e-signature stamps (:mod:`vnadmin.read.pdf_signatures`) are merged into the row and gap where they sit,
  so "Số:      /KH-UBND" becomes "Số: 3473 /KH-UBND" and "ngày    tháng 7" becomes "ngày 04 tháng 7";
* page numbers and running headers are dropped (they do not appear in ``raw_text`` at all);
* footnotes (small print at the bottom of a page, starting with a marker) leave the flow and are written
  after the body as blocks of kind ``footnote`` ("¹ Nghị quyết …"); the marker stays in the body ("cơ sở¹");
* the two-column header (issuer | motto, Số | place-date) is written as a 2×2 table, one paragraph per cell;
  the closing block (Nơi nhận | signature) as a 1×2 table, carried on over a page break; ruled tables cell by
  cell, continued across pages;
* other rows are joined into paragraphs from indentation, line ends, spacing and font; a paragraph cut by a
  page break or a footnote is joined again; "218-" + "QĐ/TW" at a line end joins to "218-QĐ/TW".

Scanned pages (no text, or only an e-signature stamp) and garbled OCR layers are reported with notes;
a document with no usable text raises :class:`~vnadmin.errors.NoTextLayer`, unless an OCR function is given
(:data:`OcrFunc`), whose lines then go through the same layout.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import operator
import re
import statistics
import struct
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from vnadmin.errors import CorruptDocument, EmptyDocument, NoTextLayer, UnsupportedFormat
from vnadmin.model.base import BoundingBox
from vnadmin.model.layout import ReaderNote, SourceDocument
from vnadmin.read.builder import CellText, TextBuilder
from vnadmin.read.legacy import font_encoding, span_to_unicode
from vnadmin.read.pdf_signatures import flatten_page, stamp_text_start, stamps_worth_flattening
from vnadmin.read.quality import LEGACY_CAPS, is_garbled, is_stamp_text, legacy_font_hits

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class OcrLine:
    """One line recognised by an OCR engine on a scanned page (top-left origin, PDF points)."""

    page: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    font_size: float | None = None


OcrFunc = Callable[[Path, list[int]], list[OcrLine]]
"""``ocr_pages(path, pages)``: OCR the given 1-based pages; the lines go through the same layout."""


# ---------------------------------------------------------------------------------------------------------
# Characters, runs, rows, segments

_T = TypeVar("_T")


class _cached(Generic[_T]):  # a decorator, named like functools.cached_property
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first access)."""

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> _T:
        if obj is None:  # looked up on the class
            return self  # type: ignore[return-value]
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(slots=True)
class Char:
    c: str
    x0: float
    x1: float
    top: float
    base: float  # bottom of the loose box, top-left origin
    size: float
    bold: bool
    stamp: bool = False
    # x0 of the last word of a piece of joined words (``_page_chars(join_words=True)``), None for one word:
    # where the piece's text last moved on, as the next piece's position is judged against it
    last_x0: float | None = None

    @property
    def letters(self) -> int:
        """Characters other than the spaces inside a piece of joined words."""
        return len(self.c) if self.last_x0 is None else len(self.c) - self.c.count(" ")


@dataclass
class Run:
    """Characters on one baseline without a wide gap, in drawing order (or one OCR line)."""

    chars: list[Char]
    fixed_text: str | None = None
    ocr: bool = False
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    base: float = 0.0
    size: float = 0.0
    bold: bool = False
    stamp: bool = False

    def __post_init__(self) -> None:
        if self.chars:
            self.refresh()

    def refresh(self) -> None:
        chars = self.chars
        first = next((c for c in chars if not c.c.isspace()), None)
        if first is None:  # only spaces: they give the box
            first = chars[0]
            visible = False
        else:
            visible = True
        x0, x1, top, big = first.x0, first.x1, first.top, first
        bold = total = 0
        stamp = True
        for c in chars:
            cc = c.c
            if visible and cc.isspace():
                continue
            if c.x0 < x0:
                x0 = c.x0
            if c.x1 > x1:
                x1 = c.x1
            if c.top < top:
                top = c.top
            if c.size > big.size:
                big = c
            n = c.letters
            total += n
            if c.bold:
                bold += n
            if not c.stamp:
                stamp = False
        self.x0, self.x1, self.top = x0, x1, top
        self.size = big.size
        self.base = big.base
        self.bold = bold * 2 > total
        self.stamp = stamp

    @_cached
    def text(self) -> str:
        if self.fixed_text is not None:
            return self.fixed_text
        out: list[str] = []
        append = out.append
        size, base = self.size, self.base
        small, raised, thin = 0.8 * size, base - 0.15 * size, 0.22 * max(size, 1.0)
        prev_x1 = 0.0
        prev_space = True  # no space before the first piece
        for ch in self.chars:
            c = ch.c
            space = c.isspace()
            if "\ufffe" in c:
                c = c.replace("\ufffe", "-")
            if ch.size < small and ch.base < raised and c.isdigit() and not ch.stamp:
                c = c.translate(SUPERSCRIPT)
            if not space and not prev_space and ch.x0 - prev_x1 > thin and not _is_mark(c):
                append(" ")
            append(c)
            prev_x1 = ch.x1
            prev_space = space
        return _single_spaced("".join(out)).strip()


_SPACES = re.compile(r"\s+")


def _single_spaced(text: str) -> str:
    """Every run of white space as one space. Most runs have only single spaces: white space other than a
    space is never printable, so a printable text without a double space is already done."""
    if "  " in text or not text.isprintable():
        return _SPACES.sub(" ", text)
    return text


def _is_mark(c: str) -> bool:
    """A piece beginning with a combining mark (drawn apart from its letter, never a word of its own)."""
    return unicodedata.category(c[0]).startswith("M")


@dataclass
class Seg:
    text: str
    x0: float
    x1: float
    top: float
    base: float
    size: float
    bold: bool
    stamps: list[tuple[int, int, BoundingBox]] = field(default_factory=list)
    ocr: bool = False


@dataclass
class Row:
    segs: list[Seg]
    page: int
    runs: list[Run] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.segs[0].x0

    @property
    def x1(self) -> float:
        return self.segs[-1].x1

    # Segments are not moved, resized or restyled once in a row (only a header number's text is spliced in,
    # into a new row): cached.
    @_cached
    def top(self) -> float:
        return min([s.top for s in self.segs])

    @_cached
    def base(self) -> float:
        return max([s.base for s in self.segs])

    @_cached
    def size(self) -> float:
        return max([s.size for s in self.segs])

    @_cached
    def bold(self) -> bool:
        n = sum([len(s.text) for s in self.segs])
        return sum([len(s.text) for s in self.segs if s.bold]) * 2 > n

    @_cached
    def ocr(self) -> bool:
        return any([s.ocr for s in self.segs])

    def joined(self, segs: list[Seg] | None = None) -> tuple[str, list[tuple[int, int, BoundingBox]]]:
        """Text of the row (or of some of its segments) with the stamp spans inside it.

        The whole row's is cached: a segment's text changes only in :func:`_splice_number`, which makes a new row.
        """
        if segs is None:
            return self._whole
        parts: list[str] = []
        stamps: list[tuple[int, int, BoundingBox]] = []
        pos = 0
        for s in segs if segs is not None else self.segs:
            if parts:
                parts.append(" ")
                pos += 1
            stamps.extend((a + pos, b + pos, bb) for a, b, bb in s.stamps)
            parts.append(s.text)
            pos += len(s.text)
        return "".join(parts), stamps

    @_cached
    def _whole(self) -> tuple[str, list[tuple[int, int, BoundingBox]]]:
        return self.joined(self.segs)

    @property
    def text(self) -> str:
        return self._whole[0]


def _measured(chars: list[Char], x0: float, x1: float, top: float, big: Char, bold: bool, stamp: bool) -> Run:
    """A run whose box, size, baseline, weight and stamp flag are already known (what ``refresh`` finds)."""
    run = Run.__new__(Run)
    run.chars = chars
    run.fixed_text = None
    run.ocr = False
    run.x0, run.x1, run.top, run.base, run.size, run.bold, run.stamp = x0, x1, top, big.base, big.size, bold, stamp
    return run


def _runs(chars: list[Char]) -> list[Run]:
    """Split characters (in drawing order) into runs at line breaks, baseline jumps, backward moves, wide gaps.

    A run starts with a visible character (leading spaces are dropped), and is measured as it grows: box of
    its visible characters, the biggest one's size and baseline, weight and stamp flag by character count
    (the same as :meth:`Run.refresh`).
    """
    runs: list[Run] = []
    cur: list[Char] = []
    # the last visible character of ``cur`` (a run starts with one: leading spaces are dropped)
    last_base = last_x0 = last_x1 = last_size = 0.0
    last_stamp = False
    # measures of ``cur``
    x0_ = x1_ = top_ = 0.0
    big: Char | None = None
    bold_n = total = 0
    stamp_all = True
    for ch in chars:
        c = ch.c
        if c in "\r\n":
            if cur:
                assert big is not None
                runs.append(_measured(cur, x0_, x1_, top_, big, bold_n * 2 > total, stamp_all))
                cur = []
            continue
        space = c.isspace()
        if cur:
            size = ch.size if ch.size > last_size else last_size
            if size < 1.0:
                size = 1.0
            x0 = ch.x0
            if (
                abs(ch.base - last_base) > 0.5 * size
                or x0 < last_x0 - 0.5 * size
                or (not space and x0 - last_x1 > 1.8 * size)
                or ch.stamp != last_stamp
            ):
                assert big is not None
                runs.append(_measured(cur, x0_, x1_, top_, big, bold_n * 2 > total, stamp_all))
                cur = []
        if space:
            if not cur:
                continue
        else:
            last_base, last_x1, last_size, last_stamp = ch.base, ch.x1, ch.size, ch.stamp
            last_x0 = ch.x0 if ch.last_x0 is None else ch.last_x0
            if not cur:
                x0_, x1_, top_, big = ch.x0, ch.x1, ch.top, ch
                bold_n = total = 0
                stamp_all = True
            else:
                if ch.x0 < x0_:
                    x0_ = ch.x0
                if ch.x1 > x1_:
                    x1_ = ch.x1
                if ch.top < top_:
                    top_ = ch.top
                if big is not None and ch.size > big.size:
                    big = ch
            n = ch.letters
            total += n
            if ch.bold:
                bold_n += n
            if not ch.stamp:
                stamp_all = False
        cur.append(ch)
    if cur:
        assert big is not None
        runs.append(_measured(cur, x0_, x1_, top_, big, bold_n * 2 > total, stamp_all))
    return [r for r in runs if r.text]


def _rows(runs: list[Run], page: int) -> list[Row]:
    """Group runs into visual rows (same baseline), merge stamp runs into the gap they fill, make segments."""
    page_runs = sorted([r for r in runs if not r.stamp], key=_BASE)
    groups: list[list[Run]] = []
    refs: list[tuple[float, float]] = []  # (base of the biggest run, its size)
    for r in page_runs:
        if groups:
            base, size = refs[-1]
            if abs(r.base - base) <= 0.5 * max(size, r.size):
                groups[-1].append(r)
                if r.size > size:
                    refs[-1] = (r.base, r.size)
                continue
        groups.append([r])
        refs.append((r.base, r.size))
    for st in [r for r in runs if r.stamp]:
        _insert_stamp(groups, refs, st)
    rows: list[Row] = []
    for g in groups:
        if len(g) > 1:
            _split_containers(g)
            g.sort(key=_X0)
        segs = [s for s in _segments(g, split_gap(g)) if not _rule_only(s.text)]
        if segs:
            rows.append(Row(segs, page, g))
    rows.sort(key=_BASE)
    return rows


_BASE = operator.attrgetter("base")
_X0 = operator.attrgetter("x0")


def _rule_only(text: str) -> bool:
    """Whether a segment is only a rule or blank (:data:`RULE_ONLY`); text starting with a letter or digit
    never is, and is not matched against the pattern."""
    return not text[:1].isalnum() and RULE_ONLY.match(text) is not None


RULE_ONLY = regex.compile(r"^\s*$|^[\s─━═_\-–—=.·•*]{3,}$|^\s*[─━═_]+\s*$")


def _split_containers(g: list[Run]) -> None:
    """A run drawn inside the span of another run on the same row (a number stamped into a gap) splits it."""
    if len(g) < 2:
        return
    for inner in sorted(g, key=lambda r: r.x1 - r.x0):
        for r in list(g):
            if r is inner or r.fixed_text is not None or r.stamp or not (r.x0 < inner.x0 < r.x1):
                continue
            left = [c for c in r.chars if (c.x0 + c.x1) / 2 < inner.x0]
            right = [c for c in r.chars if (c.x0 + c.x1) / 2 >= inner.x0]
            if left and right and any(not c.c.isspace() for c in left) and any(not c.c.isspace() for c in right):
                g.remove(r)
                g.extend([Run(left), Run(right)])


SPLIT_GAP = 1.8
"""Segments of a row are split at gaps wider than this many font sizes (columns, tab stops)."""


def split_gap(g: list[Run]) -> float:
    return SPLIT_GAP


def _insert_stamp(groups: list[list[Run]], refs: list[tuple[float, float]], st: Run) -> None:
    best: tuple[float, int] | None = None
    for i, g in enumerate(groups):
        base, size = refs[i]
        dist = abs(base - st.base)
        if dist > 1.6 * max(size, st.size):
            continue
        x0 = min(r.x0 for r in g)
        x1 = max(r.x1 for r in g)
        inner0, inner1 = st.x0 + 0.2 * (st.x1 - st.x0), st.x1 - 0.2 * (st.x1 - st.x0)
        overlaps = any(inner0 < (c.x0 + c.x1) / 2 < inner1 and not c.c.isspace() for r in g for c in r.chars)
        spans = x0 < st.x0 and (x1 > st.x1 or dist <= 0.6 * size)
        if overlaps or not spans:
            continue
        if best is None or dist < best[0]:
            best = (dist, i)
    if best is None:
        groups.append([st])
        refs.append((st.base, st.size))
        order = sorted(range(len(groups)), key=lambda k: refs[k][0])
        groups[:] = [groups[k] for k in order]
        refs[:] = [refs[k] for k in order]
        return
    groups[best[1]].append(st)


def _segments(runs: list[Run], gap: float = SPLIT_GAP) -> list[Seg]:
    segs: list[Seg] = []
    for r in runs:
        text = r.text
        if not text:
            continue
        bbox = BoundingBox(x0=r.x0, top=r.top, x1=r.x1, bottom=r.base) if r.stamp else None
        if segs and r.x0 - segs[-1].x1 < gap * max(r.size, segs[-1].size):
            s = segs[-1]
            after_stamp = bool(s.stamps) and s.stamps[-1][1] == len(s.text)
            sep = " " if (r.x0 - s.x1 > 0.15 * r.size or r.stamp or after_stamp) and not s.text.endswith(" ") else ""
            if bbox is not None:
                s.stamps.append((len(s.text) + len(sep), len(s.text) + len(sep) + len(text), bbox))
            s.text += sep + text
            s.x1 = max(s.x1, r.x1)
            s.top = min(s.top, r.top)
            if r.size >= s.size and not r.stamp:
                s.base = r.base
                s.size = r.size
            s.bold = s.bold and (r.bold or r.stamp)
            s.ocr = s.ocr or r.ocr
        else:
            stamps = [(0, len(text), bbox)] if bbox is not None else []
            segs.append(Seg(text, r.x0, r.x1, r.top, r.base, r.size, r.bold, stamps, r.ocr))
    return segs


# ---------------------------------------------------------------------------------------------------------
# Reading pages with pdfium


@dataclass
class PageData:
    index: int  # 0-based
    width: float
    height: float
    chars: list[Char]
    has_rules: bool
    stamp_text: str = ""
    tables: list[TableGeom] = field(default_factory=list)
    ocr_runs: list[Run] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    fonts: _Fonts | None = None
    rotation: int = 0


@dataclass
class TableGeom:
    bbox: tuple[float, float, float, float]
    cells: list[list[tuple[float, float, float, float] | None]]


@dataclass(frozen=True)
class _View:
    """Maps PDF user space to the displayed page (rotation applied), origin top-left."""

    width: float  # unrotated
    height: float
    rotation: int

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 90:
            return y, x
        if r == 180:
            return self.width - x, y
        if r == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


# A word (digits apart) with the one ordinary space after it, or one white-space character: "Ủy ", "ban ",
# "65", "/", "KH-UBND", "\n"
_TOKENS = re.compile(r"\d+ ?|[^\s\d]+ ?|\s")
# Letters of Unicode Vietnamese in the Latin-1/Latin Extended ranges (never a sign of a legacy font).
_VIETNAMESE_LATIN = frozenset("àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ")
# Characters that a Unicode Vietnamese page rarely shows but TCVN3/VNI text or a broken font map is full of
# (U+00A1–U+024F and a few Windows-1252 punctuation marks), the Vietnamese letters among them left out.
_SUSPECT_NOT_VIETNAMESE = re.compile(
    "["
    + "".join(
        re.escape(c)
        for c in map(chr, [*range(0xA1, 0x250), 0x2C6, 0x2DC, 0x2020, 0x2021, 0x2030, 0x2039, 0x203A, 0x2122])
        if c not in _VIETNAMESE_LATIN
    )
    + "]"
)


@dataclass
class _Fonts:
    """Font checks of one page: legacy (TCVN3/VNI) tokens converted, mojibake tokens to re-read."""

    converted: dict[str, int] = field(default_factory=dict)  # encoding -> tokens converted
    broken: list[Char] = field(default_factory=list)  # tokens in a font without a usable ToUnicode map


def _suspect(text: str) -> bool:
    """Whether a page's text has characters worth a font check (legacy encodings, broken maps)."""
    return bool(_SUSPECT_NOT_VIETNAMESE.search(text)) or bool(LEGACY_CAPS.search(text))


def _font_name(raw: Any, k: int, buf: Any, flags: Any) -> str:
    n = pdfium_c.FPDFText_GetFontInfo(raw, k, buf, 256, flags)
    return bytes(buf.raw[: max(min(n, 256) - 1, 0)]).decode("utf-8", "replace") if n else ""


def _bare(fn: Any, restype: Any) -> Any:
    """A pdfium function called without argument types: no conversion per call, a third cheaper.

    ctypes then passes a Python int as a C ``int`` and a ctypes object as it is, so a pointer must be given
    as a ctypes object (a pypdfium2 handle, a ``c_void_p``), never as a plain int (which would be cut to
    32 bits). Without argument types every argument is a fixed one (no variadic call), as in the C prototype.
    """
    address = ctypes.cast(fn, ctypes.c_void_p).value
    assert address is not None
    return ctypes.CFUNCTYPE(restype)(address)


_INT = ctypes.c_int
# Per-character calls (tens of thousands a document): text page and buffer passed as ctypes objects.
_CHAR_BOX = _bare(pdfium_c.FPDFText_GetLooseCharBox, _INT)  # (text page, index, FS_RECTF*)
_CHAR_SIZE = _bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)  # (text page, index)
_CHAR_WEIGHT = _bare(pdfium_c.FPDFText_GetFontWeight, _INT)  # (text page, index)
_TWO_RECTS = struct.Struct("8f")  # two FS_RECTF (left, top, right, bottom): a word's first and last characters
# Buffer types made once (ctypes keeps array types only weakly: one made per page would be made again each time).
_FLOATS_8, _FLOATS_4 = ctypes.c_float * 8, ctypes.c_float * 4
_INTS_2, _UINTS_4 = ctypes.c_int * 2, ctypes.c_uint * 4


class _CharCalls:
    """Per-character pdfium calls on one text page, the boxes read into one reused buffer.

    ``at_first`` and ``at_last`` point to the first and second rectangle of ``buf`` (unpacked together with
    :data:`_TWO_RECTS`); :meth:`box` gives one character's box on the displayed page (rotation applied).
    """

    def __init__(self, textpage: Any, view: _View) -> None:
        self.handle = textpage.raw  # a ctypes pointer: passed as it is
        self.buf = _FLOATS_8()
        address = ctypes.addressof(self.buf)
        self.at_first = ctypes.c_void_p(address)
        self.at_last = ctypes.c_void_p(address + 16)
        self.view = view

    def box(self, k: int) -> tuple[float, float, float, float, float]:
        """x0, top, x1, base (top-left origin) and height of character ``k``'s loose box."""
        _CHAR_BOX(self.handle, k, self.at_first)
        left, top, right, bottom = self.buf[0:4]
        view = self.view
        if view.rotation == 0:
            return left, view.height - top, right, view.height - bottom, top - bottom
        x0, y0, x1, y1 = view.box(left, bottom, right, top)
        if view.rotation in (90, 270):  # the glyph box turns with the page: its height is now its width
            y1 = y0 + (top - bottom)
        return x0, y0, x1, y1, top - bottom

    def letter(self, k: int) -> tuple[float, float, float, float, float, bool]:
        """x0, top, x1, base, size and weight (bold or not) of character ``k``."""
        x0, top, x1, base, _ = self.box(k)
        return x0, top, x1, base, self.size(k, top, base), _CHAR_WEIGHT(self.handle, k) >= 600

    def size(self, k: int, top: float, base: float) -> float:
        """Font size of character ``k`` whose box spans ``top`` to ``base`` (its height when the font reports
        size 1: text scaled by its matrix)."""
        size = float(_CHAR_SIZE(self.handle, k))
        return (base - top) * 0.85 if size < 3.0 else size


def _page_chars(
    textpage: Any,
    view: _View,
    stamp: bool,
    start: int = 0,
    fonts: _Fonts | None = None,
    end: int | None = None,
    join_words: bool = False,
    walls: _Walls | None = None,
) -> list[Char]:
    """The page's text (characters ``start`` to ``end``, default all) as :class:`Char` pieces: one per word
    (split at digits), space or line break.

    Boxes cost a call into pdfium each, so a word gets the boxes of its first and last characters, its font
    size and its weight; only a word whose ends disagree (a raised footnote digit, a jump, a wide spread,
    a change of weight) is read character by character. This loop runs once per word of the document:
    pdfium functions, the buffer and the page height are held in local variables.

    ``join_words``: words that follow each other across one ordinary space on the same baseline, in the same
    size and weight, become one piece ("Ủy ban nhân dân") — everything after reading treats such a piece as
    it treated its words and their spaces, with a fraction of the objects. ``walls``: the page's vertical
    rules, which words never join across (a table's characters are sorted into cells by their centres).
    """
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw) if end is None else end
    text = textpage.get_text_range(start, n - start) if n > start else ""
    if len(text) != n - start:  # surrogate pairs or generated characters out of step: ask per character
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, k) or 32) for k in range(start, n))
    calls = _CharCalls(textpage, view)
    handle, at_first, at_last, buf = calls.handle, calls.at_first, calls.at_last, calls.buf
    get_box, get_size, get_weight, unpack = _CHAR_BOX, _CHAR_SIZE, _CHAR_WEIGHT, _TWO_RECTS.unpack_from
    box = calls.box
    plain = view.rotation == 0
    height = view.height
    check_fonts = fonts is not None and _suspect(text)
    font_buf = ctypes.create_string_buffer(256) if check_fonts else None
    flags = ctypes.c_int()

    out: list[Char] = []
    append = out.append
    sizes: dict[float, float] = {}
    prev: Char | None = None
    # Joining words: ``word_last`` says ``prev`` is a plain word (read in one piece, no digits, no font
    # check) that a next word may join; ``space_held`` that the space after it is held back for that word.
    word_last = space_held = False
    joinable = join_words and font_buf is None
    pos = start
    # the last box of the buffer, read with the first: a one-letter word leaves it stale and unused
    lx0 = ltop_ = lx1 = lbottom = 0.0
    for c in _TOKENS.findall(text):  # the tokens cover the text: positions add up
        k = pos
        n_c = len(c)
        pos += n_c
        if n_c == 1 and c.isspace():
            if space_held:  # a second space or a line break: the held space is a piece after all
                space_held = False
                assert prev is not None
                prev = _space_after(prev, stamp)
                append(prev)
            if c == "\n" or c == "\r":
                prev = Char(c, 0, 0, 0, 0, 0, False, stamp)
                append(prev)
            elif prev is not None and prev.c not in "\r\n ":
                prev = _space_after(prev, stamp)
                append(prev)
            word_last = False
            continue
        spaced = c[-1] == " "  # a word with the one space after it
        if spaced:
            c = c[:-1]
            n_c -= 1
        last = k + n_c - 1
        if plain:
            get_box(handle, k, at_first)
            if n_c > 1:
                get_box(handle, last, at_last)
            x0, top_, x1, bottom, lx0, ltop_, lx1, lbottom = unpack(buf)
            top = height - top_
            base = height - bottom
            h = top_ - bottom
        else:
            x0, top, x1, base, h = box(k)
        # The loose box's height is the font's ascent-descent at its size: the same height, the same size.
        size = sizes.get(h, 0.0)
        if not size:
            size = sizes[h] = get_size(handle, k)
        if size < 3.0:  # text scaled by its matrix reports size 1: the box height tells (as letter by letter)
            size = (base - top) * 0.85
        bold = get_weight(handle, k) >= 600
        uneven = False
        if n_c > 1:
            if plain:
                ltop = height - ltop_
                lbase = height - lbottom
                lh = ltop_ - lbottom
            else:
                lx0, ltop, lx1, lbase, lh = box(last)
            # A word of letters only is set in one weight (bold starts and ends at a word or a sign: "a)Sở");
            # its last letter's weight is asked only when signs or digits share the word.
            last_bold = bold if c.isalpha() else get_weight(handle, last) >= 600
            uneven = (
                last_bold != bold
                or abs(lbase - base) > 0.1 * size + 0.2
                or lx0 < x0 - 0.1
                or lx1 - x0 > (0.8 * n_c + 0.3) * (size if size > 1.0 else 1.0)
            )
            if not uneven and abs(lh - h) > 0.05 * h + 0.1:
                # Ends of unlike height: a letter from another font of the same size ("số", "Ủy" in files
                # whose subset keeps Vietnamese letters in a second font) is even; a smaller one is not.
                lsize = sizes.get(lh, 0.0)
                if not lsize:
                    lsize = sizes[lh] = get_size(handle, last)
                uneven = lsize != size
            if not uneven:
                if lx1 > x1:
                    x1 = lx1
                if ltop < top:
                    top = ltop
        if uneven:
            space_held = _release(space_held, prev, stamp, out)
            at = len(out)
            ends = ((x0, top, x1, base, bold), (lx0, ltop, lx1, lbase, last_bold))
            _chars_one_by_one(c, k, calls, stamp, out, ends)
            prev = out[-1]
            word_last = False
            if font_buf is not None and fonts is not None and not c.isdigit():
                font = _font_name(raw, k, font_buf, flags)
                for piece in out[at:]:
                    _check_font(piece, font, fonts)
        elif (
            space_held
            and prev is not None
            and size == prev.size
            and bold == prev.bold
            and not c[0].isdigit()
            and abs(base - prev.base) <= 0.01 * size
            and 0.0 <= x0 - prev.x1 <= JOIN_GAP * size
            and (walls is None or not walls.between(prev.x1, x0, top, base))
        ):
            space_held = False
            prev.c = f"{prev.c} {c}"
            prev.last_x0 = x0
            if x1 > prev.x1:
                prev.x1 = x1
            if top < prev.top:
                prev.top = top
        else:
            space_held = _release(space_held, prev, stamp, out)
            prev = Char(c, x0, x1, top, base, size, bold, stamp)
            if font_buf is not None and fonts is not None and not c.isdigit():
                _check_font(prev, _font_name(raw, k, font_buf, flags), fonts)
            append(prev)
            word_last = joinable and not c[0].isdigit()
        if spaced:
            if word_last:
                space_held = True
            else:
                prev = _space_after(out[-1], stamp)
                append(prev)
    if space_held:
        assert prev is not None
        append(_space_after(prev, stamp))
    return out


JOIN_GAP = 0.4
"""Words join into one piece (``join_words``) across a gap of at most this many font sizes: an ordinary
space (about 0.25), stretched by justification. Wider gaps (tab stops, columns, a gap a stamp fills) keep
their words apart, as do table rules (:class:`_Walls`)."""


class _Walls:
    """A page's vertical rules (table borders), to ask whether one stands between two words."""

    def __init__(self, edges: list[dict[str, Any]]) -> None:
        rules = sorted((e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v")
        self.xs = [x for x, _, _ in rules]
        self.rules = rules

    def between(self, left: float, right: float, top: float, base: float) -> bool:
        """Whether a rule crosses the gap from ``left`` to ``right`` (by a point) beside a word from
        ``top`` to ``base``."""
        lo, hi = bisect_left(self.xs, left - 1.0), bisect_right(self.xs, right + 1.0)
        return any(r_top < base and r_bottom > top for _, r_top, r_bottom in self.rules[lo:hi])


def _release(held: bool, prev: Char | None, stamp: bool, out: list[Char]) -> bool:
    """Add the space held back after ``prev`` (if ``held``) before another piece; False: nothing held now."""
    if held and prev is not None:
        out.append(_space_after(prev, stamp))
    return False


def _space_after(prev: Char, stamp: bool) -> Char:
    """The space after piece ``prev``: no width, at its end, on its baseline."""
    return Char(" ", prev.x1, prev.x1, prev.top, prev.base, prev.size, False, stamp)


def _chars_one_by_one(
    word: str,
    k0: int,
    calls: _CharCalls,
    stamp: bool,
    out: list[Char],
    ends: tuple[tuple[float, float, float, float, bool], tuple[float, float, float, float, bool]] | None = None,
) -> None:
    """A word whose ends disagree, read letter by letter and cut where it really breaks.

    Pieces end at a gap (wider than a thin space), a move backwards, a change of weight, or where small
    digits (a footnote marker) begin or end; inside a piece the biggest letter gives size and baseline, as for a run.
    ``ends``: box (x0, top, x1, base) and weight of the first and last letters when already read.
    """
    # (letter, x0, top, x1, base, size, bold) of each letter
    items = [(c, *calls.letter(k)) for k, c in enumerate(word, k0)] if ends is None else _letters(word, k0, calls, ends)
    big = max(max([it[5] for it in items]), 1.0)
    small_digits = [it[0].isdigit() and it[5] < 0.8 * big for it in items]
    start = 0
    for i in range(1, len(items)):
        prev, it = items[i - 1], items[i]
        if (
            small_digits[i] != small_digits[i - 1]
            or it[6] != prev[6]
            or it[1] - prev[3] > 0.22 * big
            or it[1] < prev[1] - 0.5 * big
        ):
            out.append(_piece(items[start:i], stamp))
            start = i
    out.append(_piece(items[start:], stamp))


def _letters(
    word: str,
    k0: int,
    calls: _CharCalls,
    ends: tuple[tuple[float, float, float, float, bool], tuple[float, float, float, float, bool]],
) -> list[tuple[str, float, float, float, float, float, bool]]:
    """(letter, x0, top, x1, base, size, bold) of each letter, the first and last letters' box and weight
    given (only their size is read)."""
    (x0, top, x1, base, bold), (lx0, ltop, lx1, lbase, lbold) = ends
    last = k0 + len(word) - 1
    return [
        (word[0], x0, top, x1, base, calls.size(k0, top, base), bold),
        *[(c, *calls.letter(k)) for k, c in enumerate(word[1:-1], k0 + 1)],
        (word[-1], lx0, ltop, lx1, lbase, calls.size(last, ltop, lbase), lbold),
    ]


def _piece(piece: list[tuple[str, float, float, float, float, float, bool]], stamp: bool) -> Char:
    """Letters of a word read one by one, as one piece: box, the biggest letter's baseline and size (the
    first of the biggest), weight by majority."""
    main = piece[0]
    _, x0, top, x1, _, _, _ = main
    bold_n = 0
    for it in piece:
        if it[5] > main[5]:
            main = it
        if it[6]:
            bold_n += 1
        if it[1] < x0:
            x0 = it[1]
        if it[3] > x1:
            x1 = it[3]
        if it[2] < top:
            top = it[2]
    return Char("".join([it[0] for it in piece]), x0, x1, top, main[4], main[5], bold_n * 2 > len(piece), stamp)


def _check_font(ch: Char, font: str, fonts: _Fonts) -> None:
    """Convert a word in a TCVN3/VNI font to Unicode; note a mojibake word in another font for re-reading."""
    if font_encoding(font) is not None:
        new, encoding = span_to_unicode(ch.c, font)
        if encoding is not None and new != ch.c:
            ch.c = new
            fonts.converted[encoding] = fonts.converted.get(encoding, 0) + 1
    elif legacy_font_hits(ch.c):
        fonts.broken.append(ch)


class _Address(ctypes.c_void_p):
    """A pointer returned by a :func:`_bare` call. ctypes turns a returned ``c_void_p`` into an int but keeps
    an instance of a subclass as it is: ready to be passed to the next bare call."""


_OBJECT = _bare(pdfium_c.FPDFPage_GetObject, _Address)  # (page, index)
_OBJECT_TYPE = _bare(pdfium_c.FPDFPageObj_GetType, _INT)  # (object)
_OBJECT_BOUNDS = _bare(pdfium_c.FPDFPageObj_GetBounds, _INT)  # (object, &left, &bottom, &right, &top)
_DRAW_MODE = _bare(pdfium_c.FPDFPath_GetDrawMode, _INT)  # (path, &fill mode, &stroke)
_FILL_COLOR = _bare(pdfium_c.FPDFPageObj_GetFillColor, _INT)  # (object, &r, &g, &b, &a)
_STROKE_COLOR = _bare(pdfium_c.FPDFPageObj_GetStrokeColor, _INT)  # (object, &r, &g, &b, &a)


class _PathCalls:
    """Calls on a page's objects for :func:`_page_edges`, with output buffers made once per page."""

    def __init__(self, page: Any) -> None:
        self.handle = page.raw  # a ctypes pointer: passed as it is
        self.bounds = _FLOATS_4()
        self.modes = _INTS_2()
        self.rgba = _UINTS_4()
        self.at_bounds = _fields(self.bounds, 4)
        self.at_modes = _fields(self.modes, 2)
        self.at_rgba = _fields(self.rgba, 4)

    def get_bounds(self, obj: _Address) -> tuple[float, float, float, float] | None:
        """left, bottom, right, top in PDF user space, or None."""
        if not _OBJECT_BOUNDS(obj, *self.at_bounds):
            return None
        left, bottom, right, top = self.bounds[:]
        return left, bottom, right, top

    def visible(self, obj: _Address) -> bool:
        """Whether a path paints something that shows on a white page: a fill or stroke that is not white."""
        if not _DRAW_MODE(obj, *self.at_modes):
            return True
        fill, stroke = self.modes[:]  # a slice of a ctypes array: a list, faster than unpacking the array
        if fill and (not _FILL_COLOR(obj, *self.at_rgba) or not _invisible(self.rgba[:])):
            return True
        # otherwise white, transparent, or neither filled nor stroked (a clipping path)
        return bool(stroke) and (not _STROKE_COLOR(obj, *self.at_rgba) or not _invisible(self.rgba[:]))


def _fields(array: Any, n: int) -> list[ctypes.c_void_p]:
    """Pointers to the ``n`` four-byte fields of a ctypes array, as objects for :func:`_bare` calls."""
    address = ctypes.addressof(array)
    return [ctypes.c_void_p(address + 4 * i) for i in range(n)]


def _page_edges(page: Any, view: _View) -> list[dict[str, Any]]:
    """Straight horizontal and vertical strokes of the page's paths, as pdfplumber edges (top-left origin)."""
    edges: list[dict[str, Any]] = []
    m = pdfium_c.FS_MATRIX()
    x, y = pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT()
    calls = _PathCalls(page)
    handle, get_object, get_type = calls.handle, _OBJECT, _OBJECT_TYPE  # the loop runs on every object
    path = pdfium_c.FPDF_PAGEOBJ_PATH
    plain = view.rotation == 0
    height = view.height
    for k in range(pdfium_c.FPDFPage_CountObjects(page)):
        address = get_object(handle, k)
        if get_type(address) != path:
            continue
        # A rule drawn as a thin line or a thin filled box (most table borders): its bounds are enough.
        bounds = calls.get_bounds(address)
        if bounds is not None:
            left, bottom, right, top = bounds
            if plain:
                x0, y0, x1, y1 = left, height - top, right, height - bottom
            else:
                x0, y0, x1, y1 = view.box(left, bottom, right, top)
            if x1 - x0 < 3 and y1 - y0 < 3:
                continue  # a dot: no rule
        if not calls.visible(address):
            continue  # a white box behind a line of text (Word shading), a white rule: no border to see
        if bounds is not None:
            if y1 - y0 < 2.0 and x1 - x0 > 3:
                _add_edge(edges, (x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2))
                continue
            if x1 - x0 < 2.0 and y1 - y0 > 3:
                _add_edge(edges, ((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1))
                continue
        obj = pdfium_c.FPDFPage_GetObject(page, k)
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
            continue
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = view.point(m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = (px, py)
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO and points:
                _add_edge(edges, points[-1], (px, py))
            points.append((px, py))
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_edge(edges, (px, py), start)
        if len(edges) > 5000:
            break
    return edges


def _invisible(rgba: list[int]) -> bool:
    r, g, b, a = rgba
    return bool(a < 16 or min(r, g, b) >= 245)


def _add_edge(edges: list[dict[str, Any]], a: tuple[float, float], b: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 1.0 and abs(x1 - x0) > 3:
        left, right = sorted((x0, x1))
        edges.append(
            {
                "object_type": "line_edge",
                "orientation": "h",
                "x0": left,
                "x1": right,
                "top": y0,
                "bottom": y0,
                "width": right - left,
                "height": 0.0,
            }
        )
    elif abs(x0 - x1) < 1.0 and abs(y1 - y0) > 3:
        top, bottom = sorted((y0, y1))
        edges.append(
            {
                "object_type": "line_edge",
                "orientation": "v",
                "x0": x0,
                "x1": x0,
                "top": top,
                "bottom": bottom,
                "width": 0.0,
                "height": bottom - top,
            }
        )


def _open(path: Path, data: bytes) -> pdfium.PdfDocument:
    if not data:
        raise EmptyDocument(f"{path}: empty file (0 bytes)")
    if data[:1024].lstrip()[:5] != b"%PDF-":
        raise UnsupportedFormat(f"{path}: not a PDF (no %PDF- header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise CorruptDocument(f"{path}: encrypted PDF, a password is needed to read it") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise CorruptDocument(f"{path}: PDF with an unsupported security handler") from None
        raise CorruptDocument(f"{path}: damaged or truncated PDF, cannot be opened ({e})") from None


def _read_pages(path: Path, pdf: pdfium.PdfDocument) -> list[PageData]:
    pages: list[PageData] = []
    try:
        n = len(pdf)
    except Exception as e:
        raise CorruptDocument(f"{path}: damaged PDF, page tree unreadable ({e})") from None
    if n == 0:
        raise CorruptDocument(f"{path}: PDF without pages")
    for i in range(n):
        try:
            page = pdf[i]
        except pdfium.PdfiumError as e:
            raise CorruptDocument(f"{path}: damaged or truncated PDF, page {i + 1} unreadable ({e})") from None
        width, height = page.get_size()
        rotation = page.get_rotation() % 360
        view = _View(height, width, rotation) if rotation in (90, 270) else _View(width, height, rotation)
        # A page with annotations that may carry a stamp is flattened first and its text read once: its own
        # characters, then the stamp's (pdf_signatures.stamp_text_start). Stamps that are only pictures add
        # nothing to read: their page is not flattened.
        stamped = stamps_worth_flattening(page)
        own_objects = 0
        if stamped:
            own_objects = pdfium_c.FPDFPage_CountObjects(page)
            page = flatten_page(pdf, i, page)
        edges = _page_edges(page, view)
        has_rules = (
            sum(e["orientation"] == "h" for e in edges) >= 2 and sum(e["orientation"] == "v" for e in edges) >= 2
        )
        tp = page.get_textpage()
        fonts = _Fonts()
        n1 = pdfium_c.FPDFText_CountChars(tp.raw)
        n0 = stamp_text_start(page, tp, own_objects, n1) if stamped else n1
        # Words join into pieces, never across a table's border, nor on a page with stamps (whose characters
        # are placed into the gaps they fill by their centres).
        walls = _Walls(edges) if has_rules else None
        chars = _page_chars(tp, view, stamp=False, fonts=fonts, end=n0, join_words=not stamped, walls=walls)
        stamp_text = ""
        if n1 > n0:
            extra = _page_chars(tp, view, stamp=True, start=n0)
            chars.extend([Char("\n", 0, 0, 0, 0, 0, False, True), *extra])
            stamp_text = "".join(c.c for c in extra)
        tp.close()
        page.close()
        pdata = PageData(i, width, height, chars, False, stamp_text)
        pdata.edges = edges
        pdata.fonts = fonts
        pdata.rotation = rotation
        pdata.has_rules = has_rules
        pages.append(pdata)
    return pages


def _font_notes(data: bytes, pages: list[PageData], notes: list[ReaderNote]) -> None:
    """Notes on words converted from TCVN3/VNI fonts, and repair of words in a font without a usable map."""
    for p in pages:
        if p.fonts is not None and p.fonts.converted:
            found = ", ".join(f"{enc.upper()} ({n} words)" for enc, n in sorted(p.fonts.converted.items()))
            notes.append(
                ReaderNote(
                    code="legacy-converted",
                    message=f"text in legacy 8-bit fonts converted to Unicode: {found}",
                    page=p.index + 1,
                )
            )
    todo = [p for p in pages if p.fonts is not None and p.fonts.broken and p.rotation == 0]
    if todo:
        _reread_broken_words(data, todo, notes)


def _reread_broken_words(data: bytes, pages: list[PageData], notes: list[ReaderNote]) -> None:
    """Words pdfium decodes as mojibake ("ng‡y" for "ngày": a font without a proper ToUnicode map),
    read again from the same place through pdfplumber, which decodes such fonts by their glyph names.

    Only the flagged pages are parsed by pdfplumber; a word is replaced only when pdfplumber's reading
    is one clean word of about the same length.
    """
    import io

    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data), pages=[p.index + 1 for p in pages]) as doc:
            for p, pp in zip(pages, doc.pages, strict=True):
                assert p.fonts is not None
                chars = [
                    ((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c["x0"], str(c["text"])) for c in pp.chars
                ]
                fixed: list[str] = []
                for w in p.fonts.broken:
                    inside = sorted(
                        (x0, t)
                        for cx, cy, x0, t in chars
                        if w.x0 - 0.5 <= cx <= w.x1 + 0.5 and w.top - 0.5 <= cy <= w.base + 0.5
                    )
                    new = unicodedata.normalize("NFC", "".join(t for _, t in inside)).strip()
                    clean = new and not any(c.isspace() for c in new) and not legacy_font_hits(new)
                    if clean and abs(len(new) - len(w.c)) <= 2 and new != w.c:
                        fixed.append(f"{w.c} → {new}")
                        w.c = new
                if fixed:
                    notes.append(
                        ReaderNote(
                            code="font-reread",
                            message="words in a font without a usable Unicode map read again with pdfplumber: "
                            + ", ".join(fixed[:5]),
                            page=p.index + 1,
                        )
                    )
    except Exception as e:  # pdfplumber failing on a damaged file must not stop the reader
        notes.append(ReaderNote(code="font-reread-failed", message=f"{type(e).__name__}: {e}"[:200]))


@dataclass(frozen=True)
class _PageBox:
    """What pdfplumber's TableFinder needs of a page when every edge is given explicitly."""

    bbox: tuple[float, float, float, float]


def _plumber_tables(path: Path, pages: list[PageData], notes: list[ReaderNote]) -> None:
    """Ruled tables with pdfplumber's table finder, fed with the edges pdfium found (no second PDF parse)."""
    todo = [p for p in pages if p.has_rules and p.chars]
    if not todo:
        return
    first = min((p.index for p in pages if p.chars), default=0)
    for p in todo:
        h = [e for e in p.edges if e["orientation"] == "h"]
        v = [e for e in p.edges if e["orientation"] == "v"]
        settings = {
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": v,
            "explicit_horizontal_lines": h,
        }
        try:
            for t in _find_tables(_PageBox((0.0, 0.0, p.width, p.height)), settings):
                cells = [list(row.cells) for row in t.rows]
                _, top, _, bottom = t.bbox
                if p.index == first and top < 0.2 * p.height and bottom < 0.4 * p.height:
                    continue  # a boxed letterhead: the header logic reads it cell by cell
                if _grid(cells):
                    p.tables.append(TableGeom(t.bbox, cells))
        except (RecursionError, Exception) as e:  # a damaged page must not stop the document
            notes.append(
                ReaderNote(code="table-finder-failed", message=f"{path.name}: {type(e).__name__}", page=p.index + 1)
            )


def _grid(cells: list[list[tuple[float, float, float, float] | None]]) -> bool:
    """Whether found cells form a table: most rows split into two cells or more.

    Boxes around lines of text (one full-width "cell" a line, now and then split by a stray rule) and a
    frame around a paragraph are body text, not a table; a real table may still have a few full-width
    rows (a section heading, a total).
    """
    multi = sum(1 for row in cells if sum(c is not None for c in row) >= 2)
    return len(cells) >= 2 and multi >= 2 and 2 * multi > len(cells)


def _find_tables(page: _PageBox, settings: dict[str, Any]) -> list[Any]:
    """pdfplumber's ``TableFinder(page, settings).tables``, with its cell search done on precomputed sets.

    pdfplumber compares the edges through two points by building both edge sets again for every pair
    it tries (most of its time on ruled pages); :func:`_cells` builds them once. Same cells, same tables.
    """
    from pdfplumber import table as plumber

    finder = plumber.TableFinder.__new__(plumber.TableFinder)
    finder.page = page  # type: ignore[assignment]
    finder.settings = plumber.TableSettings.resolve(settings)
    edges = finder.get_edges()
    points = plumber.edges_to_intersections(
        edges, finder.settings.intersection_x_tolerance, finder.settings.intersection_y_tolerance
    )
    return [plumber.Table(page, group) for group in plumber.cells_to_tables(_cells(points))]  # type: ignore[arg-type]


def _cells(intersections: dict[tuple[float, float], dict[str, list[dict[str, Any]]]]) -> list[Any]:
    """pdfplumber's ``intersections_to_cells``: the smallest rectangle at each point whose corners are
    intersections joined by common edges (same order, same result)."""

    def bboxes(edges: list[dict[str, Any]]) -> frozenset[tuple[float, float, float, float]]:
        return frozenset((e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges)

    vs = {p: bboxes(d["v"]) for p, d in intersections.items()}
    hs = {p: bboxes(d["h"]) for p, d in intersections.items()}

    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        if p1[0] == p2[0] and not vs[p1].isdisjoint(vs[p2]):
            return True
        return p1[1] == p2[1] and not hs[p1].isdisjoint(hs[p2])

    points = sorted(intersections)
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for pt in points:  # sorted by x, then y: each list comes out in order
        by_x.setdefault(pt[0], []).append(pt)
        by_y.setdefault(pt[1], []).append(pt)
    cells: list[tuple[float, float, float, float]] = []
    for pt in points:
        column, row = by_x[pt[0]], by_y[pt[1]]
        below = column[column.index(pt) + 1 :]
        right = row[row.index(pt) + 1 :]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def _shift(b: tuple[float, float, float, float], dx: float, dy: float) -> tuple[float, float, float, float]:
    return (b[0] - dx, b[1] - dy, b[2] - dx, b[3] - dy)


# ---------------------------------------------------------------------------------------------------------
# Page layout: zones


PAGE_NUMBER = regex.compile(r"^[\s\-–—]*(?:Trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[\s\-–—]*$", regex.I)
RUNNING_HEADER = regex.compile(r"^CÔNG\s+BÁO\b|^Cổng\s+Thông\s+tin\s+điện\s+tử", regex.I)
LIST_START = regex.compile(
    r"^(?:[-–—+•*▪◦]\s|\d{1,3}(?:\.\d{1,3})*[.)]\s|[a-zđ][.)]\s|\(\d{1,3}\)\s|[IVXLC]{1,6}[.)]\s|"
    r"(?:Điều|Chương|Mục|Phần|PHẦN|CHƯƠNG|Phụ\s+lục|PHỤ\s+LỤC)\s+[\dIVXLC]+|Căn\s+cứ\s|Nơi\s+nhận)"
)
PLACE_DATE = regex.compile(r"(?:ngày|ng‡y|tháng|th·ng|năm|n¨m)\b.*\d{4}|,\s*ngày|\d{4}\s*$", regex.I)
NUMBER_LINE = regex.compile(r"^\s*S[ốô0-9]\b|^\s*Số|^\s*Sè|^\s*\d+\s*/\s*\p{Lu}")
RECIPIENTS = regex.compile(r"^\s*N[ơo]i\s+nh[ậa]n\b", regex.I)
AUTHORITY = regex.compile(r"^\s*(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*\.?\s*\p{Lu}|^\s*\p{Lu}[\p{Lu}\s.,/]+$")
FOOTNOTE_MARK = regex.compile(r"^(?P<m>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}|\*)\s*(?=\S)")


@dataclass
class Item:
    top: float
    kind: Literal["rows", "header", "closing", "table"]
    page: int
    rows: list[Row] = field(default_factory=list)
    cells: list[tuple[int, int, list[Row]]] = field(default_factory=list)  # header/closing: cell rows
    table_rows: list[list[str | None]] = field(default_factory=list)
    table_bbox: tuple[float, float, float, float] | None = None
    row_pages: list[int] = field(default_factory=list)  # table: the page of each row (continued tables)
    table_spans: list[list[tuple[int, int]]] = field(default_factory=list)  # table: (row_span, col_span)
    split: float | None = None  # closing: x between its two cells


@dataclass
class Margins:
    left: float
    right: float


@dataclass
class Layout:
    items: list[Item]
    footnotes: list[tuple[int, list[Row]]]
    margins: dict[int, Margins]
    esign: list[tuple[int, str]] = field(default_factory=list)


# Lines of an e-signature box drawn in the page content ("Người ký: …", "Thời gian ký: …").
ESIGN_LINE = regex.compile(
    r"^\s*(?:Người\s+ký|Ký\s+bởi|Signed\s+by|Email\s*:|Cơ\s+quan\s*:|Thời\s+gian\s+ký|Ngày\s+ký)", regex.I
)


def _page_rows(p: PageData) -> tuple[list[Row], list[tuple[TableGeom, list[Char]]]]:
    """Rows of the page outside its tables, and the characters of each table."""
    if not p.tables:
        return _rows(_runs(p.chars) + p.ocr_runs, p.index + 1), []
    inside: list[list[Char]] = [[] for _ in p.tables]
    flow: list[Char] = []
    for ch in p.chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.base) / 2
        for k, t in enumerate(p.tables):
            x0, top, x1, bottom = t.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom and ch.c not in "\r\n":
                inside[k].append(ch)
                break
        else:
            flow.append(ch)
    return _rows(_runs(flow), p.index + 1), list(zip(p.tables, inside, strict=True))


def _spans(t: TableGeom) -> list[list[tuple[int, int]]]:
    """(row_span, col_span) of each cell: how many row tops and column lefts of the table it covers."""
    present = [c for row in t.cells for c in row if c is not None]
    xs = sorted({round(c[0], 1) for c in present})
    ys = sorted({round(c[1], 1) for c in present})

    def count(edges: list[float], a: float, b: float) -> int:
        return max(1, bisect_left(edges, round(b, 1) - 0.5) - bisect_left(edges, round(a, 1) - 0.5))

    return [[(count(ys, c[1], c[3]), count(xs, c[0], c[2])) if c else (1, 1) for c in row] for row in t.cells]


def _table_item(t: TableGeom, chars: list[Char], page: int) -> Item:
    out_rows: list[list[str | None]] = []
    # Characters sorted by height for the row bands, each with its place in drawing order: a cell's
    # characters go back to that order, which is the order runs are cut from (by height, a slash drawn a
    # hair lower than the digits around it would come after them: "52 2015//NĐ-CP").
    by_y = sorted(range(len(chars)), key=lambda k: chars[k].top + chars[k].base)
    ys = [(chars[k].top + chars[k].base) / 2 for k in by_y]
    xs = [(chars[k].x0 + chars[k].x1) / 2 for k in by_y]
    for row in t.cells:
        texts: list[str | None] = []
        present = [c for c in row if c is not None]
        if not present:
            out_rows.append([None] * len(row))
            continue
        lo, hi = bisect_left(ys, min(c[1] for c in present)), bisect_right(ys, max(c[3] for c in present))
        band = list(zip(xs[lo:hi], ys[lo:hi], by_y[lo:hi], strict=True))  # (centre x, centre y, index)
        for cell in row:
            if cell is None:
                texts.append(None)
                continue
            x0, top, x1, bottom = cell
            mine = sorted([k for cx, cy, k in band if x0 <= cx <= x1 and top <= cy <= bottom])
            texts.append(_cell_text(_rows(_runs([chars[k] for k in mine]), page)) if mine else "")
        out_rows.append(texts)
    return Item(
        top=t.bbox[1],
        kind="table",
        page=page,
        table_rows=out_rows,
        table_bbox=t.bbox,
        row_pages=[page] * len(out_rows),
        table_spans=_spans(t),
    )


def _cell_text(rows: list[Row]) -> str:
    lines: list[str] = []
    for r in rows:
        t = r.text
        if lines and not LIST_START.match(t) and not lines[-1].endswith((":", ";")):
            lines[-1] = _join_words(lines[-1], t)
        else:
            lines.append(t)
    return "\n".join(lines)


_HYPHEN_END = regex.compile(r"\S[-\ufffe]$")  # searched in the last three characters only (a final "\n")
_DIGITS = regex.compile(r"\d+")
_MARK_ONLY = regex.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹\d]{1,3}")
_DIGIT_CAPITAL = regex.compile(r"^\d{1,3}\s+\p{Lu}")
_DIGIT_NUMBER = regex.compile(r"^\d{1,3}\s+\p{Lu}\S*/")


def _join_words(a: str, b: str) -> str:
    """Join two wrapped lines: no space after a hyphen glued to the word before it ("218-" + "QĐ/TW")."""
    if _HYPHEN_END.search(a[-3:]):
        return a[:-1] + "-" + b
    return a + " " + b


def _drop_page_furniture(pages: list[list[Row]], heights: list[float]) -> list[list[Row]]:
    def zone(r: Row, h: float) -> bool:
        return r.top < 0.09 * h or r.base > 0.93 * h

    keys: Counter[str] = Counter()
    for rows, h in zip(pages, heights, strict=True):
        keys.update({_DIGITS.sub("#", r.text) for r in rows if zone(r, h)})
    n = len(pages)
    out: list[list[Row]] = []
    for rows, h in zip(pages, heights, strict=True):
        kept: list[Row] = []
        for r in rows:
            if zone(r, h):
                t = r.text
                if PAGE_NUMBER.match(t) or RUNNING_HEADER.match(t):
                    continue
                k = _DIGITS.sub("#", t)
                if n >= 3 and keys[k] >= max(3, n // 2) and len(t) < 120:
                    continue
            kept.append(r)
        out.append(kept)
    # A page number alone as the first or last row, even outside the margin zone.
    for rows in out:
        if rows and PAGE_NUMBER.match(rows[0].text) and len(rows) > 1:
            rows.pop(0)
        if rows and PAGE_NUMBER.match(rows[-1].text) and len(rows) > 1 and not rows[-1].text.strip().endswith("."):
            rows.pop()
    return out


def _take_footnotes(rows: list[Row], body_size: float, height: float) -> tuple[list[Row], list[list[Row]]]:
    """Split the small print at the bottom of a page into footnotes (each starting with its marker)."""
    k = len(rows)
    while k > 0 and rows[k - 1].size <= body_size * 0.87 and rows[k - 1].top > 0.45 * height:
        k -= 1
    if k == len(rows) or k == 0:
        return rows, []
    zone: list[Row] = []
    for r in rows[k:]:
        if zone and _MARK_ONLY.fullmatch(zone[-1].text) and r.base - zone[-1].base < 1.5 * r.size:
            mark = zone.pop()
            m = mark.segs[0]
            lead = Seg(m.text.translate(SUPERSCRIPT), m.x0, m.x1, m.top, r.segs[0].base, m.size, m.bold)
            r = Row([lead, *r.segs], r.page, r.runs)
        zone.append(r)
    start = next((i for i, r in enumerate(zone) if _footnote_start(r)), None)
    if start is None:
        return rows, []
    body = rows[:k] + zone[:start]
    notes: list[list[Row]] = []
    for r in zone[start:]:
        if _footnote_start(r) or not notes:
            notes.append([r])
        else:
            notes[-1].append(r)
    return body, notes


def _footnote_start(r: Row) -> bool:
    t = r.text
    m = FOOTNOTE_MARK.match(t)
    if not m:
        return False
    if m.group("m")[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹*":
        return True
    # "1 Nghị quyết số …": plain digits followed by a capital.
    return bool(_DIGIT_CAPITAL.match(t)) and not _DIGIT_NUMBER.match(t)


def _footnote_text(rows: list[Row]) -> str:
    text = rows[0].text
    for r in rows[1:]:
        text = _join_words(text, r.text)
    m = FOOTNOTE_MARK.match(text)
    if m:
        mark = m.group("m").translate(SUPERSCRIPT)
        text = mark + " " + text[m.end() :].lstrip()
    return text


def _header(rows: list[Row], width: float) -> tuple[Item | None, list[Row]]:
    """The two-column header at the top of the first page: 2×2 cells of rows, and the rows after it."""
    # Header columns can stand closer than body columns: split the top rows at narrower gaps.
    top = [Row(segs, r.page, r.runs) for r in rows[:18] if (segs := _fine_segments(r))]
    lo: float | None = None
    hi: float | None = None
    unsplit: list[int] = []
    for i, r in enumerate(top[:8]):
        pairs = [
            (b.x0 - a.x1, a, b)
            for a, b in zip(r.segs, r.segs[1:], strict=False)
            if a.x1 < width * 0.55 and b.x0 > width * 0.3 and b.x0 - a.x1 > 8
        ]
        if pairs:
            _, a, b = max(pairs, key=lambda t: t[0])
            lo = a.x1 if lo is None else max(lo, a.x1)
            hi = b.x0 if hi is None else min(hi, b.x0)
        else:
            unsplit.append(i)
    if lo is None or hi is None:
        return None, rows
    # Two full cells can leave less than a font size between them on a row ("ỦY BAN BẦU CỬ XÃ PHỐ BẢNG"
    # beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"): such a row is cut at a gap wider than a word space that
    # lies in the gutter the other rows show.
    for i in unsplit:
        r = top[i]
        if any(s.x0 < lo and s.x1 > hi for s in r.segs):
            cut = _gutter_split(r, lo, hi, width)
            if cut is not None:
                top[i], a_x1, b_x0 = cut
                lo, hi = max(lo, a_x1), min(hi, b_x0)
    boundary = hi - 2 if hi > lo else (lo + hi) / 2
    left: list[Row] = []
    right: list[Row] = []
    end = 0
    dated = False
    last_base = 0.0
    for i, r in enumerate(top):
        lsegs = [s for s in r.segs if s.x1 <= boundary + 2]
        rsegs = [s for s in r.segs if s.x0 >= boundary - 2 and s.x1 > boundary + 2]
        if len(lsegs) + len(rsegs) != len(r.segs):
            break
        if dated and (rsegs or not lsegs or r.top - last_base > 0.9 * r.size or r.text.startswith("Kính gửi")):
            break
        last_base = r.base
        if lsegs:
            left.append(Row(lsegs, r.page))
        if rsegs:
            right.append(Row(rsegs, r.page))
            if PLACE_DATE.search(right[-1].text):
                dated = True
        end = i + 1
    if not left or not right or (not dated and end < 2):
        return None, rows
    left = _splice_number(left)

    def split(side: list[Row], pattern: regex.Pattern[str]) -> tuple[list[Row], list[Row]]:
        at = next((k for k, r in enumerate(side) if k > 0 and pattern.search(r.text)), len(side))
        return side[:at], side[at:]

    l1, l2 = split(left, NUMBER_LINE)
    r1, r2 = split(right, PLACE_DATE)
    cells = [(0, 0, l1), (0, 1, r1), (1, 0, l2), (1, 1, r2)]
    item = Item(top=rows[0].top, kind="header", page=rows[0].page, cells=[c for c in cells if c[2]])
    return item, rows[end:]


def _gutter_split(r: Row, lo: float, hi: float, width: float) -> tuple[Row, float, float] | None:
    """``r`` cut at its widest gap (over half a font size) that overlaps the header gutter ``lo``–``hi``:
    the new row and the gap's ends; None without such a gap."""
    pieces = sorted((piece for run in r.runs for piece in _resplit(run, 0.5)), key=_X0)
    best: tuple[float, float, float] | None = None  # (width, left end, right end)
    reach = -1.0
    for a, b in pairwise(pieces):
        reach = max(reach, a.x1)
        gap = b.x0 - reach
        if (
            gap > 0.5 * max(a.size, b.size)
            and reach < hi
            and b.x0 > lo
            and reach < width * 0.55
            and b.x0 > width * 0.3
            and (best is None or gap > best[0])
        ):
            best = (gap, reach, b.x0)
    if best is None:
        return None
    _, a_x1, b_x0 = best
    left = [piece for piece in pieces if piece.x0 < b_x0]
    right = [piece for piece in pieces if piece.x0 >= b_x0]
    segs = [s for s in _segments(left, 0.9) + _segments(right, 0.9) if not _rule_only(s.text)]
    return Row(segs, r.page, r.runs), a_x1, b_x0


def _fine_segments(r: Row) -> list[Seg]:
    if not r.runs:
        return r.segs
    runs = sorted((piece for run in r.runs for piece in _resplit(run, 0.9)), key=lambda x: x.x0)
    return [s for s in _segments(runs, 0.9) if not _rule_only(s.text)]


def _resplit(run: Run, gap: float) -> list[Run]:
    """Cut a run where two visible characters stand more than ``gap`` font sizes apart."""
    if run.fixed_text is not None or run.stamp:
        return [run]
    pieces: list[list[Char]] = [[]]
    last: Char | None = None
    for c in run.chars:
        if not c.c.isspace():
            if last is not None and c.x0 - last.x1 > gap * max(run.size, 1.0):
                pieces.append([])
            last = c
        pieces[-1].append(c)
    return [Run(p) for p in pieces if any(not c.c.isspace() for c in p)]


def _splice_number(left: list[Row]) -> list[Row]:
    """A stamped number on its own line next to an empty "Số: /KH-UBND" goes into that line's gap."""
    at = next((k for k, r in enumerate(left) if NUMBER_LINE.search(r.text)), None)
    if at is None or not regex.match(r"^\s*Số\s*:?\s*/", left[at].text):
        return left
    for k in (at - 1, at + 1):
        if 0 <= k < len(left) and all(s.stamps and s.stamps[0][:2] == (0, len(s.text)) for s in left[k].segs):
            stamp = left[k].segs[0]
            target = left[at]
            first = target.segs[0]
            m = regex.match(r"^\s*Số\s*:?", first.text)
            assert m is not None
            head = first.text[: m.end()] + " "
            rest = first.text[m.end() :]
            shift = len(head) + len(stamp.text) + 1 - m.end() - (len(rest) - len(rest.lstrip()))
            first.stamps = [(len(head), len(head) + len(stamp.text), stamp.stamps[0][2])] + [
                (a + shift, b + shift, bb) for a, b, bb in first.stamps
            ]
            first.text = head + stamp.text + (" " + rest.lstrip() if rest.strip() else "")
            left[at] = Row(target.segs, target.page, target.runs)  # a new row: no cached text
            return [r for j, r in enumerate(left) if j != k]
    return left


def _closing(rows: list[Row], width: float) -> tuple[list[Row], Item | None]:
    """Nơi nhận (left) | signature (right) at the end of a page: the rows before it and a 1×2 item."""
    at = next((i for i, r in enumerate(rows) if RECIPIENTS.match(r.text) and r.x0 < width * 0.4), None)
    if at is None:
        return rows, None
    first = rows[at]
    boundary = width * 0.45
    if len(first.segs) >= 2:
        boundary = (first.segs[0].x1 + first.segs[1].x0) / 2
    start = at
    while start > 0 and at - start < 3:
        prev = rows[start - 1]
        if prev.x0 >= boundary - 4 and AUTHORITY.match(prev.text):
            start -= 1
        else:
            break
    left: list[Row] = []
    right: list[Row] = []
    for r in rows[start:]:
        ls = [s for s in r.segs if (s.x0 + s.x1) / 2 < boundary]
        rs = [s for s in r.segs if (s.x0 + s.x1) / 2 >= boundary]
        if ls:
            left.append(Row(ls, r.page))
        if rs:
            right.append(Row(rs, r.page))
    item = Item(
        top=rows[start].top, kind="closing", page=first.page, cells=[(0, 0, left), (0, 1, right)], split=boundary
    )
    return rows[:start], item


ARCHIVE = regex.compile(r"^\s*[-–+•]?\s*Lưu\b")


def _closing_goes_on(item: Item, rows: list[Row], width: float, width_before: float) -> list[Row]:
    """Rows at the top of the next page that carry on a closing block cut by the page break, added to its
    cells (the rest of the recipients list on the left, the signer's name on the right); the other rows.

    Only a list left open (its last line not the archive line "- Lưu: …", nor ending with a full stop) goes on,
    and only with rows whose pieces each keep to their column, close under each other.
    """
    left, right = item.cells[0][2], item.cells[1][2]
    if item.split is None or not left or abs(width - width_before) > 1.0:
        return rows
    last = left[-1].text.rstrip()
    if ARCHIVE.match(last) or last.endswith("."):
        return rows
    split = item.split
    # the columns as the page before shows them: a piece keeps to the left if it ends before the signature
    # begins, to the right if it begins after the list ends
    left_end = max(r.x1 for r in left)
    right_start = min((r.x0 for r in right), default=width)
    taken = 0
    archived = False
    prev: Row | None = None
    for r in rows:
        size = r.size
        ls = [s for s in r.segs if (s.x0 + s.x1) / 2 < split and s.x1 < right_start]
        rs = [s for s in r.segs if (s.x0 + s.x1) / 2 >= split and s.x0 > left_end]
        if len(ls) + len(rs) != len(r.segs) or (archived and ls):
            break
        if prev is not None and r.top - prev.base > (6.0 if archived else 3.0) * size:
            break
        if ls:
            left.append(Row(ls, r.page))
            archived = bool(ARCHIVE.match(left[-1].text))
        if rs:
            right.append(Row(rs, r.page))
        taken += 1
        prev = r
    return rows[taken:]


def _margins(rows: list[Row], width: float) -> Margins | None:
    wide = [r for r in rows if r.x1 - r.x0 > width * 0.45]
    if len(wide) < 3:
        return None
    left = Counter(round(r.x0) for r in wide).most_common(1)[0][0]
    rights = sorted(r.x1 for r in wide)
    return Margins(float(left), rights[int(len(rights) * 0.9) - (1 if len(rights) > 1 else 0)])


def _layout(pages: list[PageData]) -> Layout:
    raw_sizes: dict[float, int] = {}  # exact size -> characters, in order of first appearance
    get = raw_sizes.get
    for p in pages:
        for c in p.chars:
            if not c.c.isspace():
                raw_sizes[c.size] = get(c.size, 0) + c.letters
    sizes: Counter[float] = Counter()
    for size, n in raw_sizes.items():
        if size > 1:
            sizes[round(size * 2) / 2] += n
    body_size = sizes.most_common(1)[0][0] if sizes else 12.0
    page_rows: list[list[Row]] = []
    page_tables: list[list[Item]] = []
    for p in pages:
        rows, tables = _page_rows(p)
        page_rows.append(rows)
        page_tables.append([_table_item(t, chars, p.index + 1) for t, chars in tables])
    page_rows = _drop_page_furniture(page_rows, [p.height for p in pages])
    esign: list[tuple[int, str]] = []
    for rows in page_rows:
        for r in [r for r in rows if ESIGN_LINE.match(r.text)]:
            esign.append((r.page, r.text))
            rows.remove(r)
    items: list[Item] = []
    footnotes: list[tuple[int, list[Row]]] = []
    margins: dict[int, Margins] = {}
    header_done = False
    last = Margins(72.0, 523.0)
    open_closing: tuple[Item, float] | None = None  # a closing block that ended the page before, its page width
    for p, rows, table_items in zip(pages, page_rows, page_tables, strict=True):
        page = p.index + 1
        rows, notes = _take_footnotes(rows, body_size, p.height)
        footnotes.extend((page, n) for n in notes)
        page_items: list[Item] = list(table_items)
        if open_closing is not None and rows and all(t.top > rows[0].top for t in table_items):
            rows = _closing_goes_on(open_closing[0], rows, p.width, open_closing[1])
        open_closing = None
        if not header_done and rows:
            header, rows = _header(rows, p.width)
            header_done = True
            if header is not None:
                page_items.append(header)
        rows, closing = _closing(rows, p.width)
        if closing is not None:
            page_items.append(closing)
            open_closing = (closing, p.width)
        m = _margins(rows, p.width)
        last = m or (last if abs(last.right - p.width * 0.88) < p.width * 0.2 else Margins(72.0, p.width - 72.0))
        margins[page] = last
        for r in rows:
            page_items.append(Item(top=r.top, kind="rows", page=page, rows=[r]))
        page_items.sort(key=lambda it: it.top)
        items.extend(page_items)
    return Layout(_merge_tables(items), footnotes, margins, esign)


def _merge_tables(items: list[Item]) -> list[Item]:
    """A table at the top of a page continuing the table that ended the page before."""
    out: list[Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (
            it.kind == "table"
            and prev is not None
            and prev.kind == "table"
            and prev.page == it.page - 1
            and len(prev.table_rows[0]) == len(it.table_rows[0])
        ):
            rows = it.table_rows
            pages = it.row_pages or [it.page] * len(rows)
            spans = it.table_spans or [[(1, 1)] * len(r) for r in rows]
            n = _repeated_header(prev.table_rows, rows)  # the header rows repeated on the new page
            rows, pages, spans = rows[n:], pages[n:], spans[n:]
            if rows and not (rows[0][0] or "").strip() and (prev.table_rows[-1][0] or "").strip():
                last = prev.table_rows[-1]
                merged = [_join_words(a, b) if a and b else (a or b) for a, b in zip(last, rows[0], strict=True)]
                prev.table_rows[-1] = merged
                rows, pages, spans = rows[1:], pages[1:], spans[1:]
            prev.table_rows.extend(rows)
            prev.row_pages.extend(pages)
            if prev.table_spans:
                prev.table_spans.extend(spans)
            continue
        out.append(it)
    return out


_DASHES = regex.compile(r"[\p{Pd}\ufffe]")


def _same_row(a: list[str | None], b: list[str | None]) -> bool:
    def norm(t: str | None) -> str:
        return _SPACES.sub(" ", _DASHES.sub("-", t or "")).strip().casefold()

    return any(t and t.strip() for t in a) and [norm(t) for t in a] == [norm(t) for t in b]


def _repeated_header(first: list[list[str | None]], rows: list[list[str | None]]) -> int:
    """How many leading rows of a continued table repeat the first rows of the table (header, sub-header,
    column numbers) — at most three."""
    n = 0
    while n < min(3, len(first), len(rows)) and _same_row(first[n], rows[n]):
        n += 1
    return n


# ---------------------------------------------------------------------------------------------------------
# Paragraphs and output


def _centered(r: Row, m: Margins) -> bool:
    mid = (m.left + m.right) / 2
    return abs((r.x0 + r.x1) / 2 - mid) < 1.5 * r.size and r.x0 > m.left + 2 * r.size and r.x1 < m.right - r.size


def _align(r: Row, m: Margins) -> Literal["left", "center", "right", "justify"]:
    if _centered(r, m):
        return "center"
    if r.x1 >= m.right - r.size and r.x0 > (m.left + m.right) / 2:
        return "right"
    if r.x1 >= m.right - r.size:
        return "justify"
    return "left"


def _joiner(prev: Row, cur: Row, pm: Margins, cm: Margins, same_page: bool, pitch: float) -> str | None:
    """How ``cur`` continues the paragraph ending with ``prev``: " ", "" or "\\n"; None for a new paragraph."""
    if abs(prev.size - cur.size) > 1.2 or prev.bold != cur.bold or prev.ocr != cur.ocr:
        return None
    if same_page and cur.base <= prev.base:
        return None
    text = cur.text
    if LIST_START.match(text):
        return None
    pc, cc = _centered(prev, pm), _centered(cur, cm)
    if pc and cc:
        return "\n" if same_page and cur.base - prev.base < pitch * 1.35 + 1.0 else None
    if same_page and cur.base - prev.base > pitch * 1.3 + 1.0:
        return None
    if pc or cc:
        return "\n" if cc and _centred_under(prev, cur) else None
    if cur.x0 > cm.left + 0.8 * cur.size:
        return None
    if prev.x1 < pm.right - 3.0 * prev.size:
        return None
    return "" if _HYPHEN_END.search(prev.text[-3:]) else " "


def _centred_under(prev: Row, cur: Row) -> bool:
    """A centred line under a wider one with the same middle: a title whose first line fills the width."""
    return (
        prev.x0 <= cur.x0
        and prev.x1 >= cur.x1
        and cur.x1 - cur.x0 > 0.6 * (prev.x1 - prev.x0)
        and abs((prev.x0 + prev.x1) - (cur.x0 + cur.x1)) < 2.0 * cur.size
    )


def _line_pitch(layout: Layout) -> float:
    deltas: list[float] = []
    prev: Row | None = None
    for it in layout.items:
        if it.kind != "rows":
            prev = None
            continue
        r = it.rows[0]
        if prev is not None and prev.page == r.page and abs(prev.size - r.size) < 0.6:
            d = r.base - prev.base
            if 0 < d < 3 * r.size:
                deltas.append(d)
        prev = r
    return statistics.median(deltas) if deltas else 16.0


def _bbox(rows: Iterable[Row]) -> BoundingBox:
    rs = list(rows)
    return BoundingBox(
        x0=min(r.x0 for r in rs), top=min(r.top for r in rs), x1=max(r.x1 for r in rs), bottom=max(r.base for r in rs)
    )


def _emit_rows(b: TextBuilder, rows: list[Row], joins: list[str], margins: dict[int, Margins], kind: str) -> None:
    parts: list[str] = []
    stamps: list[tuple[int, int, BoundingBox]] = []
    pos = 0
    for i, r in enumerate(rows):
        t, st = r.joined()
        if i:
            j = joins[i - 1]
            if j == "":
                parts[-1] = parts[-1][:-1] + "-"
            parts.append(j)
            pos += len(j)
        stamps.extend((a + pos, c + pos, bb) for a, c, bb in st)
        parts.append(t)
        pos += len(t)
    text = "".join(parts)
    first = rows[0]
    m = margins.get(first.page, Margins(72.0, 523.0))
    on_first = [r for r in rows if r.page == first.page]
    lead = len(text) - len(text.lstrip(" \n"))
    span = b.paragraph(
        text,
        kind="footnote" if kind == "footnote" else "paragraph",
        page=first.page,
        bbox=_bbox(on_first),
        font_size=round(first.size, 1),
        bold=first.bold,
        align=_align(first, m),
        indent=round(first.x0 - m.left, 1),
        ocr=first.ocr,
    )
    if span is not None:
        for a, c, bb in stamps:
            b.sub_block((span[0] + a - lead, span[0] + c - lead), "stamp", page=first.page, bbox=bb)


def _cell_lines(rows: list[Row], join_wrapped: bool) -> tuple[str, list[tuple[int, int, BoundingBox]]]:
    lines: list[tuple[str, list[tuple[int, int, BoundingBox]]]] = []
    for r in rows:
        t, st = r.joined()
        if (
            join_wrapped
            and lines
            and not LIST_START.match(t)
            and not RECIPIENTS.match(t)
            and not lines[-1][0].endswith((":", ";", "."))
        ):
            prev_t, prev_st = lines[-1]
            joined = _join_words(prev_t, t)
            off = len(joined) - len(t)
            lines[-1] = (joined, prev_st + [(a + off, c + off, bb) for a, c, bb in st])
        else:
            lines.append((t, st))
    text_parts: list[str] = []
    stamps: list[tuple[int, int, BoundingBox]] = []
    pos = 0
    for t, st in lines:
        if text_parts:
            text_parts.append("\n")
            pos += 1
        stamps.extend((a + pos, c + pos, bb) for a, c, bb in st)
        text_parts.append(t)
        pos += len(t)
    return "".join(text_parts), stamps


def _emit(layout: Layout, b: TextBuilder) -> None:
    pitch = _line_pitch(layout)
    para: list[Row] = []
    joins: list[str] = []

    def flush() -> None:
        nonlocal para, joins
        if para:
            _emit_rows(b, para, joins, layout.margins, "paragraph")
        para, joins = [], []

    for it in layout.items:
        if it.kind == "rows":
            r = it.rows[0]
            if para:
                prev = para[-1]
                j = _joiner(
                    prev,
                    r,
                    layout.margins.get(prev.page, Margins(72, 523)),
                    layout.margins.get(r.page, Margins(72, 523)),
                    prev.page == r.page,
                    pitch,
                )
                if j is not None:
                    para.append(r)
                    joins.append(j)
                    continue
                flush()
            para = [r]
            continue
        flush()
        if it.kind in ("header", "closing"):
            _emit_cells(b, it)
        else:
            row_pages = it.row_pages or [it.page] * len(it.table_rows)
            spans = it.table_spans if len(it.table_spans) == len(it.table_rows) else []
            cells = [
                CellText(
                    row=i,
                    col=k,
                    text=t,
                    row_span=spans[i][k][0] if spans else 1,
                    col_span=spans[i][k][1] if spans else 1,
                    hints={"page": row_pages[i]},
                )
                for i, row in enumerate(it.table_rows)
                for k, t in enumerate(row)
                if t
            ]
            if cells:
                b.table(cells, page=it.page)
    flush()
    for _page, rows in layout.footnotes:
        text = _footnote_text(rows)
        b.paragraph(
            text,
            kind="footnote",
            page=rows[0].page,
            bbox=_bbox(rows),
            font_size=round(rows[0].size, 1),
            ocr=rows[0].ocr,
        )


def _emit_cells(b: TextBuilder, it: Item) -> None:
    cells: list[CellText] = []
    stamp_map: dict[tuple[int, int], list[tuple[int, int, BoundingBox]]] = {}
    for row, col, rows in it.cells:
        if not rows:
            continue
        join_wrapped = it.kind == "closing" and col == 0
        text, stamps = _cell_lines(rows, join_wrapped)
        text = text.strip(" \n")
        cells.append(
            CellText(
                row=row,
                col=col,
                text=text,
                hints={
                    "page": rows[0].page,
                    "bbox": _bbox(r for r in rows if r.page == rows[0].page),
                    "font_size": round(rows[0].size, 1),
                    "bold": rows[0].bold,
                    "ocr": rows[0].ocr,
                },
            )
        )
        stamp_map[(row, col)] = stamps
    table = b.table(cells, page=it.page)
    if table is None:
        return
    for cell in table.cells:
        for a, c, bb in stamp_map.get((cell.row, cell.col), []):
            b.sub_block((cell.span[0] + a, cell.span[0] + c), "stamp", page=it.page, bbox=bb)


# ---------------------------------------------------------------------------------------------------------
# Entry point


def _ocr_chars(lines: list[OcrLine]) -> dict[int, list[Run]]:
    out: dict[int, list[Run]] = {}
    for ln in lines:
        size = ln.font_size or max(ln.bottom - ln.top, 1.0) * 0.8
        ch = Char("x", ln.x0, ln.x1, ln.top, ln.bottom, size, False)
        run = Run([ch], fixed_text=ln.text.strip(), ocr=True)
        if run.fixed_text:
            out.setdefault(ln.page, []).append(run)
    return out


def _sample(text: str, size: int = 60_000) -> str:
    """Beginning, middle and end of a long text: enough to judge a whole text layer, at a bounded cost."""
    if len(text) <= size:
        return text
    third = size // 3
    mid = len(text) // 2
    return "\n".join((text[:third], text[mid - third // 2 : mid + third // 2], text[-third:]))


def read_pdf(path: Path, data: bytes, *, ocr: OcrFunc | None = None) -> SourceDocument:
    """Read a PDF's text layer (and, given ``ocr``, OCR its scanned pages) into a SourceDocument.

    The cyclic garbage collector is paused while reading: the reader makes some hundred thousand small
    objects (characters, runs, rows) and no cycles, and collections while they pile up cost a tenth of the time.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _read_pdf(path, data, ocr)
    finally:
        if paused:
            gc.enable()


def _read_pdf(path: Path, data: bytes, ocr: OcrFunc | None) -> SourceDocument:
    pdf = _open(path, data)
    notes: list[ReaderNote] = []
    try:
        pages = _read_pages(path, pdf)
        meta = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    producer = meta.get("Producer") or meta.get("Creator")
    _font_notes(data, pages, notes)
    scanned: list[int] = []
    texts: dict[int, tuple[list[Char], str]] = {}  # page index -> (its characters, their text)

    def page_text(p: PageData) -> str:
        known = texts.get(p.index)
        if known is not None and known[0] is p.chars:
            return known[1]
        return "".join([c.c for c in p.chars])

    for p in pages:
        full = "".join([c.c for c in p.chars])
        texts[p.index] = (p.chars, full)
        # stamp characters are appended after the page's own (a stamp line break first)
        body = "".join([c.c for c in p.chars if not c.stamp]) if p.chars and p.chars[-1].stamp else full
        body = body.strip()
        if not body:
            if p.stamp_text.strip():
                notes.append(
                    ReaderNote(code="stamp-only", message="only e-signature stamp text on this page", page=p.index + 1)
                )
            else:
                notes.append(
                    ReaderNote(code="scanned", message="no text layer on this page (scanned image)", page=p.index + 1)
                )
            scanned.append(p.index + 1)
        elif is_stamp_text(body):
            notes.append(
                ReaderNote(code="stamp-only", message="only e-signature stamp text on this page", page=p.index + 1)
            )
            p.chars = [c for c in p.chars if c.stamp]
            scanned.append(p.index + 1)
    text_pages = [p for p in pages if p.index + 1 not in scanned]
    all_text = "\n".join([page_text(p) for p in text_pages])
    garbled = bool(text_pages) and is_garbled(_sample(all_text))
    if garbled:
        notes.append(
            ReaderNote(code="garbled-ocr", message="the text layer is OCR output with broken Vietnamese diacritics")
        )
        scanned.extend(p.index + 1 for p in text_pages)
        for p in text_pages:
            p.chars = []
    if ocr is not None and scanned:
        by_page = _ocr_chars(ocr(path, sorted(scanned)))
        for p in pages:
            if p.index + 1 in by_page:
                keep = [c for c in p.chars if c.stamp]
                p.chars = keep
                p.tables = []
                p.ocr_runs = by_page[p.index + 1]
    usable = [p for p in pages if p.index + 1 not in scanned or p.ocr_runs]
    if not usable:
        if garbled:
            raise NoTextLayer(f"{path}: the text layer is garbled OCR (broken diacritics); OCR is needed")
        kind = "only an e-signature stamp, " if any(n.code == "stamp-only" for n in notes) else ""
        raise NoTextLayer(f"{path}: scanned PDF without a usable text layer ({kind}{len(pages)} pages); OCR is needed")
    for p in pages:
        if p not in usable:
            p.chars = []
    _plumber_tables(path, [p for p in usable if not p.ocr_runs], notes)
    layout = _layout(pages)
    for p in usable:
        hits = legacy_font_hits(page_text(p))
        if hits:
            notes.append(
                ReaderNote(
                    code="legacy-font",
                    message="text in a legacy 8-bit font (TCVN3/VNI) reads as mojibake: " + ", ".join(hits[:5]),
                    page=p.index + 1,
                )
            )
    if layout.esign:
        notes.append(
            ReaderNote(
                code="e-signature",
                message="e-signature box (left out of the text): " + "; ".join(t for _, t in layout.esign[:4]),
                page=layout.esign[0][0],
            )
        )
    b = TextBuilder()
    _emit(layout, b)
    if not b.text.strip():
        raise NoTextLayer(f"{path}: no usable text in the PDF; OCR is needed")
    return SourceDocument(
        path=str(path),
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        raw_text=b.text,
        pages=len(pages),
        blocks=b.blocks,
        tables=b.tables,
        notes=notes,
        producer=producer,
    )
