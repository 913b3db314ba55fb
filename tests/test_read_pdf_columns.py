"""PDF reader: reading order of side-by-side cells (letterhead, closing block) and of ruled table cells,
on the LibreOffice PDF twins of Word documents (corpus/twins)."""

from __future__ import annotations

from pathlib import Path

import vnadmin
from vnadmin.model.layout import SourceDocument
from vnadmin.read.pdf import read_pdf

TWINS = Path(__file__).resolve().parent.parent / "corpus" / "twins"

_cache: dict[str, SourceDocument] = {}


def read(name: str) -> SourceDocument:
    if name not in _cache:
        p = TWINS / name
        _cache[name] = read_pdf(p, p.read_bytes())
    return _cache[name]


def cells(doc: SourceDocument, k: int) -> list[str]:
    return [doc.raw_text[c.span[0] : c.span[1]] for c in doc.tables[k].cells]


def test_letterhead_with_a_narrow_gutter_on_its_first_row_keeps_its_columns() -> None:
    # First row: the issuer's line nearly fills its cell, less than a font size from the motto's first line.
    doc = read("kh-ubbc-phobang-2025-tieu-ban-tuyen-truyen.pdf")
    header = doc.tables[0]
    assert (header.n_rows, header.n_cols) == (2, 2)
    assert cells(doc, 0) == [
        "ỦY BAN BẦU CỬ XÃ PHỐ BẢNG\nTIỂU BAN THÔNG TIN, TUYÊN\nTRUYỀN, KHÁNH TIẾT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Số: 01/KH-TBTTKT",
        "Phố Bảng, ngày 10 tháng 12 năm 2025",
    ]
    issuer_end = doc.raw_text.index("KHÁNH TIẾT")
    assert "CỘNG HÒA" not in doc.raw_text[:issuer_end] and "Độc lập" not in doc.raw_text[:issuer_end]


def test_closing_block_cut_by_a_page_break_goes_on_in_its_cells() -> None:
    # "Nơi nhận" list and signature side by side; the list's last items and the signer's name on the next page.
    doc = read("kh-lamdong-2025-cchc-2026.pdf")
    closing = next(t for t in doc.tables if (t.n_rows, t.n_cols) == (1, 2) and t is not doc.tables[0])
    left, right = (doc.raw_text[c.span[0] : c.span[1]] for c in closing.cells)
    assert left.startswith("Nơi nhận:\n- Bộ Nội vụ;")
    assert left.endswith(
        "- UBND các xã, phường, đặc khu;\n- Các cơ quan Đoàn thể cấp tỉnh;\n"
        "- Báo và Phát thanh, Truyền hình Lâm Đồng;\n- Trung tâm Phục vụ hành chính công tỉnh;\n"
        "- Lưu: VT, NC.Châu"
    )
    assert right == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Ngọc Phúc"
    assert closing.page == 10
    assert all("Nguyễn Ngọc Phúc" not in line for line in left.split("\n"))
    # the closing cells' boxes are those of their first page
    boxes = [b for b in doc.blocks if b.kind == "table_cell" and b.span in {c.span for c in closing.cells}]
    assert all(b.page == 10 and b.bbox is not None and b.bbox.top > 400 for b in boxes)


def test_signer_name_is_never_on_a_recipients_line() -> None:
    text = read("kh-lamdong-2025-cchc-2026.pdf").raw_text
    assert "Nguyễn Ngọc Phúc" in text
    assert all(not (line.startswith("- ") and "Nguyễn Ngọc Phúc" in line) for line in text.split("\n"))


def test_ruled_table_cell_keeps_the_characters_of_its_lines_in_order() -> None:
    # "52", "/", "2015": the slash's box sits a hair lower than the digits' (a sort by height misplaced it).
    doc = read("kh-lamdong-2025-cchc-2026.pdf")
    cell = next(
        doc.raw_text[c.span[0] : c.span[1]]
        for t in doc.tables
        for c in t.cells
        if "Theo Điều 17" in doc.raw_text[c.span[0] : c.span[1]]
    )
    assert "Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ" in cell
    assert "52 2015//" not in doc.raw_text and "/ /5" not in doc.raw_text


def test_title_whose_first_line_fills_the_width_is_one_paragraph() -> None:
    # the PDF twin of kh-ubbc-phobang-2025: the title's first line runs margin to margin, the next are centred
    doc = vnadmin.parse(TWINS / "kh-ubbc-phobang-2025-tieu-ban-tuyen-truyen.pdf", ocr="never")
    assert doc.metadata.title is not None
    assert doc.metadata.title.endswith("nhiệm kỳ 2026 - 2031 trên địa bàn xã Phố Bảng")
