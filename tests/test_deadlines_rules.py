"""Deadline rules from gold-set genres: windows, labelled time fields, durations, open-ended periods.

Every sentence is taken from a corpus document (the id is in the case name).
"""

from __future__ import annotations

import datetime as dt

import pytest

from vnadmin.extract.deadlines import find_cell_deadlines, find_deadlines

# (doc, sentence, reference year, expected (text, date or rrule) in order)
FOUND: list[tuple[str, str, int, list[tuple[str, str]]]] = [
    # "từ … đến …" windows: the window's end is the deadline, the hit is the "đến …" part.
    (
        "kh-mttq-baccamranh-2025",
        "+ Đợt 1: Trong khoảng thời gian từ ngày 01/12/2025 đến ngày 14/12/2025.",
        2025,
        [("đến ngày 14/12/2025", "2025-12-14")],
    ),
    (
        "kh-mttq-baccamranh-2025",
        "* Thời gian thực hiện: Trong khoảng thời gian từ ngày 17/12/2025 đến 17 giờ 00, ngày 01/02/2026.",
        2025,
        [("đến 17 giờ 00, ngày 01/02/2026", "2026-02-01")],
    ),
    (
        "kh-mttq-baccamranh-2025",
        "- Công tác vận động bầu cử: Trong khoảng thời gian từ ngày 26/02/2026 đến 05 giờ 00 ngày 14/3/2026.",
        2025,
        [("đến 05 giờ 00 ngày 14/3/2026", "2026-03-14")],
    ),
    (
        "kh-ubbc-phobang-2025",
        "2.2. Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026",
        2025,
        [("đến ngày bầu cử 15/3/2026", "2026-03-15")],
    ),
    # A labelled time field is read like a table's time cell (bare month, wrapped line).
    (
        "kh-bacninh-2025-141",
        "Thời gian thực hiện: Tháng\n12/2025.\n\n- Cập nhật",
        2025,
        [("Tháng\n12/2025", "2025-12-31")],
    ),
    ("kh-bacninh-2025-141", "Thời gian thực hiện: Quý II/2025.", 2025, [("Quý II/2025", "2025-06-30")]),
    # "hằng năm (trước ngày …)": the yearly report day in parentheses.
    (
        "kh-bacninh-2025-141",
        "Định kỳ báo cáo UBND tỉnh (qua Sở Tư pháp) kết quả thực hiện Kế hoạch hằng năm\n(trước ngày 15 tháng 11) hoặc "
        "theo đề nghị",
        2025,
        [("hằng năm\n(trước ngày 15 tháng 11)", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15")],
    ),
    (
        "kh-bacninh-2025-141",
        "xây dựng Kế hoạch triển khai xong trong tháng 12/2025.",
        2025,
        [("xong trong tháng 12/2025", "2025-12-31")],
    ),
    # A time limit anchored by "kể từ" stays a relative deadline even when written "trong thời gian".
    (
        "synthetic-anchor",
        "trả lời trong thời gian 05 ngày làm việc, kể từ ngày nhận được hồ sơ",
        2025,
        [("trong thời gian 05 ngày làm việc, kể từ ngày nhận được hồ sơ", "")],
    ),
]


def _key(d_date: dt.date | None, rrule: str | None) -> str:
    return d_date.isoformat() if d_date else (rrule or "")


@pytest.mark.parametrize(("doc", "sentence", "year", "expected"), FOUND, ids=[f"{c[0]}:{c[1][:40]}" for c in FOUND])
def test_found(doc: str, sentence: str, year: int, expected: list[tuple[str, str]]) -> None:
    found = find_deadlines(sentence, year)
    for d in found:
        assert sentence[d.span[0] : d.span[1]] == d.text
    assert [(d.text, _key(d.date, d.recurrence.rrule if d.recurrence else None)) for d in found] == expected


NOT_DEADLINES: list[tuple[str, str]] = [
    # a planned start of works, not a due date
    (
        "tb-lamdong-2026-ket-luan-cao-toc",
        "- Chủ trì, phối hợp chặt chẽ với Ban Quản lý dự án đầu tư xây dựng số 1, Nhà đầu tư và địa phương trong việc "
        "tập trung giải phóng mặt bằng các đoạn tuyến mà dự kiến khởi công trước ngày 30/4/2026, trong đó:",
    ),
    # effective period of a resolution (wrapped "hiệu lực thi\nhành kể từ …")
    (
        "nq-hdnd-hue-2025-37",
        "Nghị quyết này có hiệu lực thi\nhành kể từ ngày 18 tháng 11 năm 2025 đến ngày 31 tháng 12 năm 2025.",
    ),
    # duration of a public posting, not a time limit
    ("nq-hdnd-hue-2025-37", "xét duyệt tại trụ sở Ủy ban nhân dân xã/phường trong thời gian 02 ngày làm việc;"),
    # an event's dates in an aside
    (
        "kh-hcm-2025-174",
        "- Nội dung: Triển khai Tháng\nhành động (từ ngày 15/11 đến ngày 15/12) và hưởng ứng “Ngày Quốc tế”",
    ),
    # article ranges and windows without a date
    ("kh-mttq-baccamranh-2025", "theo quy định từ Điều 57 đến Điều 61 của Luật Bầu cử năm 2015"),
    ("kh-mttq-baccamranh-2025", "Từ ngày thành lập Uỷ ban bầu cử đến ngày kết thúc cuộc bầu cử."),
    # a start date and open-ended periods in a time field
    ("kh-bacninh-2025-141", "Thời gian thực hiện: Từ\n01/7/2025.\n\n7. Đẩy mạnh"),
    ("kh-hcm-2025-172", "- Thời gian thực hiện: Năm 2025 và các năm tiếp theo."),
    ("kh-laichau-2025-7360", "- Thời gian thực hiện: Quý\nIV năm 2025 và các năm tiếp theo."),
    ("kh-bacninh-2025-141", "Thời gian thực hiện: Giai\nđoạn 2026-2030 và những năm tiếp theo."),
    ("kh-bacninh-2025-141", "- Thời gian thực hiện: Hằng\nnăm."),
    # a window whose start is a data period
    ("synthetic-data-period", "Số liệu báo cáo tính từ ngày 15/12/2024 đến ngày 14/12/2025."),
    # a bare "trong tháng" after the work being carried out says when it happens, not by when it is due
    (
        "tb-lamdong-2026-ket-luan-cao-toc",
        "để triển khai một số hạng mục trong tháng 4/2026 tại các vị trí đã cam kết của Nhà đầu tư",
    ),
    (
        "tb-lamdong-2026-ket-luan-cao-toc",
        "bảo đảm triển khai thi công các hạng mục theo kế hoạch trong tháng 4/2026 và các tháng tiếp theo",
    ),
    (
        "tb-lamdong-2026-ket-luan-cao-toc",
        "trong đó lưu ý các vị trí triển khai thi công trong tháng 4/2026; đồng thời, rà soát phương án thi công",
    ),
]


# "yêu cầu đến [date] phải …": a date the work must be done by (the work located in a month is kept apart).
@pytest.mark.parametrize(
    ("doc", "sentence", "expected"),
    [
        (
            "tb-lamdong-2026-ket-luan-cao-toc",
            "+ Đối với dự án cao tốc Bảo Lộc – Liên Khương: Tập trung ưu tiên giải phóng mặt bằng tại vị trí từ "
            "Km161+750 đến Km171+600, yêu cầu đến 30/5/2026 phải bàn giao toàn bộ mặt bằng cho đơn vị thi công.",
            [("đến 30/5/2026", "2026-05-30")],
        ),
        (
            "tb-lamdong-2026-ket-luan-cao-toc",
            "bảo đảm thời gian UBND Phường 2 Bảo Lộc hoàn thành việc phê duyệt toàn bộ phương án trong tháng 4/2026",
            [("trong tháng 4/2026", "2026-04-30")],
        ),
    ],
)
def test_due_by_and_located_work(doc: str, sentence: str, expected: list[tuple[str, str]]) -> None:
    found = find_deadlines(sentence, 2026)
    for d in found:
        assert sentence[d.span[0] : d.span[1]] == d.text
    assert [(d.text, _key(d.date, None)) for d in found] == expected


# Schedule cells: a clock-time slot dates an event ("kh-lamdong-2026-tuyen-truyen-cchc"), a quarter range gives its
# end ("kh-hanoi-2025-310-ha-tang-5g-iot").
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1", []),
        ("Quý IV/2025- Quý II/2026", ["Quý II/2026"]),
    ],
)
def test_schedule_cells(cell: str, expected: list[str]) -> None:
    assert [d.text for d in find_cell_deadlines(cell, 2026)] == expected


