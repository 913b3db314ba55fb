"""Speed-ups that must not change a result: a pattern tried only where a match can start finds what a full scan
finds, an index finds what a scan of every reference finds, and a cached lookup answers as the function does."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS
from vnadmin.extract.citations import mentions as M
from vnadmin.extract.citations import number as N
from vnadmin.extract.citations import patterns as P
from vnadmin.extract.citations.resolve import resolve
from vnadmin.normalize import footnotes as F
from vnadmin.normalize import normalize

TEXTS = sorted(CORPUS.glob("*.txt"))


def _spans(matches: list[regex.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _corpus_texts() -> list[str]:
    """Every corpus text as read and as normalised (footnotes are looked for part way between the two)."""
    raw = [p.read_text(encoding="utf-8") for p in TEXTS]
    return raw + [normalize(t).text for t in raw]


def test_footnote_starts_find_what_a_full_scan_finds() -> None:
    found = 0
    for text in _corpus_texts():
        full = _spans(list(F.FOOTNOTE_START.finditer(text)))
        assert _spans(F.footnote_starts(text)) == full
        found += len(full)
    assert found > 0  # the corpus has footnotes: the comparison is not between two empty lists


@given(st.text(alphabet="\n ¹²[]1a", max_size=40))
def test_footnote_starts_on_any_text(text: str) -> None:
    assert _spans(F.footnote_starts(text)) == _spans(list(F.FOOTNOTE_START.finditer(text)))


def test_footnote_starts_examples() -> None:
    text = "¹ Đầu trang\n\nThân bài¹ tiếp\n\n\n² Chú thích\n\n[3]\nMột dòng\n\nx [4] không"
    assert [m.group("marker") for m in F.footnote_starts(text)] == ["¹", "²", "[3]"]


NAMED = [
    (M._NAMED_LAW_PROBE, P.NAMED_LAW, P.LAW_TYPE_WORDS),
    (M._NAMED_PLAN_PROBE, P.NAMED_PLAN, P.PLAN_TYPE_WORDS),
    (M._LOWER_PLAN_PROBE, P.LOWER_PLAN, P.LOWER_PLAN_FIRST_WORDS),
]


def test_named_patterns_tried_at_their_words_find_what_a_full_scan_finds() -> None:
    counts = [0] * len(NAMED)
    for text in _corpus_texts():
        for i, (probe, pattern, words) in enumerate(NAMED):
            full = _spans(list(pattern.finditer(text)))
            assert _spans(M._starting_with(probe, text, words)) == full, pattern.pattern[:40]
            counts[i] += len(full)
    assert all(counts), counts  # each pattern matches somewhere in the corpus


def test_named_patterns_examples() -> None:
    text = "thực hiện Luật Việc làm, LUẬT ĐẤT ĐAI; triển khai kế hoạch phát triển giai đoạn 2021-2025 và Đề án “X”"
    for probe, pattern, words in NAMED:
        assert _spans(M._starting_with(probe, text, words)) == _spans(list(pattern.finditer(text)))
    assert [m.group("type") for m in M._starting_with(M._NAMED_LAW_PROBE, text, P.LAW_TYPE_WORDS)] == [
        "Luật",
        "LUẬT",
    ]


def test_cached_code_lookups_answer_as_the_functions_do() -> None:
    codes = {*N._type_table(), *N._issuer_table(), "QH15", "Ttg", "XYZ", "qđi", "SGD&ĐT", "UBTVQH15", ""}
    for code in sorted(codes):
        assert N.type_code(code) == N.type_code.__wrapped__(code)
        assert N._canonical_issuer(code) == N._canonical_issuer.__wrapped__(code)


def test_repeated_numbers_parse_once_to_equal_values() -> None:
    text = "Quyết định số 12/QĐ-UBND ngày 1/2/2024, Quyết định số 12/QĐ-UBND; Công văn số 5/abc-x"
    mentions = M.find_numbered(text)
    assert [m.number for m in mentions] == ["12/QĐ-UBND", "12/QĐ-UBND"]
    assert mentions[0].parsed == mentions[1].parsed == N.DocumentNumber.parse("12/QĐ-UBND")


def test_number_references_resolve_through_the_index() -> None:
    """Same number → one reference; a normative number and its short variant with one date → linked, uncertain;
    the same number with another date → a reference of its own."""
    text = (
        "Nghị quyết số 55/2023/NQ-HĐND ngày 1/3/2023; Nghị quyết số 55/NQ-HĐND ngày 1/3/2023; "
        "Quyết định số 7/QĐ-UBND ngày 2/2/2024; Quyết định số 7/QĐ-UBND ngày 3/3/2025; "
        "Quyết định số 7/QĐ-UBND ngày 2/2/2024."
    )
    resolved = resolve(M.find_mentions(text))
    assert resolved.links == [0, 0, 1, 2, 1]
    assert resolved.references[0].uncertain
    assert [r.key for r in resolved.references] == ["NQ|55|2023|HĐND", "QĐ|7|2024|UBND", "QĐ|7|2025|UBND"]
