"""Properties over arbitrary text: parsing never raises, every span indexes the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnadmin
from vnadmin.model import Document

PIECES = [
    "KẾ HOẠCH\n", "I. MỤC ĐÍCH\n", "1. Sở Nội vụ: ", "a) ", "- ", "+ ", "Điều 1. ", "Chương II\n", "Căn cứ ",
    "Số: 65/KH-UBND\n", "Tuyên Quang, ngày 15 tháng 3 năm 2024\n", "Nơi nhận:\n", "- Lưu: VT.\n",
    "TM. ỦY BAN NHÂN DÂN\n", "KT. CHỦ TỊCH\n", "PHÓ CHỦ TỊCH\n", "Nguyễn Văn A\n", "¹ ", "[1]", "“", "”", "\n\n",
    "trước ngày 20/4/2024",
    "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ", "hoá ", "**", "|\n", "quý II/2024",
]  # fmt: skip
documents = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=15)), min_size=1, max_size=40).map("".join)


def all_spans(doc: Document) -> list[tuple[tuple[int, int], str | None]]:
    out: list[tuple[tuple[int, int], str | None]] = []
    out += [(s.span, s.text) for s in doc.iter_sections()]
    out += [(c.span, c.text) for c in doc.citations]
    out += [(d.span, d.text) for d in doc.deadlines]
    out += [(b.span, b.text) for b in doc.legal_bases]
    out += [(f.span, f.text) for f in doc.footnotes]
    out += [(s, None) for s in doc.recipient_spans]
    out += [(e.span, e.text) for e in doc.metadata.evidence.values()]
    return out


@given(documents)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_parse_never_raises_and_spans_index_the_text(text: str) -> None:
    if not text.strip():
        return
    doc = vnadmin.parse_text(text)
    for (start, end), expected in all_spans(doc):
        assert 0 <= start <= end <= len(doc.text)
        if expected is not None:
            assert doc.text[start:end] == expected
