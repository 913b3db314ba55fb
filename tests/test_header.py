"""Header zone on real documents: number, date, place, issuer, type and title, against the hand-made gold."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS, GOLD
from vnadmin.normalize import fold
from vnadmin.segment.header import family_of_number, parse_header

TEXT_GOLD = sorted(p for p in GOLD.glob("*.json") if (CORPUS / f"{p.stem}.txt").exists())


@pytest.mark.parametrize("gold_path", TEXT_GOLD, ids=lambda p: p.stem)
def test_header_matches_gold(gold_path) -> None:  # type: ignore[no-untyped-def]
    import vnadmin

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    m = vnadmin.parse(CORPUS / f"{gold_path.stem}.txt").metadata
    assert m.number == gold["number"]
    assert (m.issued_date.isoformat() if m.issued_date else None) == gold["issued_date"]
    assert m.doc_type == gold["doc_type"]
    assert fold(m.issuer or "") == fold(gold["issuer"] or "")
    assert fold(m.title or "") == fold(gold["title"] or "")


@pytest.mark.parametrize(
    ("text", "number", "place", "date", "issuer", "parent"),
    [
        # Two header columns read row by row into one line each (PDF extractors do this).
        (
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc\n"
            "Số: 134 /KH-UBND Lào Cai, ngày 26 tháng 3 năm 2026\n\nKẾ HOẠCH\nVề việc thử",
            "134/KH-UBND", "Lào Cai", "2026-03-26", "Ủy ban nhân dân tỉnh Lào Cai", None,
        ),
        # Parent body above the issuer; "Số" without a colon.
        (
            "UBND TỈNH GIA LAI\nSỞ Y TẾ\n\nSố 4085 /QĐ-SYT\n\nGia Lai, ngày 12 tháng 8 năm 2026\n\nQUYẾT ĐỊNH\nVề việc",
            "4085/QĐ-SYT", "Gia Lai", "2026-08-12", "Sở Y tế", "UBND tỉnh Gia Lai",
        ),
        # Draft: blank serial and day.
        (
            "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: /KH-UBND\n\nLâm Đồng, ngày tháng 12 năm 2025\n\nKẾ HOẠCH\nCải cách",
            None, "Lâm Đồng", None, "Ủy ban nhân dân tỉnh Lâm Đồng", None,
        ),
        # Party document: banner instead of the motto, hyphen after the serial.
        (
            "TỈNH ỦY TUYÊN QUANG\nBAN DÂN VẬN\n*\nSố 02-HD/BDVTU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Tuyên Quang, ngày 10 tháng 9 năm 2021\n\nHƯỚNG DẪN\nVận động đảng viên",
            "02-HD/BDVTU", "Tuyên Quang", "2021-09-10", "Ban Dân vận", "Tỉnh ủy Tuyên Quang",
        ),
    ],
)  # fmt: skip
def test_header_layouts(text: str, number, place, date, issuer, parent) -> None:  # type: ignore[no-untyped-def]
    h = parse_header(text)
    assert h.number == number
    assert h.place == place
    assert (h.issued_date.isoformat() if h.issued_date else None) == date
    assert h.issuer == issuer
    assert h.parent_issuer == parent
    if number:
        assert text[h.evidence["number"].span[0] : h.evidence["number"].span[1]].replace(" ", "") == number


def test_official_letter_has_no_type_line() -> None:
    text = (
        "BỘ NỘI VỤ\nSố: 8977/BNV-TCBC\nV/v trả lời đề nghị của\nSở Nội vụ tỉnh Lâm Đồng\n"
        "Hà Nội, ngày 10 tháng 10 năm 2025\n\nKính gửi: Sở Nội vụ tỉnh Lâm Đồng.\n\nBộ Nội vụ nhận được văn bản."
    )
    h = parse_header(text)
    assert h.doc_type == "Công văn" and h.doc_type_code is None
    assert h.number == "8977/BNV-TCBC"
    assert h.title == "V/v trả lời đề nghị của Sở Nội vụ tỉnh Lâm Đồng"
    assert h.issuer == "Bộ Nội vụ"


@pytest.mark.parametrize(
    ("number", "family"),
    [("30/2020/NĐ-CP", "normative"), ("10/2022/QH15", "normative"), ("25-NQ/TW", "party"),
     ("05-CTrPH/BDVTU-BCSĐ UBND", "party"), ("12/UBND-VX", "administrative"), ("65/KH-UBND", "administrative")],
)  # fmt: skip
def test_family_of_number(number: str, family: str) -> None:
    assert family_of_number(number) == family


def test_title_lines_split_into_paragraphs_are_joined() -> None:
    # the PDF twin of tb-lamdong-2026-ket-luan-cao-toc: every title line came out as a paragraph of its own
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: 12/TB-UBND\n\nLâm Đồng, ngày 25 tháng 4 năm 2026\n\nTHÔNG BÁO\n\n"
        "Kết luận của đồng chí Nguyễn Hồng Hải - Ủy viên Ban\n\nThường vụ Tỉnh ủy,\n\n"
        "Phó Chủ tịch UBND tỉnh kiểm tra tiến độ GPMB tuyến cao tốc Tân Phú\n\n– Bảo Lộc\n\n"
        "Ngày 24/4/2026, đồng chí Nguyễn Hồng Hải kiểm tra công tác chuẩn bị thi công.\n"
    )
    h = parse_header(text)
    assert h.title == (
        "Kết luận của đồng chí Nguyễn Hồng Hải - Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh kiểm tra "
        "tiến độ GPMB tuyến cao tốc Tân Phú – Bảo Lộc"
    )
