"""Vietnamese public bodies named in assignments: "Sở Nội vụ", "Ủy ban nhân dân các huyện, thành phố" …

A name is a *head* ("Sở", "Ban", "Ủy ban nhân dân", "Thanh tra", "Bộ Chỉ huy Quân sự" …) followed by name
components and an optional locality ("tỉnh", "huyện, thành phố", "tỉnh Tuyên Quang"):

- a component starts with a capital letter ("Nội vụ", "Thông tin và Truyền thông"); lower-case syllables after
  it belong to the name only when they finish the same word ("Tài chính" but not "Tài chính thẩm định"),
  which underthesea's word segmentation decides (lazily, one clause at a time);
- "và", "," or "-" join two components ("Văn hóa, Thể thao và Du lịch") but separate two names when a new
  head follows ("Sở Tư pháp và Sở Nội vụ", "Báo Tuyên Quang, Đài Phát thanh …");
- a head right after a name nests ("Văn phòng Ủy ban nhân dân tỉnh", "Ban Dân vận Tỉnh ủy").

Collective bodies ("Các sở, ban, ngành thuộc tỉnh", "các tổ chức chính trị - xã hội") are recognised as such;
generic partners ("các cơ quan, đơn vị liên quan", "Ủy ban nhân dân cùng cấp") are marked ``generic``.

>>> [m.text for m in find_orgs("Sở Thông tin và Truyền thông, Báo Tuyên Quang, Đài Phát thanh và Truyền hình tỉnh")]
['Sở Thông tin và Truyền thông', 'Báo Tuyên Quang', 'Đài Phát thanh và Truyền hình tỉnh']
>>> normalize_org("UBND huyện, thành phố")
'Ủy ban nhân dân huyện, thành phố'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import regex

from vnadmin.data import load_csv
from vnadmin.normalize import canonical_tones, fold

_F = regex.VERSION1

# Heads that name a body on their own ("Thanh tra tỉnh", "Công an tỉnh", "UBND huyện").
FULL_HEADS: tuple[str, ...] = (
    "Ủy ban nhân dân",
    "UBND",
    "Hội đồng nhân dân",
    "HĐND",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Ủy ban Mặt trận Tổ quốc",
    "Ủy ban MTTQ Việt Nam",
    "Ủy ban MTTQVN",
    "Ủy ban MTTQ",
    "UBMTTQVN",
    "UBMTTQ",
    "Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc",
    "MTTQVN",
    "MTTQ",
    "Thanh tra",
    "Công an",
    "Bộ Chỉ huy Quân sự",
    "Bộ Chỉ huy Bộ đội Biên phòng",
    "Bộ đội Biên phòng",
    "BCH Quân sự",
    "Bộ Tư lệnh",
    "Kho bạc Nhà nước",
    "Kho bạc nhà nước",
    "Ngân hàng nhà nước",
    "Kiểm toán nhà nước",
    "Báo và Phát thanh, Truyền hình",
    "Báo và Phát thanh Truyền hình",
    "Báo và Phát Thanh, Truyền hình",  # capitalised as in kh-lamdong-2026-tuyen-truyen-cchc
    "Báo và Đài Phát thanh, Truyền hình",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "Văn phòng Đoàn đại biểu Quốc hội và HĐND",
    "Văn phòng Đoàn ĐBQH và HĐND",
    "KBNN",
    "Bảo hiểm xã hội",
    "BHXH",
    "Cục Thuế",
    "Chi cục Thuế",
    "Thuế",
    "Cục Hải quan",
    "Hải quan",
    "Tổng Liên đoàn Lao động",
    "Liên đoàn Lao động",
    "LĐLĐ",
    "Tỉnh đoàn",
    "Thành đoàn",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Đảng ủy",
    "Tòa án nhân dân",
    "TAND",
    "Viện kiểm sát nhân dân",
    "VKSND",
    "Ngân hàng Nhà nước",
    "Ngân hàng Chính sách xã hội",
    "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ",
    "Hội LHPN",
    "Hội Cựu chiến binh",
    "Hội CCB",
    "Hội Chữ thập đỏ",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Đoàn TNCS Hồ Chí Minh",
    "Đoàn Thanh niên",
    "Ban cán sự Đảng",
    "Ban cán sự đảng",
    "Đảng đoàn",
    "Chính phủ",
    "Quốc hội",
    "Kiểm toán Nhà nước",
    "Hội đồng Thi đua - Khen thưởng",
    "Hội đồng Thi đua, Khen thưởng",
    "Ban Chỉ đạo",
    "Ban công tác Mặt trận",
    "Ban Công tác Mặt trận",
    "Ban Quản lý",
    "Ban quản lý",
    "Tổ đại biểu",
    "Thông tấn xã Việt Nam",
    "Bưu điện",
    "Viễn thông",
)

# Heads that need a name after them: "Sở Nội vụ", "Ban Dân tộc", "Báo Tuyên Quang", "Văn phòng Tỉnh ủy".
NAMED_HEADS: tuple[str, ...] = (
    "Sở",
    "Ban",
    "Bộ",
    "Báo",
    "Đài",
    "Văn phòng",
    "Phòng",
    "Trung tâm",
    "Tổng cục",
    "Chi cục",
    "Cục",
    "Viện",
    "Học viện",
    "Trường",
    "Bệnh viện",
    "Hội",
    "Đoàn",
    # the central committee of a mass organisation: "Trung ương Hội Nông dân Việt Nam"
    "Trung ương Hội",
    "Trung ương Đoàn",
    "Ủy ban",
    "Hội đồng",
    "Tổ",
    "Tiểu ban",
    "Quỹ",
    "Tổng công ty",
    "Công ty",
    "Cảng vụ",
    "Chi nhánh",
    "Ngân hàng",
    "Đại học",
    "Thường trực",
    "Ban Thường vụ",
    # units of a ministry and the bodies under it: "Vụ Kế hoạch, Tài chính", "Hãng phim Hoạt hình Việt Nam",
    # "Bảo tàng Hồ Chí Minh", "Tạp chí Diễn đàn doanh nghiệp", "Hiệp hội Doanh nghiệp",
    # "Liên hiệp các Hội Khoa học và Kỹ thuật"
    "Vụ",
    "Hãng phim",
    "Bảo tàng",
    "Tạp chí",
    "Hiệp hội",
    "Liên hiệp các Hội",
    "Liên hiệp",
)

# Localities after a name: "tỉnh", "huyện, thành phố", "các xã, phường", "cấp tỉnh", "tỉnh Tuyên Quang".
_LOC_WORD = (
    r"(?:cấp\s+(?:tỉnh|huyện|xã|thành\s+phố|trung\s+ương)|các\s+cấp|cùng\s+cấp|tỉnh|huyện|xã|phường|thị\s+trấn"
    r"|thành\s+phố|thị\s+xã|quận|đặc\s+khu|(?:trực\s+thuộc\s+)?(?:Trung\s+ương|trung\s+ương)|tối\s+cao|thành\s+ủy|Thành\s+phố|Tỉnh|Huyện|Xã|Phường"
    r"|Quận|Thị\s+xã|Thị\s+trấn|(?:chi\s+nhánh\s+)?khu\s+vực\s+(?:[IVXL]+|\d+)|[Tt]ổ\s+[Dd]ân\s+phố|khu\s+phố|thôn)"
)
_PROPER = r"(?:\p{Lu}[\p{Ll}\p{M}]*(?:[^\S\n]+\p{Lu}[\p{Ll}\p{M}]*)*)"
# a numbered commune or ward: "xã Bảo Lâm 2", "Phường 2 Bảo Lộc"
_LOC_NUMBER = r"(?:[^\S\n]+\d{1,2}(?![\d\p{L}\p{M}]|[./]\d))"
_LOC_ITEM = rf"(?:các(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*))?{_LOC_WORD}{_LOC_NUMBER}?(?:[^\S\n]+{_PROPER}{_LOC_NUMBER}?)?"
_LOCALITY = regex.compile(
    rf"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*(?=\p{{Ll}}))(?P<loc>{_LOC_ITEM}(?:[^\S\n]*,[^\S\n]*\n?[^\S\n]*{_LOC_ITEM}"
    rf"(?![\p{{L}}\p{{M}}]))*"
    rf"(?:[^\S\n]+và[^\S\n]+{_LOC_ITEM}(?![\p{{L}}\p{{M}}]))?"
    rf"(?:[^\S\n]+trực[^\S\n]+thuộc[^\S\n]+[Tt]rung[^\S\n]+ương)?)(?![\p{{L}}\p{{M}}])",
    _F,
)

# Collective bodies, lower or upper case at the start: "Các sở, ban, ngành thuộc tỉnh".
_MEDIA = (
    r"cơ\s+quan\s+(?:thông\s+tin(?:\s*,\s*truyền\s+thông)?|báo\s+chí|truyền\s+thông(?:\s*,\s*báo\s+chí)?|thông\s+tấn"
    r"(?:\s*,\s*|\s+)báo\s+chí)(?:\s+đại\s+chúng)?"
)
_UNIT = rf"(?i:sở|ban|ngành|{_MEDIA}|cơ\s+quan|đơn\s+vị|địa\s+phương|đoàn\s+thể|hội|tổ\s+chức|doanh\s+nghiệp|phòng)"
_COLLECTIVE = regex.compile(
    r"(?:(?:Thủ\s+trưởng|Lãnh\s+đạo|Trưởng|Giám\s+đốc|Chủ\s+tịch)\s+)?"
    r"(?:(?:[Cc]ác|[Tt]ất\s+cả\s+các)\s+|(?=[Ss]ở\s*,\s*(?i:ban|ngành))|(?=[Cc]ơ\s+quan\s+(?:thông|báo|truyền)))"
    r"(?:"
    r"(?P<pol>(?:tổ\s+chức|đoàn\s+thể)\s+(?:chính\s+trị(?:\s*-\s*|\s+)xã\s+hội|CT\s*-\s*XH)(?:\s*,\s*(?:hội\s+quần\s+chúng|"
    r"tổ\s+chức\s+xã\s+hội))?)"
    r"|(?P<party>(?:Huyện|huyện|Thành|thành|Tỉnh|tỉnh|Đảng|đảng)\s+ủy(?:\s*,\s*(?:Huyện|huyện|Thành|thành|Đảng|đảng)"
    r"\s+ủy)*(?:\s+(?:trực\s+thuộc|thuộc)\s+(?:Tỉnh|tỉnh)\s+ủy)?)"
    # "Các thành viên khác trong tiểu ban", "các thành viên của Ban Chỉ đạo": a committee's members
    r"|(?P<members>(?i:thành\s+viên)(?:\s+khác)?\s+(?:trong|của|thuộc)\s+(?i:tiểu\s+ban|ban|tổ|hội\s+đồng|đoàn)"
    r"(?:[^\S\n]+\p{Lu}[\p{Ll}\p{M}]*(?:[^\S\n]+\p{Ll}[\p{Ll}\p{M}]*)?)*(?:[^\S\n]+(?:tỉnh|huyện|xã|phường))?"
    r"(?![\p{L}\p{M}]))"
    # "sở, ban ngành" / "cơ quan đơn vị": a few units are also written without the comma
    rf"|(?P<units>{_UNIT}(?:\s*,\s*{_UNIT}|[^\S\n]+(?i:ngành|đơn\s+vị|đoàn\s+thể)(?![\p{{L}}\p{{M}}]))*"
    rf"(?:\s+và\s+{_UNIT})?)"
    r")"
    r"(?P<tail>(?:\s+(?:thuộc|trực\s+thuộc)\s+(?:Ủy\s+ban\s+nhân\s+dân|UBND)\s+(?i:tỉnh|thành\s+phố)"
    r"|\s+(?:thuộc|trực\s+thuộc)\s+Sở(?:\s+\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Ll}+)?)?|\s+(?i:thành\s+phố)"
    r"|\s+(?:thuộc|trực\s+thuộc)\s+Chính\s+phủ|\s+ngang\s+bộ"
    # "… và các tổ chức chính trị - xã hội⏎trực thuộc⏎⏎- Tổ chức …": "trực thuộc" with its parent left unsaid
    r"|\s+trực\s+thuộc(?=[^\S\n]+\p{Ll}|[^\S\n]*(?:\n|$))"
    r"(?![^\S\n]+(?:tỉnh|huyện|xã|phường|thành\s+phố|các|cấp)(?![\p{L}\p{M}]))"
    r"|\s+(?:thuộc|trực\s+thuộc|cấp)\s+(?:tỉnh|huyện|xã|thành\s+phố)|\s+có\s+liên\s+quan|\s+liên\s+quan"
    r"|\s+chuyên\s+môn|\s+khác(?![\p{L}\p{M}])|\s+(?:ngành\s+dọc|[Tt]rung\s+ương)(?:\s+đóng\s+trên\s+địa\s+bàn)?"
    r"|\s+đóng\s+trên\s+địa\s+bàn|\s+của\s+(?i:tỉnh|thành\s+phố)|\s+[Tt]ỉnh|\s+các\s+cấp|\s+(?:xã|phường|huyện)(?![\p{L}\p{M}])"
    # "các tổ chức cung cấp dịch vụ chi trả", "các doanh nghiệp viễn thông": a trade named by what it provides
    r"|(?P<trade>\s+cung\s+cấp\s+dịch\s+vụ(?:\s+(?:chi\s+trả|thanh\s+toán|viễn\s+thông|bưu\s+chính|công))?"
    r"|\s+(?:viễn\s+thông|bưu\s+chính)(?![\p{L}\p{M}]))|\s+trên\s+địa\s+bàn(?:\s+tỉnh)?"
    r"|\s+quản\s+lý\s+(?:nhà\s+nước|quy\s+hoạch|chuyên\s+ngành))*)",
    _F,
)
# The first words of a _COLLECTIVE match: a quick test before the pattern.
_COLLECTIVE_FIRST_WORDS = ("Thủ", "Lãnh", "Trưởng", "Giám", "Chủ", "Các", "các", "Tất", "tất", "Sở", "sở", "Cơ", "cơ")
# Collectives specific enough to be no generic partner: the media, the central bodies based in the province.
_SPECIFIC_COLLECTIVE = regex.compile(rf"{_MEDIA}|trung\s+ương|ngành\s+dọc", _F | regex.IGNORECASE)


def _collective(text: str, pos: int) -> regex.Match[str] | None:
    return _COLLECTIVE.match(text, pos) if text.startswith(_COLLECTIVE_FIRST_WORDS, pos) else None


_GENERIC_UNITS = regex.compile(r"cơ\s+quan|đơn\s+vị|địa\s+phương|doanh\s+nghiệp|tổ\s+chức|liên\s+quan", _F)


def _alternation(words: tuple[str, ...]) -> str:
    parts = sorted(
        set(words) | {canonical_tones(w) for w in words} | {_old_tones(w) for w in words}, key=len, reverse=True
    )
    return "|".join(r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)".join(regex.escape(p) for p in w.split()) for w in parts)


def _old_tones(word: str) -> str:
    return word.replace("Ủy", "Uỷ").replace("ủy", "uỷ").replace("Hòa", "Hoà").replace("hòa", "hoà")


_TITLE = regex.compile(
    r"(?:Phó\s+)?(?:Chủ\s+tịch|Chánh|Giám\s+đốc|Thủ\s+trưởng|Bộ\s+trưởng|Trưởng|Tổng\s+cục\s+trưởng|Cục\s+trưởng"
    r"|Chi\s+cục\s+trưởng|Viện\s+trưởng|Hiệu\s+trưởng)\s+(?=\p{Lu}|các\s)",
    _F,
)
# The first words of a title (_TITLE): a quick test before the pattern.
_TITLE_FIRST_WORDS = ("Phó", "Chủ", "Chánh", "Giám", "Thủ", "Bộ", "Trưởng", "Tổng", "Cục", "Chi", "Viện", "Hiệu")
_HEAD = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d])(?:(?P<full>{_alternation(FULL_HEADS)})|(?P<named>{_alternation(NAMED_HEADS)}))"
    rf"(?![\p{{L}}\p{{M}}\d])",
    _F,
)
# The first word of every head name: a head starts with one of them (a quick test before _HEAD's long alternation).
_HEAD_FIRST_WORDS = tuple(
    sorted(
        {
            w.split()[0]
            for heads in (FULL_HEADS, NAMED_HEADS)
            for h in heads
            for w in (h, canonical_tones(h), _old_tones(h))
        }
    )
)
_CAP_SYLLABLE = regex.compile(
    r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)(?P<w>\p{Lu}[\p{L}\p{M}]*(?:[&-]\p{Lu}[\p{L}\p{M}]*)*)(?![\p{L}\p{M}])", _F
)
_CAP_WORD = regex.compile(r"(?P<w>\p{Lu}[\p{L}\p{M}]*(?:[&-]\p{Lu}[\p{L}\p{M}]*)*)(?![\p{L}\p{M}])", _F)
_LOW_SYLLABLE = regex.compile(r"[^\S\n]*\n?[^\S\n]*(?<=\s)(?P<w>\p{Ll}[\p{L}\p{M}]*)(?![\p{L}\p{M}])", _F)
_JOINER = regex.compile(
    r"(?:[^\S\n]*(?P<sep>,|-|–|&)[^\S\n]*\n?[^\S\n]*|\s+(?P<sep>và)[^\S\n]*\n?[^\S\n]*)(?=\p{Lu})", _F
)
# A comma inside a name is part of an "A, B và C" list: "Sở Văn hóa, Thể thao và Du lịch".
_COMMA_LIST_END = regex.compile(r"[^,;:.()\n]*?\s+và\s+(?=\p{Lu})", _F)
_AMP = regex.compile(r"[^\S\n]*&[^\S\n]*", _F)
_ADJACENT = regex.compile(r"[^\S\n]+(?=\p{Lu})", _F)
_PLURAL_NAMED = regex.compile(r"[Cc]ác[^\S\n]+(?=(?:Ban|Sở|Cục|Vụ|Phòng|Hội|Tổ|Đoàn|Chi\s+cục)[^\S\n]+\p{Lu})", _F)
# A council's organs listed together: "Thường trực, các ban, các tổ đại biểu Hội đồng nhân dân tỉnh".
_STANDING = regex.compile(r"Thường[^\S\n]+trực(?=[^\S\n]*,[^\S\n]*các[^\S\n]+(?i:ban)(?![\p{L}\p{M}]))", _F)
# The investor of a project: "Nhà đầu tư 02 dự án", "Nhà đầu tư của 02 dự án đường bộ cao tốc Tân Phú – Bảo Lộc
# và Bảo Lộc – Liên Khương:" (up to the colon of a heading).
_INVESTOR = regex.compile(
    r"Nhà[^\S\n]+(?i:đầu)[^\S\n]+tư(?:[^\S\n]+(?:của[^\S\n]+)?(?:\d+[^\S\n]+)?(?i:dự[^\S\n]+án)"
    r"(?:[^\n:;,.()]*?\p{Lu}[\p{L}\p{M}]*(?=[^\S\n]*(?::|$)))?)?(?![\p{L}\p{M}])",
    _F,
)
_DELEGATES = regex.compile(r"[Cc]ác[^\S\n]+(?i:tổ[^\S\n]+đại[^\S\n]+biểu)[^\S\n]+(?=\p{Lu})", _F)
_MEMBER_OF = regex.compile(r"\s+thành\s+viên\s+(?:của|thuộc)\s+(?=(?P<front>Mặt\s+trận(?![^\S\n]+Tổ))?)", _F)
_CAC = regex.compile(r"[^\S\n]+các(?=[^\S\n]+\p{Lu})", _F)
# One to three lower-case syllables between two capitalised parts of a name, and what must follow such a name.
_BRIDGE = regex.compile(
    r"(?:(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)\p{Ll}[\p{L}\p{M}]*){1,3}(?=(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)\p{Lu})", _F
)
_NOT_BRIDGE = frozenset(
    {"và", "các", "của", "với", "cho", "tại", "theo", "về", "đến", "từ", "trên", "trong", "thuộc", "là", "được", "có"}
    | {"chủ", "phối", "tham", "tổ", "thực", "triển", "hướng", "chỉ", "đề", "giao", "xây", "rà", "báo", "tổng", "kiểm"}
    | {"chịu", "trình", "thẩm", "ban", "gửi", "quản", "phụ", "lập", "đôn", "căn", "nghiên", "tuyên", "cung", "bố"}
    | {"đảm", "chuẩn", "tiếp", "quyết", "đánh", "hỗ", "giám", "tập", "phân", "cập", "thường", "tăng", "đẩy"}
    | {"nâng", "vận", "bảo", "giải", "xử", "thu", "cấp", "nắm", "làm", "đăng", "nộp", "mời", "phát", "duy", "cử"}
)
# Lower-case words closing a listed name: "Ban Quản lý các Khu công nghiệp tỉnh,".
_TAIL = regex.compile(r"(?:(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)\p{Ll}[\p{L}\p{M}]*){1,4}", _F)


# A unit's number after its name: "Văn phòng Quản lý đường bộ IV.4".
_DESIGNATION = regex.compile(r"[^\S\n]+[IVXL]+(?:\.\d+)+(?![\p{L}\p{M}\d])", _F)


# A locality word on its own: "tỉnh", "thành phố", "Phường" (compiled without flags, as a bare pattern string was).
_LOC_WORD_RE = regex.compile(_LOC_WORD)
# "giao thông" inside a name's lower-case words is no verb "giao": "Ban An toàn giao thông".
_TRAFFIC = regex.compile(r"(?<![\p{L}\p{M}])giao\s+thông(?![\p{L}\p{M}])")
_NON_SPACE = regex.compile(r"\S+")  # a word of a run: "công", "nghiệp"


def _bridgeable(words: str) -> bool:
    words = _TRAFFIC.sub(" ", words)  # "Ban An toàn giao thông"
    return not any(_LOC_WORD_RE.fullmatch(w) or w in _NOT_BRIDGE for w in words.split())


_LIST_END = regex.compile(r"[^\S\n]*(?:[,;:)]|\.\.\.|…|\n[^\S\n]*\n|$|[^\S\n]+và\s+)", _F)
# What a "Ban Quản lý" manages, written in lower case: "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp", "Ban Quản lý dự án
# đầu tư xây dựng số 1", "Ban Quản lý các khu công nghệ cao và khu công nghiệp" (up to where the name ends).
_SP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_MANAGED = regex.compile(
    rf"{_SP}(?:các{_SP})?(?:khu|dự{_SP}án)(?:{_SP}(?:và{_SP}(?:các{_SP})?khu|\p{{L}}[\p{{Ll}}\p{{M}}]*)){{0,8}}?"
    rf"(?:{_SP}số{_SP}\d+)?"
    rf"(?=[^\S\n]*(?:[,;:.)]|\.\.\.|…|\n[^\S\n]*\n|$)|{_SP}(?:chủ{_SP}trì|phối{_SP}hợp|và{_SP}(?!(?:các{_SP})?khu)"
    rf"|{_LOC_WORD}(?![\p{{L}}\p{{M}}])|trên{_SP}địa{_SP}bàn))",
    _F,
)
# The area a body serves, after its name: "… trên địa bàn xã", "… trên địa bàn thành phố".
_ON_AREA = regex.compile(
    r"[^\S\n]+trên[^\S\n]+địa[^\S\n]+bàn(?:[^\S\n]+(?:tỉnh|xã|phường|huyện|thành[^\S\n]+phố))?(?![\p{L}\p{M}])", _F
)
_HEADING_LABEL = regex.compile(r"[^\S\n]*(?:\d+(?:\.\d+)*\.?|[a-zđ]\)|[IVXL]+\.)[^\S\n]*", _F)
_LINE_END = regex.compile(r"[^\S\n]*(?:\n|$)", _F)
_EXHIBITION = regex.compile(r"[^\S\n]+lãm(?![\p{L}\p{M}])", _F)  # "Triển lãm" is a name's word, "Triển khai" not
_STOP_WORDS = frozenset({"Theo", "Chủ", "Phối", "Tham", "Tổ", "Thực", "Triển", "Hướng", "Chỉ", "Đề", "Giao"})


@dataclass(frozen=True)
class OrgMention:
    """A body named in the text: as written, where, and with abbreviations expanded."""

    text: str
    start: int
    end: int
    normalized: str
    collective: bool = False
    generic: bool = False
    prefix: str = ""
    """Words restored in front of the written name: the head a list shares ("Bộ" for "Công an" in "Các Bộ: Công
    an, Y tế"), the plural of office holders ("Các" for "Phó Chủ tịch" in "Các đ/c Phó Chủ tịch"); else empty."""

    @property
    def name(self) -> str:
        """The body's name: as written, behind its restored prefix ("Bộ Công an")."""
        written = " ".join(self.text.split())
        return f"{self.prefix} {written}" if self.prefix else written


@cache
def _abbreviations() -> list[tuple[regex.Pattern[str], str]]:
    rows = sorted(load_csv("org_abbreviations.csv"), key=lambda r: len(r["abbreviation"]), reverse=True)
    return [
        (
            regex.compile(rf"(?<![\p{{L}}\p{{M}}&-]){regex.escape(r['abbreviation'])}(?![\p{{L}}\p{{M}}&-])"),
            r["expansion"],
        )
        for r in rows
    ]


@lru_cache(maxsize=8192)
def normalize_org(name: str) -> str:
    """The name with abbreviations expanded, one tone placement and single spaces.

    >>> normalize_org("UBMTTQVN tỉnh và các tổ chức CT-XH tỉnh")
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh'
    >>> normalize_org("Sở TT&TT")
    'Sở Thông tin và Truyền thông'
    """
    out = canonical_tones(" ".join(name.split()))
    for pattern, expansion in _abbreviations():
        out = pattern.sub(expansion, out)
    return out


# ---- word boundaries from underthesea ----------------------------------------------------------------------

_CLAUSE_END = regex.compile(r"\n\s*\n|[;:.!?]")


@lru_cache(maxsize=2048)
def _inner_spaces(clause: str) -> frozenset[int]:
    """Offsets (in ``clause``) of the spaces that sit inside a word according to underthesea."""
    from underthesea import word_tokenize

    try:
        tokens: list[str] = word_tokenize(clause)
    except Exception:  # a tagger failure must not stop extraction: fall back to no joins
        return frozenset()
    inner: set[int] = set()
    pos = 0
    for tok in tokens:
        syllables = tok.split()
        starts: list[int] = []
        cursor = pos
        for syl in syllables:
            found = clause.find(syl, cursor)
            if found < 0:
                starts = []
                break
            starts.append(found)
            cursor = found + len(syl)
        if not starts:
            continue
        for a, b, syl in zip(starts, starts[1:], syllables, strict=False):
            inner.update(range(a + len(syl), b))
        pos = cursor
    return frozenset(inner)


WordJoin = Callable[[str, int], bool]


def underthesea_join(text: str, space: int) -> bool:
    """Whether the white space at ``text[space]`` is inside a word (underthesea, on its clause only)."""
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, space):
        start = m.end()
    end_m = _CLAUSE_END.search(text, space)
    end = end_m.start() if end_m else len(text)
    start = max(start, space - 300)
    end = min(end, space + 300)
    return (space - start) in _inner_spaces(text[start:end].replace("\n", " "))


