"""Due dates of Vietnamese plans and decisions: "trước ngày 20/4/2024", "quý II/2024", "ngày 15 hằng tháng".

A deadline in running text needs a trigger word ("trước", "chậm nhất", "hoàn thành trong", "trong thời hạn",
"định kỳ" …): a bare date is a citation date or a date of an event. The cell of a table's "Thời gian hoàn
thành" column is a deadline by its position, so :func:`find_cell_deadlines` accepts bare forms too ("Tháng
6/2024", "Quý II", "Năm 2024", "Thường xuyên").

Dates are normalised against the document's date: a partial "trước 30/6" takes the document's year; a month,
quarter, half year or year gives the last day of that period (the period is kept); repeating due dates give an
RFC 5545 RRULE; relative limits ("trong 05 ngày làm việc, kể từ ngày nhận") give a ``relative`` description.
Programme periods ("giai đoạn 2021-2025", "năm 2024") are not deadlines: :func:`find_periods` lists them apart.

>>> [d.text for d in find_deadlines("báo cáo quý trước 20 tháng cuối quý; báo cáo năm trước ngày 10/12/2024")]
['trước 20 tháng cuối quý', 'trước ngày 10/12/2024']
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from vnadmin.extract.dates import make_date
from vnadmin.model import Deadline, Located, Period, Recurrence
from vnadmin.probe import matches_at, probe, word_positions

_F = regex.IGNORECASE | regex.VERSION1

# Trigger words before an absolute date: "trước ngày", "chậm nhất ngày", "hoàn thành trước", "hạn chót".
_TRIGGER = (
    r"(?:(?:hoàn\s+thành|xong)\s+)?"
    r"(?:trước|chậm\s+nhất(?:\s+(?:là|vào|trong|đến))?|không\s+muộn\s+hơn|hạn\s+chót(?:\s+là)?"
    r"|(?<=(?:hoàn\s+thành|xong|gửi|nộp)\s+)(?:trong|vào))"
)
# "hoàn thành trong tháng 6/2024", "trong tháng 6/2024", "chậm nhất trong quý II/2024", "trước hết quý III".
_PERIOD_TRIGGER = (
    r"(?:(?:hoàn\s+thành|xong|thực\s+hiện\s+xong|kết\s+thúc)\s+)?"
    r"(?:trong|chậm\s+nhất(?:\s+(?:là|vào|trong))?|trước|hạn\s+chót|(?<=(?:hoàn\s+thành|xong)\s+)vào)"
)
_EVERY = r"(?:hằng|hàng|mỗi)"
_TIME = r"(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*(?:,\s*)?)?"
_DAY = r"(?P<d>\d{1,2})"
_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = r"quý\s+(?P<q>IV|III|II|I|[1-4])(?![\p{L}\d])"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_FULL_DATE = (
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})(?!\d)"
    r"|ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y>\d{4})(?!\d)"
)
_PARTIAL_DATE = (
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/.-]|\s*/\s*\d|\s+năm\s+\d)"
    r"|ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\d|\s*,?\s*năm\s+\d|\s*/)"
)
_MONTH = r"tháng\s+(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)" + _YEAR
_MONTH_NO_YEAR = r"tháng\s+(?P<m>\d{1,2})(?![\d/]|\s+năm\s+\d|\s*(?:hằng|hàng|mỗi)\s+năm)"
_QUARTER_YEAR = _QUARTER + r"(?:\s*/\s*|\s+năm\s+)" + _YEAR
_HALF = r"(?P<h>6|06|sáu)\s+tháng\s+(?P<part>đầu|cuối)\s+năm(?:\s+" + _YEAR + r")?"
_WHOLE_YEAR = r"năm\s+" + _YEAR
_NUM = r"(?P<n>\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|mười)"
_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "mười": 10}
_STOP = r"(?=[\s,;.:)\]]|$)"


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    date: dt.date | None = None
    recurrence: Recurrence | None = None
    period: Period | None = None
    relative: str | None = None


Builder = Callable[["regex.Match[str]", "_Context"], "_Hit | None"]


@dataclass(frozen=True)
class _Context:
    year: int | None


def _num(value: str) -> int:
    return int(value) if value.isdigit() else _WORD_NUMBERS[value.lower()]


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_period(year: int, month: int) -> Period:
    return Period(start=dt.date(year, month, 1), end=month_end(year, month), kind="month")


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(start=dt.date(year, first, 1), end=month_end(year, first + 2), kind="quarter")


def half_period(year: int, half: int) -> Period:
    first = 1 if half == 1 else 7
    return Period(start=dt.date(year, first, 1), end=month_end(year, first + 5), kind="half_year")


def year_period(year: int) -> Period:
    return Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), kind="year")


# A trigger that closes before its period starts: "trước", "hoàn thành trước".
_BEFORE = regex.compile(r"(?:(?:hoàn\s+thành|xong)\s+)?trước", _F)


def _is_before(m: regex.Match[str]) -> bool:
    """'trước tháng 6/2024' closes before the period starts; 'trong/chậm nhất tháng 6' at its end."""
    head = m.group("trig") or ""
    return bool(_BEFORE.match(head))


def _close(period: Period, m: regex.Match[str], start: int) -> _Hit:
    if "trig" in m.re.groupindex and _is_before(m):
        return _Hit(start, m.end(), date=period.start - dt.timedelta(days=1), period=period)
    return _Hit(start, m.end(), date=period.end, period=period)


# ---- builders -----------------------------------------------------------------------------------------------


def _monthly(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    return _Hit(
        m.start(),
        m.end(),
        recurrence=Recurrence(rrule=f"FREQ=MONTHLY;BYMONTHDAY={day}", description=f"monthly day {day}"),
    )


def _quarterly(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    which = (m.group("which") or "cuối").lower()
    if which.startswith("cuối"):
        months, desc = "3,6,9,12", f"quarterly day {day} of last month of quarter"
    else:
        months, desc = "1,4,7,10", f"quarterly day {day} of first month of next quarter"
    return _Hit(
        m.start(),
        m.end(),
        recurrence=Recurrence(rrule=f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={day}", description=desc),
    )


_MONTH_NAMES = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _yearly(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    day, month = int(m.group("d")), int(m.group("m"))
    if make_date(2000, month, day) is None:
        return None
    desc = f"yearly {_MONTH_NAMES[month]} {day}"
    return _Hit(
        m.start(),
        m.end(),
        recurrence=Recurrence(rrule=f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}", description=desc),
    )


_QUARTER_NUMBER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _yearly_quarter(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    month = 3 * _QUARTER_NUMBER[m.group("q").upper()]
    desc = f"yearly by end of {_MONTH_NAMES[month]}"
    return _Hit(
        m.start(), m.end(), recurrence=Recurrence(rrule=f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY=-1", description=desc)
    )


def _yearly_month(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    month = int(m.group("m"))
    if not 1 <= month <= 12:
        return None
    desc = f"yearly by end of {_MONTH_NAMES[month]}"
    return _Hit(
        m.start(), m.end(), recurrence=Recurrence(rrule=f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY=-1", description=desc)
    )


_UNIT_FREQ = {
    "ngày": ("DAILY", "daily"),
    "tuần": ("WEEKLY", "weekly"),
    "tháng": ("MONTHLY", "monthly"),
    "quý": ("MONTHLY", "quarterly"),
    "năm": ("YEARLY", "yearly"),
}


def _periodic(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    unit = m.group("unit").lower()
    freq, word = _UNIT_FREQ[unit]
    n = _num(m.group("n")) if m.group("n") else 1
    if unit == "quý":
        n *= 3
    if n <= 0:
        return None
    rule = f"FREQ={freq}" + (f";INTERVAL={n}" if n > 1 else "")
    desc = word if n == 1 or (unit == "quý" and n == 3) else f"every {n} {unit_en(freq)}"
    return _Hit(m.start(), m.end(), recurrence=Recurrence(rrule=rule, description=desc))


def unit_en(freq: str) -> str:
    return {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}[freq]


_REL_UNIT = {
    "ngày làm việc": ("D", " business days"),
    "ngày": ("D", " days"),
    "giờ": ("TH", " hours"),
    "tuần": ("W", " weeks"),
    "tháng": ("M", " months"),
    "năm": ("Y", " years"),
}


def _relative(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    if "span" in m.re.groupindex and m.group("span") and not m.group("anchor"):
        return None  # "niêm yết … trong thời gian 02 ngày làm việc": how long, not by when
    n = _num(m.group("n"))
    unit = " ".join(m.group("unit").lower().split())
    code, words = _REL_UNIT[unit]
    duration = f"PT{n}H" if code == "TH" else f"P{n}{code}"
    anchor = m.group("anchor")
    rel = f"{duration}{words if unit == 'ngày làm việc' else ''}"
    if anchor:
        rel += " from " + " ".join(anchor.split())
    return _Hit(m.start(), m.end(), relative=rel)


def _full(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    date = make_date(m.group("y"), m.group("m"), m.group("d"))
    if date is None:
        return None
    return _Hit(m.start(), m.end(), date=date, period=Period(start=date, end=date, kind="day"))


# "hằng năm" earlier in the sentence of a day without a year: "định kỳ hàng năm báo cáo kết quả … chậm nhất ngày
# 17 tháng 12" is a yearly due day (the sentence may wrap; it ends at ".", ";" or a blank line).
_YEARLY_BEFORE = regex.compile(rf"{_EVERY}\s+năm(?![\p{{L}}\p{{M}}])[^.;]*$", _F)


def _partial(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    text = m.string
    sentence = text[max(0, m.start() - 200) : m.start()].split("\n\n")[-1]
    if _YEARLY_BEFORE.search(sentence) and not _LOCATED_WORK.search(sentence):
        month, day = int(m.group("m")), int(m.group("d"))
        if make_date(2000, month, day) is not None:
            desc = f"yearly {_MONTH_NAMES[month]} {day}"
            rule = f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"
            return _Hit(m.start(), m.end(), recurrence=Recurrence(rrule=rule, description=desc))
    if ctx.year is None:
        return None
    date = make_date(ctx.year, m.group("m"), m.group("d"))
    if date is None:
        return None
    return _Hit(m.start(), m.end(), date=date, period=Period(start=date, end=date, kind="day"))


# "triển khai thi công các hạng mục theo kế hoạch trong tháng 4/2026": a bare "trong tháng" after the work being
# carried out says when the work happens, not by when it is due (unless a completion verb comes in between).
_LOCATED_WORK = regex.compile(r"(?:triển\s+khai|thi\s+công|khởi\s+công)(?P<gap>(?:\s+[\p{L}\p{M}]+){0,8}?)\s+$", _F)
_COMPLETION = regex.compile(r"hoàn\s+thành|xong|phê\s+duyệt|bàn\s+giao|chi\s+trả|báo\s+cáo|gửi|nộp|trình", _F)


def _locates_work(m: regex.Match[str]) -> bool:
    if " ".join((m.group("trig") or "").lower().split()) != "trong":
        return False
    clause_start = max((c.end() for c in _CLAUSE_START.finditer(m.string, 0, m.start())), default=0)
    work = _LOCATED_WORK.search(m.string, clause_start, m.start())
    return work is not None and not _COMPLETION.search(work.group("gap"))


def _month(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    if _locates_work(m):
        return None
    month = int(m.group("m"))
    year = int(m.group("y")) if "y" in m.re.groupindex and m.group("y") else ctx.year
    if year is None or not 1 <= month <= 12:
        return None
    return _close(month_period(year, month), m, m.start())


def _quarter(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    q = _ROMAN_QUARTER[m.group("q").lower()]
    year = int(m.group("y")) if "y" in m.re.groupindex and m.group("y") else ctx.year
    if year is None:
        return None
    return _close(quarter_period(year, q), m, m.start())


def _half(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    year = int(m.group("y")) if m.group("y") else ctx.year
    if year is None:
        return None
    return _close(half_period(year, 1 if m.group("part").lower() == "đầu" else 2), m, m.start())


def _year(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    return _close(year_period(int(m.group("y"))), m, m.start())


_CLAUSE_BREAK = regex.compile(r"[.;!?](?=\s)|\n[^\S\n]*\n")
# A window's start is a period of data or of validity, not a time to act, after these words.
_NOT_A_WINDOW = regex.compile(r"hiệu\s+lực|số\s+liệu|\btính\s+từ|kỳ\s+báo\s+cáo", _F)


# A bare "Thời gian:" label (not "thời gian thực hiện / hoàn thành") says when an event, a meeting or a campaign
# takes place; a window after it is the event's span, not a due date.
_EVENT_TIME = regex.compile(r"(?<![\p{L}\p{M}])thời\s+gian(?:\s+(?:diễn\s+ra|tổ\s+chức))?\s*:[\s*]*$", _F)


# A span of working days given with its dates: "trong 10 ngày làm việc (từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng
# 12 năm 2025)": the dates say when the span closes.
_SPAN_BEFORE = regex.compile(r"trong\s+\d{1,3}\s+ngày(?:\s+làm\s+việc)?\s*\(\s*$", _F)
_SPAN_THEN_DATES = regex.compile(r"[^\S\n]*\([^\S\n]*từ\s", _F)


_OPEN_BRACKET = regex.compile(r"\(\s*$")  # "Tháng hành động (" right before the window


def _window_end(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    """ "từ ngày 01/12/2025 đến ngày 14/12/2025": the window closes on its end date (the hit is the "đến …" part)."""
    window_start = max(m.start() - 200, 0)
    clause_start = max((c.end() for c in _CLAUSE_BREAK.finditer(m.string, window_start, m.start())), default=0)
    if _NOT_A_WINDOW.search(m.string, max(clause_start, window_start), m.start()):
        return None
    before = m.string[max(clause_start, window_start) : m.start()]
    if _OPEN_BRACKET.search(before) and not _SPAN_BEFORE.search(before):
        return None  # "Tháng hành động (từ ngày 15/11 đến ngày 15/12)": an event's dates in an aside
    if _EVENT_TIME.search(before):
        return None  # "b) Thời gian: Từ ngày 15/11/2025 đến ngày 15/12/2025": when an event takes place
    if m.group("y"):
        date = make_date(m.group("y"), m.group("m"), m.group("d"))
    else:
        date = make_date(ctx.year, m.group("m"), m.group("d")) if ctx.year is not None else None
    if date is None:
        return None
    return _Hit(m.start("end"), m.end(), date=date, period=Period(start=date, end=date, kind="day"))


def _year_range(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    """A time cell "2025-2030", "Giai đoạn 2026 - 2030": the period the task runs through (read to mask its years;
    :func:`_cell_hits` gives no due date for it)."""
    first, last = int(m.group("y1")), int(m.group("y"))
    if last < first or last - first > 20:
        return None
    period = Period(start=dt.date(first, 1, 1), end=dt.date(last, 12, 31), kind="range")
    return _Hit(m.start(), m.end(), date=period.end, period=period)


def _continuous(m: regex.Match[str], ctx: _Context) -> _Hit | None:
    return _Hit(m.start(), m.end(), relative="continuous")


def _c(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, _F)


# Patterns in priority order: an earlier pattern wins an overlap, then the longer match. _TEXT_RULE_STARTS (below)
# lists, by index, the words a rule's match can start with: keep it in step when a rule is added, moved or changed.
_TEXT_RULES: list[tuple[regex.Pattern[str], Builder]] = [
    # "chậm nhất trong ngày 15 hằng tháng", "trước ngày 20 hằng tháng", "trước ngày 05 của tháng liền kề"
    (
        _c(
            rf"(?:{_TRIGGER}\s+)?(?:trong\s+)?ngày\s+{_DAY}\s+(?:{_EVERY}\s+tháng|của\s+tháng\s+(?:liền\s+kề|tiếp\s+theo|sau))"
            rf"{_STOP}"
        ),
        _monthly,
    ),
    # "hằng tháng, trước ngày 20"
    (
        _c(rf"(?:định\s+kỳ\s+)?{_EVERY}\s+tháng\s*,?\s*{_TRIGGER}\s+(?:ngày\s+)?{_DAY}(?![\d/]|\s+tháng){_STOP}"),
        _monthly,
    ),
    # "trước 20 tháng cuối quý", "trước ngày 20 của tháng cuối quý", "trước ngày 05 tháng đầu quý sau"
    (
        _c(
            rf"(?:{_EVERY}\s+quý\s*,?\s*)?{_TRIGGER}\s+(?:ngày\s+)?{_DAY}\s+(?:của\s+)?tháng\s+"
            rf"(?P<which>cuối|đầu)\s+(?:của\s+)?(?:mỗi\s+)?quý(?:\s+(?:sau|tiếp\s+theo|kế\s+tiếp))?{_STOP}"
        ),
        _quarterly,
    ),
    # "trước ngày 10/12 hằng năm", "trước ngày 20 tháng 12 hằng năm", "trước ngày 31/01 năm liền kề"
    (
        _c(
            rf"{_TRIGGER}\s+(?:ngày\s+)?{_DAY}\s*(?:/\s*|\s+tháng\s+)(?P<m>\d{{1,2}})\s*,?\s*"
            rf"(?:{_EVERY}\s+năm|của\s+năm\s+(?:sau|liền\s+kề|tiếp\s+theo)|năm\s+(?:sau|liền\s+kề|tiếp\s+theo)){_STOP}"
        ),
        _yearly,
    ),
    # "hằng năm trước ngày 10/12", "định kỳ hằng năm, trước ngày 15 tháng 11"
    (
        _c(
            rf"(?:định\s+kỳ\s+)?{_EVERY}\s+năm\s*,?\s*(?P<paren>\(\s*)?(?:\p{{Ll}}+\s+){{0,4}}?{_TRIGGER}\s+(?:ngày\s+)?"
            rf"{_DAY}\s*(?:/\s*|\s+tháng\s+)(?P<m>\d{{1,2}})(?![\d/]|\s*,?\s*năm\s+\d)(?(paren)\s*\)|{_STOP})"
        ),
        _yearly,
    ),
    # "trong tháng 01 hằng năm"
    (_c(rf"{_PERIOD_TRIGGER}\s+tháng\s+(?P<m>\d{{1,2}})\s+{_EVERY}\s+năm{_STOP}"), _yearly_month),
    # "định kỳ 6 tháng", "định kỳ hằng quý", "định kỳ 02 tuần/lần", "06 tháng/lần"
    (
        _c(
            rf"định\s+kỳ\s+(?:{_EVERY}\s+|{_NUM}\s+)?(?P<unit>ngày|tuần|tháng|quý|năm)(?:\s*/\s*lần)?(?!\s+(?:đầu|cuối))"
            rf"{_STOP}"
        ),
        _periodic,
    ),
    (_c(rf"(?<![\p{{L}}\d]){_NUM}\s+(?P<unit>ngày|tuần|tháng|quý|năm)\s*/\s*lần{_STOP}"), _periodic),
    # "sau 03 tháng kể từ ngày Luật có hiệu lực": a limit counted from an event, like "trong … kể từ"
    (
        _c(
            rf"(?<![\p{{L}}\p{{M}}])sau\s+(?:không\s+quá\s+)?{_NUM}\s+(?P<unit>ngày\s+làm\s+việc|ngày|tuần|tháng|năm)"
            rf"\s*,?\s*kể\s+từ\s+(?P<anchor>(?:ngày|khi|thời\s+điểm|lúc)(?:[^\S\n]*\n?[^\S\n]*[^\s,;.:()]+){{0,7}})"
        ),
        _relative,
    ),
    # "quý IV hằng năm", "trong quý I hằng năm": the last day of that quarter, every year
    (_c(rf"(?:{_PERIOD_TRIGGER}\s+)?quý\s+(?P<q>IV|I{{1,3}}|[1-4])\s+{_EVERY}\s+năm{_STOP}"), _yearly_quarter),
    # "trong 05 ngày làm việc, kể từ ngày nhận được", "trong thời hạn 03 ngày, kể từ ngày ..."
    (
        _c(
            rf"trong\s+(?:thời\s+hạn|vòng|(?P<span>thời\s+gian))?\s*(?:không\s+quá|tối\s+đa)?\s*{_NUM}\s+"
            rf"(?P<unit>ngày\s+làm\s+việc|ngày|giờ|tuần|tháng|năm)"
            rf"(?:\s*,?\s*kể\s+từ\s+(?P<anchor>(?:ngày|khi|thời\s+điểm|lúc)(?:[^\S\n]*\n?[^\S\n]*[^\s,;.:()]+){{0,7}})"
            rf"|(?<=làm\s+việc)|(?<=giờ))"
        ),
        _relative,
    ),
    # "từ ngày 01/12/2025 đến ngày 14/12/2025", "từ ngày 17/12/2025 đến 17 giờ 00, ngày 01/02/2026",
    # "Từ tháng 01 đến ngày bầu cử 15/3/2026": the window's end
    (
        _c(
            rf"(?<![\p{{L}}\p{{M}}])từ\s+(?=[^;\n]{{0,50}}?\d)[^;\n]{{1,50}}?\s+(?P<end>(?:đến|tới)\s+(?:hết\s+)?"
            rf"(?:ngày(?:\s+\p{{Ll}}+){{0,3}}?\s+(?=\d))?{_TIME}(?:{_FULL_DATE}|{_PARTIAL_DATE}))"
        ),
        _window_end,
    ),
    # "trước ngày 20/4/2024", "chậm nhất ngày 15/12/2024", "trước 14 giờ ngày 08 tháng 10 năm 2025"
    (_c(rf"(?P<trig>{_TRIGGER})\s+{_TIME}(?:{_FULL_DATE})"), _full),
    # "yêu cầu đến 30/5/2026 phải bàn giao toàn bộ mặt bằng": a date the work must be done by
    (
        _c(rf"(?<![\p{{L}}\p{{M}}])(?P<trig>đến)\s+(?:ngày\s+)?{_TIME}(?:{_FULL_DATE})(?=\s*,?\s+(?:cần\s+)?phải\s)"),
        _full,
    ),
    # "phấn đấu đến ngày 30/6/2026 hoàn thành tối thiểu 80% chi trả": a target date
    (_c(rf"(?<=phấn\s+đấu\s+)(?P<trig>đến)\s+(?:ngày\s+)?{_TIME}(?:{_FULL_DATE})"), _full),
    # "trong tháng 6/2024", "chậm nhất trong tháng 11 năm 2025"
    (_c(rf"(?P<trig>{_PERIOD_TRIGGER})\s+{_MONTH}"), _month),
    # "quý II/2024", "trong quý I năm 2026"
    (_c(rf"(?P<trig>{_PERIOD_TRIGGER})\s+{_QUARTER_YEAR}"), _quarter),
    # "trước 30/6", "trước ngày 15 tháng 11" (the document's year)
    (_c(rf"(?P<trig>{_TRIGGER})\s+{_TIME}(?:{_PARTIAL_DATE})"), _partial),
    # "hoàn thành trong năm 2024", "chậm nhất trong năm 2025"
    (
        _c(
            rf"(?P<trig>(?:hoàn\s+thành|xong|thực\s+hiện\s+xong)\s+(?:trong|trước|vào)|chậm\s+nhất(?:\s+trong)?)"
            rf"\s+(?:cuối\s+)?{_WHOLE_YEAR}"
        ),
        _year,
    ),
    # "Thời gian thực hiện: thường xuyên"
    (
        _c(r"(?<=thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:\s*)thường\s+xuyên(?:\s+trong\s+năm)?"),
        _continuous,
    ),
]

# Extra forms accepted in a deadline cell of a table ("Thời gian hoàn thành": "Tháng 6/2024", "Quý II").
_CELL_RULES: list[tuple[regex.Pattern[str], Builder]] = [
    (_c(rf"(?P<trig>(?:{_PERIOD_TRIGGER}\s+)?){_TIME}(?:{_FULL_DATE})"), _full),
    (_c(rf"(?P<trig>(?:{_PERIOD_TRIGGER}\s+)?){_MONTH}"), _month),
    (_c(rf"(?P<trig>(?:{_PERIOD_TRIGGER}\s+)?){_QUARTER_YEAR}"), _quarter),
    (_c(rf"(?P<trig>(?:{_PERIOD_TRIGGER}\s+)?){_HALF}"), _half),
    (_c(rf"(?P<trig>(?:{_PERIOD_TRIGGER}\s+)?){_QUARTER}(?!\s*/|\s+năm\s+\d)"), _quarter),
    (_c(rf"(?P<trig>(?:{_PERIOD_TRIGGER}\s+)?)(?:{_PARTIAL_DATE})"), _partial),
    (_c(rf"(?P<trig>(?:{_PERIOD_TRIGGER}\s+)?){_MONTH_NO_YEAR}"), _month),
    (_c(rf"(?P<trig>(?:{_PERIOD_TRIGGER}\s+)?){_WHOLE_YEAR}"), _year),
    # a cell that is only a year: "2025", "Đến 2025", "Trong 2026"
    (_c(r"^\s*(?P<trig>(?:(?:đến|trong|trước|hết)\s+)*)(?P<y>(?:19|20)\d{2})\s*\.?\s*$"), _year),
    (_c(r"thường\s+xuyên(?:,?\s+(?:liên\s+tục|trong\s+năm|hằng\s+năm|hàng\s+năm))?"), _continuous),
]

# A range of years in a time cell ("2025-2030", "Giai đoạn 2026 - 2030", "Năm 2026 – 2030") is an implementation
# period, not a due date; read before the text rules, so that "Năm 2025 - 2026" is not taken as "năm 2025".
_CELL_RANGE_RULES: list[tuple[regex.Pattern[str], Builder]] = [
    (
        _c(
            r"(?:(?:giai\s+đoạn|năm)\s+)?(?<![\p{L}\d/.-])(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?:năm\s+)?"
            r"(?P<y>(?:19|20)\d{2})(?![\d/.-])"
        ),
        _year_range,
    ),
]

# Programme periods and years: "giai đoạn 2021-2025", "5 năm 2021-2025", "năm 2024", "đến năm 2030".
_PERIOD = regex.compile(
    r"(?:giai\s+đoạn|thời\s+kỳ|(?:\d{1,2}\s+)?năm)\s+(?:19|20)\d{2}\s*[-–]\s*(?:(?:19|20)\d{2}|\d{2})(?!\d)"
    r"|(?<!tháng\s+\d{1,2}\s+|/\s*)(?:đến\s+)?năm\s+(?:19|20)\d{2}(?![\d/-])"
    r"|(?<![\p{L}\d/.-])(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?![\d/-])",
    _F,
)


def _overlaps(a: _Hit, taken: list[_Hit]) -> bool:
    return any(a.start < b.end and b.start < a.end for b in taken)


# The words a text rule's match can start with (lower-cased; a match starts where one of them occurs), by rule
# index in _TEXT_RULES; a rule not listed is scanned whole (those start with a plain literal, which the regex engine
# finds fast). Matching only at these positions finds the same matches as ``finditer`` (see :func:`_matches`).
_TRIG_WORDS = ("hoàn", "xong", "trước", "chậm", "không", "hạn", "trong", "vào")
_PERIOD_TRIG_WORDS = ("hoàn", "xong", "thực", "kết", "trong", "chậm", "trước", "hạn", "vào")
_EVERY_WORDS = ("hằng", "hàng", "mỗi")
_TEXT_RULE_STARTS: dict[int, tuple[str, ...]] = {
    0: (*_TRIG_WORDS, "ngày"),
    1: ("định", *_EVERY_WORDS),
    2: (*_EVERY_WORDS, *_TRIG_WORDS),
    3: _TRIG_WORDS,
    4: ("định", *_EVERY_WORDS),
    5: _PERIOD_TRIG_WORDS,
    8: ("sau",),
    9: (*_PERIOD_TRIG_WORDS, "quý"),
    12: _TRIG_WORDS,
    15: _PERIOD_TRIG_WORDS,
    16: _PERIOD_TRIG_WORDS,
    17: _TRIG_WORDS,
    18: ("hoàn", "xong", "thực", "chậm"),
}
# The table above is keyed by rule position: check that each key still names the rule it was written for.
assert [_TEXT_RULES[i][1].__name__ for i in (8, 9, 12, 15, 16, 17, 18)] == [
    "_relative",
    "_yearly_quarter",
    "_full",
    "_month",
    "_quarter",
    "_partial",
    "_year",
], "_TEXT_RULE_STARTS is out of step with _TEXT_RULES"
# A start word that begins one phrase only, in every rule listing it: a match starts at that word only where the
# whole phrase follows ("thực" only in "thực hiện xong", which the many "thực hiện" are not), so the other places
# of the word are not tried.
_START_PHRASES: dict[str, regex.Pattern[str]] = {
    "hoàn": regex.compile(r"hoàn\s+thành", _F),
    "thực": regex.compile(r"thực\s+hiện\s+xong", _F),
    "kết": regex.compile(r"kết\s+thúc", _F),
    "định": regex.compile(r"định\s+kỳ", _F),
    "hạn": regex.compile(r"hạn\s+chót", _F),
    "không": regex.compile(r"không\s+muộn\s+hơn", _F),
}


def _start_positions(text: str, lowered: str, word: str) -> list[int]:
    """The places of ``word`` in ``lowered`` (``text`` lower-cased, same length) where a text rule's match may start."""
    positions = word_positions(lowered, word)
    phrase = _START_PHRASES.get(word)
    return positions if phrase is None else [p for p in positions if phrase.match(text, p)]


