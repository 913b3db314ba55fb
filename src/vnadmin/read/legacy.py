"""Legacy Vietnamese encodings: TCVN3 (ABC, ``.VnTime`` fonts) and VNI-Windows (``VNI-Times`` fonts).

Text typed in these fonts comes out of a PDF or DOCX as Latin-1 look-alikes: "Céng hoµ x· héi chñ nghÜa
ViÖt Nam" (TCVN3), "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam" (VNI). This module tells which encoding a piece
of text is in and converts it to Unicode (NFC). The conversion tables are those of the MIT-licensed
``viparse`` package (checked here against real TCVN3 and VNI strings, see ``tests/test_legacy.py``).

The rules that keep good text safe:

* text holding a letter that exists only in Unicode Vietnamese (ă đ ơ ư, or any of U+1EA0-U+1EF9) is
  Unicode and is never converted, whatever its font says;
* a font name is the strong signal (``.VnTime``, ``.VnArialH``, ``VNI-Times``, with or without a PDF
  subset tag); without one, the text itself must read as Vietnamese once converted and carry enough
  legacy characters;
* conversion is per span (a run of one font, a line), never per file: a file whose body is Unicode and
  whose date line is in a legacy font gets only that line converted.
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, Literal

import regex

Encoding = Literal["tcvn3", "vni"]

_SUBSET_TAG = regex.compile(r"^[A-Z]{6}\+")
# Letters that no TCVN3 or VNI text shows: their code points are above U+00FF.
_UNICODE_VIETNAMESE = regex.compile(r"[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
# Characters TCVN3 uses for Vietnamese letters (Latin-1 upper half and the Windows-1252 extras it lands on).
_TCVN3_MARKS = regex.compile(r"[¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÆÇÐÑÒÓÔÕ×ØÙÚÛÜÝÞßæçèéëìíîïðñòóôõö÷øùúûüýþÿ\u2212\u2219]")
# VNI: a vowel followed by one of its mark characters, or ñ/Ñ (đ/Đ) and ö/Ö (ư/Ư).
_VNI_MARKS = regex.compile(r"[aeiouyAEIOUY][øùûõïäâåáàãóòôõöÂÅÁÀÃÄØÙÛÕÏÓÒÔ]|[ñÑöÖ](?=\p{L}|\b)")
_WORD = regex.compile(r"\p{L}+")


@cache
def _viparse() -> tuple[Callable[[str, Any], str], dict[str, Any], Callable[[str, Any], Any]]:
    """viparse's convert(), its TCVN3/VNI tables and its content detector (imported on first use)."""
    tables = importlib.import_module("viparse.normalize.tables")
    encodings = importlib.import_module("viparse.normalize.encodings")
    detector = importlib.import_module("viparse.normalize.detector")
    charmaps = {name: encodings.CHARMAPS[name] for name in ("tcvn3", "vni")}
    return tables.convert, charmaps, detector.detect_encoding_by_content


def font_encoding(font_name: str | None) -> Encoding | None:
    """The legacy encoding a font name implies, or None.

    >>> [font_encoding(f) for f in ("ABCDEF+.VnTimeH", "VnArial", "VNI-Times", "Times New Roman")]
    ['tcvn3', 'tcvn3', 'vni', None]
    """
    if not font_name:
        return None
    name = _SUBSET_TAG.sub("", font_name.strip()).lstrip(".").upper()
    if regex.match(r"VN(?!I)[A-Z0-9]", name) and not name.startswith("VNTIMES NEW ROMAN"):
        return "tcvn3"
    if regex.match(r"VNI[-_ ]?[A-Z]", name):
        return "vni"
    return None


def is_uppercase_font(font_name: str | None) -> bool:
    """TCVN3 fonts whose name ends in H (``.VnTimeH``, ``.VnArialH``) draw every letter as a capital.

    >>> is_uppercase_font(".VnTimeH"), is_uppercase_font("XYZABC+.VnArialH-Bold"), is_uppercase_font(".VnTime")
    (True, True, False)
    """
    if font_encoding(font_name) != "tcvn3" or font_name is None:
        return False
    name = _SUBSET_TAG.sub("", font_name.strip()).lstrip(".")
    base = regex.split(r"[-,]", name)[0]
    return base.endswith("H")


def is_unicode_vietnamese(text: str) -> bool:
    """True when the text holds a letter only Unicode Vietnamese has (then it is never converted).

    >>> is_unicode_vietnamese("Gia Lai, ng‡y th·ng năm 2026"), is_unicode_vietnamese("Céng hoµ x· héi")
    (True, False)
    """
    return bool(_UNICODE_VIETNAMESE.search(text))


def detect_legacy(text: str, font_name: str | None = None) -> Encoding | None:
    """The legacy encoding of ``text`` (from its font when given, else from the text), or None for Unicode.

    >>> detect_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), detect_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    ('tcvn3', 'vni')
    >>> detect_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam", ".VnTime"), detect_legacy("Plan of action")
    (None, None)
    """
    if is_unicode_vietnamese(text):
        return None
    by_font = font_encoding(font_name)
    if by_font is not None:
        return by_font
    return _by_content(text)


_SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy\u0300\u0301\u0303\u0309\u0323]{1,4}"
    r"(?:ng|nh|ch|[cmnpt])?$"
)


