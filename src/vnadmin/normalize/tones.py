"""One tone placement for Vietnamese: "hoá" → "hóa", "thuỷ" → "thủy", "uỷ" → "ủy" ("quý" never changes).

Both placements are in use, often in one text. In an open syllable ending in -oa, -oe or -uy the old style
puts the tone on the first vowel (hóa, khỏe, thủy) and the new style on the second (hoá, khoẻ, thuỷ). We
rewrite to the form underthesea's normaliser produces (tone on the first vowel), so that both spellings of a
word compare equal. A rewrite swaps marks between two letters: the text keeps its length and offsets.
"""

from __future__ import annotations

import unicodedata

import regex

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng

# o/u, then a/e/y carrying a tone, at the end of a syllable, not after "q" (qu- is a consonant: "quý").
# Real example: "thể chế hoá" (kh-tuyenquang-2024), "Uỷ ban" (kh-laichau-2025-7360).
_NEW_STYLE = regex.compile(
    r"(?<![qQ])(?:([oO])([áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸ])|([uU])([ýỳỷỹỵÝỲỶỸỴ]))(?!\p{L}|\p{M})",
)


def _move_tone(m: regex.Match[str]) -> str:
    first = m.group(1) or m.group(3)
    second = m.group(2) or m.group(4)
    decomposed = unicodedata.normalize("NFD", second)
    tone = "".join(c for c in decomposed if c in TONE_MARKS)
    base = "".join(c for c in decomposed if c not in TONE_MARKS)
    return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", base)


def canonical_tones(text: str) -> str:
    """Rewrite new-style tone placement to the old style, keeping the text's length.

    >>> canonical_tones("thể chế hoá, Uỷ ban, thuỷ lợi, khoẻ, quý, hoàng, toán")
    'thể chế hóa, Ủy ban, thủy lợi, khỏe, quý, hoàng, toán'
    """
    return _NEW_STYLE.sub(_move_tone, text)


TONE_PATTERN = _NEW_STYLE
"""The pattern of new-style syllables, for mapped substitution."""
move_tone = _move_tone
