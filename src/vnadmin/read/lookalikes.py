"""OCR look-alike fixes: characters Tesseract's Vietnamese model confuses with others that look the same.

The fixes are a data table (:data:`FIXES`): each row names the wrong form, the right one, where it applies and
why. Only fixes that are safe on any OCR'd word are listed; nothing here guesses a Vietnamese word.

>>> fix_word("QÐ-UBND"), fix_word("Ðiều"), fix_word("2O25"), fix_word("Số:"), fix_word("QUYÉT"), fix_word("ngàyl6")
('QĐ-UBND', 'Điều', '2025', 'Số:', 'QUYẾT', 'ngày 16')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import regex

_E_HAT = {"é": "ế", "è": "ề", "ẻ": "ể", "ẽ": "ễ", "ẹ": "ệ", "É": "Ế", "È": "Ề", "Ẻ": "Ể", "Ẽ": "Ễ", "Ẹ": "Ệ"}


@dataclass(frozen=True)
class Fix:
    """One look-alike: ``pattern`` (a regex) is replaced by ``replacement`` in every OCR'd word (or line)."""

    pattern: str
    replacement: str
    note: str
    scope: Literal["word", "line"] = "word"


FIXES: tuple[Fix, ...] = (
    Fix("\u00d0", "Đ", "Icelandic capital eth Ð (U+00D0) read for Đ (U+0110): 'QUYẾT ÐỊNH', 'QÐ-UBND'"),
    Fix("\u00f0", "đ", "small eth ð (U+00F0) read for đ"),
    Fix("\u0189", "Đ", "African D Ɖ (U+0189) read for Đ"),
    Fix("\u0256", "đ", "d with tail ɖ (U+0256) read for đ"),
    Fix("\u2044|\u2215", "/", "fraction or division slash read for the slash of a number: '973⁄/QĐ'"),
    Fix("(?<=\\d)/{2,}", "/", "doubled slash after a number: '973//QĐ'"),
    Fix("(?<=Q)ĐĐ(?=-)", "Đ", "doubled Đ in the code QĐ: '2605/QĐĐ-BGDĐT'"),
    Fix("(?<=\\d)[Oo](?=\\d)", "0", "letter O between digits in a number or date: '2O25' is 2025"),
    Fix("(?<=\\d)[Il|](?=\\d|/|$)", "1", "I, l or | after a digit: '6l/2023', 'Điều 5I' are 61, 51"),
    Fix("(?<![\\p{L}\\d])[Il|](?=\\d)", "1", "I, l or | before a digit: 'tháng l1' is tháng 11"),
    Fix("(?<=^ngày)[Il|](?=\\d)", " 1", "'ngàyl6' is 'ngày 16' (handwritten day glued to ngày)"),
    Fix("(?<=^ngày)(?=\\d)", " ", "'ngày16' is 'ngày 16'"),
    Fix("(?<=[iyIY])[éèẻẽẹÉÈẺẼẸ](?=\\p{L})", "ê", "e after i/y is always ê (iê, yê): 'QUYÉT' is QUYẾT, 'Viét' is Viết"),
    Fix(
        "^(?:S[óòỏõọôồỗộ6]|5[ốóô])(?=[:.])",
        "Số",
        "the letterhead's 'Số:' with its circumflex or S misread: 'Só:¿92', 'S6:', '5ố:' (none is a word before ':')",
    ),
    Fix("^[\\\\`~^]$", "", "a lone backslash, backquote, tilde or caret is a speck of the scan, never text"),
    Fix("^CỌNG$", "CỘNG", "'CỌNG HÒA' (dot for circumflex) in the motto"),
    Fix("^BỌ$", "BỘ", "'BỌ' (no such word in a letterhead) is BỘ"),
    Fix("^QUÓC$", "QUỐC", "'QUÓC' is not a syllable; QUỐC"),
    Fix("[\u2010\u2011\u2012\u2013](?=\\p{Lu})", "-", "dash before a code letter in a number: 'QĐ–UBND'"),
    Fix("\u2014(?=\\p{L})|(?<=\\p{L})\u2014", "-", "em dash glued to a word is a hyphen: 'Độc lập—Tự do'"),
    Fix("\\bH[ÒòỎỏ] Chí Minh\\b", "Hồ Chí Minh", "grave or hook for circumflex-grave in the city name", "line"),
    Fix("\\bH[ÒỎ] CHÍ MINH\\b", "HỒ CHÍ MINH", "grave or hook for circumflex-grave: 'THÀNH PHỐ HỎ CHÍ MINH'", "line"),
    Fix("\\bTHÀNH PHÓ\\b", "THÀNH PHỐ", "acute for circumflex-acute: 'THÀNH PHÓ' is THÀNH PHỐ", "line"),
    Fix("\\bThành phó\\b", "Thành phố", "acute for circumflex-acute: 'Thành phó' is Thành phố", "line"),
    Fix("(?<=/\\p{Lu}{1,6})- (?=\\p{Lu})", "-", "space after the hyphen of a number's code: 'NĐ- CP'", "line"),
    Fix(
        "(?<=[Tt][Hh][Uu])é",
        "ế",
        "'thué' is not a syllable: 'CỤC THUÉ', 'Cục Thué' are Thuế (acute for circumflex-acute)",
    ),
    Fix("(?<=THU)É", "Ế", "'THUÉ' is THUẾ: 'THUÉ QUỐC TẾ'"),
    Fix("^BÔ$", "BỘ", "'BÔ CÔNG THƯƠNG' (dot under the circumflex lost) is BỘ"),
    Fix(
        "^TÍNH(?= \\p{Lu}[\\p{Lu} ]*$)",
        "TỈNH",
        "'TÍNH HÀ NAM' alone on a letterhead line is TỈNH",
        "line",
    ),
    Fix(
        "(?<=\\p{Ll})\\.(?= ngày \\S{1,3} tháng)",
        ",",
        "comma after the place read as a full stop: 'Hà Nội. ngày 16 tháng 9'",
        "line",
    ),
    Fix("\\bQUỐC T[ÉẺ]\\b", "QUỐC TẾ", "'QUỐC TÉ' (acute/hook for circumflex-acute) is QUỐC TẾ", "line"),
    Fix("^THÔNG BẢO$", "THÔNG BÁO", "hook for acute in the document type: 'THÔNG BẢO'", "line"),
    Fix("^K[ẺÉ] HOẠCH$", "KẾ HOẠCH", "'KẺ HOẠCH' (hook for circumflex-acute) in the document type", "line"),
    Fix(
        "\\b(?<=(?:THỨ|CỤC|VIỆN|HIỆU|BỘ|TỔ|PHÓ) )TR[ƯU][ƠƯ]NG\\b",
        "TRƯỞNG",
        "signer's title with the hook lost: 'THỨ TRƯƠNG' is THỨ TRƯỞNG",
        "line",
    ),
    Fix("\\bThiêu (?=tướng\\b)", "Thiếu ", "'Thiêu tướng' (acute lost) is the rank Thiếu tướng", "line"),
    Fix(
        "\\bTỎ (?=(?:CÔNG TÁC|TRƯỞNG|PHÓ)\\b)",
        "TỔ ",
        "'TỎ CÔNG TÁC', 'TỎ TRƯỞNG' (hook for circumflex-hook) are TỔ",
        "line",
    ),
    Fix(
        "\\bLÂM Đ[ÔÒỎ]NG\\b", "LÂM ĐỒNG", "the province Lâm Đồng with the grave or hook of ĐỒNG lost or misread", "line"
    ),
    Fix(
        "\\bLâm Đ[ôòỏ]ng\\b",
        "Lâm Đồng",
        "'Lâm Đông', 'Lâm Đòng' are the province Lâm Đồng (no 'Lâm Đông' exists)",
        "line",
    ),
    # Marks lost or misread on common words of a title, where the misread form is no Vietnamese word.
    Fix("\\b([Tt])hâm định\\b", "\\1hẩm định", "'thâm định' (hook lost; no such word) is thẩm định", "line"),
    Fix("\\bTHÂM ĐỊNH\\b", "THẨM ĐỊNH", "'THÂM ĐỊNH' (hook lost) is THẨM ĐỊNH", "line"),
    Fix("^([Bb])uôi(?![\\p{L}\\p{M}])", "\\1uổi", "'buôi' (hook lost; no such word) is buổi: 'tại buổi làm việc'"),
    Fix("^([Đđ])ên(?![\\p{L}\\p{M}])", "\\1ến", "'đên' (acute lost; no such word) is đến: 'liên quan đến'"),
    Fix(
        "\\b([Pp])hần công(?= nhiệm vụ\\b)", "\\1hân công", "'phần công nhiệm vụ' is phân công (grave for none)", "line"
    ),
    Fix(
        "^K[iíìỉ]nh?\\s*[:.]?\\s+g[ửủũưu]i\\s*[:.]",
        "Kính gửi:",
        "the addressee line's 'Kính gửi:' with marks lost: 'Kin: gủi: Văn phòng …'",
        "line",
    ),
    Fix(
        "(?<=\\b(?:AN|DÂN|UBND|HĐND) )TINH(?= \\p{Lu})",
        "TỈNH",
        "'CÔNG AN TINH LÂM ĐỒNG', 'ỦY BAN NHÂN DÂN TINH …' (hook and dot lost) in a letterhead: TỈNH",
        "line",
    ),
    Fix(
        "\\bGI[AÁ]M Đ[ÓỌO]C\\b",
        "GIÁM ĐỐC",
        "the signer's title 'GIAM ĐÓC', 'GIAM ĐỌC' (marks lost) is GIÁM ĐỐC",
        "line",
    ),
    Fix("\\bTHƯỜNG TRỤC\\b", "THƯỜNG TRỰC", "'PHÓ CHỦ TỊCH THƯỜNG TRỤC' (horn lost) is THƯỜNG TRỰC", "line"),
    # Roman part labels of a plan: the space after the dot lost, "II" read as "H".
    Fix(
        "^([IVX]{1,4})\\.(?=\\p{Lu}{2})",
        "\\1. ",
        "a roman label glued to its heading: 'I.MỤC ĐÍCH, YÊU CẦU' is 'I. MỤC ĐÍCH …'",
        "line",
    ),
    Fix(
        "^H\\.(?= \\p{Lu}{2,}(?: \\p{Lu}+)+)",
        "II.",
        "'H. THỜI GIAN, ĐỊA ĐIỂM …' (the two bars of II read as H) before a heading in capitals",
        "line",
    ),
)


