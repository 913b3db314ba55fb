"""DocumentNumber: table-driven cases from the corpus, noise forms, and generated round trips."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnadmin import DocumentNumber
from vnadmin.extract.citations.number import (
    InvalidComponent,
    InvalidFormat,
    compact,
    format,
    is_valid,
    issuer_code,
    type_code,
)

CASES = Path(__file__).parent / "cases" / "citations_numbers.csv"


def _rows() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


ROWS = _rows()


def test_enough_corpus_cases() -> None:
    assert len(ROWS) >= 150
    assert {r["family"] for r in ROWS} == {"administrative", "normative", "party"}


@pytest.mark.parametrize("row", ROWS, ids=[r["input"] for r in ROWS])
def test_corpus_number(row: dict[str, str]) -> None:
    n = DocumentNumber.parse(row["input"])
    assert n.serial == (int(row["serial"]) if row["serial"] else None)
    assert n.year == (int(row["year"]) if row["year"] else None)
    assert (n.type_code or "") == row["type_code"]
    assert "|".join(n.issuers) == row["issuers"]
    assert n.family == row["family"]
    assert str(n) == row["canonical"]
    assert DocumentNumber.parse(str(n)) == n


# (input as written, serial, year, type code, issuers, family)
NOISE = [
    ("33/CT-TTg", 33, None, "CT", ("TTg",), "administrative"),
    ("65/KH-UBND", 65, None, "KH", ("UBND",), "administrative"),
    ("12/UBND-VX", 12, None, None, ("UBND", "VX"), "administrative"),
    ("2180/SGD&ĐT-KTKĐCLGD", 2180, None, None, ("SGD&ĐT", "KTKĐCLGD"), "administrative"),
    ("55/2023/NQ-HĐND", 55, 2023, "NQ", ("HĐND",), "normative"),
    ("30/2020/NĐ-CP", 30, 2020, "NĐ", ("CP",), "normative"),
    ("10/2022/QH15", 10, 2022, None, ("QH15",), "normative"),
    (
        "10/2013/TTLT-BTP-BCA-TANDTC-VKSNDTC-BTC",
        10,
        2013,
        "TTLT",
        ("BTP", "BCA", "TANDTC", "VKSNDTC", "BTC"),
        "normative",
    ),
    ("05/1999/TTLT/BLĐTBXH-BYT-BTC", 5, 1999, "TTLT", ("BLĐTBXH", "BYT", "BTC"), "normative"),
    ("268-QĐ/TU", 268, None, "QĐ", ("TU",), "party"),
    ("25-NQ/TW", 25, None, "NQ", ("TW",), "party"),
    ("08-QĐi/TW", 8, None, "QĐi", ("TW",), "party"),
    ("05-CTrPH/BDVTU-BCSĐ UBND", 5, None, "CTrPH", ("BDVTU", "BCSĐ UBND"), "party"),
    # spaces around separators
    ("4085 /QĐ-SYT", 4085, None, "QĐ", ("SYT",), "administrative"),
    ("134 / KH - UBND", 134, None, "KH", ("UBND",), "administrative"),
    ("05 - CTrPH / BDVTU - BCSĐ UBND", 5, None, "CTrPH", ("BDVTU", "BCSĐ UBND"), "party"),
    ("66/2018/QĐ- UBND", 66, 2018, "QĐ", ("UBND",), "normative"),
    ("46 - CT/TW", 46, None, "CT", ("TW",), "party"),
    # Ð (U+00D0) for Đ
    ("30/2020/NÐ-CP", 30, 2020, "NĐ", ("CP",), "normative"),
    ("268-QÐ/TU", 268, None, "QĐ", ("TU",), "party"),
    ("55/2023/NQ-HÐND", 55, 2023, "NQ", ("HĐND",), "normative"),
    # upper-cased mixed codes
    ("12/TTR-SNV", 12, None, "TTr", ("SNV",), "administrative"),
    ("3/QYĐ-UBND", 3, None, "QyĐ", ("UBND",), "administrative"),
    ("7/CTR-UBND", 7, None, "CTr", ("UBND",), "administrative"),
    ("33/CT-TTG", 33, None, "CT", ("TTg",), "administrative"),
    ("8-QĐI/TW", 8, None, "QĐi", ("TW",), "party"),
    # dots for hyphens, dashes
    ("11/CT.UBND", 11, None, "CT", ("UBND",), "administrative"),
    ("11/CT–UBND", 11, None, "CT", ("UBND",), "administrative"),
    # leading zeros
    ("0204/KH-UBND", 204, None, "KH", ("UBND",), "administrative"),
    ("05-KH/BDVTU", 5, None, "KH", ("BDVTU",), "party"),
    # "Số:" in front
    ("Số: 65/KH-UBND", 65, None, "KH", ("UBND",), "administrative"),
    ("số 1675/NQ-UBTVQH15", 1675, None, "NQ", ("UBTVQH15",), "administrative"),
    # blank numbers of drafts
    ("/KH-UBND", None, None, "KH", ("UBND",), "administrative"),
    ("      /QĐ-UBND", None, None, "QĐ", ("UBND",), "administrative"),
    ("…/2025/NQ-HĐND", None, 2025, "NQ", ("HĐND",), "normative"),
    # ASCII-folded and unknown codes kept verbatim
    ("45/2022/ND-CP", 45, 2022, "ND", ("CP",), "normative"),
    ("7/XYZ-ABC", 7, None, None, ("XYZ", "ABC"), "administrative"),
    ("25/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", 25, 2025, "NQLT", ("UBTVQH15", "CP", "ĐCTUBTWMTTQVN"), "normative"),
    ("08/2025/L-CTN", 8, 2025, "L", ("CTN",), "normative"),
    ("18/NQ/TW", 18, None, "NQ", ("TW",), "party"),
]


@pytest.mark.parametrize(("text", "serial", "year", "tcode", "issuers", "family"), NOISE, ids=[n[0] for n in NOISE])
def test_noise_forms(
    text: str, serial: int | None, year: int | None, tcode: str | None, issuers: tuple[str, ...], family: str
) -> None:
    n = DocumentNumber.parse(text)
    assert (n.serial, n.year, n.type_code, n.issuers, n.family) == (serial, year, tcode, issuers, family)
    assert is_valid(text)


@pytest.mark.parametrize(
    "text", ["", "Kế hoạch", "268", "2024", "ngày 26/11/2021", "QĐ-UBND", "12/", "1/2/3", "a/b-c", "12/-"]
)
def test_not_numbers(text: str) -> None:
    assert not is_valid(text)
    with pytest.raises(InvalidFormat):
        DocumentNumber.parse(text)


def test_year_out_of_range() -> None:
    with pytest.raises(InvalidComponent):
        DocumentNumber.parse("12/1930/NQ-CP")


def test_compact_and_format() -> None:
    assert compact("Số: 134 /KH-UBND") == "134/KH-UBND"
    assert format("0204 / kh - ubnd") == "204/KH-UBND"
    assert format("05 - ctrph / bdvtu - bcsđ UBND") == "5-CTrPH/BDVTU-BCSĐ UBND"


def test_tables() -> None:
    assert type_code("ttr") == "TTr"
    bnnmt = issuer_code("BNNMT")
    assert bnnmt is not None and bnnmt.valid_from is not None and bnnmt.valid_from.year == 2025
    assert issuer_code("ZZZ") is None
    assert DocumentNumber.parse("1/ZZZ-QQ").issuers == ("ZZZ", "QQ")


def test_key() -> None:
    assert DocumentNumber.parse("33/CT-TTg").key(2021) == "CT|33|2021|TTg"
    assert DocumentNumber.parse("268-QĐ/TU").key(2021) == "QĐ|268|2021|TU"
    assert DocumentNumber.parse("30/2020/NĐ-CP").key(1999) == "NĐ|30|2020|CP"


# --- generated round trips ------------------------------------------------------------------------------

STATE_TYPES = ["NQ", "QĐ", "CT", "KH", "TB", "HD", "CTr", "TTr", "BC", "PA", "ĐA", "CĐ", "QyĐ"]
NORM_TYPES = ["NQ", "NĐ", "QĐ", "TT", "TTLT", "PL"]
PARTY_TYPES = ["NQ", "QĐ", "CT", "KL", "HD", "KH", "TB", "CTr", "QĐi", "CTrPH", "ĐA"]
ISSUERS = ["UBND", "HĐND", "TTg", "CP", "BNV", "BTC", "BCA", "SNV", "STC", "SYT", "BNNMT", "BGDĐT", "VPCP"]
PARTY_ORGANS = ["TW", "TU", "HU", "BDVTU", "BTCTW", "VPTW", "ĐU", "BCSĐ"]

serials = st.integers(min_value=1, max_value=99999)
years = st.integers(min_value=1990, max_value=2030)


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, DocumentNumber]:
    family = draw(st.sampled_from(["administrative", "normative", "party"]))
    serial = draw(serials)
    if family == "administrative":
        t = draw(st.sampled_from(STATE_TYPES))
        iss = tuple(draw(st.lists(st.sampled_from(ISSUERS), min_size=1, max_size=2)))
        expected = DocumentNumber(serial, None, t, iss, "administrative")
    elif family == "normative":
        t = draw(st.sampled_from(NORM_TYPES))
        iss = tuple(draw(st.lists(st.sampled_from(ISSUERS), min_size=1, max_size=4)))
        expected = DocumentNumber(serial, draw(years), t, iss, "normative")
    else:
        t = draw(st.sampled_from(PARTY_TYPES))
        iss = tuple(draw(st.lists(st.sampled_from(PARTY_ORGANS), min_size=1, max_size=2)))
        expected = DocumentNumber(serial, None, t, iss, "party")
    return str(expected), expected


@st.composite
def noisy(draw: st.DrawFn, s: str) -> str:
    out = []
    for ch in s:
        if ch in "/-" and draw(st.booleans()):
            out.append(draw(st.sampled_from([" ", "  ", ""])) + ch + draw(st.sampled_from([" ", ""])))
        elif ch == "Đ" and draw(st.booleans()):
            out.append("Ð")
        else:
            out.append(ch)
    zeros = draw(st.sampled_from(["", "0", "00"]))
    return zeros + "".join(out)


@given(numbers(), st.data())
def test_round_trip(item: tuple[str, DocumentNumber], data: st.DataObject) -> None:
    text, expected = item
    assert DocumentNumber.parse(text) == expected
    assert format(text) == text
    assert DocumentNumber.parse(data.draw(noisy(text))) == expected


@given(st.text(max_size=60))
def test_parse_never_crashes_unexpectedly(s: str) -> None:
    assert is_valid(s) in (True, False)
