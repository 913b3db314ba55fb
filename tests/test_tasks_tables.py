"""Assignment tables read as a human reads them: each row a task with its name, lead and cooperating bodies,
deadline and group (the roman rows of the table).

The gold conventions give assignees only from the assignment part of the body: the "Cơ quan chủ trì / phối hợp"
columns of an appendix table are read (``_read_table``) but give the document's tasks no assignees; a range of years
in a time cell ("2025 - 2030") is an implementation period, not a due date.

The expected rows were read from the rendered pages (PDF) and from the document's own table (DOCX), never from
the parser's output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import vnadmin
from vnadmin.extract.deadlines import find_cell_deadlines
from vnadmin.model import Document, Task
from vnadmin.pipeline import parse_text

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"

Row = tuple[str, str, set[str], set[str], list[dt.date | str]]
"""(group number, start of the task name, leads, cooperating bodies, deadlines: a date or 'continuous')."""


def _table_tasks(doc: Document, index: int = 0) -> list[Task]:
    table = doc.tables[index]
    return [t for t in doc.tasks if t.span is not None and table.span[0] <= t.span[0] < table.span[1]]


def _read_table(doc: Document, index: int = 0) -> list[Task]:
    """The tasks of one table, in row order, bodies included."""
    return _table_tasks(doc, index)


def _row(task: Task) -> Row:
    group = (task.group or "").split(".")[0]
    leads = {a.name for a in task.assignees if a.role == "lead"}
    partners = {a.name for a in task.assignees if a.role == "cooperate"}
    due: list[dt.date | str] = [d.date if d.date is not None else str(d.relative) for d in task.deadlines]
    return group, task.description, leads, partners, due


def _matches(task: Task, want: Row, *, deadlines: bool = True) -> bool:
    group, name, leads, partners, due = _row(task)
    ok = group == want[0] and name.startswith(want[1]) and leads == want[2] and partners == want[3]
    return ok and (not deadlines or due == want[4])


# ---- kh-laichau-2025-3473: appendix table on pages 7-8 (landscape), continued across the page break ------------

_LAICHAU = DOCS / "kh-laichau-2025-3473-giam-phat-thai.pdf"
_SNNMT = "Sở Nông nghiệp và Môi trường"
_FIRMS = {"Các cơ sở xử lý chất thải", "các doanh nghiệp"}
_ALL = {"Các sở, ban ngành", "các tổ chức chính trị - xã hội", "Ủy ban nhân dân cấp xã"}
_RELATED = "Các sở, ban, ngành có liên quan"  # departments, named as a group: not a generic partner
_Y2030 = dt.date(2030, 12, 31)
LAICHAU_ROWS: list[Row] = [
    # "2026 – 2030" time cells: implementation periods, no due date
    ("I", "Điều tra, đánh giá hiện trạng phát sinh", {_SNNMT}, {_RELATED}, []),
    ("I", "Ứng dụng công nghệ thông tin trong giám sát", {_SNNMT}, {_RELATED}, []),
    ("II", "Điều tra nguồn thải, phân loại chất thải rắn", {_SNNMT}, {_RELATED}, []),
    ("II", "Triển khai các biện pháp giảm phát thải", _FIRMS, {_SNNMT}, ["continuous"]),
    ("II", "Xây dựng, nâng cấp cơ sở hạ tầng", _FIRMS, {_SNNMT}, []),
    ("II", "Triển khai thực hiện các biện pháp, hoạt động", _FIRMS, {_SNNMT}, []),
    ("III", "Triển khai các hoạt động truyền thông", _ALL, set(), ["continuous"]),
    ("III", "Nâng cao nhận thức, trách nhiệm của cộng đồng", _ALL, set(), ["continuous"]),
]
"""The 8 rows. In group III one merged cell over both body columns names the bodies that carry the task out."""


@pytest.fixture(scope="module")
def laichau() -> list[Task]:
    return _read_table(vnadmin.parse(_LAICHAU))


def test_laichau_appendix_table_tasks_are_marked_as_such(laichau: list[Task]) -> None:
    # The gold conventions do not count an appendix table's bodies as the document's assignees; the tasks keep
    # them and say where they come from, so a consumer (and the evaluation) can tell them apart.
    assert len(laichau) == len(LAICHAU_ROWS)
    assert {t.source for t in laichau} == {"appendix_table"}
    assert all(t.assignees for t in laichau)


def test_laichau_rows_names_bodies_groups(laichau: list[Task]) -> None:
    assert len(laichau) == len(LAICHAU_ROWS)
    for task, want in zip(laichau, LAICHAU_ROWS, strict=True):
        assert _matches(task, want, deadlines=False), (_row(task), want)


def test_laichau_row_continued_on_next_page(laichau: list[Task]) -> None:
    assert laichau[4].description.endswith("phù hợp với đặc điểm các khu dân cư tập trung, đô thị, nông thôn")
    assert laichau[6].description.endswith(
        "huy động sự tham gia của cộng đồng trong việc giám sát phát thải khí nhà kính, khí mê-tan"
    )


def test_laichau_deadlines(laichau: list[Task]) -> None:
    assert [_row(t)[4] for t in laichau] == [want[4] for want in LAICHAU_ROWS]


def test_laichau_deadlines_except_the_row_before_the_page_break(laichau: list[Task]) -> None:
    for i, (task, want) in enumerate(zip(laichau, LAICHAU_ROWS, strict=True)):
        if i != 4:
            assert _row(task)[4] == want[4], (i, _row(task))


# ---- kh-lamdong-2025-cchc-2026.docx: "STT | Nhiệm vụ | Sản phẩm | Thời gian hoàn thành | Chủ trì thực hiện |
# Phối hợp thực hiện | Theo dõi, kiểm tra, đôn đốc", groups I. Cải cách thể chế, II. Cải cách thủ tục hành chính …

_LAMDONG = DOCS / "kh-lamdong-2025-cchc-2026.docx"
_VP = "Văn phòng UBND tỉnh"
_XA = "UBND các xã, phường, đặc khu"
_KHCN = "Sở Khoa học và Công nghệ"
LAMDONG_ROWS: list[Row] = [
    # I.1: the time cell cites "Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015" — a rule, no date to meet
    ("I", "Thực hiện việc đăng tải, cập nhật văn bản quy phạm pháp luật", {"Sở Tư pháp"}, set(), []),
    (
        "I",
        "Định kỳ thực hiện việc công bố danh mục văn bản",
        {"Sở Tư pháp", _XA},
        set(),
        [],  # "Trước ngày 31/01 năm liền kề": a yearly rule (checked below)
    ),
    ("I", "Thường xuyên kiểm tra, rà soát", {"Sở Tư pháp", "các cơ quan, đơn vị, địa phương"}, set(), ["continuous"]),
    (
        "I",
        "Tham mưu UBND tỉnh triển khai ứng dụng AI",
        {"Sở Tư pháp"},
        {"Sở Khoa học và Công nghệ"},
        [dt.date(2026, 12, 31)],
    ),
    ("II", "Kiểm soát, thẩm định chặt chẽ", {"Các sở, ban, ngành"}, {"Sở Tư pháp", _VP}, ["continuous"]),
    # II.2: "Theo Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2026 của tỉnh": that plan's dates, none here
    ("II", "Ban hành và tổ chức thực hiện Kế hoạch rà soát", {"Các sở, ban, ngành"}, {_VP, _XA}, []),
    ("II", "Thường xuyên theo dõi, cập nhật", {"Các sở, ban, ngành"}, {_VP, _XA}, ["continuous"]),
    ("II", "Tổ chức rà soát, công bố thủ tục hành chính nội bộ", {"Các sở, ban, ngành"}, {_VP, _XA}, ["continuous"]),
    # II.5: one merged cell "Theo phân công tại Quyết định số 1441/QĐ-UBND … của Chủ tịch UBND tỉnh" over both body
    # columns (no body named: the issuer of the cited decision is none), time "Theo các mốc thời gian tại …"
    ("II", "Tiếp tục triển khai thực hiện Quyết định số 1441/QĐ-UBND", set(), set(), []),
]


@pytest.fixture(scope="module")
def lamdong() -> list[Task]:
    return _read_table(vnadmin.parse(_LAMDONG))


def test_lamdong_docx_rows(lamdong: list[Task]) -> None:
    for i, (task, want) in enumerate(zip(lamdong, LAMDONG_ROWS, strict=False)):
        if i == 1:
            assert _matches(task, want, deadlines=False), (_row(task), want)
            (rule,) = task.deadlines
            assert rule.recurrence is not None and rule.recurrence.rrule == "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31"
        else:
            assert _matches(task, want), (i, _row(task), want)


def test_lamdong_docx_products_and_groups(lamdong: list[Task]) -> None:
    assert lamdong[0].group == "I. Cải cách thể chế"
    assert lamdong[4].group == "II. Cải cách thủ tục hành chính"
    assert lamdong[3].product == "Ứng dụng AI, tờ rơi, tờ gấp, infographic trong công tác phổ biến, giáo dục pháp luật"
    groups = {t.group for t in lamdong}
    assert {g.split(".")[0] for g in groups if g} >= {"I", "II", "III"}


# ---- Markdown tables: the same rules without a reader in between ---------------------------------------------

_MD = """KẾ HOẠCH
Thực hiện nhiệm vụ năm 2025