# ---- recogniser -------------------------------------------------------------------------------------------


class _Scanner:
    def __init__(self, text: str, join: WordJoin) -> None:
        self.text = text
        self.join = join

    def head(self, pos: int) -> regex.Match[str] | None:
        if not self.text.startswith(_HEAD_FIRST_WORDS, pos):
            return None
        return _HEAD.match(self.text, pos)

    def is_head_at(self, pos: int) -> bool:
        m = self.head(pos)
        if m is None:
            return False
        if m.group("full") is not None or self.component(m.end()) is not None:
            return True
        adjacent = _ADJACENT.match(self.text, m.end())
        return adjacent is not None and self.head(adjacent.end()) is not None and self.is_head_at(adjacent.end())

    def component(self, pos: int, *, glued: bool = False) -> int | None:
        """End of a capitalised name component after white space at ``pos`` (at ``pos`` itself if glued)."""
        m = (_CAP_WORD if glued else _CAP_SYLLABLE).match(self.text, pos)
        if m is None or (m.group("w") in _STOP_WORDS and not _EXHIBITION.match(self.text, m.end())):
            return None
        if self.is_head_at(m.start("w")):
            return None
        if _LOC_WORD_RE.fullmatch(m.group("w")) and _LOCALITY.match(self.text, pos):
            return None  # "UBND Phường 2 Bảo Lộc": a capitalised locality, not a component of the name
        end = m.end()
        while True:
            low = _LOW_SYLLABLE.match(self.text, end)
            if low is None or _LOC_WORD_RE.fullmatch(low.group("w")) or low.group("w") in {"và", "các"}:
                break
            if not self.join(self.text, end):
                break
            end = low.end()
        return end

    def tail(self, end: int) -> int:
        """``end`` moved over lower-case words that close a name at a list separator (a locality may follow)."""
        tail = _TAIL.match(self.text, end)
        while tail is not None:
            if _bridgeable(tail.group()):
                desig = _DESIGNATION.match(self.text, tail.end())
                after = desig.end() if desig is not None else tail.end()
                loc = _LOCALITY.match(self.text, after)
                if _LIST_END.match(self.text, loc.end() if loc is not None else after):
                    return after
            # try a shorter run: up to the locality that ends it ("… công nghiệp tỉnh")
            words = list(_NON_SPACE.finditer(tail.group()))
            if len(words) <= 1:
                break
            tail = _TAIL.match(self.text, end, end + words[-1].start())
        return end

    def heading_end(self, start: int, end: int) -> bool:
        """Whether the name from ``start`` to ``end`` is a whole heading line ("1.7. Vụ Kế hoạch, Tài chính")."""
        line_start = self.text.rfind("\n", 0, start) + 1
        return (_HEADING_LABEL.fullmatch(self.text, line_start, start) is not None or start == 0) and _LINE_END.match(
            self.text, end
        ) is not None

    def name(self, pos: int) -> tuple[int, bool] | None:
        """End of the body named from ``pos`` and whether it is generic, or None when no body starts there."""
        m = self.head(pos)
        if m is None:
            return None
        end = m.end()
        amp = _AMP.match(self.text, end) if m.group("full") is not None else None
        if amp is not None and self.head(amp.end()) is not None:
            joined = self.name(amp.end())  # "Văn phòng HĐND&UBND xã": one office of two bodies
            if joined is not None:
                return joined
        if " ".join(m.group().split()).lower() == "ban quản lý":
            managed = _MANAGED.match(self.text, end)
            if managed is not None:
                loc = _LOCALITY.match(self.text, managed.end())
                return (loc.end() if loc is not None else managed.end()), False
        got_component = False
        safe_end: int | None = None  # the end before a bridge over lower-case words, if the bridge fails
        components = 0
        while True:
            adjacent = _ADJACENT.match(self.text, end)
            if adjacent is not None and self.head(adjacent.end()) is not None:
                inner = self.name(adjacent.end())
                if inner is not None:
                    return inner
            step = self.component(end)
            if step is None and not got_component:
                # "Ban Quản lý các Khu công nghiệp tỉnh"
                cac = _CAC.match(self.text, end)
                if cac is not None:
                    step = self.component(cac.end())
            if step is None and components >= 2:
                # "Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú Yên," — kept only when the name then
                # ends at a list separator
                bridge = _BRIDGE.match(self.text, end)
                if bridge is not None and _bridgeable(bridge.group()):
                    step = self.component(bridge.end())
                    if step is not None and safe_end is None:
                        safe_end = end
            if step is None and got_component:
                # "Cục Văn hóa cơ sở, Gia đình và Thư viện": lower-case words may close a component before the
                # comma of an "A, B và C" list
                for before in dict.fromkeys((end, self.tail(end))):
                    joiner = _JOINER.match(self.text, before)
                    if joiner is None or self.is_head_at(joiner.end()):
                        continue
                    step = self.component(joiner.end(), glued=True)
                    if step is not None and joiner.group("sep") == ",":
                        tail = _COMMA_LIST_END.match(self.text, step)
                        if (tail is None or self.is_head_at(tail.end())) and not self.heading_end(pos, step):
                            step = None
                    if step is not None:
                        break
            if step is None:
                break
            end = step
            got_component = True
            components += 1
        if m.group("named") is not None and not got_component:
            return None
        generic = False
        if got_component:
            end = self.tail(end)
        loc = _LOCALITY.match(self.text, end)
        if safe_end is not None and not _LIST_END.match(self.text, loc.end() if loc is not None else end):
            end = safe_end
            loc = _LOCALITY.match(self.text, end)
        if loc is not None:
            end = loc.end()
            generic = "cùng cấp" in " ".join(loc.group("loc").split())
        area = _ON_AREA.match(self.text, end) if got_component or loc is not None else None
        if area is not None:
            end = area.end()  # "Ban công tác Mặt trận các thôn trên địa bàn xã"
        return end, generic


