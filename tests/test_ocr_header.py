"""Header and signature of scanned documents: real OCR readings (words and confidences as Tesseract gave them
on the corpus scans), laid out and parsed.

Each fixture is a few lines copied from a scan's OCR result; the comments name the scan.
"""

from __future__ import annotations

import pytest

from vnadmin.model.base import BoundingBox
from vnadmin.read import ocr
from vnadmin.read.lookalikes import fix_line, fix_word
from vnadmin.segment.closing import complete_name, find_signature
from vnadmin.segment.header import parse_header


def _words(y: float, x: float, *words: tuple[str, float]) -> list[ocr.OcrWord]:
    out = []
    for text, conf in words:
        width = 6.0 * len(text)
        out.append(ocr.OcrWord(fix_word(text), BoundingBox(x0=x, top=y, x1=x + width, bottom=y + 12), conf))
        x += width + 4
    return out


def _line(*cells: list[ocr.OcrWord]) -> ocr.OcrLine:
    return ocr.OcrLine(words=tuple(w for c in cells for w in c), block=1, par=1)


def _ws(text: str, conf: float = 96.0) -> list[tuple[str, float]]:
    return [(w, conf) for w in text.split(" ")]


def _header(
    number_words: list[tuple[str, float]], issuer: tuple[str, str] = ("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐÒNG")
) -> str:
    """The letterhead of page 1 laid out, its number cell read as ``number_words``."""
    page = ocr.OcrPage(
        page=1,
        width=595.0,
        height=842.0,
        lines=(
            _line(
                _words(60, 70, *_ws(issuer[0], 96.0)),
                _words(60, 300, *_ws("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 96.0)),
            ),
            _line(
                _words(76, 80, *_ws(issuer[1], 93.0)),
                _words(76, 330, *_ws("Độc lập - Tự do - Hạnh phúc", 95.0)),
            ),
            _line(
                _words(94, 75, *number_words),
                _words(94, 320, *_ws("Lâm Đông, ngày 13 tháng 11 năm 2025", 96.0)),
            ),
            _line(_words(140, 260, ("THÔNG", 91.0), ("BÁO", 90.0))),
            _line(_words(160, 120, *_ws("Kết luận của đồng chí Chủ tịch", 96.0))),
        ),
    )
    return "\n\n".join(p.text for p in ocr.layout_page(page, first=True))


@pytest.mark.parametrize(
    ("number_words", "number", "code"),
    [
        # cv-cucthue-2025-2309: a pen-written 2309 read "2303" at 3% confidence.
        ([("Số:", 96), ("2303", 3), ("/CT-CS", 92)], None, "CT"),
        # qd-lamdong-2025-1716: a handwritten 1716 read "4/6" at 36%.
        ([("Số:", 94), ("4/6", 36), ("/QĐ-UBND", 55)], None, "QĐ"),
        # tb-lamdong-2025-493: "Số" read "Só", glued to a handwritten 493 read "¿92".
        ([("Só:¿92", 58), ("/TB-UBND", 92)], None, "TB"),
        # qd-ttg-2025-932: handwritten 932 glued to its code.
        ([("Số:", 93), ("Ở32/QĐ-TTg", 66)], None, "QĐ"),
        # Typed serials are kept: tb-vpcp-2025-328, qd-bgddt-2025-2605.
        ([("Số:", 93), ("328/TB-VPCP", 91)], "328/TB-VPCP", "TB"),
        ([("Số:", 97), ("2605", 93), ("/QĐ-BGDĐT", 51)], "2605/QĐ-BGDĐT", "QĐ"),
    ],
)
def test_badly_read_serial_is_blank_and_ends_the_issuer(
    number_words: list[tuple[str, float]], number: str | None, code: str
) -> None:
    text = _header(number_words)
    h = parse_header(text)
    assert h.number == number
    assert h.doc_type_code == code
    assert h.number_blank == (number is None)
    # The number line ends the issuer lines: no "Só:¿92 /TB-UBND" glued to the issuer's name.
    assert h.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert h.issued_date is not None and h.issued_date.isoformat() == "2025-11-13"


def test_misread_letterhead_words() -> None:
    # kh-tctlntw-2026-996: "TỔ CÔNG TÁC LIÊN NGÀNH TW" read with a hook for the circumflex-hook.
    text = _header([("Só:đÓ6", 0), ("/KH-TCTLNTW-C04", 81)], ("BỘ CÔNG AN", "TỎ CÔNG TÁC LIÊN NGÀNH TW"))
    h = parse_header(text)
    assert h.issuer == "Tổ công tác liên ngành TW"
    assert h.parent_issuer == "Bộ Công an"
    assert h.number is None and h.number_blank


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Só:¿92", "Số:¿92"),
        ("S6:", "Số:"),
        ("Sô:", "Số:"),
        ("Só", "Só"),
        ("Sổ:", "Sổ:"),
        ("buôi", "buổi"),
        ("đên", "đến"),
        ("đen", "đen"),
        ("\\", ""),
    ],
)
def test_number_word_lookalikes(raw: str, fixed: str) -> None:
    assert fix_word(raw) == fixed


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("TỈNH LÂM ĐỎNG", "TỈNH LÂM ĐỒNG"),
        ("Lâm Đông, ngày 13 tháng 11 năm 2025", "Lâm Đồng, ngày 13 tháng 11 năm 2025"),
        ("KT. TỎ TRƯỞNG", "KT. TỔ TRƯỞNG"),
        ("Thiêu tướng Trương Minh Đương", "Thiếu tướng Trương Minh Đương"),
        ("CÔNG AN TINH LÂM ĐỒNG", "CÔNG AN TỈNH LÂM ĐỒNG"),
        ("GIAM ĐÓC", "GIÁM ĐỐC"),
        ("Kin: gủi: Văn phòng Ủy ban nhân dân tỉnh", "Kính gửi: Văn phòng Ủy ban nhân dân tỉnh"),
        # Title words read without a mark, on the corpus scans.
        ("Về việc thành lập Hội đồng thâm định, đánh giá", "Về việc thành lập Hội đồng thẩm định, đánh giá"),
        ("Về việc phần công nhiệm vụ Lãnh đạo Sở", "Về việc phân công nhiệm vụ Lãnh đạo Sở"),
        # Left alone: real words.
        ("TINH THẦN ĐOÀN KẾT", "TINH THẦN ĐOÀN KẾT"),
        ("phần công việc còn lại", "phần công việc còn lại"),
        ("BÀY TỎ Ý KIẾN", "BÀY TỎ Ý KIẾN"),
        ("gió Đông", "gió Đông"),
    ],
)
def test_letterhead_line_lookalikes(raw: str, fixed: str) -> None:
    assert fix_line(raw) == fixed


