"""Build the example plan as DOCX, PDF and TXT from the corpus text.

The corpus file ``corpus/docs/kh-tuyenquang-2024-dan-van.txt`` holds the body of the plan (no
letterhead). This script adds the letterhead and writes three files that say the same thing:

* ``ke-hoach-dan-van.docx`` — laid out as a Nghị định 30/2020 document: a borderless header table,
  real Word automatic numbering (I./II./III. and 1./2.), one real footnote, a PAGE field in the page
  header, and the closing (Nơi nhận | signature) as a borderless table;
* ``ke-hoach-dan-van.pdf`` — the DOCX converted by LibreOffice (``soffice --headless``);
* ``ke-hoach-dan-van.txt`` — the corpus text with the letterhead added as plain lines.

Run: ``.venv/bin/python examples/make_examples.py``
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCE = ROOT / "corpus" / "docs" / "kh-tuyenquang-2024-dan-van.txt"
STEM = "ke-hoach-dan-van"

FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 11
FOOTNOTE_PT = 10

LETTERHEAD_LEFT = ("ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG")
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
NUMBER = "Số: 65/KH-UBND"
PLACE_DATE = "Tuyên Quang, ngày 15 tháng 3 năm 2024"

ROMAN = re.compile(r"^([IVXLC]+)\.\s+(.*)$", re.S)
ARABIC = re.compile(r"^(\d+)\.\s+(.*)$", re.S)
FOOTNOTE_MARK = "¹"


# ---------------------------------------------------------------------------------------------------------
# Reading the corpus text


@dataclass
class Plan:
    doc_type: str
    title: str
    preamble: list[str]  # Căn cứ … and the enacting sentence
    body: list[tuple[str, int | None]]  # (text without label, numbering level or None)
    footnote: str
    recipients_heading: str
    recipients: list[str]  # "- …;" lines, the archive line last
    recipients_note: str | None
    signature: list[str]  # TM./KT./position
    signer: str


def read_plan(text: str) -> Plan:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    # Footnote text: a block that starts with the marker.
    footnote = ""
    kept: list[str] = []
    for b in blocks:
        if b.startswith(FOOTNOTE_MARK + " "):
            footnote = b[len(FOOTNOTE_MARK) :].strip()
        elif kept and b[0].islower():
            kept[-1] = kept[-1] + " " + b  # a paragraph split by a page break in the source
        else:
            kept.append(b)
    doc_type, title = kept[0].split("\n", 1)
    i = 1
    preamble: list[str] = []
    while not ROMAN.match(kept[i]):
        preamble.append(kept[i])
        i += 1
    body: list[tuple[str, int | None]] = []
    while not kept[i].startswith("Nơi nhận"):
        b = kept[i]
        if m := ROMAN.match(b):
            body.append((m.group(2), 0))
        elif m := ARABIC.match(b):
            body.append((m.group(2), 1))
        else:
            body.append((b, None))
        i += 1
    recipients_heading = kept[i]
    recipients = kept[i + 1].splitlines()
    i += 2
    note = None
    if kept[i].startswith("("):
        note = kept[i]
        i += 1
    signature = kept[i].splitlines()
    signer = kept[i + 1]
    return Plan(doc_type, title, preamble, body, footnote, recipients_heading, recipients, note, signature, signer)


# ---------------------------------------------------------------------------------------------------------
# DOCX helpers


def _font(run: Run, size: float = BODY_PT, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)


def _para_format(
    p: Paragraph, *, align: Any = None, first_line: float | None = 12.7, before: float = 0, after: float = 6
) -> None:
    pf = p.paragraph_format
    pf.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Mm(first_line) if first_line else None
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = 1.0


def _add_text(p: Paragraph, text: str, size: float = BODY_PT, *, bold: bool = False, italic: bool = False) -> None:
    """Add ``text`` to ``p``; ``*…*`` spans of the corpus text become italic runs."""
    for k, piece in enumerate(text.split("*")):
        if piece:
            _font(p.add_run(piece), size, bold=bold, italic=italic or k % 2 == 1)


def _borderless(table: Table) -> None:
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    edges = "".join(f'<w:{e} w:val="nil"/>' for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tblpr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


def _widths(table: Table, *mm: float) -> None:
    """Fixed column widths (the grid and every cell: LibreOffice reads the grid, Word the cells)."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for col, w in zip(table.columns, mm, strict=True):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, mm, strict=True):
            cell.width = Mm(w)