# ---- lists under one shared head: "Các Bộ: Công an, Y tế", "Giám đốc các Sở: Xây dựng, Tư pháp" ----------------

# The plural head and its colon. Real examples: "- Các Bộ: Công an, Quốc phòng, Ngoại giao, …" (a Công điện's
# addressees), "Giám đốc các Sở: Nông nghiệp và Môi trường, Xây dựng, Tài chính, Tư pháp; …" (a decision's
# executors), "12. Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông" (communes named one by one).
SHARED_HEAD = regex.compile(
    r"(?:(?:Giám\s+đốc|Thủ\s+trưởng|Lãnh\s+đạo|Chủ\s+tịch)\s+)?"
    r"(?:"
    r"(?i:các)\s+(?:\d{1,3}\s+)?(?P<dept>(?i:bộ|sở))"
    r"|(?P<council>Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND)\s+(?:các\s+)?(?:\d{1,3}\s+)?"
    r"(?P<loc>xã|phường|huyện|quận|thị\s+xã|thị\s+trấn)"
    r")[^\S\n]*:[^\S\n]*",
    _F,
)
_SHARED_FIRST_WORDS = ("Giám", "Thủ", "Lãnh", "Chủ", "Các", "các", "CÁC", "Ủy", "Uỷ", "UBND")
# Between two members: ", ", " và ", ", và " (a line break may fall inside).
_MEMBER_GAP = regex.compile(r"[^\S\n]*(?:,[^\S\n]*(?:và[^\S\n]+)?|[^\S\n]+và[^\S\n]+)\n?[^\S\n]*(?=\p{Lu})", _F)
# A member named by capitalised words: "Gò Công Đông", "Tư pháp" (a lower-case syllable after a capital one).
_CAPITALISED_MEMBER = regex.compile(
    r"\p{Lu}[\p{L}\p{M}]*(?:[^\S\n]+(?:\p{Lu}[\p{L}\p{M}]*|\d{1,3}(?![\d\p{L}])))*"
    r"(?:[^\S\n]+\p{Ll}[\p{L}\p{M}]*(?=[^\S\n]*(?:[,;.:]|$|\n|[^\S\n]+và[^\S\n]+\p{Lu})))?",
    _F,
)