# The same patterns for a match at a given position: the always-failing branch keeps the regex engine from first
# looking for a literal the pattern needs ("quý") through the rest of the text on every call; the matches are the same.
_TEXT_RULE_PROBES: dict[int, regex.Pattern[str]] = {i: probe(_TEXT_RULES[i][0]) for i in _TEXT_RULE_STARTS}
# "06 tháng/lần" (rule 7) needs a "/ lần": without one the rule is skipped.
_PER_TIME = regex.compile(r"/\s*lần", _F)
_PER_TIME_RULE = 7


def _run(rules: list[tuple[regex.Pattern[str], Builder]], text: str, ctx: _Context) -> list[_Hit]:
    taken: list[_Hit] = []
    lowered = text.lower() if rules is _TEXT_RULES else ""
    # Lower-casing must keep positions ("İ" lower-cases to two characters): else every rule scans the whole text.
    indexed = len(lowered) == len(text)
    by_word: dict[str, list[int]] = {}
    for i, (pattern, build) in enumerate(rules):
        words = _TEXT_RULE_STARTS.get(i) if indexed else None
        if words is not None:
            for w in words:
                if w not in by_word:
                    by_word[w] = _start_positions(text, lowered, w)
            starts = sorted({p for w in words for p in by_word[w]})
            found: Iterable[regex.Match[str]] = matches_at(_TEXT_RULE_PROBES[i], text, starts)
        elif indexed and i == _PER_TIME_RULE and not _PER_TIME.search(text):
            continue
        else:
            found = pattern.finditer(text)
        for m in found:
            if m.end() == m.start():
                continue
            hit = build(m, ctx)
            if hit is not None and not _overlaps(hit, taken):
                taken.append(hit)
    return sorted(taken, key=lambda h: h.start)


