"""Segmentation rules taken from real layouts (each case cites the corpus file it comes from)."""

from __future__ import annotations

import pytest

import vnadmin
from vnadmin.segment.body import parse_sections, section_title
from vnadmin.segment.closing import find_closing
from vnadmin.segment.header import parse_header


def labels(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []

    def walk(sections, level):  # type: ignore[no-untyped-def]
        for s in sections:
            out.append((s.label, level))
            walk(s.children, level + 1)

    walk(parse_sections(text, [(0, len(text))]), 1)
    return out


def test_closing_table_read_row_by_row() -> None:
    # kh-lamdong-2026-kiem-tra-cchc.docx: "Nơi nhận:" | "KT. CHỦ TỊCH" in the first row, the list | position below.
    text = (
        "thực hiện./.\n\nNơi nhận:\n\nKT. CHỦ TỊCH\n\n- Chủ tịch, PCT. UBND tỉnh (Đ/c Phúc);\n"
        "- Các cơ quan chuyên môn thuộc UBND tỉnh;\n- Lưu: VT, NC.\n\nPHÓ CHỦ TỊCH\nNguyễn Ngọc Phúc"
    )
    closing = find_closing(text, 0, len(text))
    assert closing.recipients.items == ["Chủ tịch, PCT. UBND tỉnh (Đ/c Phúc)", "Các cơ quan chuyên môn thuộc UBND tỉnh"]
    assert closing.recipients.archive_line == "Lưu: VT, NC"
    sig = closing.signature
    assert sig is not None
    assert (sig.authority, sig.position, sig.name) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc")


def test_recipients_resume_after_the_signature_cell() -> None:
    # the PDF twin of nq-hdnd-quangninh-2025-99: the list runs past the signature in a two-column closing table
    text = (
        "thông qua ngày 16 tháng 12 năm 2025./.\n\nNơi nhận:\n- Ủy ban Thường vụ Quốc hội (báo cáo);\n"
        "- Đoàn đại biểu Quốc hội tỉnh;\n\nCHỦ TỊCH\nTrịnh Thị Minh Thanh\n\n- Đại biểu HĐND tỉnh khóa XIV;\n\n"
        "- Công báo tỉnh;\n\n- Lưu: VT, HĐ8.\n"
    )
    closing = find_closing(text, 0, len(text))
    assert closing.recipients.items == [
        "Ủy ban Thường vụ Quốc hội (báo cáo)",
        "Đoàn đại biểu Quốc hội tỉnh",
        "Đại biểu HĐND tỉnh khóa XIV",
        "Công báo tỉnh",
    ]
    assert closing.recipients.archive_line == "Lưu: VT, HĐ8"
    assert closing.signature is not None
    assert (closing.signature.position, closing.signature.name) == ("CHỦ TỊCH", "Trịnh Thị Minh Thanh")


def test_two_items_on_one_line_and_position_naming_its_unit() -> None:
    # cv-bnv-2025-8977: "- Như trên;- Bộ trưởng (để b/c);" and "VỤ TRƯỞNG" / "VỤ TỔ CHỨC PHI CHÍNH PHỦ".
    text = (
        "Nơi nhận:\n- Như trên;- Bộ trưởng (để b/c);\n- Lưu: VT, TCPCP.\n\n"
        "TL. BỘ TRƯỞNG\nVỤ TRƯỞNG\nVỤ TỔ CHỨC PHI CHÍNH PHỦ\nThang Thị Hạnh"
    )
    closing = find_closing(text, 0, len(text))
    assert closing.recipients.items == ["Như trên", "Bộ trưởng (để b/c)"]
    for item, span in zip(closing.recipients.items, closing.recipients.spans, strict=True):
        assert text[span[0] : span[1]] == item
    sig = closing.signature
    assert sig is not None
    assert (sig.position, sig.name) == ("VỤ TRƯỞNG VỤ TỔ CHỨC PHI CHÍNH PHỦ", "Thang Thị Hạnh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nq-hdnd-hue-2025-37: a reference wrapped before its number is not item 12.
        ("a) Sửa đổi khoản 1\n\nb) Sửa đổi khoản 2\n\nc) Bãi bỏ Điều\n12.", [("a", 1), ("b", 1), ("c", 1)]),
        # kh-bacninh-2025-141: a year range wrapped before its dash is not a bullet.
        ("4. Trong giai đoạn 2026\n- 2030 phấn đấu có ít nhất 10%.", [("4", 1)]),
        ("1. Mục tiêu\n- Bảo đảm an toàn;\n- 2030 là mốc.", [("1", 1), ("-", 2), ("-", 2)]),
    ],
)
def test_wrapped_numbers_are_not_labels(text: str, expected: list[tuple[str, int]]) -> None:
    assert labels(text) == expected


