"""Patterns of the document layout (Nghị định 30/2020/NĐ-CP, Phụ lục I; party rules 66-QĐ/TW), compiled once.

Each pattern is named for what it finds and commented with a real example. Lines are matched on the
normalised text (NFC, one tone placement, single spaces, markdown stars removed).
"""

from __future__ import annotations

import regex

from vnadmin.data import load_csv

# --- Header -------------------------------------------------------------------------------------------------

# The national motto and the party banner, possibly wrapped or sharing a line with the issuer when a PDF
# extractor reads the two header cells row by row: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
MOTTO = regex.compile(
    r"CỘNG\s+H[OÒ]A\s+X[AÃ]\s+H[OỘ]I\s+CH[UỦ]\s+NGH[IĨ]A\s+VI[EỆ]T\s+NAM"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",
    regex.IGNORECASE,
)
PARTY_BANNER = regex.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", regex.IGNORECASE)

# "Số: 65/KH-UBND", "Số 4085 /QĐ-SYT" (no colon), "Số: 13 /ĐA-UBND Cần Thơ, ngày …" (shares a line),
# "Số: /KH-UBND" (draft, blank serial), "Số: 05-CTrPH/BDVTU-BCSĐ UBND" (joint party-state, note the space).
HEADER_NUMBER = regex.compile(
    r"\bSố\s*:?\s*(?P<number>(?P<serial>\d+[a-zA-Z]?)?\s*(?:/\s*\d{4}\s*)?[/-]\s*"
    r"[\p{L}\d&]+(?:\s*[-/.]\s*[\p{L}\d&]+)*(?:\s(?:UBND|HĐND)\b)?)",
)

# "Tuyên Quang, ngày 15 tháng 3 năm 2024", "TP. Hồ Chí Minh, ngày …", "Đắk Lắk, ngày 17\ntháng 11 năm 2025",
# "Lâm Đồng, ngày    tháng 12 năm 2025" (draft: day left blank).
PLACE_DATE = regex.compile(
    r"(?<![\p{L}\p{M}\d/&-])(?P<place>(?:(?:TP|Tp|T\.P)\.\s*)?(?:\p{Lu}[\p{Ll}\p{M}]*\s+){0,4}\p{Lu}[\p{Ll}\p{M}]*)\s*,\s*"
    r"(?P<date>ngày\s*(?P<d>\d{1,2})?\s*(?:[.…_/ ]*\s*)tháng\s*(?P<m>\d{1,2})?\s*(?:[.…_/ ]*\s*)năm\s*(?P<y>\d{4}))",
)

# The trích yếu of an official letter: "V/v hướng dẫn triển khai …".
LETTER_SUBJECT = regex.compile(r"^\s*(?:V/v|V/V|v/v|Về việc)\b", regex.MULTILINE)
# "Kính gửi:" of a letter; a Công điện opens its list with "<SENDER> điện:" ("VĂN PHÒNG CHÍNH PHỦ điện:").
ADDRESSEE_OPENING = regex.compile(
    r"^\s*(?:Kính\s+gửi\s*:?|(?-i:\p{Lu}[\p{Lu}\s,]+)\s+điện\s*:)", regex.MULTILINE | regex.IGNORECASE
)

URGENCY = regex.compile(r"\b(HỎA TỐC|HỎA TỐC HẸN GIỜ|THƯỢNG KHẨN|KHẨN)\b")
SECRECY = regex.compile(r"\b(TUYỆT MẬT|TỐI MẬT|MẬT)\b")

# First words of a body's name in a letterhead: a line starting with one of them starts a new body
# ("UBND TỈNH GIA LAI" / "SỞ Y TẾ"); a line starting otherwise continues the body above ("TỈNH ĐẮK LẮK").
ORG_HEAD_WORDS = (
    "ỦY BAN",
    "UBND",
    "HĐND",
    "HỘI ĐỒNG",
    "SỞ",
    "BỘ",
    "BAN",
    "VĂN PHÒNG",
    "CỤC",
    "TỔNG CỤC",
    "CHI CỤC",
    "VỤ",
    "VIỆN",
    "HỌC VIỆN",
    "TRƯỜNG",
    "ĐẠI HỌC",
    "BỆNH VIỆN",
    "TRUNG TÂM",
    "CÔNG AN",
    "THANH TRA",
    "PHÒNG",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "HUYỆN ỦY",
    "QUẬN ỦY",
    "THỊ ỦY",
    "ĐẢNG ỦY",
    "ĐẢNG BỘ",
    "ĐẢNG ĐOÀN",
    "TỔ",
    "MẶT TRẬN",
    "HỘI",
    "ĐOÀN",
    "LIÊN ĐOÀN",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "THỦ TƯỚNG",
    "CHỦ TỊCH NƯỚC",
    "TÒA ÁN",
    "VIỆN KIỂM SÁT",
    "KIỂM TOÁN",
    "NGÂN HÀNG",
    "BẢO HIỂM",
    "ĐÀI",
    "BÁO",
    "TẬP ĐOÀN",
    "TỔNG CÔNG TY",
    "CÔNG TY",
    "BCH",
    "BCĐ",
    "TIỂU BAN",
    "CƠ QUAN",
    "BAN CHỈ ĐẠO",
    "BAN CHẤP HÀNH",
    "BỘ CHỈ HUY",
    "BỘ CHÍNH TRỊ",
)
ORG_HEAD = regex.compile(
    r"^(?:" + "|".join(sorted((regex.escape(w) for w in ORG_HEAD_WORDS), key=len, reverse=True)) + r")\b",
    regex.IGNORECASE,
)