# What is due: the clause before the deadline ("báo cáo quý trước 20 tháng cuối quý" → "báo cáo quý").
_CLAUSE_START = regex.compile(r"[;.:\n!?]|(?<=\s)[-+•](?=\s)")
_WHAT_LEAD = regex.compile(r"^(?:đối\s+với|riêng|về|và|hoặc|,)\s+", _F)
_DELIVERABLE = regex.compile(r"\b(?:báo\s+cáo|tổng\s+hợp|gửi|nộp|hoàn\s+thành|trình|ban\s+hành|xây\s+dựng)\b", _F)


def _what(text: str, start: int) -> str | None:
    window_start = max(0, start - 400)
    before = text[window_start:start]
    cut = 0
    for m in _CLAUSE_START.finditer(before):
        cut = m.end()
    clause = before[cut:].strip(" ,")
    clause = _WHAT_LEAD.sub("", clause).strip(" ,")
    if not clause:
        return None
    words = clause.split()
    if len(words) > 20:
        starts = [d.start() for d in _DELIVERABLE.finditer(clause)]
        clause = clause[starts[-1] :] if starts else " ".join(words[-20:])
    return " ".join(clause.split()) or None


def _to_deadlines(hits: list[_Hit], text: str, offset: int, section: str | None, with_what: bool) -> list[Deadline]:
    out: list[Deadline] = []
    for h in hits:
        out.append(
            Deadline(
                text=text[h.start : h.end],
                span=(offset + h.start, offset + h.end),
                date=h.date,
                recurrence=h.recurrence,
                period=h.period if h.period is not None and h.period.kind != "day" else None,
                relative=h.relative,
                what=_what(text, h.start) if with_what else None,
                section=section,
            )
        )
    return out


