"""DOCX → :class:`~vnadmin.model.SourceDocument`: paragraphs and tables in body order.

* Automatic numbering ("I.", "1.", "a)") is not in a paragraph's text: it is rebuilt from numbering.xml —
  numId/ilvl on the paragraph or through its style (and the styles it is based on), abstract formats,
  ``lvlOverride/startOverride``, restarts of deeper levels, multi-level texts ("%1.%2."), and the formats
  decimal, decimalZero, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet.
* Tables: each cell one paragraph (its lines joined by ``\\n``), registered as Table/TableCell with row/col;
  the header table (issuer | motto, Số | place-date) and the closing table come out the same way.
* Footnotes: the marker ("¹") is put in the text at the reference; the footnote texts follow the body as
  blocks of kind ``footnote`` ("¹ Nghị quyết số …").
* Bold, italic and alignment become block hints. Page headers and footers are not read.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from vnadmin.errors import CorruptDocument, EmptyDocument, UnsupportedFormat
from vnadmin.model.layout import ReaderNote, SourceDocument
from vnadmin.read.builder import CellText, TextBuilder
from vnadmin.read.legacy import Encoding, font_encoding, span_to_unicode

regex_hex = re.compile(r"[0-9A-Fa-f]{1,6}")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ALIGN: dict[str, Literal["left", "center", "right", "justify"]] = {
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "justify",
    "distribute": "justify",
}


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    if child is None:
        return None
    v = child.get(W + "val")
    return str(v) if v is not None else ""


def _on(el: Any, tag: str) -> bool | None:
    v = _val(el, tag)
    if v is None:
        return None
    return v not in ("0", "false", "off", "none")


# ---------------------------------------------------------------------------------------------------------
# Numbering


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None
    legal: bool = False


@dataclass
class Numbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    level_overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId -> counters per level
    started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root: Any) -> Numbering:
        n = cls()
        if root is None:
            return n
        for a in root.findall(W + "abstractNum"):
            aid = a.get(W + "abstractNumId")
            n.abstract[aid] = {int(lv.get(W + "ilvl", "0")): _level(lv) for lv in a.findall(W + "lvl")}
        for num in root.findall(W + "num"):
            nid = num.get(W + "numId")
            aid_el = num.find(W + "abstractNumId")
            if aid_el is None:
                continue
            n.nums[nid] = aid_el.get(W + "val")
            for ov in num.findall(W + "lvlOverride"):
                ilvl = int(ov.get(W + "ilvl", "0"))
                so = ov.find(W + "startOverride")
                if so is not None:
                    n.overrides.setdefault(nid, {})[ilvl] = int(so.get(W + "val", "1"))
                lv = ov.find(W + "lvl")
                if lv is not None:
                    n.level_overrides.setdefault(nid, {})[ilvl] = _level(lv)
        return n

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl`` (advancing the counters)."""
        aid = self.nums.get(num_id)
        if aid is None or num_id == "0":
            return None
        levels = dict(self.abstract.get(aid, {}))
        levels.update(self.level_overrides.get(num_id, {}))
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in self.overrides.get(num_id, {}).items():
                if 0 <= lv < 9:
                    counters[lv] = start - 1
                    for deeper in range(lv + 1, 9):
                        counters[deeper] = 0
        level = levels[ilvl]
        if counters[ilvl] == 0 and level.start != 1 and not self._was_used(aid, ilvl):
            counters[ilvl] = level.start - 1
        counters[ilvl] += 1
        self._used.add((aid, ilvl))
        for deeper in range(ilvl + 1, 9):
            lv_deeper = levels.get(deeper)
            if lv_deeper is None or lv_deeper.restart is None or lv_deeper.restart >= ilvl:
                counters[deeper] = 0
                self._used.discard((aid, deeper))
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return _bullet(level.text) + _suffix(level.suffix)
        text = level.text
        for k in range(9, 0, -1):
            token = f"%{k}"
            if token in text:
                ref = levels.get(k - 1, Level())
                value = counters[k - 1] if counters[k - 1] > 0 else ref.start
                fmt = "decimal" if level.legal else ref.fmt
                text = text.replace(token, format_number(value, fmt))
        return text + _suffix(level.suffix)

    _used: set[tuple[str, int]] = field(default_factory=set)

    def _was_used(self, aid: str, ilvl: int) -> bool:
        return (aid, ilvl) in self._used


