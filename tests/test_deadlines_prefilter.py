"""The deadline rules are tried only where a match can start (a speed-up): it must find exactly what a full scan
finds. This guards `_TEXT_RULE_STARTS`, which is keyed by rule position and written by hand."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS
from vnadmin.extract import deadlines as D
from vnadmin.normalize import normalize
from vnadmin.probe import matches_at

TEXTS = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_indexed_rules_find_what_a_full_scan_finds(path) -> None:  # type: ignore[no-untyped-def]
    text = normalize(path.read_text(encoding="utf-8")).text
    lowered = text.lower()
    assert len(lowered) == len(text)
    for i, words in D._TEXT_RULE_STARTS.items():
        pattern = D._TEXT_RULES[i][0]
        full = {m.span() for m in pattern.finditer(text) if m.end() > m.start()}
        starts = sorted({p for w in words for p in D._start_positions(text, lowered, w)})
        indexed = {m.span() for m in matches_at(D._TEXT_RULE_PROBES[i], text, starts) if m.end() > m.start()}
        assert indexed == full, (i, sorted(full ^ indexed)[:3])