@pytest.mark.parametrize(("doc", "sentence"), NOT_DEADLINES, ids=[f"{c[0]}:{c[1][:40]}" for c in NOT_DEADLINES])
def test_not_deadlines(doc: str, sentence: str) -> None:
    assert [d.text for d in find_deadlines(sentence, 2025) if d.relative != "continuous"] == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Từ tháng 3/2024", []),
        ("Năm 2025 và các năm tiếp theo", []),
        ("Từ tháng 3/2024 đến tháng 6/2024", ["tháng 6/2024"]),
        ("Năm 2025", ["Năm 2025"]),
    ],
)
def test_cell_starts_and_open_periods(cell: str, expected: list[str]) -> None:
    assert [d.text for d in find_cell_deadlines(cell, 2024)] == expected


def test_span_given_with_its_dates_closes_on_the_end_date() -> None:
    """ "trong 10 ngày làm việc (từ … đến …)" (kh-cantho-2025-157): the bracketed window's end, not the span."""
    sentence = (
        "- Đợt 01 dự kiến: Cao điểm tập\ntrung trong 10 ngày làm việc (từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng "
        "12\nnăm 2025);"
    )
    found = find_deadlines(sentence, 2025)
    assert [(d.text, d.date) for d in found] == [("đến ngày 03 tháng 12\nnăm 2025", dt.date(2025, 12, 3))]


@pytest.mark.parametrize(
    ("cell", "rrule", "relative"),
    [
        # a table's time column: a quarter every year, a limit counted from an event
        ("Quý IV hằng năm", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1", None),
        ("Trong quý I hằng năm", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", None),
        ("Sau 03 tháng kể từ ngày Luật có hiệu lực", None, "P3M from ngày Luật có hiệu lực"),
    ],
)
def test_yearly_quarters_and_limits_after_an_event(cell: str, rrule: str | None, relative: str | None) -> None:
    (d,) = find_cell_deadlines(cell, 2025)
    assert (d.recurrence.rrule if d.recurrence else None, d.relative) == (rrule, relative)
    assert d.date is None