def _level(lv: Any) -> Level:
    start = _val(lv, "start")
    restart = _val(lv, "lvlRestart")
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_val(lv, "numFmt") or "decimal",
        text=_val(lv, "lvlText") or "",
        suffix=_val(lv, "suff") or "tab",
        restart=(int(restart) - 1) if restart and restart.isdigit() else None,
        legal=lv.find(W + "isLgl") is not None,
    )


def _suffix(s: str) -> str:
    return "" if s == "nothing" else " "


def _bullet(text: str) -> str:
    """Bullet characters: Symbol/Wingdings private-use glyphs become a dash or a bullet."""
    if not text:
        return "•"
    c = text[0]
    if c in "-–—+•*o▪◦":
        return c
    if 0xF000 <= ord(c) <= 0xF0FF:
        return "-" if ord(c) in (0xF02D, 0xF0BE) else "•"
    return c


def format_number(n: int, fmt: str) -> str:
    """A counter in a Word number format.

    >>> [format_number(4, f) for f in ("decimal", "upperRoman", "lowerLetter", "decimalZero")]
    ['4', 'IV', 'd', '04']
    """
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        k = n
        while k > 0:
            k, rem = divmod(k - 1, 26)
            s = chr(ord("a") + rem) + s
        return s if fmt == "lowerLetter" else s.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


# ---------------------------------------------------------------------------------------------------------
# Styles


@dataclass
class Style:
    based_on: str | None
    num: tuple[str, int] | None
    bold: bool | None
    italic: bool | None
    align: str | None
    font: str | None = None


def _styles(root: Any) -> dict[str, Style]:
    out: dict[str, Style] = {}
    if root is None:
        return out
    for st in root.findall(W + "style"):
        sid = st.get(W + "styleId")
        ppr = st.find(W + "pPr")
        rpr = st.find(W + "rPr")
        num: tuple[str, int] | None = None
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                nid = _val(numpr, "numId")
                if nid is not None:
                    num = (nid, int(_val(numpr, "ilvl") or "0"))
        out[sid] = Style(_val(st, "basedOn"), num, _on(rpr, "b"), _on(rpr, "i"), _val(ppr, "jc"), _font(rpr))
    return out


def _font(rpr: Any) -> str | None:
    """The font a run properties element names for Latin text (``w:rFonts`` ascii, else hAnsi)."""
    fonts = rpr.find(W + "rFonts") if rpr is not None else None
    if fonts is None:
        return None
    name = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
    return str(name) if name else None


def _default_font(root: Any, styles: dict[str, Style]) -> str | None:
    """The font of paragraphs without a style: the default paragraph style's, else ``w:docDefaults``'."""
    if root is None:
        return None
    for st in root.findall(W + "style"):
        if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
            font = _style_attr(styles, st.get(W + "styleId"), "font")
            if font:
                return str(font)
    rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    return _font(rpr)


def _style_attr(styles: dict[str, Style], sid: str | None, attr: str) -> Any:
    seen: set[str] = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        v = getattr(styles[sid], attr)
        if v is not None:
            return v
        sid = styles[sid].based_on
    return None


# ---------------------------------------------------------------------------------------------------------
# Reading


@dataclass
class _Ctx:
    numbering: Numbering
    styles: dict[str, Style]
    footnotes: dict[str, str]
    footnote_order: list[tuple[str, str]] = field(default_factory=list)  # (marker, text)
    default_font: str | None = None
    legacy: dict[Encoding, int] = field(default_factory=dict)  # runs converted from TCVN3/VNI fonts