def _signature(text: str) -> tuple[str | None, str | None]:
    sig, _ = find_signature(text, 0, len(text))
    assert sig is not None
    return sig.name, sig.position


def test_name_under_a_seal_completed_from_the_recipients() -> None:
    # tb-vpcp-2025-328: a black seal over "PHÓ" and "Phạm"; the recipients name the signer in full.
    text = (
        "Nơi nhận:\n- Thủ tướng Chính phủ;\n- VPCP: BTCN, các PCN: Nguyễn Sỹ Hiệp,\nPhạm Mạnh Cường, .\n"
        "- Lưu: VT, CN (2b). ĐTQy\n\nKT. BO TRƯỞNG, CHỦ NHIỆM\nđồ CHỦ NHIỆM\n\nMạnh Cường"
    )
    assert _signature(text) == ("Phạm Mạnh Cường", None)


def test_name_after_the_delegation_when_the_position_is_lost() -> None:
    # cv-cucthue-2025-2309: "PHÓ TRƯỞNG BAN" not read under the seal (the scan prints "Vân").
    text = "TL. CỤC TRƯỞNG\nKT. TRƯỞNG BAN BA\nHÍNH SÁCH, THUẾ QUỐC TẾ\n\nNguyễn Vân Hùng"
    assert _signature(text)[0] == "Nguyễn Vân Hùng"


def test_name_after_scrawl_and_unit_lines_without_rank() -> None:
    # kh-tctlntw-2026-996: the signature read as marks, the signer's unit under the title, a police rank.
    text = "KT. TỔ TRƯỞNG\nPHO TƠ TRƯỢNG THƯỜNG TRỰC\n\nZZ~—\n=5\n\nCUC CẢNH SÁT ĐTTP VẺ MA TÚY\nĐại tá Bùi Duy Hưng"
    assert _signature(text) == ("Bùi Duy Hưng", "PHO TƠ TRƯỢNG THƯỜNG TRỰC")


def test_complete_name_only_from_one_family_name() -> None:
    assert complete_name("Mạnh Cường", "các PCN: Phạm Mạnh Cường và Trần Mạnh Cường") == "Mạnh Cường"
    assert complete_name("Nguyễn Hùng", "ông Trần Nguyễn Hùng") == "Nguyễn Hùng"
    assert complete_name("Phạm Mạnh Cường", "Phạm Mạnh Cường") == "Phạm Mạnh Cường"


def test_title_ends_at_an_addressee_line_under_it() -> None:
    # ttr-ca-lamdong-2025-409: "Kính gửi: …" on the line under the title, read in the same paragraph.
    text = (
        "CÔNG AN TỈNH LÂM ĐỒNG\n\nSố: /TTr-CAT(PC04)\n\nLâm Đồng, ngày 26 tháng 11 năm 2025\n\nTỜ TRÌNH\n\n"
        "Về việc thành lập hội đồng cấp tỉnh xét duyệt địa bàn cấp xã không\n"
        "ma túy và đề nghị xét duyệt địa bàn cấp tỉnh không ma túy\n"
        "Kin: gủi: Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng\n\nThực hiện Kết luận số 132-KL/TW"
    )
    fixed = _fixed(text)
    h = parse_header(fixed)
    assert h.title == (
        "Về việc thành lập hội đồng cấp tỉnh xét duyệt địa bàn cấp xã không ma túy và đề nghị xét duyệt "
        "địa bàn cấp tỉnh không ma túy"
    )
    assert fixed[h.body_start :].lstrip().startswith("Kính gửi: Văn phòng")


def _fixed(text: str) -> str:
    """Line look-alikes fixed on each line, as the OCR layout does."""
    return "\n".join(fix_line(line) for line in text.split("\n"))


def test_roman_labels_of_parts_read_glued_or_as_h() -> None:
    from vnadmin.read.lookalikes import fix_line

    # kh-bca-2025-589 (scan): the space after "I." lost, "II." read as "H."
    assert fix_line("I.MỤC ĐÍCH, YÊU CẦU") == "I. MỤC ĐÍCH, YÊU CẦU"
    assert fix_line("H. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN") == "II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"
    assert fix_line("H. Nguyễn Văn A") == "H. Nguyễn Văn A"  # an initial before a name stays
