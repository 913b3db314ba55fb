"""Is a text layer worth reading? Checks for e-signature stamps, garbled OCR and legacy 8-bit fonts.

A scanned PDF may still carry text: the e-signature box ("Người ký: … Cơ quan: … Thời gian ký: …") or an
OCR layer with broken diacritics ("THONGBAo", "Ldm D6ng"). Old documents typed in TCVN3 (.VnTime) or VNI
fonts give mojibake ("ng‡y th·ng" for "ngày tháng"). The reader reports these with a
:class:`~vnadmin.model.ReaderNote` instead of passing the text on as if it were good.
"""

from __future__ import annotations

import re

import regex

# Lines of an e-signature appearance or of a "SAO Y" copy stamp, not part of the document's own text.
STAMP_LINE = regex.compile(
    r"^\s*(?:Người\s+ký|Ký\s+bởi|Signed\s+by|Cơ\s+quan(?:\s+phát\s+hành)?\s*:|Email\s*:|Chức\s+vụ\s*:|"
    r"Thời\s+gian\s+ký|Ngày\s+ký|Ký\s+ngày|Đơn\s+vị\s*:|SAO\s+Y|Sao\s+y|Giờ\s+ký|Tổ\s+chức\s*:|"
    r"[\d:.\s/+-]{6,}$)",
    regex.IGNORECASE,
)

VIETNAMESE_MARKED = regex.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", regex.I)
WORD = regex.compile(r"[\p{L}\p{N}]+")
# A lowercase letter glued to a digit inside a word: OCR reading "ô" as "6" ("D6ng", "Nguy6n", "l5lll").
LETTER_DIGIT = regex.compile(r"\p{Ll}\d|\d\p{Ll}")
# Characters no Vietnamese word contains but TCVN3/VNI text read as Windows-1252 is full of.
_MOJIBAKE = "‡·¸µ¶¨©ª«¬®¯±²³´½¾¿ÏËÎÑÖØÛÜßæçëîïñöøûüþÿ†‰Š‹ŒŽ•˜™š›œžŸ¢£¤¥¦§"
LEGACY_CHARS = regex.compile(rf"(?<=\p{{L}})[{_MOJIBAKE}¹°]|[{_MOJIBAKE}](?=\p{{L}})")
# The characters LEGACY_CHARS matches, without its look-arounds: a quick test whether it can match at all.
_LEGACY_CHAR = re.compile(f"[{re.escape(_MOJIBAKE)}¹°]")
# An accented capital between small letters ("CÙng", "BÏnh"): VNI/TCVN3 capitals standing for small vowels.
LEGACY_CAPS = regex.compile(r"(?<=\p{Ll}|\b\p{Lu})[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯ](?=\p{Ll})")


# Units written with a superscript ("100 m²", "5 km²", "m³/ngày"): not mojibake.
UNIT = regex.compile(r"^\(?(?:[kcdh]?m|ha)[²³](?:/\S*)?[)\].,;:]*$")


def is_stamp_text(text: str) -> bool:
    """True when every non-blank line looks like e-signature or copy-stamp text (or there is none).

    >>> is_stamp_text("Người ký: Văn phòng Chính phủ\\nThời gian ký: 08.10.2025 10:05:02 +07:00")
    True
    >>> is_stamp_text("Căn cứ Luật Tổ chức Chính phủ;")
    False
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return all(STAMP_LINE.match(ln) for ln in lines)


def garbled_ratio(text: str) -> tuple[float, float, int]:
    """(share of words with a letter glued to a digit, share of words with a Vietnamese mark, words).

    >>> g, v, n = garbled_ratio("Ldm D6ng, ngdy 07 thdng 11 ndm 2025, Nguy6n Ngoc Phric")
    >>> g > 0.1, v < 0.2
    (True, True)
    """
    words = [w for w in WORD.findall(text) if not w.isnumeric()]
    if not words:
        return 0.0, 0.0, 0
    # A letter glued to a digit needs a digit: only words that are not all letters are searched.
    mixed = sum(1 for w in words if not w.isalpha() and LETTER_DIGIT.search(w))
    # VIETNAMESE_MARKED matches single characters: test each distinct one once, then words by set.
    marks = {c for c in set("".join(words)) if VIETNAMESE_MARKED.match(c)}
    marked = sum(1 for w in words if not marks.isdisjoint(w))
    return mixed / len(words), marked / len(words), len(words)


def is_garbled(text: str) -> bool:
    """True for an OCR layer that lost the Vietnamese diacritics (letters read as digits, few marks).

    >>> is_garbled("Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác dân vận năm 2024 như sau")
    False
    """
    mixed, marked, n = garbled_ratio(text)
    if n < 20:
        return False
    return (mixed > 0.04 and marked < 0.45) or marked < 0.12


def legacy_font_hits(text: str) -> list[str]:
    """The words of ``text`` that look like legacy-font mojibake.

    >>> legacy_font_hits("Gia Lai, ng‡y th·ng năm 2026")
    ['ng‡y', 'th·ng']
    >>> legacy_font_hits("Tuyên Quang, ngày 15 tháng 3 năm 2024; diện tích 120 m², 3 km².")
    []
    """
    hits: list[str] = []
    if not (_LEGACY_CHAR.search(text) and LEGACY_CHARS.search(text)) and not LEGACY_CAPS.search(text):
        return hits
    for m in regex.finditer(r"\S+", text):
        w = m.group()
        if UNIT.match(w):
            continue
        if LEGACY_CHARS.search(w) or LEGACY_CAPS.search(w):
            hits.append(w)
    return hits
