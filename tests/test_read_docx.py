"""DOCX and DOC readers: body order, header table cells, automatic numbering, footnotes, spans."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from vnadmin.model.layout import SourceDocument
from vnadmin.read.doc import read_doc
from vnadmin.read.docx import Numbering, format_number, read_docx

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def check_spans(doc: SourceDocument) -> None:
    for b in doc.blocks:
        text = doc.raw_text[b.span[0] : b.span[1]]
        assert text and text == text.strip() and "\n\n" not in text
    for t in doc.tables:
        assert all(any(b.span == c.span for b in doc.blocks) for c in t.cells)


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.docx")))
def test_corpus_docx_reads(name: str) -> None:
    p = DOCS / name
    doc = read_docx(p, p.read_bytes())
    check_spans(doc)
    head = doc.tables[0]
    cells = [doc.raw_text[c.span[0] : c.span[1]] for c in head.cells]
    assert any("CỘNG H" in c for c in cells) and any("Số" in c for c in cells)
    assert doc.raw_text.index(cells[0]) == 0


def test_numbering_is_rebuilt() -> None:
    p = DOCS / "kh-lamdong-2025-cchc-2026.docx"
    text = read_docx(p, p.read_bytes()).raw_text
    assert "\n\nI. MỤC TIÊU, NHIỆM VỤ\n\n1. Cải cách thể chế\n\na) Mục tiêu\n\n" in text


def _docx(body: str, numbering: str | None = None, footnotes: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{body}</w:body></w:document>")
        if numbering:
            z.writestr("word/numbering.xml", f"<w:numbering {W_NS}>{numbering}</w:numbering>")
        if footnotes:
            z.writestr("word/footnotes.xml", f"<w:footnotes {W_NS}>{footnotes}</w:footnotes>")
    return buf.getvalue()


def _p(text: str, num: tuple[int, int] | None = None, extra: str = "") -> str:
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{numpr}<w:r><w:t>{text}</w:t></w:r>{extra}</w:p>"


NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
"""


def test_numbering_levels_formats_restarts_and_overrides() -> None:
    body = "".join(
        [
            _p("Mục tiêu", (1, 0)),
            _p("Một", (1, 1)),
            _p("Con a", (1, 2)),
            _p("Con b", (1, 2)),
            _p("Hai", (1, 1)),
            _p("Con a lại", (1, 2)),
            _p("Nhiệm vụ", (1, 0)),
            _p("Một lại", (1, 1)),
            _p("Phần năm", (2, 0)),
        ]
    )
    doc = read_docx(Path("t.docx"), _docx(body, NUMBERING))
    assert doc.raw_text.split("\n\n") == [
        "I. Mục tiêu", "I.1. Một", "a) Con a", "b) Con b", "I.2. Hai", "a) Con a lại",
        "II. Nhiệm vụ", "II.1. Một lại", "V. Phần năm",
    ]  # fmt: skip


def test_footnote_marker_at_reference_and_text_after_body() -> None:
    ref = '<w:r><w:footnoteReference w:id="2"/></w:r>'
    body = _p("Thực hiện dân chủ ở cơ sở", extra=ref) + _p("Đoạn sau.")
    notes = (
        '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:t>---</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:t>Luật số 10/2022/QH15.</w:t></w:r></w:p></w:footnote>'
    )
    doc = read_docx(Path("t.docx"), _docx(body, footnotes=notes))
    assert doc.raw_text == "Thực hiện dân chủ ở cơ sở¹\n\nĐoạn sau.\n\n¹ Luật số 10/2022/QH15."
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "footnote"]


def test_format_number() -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(14, "upperRoman") == "XIV"
    assert Numbering().label("1", 0) is None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_doc_through_libreoffice_keeps_footnotes_and_header() -> None:
    p = DOCS / "tb-lamdong-2026-ket-luan-cao-toc.doc"
    doc = read_doc(p, p.read_bytes())
    assert doc.format == "doc"
    check_spans(doc)
    foot = [doc.raw_text[b.span[0] : b.span[1]] for b in doc.blocks if b.kind == "footnote"]
    assert foot and foot[0].startswith("¹ ")
    assert "¹" in doc.raw_text[: doc.blocks[-1].span[0]]
    assert doc.raw_text.startswith("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /TB-UBND\n\nCỘNG HÒA")


# The same lines typed in Unicode and in TCVN3/VNI fonts (as old documents were): (Unicode, legacy, font).
LEGACY_LINES = [
    ("QUYẾT ĐỊNH", "quyÕt ®Þnh", ".VnTimeH"),
    ("Cộng hoà xã hội chủ nghĩa Việt Nam", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", ".VnTime"),
    ("Độc lập - Tự do - Hạnh phúc", "§éc lËp - Tù do - H¹nh phóc", ".VnTime"),
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI-Times"),
]


def _python_docx(paragraphs: list[list[tuple[str, str | None]]], normal_font: str | None = None) -> bytes:
    """A DOCX made with python-docx: each paragraph a list of runs (text, font name or None)."""
    import docx

    d = docx.Document()
    if normal_font:
        d.styles["Normal"].font.name = normal_font
    for runs in paragraphs:
        p = d.add_paragraph()
        for text, font in runs:
            r = p.add_run(text)
            if font:
                r.font.name = font
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_legacy_font_runs_are_converted_per_run() -> None:
    unicode_doc = _python_docx([[(u, "Times New Roman")] for u, _, _ in LEGACY_LINES])
    legacy_doc = _python_docx([[(old, font)] for _, old, font in LEGACY_LINES])
    expected = read_docx(Path("u.docx"), unicode_doc).raw_text
    doc = read_docx(Path("legacy.docx"), legacy_doc)
    assert doc.raw_text == expected
    assert [n.code for n in doc.notes] == ["legacy-converted"]
    assert "TCVN3" in doc.notes[0].message and "VNI" in doc.notes[0].message
    # runs of one paragraph in different fonts: only the legacy run changes, Unicode runs are never touched
    mixed = _python_docx([[("Gia Lai, ", "Times New Roman"), ("ngµy 26 th¸ng 01", ".VnTime"), (" năm 2026", None)]])
    assert read_docx(Path("m.docx"), mixed).raw_text == "Gia Lai, ngày 26 tháng 01 năm 2026"
    # text that merely looks like TCVN3 in a Unicode font is left as it is
    plain = _python_docx([[("Céng hoµ", "Arial")]])
    assert read_docx(Path("p.docx"), plain).raw_text == "Céng hoµ"


def test_legacy_font_through_the_normal_style() -> None:
    data = _python_docx([[("Céng hoµ x· héi chñ nghÜa ViÖt Nam", None)], [("Kế hoạch", "Times New Roman")]], ".VnTime")
    assert read_docx(Path("s.docx"), data).raw_text == "Cộng hoà xã hội chủ nghĩa Việt Nam\n\nKế hoạch"