def find_deadlines(
    text: str, reference: dt.date | int | None = None, *, offset: int = 0, section: str | None = None
) -> list[Deadline]:
    """Deadlines in running text, in text order; spans are ``offset`` + positions in ``text``.

    ``reference`` is the document's date (or year): it completes partial dates ("trước 30/6").

    >>> d = find_deadlines("báo cáo 6 tháng trước 30/6; báo cáo quý II/2024 chậm nhất trong quý II/2024", 2024)
    >>> [(x.text, x.date.isoformat()) for x in d]
    [('trước 30/6', '2024-06-30'), ('chậm nhất trong quý II/2024', '2024-06-30')]
    >>> d[1].period.kind, d[0].what
    ('quarter', 'báo cáo 6 tháng')
    """
    year = reference.year if isinstance(reference, dt.date) else reference
    ctx = _Context(year)
    hits = [h for h in _run(_TEXT_RULES, text, ctx) if not _PLANNED.search(text, max(h.start - 60, 0), h.start)]
    # A labelled time field is read like a table's time cell: "Thời gian thực hiện: Tháng 12/2025".
    for f in _TIME_FIELD.finditer(text):
        if _EVENT_TIME.search(text, f.start(), f.start("v")) and _FROM.match(f.group("v")):
            continue  # an event's span
        v0 = f.start("v")
        extra = [
            _Hit(h.start + v0, h.end + v0, h.date, h.recurrence, h.period, h.relative)
            for h in _cell_hits(f.group("v"), ctx)
        ]
        hits.extend(h for h in extra if not _overlaps(h, hits))
    hits.sort(key=lambda h: h.start)
    hits = [h for h in hits if not _span_with_dates(h, hits, text)]
    return _to_deadlines(hits, text, offset, section, with_what=True)


