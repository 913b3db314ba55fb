"""The SQLite index of a converted archive and ``vnadmin query``: exact rows for small archives."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from vnadmin.batch import BatchOptions, run_batch
from vnadmin.batch import query as q
from vnadmin.batch.index import Index, document_rows, number_key, type_key
from vnadmin.cli import main
from vnadmin.model import Assignee, Citation, Deadline, Document, Metadata, Recurrence, Source, Task

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"


def _doc(text: str, metadata: Metadata, **fields: object) -> Document:
    return Document(source=Source(format="txt", sha256="0" * 64), text=text, metadata=metadata, **fields)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def archive(tmp_path: Path) -> sqlite3.Connection:
    ct_text = "CHỈ THỊ về công tác dân vận"
    ct = _doc(
        ct_text,
        Metadata(doc_type="Chỉ thị", doc_type_code="CT", number="33/CT-TTg", issued_date=dt.date(2021, 11, 26)),
    )
    kh_text = (
        "KẾ HOẠCH dân vận. Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021; Chỉ thị số 33/CT-TTg ngày 02/3/2019. "
        "Sở Nội vụ chủ trì, báo cáo trước ngày 15/4/2024. Sở Tài chính báo cáo trước ngày 10/4/2024. "
        "Sở Nội vụ báo cáo ngày 25 hằng tháng. Sở Nội vụ tổng kết trước ngày 31/5/2024."
    )
    c1, c2 = "Chỉ thị số 33/CT-TTg ngày 26/11/2021", "Chỉ thị số 33/CT-TTg ngày 02/3/2019"

    def deadline(part: str, date: dt.date | None, rrule: str | None = None) -> Deadline:
        rec = Recurrence(rrule=rrule) if rrule else None
        return Deadline(text=part, span=_span(kh_text, part), date=date, recurrence=rec)

    d_snv = deadline("trước ngày 15/4/2024", dt.date(2024, 4, 15))
    d_stc = deadline("trước ngày 10/4/2024", dt.date(2024, 4, 10))
    d_month = deadline("ngày 25 hằng tháng", None, "FREQ=MONTHLY;BYMONTHDAY=25")
    d_may = deadline("trước ngày 31/5/2024", dt.date(2024, 5, 31))

    def task(who: str, what: str, dls: list[Deadline]) -> Task:
        return Task(assignees=[Assignee(name=who, normalized=who, role="lead")], description=what, deadlines=dls)

    kh = _doc(
        kh_text,
        Metadata(doc_type="Kế hoạch", number="65/KH-UBND", issued_date=dt.date(2024, 1, 10), title="Dân vận 2024"),
        citations=[
            Citation(
                text=c1, span=_span(kh_text, c1), doc_type="Chỉ thị", number="33/CT-TTg", date=dt.date(2021, 11, 26)
            ),
            Citation(
                text=c2, span=_span(kh_text, c2), doc_type="Chỉ thị", number="33/CT-TTg", date=dt.date(2019, 3, 2)
            ),
        ],
        tasks=[
            task("Sở Nội vụ", "chủ trì, báo cáo", [d_snv]),
            task("Sở Tài chính", "báo cáo", [d_stc]),
            task("Sở Nội vụ", "báo cáo hằng tháng", [d_month]),
            task("Sở Nội vụ", "tổng kết", [d_may]),
        ],
        deadlines=[d_snv, d_stc, d_month, d_may],
    )
    index = Index(tmp_path / "index.sqlite")
    index.record_document("ct.txt", "in/ct.txt", "ct.txt.json", "a" * 64, "t", None, document_rows(ct))
    index.record_document("kh.txt", "in/kh.txt", "kh.txt.json", "b" * 64, "t", None, document_rows(kh))
    index.close()
    return q.open_index(tmp_path)


def test_keys() -> None:
    assert number_key(" 33/CT-TTg ") == "33/CT-TTG"
    assert type_key(None, None, "33/CT-TTg") == type_key("CHỈ THỊ") == "chỉ thị"
    assert type_key(None, None, "55/2023/NQ-HĐND") == "nghị quyết"


def test_due_in_april_for_so_noi_vu(archive: sqlite3.Connection) -> None:
    rows = q.due(archive, "sở nội vụ", *q.month_range("2024-04"))
    assert [(r["path"], r["due"], r["task"], r["recurrence"]) for r in rows] == [
        ("kh.txt", "2024-04-15", "chủ trì, báo cáo", None),
        ("kh.txt", "2024-04-25", "báo cáo hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=25"),
    ]
    assert q.due(archive, "Sở Tài chính", dt.date(2024, 5, 1), dt.date(2024, 5, 31)) == []


def test_which_documents_cite_a_number(archive: sqlite3.Connection) -> None:
    assert [(r["path"], r["mentions"]) for r in q.citing(archive, "33/CT-TTg")] == [("kh.txt", 2)]
    assert [(r["path"], r["mentions"]) for r in q.citing(archive, "33/ct-ttg", year=2019)] == [("kh.txt", 1)]
    assert q.citing(archive, "34/CT-TTg") == []


def test_citation_resolves_when_type_number_and_year_match(archive: sqlite3.Connection) -> None:
    assert [r["path"] for r in q.resolve(archive, "Chỉ thị số 33/CT-TTg ngày 26/11/2021")] == ["ct.txt"]
    assert q.resolve(archive, "Chỉ thị số 33/CT-TTg ngày 02/3/2019") == []
    assert q.resolve(archive, "Quyết định số 33/CT-TTg ngày 26/11/2021") == []
    links = q.sql(
        archive,
        "SELECT c.text, d.path FROM citation_links AS l JOIN citations AS c ON c.id = l.citation_id"
        " JOIN documents AS d ON d.id = l.cited_id",
    )
    assert links == [{"text": "Chỉ thị số 33/CT-TTg ngày 26/11/2021", "path": "ct.txt"}]


def test_full_text_search(archive: sqlite3.Connection) -> None:
    assert [r["path"] for r in q.search(archive, '"Sở Tài chính"')] == ["kh.txt"]
    assert sorted(r["path"] for r in q.search(archive, "dân vận")) == ["ct.txt", "kh.txt"]


CT33 = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 33/CT-TTg
Hà Nội, ngày 26 tháng 11 năm 2021

CHỈ THỊ
Về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước trong tình hình mới

1. Các bộ, cơ quan ngang bộ quán triệt công tác dân vận.

2. Sở Nội vụ các tỉnh chủ trì, tổng hợp tình hình, báo cáo Bộ Nội vụ trước ngày 20/4/2024.

THỦ TƯỚNG
Phạm Minh Chính
"""


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("archive") / "in"
    src.mkdir()
    for path in [*sorted(DOCS.glob("*.txt"))[:8], DOCS / "kh-tuyenquang-2024-dan-van.txt"]:
        shutil.copy(path, src / path.name)
    (src / "ct-ttg-2021-33.txt").write_text(CT33, encoding="utf-8")
    out = src.parent / "out"
    run_batch([src], out, BatchOptions(jobs=2))
    return out


