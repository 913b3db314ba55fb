"""Deadlines: corpus sentences (tests/cases/deadlines_corpus.tsv), periods, and generated phrases."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

from vnadmin.extract.deadlines import find_cell_deadlines, find_deadlines, find_periods, parse_period

CASES = Path(__file__).parent / "cases" / "deadlines_corpus.tsv"


def _cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_case_file_is_large_enough() -> None:
    assert len(_cases()) >= 100


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c['doc']}:{c['deadline'][:30]}")
def test_corpus_sentence(case: dict[str, str]) -> None:
    sentence = case["sentence"]
    found = find_deadlines(sentence, int(case["year"]))
    match = [d for d in found if d.text == case["deadline"]]
    assert match, [d.text for d in found]
    d = match[0]
    assert sentence[d.span[0] : d.span[1]] == d.text
    assert (d.date.isoformat() if d.date else "") == case["date"]
    assert (d.recurrence.rrule if d.recurrence else "") == case["rrule"]
    assert (d.relative or "") == case["relative"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ",
        "Kế hoạch phát triển kinh tế xã hội 5 năm 2021-2025 của tỉnh",
        "Nghị quyết số 55/2023/NQ-HĐND ngày 07/12/2023 của Hội đồng nhân dân tỉnh",
        "mức tiền phạt không quá 1/2 mức tiền phạt đối với người thành niên",
        "Tổng chi ngân sách địa phương thực hiện đến hết ngày 10/12/2025",
        "Thường xuyên tiến hành công tác dân vận",
        "dự kiến tổ chức vào tháng 4 năm 2025",
    ],
)
def test_not_deadlines(sentence: str) -> None:
    assert find_deadlines(sentence, 2025) == []


def test_example_plan_reporting_sentence() -> None:
    text = (
        "báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh (qua Sở Nội vụ tổng hợp) trước ngày 20/4/2024; "
        "phân công lãnh đạo. Đối với báo cáo tháng chậm nhất trong ngày 15 hằng tháng; báo cáo quý trước 20 tháng "
        "cuối quý; báo cáo 6 tháng trước 30/6/2024; báo cáo năm trước ngày 10/12/2024."
    )
    found = find_deadlines(text, dt.date(2024, 3, 15))
    assert [(d.text, d.what) for d in found] == [
        ("trước ngày 20/4/2024", "báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh (qua Sở Nội vụ tổng hợp)"),
        ("chậm nhất trong ngày 15 hằng tháng", "báo cáo tháng"),
        ("trước 20 tháng cuối quý", "báo cáo quý"),
        ("trước 30/6/2024", "báo cáo 6 tháng"),
        ("trước ngày 10/12/2024", "báo cáo năm"),
    ]
    assert found[2].recurrence is not None
    assert found[2].recurrence.rrule == "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"


@pytest.mark.parametrize(
    ("cell", "date", "kind"),
    [
        ("Tháng 6/2024", dt.date(2024, 6, 30), "month"),
        ("Quý II/2024", dt.date(2024, 6, 30), "quarter"),
        ("Quý IV", dt.date(2024, 12, 31), "quarter"),
        ("Năm 2024", dt.date(2024, 12, 31), "year"),
        ("6 tháng đầu năm 2024", dt.date(2024, 6, 30), "half_year"),
        ("Trước ngày 25/6/2024", dt.date(2024, 6, 25), None),
        ("30/9", dt.date(2024, 9, 30), None),
        ("Từ tháng 3/2024 đến tháng 6/2024", dt.date(2024, 6, 30), "month"),
        ("Tháng 11", dt.date(2024, 11, 30), "month"),
    ],
)
def test_cell_deadlines(cell: str, date: dt.date, kind: str | None) -> None:
    (d,) = find_cell_deadlines(cell, 2024)
    assert d.date == date
    assert (d.period.kind if d.period else None) == kind


def test_cell_continuous() -> None:
    (d,) = find_cell_deadlines("Thường xuyên")
    assert (d.date, d.relative) == (None, "continuous")


def test_before_a_month_is_the_day_before_it() -> None:
    (d,) = find_deadlines("hoàn thành trước tháng 6/2024", 2024)
    assert d.date == dt.date(2024, 5, 31)


def test_periods_are_kept_apart() -> None:
    text = "Đề án giai đoạn 2021-2025; báo cáo trước ngày 10/12/2024; kế hoạch năm 2024"
    deadlines = find_deadlines(text, 2024)
    periods = find_periods(text, exclude=[d.span for d in deadlines])
    assert [p.text for p in periods] == ["giai đoạn 2021-2025", "năm 2024"]
    assert [d.text for d in deadlines] == ["trước ngày 10/12/2024"]
    period = parse_period("giai đoạn 2021-2025")
    assert period is not None and (period.start, period.end) == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))


# ---- generated phrases ----------------------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))


def _pad(n: int, pad: bool) -> str:
    return f"{n:02d}" if pad else str(n)


@given(dates, st.booleans(), st.sampled_from(["trước ngày", "chậm nhất ngày", "chậm nhất là ngày", "hoàn thành trước"]))
def test_generated_numeric_dates(day: dt.date, pad: bool, trigger: str) -> None:
    phrase = f"{trigger} {_pad(day.day, pad)}/{_pad(day.month, pad)}/{day.year}"
    (d,) = find_deadlines(f"Gửi báo cáo {phrase}.", 2000)
    assert (d.text, d.date) == (phrase, day)


@given(dates, st.sampled_from(["trước", "chậm nhất"]))
def test_generated_worded_dates(day: dt.date, trigger: str) -> None:
    phrase = f"{trigger} ngày {day.day} tháng {day.month} năm {day.year}"
    (d,) = find_deadlines(f"Hoàn thiện hồ sơ, gửi {phrase}", 2000)
    assert (d.text, d.date) == (phrase, day)


@given(dates)
def test_generated_partial_dates_take_the_reference_year(day: dt.date) -> None:
    phrase = f"trước {day.day}/{day.month}"
    (d,) = find_deadlines(f"báo cáo {phrase};", day.year)
    assert d.date == day


ROMAN = ["I", "II", "III", "IV"]


@given(st.integers(1990, 2060), st.integers(1, 12), st.booleans())
def test_generated_months_close_on_their_last_day(year: int, month: int, worded: bool) -> None:
    phrase = f"trong tháng {month} năm {year}" if worded else f"trong tháng {month}/{year}"
    (d,) = find_deadlines(f"hoàn thành {phrase}", 2000)
    assert d.date is not None and d.period is not None
    assert d.date.month == month and (d.date + dt.timedelta(days=1)).day == 1
    assert d.period.start == dt.date(year, month, 1)


@given(st.integers(1990, 2060), st.integers(1, 4))
def test_generated_quarters(year: int, quarter: int) -> None:
    (d,) = find_deadlines(f"triển khai trong quý {ROMAN[quarter - 1]}/{year}", 2000)
    assert d.date is not None and d.date.month == 3 * quarter and (d.date + dt.timedelta(days=1)).day == 1


START = dt.datetime(2024, 1, 1)


def _occurrences(rule: str, n: int = 8) -> list[dt.datetime]:
    return list(rrulestr(rule, dtstart=START))[:n] if "COUNT" in rule else _first(rule, n)


def _first(rule: str, n: int) -> list[dt.datetime]:
    out = []
    for occ in rrulestr(rule, dtstart=START):
        out.append(occ)
        if len(out) == n:
            break
    return out


@given(
    st.integers(1, 28),
    st.sampled_from(["chậm nhất trong ngày {d} hằng tháng", "trước ngày {d} hằng tháng", "trước ngày {d} hàng tháng"]),
)
def test_generated_monthly(day: int, form: str) -> None:
    (d,) = find_deadlines("báo cáo tháng " + form.format(d=day), 2024)
    assert d.recurrence is not None
    occ = _first(d.recurrence.rrule, 12)
    assert [o.day for o in occ] == [day] * 12
    assert [o.month for o in occ] == list(range(1, 13))


@given(st.integers(1, 28))
def test_generated_quarterly(day: int) -> None:
    (d,) = find_deadlines(f"báo cáo quý trước {day} tháng cuối quý", 2024)
    assert d.recurrence is not None
    occ = _first(d.recurrence.rrule, 8)
    assert {o.month for o in occ} == {3, 6, 9, 12} and {o.day for o in occ} == {day}


@given(dates.filter(lambda x: not (x.month == 2 and x.day == 29)), st.booleans())
def test_generated_yearly(day: dt.date, leading: bool) -> None:
    phrase = f"hằng năm trước ngày {day.day}/{day.month}" if leading else f"trước ngày {day.day}/{day.month} hằng năm"
    (d,) = find_deadlines(f"Báo cáo {phrase}.", 2024)
    assert d.recurrence is not None
    occ = _first(d.recurrence.rrule, 3)
    assert [(o.month, o.day) for o in occ] == [(day.month, day.day)] * 3
    assert [o.year for o in occ] == sorted({o.year for o in occ})


@given(st.integers(1, 12), st.sampled_from(["tháng", "tuần", "năm"]))
def test_generated_periodic(n: int, unit: str) -> None:
    (d,) = find_deadlines(f"định kỳ {n} {unit}/lần báo cáo", 2024)
    assert d.recurrence is not None
    occ = _first(d.recurrence.rrule, 3)
    step = {
        "tháng": lambda a, b: (b.year - a.year) * 12 + b.month - a.month,
        "tuần": lambda a, b: (b - a).days // 7,
        "năm": lambda a, b: b.year - a.year,
    }[unit]
    assert step(occ[0], occ[1]) == n