def _span_with_dates(h: _Hit, hits: list[_Hit], text: str) -> bool:
    """A relative span followed by its dates in brackets: the dated end is the deadline, not the span."""
    if h.relative is None or h.date is not None or not _SPAN_THEN_DATES.match(text, h.end):
        return False
    close = text.find(")", h.end)
    return close >= 0 and any(o.date is not None and h.end < o.start < close for o in hits)


_FROM = regex.compile(r"\s*từ\s", _F)  # "Từ ngày 15/11/2025 …": a field that starts a window


# A planned event's date, not a due date: "các đoạn tuyến mà dự kiến khởi công trước ngày 30/4/2026".
_PLANNED = regex.compile(
    r"(?<![\p{L}\p{M}])dự\s+kiến\s+(?:khởi\s+công|khánh\s+thành|thông\s+xe|khai\s+mạc|diễn\s+ra)\s*$", _F
)
# "Thời gian thực hiện: Tháng 12/2025." — the value runs to a full stop, a ";" or a blank line.
_TIME_FIELD = regex.compile(
    r"(?<![\p{L}\p{M}])thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:[\s*]*"
    r"(?P<v>(?:[^\n;.]|\.(?=\d)|\n(?![^\S\n]*\n))*)",
    _F,
)
# "Năm 2025 và các năm tiếp theo", "Quý IV năm 2025 và những năm sau": an open-ended period, no due date.
_OPEN_ENDED = regex.compile(r"\s*(?:,\s*)?(?:và|đến)\s+(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau|kế\s+tiếp)", _F)
_START_WORD = regex.compile(r"(?:^|\s)(?:kể\s+từ|từ|bắt\s+đầu(?:\s+từ)?)\s+(?:ngày\s+)?$", _F)


