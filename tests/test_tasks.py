"""Tasks: the example plan end to end, assignment tables, and the csv/json/ics exports and CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from vnadmin.extract.tasks import extract_tasks
from vnadmin.model import Cell, DocTable, Document, Metadata, Section, Source

ROLES = {"lead": "chủ trì", "cooperate": "phối hợp", "requested": "đề nghị", "responsible": "thực hiện"}
EXAMPLE_ASSIGNEES = {
    ("III.1", "Sở Nội vụ", "thực hiện"),
    ("III.2", "Văn phòng Ủy ban nhân dân tỉnh", "chủ trì"),
    ("III.3", "Sở Tư pháp", "thực hiện"),
    ("III.4", "Thanh tra tỉnh", "chủ trì"),
    ("III.5", "Sở Tài chính", "thực hiện"),
    ("III.6", "Ban Dân tộc", "chủ trì"),
    ("III.7", "Sở Thông tin và Truyền thông", "chủ trì"),
    ("III.7", "Báo Tuyên Quang", "chủ trì"),
    ("III.7", "Đài Phát thanh và Truyền hình tỉnh", "chủ trì"),
    ("III.8", "Bộ Chỉ huy Quân sự tỉnh", "thực hiện"),
    ("III.8", "Công an tỉnh", "thực hiện"),
    ("III.9", "Các sở, ban, ngành thuộc tỉnh", "thực hiện"),
    ("III.9", "Ủy ban nhân dân huyện, thành phố", "thực hiện"),
    ("III.10", "Ủy ban Mặt trận Tổ quốc", "đề nghị"),
    ("III.10", "các tổ chức chính trị - xã hội tỉnh", "đề nghị"),
    ("III.11", "Ban Dân vận Tỉnh ủy", "đề nghị"),
}


def test_example_plan_assignees(example_doc: Document) -> None:
    tasks, _, _ = extract_tasks(example_doc)
    got = {(t.section, a.name, ROLES[a.role]) for t in tasks for a in t.assignees}
    assert got == EXAMPLE_ASSIGNEES
    for t in tasks:
        for a in t.assignees:
            assert a.span is not None
            assert " ".join(example_doc.text[a.span[0] : a.span[1]].split()) == a.name


def test_example_plan_deadlines(example_doc: Document) -> None:
    tasks, deadlines, periods = extract_tasks(example_doc)
    assert [(d.date, d.recurrence.rrule if d.recurrence else None) for d in deadlines] == [
        (dt.date(2024, 4, 20), None),
        (None, "FREQ=MONTHLY;BYMONTHDAY=15"),
        (None, "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"),
        (dt.date(2024, 6, 30), None),
        (dt.date(2024, 12, 10), None),
    ]
    for d in deadlines:
        assert example_doc.text[d.span[0] : d.span[1]] == d.text
        assert d.section == "III.9"
    (owner,) = [t for t in tasks if t.deadlines]
    assert owner.section == "III.9" and owner.deadlines == deadlines
    assert {a.name for a in owner.assignees} == {"Các sở, ban, ngành thuộc tỉnh", "Ủy ban nhân dân huyện, thành phố"}
    assert "giai đoạn 2022-2026" in [p.text for p in periods]
    for p in periods:
        assert example_doc.text[p.span[0] : p.span[1]] == p.text


# ---- a document built by hand: inline sentences, fields and an assignment table ---------------------------------


def _table_doc() -> Document:
    rows = [
        ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
        ["I", "Công tác chỉ đạo", "", "", "", ""],
        [
            "1",
            "Ban hành kế hoạch triển khai",
            "Sở Nội vụ",
            "Sở Tư pháp; các cơ quan, đơn vị liên quan",
            "Quý II/2024",
            "Kế hoạch",
        ],
        ["", "và hướng dẫn thực hiện", "", "", "", ""],
        ["II", "Tuyên truyền", "", "", "", ""],
        ["2", "Đăng tin, bài", "Báo Tuyên Quang", "Sở Văn hóa, Thể thao và Du lịch", "Thường xuyên", ""],
        ["3", "Tổng kết", "UBND các huyện, thành phố", "", "Tháng 12/2024", "Báo cáo"],
    ]
    intro = "PHỤ LỤC\nI. TỔ CHỨC THỰC HIỆN\nGiao Sở Y tế chủ trì, phối hợp với Sở Tài chính xây dựng đề án.\n"
    text = intro
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cells.append(Cell(row=r, col=c, text=value, span=(len(text), len(text) + len(value))))
            text += value + ("\t" if c < len(row) - 1 else "\n")
    sec_start = intro.index("I. TỔ")
    section = Section(
        label="I",
        kind="roman",
        level=1,
        path="I",
        title="TỔ CHỨC THỰC HIỆN",
        text=text[sec_start:],
        span=(sec_start, len(text)),
    )
    table = DocTable(span=(len(intro), len(text)), n_rows=len(rows), n_cols=6, cells=cells)
    return Document(
        source=Source(format="txt", sha256="x"),
        text=text,
        metadata=Metadata(issued_date=dt.date(2024, 3, 1)),
        sections=[section],
        tables=[table],
    )


def test_inline_assignment_sentence() -> None:
    tasks, _, _ = extract_tasks(_table_doc())
    inline = [t for t in tasks if t.group is None and "đề án" in t.description]
    assert [(a.name, a.role) for a in inline[0].assignees] == [("Sở Y tế", "lead"), ("Sở Tài chính", "cooperate")]


def test_assignment_table_rows() -> None:
    doc = _table_doc()
    tasks, deadlines, _ = extract_tasks(doc)
    rows = [t for t in tasks if t.group is not None]
    assert [t.description for t in rows] == [
        "Ban hành kế hoạch triển khai và hướng dẫn thực hiện",
        "Đăng tin, bài",
        "Tổng kết",
    ]
    assert [t.group for t in rows] == ["I. Công tác chỉ đạo", "II. Tuyên truyền", "II. Tuyên truyền"]
    first = rows[0]
    assert [(a.name, a.role) for a in first.assignees] == [("Sở Nội vụ", "lead"), ("Sở Tư pháp", "cooperate")]
    assert first.product == "Kế hoạch"
    assert [d.date for d in first.deadlines] == [dt.date(2024, 6, 30)]
    assert first.deadlines[0].period is not None and first.deadlines[0].period.kind == "quarter"
    assert [a.normalized for a in rows[2].assignees] == ["Ủy ban nhân dân các huyện, thành phố"]
    assert rows[1].deadlines[0].relative == "continuous"
    for d in deadlines:
        assert doc.text[d.span[0] : d.span[1]] == d.text


# ---- exports and the command ---------------------------------------------------------------------------------


def test_csv_and_json_rows(example_doc: Document) -> None:
    from vnadmin.export.tasks_export import COLUMNS, to_csv, to_json

    tasks, deadlines, periods = extract_tasks(example_doc)
    doc = example_doc.model_copy(update={"tasks": tasks, "deadlines": deadlines, "periods": periods})
    rows = list(csv.DictReader(io.StringIO(to_csv(doc))))
    assert tuple(rows[0].keys()) == COLUMNS
    # 15 tasks × assignees without deadlines + 2 assignees × 5 deadlines in III.9
    assert len(rows) == 14 + 2 * 5
    dated = [r for r in rows if r["section"] == "III.9"]
    assert {r["rrule"] for r in dated} >= {"FREQ=MONTHLY;BYMONTHDAY=15"}
    data: dict[str, Any] = json.loads(to_json(doc))
    assert len(data["rows"]) == len(rows)


def test_ics_reparses(example_doc: Document) -> None:
    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    from vnadmin.export.tasks_export import to_ics

    tasks, deadlines, periods = extract_tasks(example_doc)
    doc = example_doc.model_copy(update={"tasks": tasks, "deadlines": deadlines, "periods": periods})
    cal = Calendar.from_ical(to_ics(doc, today=dt.date(2024, 3, 15)))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 5  # one event per deadline, its bodies in the summary
    starts = sorted({ev.decoded("dtstart") for ev in events if "RRULE" not in ev})
    assert starts == [dt.date(2024, 4, 20), dt.date(2024, 6, 30), dt.date(2024, 12, 10)]
    rules = {frozenset(ev["RRULE"].to_ical().decode().split(";")) for ev in events if "RRULE" in ev}
    assert rules == {
        frozenset(r.split(";")) for r in ("FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20")
    }
    for ev in events:
        if "RRULE" in ev:
            start = ev.decoded("dtstart")
            occ = rrulestr(ev["RRULE"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
            first = occ.after(dt.datetime(2024, 3, 15), inc=True)
            assert first is not None and first.date() in {dt.date(2024, 3, 15), dt.date(2024, 3, 20)}
    assert len({str(ev["UID"]) for ev in events}) == len(events)


@pytest.mark.parametrize("fmt", ["csv", "json", "ics"])
def test_cli_tasks(fmt: str, tmp_path: Path) -> None:
    from vnadmin.cli import main

    from .conftest import EXAMPLE_TXT

    out = tmp_path / f"tasks.{fmt}"
    assert main(["tasks", str(EXAMPLE_TXT), "--format", fmt, "-o", str(out)]) == 0
    data = out.read_bytes()
    if fmt == "ics":
        from icalendar import Calendar

        assert len(list(Calendar.from_ical(data).walk("VEVENT"))) == 5
    elif fmt == "json":
        assert len(json.loads(data)["rows"]) == 24
    else:
        assert data.decode().startswith("task,section,group,assignee")
