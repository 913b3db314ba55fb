"""PDF reader: text-layer PDFs of the corpus, e-signature stamps, header cells, scanned files, spans."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vnadmin.errors import NoTextLayer
from vnadmin.model.layout import SourceDocument
from vnadmin.read.pdf import OcrLine, read_pdf

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"

SCANNED = {
    "cv-cucthue-2025-2309-chinh-sach-tien-thue-dat.pdf": "scanned",
    "tb-vpcp-2025-328-ket-luan.pdf": "stamp-only",
    "qd-lamdong-2025-1716-hoi-dong-tham-dinh.pdf": "garbled-ocr",
    "tb-lamdong-2025-493-ket-luan-chi-so.pdf": "garbled-ocr",
    "kh-bca-2025-589-hoi-nghi-ctmtqg-ma-tuy.pdf": "stamp-only",
    "qd-ttg-2025-932-to-cong-tac-cchc.pdf": "stamp-only",
    "qd-gialai-stc-2026-203-phan-cong.pdf": "stamp-only",
    "kh-dhct-hcm-2026-753-khao-sat-hai-long.pdf": "scanned",
    "kh-tctlntw-2026-996-kiem-soat-hop-phap-ma-tuy.pdf": "scanned",
    "qd-bgddt-2025-2605-bo-phan-mot-cua.pdf": "scanned",
    "qd-haiduong-2011-khen-thuong-chien-si-thi-dua.pdf": "scanned",
    "qd-hanam-2023-61-trien-khai-nq-04.pdf": "scanned",
    "ttr-ca-lamdong-2025-409-xa-khong-ma-tuy.pdf": "scanned",
}
PDFS = sorted(p.name for p in DOCS.glob("*.pdf"))

# Number and date of the e-signed PDFs: they live only in signature widget appearance streams.
STAMPED = {
    "kh-laichau-2025-3473-giam-phat-thai.pdf": ("Số: 3473 /KH-UBND", "Lai Châu, ngày 04 tháng 7 năm 2025"),
    "cd-vpcp-2025-2003-hoi-nghi-ma-tuy.pdf": ("Số: 2003 /CĐ-VPCP", "Hà Nội, ngày 07 tháng 10 năm 2025"),
    "cv-bnv-2025-12094-chi-so-cchc.pdf": ("Số: 12094 /BNV-CCHC", "Hà Nội, ngày 15 tháng 12 năm 2025"),
    "qd-gialai-syt-2026-3990-quy-trinh-xu-ly-van-ban.pdf": ("Số: 3990 /QĐ-SYT", "Gia Lai, ngày 30 tháng 7 năm 2026"),
    "qd-gialai-syt-2026-4085-bo-sung-phan-cong.pdf": ("Số 4085 /QĐ-SYT", "Gia Lai, ngày 04 tháng 8 năm 2026"),
    "qd-gialai-syt-2026-342-phan-cong.pdf": ("Số: 342 /QĐ-SYT", "Gia Lai, ngày 02 tháng 02 năm 2026"),
    "qd-lamdong-hdtd-2025-10797-to-giup-viec.pdf": ("Số: 10797 /QĐ-HĐTĐ", "Lâm Đồng, ngày 28 tháng 10 năm 2025"),
    "kh-bvhttdl-2025-3283-ky-niem-80-nam.pdf": ("Số: 3283 /KH-BVHTTDL", "Hà Nội, ngày 07 tháng 7 năm 2025"),
    "hd-thanhhoa-2025-141-phong-vhxh-khcn.pdf": ("Số: 141 /HD-UBND", "Thanh Hóa, ngày 03 tháng 7 năm 2025"),
    "pa-bariavungtau-2025-9351-sap-xep-bo-may.pdf": ("Số: 9351 /PA-UBND", "Bà Rịa-Vũng Tàu, ngày 13 tháng 06 năm 2025"),
    "bc-lamdong-2025-329-cchc.pdf": ("Số: 329 /BC-UBND", "Lâm Đồng, ngày 19 tháng 12 năm 2025"),
    "cv-bnv-2025-8977-tra-loi-snv-lamdong.pdf": ("Số: 8977 /BNV-TCPCP", "Hà Nội, ngày 06 tháng 10 năm 2025"),
    "gm-lamdong-2026-85-hop-cchc.pdf": ("Số: 85 /GM-UBND", "Lâm Đồng, ngày 19 tháng 01 năm 2026"),
}

_cache: dict[str, SourceDocument] = {}


def read(name: str) -> SourceDocument:
    if name not in _cache:
        p = DOCS / name
        _cache[name] = read_pdf(p, p.read_bytes())
    return _cache[name]


def cell_texts(doc: SourceDocument) -> list[str]:
    return [doc.raw_text[c.span[0] : c.span[1]] for c in doc.tables[0].cells]


def check_spans(doc: SourceDocument) -> None:
    n = len(doc.raw_text)
    for b in doc.blocks:
        a, z = b.span
        assert 0 <= a < z <= n
        text = doc.raw_text[a:z]
        assert text == text.strip(" \n"), text
        if b.kind != "stamp":
            assert "\n\n" not in text
            assert (a == 0 or doc.raw_text[a - 2 : a] == "\n\n") and (z == n or doc.raw_text[z : z + 2] == "\n\n")
    for t in doc.tables:
        for c in t.cells:
            assert any(b.span == c.span and b.kind == "table_cell" for b in doc.blocks)


@pytest.mark.parametrize("name", [n for n in PDFS if n not in SCANNED])
def test_text_pdf_reads_with_consistent_spans(name: str) -> None:
    doc = read(name)
    assert doc.format == "pdf" and doc.pages and len(doc.raw_text) > 500
    assert "\ufffe" not in doc.raw_text
    assert "\n\n\n" not in doc.raw_text
    check_spans(doc)
    # the body paragraphs are blocks and together cover almost all of the text
    covered = sum(b.span[1] - b.span[0] for b in doc.blocks if b.kind != "stamp")
    assert covered > 0.9 * len(doc.raw_text.replace("\n\n", ""))


@pytest.mark.parametrize("name", sorted(n for n in STAMPED if (DOCS / n).exists()))
def test_signature_stamp_number_and_date_land_in_the_header_cells(name: str) -> None:
    number, date = STAMPED[name]
    doc = read(name)
    cells = cell_texts(doc)
    assert any(c.startswith(number) for c in cells), cells
    assert date in cells, cells
    stamps = [doc.raw_text[b.span[0] : b.span[1]] for b in doc.blocks if b.kind == "stamp"]
    digits = number.split()[1]
    assert digits in stamps
    assert all(s.strip() and s.replace(" ", "").isalnum() for s in stamps)


def test_header_table_cells_in_reading_order() -> None:
    doc = read("kh-laichau-2025-3473-giam-phat-thai.pdf")
    header = doc.tables[0]
    assert (header.n_rows, header.n_cols) == (2, 2)
    assert cell_texts(doc) == [
        "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc",
        "Số: 3473 /KH-UBND",
        "Lai Châu, ngày 04 tháng 7 năm 2025",
    ]
    assert [(c.row, c.col) for c in header.cells] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert doc.raw_text.startswith("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n\nCỘNG HÒA")


def test_wrapped_lines_join_and_hyphen_at_line_end_is_kept() -> None:
    text = read("kh-laichau-2025-3473-giam-phat-thai.pdf").raw_text
    # "Nghị định số 06/2022/NĐ-" ends a line in the PDF, "CP ngày 07/01/2022" starts the next
    assert "Nghị định số 06/2022/NĐ-CP ngày 07/01/2022 của Chính phủ quy định" in text
    assert "\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n" in text


def test_page_numbers_are_dropped_and_paragraphs_rejoined_across_pages() -> None:
    doc = read("kh-laichau-2025-3473-giam-phat-thai.pdf")
    paras = [doc.raw_text[b.span[0] : b.span[1]] for b in doc.blocks if b.kind == "paragraph"]
    assert not [p for p in paras if p.strip().isdigit()]
    # every body paragraph that crosses a page break continues in lower case, never as a new paragraph
    bad = [p for p in paras if p[:1].islower() and not p.startswith(("a)", "b)", "c)", "d)", "đ)", "e)"))]
    assert len(bad) <= 2, bad[:3]


def test_assignment_table_rows_continue_across_pages() -> None:
    doc = read("kh-laichau-2025-3473-giam-phat-thai.pdf")
    big = max(doc.tables, key=lambda t: t.n_rows)
    assert big.n_cols >= 5 and big.n_rows >= 10
    pages = {b.page for b in doc.blocks if big.span[0] <= b.span[0] < big.span[1]}
    assert len(pages) >= 2
    first_row = " ".join(doc.raw_text[c.span[0] : c.span[1]] for c in big.cells if c.row == 0)
    assert "STT" in first_row and "chủ trì" in first_row.lower()
    # letters of the landscape cells stay in their order ("Nhệim vụ" before)
    assert "Nhiệm vụ" in first_row and "Thời gian thực hiện" in first_row


def test_repeated_header_rows_of_a_continued_table_are_dropped() -> None:
    doc = read("kh-laichau-2025-3473-giam-phat-thai.pdf")
    big = max(doc.tables, key=lambda t: t.n_rows)

    def row(k: int) -> dict[int, str]:
        return {c.col: doc.raw_text[c.span[0] : c.span[1]] for c in big.cells if c.row == k}

    texts = [row(k) for k in range(big.n_rows)]
    # the two header rows ("STT | Nhiệm vụ | … | Thời gian thực hiện", "Đến 2025 | 2026 – 2030") appear once
    assert sum("STT" in r.values() for r in texts) == 1
    assert sum("Đến 2025" in r.values() for r in texts) == 1
    # row II.3 (cut by the page break) keeps its own cells and gets its wrapped words back
    ii3 = next(r for r in texts if r.get(1, "").startswith("Xây dựng, nâng cấp cơ sở hạ tầng"))
    tail = "chất thải rắn phù hợp với đặc điểm các khu dân cư tập trung, đô thị, nông thôn"
    assert unicodedata.normalize("NFC", ii3[1]).endswith(tail)  # the PDF writes "các" as "ca" + U+0301
    assert ii3.get(5) == "2026 - 2030" and 4 not in ii3
    # merged cells report their extent
    spans = {doc.raw_text[c.span[0] : c.span[1]]: (c.row_span, c.col_span) for c in big.cells if c.row == 0}
    assert spans["STT"] == (2, 1) and spans["Thời gian thực hiện"] == (1, 2)
    heading = next(c for c in big.cells if doc.raw_text[c.span[0] : c.span[1]].startswith("Xây dựng và hoàn thiện"))
    assert heading.col_span == 6


@pytest.mark.parametrize(
    ("name", "shapes"),
    [
        # white boxes behind every line of text (Word shading) made 37×5 "tables" of body paragraphs
        ("ct-cantho-2025-13-trat-tu-atgt.pdf", []),
        ("cv-bnv-2025-12094-chi-so-cchc.pdf", []),
        ("qd-gialai-syt-2026-3990-quy-trinh-xu-ly-van-ban.pdf", []),
        ("kh-laichau-2025-3473-giam-phat-thai.pdf", [(13, 7)]),
        ("pa-bariavungtau-2025-9351-sap-xep-bo-may.pdf", [(34, 9)]),  # 3 header rows, 30 communes, total
    ],
)
def test_only_ruled_grids_are_tables(name: str, shapes: list[tuple[int, int]]) -> None:
    doc = read(name)
    ruled = [(t.n_rows, t.n_cols) for t in doc.tables[1:] if (t.n_rows, t.n_cols) != (1, 2)]  # header, closing
    assert ruled == shapes


def test_boxes_around_lines_of_text_are_no_grid() -> None:
    from vnadmin.read.pdf import _grid

    line = (85.0, 0.0, 539.0, 16.0)
    boxes = [[(85.0, 16.0 * k, 539.0, 16.0 * (k + 1)), None, None] for k in range(10)]
    boxes[4] = [(85.0, 64.0, 160.0, 80.0), (160.0, 64.0, 200.0, 80.0), (200.0, 64.0, 539.0, 80.0)]
    assert not _grid(boxes)  # one full-width "cell" a line, once split by a stray rule
    assert not _grid([[line, None], [(85.0, 16.0, 120.0, 32.0), (120.0, 16.0, 539.0, 32.0)]])
    grid = [[(85.0 + 100 * c, 16.0 * k, 185.0 + 100 * c, 16.0 * (k + 1)) for c in range(3)] for k in range(4)]
    grid[1] = [(85.0, 16.0, 385.0, 32.0), None, None]  # a section heading across the table
    assert _grid(grid)


def test_body_items_are_not_read_as_a_table() -> None:
    doc = read("ct-cantho-2025-13-trat-tu-atgt.pdf")
    paras = [doc.raw_text[b.span[0] : b.span[1]] for b in doc.blocks if b.kind == "paragraph"]
    for item in ("3. Thường trực Ban An toàn giao thông thành phố:", "5. Sở Nông nghiệp và Môi trường:"):
        assert item in paras
    assert not any(b.kind == "table_cell" and b.page == 3 for b in doc.blocks)


def test_statistics_tables_stay_tables() -> None:
    doc = read("bc-lamdong-2025-329-cchc.pdf")
    ruled = [t for t in doc.tables if t.n_cols >= 5]
    assert ruled and all(t.page and t.page >= 25 for t in ruled)
    assert sum(t.n_rows for t in ruled) >= 120
    assert not [t for t in doc.tables if t.page and 2 <= t.page <= 22]


def test_words_keep_their_letter_order() -> None:
    # letters drawn out of order (marks, fallback fonts) used to come out swapped: "đ i biạểu", "ng yà"
    text = read("pa-bariavungtau-2025-9351-sap-xep-bo-may.pdf").raw_text
    assert "Tổ đại biểu HĐND" in text and "đ i biạểu" not in text
    text = read("cv-bnv-2025-8977-tra-loi-snv-lamdong.pdf").raw_text
    assert "31-HD/BTCTW ngày 23/4/2025" in text


def test_words_in_a_font_without_unicode_map_are_reread_and_number_merged() -> None:
    # pdfium reads "ng‡y th·ng" (a font without a proper ToUnicode map, not TCVN3); pdfplumber reads it right
    doc = read("qd-gialai-2026-326-hoi-dong-boi-thuong.pdf")
    codes = {n.code for n in doc.notes}
    assert "font-reread" in codes and "legacy-font" not in codes
    assert any("ng‡y → ngày" in n.message for n in doc.notes if n.code == "font-reread")
    cells = cell_texts(doc)
    assert "Số: 326 /QĐ-UBND" in cells
    assert "Gia Lai, ngày 26 tháng 01 năm 2026" in cells
    assert "‡" not in doc.raw_text and "Sở Nông nghiệp" in doc.raw_text


def _tiny_pdf(lines: list[tuple[str, int, int, int, str]]) -> bytes:
    """A one-page PDF drawing ``(font, size, x, y, text)`` lines; text bytes are cp1252 (how legacy fonts map).

    Fonts: F1 ``.VnTime`` and F2 ``.VnTimeH`` (TCVN3), F3 ``VNI-Times`` (VNI), F4 Helvetica (not legacy).
    """

    def esc(b: bytes) -> bytes:
        return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    content = b"".join(
        b"BT /%s %d Tf %d %d Td (%s) Tj ET\n" % (f.encode(), size, x, y, esc(t.encode("cp1252")))
        for f, size, x, y, t in lines
    )
    descriptor = b"/Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /StemV 80"
    fonts = [
        b"<< /Type /Font /Subtype /TrueType /BaseFont /%s /Encoding /WinAnsiEncoding"
        b" /FontDescriptor << /Type /FontDescriptor /FontName /%s %s >> >>" % (f, f, descriptor)
        for f in (b".VnTime", b".VnTimeH", b"VNI-Times", b"Helvetica")
    ]
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R /F4 8 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *fonts,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_legacy_font_words_are_converted_and_unicode_text_is_not() -> None:
    tcvn3_body = "Thùc hiÖn kÕ ho¹ch sè 12 ngµy 15 th¸ng 3 n¨m 2024 cña ñy ban nh©n d©n tØnh vÒ c«ng t¸c d©n vËn."
    data = _tiny_pdf(
        [
            ("F2", 14, 230, 780, "quyÕt ®Þnh"),
            ("F1", 13, 72, 740, "Céng hoµ x· héi chñ nghÜa ViÖt Nam"),
            ("F1", 13, 72, 720, "§éc lËp - Tù do - H¹nh phóc"),
            ("F3", 13, 72, 700, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            ("F1", 13, 72, 660, tcvn3_body),
            ("F4", 12, 72, 620, "Plan 2024: Céng hoµ"),
        ]
    )
    doc = read_pdf(Path("tcvn3.pdf"), data)
    paras = doc.raw_text.split("\n\n")
    # the same text as the Unicode original, line for line
    assert paras[:5] == [
        "QUYẾT ĐỊNH",
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Thực hiện kế hoạch số 12 ngày 15 tháng 3 năm 2024 của ủy ban nhân dân tỉnh về công tác dân vận.",
    ]
    # the same bytes in a font that is not legacy are left alone, and flagged instead of converted
    assert paras[5] == "Plan 2024: Céng hoµ"
    notes = {n.code: n.message for n in doc.notes}
    assert "TCVN3" in notes["legacy-converted"] and "VNI" in notes["legacy-converted"]
    assert "hoµ" in notes["legacy-font"]


def test_annotation_recursion_files_survive() -> None:
    for name in (
        "qd-gialai-syt-2026-3990-quy-trinh-xu-ly-van-ban.pdf",
        "qd-gialai-syt-2026-4085-bo-sung-phan-cong.pdf",
    ):
        doc = read(name)
        assert not [n for n in doc.notes if n.code == "table-finder-failed"]


def test_closing_table_keeps_recipients_and_signature_apart() -> None:
    doc = read("qd-gialai-syt-2026-4085-bo-sung-phan-cong.pdf")
    closing = doc.tables[-1]
    left, right = (doc.raw_text[c.span[0] : c.span[1]] for c in closing.cells)
    assert left.startswith("Nơi nhận:") and "\n- " in left
    assert "GIÁM ĐỐC" in right and "Nơi nhận" not in right and "- " not in right.split("\n")[0]


def test_esignature_box_in_page_content_leaves_the_flow() -> None:
    doc = read("lenh-ctn-2025-08-cong-bo-luat.pdf")
    assert "Người ký" not in doc.raw_text and "Thời gian ký" not in doc.raw_text
    assert any(n.code == "e-signature" for n in doc.notes)
    assert "Số: 08/2025/L-CTN" in cell_texts(doc)
    assert "CÔNG BÁO" not in doc.raw_text


@pytest.mark.parametrize("name,code", sorted((n, c) for n, c in SCANNED.items() if (DOCS / n).exists()))
def test_scanned_pdfs_raise_no_text_layer(name: str, code: str) -> None:
    p = DOCS / name
    with pytest.raises(NoTextLayer) as e:
        read_pdf(p, p.read_bytes())
    msg = str(e.value)
    assert "\n" not in msg and name in msg and "OCR" in msg
    if code == "garbled-ocr":
        assert "garbled" in msg
    if code == "stamp-only":
        assert "stamp" in msg


def test_ocr_function_is_used_for_scanned_pages() -> None:
    p = DOCS / "cv-cucthue-2025-2309-chinh-sach-tien-thue-dat.pdf"
    calls: list[list[int]] = []

    def fake_ocr(path: Path, pages: list[int]) -> list[OcrLine]:
        calls.append(pages)
        return [
            OcrLine(1, "BỘ TÀI CHÍNH", 80, 60, 200, 74, 13),
            OcrLine(1, "Kính gửi: Công ty", 90, 200, 300, 214, 13),
            OcrLine(
                1,
                "Cục Thuế nhận được công văn của Công ty đề nghị hướng dẫn chính sách tiền thuê đất.",
                72,
                240,
                520,
                254,
                13,
            ),
        ]

    doc = read_pdf(p, p.read_bytes(), ocr=fake_ocr)
    assert calls == [[1]]
    assert "Kính gửi: Công ty" in doc.raw_text and "Cục Thuế nhận được" in doc.raw_text
    assert all(b.ocr for b in doc.blocks)
    assert any(n.code == "scanned" for n in doc.notes)


def test_garbage_collector_state_is_restored_after_reading() -> None:
    """The reader pauses the cyclic collector while it works; it must give it back as it found it,
    also when reading fails."""
    import gc

    p = DOCS / "gm-lamdong-2026-85-hop-cchc.pdf"
    assert gc.isenabled()
    read_pdf(p, p.read_bytes())
    assert gc.isenabled()
    with pytest.raises(NoTextLayer):
        scanned = DOCS / sorted(SCANNED)[0]
        read_pdf(scanned, scanned.read_bytes())
    assert gc.isenabled()
    gc.disable()
    try:
        read_pdf(p, p.read_bytes())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_hyphen_at_line_end_found_in_the_last_characters() -> None:
    """``_HYPHEN_END`` is searched in the last three characters only: the same answers as on the whole text."""
    from vnadmin.read.pdf import _HYPHEN_END

    for text in ["218-", "số 218-\n", "a -", "-", "x\ufffe", "QĐ-UBND", "abc- ", " -\n", "Nghị quyết 218-"]:
        assert bool(_HYPHEN_END.search(text[-3:])) == bool(_HYPHEN_END.search(text)), text


def test_stamp_text_read_from_one_text_page() -> None:
    """The flattened page's text is the page's own text, then the stamp's (as when read unflattened)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from vnadmin.read.pdf_signatures import flatten_page, stamp_annotation_rects, stamp_text_start

    path = Path(__file__).resolve().parents[1] / "corpus" / "docs" / "kh-laichau-2025-3473-giam-phat-thai.pdf"
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        assert stamp_annotation_rects(page)
        tp = page.get_textpage()
        own = tp.get_text_range()
        tp.close()
        objects = pdfium_c.FPDFPage_CountObjects(page)
        page = flatten_page(pdf, 0, page)
        tp = page.get_textpage()
        n = pdfium_c.FPDFText_CountChars(tp.raw)
        start = stamp_text_start(page, tp, objects, n)
        assert start == len(own) < n
        assert tp.get_text_range(0, start) == own
        assert tp.get_text_range(start, n - start).startswith("\r\n3473")
        tp.close()
        page.close()
    finally:
        pdf.close()