# Standing committees and secretariats under a body: "BAN THƯỜNG TRỰC" under "ỦY BAN MTTQ VIỆT NAM PHƯỜNG X".
SUBORDINATE_BODY = regex.compile(r"^(?:Ban\s+)?Thường\s+(?:trực|vụ)\b", regex.IGNORECASE)

# --- Type line and title -------------------------------------------------------------------------------------


def _type_names() -> list[str]:
    names = {row["name"] for row in load_csv("doc_types.csv") if row["name"]}
    return sorted(names, key=len, reverse=True)


DOC_TYPE_NAMES: list[str] = _type_names()
"""'Kế hoạch', 'Quyết định' … longest first, from data/doc_types.csv."""

# The type name alone on its line, in capitals: "KẾ HOẠCH", "QUYẾT ĐỊNH"; also letter-spaced "K Ế  H O Ạ C H".
TYPE_LINE = regex.compile(
    r"^[ \t]*(?P<type>" + "|".join(regex.escape(n.upper()) for n in DOC_TYPE_NAMES) + r")[ \t]*:?[ \t]*$",
    regex.MULTILINE,
)

# The type name with the subject on the same line: "CÔNG ĐIỆN mời dự Hội nghị …" (cd-vpcp-2025-2003),
# "QUYẾT ĐỊNH Về việc …". Tried only when no type line stands alone.
TYPE_LINE_INLINE = regex.compile(
    r"^[ \t]*(?P<type>" + "|".join(regex.escape(n.upper()) for n in DOC_TYPE_NAMES) + r")[ \t]+(?=\p{Ll}|Về\b|V/v\b)",
    regex.MULTILINE,
)

# --- Body tree -----------------------------------------------------------------------------------------------

ROMAN = r"(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})"  # never empty
# Each label kind, anchored at a line start. Examples: "PHẦN THỨ NHẤT", "Phần I", "Chương II", "Mục 1.",
# "Điều 3.", "I. MỤC ĐÍCH", "1. Mục đích", "1.2. Nhiệm vụ", "a) Tuyên truyền", "(1) Sở Nội vụ", "- Ban …".
LABELS: list[tuple[str, regex.Pattern[str]]] = [
    (
        "part",
        regex.compile(r"(?P<label>(?:PHẦN|Phần)[ \t]+(?:THỨ\s+\p{Lu}+|thứ\s+\p{Ll}+|" + ROMAN + r"\b|\d+))\s*[.:]?\s*"),
    ),
    ("chapter", regex.compile(r"(?P<label>(?:CHƯƠNG|Chương)[ \t]+(?:" + ROMAN + r"\b|\d+))\s*[.:]?\s*")),
    # "A. KẾT QUẢ THỰC HIỆN", "B. NHIỆM VỤ, GIẢI PHÁP": lettered parts above the roman ones (ministry directives,
    # reports); a capital heading must follow, so an initial ("A. Nguyễn") is no label.
    ("lettered_part", regex.compile(r"(?P<label>[A-H])\.[ \t]+(?=\p{Lu}{2,}[\s,]+\p{Lu}{2,})")),
    ("subsection", regex.compile(r"(?P<label>(?:MỤC|Mục)[ \t]+(?:\d+|" + ROMAN + r"\b))\s*(?:[.:]\s*|\n|$)")),
    ("article", regex.compile(r"(?P<label>Điều[ \t]+\d+[a-z]?)\s*[.:]\s*")),
    (
        "appendix",
        regex.compile(r"(?P<label>(?:PHỤ LỤC|Phụ lục)(?:[ \t]+(?:" + ROMAN + r"\b|\d+))?)\s*[.:]?\s*(?:\n|$)"),
    ),
    ("roman", regex.compile(r"(?P<label>" + ROMAN + r")\s*[.:)]\s+(?=\S)")),
    ("decimal", regex.compile(r"(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)")),
    # "1. Mục đích", "1.Mục đích", "1. 100% cán bộ" — but not "1.000 người".
    ("arabic", regex.compile(r"(?P<label>\d{1,2})\s*[.)](?:\s*(?=\p{L}|[“\"(])|\s+(?=\S))")),
    ("letter", regex.compile(r"(?P<label>[a-zđ])\s*\)\s*(?=\S)")),
    ("paren_number", regex.compile(r"\((?P<label>\d{1,2})\)\s*(?=\S)")),
    ("dash", regex.compile(r"(?P<label>[-–—•])\s+(?=\S)")),
    ("plus", regex.compile(r"(?P<label>\+)\s+(?=\S)")),
]

