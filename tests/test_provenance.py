"""Spans trace back to the source: the raw text behind a span says the same as the span (up to normalisation)."""

from __future__ import annotations

import pytest

import vnadmin
from tests.conftest import CORPUS
from vnadmin.normalize import fold, normalize

TEXTS = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_spans_map_back_to_the_raw_text(path) -> None:  # type: ignore[no-untyped-def]
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    norm = normalize(raw)
    doc = vnadmin.parse(path)
    assert doc.text == norm.text
    spans = [c.span for c in doc.citations] + [d.span for d in doc.deadlines] + list(doc.recipient_spans)
    checked = 0
    for start, end in spans:
        if end <= start:
            continue
        a, b = norm.origin[start], norm.origin[end - 1] + 1
        if b - a > 3 * (end - start) + 20:
            continue  # the span runs across a footnote moved out of the flow
        assert fold(raw[a:b]) == fold(doc.text[start:end]), (raw[a:b], doc.text[start:end])
        checked += 1
    assert checked >= min(len(spans), 1)