@pytest.mark.parametrize(
    ("para", "title"),
    [
        ("1.1. Mục tiêu 1. Lĩnh vực chính trị", "Mục tiêu 1. Lĩnh vực chính trị"),  # a heading line, whole
        ("4. Sở Văn hóa, Thể thao và Du lịch; Báo Cần Thơ:", "Sở Văn hóa, Thể thao và Du lịch; Báo Cần Thơ"),
        ("2. Kiến nghị, đề xuất giải pháp trong thời gian tới./.", "Kiến nghị, đề xuất giải pháp trong thời gian tới"),
        ("a) Làm đúng quy định về thuế,... khi thẩm định; báo cáo.", "Làm đúng quy định về thuế,... khi thẩm định"),
        ("1. Sở Nội vụ: Tham mưu; theo dõi việc thực hiện.", "Sở Nội vụ"),
        ("2.2. Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026", "Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026"),
        ("b) Đối với xã, phường: Mỗi xã chọn 02 trường hợp", "Đối với xã, phường"),
        ("a) Nội dung bám sát kế hoạch năm 2025. Tổ chức thiết thực, hiệu quả", "Nội dung bám sát kế hoạch năm 2025"),
    ],
)  # fmt: skip
def test_section_titles(para: str, title: str) -> None:
    start = para.index(" ") + 1
    assert section_title(para, start, len(para)) == title


def test_invitation_without_subject_line_has_no_title() -> None:
    # gm-lamdong-2026-85: "GIẤY MỜI" is followed directly by the body sentence.
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: 85 /GM-UBND\n\nLâm Đồng, ngày 19 tháng 01 năm 2026\n\nGIẤY MỜI\n\n"
        "Thực hiện Chương trình công tác của Ủy ban nhân dân tỉnh tháng 01/2026, Ủy ban nhân dân tỉnh tổ chức "
        "Họp đánh giá công tác cải cách hành chính năm 2025.\n\n1. Chủ trì: Đồng chí Phó Chủ tịch."
    )
    h = parse_header(text)
    assert h.doc_type == "Giấy mời" and h.title is None
    assert text[h.body_start :].lstrip().startswith("Thực hiện Chương trình")


def test_standing_committee_is_named_with_its_body() -> None:
    # kh-mttq-baccamranh-2025: "ỦY BAN MTTQ VIỆT NAM / PHƯỜNG BẮC CAM RANH / BAN THƯỜNG TRỰC".
    text = (
        "ỦY BAN MTTQ VIỆT NAM\nPHƯỜNG BẮC CAM RANH\nBAN THƯỜNG TRỰC\nSố: /KH-MTTQ-BTT\n\n"
        "Bắc Cam Ranh, ngày tháng 11 năm 2025\n\nKẾ HOẠCH\n\nKiểm tra, giám sát công tác bầu cử"
    )
    h = parse_header(text)
    assert h.issuer == "Ban Thường trực Ủy ban MTTQ Việt Nam phường Bắc Cam Ranh"
    assert h.parent_issuer == "Ủy ban MTTQ Việt Nam phường Bắc Cam Ranh"


def test_docx_closing_table_end_to_end() -> None:
    from tests.conftest import CORPUS

    doc = vnadmin.parse(CORPUS / "kh-lamdong-2026-kiem-tra-cchc.docx")
    assert doc.signature is not None and doc.signature.name == "Nguyễn Ngọc Phúc"
    assert len(doc.recipients) == 4 and doc.archive_line is not None


def test_type_name_with_subject_on_the_same_line() -> None:
    # cd-vpcp-2025-2003: "CÔNG ĐIỆN mời dự Hội nghị …".
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\n\nSố: 2003 /CĐ-VPCP\n\nHà Nội, ngày 07 tháng 10 năm 2025\n\n"
        "CÔNG ĐIỆN mời dự Hội nghị triển khai Chương trình\n\nVĂN PHÒNG CHÍNH PHỦ điện:"
    )
    h = parse_header(text)
    assert (h.doc_type, h.title) == ("Công điện", "mời dự Hội nghị triển khai Chương trình")


def test_blank_number_and_day_are_warned_only_when_blank() -> None:
    draft = vnadmin.parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: /KH-UBND\n\nLâm Đồng, ngày tháng 12 năm 2025\n\nKẾ HOẠCH\nX"
    )
    assert {w.code for w in draft.warnings} == {"blank-number", "blank-date"}
    plain = vnadmin.parse_text("KẾ HOẠCH\nThực hiện công tác dân vận\n\nI. MỤC ĐÍCH")
    assert plain.warnings == []


def test_unsigned_draft_keeps_the_position() -> None:
    # kh-lamdong-2025-ctmtqg-pcmt-2030.doc ends with the position alone.
    text = "Nơi nhận:\n- Tỉnh ủy;\n- Lưu: VT, NC.\n\nCHỦ TỊCH"
    sig = find_closing(text, 0, len(text)).signature
    assert sig is not None and (sig.position, sig.name) == ("CHỦ TỊCH", None)