def _paragraph(p: Any, ctx: _Ctx) -> tuple[str, dict[str, Any], list[str]]:
    """Text of a paragraph (numbering label first), its hints, and text-box paragraphs found inside it."""
    ppr = p.find(W + "pPr")
    sid = _val(ppr, "pStyle")
    label = ""
    num: tuple[str, int] | None = None
    numpr = ppr.find(W + "numPr") if ppr is not None else None
    if numpr is not None and _val(numpr, "numId") is not None:
        num = (_val(numpr, "numId") or "0", int(_val(numpr, "ilvl") or "0"))
    else:
        num = _style_attr(ctx.styles, sid, "num")
    if num is not None:
        label = ctx.numbering.label(num[0], num[1]) or ""
    parts: list[str] = []
    boxes: list[str] = []
    bold_chars = italic_chars = total = 0
    style_bold = _style_attr(ctx.styles, sid, "bold")
    style_italic = _style_attr(ctx.styles, sid, "italic")
    para_font = _font(ppr.find(W + "rPr") if ppr is not None else None)
    style_font = _style_attr(ctx.styles, sid, "font") or ctx.default_font

    def walk(el: Any) -> None:
        nonlocal bold_chars, italic_chars, total
        for child in el:
            tag = child.tag
            if tag == MC_FALLBACK or tag in (W + "pPr", W + "rPr", W + "del", W + "instrText"):
                continue
            if tag == W + "txbxContent":
                for bp in child.iter(W + "p"):
                    t = "".join(x.text or "" for x in bp.iter(W + "t")).strip()
                    if t:
                        boxes.append(t)
                continue
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                b = _on(rpr, "b")
                i = _on(rpr, "i")
                b = style_bold if b is None else b
                i = style_italic if i is None else i
                before = sum(len(x) for x in parts)
                at = len(parts)
                walk_run(child)
                font = _font(rpr) or _style_attr(ctx.styles, _val(rpr, "rStyle"), "font") or para_font or style_font
                if font_encoding(font) is not None and len(parts) > at:
                    # A run in a TCVN3/VNI font (.VnTime, VNI-Times): its own text converted, nothing else.
                    converted, encoding = span_to_unicode("".join(parts[at:]), font)
                    if encoding is not None:
                        parts[at:] = [converted]
                        ctx.legacy[encoding] = ctx.legacy.get(encoding, 0) + 1
                n = sum(len(x) for x in parts) - before
                total += n
                bold_chars += n if b else 0
                italic_chars += n if i else 0
                continue
            walk(child)

    def walk_run(r: Any) -> None:
        for c in r:
            tag = c.tag
            if tag == W + "t":
                parts.append(c.text or "")
            elif tag == W + "tab":
                parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                if c.get(W + "type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                ch = c.get(W + "char") or ""
                if regex_hex.fullmatch(ch):
                    parts.append(_bullet(chr(int(ch, 16))))
            elif tag == W + "footnoteReference":
                fid = c.get(W + "id") or ""
                marker = str(len(ctx.footnote_order) + 1).translate(SUPERSCRIPT)
                ctx.footnote_order.append((marker, ctx.footnotes.get(fid, "")))
                parts.append(marker)
            elif tag == MC_FALLBACK:
                continue
            elif tag in (
                W + "drawing",
                W + "pict",
                "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
            ):
                for box in c.iter(W + "txbxContent"):
                    for bp in box.iter(W + "p"):
                        t = "".join(x.text or "" for x in bp.iter(W + "t")).strip()
                        if t:
                            boxes.append(t)
                    break

    walk(p)
    text = "".join(parts)
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    if label and text:
        text = label + text
    jc = _val(ppr, "jc") or _style_attr(ctx.styles, sid, "align")
    hints: dict[str, Any] = {}
    if jc in ALIGN:
        hints["align"] = ALIGN[jc]
    if total:
        hints["bold"] = bold_chars * 2 > total
        hints["italic"] = italic_chars * 2 > total
    return text, hints, boxes


def _table(tbl: Any, ctx: _Ctx) -> list[CellText]:
    cells: list[CellText] = []
    origin: dict[int, CellText] = {}  # grid column -> cell open for vertical merge
    for r, tr in enumerate(tbl.findall(W + "tr")):
        col = 0
        for tc in tr.findall(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = int(_val(tcpr, "gridSpan") or "1")
            vmerge = _val(tcpr, "vMerge")
            if vmerge is not None and vmerge != "restart" and col in origin:
                origin[col].row_span += 1
                col += span
                continue
            lines: list[str] = []
            hints: dict[str, Any] = {}
            for el in tc:
                if el.tag == W + "p":
                    t, h, boxes = _paragraph(el, ctx)
                    if t:
                        lines.append(t)
                        hints = hints or h
                    lines.extend(boxes)
                elif el.tag == W + "tbl":
                    lines.extend(c.text for c in _table(el, ctx) if c.text)
            cell = CellText(row=r, col=col, text="\n".join(lines), col_span=span, hints=hints)
            cells.append(cell)
            if vmerge == "restart":
                origin[col] = cell
            else:
                origin.pop(col, None)
            col += span
    return cells


def _read_footnotes(zf: zipfile.ZipFile, parse: Any) -> dict[str, str]:
    name = "word/footnotes.xml"
    if name not in zf.namelist():
        return {}
    root = parse(zf.read(name))
    out: dict[str, str] = {}
    for fn in root.findall(W + "footnote"):
        if fn.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = []
        for p in fn.iter(W + "p"):
            t = "".join(x.text or "" for x in p.iter(W + "t"))
            t = " ".join(t.split())
            if t:
                paras.append(t)
        out[fn.get(W + "id") or ""] = " ".join(paras)
    return out


def read_docx(
    path: Path, data: bytes, *, fmt: Literal["docx", "doc"] = "docx", sha: str | None = None
) -> SourceDocument:
    """Read a Word 2007+ document (or a .doc converted to one, with ``fmt="doc"``)."""
    from lxml import etree  # type: ignore[import-untyped]

    if not data:
        raise EmptyDocument(f"{path}: empty file (0 bytes)")
    if not data.startswith(b"PK\x03\x04"):
        raise UnsupportedFormat(f"{path}: not a DOCX (not a ZIP archive)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except zipfile.BadZipFile as e:
        raise CorruptDocument(f"{path}: damaged or truncated DOCX ({e})") from None
    if "word/document.xml" not in names:
        raise UnsupportedFormat(f"{path}: a ZIP archive without word/document.xml, not a Word document")
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)

    def parse(b: bytes) -> Any:
        return etree.fromstring(b, parser)

    try:
        doc_root = parse(zf.read("word/document.xml"))
        numbering = Numbering.parse(parse(zf.read("word/numbering.xml")) if "word/numbering.xml" in names else None)
        styles_root = parse(zf.read("word/styles.xml")) if "word/styles.xml" in names else None
        styles = _styles(styles_root)
        default_font = _default_font(styles_root, styles)
        footnotes = _read_footnotes(zf, parse)
        producer = None
        if "docProps/app.xml" in names:
            app = parse(zf.read("docProps/app.xml"))
            el = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Application")
            producer = el.text if el is not None else None
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, OSError, EOFError) as e:
        raise CorruptDocument(f"{path}: damaged DOCX ({type(e).__name__}: {e})") from None
    body = doc_root.find(W + "body")
    if body is None:
        raise CorruptDocument(f"{path}: DOCX without a document body")
    ctx = _Ctx(numbering, styles, footnotes, default_font=default_font)
    b = TextBuilder()
    notes: list[ReaderNote] = []

    def blocks(container: Any) -> None:
        for el in container:
            if el.tag == W + "p":
                text, hints, boxes = _paragraph(el, ctx)
                b.paragraph(text, **hints)
                for t in boxes:
                    b.paragraph(t)
            elif el.tag == W + "tbl":
                b.table(_table(el, ctx))
            elif el.tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    blocks(content)

    blocks(body)
    for marker, text in ctx.footnote_order:
        b.paragraph(f"{marker} {text}".strip(), kind="footnote")
    if ctx.legacy:
        found = ", ".join(f"{enc.upper()} ({n} runs)" for enc, n in sorted(ctx.legacy.items()))
        notes.append(
            ReaderNote(code="legacy-converted", message=f"text in legacy 8-bit fonts converted to Unicode: {found}")
        )
    if not b.text.strip():
        raise EmptyDocument(f"{path}: the Word document holds no text")
    return SourceDocument(
        path=str(path),
        format=fmt,
        sha256=sha or hashlib.sha256(data).hexdigest(),
        raw_text=b.text,
        blocks=b.blocks,
        tables=b.tables,
        notes=notes,
        producer=producer,
    )