def _cell_lines(cell: _Cell, lines: list[tuple[str, dict[str, Any]]], size: float = 13) -> None:
    """Fill a table cell: one centred paragraph per line (``(text, {"bold":…, "italic":…})``)."""
    first = True
    for text, style in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _para_format(p, align=style.get("align", WD_ALIGN_PARAGRAPH.CENTER), first_line=None, after=0)
        if text:
            _add_text(
                p, text, style.get("size", size), bold=style.get("bold", False), italic=style.get("italic", False)
            )


# ---------------------------------------------------------------------------------------------------------
# Numbering (numbering.xml through the low-level oxml)


def _add_numbering(document: DocxDocument) -> str:
    """Define I./II./III. (level 0) and 1./2. (level 1, restarting under each roman heading); return the numId."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    aid, nid = max(abstract_ids, default=-1) + 1, max(num_ids, default=0) + 1
    indent = 709  # 1.25 cm, the first-line indent of the body
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:suff w:val="space"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:b/><w:sz w:val="28"/></w:rPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="1"/>'
        '<w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:suff w:val="space"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="28"/></w:rPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
    return str(nid)


def _number(p: Paragraph, num_id: str, level: int) -> None:
    ppr = p._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


# ---------------------------------------------------------------------------------------------------------
# Footnote (a footnotes part through the low-level oxml; python-docx has no footnote API)

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _add_footnote_styles(document: DocxDocument) -> None:
    """Word's built-in footnote styles (the default template has none): 10 pt text, superscript reference."""
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
            '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
            '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr><w:sz w:val="{FOOTNOTE_PT * 2}"/><w:szCs w:val="{FOOTNOTE_PT * 2}"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:uiPriority w:val="99"/>'
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        )
    )