def test_subject_line_ending_with_a_full_stop_is_still_the_title() -> None:
    # qd-bgddt-2025-2605 (scan): the trích yếu is long and ends with "."; an unreadable serial ends the issuer.
    text = (
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: /QĐ-BGDĐT\n\nHà Nội, ngày 16 tháng 9 năm 2025\n\nQUYẾT ĐỊNH\n\n"
        "Về việc thành lập Bộ phận Một cửa tại trụ sở cơ quan và công bố danh mục thủ tục hành chính của "
        "Bộ Giáo dục và Đào tạo.\n\nBỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO"
    )
    h = parse_header(text)
    assert h.title is not None and h.title.startswith("Về việc thành lập Bộ phận Một cửa")
    assert h.issuer == "Bộ Giáo dục và Đào tạo" and h.number_blank


def test_addressees_of_a_letter_and_of_a_cable_are_not_sections() -> None:
    # cv-bnv-2025-12094 ("Kính gửi:" and dash items) and cd-vpcp-2025-2003 ("VĂN PHÒNG CHÍNH PHỦ điện:").
    letter = vnadmin.parse_text(
        "BỘ NỘI VỤ\nSố: 12094/BNV-CCHC\nV/v hướng dẫn triển khai\n\nHà Nội, ngày 15 tháng 12 năm 2025\n\n"
        "Kính gửi:\n\n- Các bộ, cơ quan ngang bộ;\n\n- Ủy ban nhân dân tỉnh, thành phố.\n\n"
        "Thực hiện Quyết định số 1187/QĐ-BNV, Bộ Nội vụ hướng dẫn như sau:\n\n1. Mục đích"
    )
    assert letter.metadata.addressees == ["Các bộ, cơ quan ngang bộ", "Ủy ban nhân dân tỉnh, thành phố"]
    assert [s.label for s in letter.sections] == ["1"]
    cable = vnadmin.parse_text(
        "VĂN PHÒNG CHÍNH PHỦ\n\nSố: 2003 /CĐ-VPCP\n\nHà Nội, ngày 07 tháng 10 năm 2025\n\nCÔNG ĐIỆN mời dự Hội nghị\n\n"
        "VĂN PHÒNG CHÍNH PHỦ điện:\n\n- Các Bộ: Công an, Tư pháp;\n\n- Tòa án nhân dân tối cao;\n\nI. THỜI GIAN"
    )
    assert cable.metadata.addressees == ["Các Bộ: Công an, Tư pháp", "Tòa án nhân dân tối cao"]
    assert [s.label for s in cable.sections] == ["I"]


def test_an_ocr_read_one_before_two_is_an_item_not_a_roman_part() -> None:
    # qd-gialai-stc-2026-203 (scan): "1." read as "I." by Tesseract; a roman part I is never followed by "2."
    text = "Điều 1. Nguyên tắc\n\nI. Lãnh đạo Sở là một tập thể.\n\n2. Giám đốc Sở là người đứng đầu.\n"
    (article,) = parse_sections(text, [(0, len(text))])
    assert [(s.label, s.kind) for s in article.children] == [("1", "arabic"), ("2", "arabic")]
    text = "I. MỤC ĐÍCH\n\n1. Mục đích\n\n2. Yêu cầu\n\nII. NỘI DUNG\n"
    assert [(s.label, s.kind) for s in parse_sections(text, [(0, len(text))])] == [("I", "roman"), ("II", "roman")]


def test_an_ocr_read_roman_part_repeating_its_predecessor() -> None:
    # kh-bca-2025-589 (scan): "III." read as "II." between "II." and "IV."
    text = "I. MỤC ĐÍCH\n\nII. THỜI GIAN\n\nII. NỘI DUNG\n\nIV. PHÂN CÔNG\n"
    assert [s.label for s in parse_sections(text, [(0, len(text))])] == ["I", "II", "III", "IV"]


def test_lettered_parts_above_roman_parts() -> None:
    # ministry directives and reports: "A. KẾT QUẢ …", "B. NHIỆM VỤ …" hold roman parts; "A. Nguyễn" is no label
    text = (
        "A. KẾT QUẢ THỰC HIỆN NĂM 2025\n\nI. CÔNG TÁC CHỈ ĐẠO\n\n1. Kết quả\n\nB. NHIỆM VỤ NĂM 2026\n\n"
        "I. NHIỆM VỤ CHUNG\n\nA. Nguyễn Văn An phụ trách.\n"
    )
    parts = parse_sections(text, [(0, len(text))])
    assert [(s.label, s.kind) for s in parts] == [("A", "lettered_part"), ("B", "lettered_part")]
    assert [(c.label, c.level) for c in parts[0].children] == [("I", 2)]
    assert parts[0].children[0].children[0].label == "1"
