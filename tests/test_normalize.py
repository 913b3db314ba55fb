"""Normalisation: tone placement, markdown remnants, page-break joins, offsets back to the raw text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnadmin.normalize import fold, normalize
from vnadmin.normalize.tones import canonical_tones

VIET_WORDS = ["hoá", "hóa", "thuỷ", "thủy", "Uỷ", "Ủy", "quý", "khoẻ", "hoàng", "toán", "tuỳ", "loè", "QUÝ", "HOÁ"]


@pytest.mark.parametrize("word", VIET_WORDS)
def test_tones_agree_with_underthesea(word: str) -> None:
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize

    assert canonical_tones(word) == token_normalize(word)


@given(st.lists(st.sampled_from([*VIET_WORDS, "ban", "nhân", "dân", ",", "."]), max_size=12))
def test_tones_keep_length(words: list[str]) -> None:
    text = " ".join(words)
    assert len(canonical_tones(text)) == len(text)


def test_markdown_remnants_and_wrapped_header_cells() -> None:
    raw = (
        "|\n**ỦY BAN NHÂN DÂN**\nTỈNH ĐẮK LẮK\n-------\n|\n*Đắk Lắk, ngày 17\ntháng 11 năm 2025*\n|\n\n"
        "** **\n\n**KẾ HOẠCH**"
    )
    assert normalize(raw).text == "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\n\nĐắk Lắk, ngày 17\ntháng 11 năm 2025\n\nKẾ HOẠCH"


def test_page_break_join_but_not_before_letter_items() -> None:
    assert normalize("những khó khăn,\n\nvùng đồng bào").text == "những khó khăn, vùng đồng bào"
    assert normalize("Mục tiêu chung\n\na) Đối với trẻ em").text == "Mục tiêu chung\n\na) Đối với trẻ em"
    assert normalize("hết câu.\n\nmột đoạn khác").text == "hết câu.\n\nmột đoạn khác"
    # A page number between the halves of a sentence goes with the page break; a table's "1" cell stays.
    assert normalize("giải quyết những\n\n- 5 -\n\nvấn đề nổi cộm").text == "giải quyết những vấn đề nổi cộm"
    assert normalize("giải quyết những\n\n12\n\nvấn đề").text == "giải quyết những vấn đề"
    assert normalize("STT\n\n1\n\nSở Xây dựng").text == "STT\n\n1\n\nSở Xây dựng"


def test_look_alikes_and_decomposed_marks() -> None:
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    assert normalize("QUYẾT ÐỊNH " + decomposed).text == "QUYẾT ĐỊNH Việt Nam"
    assert normalize("06/2022/NĐ\ufffeCP").text == "06/2022/NĐ-CP"


def test_web_dump_footnotes_move_to_the_end() -> None:
    raw = "kế hoạch[1] để triển khai.\n\nĐoạn sau.\n\n[1]\nChương trình số 30-CTr/TU ngày 29/12/2017."
    n = normalize(raw)
    assert n.text.endswith("[1]\nChương trình số 30-CTr/TU ngày 29/12/2017.")
    assert len(n.footnotes) == 1 and n.footnotes[0].anchor == raw.index("[1]")


texts = st.lists(
    st.sampled_from([*"aáàoóuýy hoáUỷ|*-\n¹[1]. ,ĐÐ", "**", "\n\n", "a) ", "[1]\n", "¹ ", "Chương trình"]), max_size=60
).map("".join)


@given(texts)
@settings(max_examples=300)
def test_normalisation_is_idempotent(raw: str) -> None:
    once = normalize(raw).text
    assert normalize(once).text == once


@given(texts)
@settings(max_examples=300)
def test_every_character_maps_back_into_the_raw_text(raw: str) -> None:
    n = normalize(raw)
    assert len(n.origin) == len(n.text)
    assert all(0 <= o <= len(raw) for o in n.origin)


def test_fold_compares_spellings() -> None:
    assert fold("Thể chế HOÁ") == fold("thể chế  hóa")