def _docs(out: Path) -> dict[str, dict[str, object]]:
    return {p.name.removesuffix(".json"): json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.txt.json")}


def test_corpus_cites_matches_the_json(corpus_archive: Path) -> None:
    docs = _docs(corpus_archive)
    expected = sorted(
        name
        for name, doc in docs.items()
        if any(number_key(c["number"]) == "33/CT-TTG" for c in doc["citations"])  # type: ignore[attr-defined]
    )
    assert "kh-tuyenquang-2024-dan-van.txt" in expected
    with q.open_index(corpus_archive) as conn:
        assert [r["path"] for r in q.citing(conn, "33/CT-TTg")] == expected
        assert [r["path"] for r in q.resolve(conn, "Chỉ thị số 33/CT-TTg ngày 26/11/2021")] == ["ct-ttg-2021-33.txt"]
        linked = q.sql(
            conn,
            "SELECT DISTINCT citing.path FROM citation_links AS l JOIN documents AS citing ON citing.id = l.citing_id"
            " JOIN documents AS cited ON cited.id = l.cited_id WHERE cited.path = 'ct-ttg-2021-33.txt' ORDER BY 1",
        )
    expected_links = sorted(
        name
        for name in expected
        if any(
            number_key(c["number"]) == "33/CT-TTG"
            and (c["date"] or "").startswith("2021")
            and c["doc_type"] == "Chỉ thị"
            for c in docs[name]["citations"]  # type: ignore[attr-defined]
        )
    )
    assert [r["path"] for r in linked] == expected_links


def test_corpus_due_matches_the_json(corpus_archive: Path) -> None:
    expected = set()
    for name, doc in _docs(corpus_archive).items():
        for t in doc["tasks"]:  # type: ignore[attr-defined]
            names = " | ".join(f"{a['name']} {a['normalized'] or ''}" for a in t["assignees"]).casefold()
            if "sở nội vụ" in names:
                expected |= {(name, d["date"]) for d in t["deadlines"] if (d["date"] or "").startswith("2024-04")}
    assert ("ct-ttg-2021-33.txt", "2024-04-20") in expected
    with q.open_index(corpus_archive) as conn:
        rows = q.due(conn, "Sở Nội vụ", *q.month_range("2024-04"))
    assert {(r["path"], r["due"]) for r in rows if r["recurrence"] is None} == expected


def test_query_command(corpus_archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(corpus_archive), "--json", "resolve", "33/CT-TTg", "--year", "2021"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in rows] == ["ct-ttg-2021-33.txt"]
    assert main(["query", str(corpus_archive), "cites", "999/CT-TTg"]) == 1
    assert main(["query", str(corpus_archive), "sql", "SELECT nonsense FROM nowhere"]) == 2
    assert main(["query", str(corpus_archive.parent / "nothing"), "cites", "1/QĐ-TTg"]) == 2
    assert main(["query", str(corpus_archive), "due", "Sở Nội vụ", "--month", "2024-04"]) == 0
    assert "ct-ttg-2021-33.txt" in capsys.readouterr().out
