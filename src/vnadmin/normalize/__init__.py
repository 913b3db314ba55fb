"""Normalisation: one canonical text for the later stages, with a map back to the reader's raw text.

Steps, in order, each a named pattern (see :data:`STEPS`):

1. line ends and invisible characters; the U+FFFE that pypdfium2 leaves for an end-of-line hyphen;
2. remnants of HTML → Markdown conversion (``**``, ``*italic*``, lone ``|`` lines, ``-----`` rules);
3. Unicode NFC; look-alike letters (``Ð`` U+00D0 for ``Đ``);
4. one tone placement ("hoá" → "hóa", see :mod:`vnadmin.normalize.tones`);
5. white space;
6. footnotes out of the flow (:mod:`vnadmin.normalize.footnotes`);
7. paragraphs cut by a page break re-joined ("khó khăn,\\n\\nvùng đồng bào" → "khó khăn, vùng đồng bào").

Single line breaks are kept: the header, signature and recipient zones are line-oriented.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import regex

from vnadmin.normalize.footnotes import FoundFootnote, find_anchor, move_footnotes
from vnadmin.normalize.mapped import MappedText, inverse, map_span
from vnadmin.normalize.tones import TONE_PATTERN, canonical_tones, move_tone

Step = tuple[str, regex.Pattern[str], str | Callable[[regex.Match[str]], str]]


def _nfc(m: regex.Match[str]) -> str:
    return unicodedata.normalize("NFC", m.group())


STEPS: list[Step] = [
    ("line-ends", regex.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]"), "\n"),
    ("invisible", regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]"), ""),
    # pypdfium2 returns U+FFFE for a hyphen at a line end ("06/2022/NĐ\ufffeCP").
    ("pdfium-hyphen", regex.compile(r"\ufffe"), "-"),
    # Markdown remnants of web dumps: a table-cell separator alone on a line, horizontal rules under the
    # header cells ("-------"), bold/italic stars ("**KẾ HOẠCH**", "*Căn cứ …;*"), a lone "** **".
    ("md-stars", regex.compile(r"(?m)(?<=\S)\*+|\*+(?=\S)|^[ \t]*\*\*[ \t]*\*\*[ \t]*$"), ""),
    ("md-cell-breaks", regex.compile(r"(?m)^[ \t]*\|[ \t]*$"), ""),
    ("md-rules", regex.compile(r"(?m)^[ \t]*[-_=]{3,}[ \t]*$"), ""),
    # A base letter followed by combining marks: compose ("Vie\u0302\u0323t" → "Việt").
    ("nfc", regex.compile(r"\P{M}\p{M}+"), _nfc),
    # Icelandic eth looks like Đ/đ and is typed for it: "QUYẾT ÐỊNH".
    ("eth", regex.compile(r"[Ðð]"), lambda m: "Đ" if m.group() == "Ð" else "đ"),
    ("tones", TONE_PATTERN, move_tone),
    ("spaces", regex.compile(r"[^\S\n]{2,}|[^\S\n ]"), " "),
    ("line-trim", regex.compile(r"(?m) +$|^ +"), ""),
    ("blank-lines", regex.compile(r"\n{3,}"), "\n\n"),
    ("ends", regex.compile(r"^\n+|\n+$"), ""),
]

_OTHER_SPACE = regex.compile(r"[^\S\n ]")
_MARK = regex.compile(r"\p{M}")
_RULE_RUN = regex.compile(r"[-_=]{3}")

# A quick test a text must pass for a step to change it (a step listed neither here nor in _EARLIEST always
# runs): most texts need few steps.
_MAY_APPLY: dict[str, Callable[[str], bool]] = {
    "line-ends": lambda t: any(c in t for c in "\r\u2028\u2029\x85\x0b\x0c"),
    "invisible": lambda t: any(c in t for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    "pdfium-hyphen": lambda t: "\ufffe" in t,
    "md-stars": lambda t: "*" in t,
    "md-cell-breaks": lambda t: "|" in t,
    "md-rules": lambda t: _RULE_RUN.search(t) is not None,
    "eth": lambda t: "Ð" in t or "ð" in t,
    "spaces": lambda t: "  " in t or _OTHER_SPACE.search(t) is not None,
    "line-trim": lambda t: " \n" in t or "\n " in t or t.startswith(" ") or t.endswith(" "),
    "blank-lines": lambda t: "\n\n\n" in t,
    "ends": lambda t: t.startswith("\n") or t.endswith("\n"),
}


def _before_first_mark(text: str) -> int | None:
    """Where an "nfc" match can begin at the earliest: the letter before the first combining mark."""
    m = _MARK.search(text)
    return None if m is None else max(m.start() - 1, 0)


# Where a step's first match can begin at the earliest (None: nowhere), for steps that tell it cheaply: the
# search starts there. The pattern must not look behind or anchor, so that a search from there finds the same.
_EARLIEST: dict[str, Callable[[str], int | None]] = {"nfc": _before_first_mark}

# A blank line between a paragraph that does not end a sentence and one that starts in lower case is a page
# break, not a paragraph break: "…những khó khăn,\n\nvùng đồng bào…" (kh-tuyenquang-2024, II.1).
# A lower-case letter item ("a) …") starts a paragraph of its own.
# A page number left between the two halves ("…những\n\n- 5 -\n\nvấn đề …") goes with the break.
PAGE_BREAK_JOIN = regex.compile(
    r"(?<=[\p{L}\p{N},)”\"'%-])\n\n(?:(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?\n\n|Trang\s+\d{1,3}\n\n)?(?=\p{Ll})(?![a-zđ]\s*\))"
)


@dataclass(frozen=True)
class NormalizedText:
    """The normalised text, where each character came from, and the footnotes taken out of the flow."""

    text: str
    origin: tuple[int, ...]
    raw_length: int
    footnotes: list[FoundFootnote] = field(default_factory=list)
    body_end: int = 0
    """End of the body: footnotes, when any, follow it after a blank line."""

    def raw_offset(self, index: int) -> int:
        """Offset in the raw text of normalised character ``index``."""
        if not self.origin:
            return 0
        return self.origin[min(index, len(self.origin) - 1)]

    def inverse(self) -> list[int]:
        return inverse(self.origin, self.raw_length)

    def map_raw_span(self, inv: list[int], start: int, end: int) -> tuple[int, int] | None:
        return map_span(inv, start, end)


def normalize(raw: str) -> NormalizedText:
    """Run every step on the raw text of a reader.

    >>> normalize("Thể chế hoá\\n\\n\\n**KẾ   HOẠCH**").text
    'Thể chế hóa\\n\\nKẾ HOẠCH'
    """
    mt = MappedText.identity(raw)
    for name, pattern, repl in STEPS:
        earliest = _EARLIEST.get(name)
        if earliest is not None:
            pos = earliest(mt.text)
            if pos is not None:
                mt = mt.sub(pattern, repl, pos)
            continue
        may_apply = _MAY_APPLY.get(name)
        if may_apply is None or may_apply(mt.text):
            mt = mt.sub(pattern, repl)
    mt, footnotes = move_footnotes(mt)
    body_end = footnotes[0].span[0] - 2 if footnotes else len(mt.text)
    joined = mt.slice(0, body_end).sub(PAGE_BREAK_JOIN, " ")
    if len(joined.text) != body_end:
        shift = len(joined.text) - body_end
        mt = MappedText.concat([joined, mt.slice(body_end, len(mt.text))])
        footnotes = [replace(f, span=(f.span[0] + shift, f.span[1] + shift)) for f in footnotes]
        body_end = len(joined.text)
    footnotes = [replace(f, anchor=find_anchor(mt.text, f.marker, body_end)) for f in footnotes]
    return NormalizedText(mt.text, mt.origin, len(raw), footnotes, body_end)


def fold(text: str) -> str:
    """A comparison key: NFC, one tone placement, lower case, single spaces, no markdown stars.

    >>> fold("Thể chế  HOÁ*") == fold("thể chế hóa")
    True
    """
    t = unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("*", "")
    t = canonical_tones(t)
    return " ".join(t.lower().split())


__all__ = ["STEPS", "MappedText", "NormalizedText", "canonical_tones", "fold", "normalize"]
