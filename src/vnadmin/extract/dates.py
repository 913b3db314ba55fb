"""Vietnamese calendar dates as written in administrative texts.

Forms: ``26/11/2021``, ``26-11-2021``, ``26.11.2021``, ``ngày 26 tháng 11 năm 2021`` (also with line breaks
between the words, as in wrapped text), and blank forms of drafts (``ngày    tháng 12 năm 2025``).
"""

from __future__ import annotations

import datetime as dt

import regex

# "26/11/2021", "05-3-2024", "07.12.2023"; the separators must agree.
NUMERIC_DATE = regex.compile(r"(?<!\d)(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)")

# "ngày 26 tháng 11 năm 2021", "ngày 17\ntháng 11 năm 2025"; the day may be blank in drafts.
WORDED_DATE = regex.compile(
    r"ngày\s*(?P<d>\d{1,2})?\s*(?:[.…_]+\s*)?tháng\s*(?P<m>\d{1,2})?\s*(?:[.…_]+\s*)?năm\s*(?P<y>\d{4})",
    regex.IGNORECASE,
)


def make_date(year: int | str | None, month: int | str | None, day: int | str | None) -> dt.date | None:
    """A date, or None when a part is missing or the day does not exist.

    >>> make_date("2024", "2", "30") is None, make_date(2024, 2, 29)
    (True, datetime.date(2024, 2, 29))
    """
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first complete date in ``text``.

    >>> parse_date("Tuyên Quang, ngày 15 tháng 3 năm 2024")
    datetime.date(2024, 3, 15)
    >>> parse_date("ngày 26/11/2021 của Thủ tướng")
    datetime.date(2021, 11, 26)
    >>> parse_date("ngày    tháng 12 năm 2025") is None
    True
    """
    best: tuple[int, dt.date | None] | None = None
    for pattern in (WORDED_DATE, NUMERIC_DATE):
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), make_date(m.group("y"), m.group("m"), m.group("d")))
    return best[1] if best else None