# A line that only continues a wrapped reference or range: "bãi bỏ Điều\n12." (nq-hdnd-hue-2025-37),
# "giai đoạn 2026\n- 2030 phấn đấu" (kh-bacninh-2025-141). Searched in a window ending just after a line start.
WRAPPED_NUMBER = regex.compile(
    r"(?:\b(?:Điều|điều|khoản|điểm|Mục|mục|số|Số|năm|ngày|tháng|Chương|chương|Phần|phần)|\d)(?P<nl>\n)"
    r"(?:(?<=\d\n)\s*[-–]\s*\d{4}\b|(?<=[\p{L}]\n)\d{1,3}\b)"
)

# Quoted text of an amendment: '“Điều 6. Quy trình thực hiện\n1. Trước ngày …\n3. Sở Tài chính … quy định.”'
# (nq-hdnd-hue-2025-37). Its numbering belongs to the amended document, not to this one's tree.
QUOTED_BLOCK = regex.compile(r"(?m)^[“\"][^\n]*(?:\n(?![“\"])[^\n]*){0,400}?[”\"][.;,]?[ \t]*$")

# --- Closing: signature and recipients ------------------------------------------------------------------------

# Delegation lines: state "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. BỘ TRƯỞNG", "TUQ. CHỦ TỊCH", "Q. GIÁM ĐỐC";
# party "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "T/L BAN THƯỜNG VỤ".
DELEGATION = regex.compile(r"^[ \t]*(?P<prefix>TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T\.M|K\.T)\s*[.:]?\s+(?P<rest>\p{Lu}.*)$")

# Position titles of signers: "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "BÍ THƯ", "TRƯỞNG BAN".
POSITION_WORDS = regex.compile(
    r"\b(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|THỨ TRƯỞNG|BÍ THƯ|THỦ TƯỚNG|CHÁNH|CHỦ NHIỆM|TỔNG|CỤC TRƯỞNG|"
    r"TỔ TRƯỞNG|CHỦ TỌA|ỦY VIÊN|THƯỜNG TRỰC|HIỆU TRƯỞNG|VIỆN TRƯỞNG|PHÓ)\b"
)
SIGNED_NOTE = regex.compile(
    r"^\s*[(\[]?\s*(?:đã\s+ký|ký|ký\s+tên|ký,?\s*ghi\s+rõ\s+họ\s+tên|daky|chữ\s+ký.*|ký\s+và\s+đóng\s+dấu.*)\s*[)\]]?\s*$",
    regex.IGNORECASE,
)
PERSON_NAME = regex.compile(
    r"^(?:(?:Thiếu|Trung|Thượng|Đại)\s+(?:tướng|tá|úy)\s+|TS\.\s*|ThS\.\s*|PGS\.\s*TS\.\s*|GS\.\s*TS\.\s*)?"
    r"\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*){1,5}$"
    r"|^\p{Lu}+(?:\s+\p{Lu}+){1,5}$"
)

# A military or police rank before a signer's name ("Thượng tướng Nguyễn Văn Long", "Đại tá Bùi Duy Hưng"):
# the name is given without it.
RANK = regex.compile(r"^(?:Thiếu|Trung|Thượng|Đại)\s+(?:tướng|tá|úy)\s+(?=\p{Lu})")

# Vietnamese family names, the most frequent first (they cover nearly all signers): a signer's name read
# without its first word (under the seal) is recognised by not starting with one of them.
FAMILY_NAMES = frozenset(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đào",
        "Đoàn",
        "Vương",
        "Trịnh",
        "Trương",
        "Lâm",
        "Phùng",
        "Mai",
        "Tô",
        "Hà",
        "Tạ",
        "Cao",
        "Đinh",
        "Lương",
        "Chu",
        "Thái",
        "Tăng",
        "Kiều",
        "Quách",
        "Lưu",
        "Thạch",
        "Triệu",
        "Lại",
        "Nông",
        "Châu",
        "Hứa",
        "Khổng",
        "Mạc",
        "Tôn",
        "Diệp",
        "Đàm",
        "Lò",
        "Giang",
        "Âu",
        "Hầu",
        "Khúc",
        "Ninh",
        "Quan",
        "Tống",
        "Vi",
        "Hoàng",
        "Mạch",
        "Lục",
        "Đồng",
        "Bạch",
        "Kim",
        "Thân",
        "Nghiêm",
        "Từ",
    ]
)

RECIPIENTS_OPENING = regex.compile(r"^[ \t]*Nơi\s+nhận\s*:?", regex.MULTILINE | regex.IGNORECASE)
ARCHIVE_LINE = regex.compile(r"^\s*Lưu\s*[:.]?", regex.IGNORECASE)
LIST_ITEM = regex.compile(r"^[ \t]*[-–—•+]\s*")

# "Căn cứ Luật Tổ chức chính quyền địa phương …;" opens a legal basis.
LEGAL_BASIS = regex.compile(r"^[ \t]*Căn\s+cứ\b", regex.MULTILINE)