I. TỔ CHỨC THỰC HIỆN

| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
| I | Xây dựng chính sách | | | |
| 1 | Điều tra hiện trạng chất thải rắn trên | Sở Nông nghiệp và Môi trường | Sở Tài chính | 2025-2030 |
| | địa bàn tỉnh | | | |
| 2 | Công bố thủ tục | Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh | | \
Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ |
| II | Tuyên truyền | | | |
| 1 | Tuyên truyền | Các sở, ban ngành, Ủy ban nhân dân cấp xã | | Giai đoạn 2026 - 2030 |
"""


def test_markdown_table_rules() -> None:
    rows = [_row(t) for t in parse_text(_MD).tasks if t.group]
    assert rows == [
        (
            "I",
            "Điều tra hiện trạng chất thải rắn trên địa bàn tỉnh",
            {"Sở Nông nghiệp và Môi trường"},
            {"Sở Tài chính"},
            [],
        ),
        ("I", "Công bố thủ tục", set(), set(), []),
        ("II", "Tuyên truyền", {"Các sở, ban ngành", "Ủy ban nhân dân cấp xã"}, set(), []),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-2030", []),
        ("2026 – 2030", []),
        ("Giai đoạn 2026-2030", []),
        ("Năm 2025 - 2026", []),
        ("Đến 2025", [dt.date(2025, 12, 31)]),
        ("Giai đoạn 2026-2030 và những năm tiếp theo", []),
        ("Năm 2025 - 2026 và các năm tiếp theo", []),
        ("Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ", []),
        ("Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", []),
        ("Theo Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2026 của tỉnh", []),
        ("Trước ngày 30/6/2026", [dt.date(2026, 6, 30)]),
    ],
)
def test_time_cells(cell: str, expected: list[dt.date]) -> None:
    assert [d.date for d in find_cell_deadlines(cell, 2025)] == expected


def test_year_range_in_a_cell_is_no_deadline_but_a_period() -> None:
    # kh-laichau-2025-3473, "Thời gian thực hiện" over "Đến 2025 | 2026 – 2030": the range is how long the task
    # runs; the plan names it among its periods
    assert find_cell_deadlines("2026 – 2030", 2025) == []
    doc = parse_text(_MD)
    assert [p.text for p in doc.periods if "2030" in p.text] == ["2025-2030", "Giai đoạn 2026 - 2030"]
