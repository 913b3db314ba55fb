"""OCR: look-alike fixes, the layout of OCR'd words (synthetic pages), and Tesseract on one real scan."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from vnadmin.errors import MissingTool
from vnadmin.model.base import BoundingBox
from vnadmin.read import ocr
from vnadmin.read.lookalikes import FIXES, fix_line, fix_word

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "docs"
SCAN = CORPUS / "qd-bgddt-2025-2605-bo-phan-mot-cua.pdf"
HAVE_TESSERACT = shutil.which("tesseract") is not None
# In CI the OCR tests must run (.ci/run installs tesseract-ocr tesseract-ocr-vie); elsewhere they may skip.
needs_tesseract = pytest.mark.skipif(
    not HAVE_TESSERACT and not os.environ.get("CI"),
    reason="tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-vie)",
)


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("QÐ-UBND", "QĐ-UBND"),
        ("ÐỊNH", "ĐỊNH"),
        ("QUYÉT", "QUYẾT"),
        ("Viét", "Viết"),
        ("2605/QĐĐ-BGDĐT", "2605/QĐ-BGDĐT"),
        ("973⁄/QĐ-BGDĐT", "973/QĐ-BGDĐT"),
        ("6l", "61"),
        ("l1", "11"),
        ("2O25", "2025"),
        ("ngàyl6", "ngày 16"),
        ("CỌNG", "CỘNG"),
        ("Điều", "Điều"),
        ("Phó", "Phó"),
        ("Ilà", "Ilà"),
        ("THUÉ", "THUẾ"),
        ("Thué", "Thuế"),
        ("quét", "quét"),
        ("BÔ", "BỘ"),
    ],
)
def test_lookalikes(raw: str, fixed: str) -> None:
    assert fix_word(raw) == fixed


def test_lookalike_table_rows_are_documented() -> None:
    assert all(f.note and f.pattern for f in FIXES)
    assert fix_line("THÀNH PHÓ HÒ CHÍ MINH") == "THÀNH PHỐ HỒ CHÍ MINH"
    assert fix_line("PHÓ CHỦ TỊCH") == "PHÓ CHỦ TỊCH"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        # Each from a corpus scan's OCR text.
        ("Hà Nội. ngày 16 tháng 9 năm 2025", "Hà Nội, ngày 16 tháng 9 năm 2025"),
        ("TÍNH HÀ NAM", "TỈNH HÀ NAM"),
        ("CHÍNH SÁCH, THUẾ QUỐC TÉ", "CHÍNH SÁCH, THUẾ QUỐC TẾ"),
        ("THÔNG BẢO", "THÔNG BÁO"),
        ("KẺ HOẠCH", "KẾ HOẠCH"),
        ("THÀNH PHỐ HỎ CHÍ MINH", "THÀNH PHỐ HỒ CHÍ MINH"),
        ("THỨ TRƯƠNG", "THỨ TRƯỞNG"),
        ("PHÓ CHỦ TỊCH THƯỜNG TRỤC", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"),
        # Left alone: real words in other places.
        ("cách tính phí", "cách tính phí"),
        ("Ông Trương Văn A", "Ông Trương Văn A"),
        ("hoàn thành. Ngày 5 tháng 6", "hoàn thành. Ngày 5 tháng 6"),
    ],
)
def test_line_lookalikes(raw: str, fixed: str) -> None:
    assert fix_line(raw) == fixed


def _line(y: float, *cells: tuple[float, str], block: int = 1, conf: float = 95.0) -> ocr.OcrLine:
    """A line at height y: each cell starts at x and its words are 6 pt apart (12 pt high words)."""
    words = []
    for x, text in cells:
        pos = x
        for w in text.split():
            width = 6.0 * len(w)
            words.append(ocr.OcrWord(w, BoundingBox(x0=pos, top=y, x1=pos + width, bottom=y + 12), conf))
            pos += width + 4
    return ocr.OcrLine(words=tuple(words), block=block, par=1)


def _page(lines: list[ocr.OcrLine], page: int = 1) -> ocr.OcrPage:
    return ocr.OcrPage(page=page, width=595.0, height=842.0, lines=tuple(lines))


def test_two_column_header_left_then_right_and_body_paragraphs() -> None:
    page = _page(
        [
            # Tesseract often reads the two header cells as one line.
            _line(60, (70, "ỦY BAN NHÂN DÂN"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
            _line(76, (80, "TỈNH HÀ NAM"), (330, "Độc lập - Tự do - Hạnh phúc")),
            _line(110, (75, "Số: 61/2023/QĐ-UBND"), (320, "Hà Nam, ngày 22 tháng 12 năm 2023")),
            _line(140, (260, "QUYẾT ĐỊNH")),
            _line(160, (150, "Về việc triển khai Nghị quyết số 04/2023/NQ-HĐND")),
            _line(176, (200, "trên địa bàn tỉnh Hà Nam")),
            _line(220, (100, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và")),
            _line(236, (70, "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ năm 2019;")),
            _line(260, (100, "Điều 1. Triển khai thực hiện Nghị quyết.")),
        ]
    )
    paras = [p.text for p in ocr.layout_page(page, first=True, last=True)]
    assert paras[:4] == [
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM",
        "Số: 61/2023/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Hà Nam, ngày 22 tháng 12 năm 2023",
    ]
    assert "QUYẾT ĐỊNH" in paras
    assert "Về việc triển khai Nghị quyết số 04/2023/NQ-HĐND\ntrên địa bàn tỉnh Hà Nam" in paras
    assert paras[-2].startswith("Căn cứ Luật Tổ chức") and paras[-2].count("\n") == 1
    assert paras[-1] == "Điều 1. Triển khai thực hiện Nghị quyết."


def test_closing_zone_recipients_then_signer_and_page_number_footer() -> None:
    page = _page(
        [
            _line(100, (100, "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.")),
            _line(140, (70, "Nơi nhận:"), (360, "TM. ỦY BAN NHÂN DÂN")),
            _line(154, (70, "- Như Điều 3;"), (380, "KT. CHỦ TỊCH")),
            _line(168, (70, "- Lưu: VT, KT."), (375, "PHÓ CHỦ TỊCH")),
            _line(240, (370, "Nguyễn Anh Chức")),
            _line(800, (290, "2")),
        ],
        page=2,
    )
    laid = ocr.layout_page(page, last=True)
    assert [p.text for p in laid] == [
        "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.",
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, KT.",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "Nguyễn Anh Chức",
        "2",
    ]
    assert laid[-1].kind == "page_footer"
    assert laid[1].bbox.x1 < 300 < laid[2].bbox.x0


def test_unread_handwritten_serial_is_left_blank() -> None:
    page = _page(
        [
            _line(60, (70, "ỦY BAN NHÂN DÂN"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
            _line(76, (80, "TỈNH HẢI DƯƠNG"), (330, "Độc lập - Tự do - Hạnh phúc")),
            _line(110, (75, "Số: 6Œ /QĐ-UBND"), (320, "Hải Dương, ngày 10 tháng 01 năm 2011")),
            _line(140, (260, "QUYẾT ĐỊNH")),
        ]
    )
    paras = [p.text for p in ocr.layout_page(page, first=True)]
    assert "Số: /QĐ-UBND" in paras  # the serial's words dropped
    read = _page([_line(110, (75, "Số: 61 /2023/QĐ-UBND"), (320, "Hà Nam, ngày 22 tháng 12 năm 2023"))])
    assert "Số: 61 /2023/QĐ-UBND" in [p.text for p in ocr.layout_page(read, first=True)]


def test_title_over_two_centred_lines_is_one_paragraph() -> None:
    page = _page(
        [
            _line(100, (100, "Điều 1. Một dòng thân văn bản kéo dài gần hết chiều rộng của trang này.")),
            _line(140, (260, "QUYẾT ĐỊNH")),
            _line(160, (100, "Về việc bổ sung công chức, viên chức làm việc tại Bộ phận Tiếp nhận và")),
            _line(176, (180, "Trả kết quả giải quyết thủ tục hành chính")),
            _line(210, (100, "Căn cứ Nghị định số 37/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ")),
        ]
    )
    paras = [p.text for p in ocr.layout_page(page)]
    assert (
        "Về việc bổ sung công chức, viên chức làm việc tại Bộ phận Tiếp nhận và\n"
        "Trả kết quả giải quyết thủ tục hành chính"
    ) in paras


def test_signature_zone_is_right_of_the_recipients_from_the_closing_row() -> None:
    page = _page(
        [
            _line(100, (100, "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.")),
            _line(140, (70, "Nơi nhận:"), (360, "TM. ỦY BAN NHÂN DÂN")),
            _line(154, (70, "- Như Điều 3;"), (380, "KT. CHỦ TỊCH")),
            _line(168, (70, "- Lưu: VT, KT."), (375, "PHÓ CHỦ TỊCH")),
        ]
    )
    zone = ocr.signature_zone(page)
    assert zone is not None
    assert 160 < zone.x0 < 360 and zone.x1 == page.width
    assert 130 < zone.top < 140 and zone.bottom > 300
    assert ocr.signature_zone(_page(page.lines[:1])) is None


def test_incoming_mail_stamp_moved_out_of_the_letterhead() -> None:
    page = _page(
        [
            _line(40, (60, "ĐẾN Số: 1234 Ngày: 30/6/2025")),
            _line(60, (70, "VĂN PHÒNG CHÍNH PHỦ"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
            _line(100, (75, "Số: 328/TB-VPCP"), (320, "Hà Nội, ngày 27 tháng 6 năm 2025")),
            _line(140, (260, "THÔNG BÁO")),
        ]
    )
    laid = ocr.layout_page(page, first=True)
    assert laid[-1].kind == "stamp" and laid[-1].text.startswith("ĐẾN")
    assert all("1234" not in p.text for p in laid[:-1])


def test_missing_tesseract_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    ocr.tesseract_version.cache_clear()
    monkeypatch.setattr(shutil, "which", lambda name: None)
    try:
        with pytest.raises(MissingTool, match="tesseract-ocr tesseract-ocr-vie"):
            ocr.ocr_pdf(SCAN, SCAN.read_bytes(), None, 1)
    finally:
        ocr.tesseract_version.cache_clear()


@needs_tesseract
def test_scanned_page_read_with_boxes_and_confidence() -> None:
    data = SCAN.read_bytes()
    src = ocr.ocr_source_document(SCAN, data, jobs=1, dpi=200)
    assert src.format == "pdf" and src.pages == 1
    assert src.blocks and all(b.ocr and b.page == 1 and b.bbox is not None for b in src.blocks)
    for b in src.blocks:
        assert b.bbox is not None and 0 <= b.bbox.x0 < b.bbox.x1 <= 596 and 0 <= b.bbox.top < b.bbox.bottom <= 843
    text = src.raw_text
    assert "BỘ GIÁO DỤC VÀ ĐÀO TẠO" in text
    assert "2605/QĐ-BGDĐT" in text.replace(" /", "/")
    assert "QUYẾT ĐỊNH" in text
    # Left header cell before the right one; blocks point at their text.
    assert text.index("BỘ GIÁO DỤC VÀ ĐÀO TẠO") < text.index("CỘNG HÒA")
    assert any(text[b.span[0] : b.span[1]].startswith("Điều 1.") for b in src.blocks)
    note = next(n for n in src.notes if n.code == "ocr")
    assert note.page == 1 and "confidence" in note.message


@needs_tesseract
def test_sideways_scan_is_turned_upright(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(SCAN.read_bytes())
    pdf[0].set_rotation(90)
    out = tmp_path / "sideways.pdf"
    pdf.save(str(out))
    pdf.close()
    result = ocr.ocr_pdf(out, out.read_bytes(), [1], 1, dpi=200)
    page = result.pages[0]
    assert page.rotation == 270
    assert page.width < page.height
    assert "CỘNG HÒA" in page.text and "QUYẾT ĐỊNH" in page.text


def test_closing_zone_found_when_noi_nhan_is_read_as_two_cells() -> None:
    # qd-gialai-stc-2026-203 (scan): "Nơi" and "nhận:" read apart at a wide letter gap; a seal's mark "m"
    page = _page(
        [
            _line(100, (100, "Điều 4. Các Phó Giám đốc Sở chịu trách nhiệm thi hành Quyết định này./.")),
            _line(140, (75, "Nơi"), (115, "nhận:")),
            _line(154, (76, "- Như Điều 4;"), (400, "GIÁM ĐỐC")),
            _line(168, (75, "- UBND các xã, phường;"), (401, "m")),
            _line(182, (75, "- Lưu: VT, VP."), (403, "Trần Cang")),
        ],
        page=7,
    )
    assert [p.text for p in ocr.layout_page(page, last=True)] == [
        "Điều 4. Các Phó Giám đốc Sở chịu trách nhiệm thi hành Quyết định này./.",
        "Nơi nhận:\n- Như Điều 4;\n- UBND các xã, phường;\n- Lưu: VT, VP.",
        "GIÁM ĐỐC",
        "Trần Cang",
    ]