def _cell_hits(text: str, ctx: _Context) -> list[_Hit]:
    """Deadline hits of a time cell or field: bare forms count, a range gives its end, a lone start is none."""
    # A range of years ("2025 - 2030", "Giai đoạn 2026-2030") is an implementation period, not a due date: it is
    # read first only so that its years are not taken one by one ("Năm 2025 - 2026" is not "năm 2025").
    ranges = _run(_CELL_RANGE_RULES, text, ctx)
    hits = [h for h in _run(_TEXT_RULES, text, ctx) if not _overlaps(h, ranges)]
    extra = [h for h in _run(_CELL_RULES, text, ctx) if not _overlaps(h, ranges + hits)]
    hits = sorted(hits + extra, key=lambda h: h.start)
    dated = [h for h in hits if h.date is not None]
    if len(dated) > 1 and _RANGE.search(text):
        last = dated[-1]
        hits = [h for h in hits if h.date is None or h is last]
    if _CLOCK_SLOT.search(text):
        return [h for h in hits if h.date is None]  # "Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1": a slot
    if _PER_DOCUMENT.match(text):
        return [h for h in hits if h.date is None]  # "Theo Kế hoạch rà soát … năm 2026 của tỉnh": another's dates
    return [h for h in hits if h.date is None or not _not_due(text, h)]