@cache
def _department_names() -> regex.Pattern[str]:
    """The names a ministry or department goes by after "Bộ"/"Sở", longest first ("Văn hóa, Thể thao và Du lịch")."""
    names = {r["name"] for r in load_csv("department_names.csv")}
    spelled = sorted({v for n in names for v in (n, canonical_tones(n), n.replace("hóa", "hoá"))}, key=len)[::-1]
    words = [r"\s+".join(regex.escape(w) for w in n.split()) for n in spelled]
    return regex.compile(rf"(?:{'|'.join(words)})(?![\p{{L}}\p{{M}}])", _F | regex.IGNORECASE)


def _shared_head_members(text: str, pos: int, offset: int) -> tuple[list[OrgMention], int] | None:
    """The members of a list under one shared head at ``pos``, each named with the head restored, and the end."""
    if not text.startswith(_SHARED_FIRST_WORDS, pos):
        return None
    m = SHARED_HEAD.match(text, pos)
    if m is None:
        return None
    loc = " ".join((m.group("loc") or "").split())
    head = m.group("dept").capitalize() if m.group("dept") else f"Ủy ban nhân dân {loc}"
    members: list[OrgMention] = []
    at = m.end()
    while True:
        member = _department_names().match(text, at) if m.group("dept") else None  # "Công an" is a department
        if member is None and text.startswith(_HEAD_FIRST_WORDS, at) and _HEAD.match(text, at):
            break  # "các Sở: Tài chính, Tư pháp và Sở Nội vụ": a full name ends the list
        member = member or _CAPITALISED_MEMBER.match(text, at)
        if member is None:
            break
        written = text[at : member.end()]
        members.append(
            OrgMention(written, offset + at, offset + member.end(), normalize_org(f"{head} {written}"), prefix=head)
        )
        gap = _MEMBER_GAP.match(text, member.end())
        if gap is None:
            break
        at = gap.end()
    return (members, members[-1].end - offset) if len(members) >= 2 else None