def _syllable_like(word: str) -> bool:
    """Whether a converted word could be one Vietnamese syllable (initial, 1-3 vowels, final; one tone mark)."""
    w = unicodedata.normalize("NFD", word.lower()).replace("d\u0335", "đ")
    w = unicodedata.normalize("NFC", regex.sub(r"[\u0300\u0301\u0303\u0309\u0323]", "", w))
    tones = len(regex.findall(r"[\u0300\u0301\u0303\u0309\u0323]", unicodedata.normalize("NFD", word)))
    return tones <= 1 and bool(_SYLLABLE.match(w))


def _core(token: str) -> str:
    """A token without the punctuation around it."""
    return regex.sub(r"^[^\p{L}]+|[^\p{L}\p{M}]+$", "", token)


def _by_content(text: str) -> Encoding | None:
    """Detect from the text alone: enough legacy marks, and a conversion that reads as Vietnamese syllables."""
    tcvn3_marks = len(_TCVN3_MARKS.findall(text))
    vni_marks = len(_VNI_MARKS.findall(text))
    if max(tcvn3_marks, vni_marks) < 2:
        return None
    convert, charmaps, detect = _viparse()
    verdict = detect(text, charmaps)
    if verdict.encoding in ("tcvn3", "vni"):
        guess: Encoding = "tcvn3" if verdict.encoding == "tcvn3" else "vni"
    elif verdict.method == "content-not-vietnamese":
        return None
    else:
        # Short spans give the frequency model too little: go by the surface marks, then check the result.
        guess = "tcvn3" if tcvn3_marks >= vni_marks else "vni"
    before = text.split()
    after = convert(text, charmaps[guess]).split()
    if len(before) != len(after):
        return None
    changed = [_core(w) for b, w in zip(before, after, strict=True) if b != w]
    changed = [w for w in changed if w and _WORD.fullmatch(w)]
    if not changed:
        return None
    good = sum(1 for w in changed if _syllable_like(w))
    return guess if good >= 0.8 * len(changed) else None


def to_unicode(text: str, encoding: Encoding, *, uppercase: bool = False) -> str:
    """``text`` converted from ``encoding`` to Unicode NFC; ``uppercase`` for TCVN3 capital fonts (``.VnTimeH``).

    >>> to_unicode("§éc lËp - Tù do - H¹nh phóc", "tcvn3")
    'Độc lập - Tự do - Hạnh phúc'
    >>> to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc", "vni")
    'Độc lập - Tự do - Hạnh phúc'
    >>> to_unicode("quyÕt ®Þnh", "tcvn3", uppercase=True)
    'QUYẾT ĐỊNH'
    """
    convert, charmaps, _ = _viparse()
    out = unicodedata.normalize("NFC", convert(text, charmaps[encoding]))
    return out.upper() if uppercase else out


def span_to_unicode(text: str, font_name: str | None = None) -> tuple[str, Encoding | None]:
    """One run of text in one font, converted when it is legacy: (text, encoding found or None)."""
    encoding = detect_legacy(text, font_name)
    if encoding is None:
        return text, None
    return to_unicode(text, encoding, uppercase=is_uppercase_font(font_name)), encoding


def spans_to_unicode(spans: Iterable[tuple[str, str | None]]) -> tuple[str, set[Encoding]]:
    """Runs of (text, font name) joined after converting each legacy run on its own; also the encodings seen.

    >>> spans_to_unicode([("Gia Lai, ", "Times New Roman"), ("ngµy 26 th¸ng 01", ".VnTime"), (" năm 2026", None)])
    ('Gia Lai, ngày 26 tháng 01 năm 2026', {'tcvn3'})
    """
    out: list[str] = []
    seen: set[Encoding] = set()
    for text, font in spans:
        converted, encoding = span_to_unicode(text, font)
        out.append(converted)
        if encoding:
            seen.add(encoding)
    return "".join(out), seen


def lines_to_unicode(text: str) -> tuple[str, list[int]]:
    """Text without font information, converted line by line: (text, 0-based numbers of the lines converted).

    A line is converted only when it holds no Unicode-only letter and reads as TCVN3 or VNI by itself or,
    when too short to tell, by the encoding the other legacy lines of the text agree on.

    >>> lines_to_unicode("Kế hoạch số 12\\nCéng hoµ x· héi chñ nghÜa ViÖt Nam\\nHµ Néi")
    ('Kế hoạch số 12\\nCộng hoà xã hội chủ nghĩa Việt Nam\\nHà Nội', [1, 2])
    """
    lines = text.split("\n")
    verdicts = [None if is_unicode_vietnamese(ln) else _by_content(ln) for ln in lines]
    found = {v for v in verdicts if v}
    majority: Encoding | None = None
    if len(found) == 1:
        majority = next(iter(found))
    changed: list[int] = []
    for i, ln in enumerate(lines):
        enc = verdicts[i]
        if enc is None and majority is not None and not is_unicode_vietnamese(ln):
            marks = _TCVN3_MARKS if majority == "tcvn3" else _VNI_MARKS
            if marks.search(ln):
                enc = majority
        if enc is not None:
            new = to_unicode(ln, enc)
            if new != ln:
                lines[i] = new
                changed.append(i)
    return "\n".join(lines), changed