# A clock-time slot in a schedule ("Từ 20 giờ 15 phút - 20 giờ 45 phút", "7h30-8h00") dates an event, not a due date.
_CLOCK_SLOT = regex.compile(
    r"(?<![\p{L}\d])\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*[-–]\s*\d{1,2}\s*(?:giờ|h)(?![\p{L}])", _F
)


# A time given by another document: "Theo Kế hoạch … năm 2026", "Theo các mốc thời gian tại Quyết định số …".
_PER_DOCUMENT = regex.compile(
    r"\s*(?:thực\s+hiện\s+)?theo\s+(?:(?:các\s+)?(?:mốc\s+)?(?:thời\s+gian|tiến\s+độ|lộ\s+trình)\s+(?:tại|của|theo)\s+)?"
    r"(?:kế\s+hoạch|quyết\s+định|chương\s+trình|văn\s+bản|hướng\s+dẫn|nghị\s+định|nghị\s+quyết|thông\s+tư|điều"
    r"|quy\s+định|chỉ\s+thị|công\s+văn|đề\s+án)(?![\p{L}\p{M}])",
    _F,
)


def _not_due(text: str, h: _Hit) -> bool:
    """A start date, an open-ended period, or the date of a cited document."""
    return bool(
        _START_WORD.search(text, 0, h.start) or _OPEN_ENDED.match(text, h.end) or _CITED_DATE.search(text, 0, h.start)
    )