# Where a name may start: a capital letter, "các" or "tất cả" at a word start ("Sở …", "các sở, ngành").
_CANDIDATE = regex.compile(
    r"(?<![\p{L}\p{M}\d])(?=\p{Lu}|[Cc]ác|[Tt]ất\s+cả|cơ\s+quan\s+(?:thông\s+tin|thông\s+tấn|báo\s+chí|truyền\s+thông))",
    _F,
)
# Collective units that are only "tổ chức": "Các tổ chức thành viên của MTTQ Việt Nam phường".
_TO_CHUC = regex.compile(r"(?i:tổ\s+chức)")
# Units naming departments rather than any partner: "Các sở, ban, ngành liên quan".
_DEPARTMENT_UNITS = regex.compile(r"sở|ban|ngành|đoàn\s+thể", regex.IGNORECASE)
# A plural inside a name's first words: "Ủy ban nhân dân các huyện, thành phố".
_PLURAL_INSIDE = regex.compile(r"\S+(?:\s+\S+){0,5}?\s+các\s")
# A list of localities inside a name: "Ủy ban nhân dân huyện, thành phố".
_LOCALITY_LIST = regex.compile(r"(?:huyện|xã|phường|thành\s+phố|thị\s+xã)\s*,")


# The first words of every body :func:`_scan_orgs` reports (a shared-head list's members aside): a title, a
# council's standing body, an investor, a plural, a collective or a head starts it.
_NAME_FIRST_WORDS = tuple(
    sorted({*_TITLE_FIRST_WORDS, "Thường", "Nhà", "Các", "các", *_COLLECTIVE_FIRST_WORDS, *_HEAD_FIRST_WORDS})
)