def _add_footnote_part(document: DocxDocument, text: str) -> str:
    """Create word/footnotes.xml with the separators and one footnote; return its id."""
    _add_footnote_styles(document)
    run_font = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
    sep = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    )
    note = (
        '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/><w:jc w:val="both"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>{run_font}</w:rPr>'
        "<w:footnoteRef/></w:r>"
        f'<w:r><w:rPr>{run_font}<w:sz w:val="{FOOTNOTE_PT * 2}"/></w:rPr>'
        f'<w:t xml:space="preserve"> {_xml_escape(text)}</w:t></w:r>'
        "</w:p></w:footnote>"
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:footnotes {nsdecls('w')}>{sep}{note}</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return "1"


def _footnote_reference(p: Paragraph, fid: str) -> None:
    p._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/>'
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/></w:rPr>'
            f'<w:footnoteReference w:id="{fid}"/></w:r>'
        )
    )


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _page_number_header(section: Section) -> None:
    """ND30: the page number centred in the header, from the second page on."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    _para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=None, after=0)
    rpr = f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="28"/></w:rPr>'
    for xml in (
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {nsdecls('w')}>{rpr}<w:t>2</w:t></w:r>",
        f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p._p.append(parse_xml(xml))


# ---------------------------------------------------------------------------------------------------------
# The document


def build_docx(plan: Plan, out: Path) -> None:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)

    section = document.sections[0]
    assert section.start_type == WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _page_number_header(section)

    # Header table: issuer | motto, Số | place-date.
    header = document.add_table(rows=2, cols=2)
    _borderless(header)
    _widths(header, 65, 100)
    bold = {"bold": True}
    _cell_lines(header.cell(0, 0), [(LETTERHEAD_LEFT[0], {}), (LETTERHEAD_LEFT[1], bold)])
    _cell_lines(header.cell(0, 1), [(MOTTO[0], bold), (MOTTO[1], {**bold, "size": 14})])
    _cell_lines(header.cell(1, 0), [(NUMBER, {})])
    _cell_lines(header.cell(1, 1), [(PLACE_DATE, {"italic": True, "size": 14})])
    for cell in header.rows[1].cells:
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)

    p = document.add_paragraph()
    _para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=None, before=18, after=0)
    _add_text(p, plan.doc_type, bold=True)
    p = document.add_paragraph()
    _para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=None, after=12)
    _add_text(p, plan.title, bold=True)

    for text in plan.preamble:
        p = document.add_paragraph()
        _para_format(p)
        _add_text(p, text, italic=text.startswith("Căn cứ"))

    num_id = _add_numbering(document)
    fid = _add_footnote_part(document, plan.footnote)
    for text, level in plan.body:
        p = document.add_paragraph()
        _para_format(p, first_line=None if level is not None else 12.7)
        if level is not None:
            _number(p, num_id, level)
        # Headings (a roman heading, or an item without a sentence of its own) are bold.
        heading = level == 0 or (level == 1 and len(text) < 90 and not text.endswith("."))
        if FOOTNOTE_MARK in text:
            before, after = text.split(FOOTNOTE_MARK, 1)
            _add_text(p, before, bold=heading)
            _footnote_reference(p, fid)
            _add_text(p, after, bold=heading)
        else:
            _add_text(p, text, bold=heading)

    # Closing: Nơi nhận | signature.
    closing = document.add_table(rows=1, cols=2)
    _borderless(closing)
    _widths(closing, 85, 80)
    # The closing is never split between two pages.
    closing.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    left = [(plan.recipients_heading, {"bold": True, "italic": True, "size": 12, "align": WD_ALIGN_PARAGRAPH.LEFT})]
    for line in plan.recipients:
        left.append((line, {"size": SMALL_PT, "align": WD_ALIGN_PARAGRAPH.LEFT}))
    if plan.recipients_note:  # as in the source text: the note follows the list
        left.append((plan.recipients_note, {"size": SMALL_PT, "align": WD_ALIGN_PARAGRAPH.LEFT}))
    _cell_lines(closing.cell(0, 0), left)
    closing.cell(0, 0).paragraphs[0].paragraph_format.space_before = Pt(12)
    right = [(line, {"bold": True, "size": 14}) for line in plan.signature]
    right += [("", {})] * 4 + [(plan.signer, {"bold": True, "size": 14})]
    _cell_lines(closing.cell(0, 1), right)
    closing.cell(0, 1).paragraphs[0].paragraph_format.space_before = Pt(12)

    document.core_properties.title = f"{plan.doc_type} {plan.title}"
    document.core_properties.author = "vnadmin examples"
    document.core_properties.comments = ""
    _drop_thumbnail(document)
    document.save(str(out))


def _drop_thumbnail(document: DocxDocument) -> None:
    """The default template carries a thumbnail picture of itself; it is not ours."""
    pkg_rels = document.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del pkg_rels[rid]


def build_txt(source_text: str, out: Path) -> None:
    letterhead = [*LETTERHEAD_LEFT, *MOTTO, NUMBER, PLACE_DATE]
    out.write_text("\n".join(letterhead) + "\n" + source_text.lstrip("\n"), encoding="utf-8")


def convert_pdf(docx_path: Path) -> Path:
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    with tempfile.TemporaryDirectory(prefix="vnadmin-lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx_path.parent),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return docx_path.with_suffix(".pdf")


def main() -> None:
    source_text = SOURCE.read_text(encoding="utf-8")
    plan = read_plan(source_text)
    docx_path = HERE / f"{STEM}.docx"
    build_docx(plan, docx_path)
    pdf_path = convert_pdf(docx_path)
    txt_path = HERE / f"{STEM}.txt"
    build_txt(source_text, txt_path)
    for path in (docx_path, pdf_path, txt_path):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
