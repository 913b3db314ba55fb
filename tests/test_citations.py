"""Citations in text: table cases from real documents, the example plan, generated phrases, speed."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnadmin
from vnadmin.extract.citations import extract_citations, find_citations
from vnadmin.model import Document, Footnote, Located, Metadata, Section, Source
from vnadmin.normalize import fold, normalize

HERE = Path(__file__).parent
CASES = json.loads((HERE / "cases" / "citations_mentions.json").read_text(encoding="utf-8"))
CORPUS = HERE.parent / "corpus"
PLAN = CORPUS / "docs" / "kh-tuyenquang-2024-dan-van.txt"
GOLD = CORPUS / "gold" / "kh-tuyenquang-2024-dan-van.json"


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_mention_cases(case: dict[str, Any]) -> None:
    text = case["text"]
    found = extract_citations(text)
    assert len(found) == len(case["expect"]), [c.text for c in found]
    for c, exp in zip(found, case["expect"], strict=True):
        assert text[c.span[0] : c.span[1]] == c.text
        for field, value in exp.items():
            got = getattr(c, field)
            if isinstance(got, dt.date):
                got = got.isoformat()
            assert got == value, (field, c)


def test_public_api() -> None:
    assert vnadmin.extract_citations is extract_citations
    assert vnadmin.DocumentNumber.parse("65/KH-UBND").type_code == "KH"


# --- the example plan -------------------------------------------------------------------------------------


def _plan_document() -> Document:
    nt = normalize(PLAN.read_text(encoding="utf-8"))
    text = nt.text
    legal = [
        Located(text=text[s:e], span=(s, e))
        for s, e in ((m.start(), m.end()) for m in __import__("regex").finditer(r"(?m)^Căn cứ.*$", text))
    ]
    ii = text.index("II. NỘI DUNG")
    iii = text.index("III. TỔ CHỨC")
    two = text.index("2. Tiếp tục thể chế")
    three = text.index("3. Tăng cường vận động")
    sec_2 = Section(label="2", kind="arabic", level=2, path="II.2", title=None, text=text[two:three], span=(two, three))
    sec_ii = Section(
        label="II", kind="roman", level=1, path="II", title=None, text=text[ii:iii], span=(ii, iii), children=[sec_2]
    )
    return Document(
        source=Source(format="txt", sha256="x"),
        text=text,
        metadata=Metadata(
            doc_type="Kế hoạch", title="Thực hiện công tác dân vận chính quyền năm 2024 trên địa bàn tỉnh"
        ),
        legal_bases=legal,
        sections=[sec_ii],
        footnotes=[Footnote(marker=f.marker, text=text[f.span[0] : f.span[1]], span=f.span) for f in nt.footnotes],
    )


@pytest.fixture(scope="module")
def plan() -> tuple[Document, list[Any], list[Any]]:
    doc = _plan_document()
    cites, refs = find_citations(doc)
    return doc, cites, refs


def test_plan_numbered_against_gold(plan: tuple[Document, list[Any], list[Any]]) -> None:
    _, cites, _ = plan
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["citations"]
    want = Counter((g["number"], g["date"], g["doc_type"]) for g in gold if g["number"])
    got = Counter((c.number, c.date.isoformat() if c.date else None, c.doc_type) for c in cites if c.number)
    assert got == want


def test_plan_named_against_gold(plan: tuple[Document, list[Any], list[Any]]) -> None:
    _, cites, _ = plan
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["citations"]
    want = Counter(fold(g["text"]) for g in gold if not g["number"])
    got = Counter(fold(c.text) for c in cites if not c.number)
    tp = sum((want & got).values())
    precision, recall = tp / sum(got.values()), tp / sum(want.values())
    assert 2 * precision * recall / (precision + recall) >= 0.85


def test_plan_split_citation_and_flags(plan: tuple[Document, list[Any], list[Any]]) -> None:
    doc, cites, _ = plan
    for c in cites:
        assert doc.text[c.span[0] : c.span[1]] == c.text
    split = [c for c in cites if c.number == "05-CTrPH/BDVTU-BCSĐ UBND" and c.date == dt.date(2022, 3, 28)]
    assert len(split) == 1 and split[0].section == "II.2" and not split[0].in_legal_basis
    footnoted = [c for c in cites if c.in_footnote]
    assert {c.number for c in footnoted} >= {"25-NQ/TW", "114-KL/TU", "49-CT/TW", "23-QĐ/TW", "55/2023/NQ-HĐND"}
    legal = [c.number for c in cites if c.in_legal_basis]
    assert legal == ["33/CT-TTg", "268-QĐ/TU", "05-CTrPH/BDVTU-BCSĐ UBND", "65-KH/BDVTU-BCSĐ UBND"]


def test_plan_links_repeated_mentions(plan: tuple[Document, list[Any], list[Any]]) -> None:
    _, cites, refs = plan
    by_key = {r.key: r for r in refs}
    assert len(by_key["CT|33|2021|TTg"].mentions) == 3
    assert len(by_key["QĐ|268|2021|TU"].mentions) == 3
    nq55 = by_key["NQ|55|2023|HĐND"]
    assert {cites[i].number for i in nq55.mentions} == {"55/2023/NQ-HĐND", "55/NQ-HĐND"}
    assert nq55.uncertain and nq55.note and nq55.number == "55/2023/NQ-HĐND"
    for i, c in enumerate(cites):
        assert c.reference is not None and i in refs[c.reference].mentions


def test_self_reference_by_number_is_dropped() -> None:
    text = "Số: 65/KH-UBND\n\nPhụ lục (Kèm theo Kế hoạch số 65/KH-UBND ngày 15/3/2024 của UBND tỉnh)"
    doc = Document(
        source=Source(format="txt", sha256="x"),
        text=text,
        metadata=Metadata(number="65/KH-UBND", issued_date=dt.date(2024, 3, 15)),
    )
    assert find_citations(doc) == ([], [])
    assert [c.number for c in extract_citations(text)] == ["65/KH-UBND"]


def test_self_reference_by_shortened_title_is_dropped() -> None:
    # The body names the plan without "trên địa bàn tỉnh Thanh Hóa" and with a line wrap (kh-thanhhoa-2025-235).
    text = "tổ chức thực hiện Kế hoạch quan trắc, cảnh\nbáo môi trường nuôi trồng thủy sản năm 2026."
    title = "QUAN TRẮC, CẢNH BÁO MÔI TRƯỜNG NUÔI TRỒNG THỦY SẢN TRÊN ĐỊA BÀN TỈNH THANH HÓA NĂM 2026"
    doc = Document(
        source=Source(format="txt", sha256="x"), text=text, metadata=Metadata(doc_type="Kế hoạch", title=title)
    )
    assert find_citations(doc) == ([], [])
    assert [c.doc_type for c in extract_citations(text)] == ["Kế hoạch"]


def test_short_forms_resolve() -> None:
    text = (
        "Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; thực hiện Chỉ thị số 33, "
        "Nghị quyết 55/2023/NQ-HĐND và Nghị quyết 55; Kế hoạch 5 năm."
    )
    cites = extract_citations(text)
    assert [c.number for c in cites] == ["33/CT-TTg", "33", "55/2023/NQ-HĐND", "55"]
    assert cites[0].reference == cites[1].reference
    assert cites[2].reference == cites[3].reference != cites[0].reference


def test_different_dates_are_different_documents() -> None:
    text = "Kế hoạch số 12/KH-UBND ngày 05/01/2023 và Kế hoạch số 12/KH-UBND ngày 07/01/2024"
    cites = extract_citations(text)
    assert len(cites) == 2 and cites[0].reference != cites[1].reference


# --- generated phrases ------------------------------------------------------------------------------------

TYPES = [("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Kế hoạch", "KH"), ("Nghị quyết", "NQ"), ("Hướng dẫn", "HD")]
ISSUERS = [
    ("Ủy ban nhân dân tỉnh", "UBND"),
    ("Thủ tướng Chính phủ", "TTg"),
    ("Bộ Nội vụ", "BNV"),
    ("Hội đồng nhân dân tỉnh", "HĐND"),
    ("Ban Thường vụ Tỉnh ủy", "TU"),
    ("Bộ Nông nghiệp và Môi trường", "BNNMT"),
]
FILLER = ["Tiếp tục triển khai", "thực hiện nghiêm", "theo", "Căn cứ", "và căn cứ", "đồng thời thực hiện"]


@st.composite
def phrases(draw: st.DrawFn) -> tuple[str, str, str, dt.date, str]:
    tname, tcode = draw(st.sampled_from(TYPES))
    iname, icode = draw(st.sampled_from(ISSUERS))
    day = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
    serial = draw(st.integers(1, 20000))
    family = draw(st.sampled_from(["administrative", "normative", "party"]))
    if family == "normative":
        number = f"{serial}/{day.year}/{tcode}-{icode}"
    elif family == "party":
        number = f"{serial}-{tcode}/{icode}"
    else:
        number = f"{serial}/{tcode}-{icode}"
    if draw(st.booleans()):
        dtext = (
            f"{day.day:02d}/{day.month:02d}/{day.year}" if draw(st.booleans()) else f"{day.day}/{day.month}/{day.year}"
        )
    else:
        dtext = f"{day.day:02d} tháng {day.month:02d} năm {day.year}"
    mention = f"{tname} số {number} ngày {dtext} của {iname}"
    before = draw(st.sampled_from(FILLER))
    after = draw(st.sampled_from([" về việc tăng cường công tác;", ".", ", góp phần bảo đảm an ninh", ""]))
    return f"{before} {mention}{after}", mention, number, day, iname


@settings(max_examples=200)
@given(phrases())
def test_generated_phrases(item: tuple[str, str, str, dt.date, str]) -> None:
    text, mention, number, day, issuer = item
    cites = extract_citations(text)
    assert len(cites) == 1
    c = cites[0]
    start = text.index(mention)
    assert c.span == (start, start + len(mention))
    assert (c.number, c.date, c.issuer) == (number, day, issuer)


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    for c in extract_citations(text):
        assert text[c.span[0] : c.span[1]] == c.text


@given(
    st.lists(
        st.sampled_from(
            [
                "Chỉ thị số ",
                "33",
                "/",
                "-",
                "CT",
                "TTg",
                " ngày ",
                "26/11/2021",
                " của ",
                "Bộ",
                " ",
                "Luật ",
                "Nghị quyết ",
                "Đại hội ",
                "XIII",
                "“",
                "”",
                ";",
                "\n",
                "số",
                "2023",
            ]
        ),
        max_size=40,
    )
)
def test_never_raises_on_near_misses(parts: list[str]) -> None:
    text = "".join(parts)
    for c in extract_citations(text):
        assert text[c.span[0] : c.span[1]] == c.text


def test_one_megabyte_of_text() -> None:
    # The speed (under 1 s per MB) is measured by `make bench`, not asserted here.
    text = normalize(PLAN.read_text(encoding="utf-8")).text
    big = ("\n\n".join([text] * (1_000_000 // len(text) + 1)))[:1_000_000]
    cites = extract_citations(big)
    assert len(cites) > 1000
    assert all(big[c.span[0] : c.span[1]] == c.text for c in cites)
