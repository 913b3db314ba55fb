"""Footnotes in running text: find them, move them after the body, and link them to their markers.

Text dumps of PDFs put a footnote wherever its page ended ("¹ Nghị quyết số 25-NQ/TW …" between two halves
of a sentence); web dumps put "[1] …" at the end. Either way the footnote is a paragraph that starts with a
marker which also appears earlier in the body.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vnadmin.normalize.mapped import MappedText
from vnadmin.probe import matches_at, probe

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# A paragraph opening with a marker: "¹ Nghị quyết …", "[2] Chỉ thị …", "[1]\nChương trình …".
FOOTNOTE_START = regex.compile(
    rf"(?:^|(?<=\n\n))(?P<marker>[{SUPERSCRIPT_DIGITS}]+|\[\d{{1,3}}\])[ \n](?P<body>.+?)(?=\n\n|\Z)",
    regex.DOTALL,
)


# Where a FOOTNOTE_START match can begin besides the text's start: right after a blank line, before a marker's
# first character. Two candidates never overlap (a marker is no line break), so the scan finds every one.
_AFTER_BLANK_LINE = regex.compile(rf"\n\n(?=[{SUPERSCRIPT_DIGITS}\[])")
_MARKER_FIRST = frozenset(SUPERSCRIPT_DIGITS + "[")
_FOOTNOTE_START_PROBE = probe(FOOTNOTE_START)


def footnote_starts(text: str) -> list[regex.Match[str]]:
    """``FOOTNOTE_START.finditer(text)``, tried only where a footnote can start: at the text's start or after a
    blank line, on a marker (a scan for a blank line before a marker is far cheaper than one for the pattern)."""
    starts = [0] if text[:1] in _MARKER_FIRST else []
    starts.extend(m.end() for m in _AFTER_BLANK_LINE.finditer(text))
    return matches_at(_FOOTNOTE_START_PROBE, text, starts)


@dataclass(frozen=True, slots=True)
class FoundFootnote:
    """A footnote moved after the body: ``span`` in the new text, ``anchor`` the marker in the body."""

    marker: str
    span: tuple[int, int]
    anchor: int | None


_EXTRA_BLANK_LINES = regex.compile(r"\n{3,}")  # "…\n\n\n…" left by a removed paragraph
_OUTER_NEWLINES = regex.compile(r"^\n+|\n+$")  # newlines at the start or end of the body


def marker_key(marker: str) -> str:
    """'¹' and '[1]' are both footnote '1'."""
    return marker.strip("[]").translate(_SUPER_TO_ASCII)


def move_footnotes(mt: MappedText) -> tuple[MappedText, list[FoundFootnote]]:
    """Take footnote paragraphs out of the flow and append them, in order, after the body."""
    text = mt.text
    found: list[tuple[int, int, str, int]] = []  # para start, para end, marker, anchor position
    for m in footnote_starts(text):
        marker = m.group("marker")
        anchor = _find_anchor(text, marker, m.start(), [f[1] for f in found])
        if anchor is None:
            continue
        found.append((m.start(), m.end(), marker, anchor))
    if not found:
        return mt, []
    body_parts: list[MappedText] = []
    last = 0
    for start, end, _, _ in found:
        body_parts.append(mt.slice(last, start))
        last = end
    body_parts.append(mt.slice(last, len(text)))
    body = MappedText.concat(body_parts)
    # Removing a paragraph leaves its separators behind: squeeze them back to one blank line.
    body = body.sub(_EXTRA_BLANK_LINES, "\n\n").sub(_OUTER_NEWLINES, "")
    pieces = [body]
    sep = MappedText("\n\n", (body.origin[-1] if body.origin else 0,) * 2)
    spans: list[tuple[int, int]] = []
    cursor = len(body.text)
    for start, end, _, _ in found:
        pieces.append(sep)
        cursor += 2
        note = mt.slice(start, end)
        pieces.append(note)
        spans.append((cursor, cursor + len(note.text)))
        cursor += len(note.text)
    out = MappedText.concat(pieces)
    footnotes = [
        FoundFootnote(marker=marker, span=span, anchor=None)
        for (_, _, marker, _), span in zip(found, spans, strict=True)
    ]
    return out, footnotes


def find_anchor(text: str, marker: str, before: int) -> int | None:
    """The last occurrence of ``marker`` before ``before`` glued to a word: the footnote's anchor."""
    return _find_anchor(text, marker, before, [])


def _find_anchor(text: str, marker: str, before: int, taken: list[int]) -> int | None:
    """The last occurrence of ``marker`` before ``before`` that is glued to a word (an anchor, not a list)."""
    pos = before
    while True:
        pos = text.rfind(marker, 0, pos)
        if pos <= 0:
            return None
        prev = text[pos - 1]
        if (not prev.isspace() or marker[0] in SUPERSCRIPT_DIGITS) and pos not in taken:
            return pos
        pos -= 1 if pos > 0 else 0
