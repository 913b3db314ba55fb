"""The PDF reader's pieces: words joined across ordinary spaces read exactly as the words one by one.

``_page_chars(join_words=True)`` turns "Ủy", " ", "ban", " ", "nhân" … into one piece "Ủy ban nhân" when the
words share baseline, size and weight and stand an ordinary space apart. Everything after it (runs, their
text, boxes, weight and size) must come out as from the words one by one; pieces must never reach over a
table's vertical rule, whose cells take characters by their centres.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from vnadmin.read import pdf as reader

DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"
# Text-layer PDFs of different producers: Word with tables (bc-lamdong), scaled text (ct-cantho), a decree
# (nd-cp), e-signed plans, a letter with a second font for Vietnamese letters (kh-laichau).
PDFS = [
    "bc-lamdong-2025-329-cchc.pdf",
    "ct-cantho-2025-13-trat-tu-atgt.pdf",
    "nd-cp-2023-55-tro-cap-nguoi-co-cong.pdf",
    "kh-laichau-2025-3473-giam-phat-thai.pdf",
    "pa-bariavungtau-2025-9351-sap-xep-bo-may.pdf",
    "lenh-ctn-2025-08-cong-bo-luat.pdf",
    "kh-bvhttdl-2025-3283-ky-niem-80-nam.pdf",
]


def _pages(name: str) -> Iterator[tuple[Any, Any, reader._View, list[dict[str, Any]]]]:
    """(page, text page, view, edges) of each page of a corpus PDF."""
    pdf = pdfium.PdfDocument(str(DOCS / name))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = page.get_size()
            view = reader._View(width, height, page.get_rotation() % 360)
            edges = reader._page_edges(page, view)
            tp = page.get_textpage()
            try:
                yield page, tp, view, edges
            finally:
                tp.close()
                page.close()
    finally:
        pdf.close()


def _run_facts(runs: list[reader.Run]) -> list[tuple[object, ...]]:
    return [(r.text, r.x0, r.x1, r.top, r.base, r.size, r.bold, r.stamp) for r in runs]


@pytest.mark.parametrize("name", PDFS)
def test_joined_pieces_read_as_the_words_one_by_one(name: str) -> None:
    joined_any = False
    for _, tp, view, edges in _pages(name):
        words = reader._page_chars(tp, view, stamp=False)
        pieces = reader._page_chars(tp, view, stamp=False, join_words=True, walls=reader._Walls(edges))
        assert "".join(c.c for c in pieces) == "".join(c.c for c in words)
        assert sum(c.letters for c in pieces if not c.c.isspace()) == sum(len(c.c) for c in words if not c.c.isspace())
        assert _run_facts(reader._runs(pieces)) == _run_facts(reader._runs(words))
        joined_any = joined_any or len(pieces) < len(words)
    assert joined_any


@pytest.mark.parametrize("name", ["bc-lamdong-2025-329-cchc.pdf", "pa-bariavungtau-2025-9351-sap-xep-bo-may.pdf"])
def test_pieces_never_reach_over_a_vertical_rule(name: str) -> None:
    crossed = checked = 0
    for _, tp, view, edges in _pages(name):
        rules = [e for e in edges if e["orientation"] == "v"]
        if not rules:
            continue
        for c in reader._page_chars(tp, view, stamp=False, join_words=True, walls=reader._Walls(edges)):
            if c.last_x0 is None:
                continue
            checked += 1
            crossed += any(
                c.x0 + 1.0 < e["x0"] < c.x1 - 1.0 and e["top"] < c.base and e["bottom"] > c.top for e in rules
            )
    assert checked > 50  # pages with ruled tables do join words
    assert crossed == 0


def test_walls_stand_between_words_only_beside_them() -> None:
    walls = reader._Walls(
        [{"orientation": "v", "x0": 100.0, "top": 50.0, "bottom": 80.0}, {"orientation": "h", "x0": 0.0}]
    )
    assert walls.between(95.0, 105.0, 60.0, 70.0)
    assert not walls.between(95.0, 105.0, 90.0, 100.0)  # the rule ends above the words
    assert not walls.between(102.0, 110.0, 60.0, 70.0)  # right of the rule


def test_words_with_letters_from_a_second_font_are_not_read_letter_by_letter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Word subsets often put Vietnamese letters ("ố", "ề", "Ủ") into a second font of the same size, whose
    loose boxes are taller: such words are even and are read from their ends, not letter by letter."""
    calls: list[str] = []
    real = reader._chars_one_by_one

    def spy(word: str, *args: Any, **kwargs: Any) -> None:
        calls.append(word)
        real(word, *args, **kwargs)

    monkeypatch.setattr(reader, "_chars_one_by_one", spy)
    texts = []
    for _, tp, view, _ in _pages("bc-lamdong-2025-329-cchc.pdf"):
        texts.append("".join(c.c for c in reader._page_chars(tp, view, stamp=False)))
    text = "".join(texts)
    assert text.count("số") > 20 and text.count("Ủy") > 5
    assert "số" not in calls and "Ủy" not in calls
    assert len(calls) < 50