# The date of a cited document: "Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015", "Quyết định 1441/QĐ-UBND
# ngày 25/9/2025" (a number with a slash right before the date).
_CITED_DATE = regex.compile(r"\d+/[\p{L}\d./-]*\s*,?\s*(?:ban\s+hành\s+)?$", _F)


_RANGE = regex.compile(r"(?:^|\s)(?:từ|đến|tới)\s|\d\s*[-–]\s*(?:tháng\s+|quý\s+(?=[IVX\d]))?[IVX\d]", _F)


def find_cell_deadlines(
    text: str, reference: dt.date | int | None = None, *, offset: int = 0, section: str | None = None
) -> list[Deadline]:
    """Deadlines in a table's time column, where bare forms count: "Tháng 6/2024", "Quý II", "Thường xuyên".

    A range ("Từ tháng 3 đến tháng 6/2024") gives its end.

    >>> [(d.text, d.date) for d in find_cell_deadlines("Quý II/2024")]
    [('Quý II/2024', datetime.date(2024, 6, 30))]
    >>> [(d.text, d.date) for d in find_cell_deadlines("Từ tháng 3/2024 đến tháng 6/2024")]
    [('tháng 6/2024', datetime.date(2024, 6, 30))]
    """
    year = reference.year if isinstance(reference, dt.date) else reference
    return _to_deadlines(_cell_hits(text, _Context(year)), text, offset, section, with_what=False)


# _PERIOD for a match at a given position (see _TEXT_RULE_PROBES).
_PERIOD_PROBE = probe(_PERIOD)
_PERIOD_WORDS = ("giai", "thời", "năm", "đến", "19", "20")


def _period_matches(text: str) -> Iterable[regex.Match[str]]:
    """``_PERIOD.finditer(text)``, tried only where a match can start: at a word of _PERIOD_WORDS, or at the one or
    two digits before the spaces before a "năm" ("5 năm 2021-2025")."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return _PERIOD.finditer(text)
    starts = {p for w in _PERIOD_WORDS for p in word_positions(lowered, w)}
    for q in word_positions(lowered, "năm"):
        j = q
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j < q:
            starts.update(k for k in (j - 1, j - 2) if k >= 0)
    return matches_at(_PERIOD_PROBE, text, sorted(starts))


def find_periods(text: str, *, offset: int = 0, exclude: list[tuple[int, int]] | None = None) -> list[Located]:
    """Programme periods and years named in the text ("giai đoạn 2021-2025", "năm 2024"), not deadlines.

    ``exclude`` holds spans (already offset) to skip, e.g. the deadlines found in the same text.

    >>> [p.text for p in find_periods("Đề án giai đoạn 2021-2025; ngày 26 tháng 11 năm 2021; kế hoạch năm 2024")]
    ['giai đoạn 2021-2025', 'năm 2024']
    """
    skip = exclude or []
    out: list[Located] = []
    for m in _period_matches(text):
        s, e = offset + m.start(), offset + m.end()
        if any(s < b and a < e for a, b in skip):
            continue
        out.append(Located(text=m.group(), span=(s, e)))
    return out


_YEAR_SPAN = regex.compile(r"((?:19|20)\d{2})\s*[-–]\s*((?:19|20)?\d{2})(?!\d)")  # "2021-2025", "2021 – 25"
_ANY_YEAR = regex.compile(r"(?:19|20)\d{2}")  # "2024"


def parse_period(text: str) -> Period | None:
    """The period a phrase names: "giai đoạn 2021-2025", "năm 2024", "quý II/2024", "tháng 6/2024".

    >>> parse_period("giai đoạn 2021-2025")
    Period(start=datetime.date(2021, 1, 1), end=datetime.date(2025, 12, 31), kind='range')
    """
    m = _YEAR_SPAN.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if b < 100:
            b += a // 100 * 100
        if b >= a:
            return Period(start=dt.date(a, 1, 1), end=dt.date(b, 12, 31), kind="range")
    cells = find_cell_deadlines(text)
    if cells and cells[0].period is not None:
        return cells[0].period
    m = _ANY_YEAR.search(text)
    return year_period(int(m.group())) if m else None


__all__ = [
    "find_cell_deadlines",
    "find_deadlines",
    "find_periods",
    "half_period",
    "month_end",
    "month_period",
    "parse_period",
    "quarter_period",
    "year_period",
]