def may_start_org(text: str, pos: int) -> bool:
    """Whether a body may start at ``pos`` of ``text``: every body :func:`find_orgs` reports starts at such a
    position, except the members of a shared-head list ("Các Bộ: Công an, …"), which start after the head's colon.
    A quick necessary test before a scan."""
    return text.startswith(_NAME_FIRST_WORDS, pos) and _CANDIDATE.match(text, pos) is not None


def find_orgs(text: str, offset: int = 0, *, join: WordJoin | None = None) -> list[OrgMention]:
    """Bodies named in ``text``, in order; ``start``/``end`` are ``offset`` + positions in ``text``.

    ``join`` tells whether a space is inside a word (default: underthesea on the clause around it).

    >>> [m.text for m in find_orgs("Sở Tài chính thẩm định, tham mưu với Ủy ban nhân dân tỉnh")]
    ['Sở Tài chính', 'Ủy ban nhân dân tỉnh']
    >>> [(m.text, m.collective) for m in find_orgs("Các sở, ban, ngành thuộc tỉnh, Ủy ban nhân dân huyện, thành phố")]
    [('Các sở, ban, ngành thuộc tỉnh', True), ('Ủy ban nhân dân huyện, thành phố', True)]
    """
    memo = _MEMO.get()
    if join is not None or memo is None:
        return _scan_orgs(text, offset, join or underthesea_join)
    # Within one document the same text is asked for many times (a sentence, then the head of its item …).
    found = memo.get(text)
    if found is None:
        found = memo[text] = tuple(_scan_orgs(text, 0, underthesea_join))
    if offset == 0:
        return list(found)
    return [replace(m, start=m.start + offset, end=m.end + offset) for m in found]


