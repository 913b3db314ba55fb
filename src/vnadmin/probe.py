"""Running a pattern only where a match can start: at the places a few first words occur.

Long alternations (deadline rules, short citation forms) are costly to search through a whole document; most of
their matches begin with one of a handful of words. These helpers find those words and try the pattern there,
giving the same matches as ``finditer``.

>>> import regex
>>> p = probe(regex.compile(r"quý\\s+\\d"))
>>> [m.group() for m in matches_at(p, "quý 1, quý 2", word_positions("quý 1, quý 2", "quý"))]
['quý 1', 'quý 2']
"""

from __future__ import annotations

import regex


def probe(pattern: regex.Pattern[str]) -> regex.Pattern[str]:
    """``pattern`` for a match at a given position: the always-failing branch keeps the regex engine from first
    looking for a literal the pattern needs through the rest of the text on every call; the matches are the
    same."""
    return regex.compile(rf"(?:{pattern.pattern})|(?!)", pattern.flags)


def word_positions(lowered: str, word: str) -> list[int]:
    """Every position of ``word`` in ``lowered`` (overlaps included), in order."""
    out: list[int] = []
    find = lowered.find
    i = find(word)
    while i >= 0:
        out.append(i)
        i = find(word, i + 1)
    return out


def matches_at(pattern: regex.Pattern[str], text: str, starts: list[int]) -> list[regex.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (sorted): the leftmost match at or
    after the end of the previous one, tried only where a match can start."""
    out: list[regex.Match[str]] = []
    cursor = 0
    match = pattern.match
    for p in starts:
        if p < cursor:
            continue
        m = match(text, p)
        if m is not None and m.end() > p:
            out.append(m)
            cursor = m.end()
    return out