def _replacement(fix: Fix) -> str | Callable[[regex.Match[str]], str]:
    if fix.replacement == "ê":
        return lambda m: _E_HAT[m.group()]
    return fix.replacement


_WORD_FIXES = tuple((regex.compile(f.pattern), _replacement(f)) for f in FIXES if f.scope == "word")
_LINE_FIXES = tuple((regex.compile(f.pattern), _replacement(f)) for f in FIXES if f.scope == "line")


def fix_line(line: str) -> str:
    """A line of OCR'd words with the line-level look-alikes (phrases, spacing) fixed.

    >>> fix_line("THÀNH PHÓ HÒ CHÍ MINH, Nghị định số 42/2010/NĐ- CP")
    'THÀNH PHỐ HỒ CHÍ MINH, Nghị định số 42/2010/NĐ-CP'
    """
    for pattern, replacement in _LINE_FIXES:
        line = pattern.sub(replacement, line)
    return line


def fix_word(word: str) -> str:
    """A word as OCR read it, with the look-alikes of :data:`FIXES` replaced, in NFC.

    >>> fix_word("1l5/2025/NÐ-CP")
    '115/2025/NĐ-CP'
    """
    out = unicodedata.normalize("NFC", word)
    for pattern, replacement in _WORD_FIXES:
        out = pattern.sub(replacement, out)
    return out