# The bodies found per text while a document is extracted (see :func:`memoised`); None outside.
_MEMO: ContextVar[dict[str, tuple[OrgMention, ...]] | None] = ContextVar("vnadmin_orgs_memo", default=None)


@contextmanager
def memoised() -> Iterator[None]:
    """Within the block, :func:`find_orgs` (default ``join``) remembers its answer for each text it is given."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _scan_orgs(text: str, offset: int, join: WordJoin) -> list[OrgMention]:
    scanner = _Scanner(text, join)
    out: list[OrgMention] = []
    pos = 0
    while True:
        m = _CANDIDATE.search(text, pos)
        if m is None:
            break
        start = m.start()
        shared = _shared_head_members(text, start, offset)
        if shared is not None:
            out.extend(shared[0])
            pos = shared[1]
            continue
        title = _TITLE.match(text, start) if text.startswith(_TITLE_FIRST_WORDS, start) else None
        at = title.end() if title else start
        standing = _STANDING.match(text, at) if text.startswith("Thường", at) else None
        if standing is not None:
            out.append(_mention(text, start, standing.end(), offset, collective=False, generic=False))
            pos = standing.end()
            continue
        investor = _INVESTOR.match(text, at) if text.startswith("Nhà", at) else None
        if investor is not None:
            out.append(_mention(text, start, investor.end(), offset, collective=False, generic=False))
            pos = investor.end()
            continue
        plural_at = text.startswith(("Các", "các"), at)
        delegates = _DELEGATES.match(text, at) if plural_at else None
        if delegates is not None:
            named = scanner.name(delegates.end())
            if named is not None:
                out.append(_mention(text, start, named[0], offset, collective=True, generic=named[1]))
                pos = named[0]
                continue
        plural = _PLURAL_NAMED.match(text, at) if plural_at else None
        if plural is not None:
            # "các Ban Xây dựng Đảng", "các Ban Hội đồng nhân dân": several bodies under one capitalised name
            named = scanner.name(plural.end())
            if named is not None:
                out.append(_mention(text, start, named[0], offset, collective=True, generic=named[1]))
                pos = named[0]
                continue
        coll = _collective(text, start) or (_collective(text, at) if title else None)
        if coll is not None:
            end = coll.end()
            units = coll.group("units") or ""
            member = _MEMBER_OF.match(text, end) if _TO_CHUC.fullmatch(units) else None
            if member is not None:
                # "Các tổ chức thành viên của MTTQ Việt Nam phường", "các tổ chức thành viên của Mặt trận"
                parent = scanner.name(member.end())
                if parent is not None:
                    end = parent[0]
                elif member.group("front"):
                    end = member.end() + len(member.group("front"))
                if end != coll.end():
                    out.append(_mention(text, start, end, offset, collective=True, generic=False))
                    pos = end
                    continue
            generic = bool(_GENERIC_UNITS.search(units) or "liên quan" in coll.group("tail"))
            if (
                not units
                or _DEPARTMENT_UNITS.search(units)
                or coll.group("trade")
                or _SPECIFIC_COLLECTIVE.search(coll.group())
            ):
                generic = False  # "Các sở, ban, ngành liên quan" names the departments, not any partner
            out.append(_mention(text, start, end, offset, collective=True, generic=generic))
            pos = end
            continue
        found = scanner.name(at)
        if found is None:
            pos = start + 1
            continue
        end, generic = found
        collective = bool(_PLURAL_INSIDE.match(text[start:end])) or (
            "," in text[start:end] and (_LOCALITY_LIST.search(text[start:end]) is not None)
        )
        out.append(_mention(text, start, end, offset, collective=collective, generic=generic))
        pos = end
    return out


def _mention(text: str, start: int, end: int, offset: int, *, collective: bool, generic: bool) -> OrgMention:
    while end > start and text[end - 1] in " ,-–":
        end -= 1
    written = text[start:end]
    return OrgMention(
        text=written,
        start=offset + start,
        end=offset + end,
        normalized=normalize_org(written),
        collective=collective,
        generic=generic,
    )


def same_org(a: str, b: str) -> bool:
    """Whether two names denote the same body once abbreviations and case are folded.

    >>> same_org("UBND tỉnh", "Ủy ban nhân dân tỉnh")
    True
    """
    return fold(normalize_org(a)) == fold(normalize_org(b))


__all__ = [
    "FULL_HEADS",
    "NAMED_HEADS",
    "SHARED_HEAD",
    "OrgMention",
    "find_orgs",
    "normalize_org",
    "same_org",
    "underthesea_join",
]
