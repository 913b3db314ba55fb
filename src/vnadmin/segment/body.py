"""The body tree: numbered parts, items and bullets nested by the order in which their kinds appear.

Plans use Phần → I. → 1. → a) → - → +; decisions use Chương → Mục → Điều → 1. (khoản) → a) (điểm). Rather
than fix one hierarchy, a label kind seen for the first time becomes a child of the open item, and a kind
already open closes everything below it (the usual way of reading such outlines). Ranks break ties when a
kind appears that is not open: "a)" after "- " closes the bullet and nests under the item above it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from vnadmin.model import Section, SectionKind
from vnadmin.segment import patterns as P

RANK: dict[str, float] = {
    "appendix": 0, "part": 0.5, "lettered_part": 0.75, "chapter": 1, "subsection": 2, "article": 3, "roman": 4,
    "arabic": 5, "decimal": 5.5, "letter": 7, "paren_number": 8, "dash": 9, "plus": 10,
}  # fmt: skip

_LINE_START = regex.compile(r"(?m)^")
# A run-in title ends at the first ':'; without one, at the first ';' or full stop (not "...", "v.v.", "./.").
_COLON = regex.compile(r":")
_SEMICOLON_OR_STOP = regex.compile(r";|(?<!(?:^|\s)\d{1,2})(?<!\.)\.(?![./\d])(?=\s|$)")
_TERMINAL = regex.compile(r"[.;]\W*$")


@dataclass
class _Node:
    kind: SectionKind
    key: tuple[str, int]
    label: str
    start: int
    label_end: int
    end: int = -1
    children: list[_Node] = field(default_factory=list)


# The label kinds that may start with a character (the first character each pattern of P.LABELS can match),
# in the order of P.LABELS; digits are looked up through ``_DIGIT_LABELS``.
_FIRST_CHARS: dict[str, str] = {
    "part": "P", "lettered_part": "ABCDEFGH", "chapter": "C", "subsection": "M", "article": "Đ", "appendix": "P",
    "roman": "IVX", "letter": "abcdefghijklmnopqrstuvwxyzđ", "paren_number": "(", "dash": "-–—•", "plus": "+",
}  # fmt: skip
_DIGIT_KINDS = ("decimal", "arabic")
_LABELS_BY_CHAR: dict[str, list[tuple[str, regex.Pattern[str]]]] = {}
for _kind, _pattern in P.LABELS:
    for _ch in _FIRST_CHARS.get(_kind, ""):
        _LABELS_BY_CHAR.setdefault(_ch, []).append((_kind, _pattern))
_DIGIT_LABELS = [(k, p) for k, p in P.LABELS if k in _DIGIT_KINDS]
assert {k for k, _ in P.LABELS} == {*_FIRST_CHARS, *_DIGIT_KINDS}


def _labels_at(text: str, pos: int) -> list[tuple[str, regex.Pattern[str]]]:
    """The label patterns that can match at ``pos``, by its first character."""
    if pos >= len(text):
        return []
    ch = text[pos]
    found = _LABELS_BY_CHAR.get(ch)
    if found is not None:
        return found
    return _DIGIT_LABELS if ch.isdecimal() else []


def match_label(text: str, pos: int) -> tuple[SectionKind, str, int] | None:
    """The label at ``pos`` (a line start): kind, label without punctuation, end of the label."""
    labels = _labels_at(text, pos)
    if not labels:
        return None
    if pos > 0 and text[pos - 1] == "\n" and _wrapped_number_at(text, pos):
        return None  # "… Điều\n12." or "2026\n- 2030": a number wrapped onto the next line, not a label
    for kind, pattern in labels:
        m = pattern.match(text, pos)
        if not m:
            continue
        label = m.group("label")
        if not label or (kind == "roman" and not label.strip()):
            continue
        if kind == "paren_number":
            label = f"({label})"
        return kind, " ".join(label.split()), m.end()  # type: ignore[return-value]
    return None


def _wrapped_number_at(text: str, pos: int) -> bool:
    return any(m.start("nl") == pos - 1 for m in P.WRAPPED_NUMBER.finditer(text, max(0, pos - 12), pos + 12))


def _key(kind: SectionKind, label: str) -> tuple[str, int]:
    return (kind, label.count(".") if kind == "decimal" else 0)


def _rank(key: tuple[str, int]) -> float:
    return RANK[key[0]] + (key[1] * 0.1 if key[0] == "decimal" else 0)


def parse_sections(
    text: str, regions: Sequence[tuple[int, int]], skip: Sequence[tuple[int, int]] = ()
) -> list[Section]:
    """The section tree of the body ``regions`` of ``text``, ignoring line starts inside ``skip`` spans."""
    roots: list[_Node] = []
    skip = [*skip, *((m.start(), m.end()) for a, b in regions for m in P.QUOTED_BLOCK.finditer(text, a, b))]
    skip_starts, skip_ends = _merged(skip)
    found_by_region: list[list[_Label]] = []
    for region_start, region_end in regions:
        found_here: list[_Label] = []
        for m in _LINE_START.finditer(text, region_start, region_end):
            pos = m.start()
            if pos >= region_end:
                continue
            i = bisect.bisect_right(skip_starts, pos) - 1
            if i >= 0 and pos < skip_ends[i]:
                continue
            found = match_label(text, pos)
            if found:
                found_here.append((pos, *found))
        found_by_region.append(found_here)
    mended = _mend_misread_one([lab for labels in found_by_region for lab in labels])
    for (_, region_end), labels in zip(regions, found_by_region, strict=True):
        labels = [mended.get(lab[0], lab) for lab in labels]
        stack: list[_Node] = []
        for pos, kind, label, label_end in labels:
            key = _key(kind, label)
            if kind == "appendix":
                _close(stack, 0, pos)
            elif any(n.key == key for n in stack):
                while stack[-1].key != key:
                    stack.pop().end = pos
                stack.pop().end = pos
            else:
                while stack and _rank(stack[-1].key) >= _rank(key):
                    stack.pop().end = pos
            node = _Node(kind=kind, key=key, label=label, start=pos, label_end=label_end)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        _close(stack, 0, region_end)
    return [_build(text, n, 1, "") for n in roots]


_Label = tuple[int, SectionKind, str, int]
"""A label found at a line start: its position, kind, label text and end."""


def _mend_misread_one(labels: list[_Label]) -> dict[int, _Label]:
    """Labels to read otherwise, by position (OCR misreads): an item "I." followed by "2." (no roman or arabic
    label between) is an OCR'd "1." — a roman part "I" is followed by its first item "1." or by part "II", never
    by "2."; a roman part repeating the one before, with the next two numbers on, is the one between."""
    numbered = [lab for lab in labels if lab[1] in ("roman", "arabic")]
    out: dict[int, _Label] = {
        a[0]: (a[0], "arabic", "1", a[3])
        for a, b in pairwise(numbered)
        if a[1:3] == ("roman", "I") and b[1:3] == ("arabic", "2")
    }
    # A roman part read as its predecessor between two others: "II., II., IV." is "II., III., IV.".
    romans = [lab for lab in labels if lab[1] == "roman" and lab[0] not in out]
    for a, b, c in zip(romans, romans[1:], romans[2:], strict=False):
        va, vb, vc = (_ROMAN_VALUES.get(x[2]) for x in (a, b, c))
        if va is not None and va == vb and vc == va + 2:
            out[b[0]] = (b[0], "roman", _ROMAN_LABELS[va + 1], b[3])
    return out


_ROMAN_LABELS = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
_ROMAN_VALUES = {label: i for i, label in enumerate(_ROMAN_LABELS) if label}


def _merged(spans: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Starts and ends of the union of the non-empty ``spans``, sorted and disjoint (for bisection)."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(s for s in spans if s[0] < s[1]):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _close(stack: list[_Node], keep: int, pos: int) -> None:
    while len(stack) > keep:
        stack.pop().end = pos


def _build(text: str, node: _Node, level: int, parent_path: str) -> Section:
    end = node.end
    while end > node.start and text[end - 1] in " \n":
        end -= 1
    path = node.label if not parent_path else f"{parent_path}.{node.label}"
    return Section(
        label=node.label,
        kind=node.kind,
        level=level,
        path=path,
        title=section_title(text, node.label_end, end),
        text=text[node.start : end],
        span=(node.start, end),
        children=[_build(text, c, level + 1, path) for c in node.children],
    )


def section_title(text: str, start: int, end: int) -> str | None:
    """The heading: a heading line whole (minus a final ':'), or a run-in item's text up to the first ':',
    else up to the first ';' or full stop (the gold convention, corpus/README).

    >>> section_title("1. Sở Nội vụ: Tham mưu, theo dõi việc thực hiện.", 3, 48)
    'Sở Nội vụ'
    >>> section_title("1.1. Mục tiêu 1. Lĩnh vực chính trị", 5, 35)
    'Mục tiêu 1. Lĩnh vực chính trị'
    """
    para_end = text.find("\n\n", start, end)
    para_end = end if para_end == -1 else para_end
    next_label = _next_label_line(text, start, para_end)
    para = " ".join(text[start:next_label].split())
    if _is_heading_line(para):
        title = para  # a heading line: "Mục tiêu 1. Lĩnh vực chính trị", "Sở Tài chính; Báo Cần Thơ:"
    else:
        cut = _COLON.search(para) or _SEMICOLON_OR_STOP.search(para)
        title = para[: cut.start()] if cut else para
    title = title.rstrip(" :./")
    return title or None


HEADING_MAX = 250
"""A label's paragraph up to this length without a final '.' or ';' is a heading line."""
# A sentence boundary inside a paragraph: "… năm 2025. Tổ chức …" (not "Mục tiêu 1. Lĩnh vực").
_SENTENCE_BREAK = regex.compile(r"(?<!(?:^|\s)\d{1,2})(?<!\.)\.\s+\p{Lu}")
# A numbered sub-label before a colon keeps the line a heading: "Đợt 2: Từ tháng 01 …", "Mục tiêu 4: Trong …".
_LABEL_COLON = regex.compile(r"^\p{L}+(?:\s\p{L}+)?\s+\d{1,2}\s*:")


def _is_heading_line(para: str) -> bool:
    """A heading stands alone: short, no final '.'/';', one sentence, a colon only at its end or after a
    numbered sub-label."""
    # The length first: it is free, and the two searches run through the whole of a long paragraph.
    if len(para) > HEADING_MAX or _TERMINAL.search(para) or _SENTENCE_BREAK.search(para):
        return False
    colon = para.find(":")
    return colon == -1 or colon >= len(para.rstrip(" :")) or bool(_LABEL_COLON.match(para))


def _next_label_line(text: str, start: int, end: int) -> int:
    pos = text.find("\n", start, end)
    while pos != -1:
        if match_label(text, pos + 1):
            return pos
        pos = text.find("\n", pos + 1, end)
    return end
