"""Letterhead names are in capitals; the model gives them in normal case ("Ủy ban nhân dân tỉnh Lâm Đồng")."""

from __future__ import annotations

import regex

# A Vietnamese syllable (tones ignored): a word that is not one is an acronym and keeps its capitals (UBND, TW).
_SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnptk])?$"
)
# After these words the rest of the name is a proper name: "tỉnh Đắk Lắk", "thành phố Cần Thơ".
_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "đặc khu")
# After these heads the next word starts the body's own name: "Sở Y tế", "Bộ Nội vụ", "Ban Dân vận".
# Party committees are named by their place: "Tỉnh ủy Tuyên Quang", "Đảng ủy xã Minh Xuân".
_PLACE_HEADS = ("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy")
_HEADS_WITH_NAME = (
    "sở",
    "bộ",
    "ban",
    "cục",
    "vụ",
    "văn phòng",
    "viện",
    "trung tâm",
    "chi cục",
    "tổng cục",
    "phòng",
    "đài",
    "báo",
    "học viện",
    "trường",
    "bệnh viện",
    "công an",
)


def is_acronym(word: str) -> bool:
    """True for a word that cannot be a Vietnamese syllable.

    >>> is_acronym("UBND"), is_acronym("TỈNH"), is_acronym("TW")
    (True, False, True)
    """
    letters = word.strip(".,;:()")
    parts = [p for p in letters.lower().split("-") if p]
    return len(letters) >= 2 and not all(_SYLLABLE.match(p) for p in parts)


def _cap(word: str) -> str:
    """Capitalise a word and each part of a hyphenated one: "RỊA-VŨNG" → "Rịa-Vũng"."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def normal_case(name: str) -> str:
    """Normal case for a body's name written in capitals.

    >>> normal_case("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK")
    'Ủy ban nhân dân tỉnh Đắk Lắk'
    >>> normal_case("SỞ Y TẾ")
    'Sở Y tế'
    >>> normal_case("UBND TỈNH GIA LAI")
    'UBND tỉnh Gia Lai'
    >>> normal_case("ỦY BAN MTTQ VIỆT NAM PHƯỜNG BẮC CAM RANH")
    'Ủy ban MTTQ Việt Nam phường Bắc Cam Ranh'
    >>> normal_case("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), normal_case("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    ('Bộ Văn hóa, Thể thao và Du lịch', 'Bộ Nông nghiệp và Môi trường')
    >>> normal_case("HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH"), normal_case("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA-VŨNG TÀU")
    ('Hội đồng nhân dân tỉnh Quảng Ninh', 'Ủy ban nhân dân tỉnh Bà Rịa-Vũng Tàu')
    """
    words = name.strip(" /|*-").split()
    if not words or (any(w.islower() for w in words if w.isalpha()) and not name.isupper()):
        return " ".join(words)
    out: list[str] = []
    proper = False  # inside a place name: every word capitalised
    field = False  # inside a department's field ("Văn hóa, Thể thao và Du lịch"): cap after "," and "và"
    cap_next = False
    i = 0
    while i < len(words):
        w = words[i]
        if is_acronym(w):
            out.append(w)
            i += 1
            continue
        low = w.lower()
        pair = (low + " " + words[i + 1].lower()) if i + 1 < len(words) else ""
        if not out:
            out.append(_cap(w))
            head = " ".join(x.lower() for x in words[:4])
            if head in _FIXED_HEADS:
                out.extend(x.lower() for x in words[1:4])
                i += 4
                continue
            if pair in _PLACE_HEADS:
                out.append(words[i + 1].lower())
                i += 1
                proper = True
            elif pair in _HEADS_WITH_NAME:
                out.append(words[i + 1].lower())
                i += 1
                cap_next = field = True
            elif low in _HEADS_WITH_NAME:
                cap_next = field = True
            i += 1
            continue
        if not proper and (pair in _PLACE_WORDS):
            out.extend(pair.split())
            proper = True
            i += 2
            continue
        if not proper and low in _PLACE_WORDS:
            out.append(low)
            proper = True
            i += 1
            continue
        if proper or cap_next:
            out.append(_cap(w))
            cap_next = False
        else:
            out.append(low)
        if field and (low == "và" or w.endswith(",")):
            cap_next = True
        i += 1
    return _PROPER_NAMES.sub(lambda m: _PROPER_FORMS[m.group().lower()], " ".join(out))


# Four-word heads whose words stay in lower case: "Ủy ban nhân dân", "Hội đồng nhân dân".
_FIXED_HEADS = ("ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân")


# Names that keep their capitals wherever they stand in a body's name.
_PROPER_FORMS = {"việt nam": "Việt Nam", "hồ chí minh": "Hồ Chí Minh", "trung ương": "Trung ương"}
_PROPER_NAMES = regex.compile(r"\b(?:" + "|".join(_PROPER_FORMS) + r")\b", regex.IGNORECASE)
