"""Regular expressions for citations, as named constants built from small pieces (compiled once).

Every piece says why it is shaped so and carries a real example from the corpus. Patterns run on
normalised text (NFC, ``Đ`` not ``Ð``), but stay tolerant of raw text where it costs nothing.
"""

from __future__ import annotations

import regex

# ---------------------------------------------------------------------------------------------------------
# Document numbers ("số, ký hiệu")
# ---------------------------------------------------------------------------------------------------------

# A code segment: starts with a capital letter, then capitals, digits, "&" and lone small letters ("TTg", "QĐi",
# "CTrPH", "UBTVQH15", "SGD&ĐT"; "BTP-KTVB&QLXLVPHC" is two codes). Two small letters in a row make a word,
# not a code, so "65/KH-UBND - Báo cáo" stops before "Báo". "Ð" (U+00D0) is accepted for "Đ" in raw text.
CODE = r"[\p{Lu}Ð](?:[\p{Lu}Ð\d&]|\p{Ll}(?!\p{Ll}))*"

# The serial: digits, leading zeros kept ("0204/KH-UBND"). Blank in drafts ("số      /KH-UBND").
SERIAL = r"0*\d{1,6}"

# Spaces around separators are noise seen in real texts ("4085 /QĐ-SYT", "05 - CTrPH / BDVTU").
_S = r"[ \t]{0,3}"

# "/" between number parts.
SLASH = _S + r"/" + _S

# "-" between codes; en/em dashes, and dots for hyphens ("11/CT.UBND") are noise for it.
HYPHEN = _S + r"[-‐‑–—]" + _S + r"|\.(?=\p{Lu})"

# Joint party–state organs are written with a space: "05-CTrPH/BDVTU-BCSĐ UBND". Only an all-capital code of
# two letters or more may follow a space, so "134 /KH-UBND Lào Cai" stops before "Lào".
SPACED_CODE = r" (?=\p{Lu}{2,}(?![\p{Ll}]))" + CODE

# The year of a normative number: "30/2020/NĐ-CP".
YEAR = r"(?:19|20)\d\d"

# Codes after the type: "-CP", "-BTP-BCA-TANDTC", or old slash style "/BLĐTBXH-BYT-BTC".
_CODES = rf"{CODE}(?:(?:{HYPHEN}){CODE})*"

# The three number grammars, as one alternation with named groups, applied both to text (search) and to a
# single number (fullmatch, see number.py).
#   normative      30/2020/NĐ-CP · 10/2022/QH15 · 05/1999/TTLT/BLĐTBXH-BYT-BTC · 2025/L-CTN
#   party          268-QĐ/TU · 25-NQ/TW · 05-CTrPH/BDVTU-BCSĐ UBND · 18/NQ/TW (slash typo)
#   administrative 65/KH-UBND · 12/UBND-VX (công văn) · 2180/SGD&ĐT-KTKĐCLGD
NUMBER_BODY = (
    rf"(?P<serial>{SERIAL})?"
    rf"(?:"
    rf"{SLASH}(?P<year>{YEAR}){SLASH}(?P<n_codes>{_CODES}(?:{SLASH}{_CODES})?)"
    rf"|(?:{_S}[-‐‑–]{_S})(?P<p_type>{CODE}){SLASH}(?P<p_codes>{_CODES}(?:{SPACED_CODE})*)"
    rf"|{SLASH}(?P<a_codes>{CODE}(?:(?:{HYPHEN}){CODE})+)"
    rf"|{SLASH}(?P<s_type>{CODE}){SLASH}(?P<s_codes>{_CODES})"
    rf")"
)

# A number inside running text: not glued to a preceding word, digit or separator ("Luật2019/…" is not one),
# and not followed by more code letters.
NUMBER_IN_TEXT = regex.compile(rf"(?<![\p{{L}}\d/&-]){NUMBER_BODY}(?![\p{{L}}\d&])", regex.VERSION1)

# ---------------------------------------------------------------------------------------------------------
# Type words in front of a number
# ---------------------------------------------------------------------------------------------------------

# Type names as written, longest first so that "Thông tư liên tịch" wins over "Thông tư". Written in any case
# ("các Nghị quyết", "nghị quyết số", "QUYẾT ĐỊNH SỐ").
TYPE_WORDS = (
    "Chương trình hành động",
    "Chương trình phối hợp",
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Thông báo kết luận",
    "Bản ghi nhớ",
    "Hiến pháp",
    "Nghị quyết",
    "Quyết định",
    "Nghị định",
    "Chỉ thị",
    "Kế hoạch",
    "Thông tư",
    "Thông tri",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kết luận",
    "Quy định",
    "Quy chế",
    "Đề án",
    "Dự án",
    "Phương án",
    "Báo cáo",
    "Tờ trình",
    "Công điện",
    "Công văn",
    "Văn bản",
    "Pháp lệnh",
    "Bộ luật",
    "Luật",
    "Lệnh",
    "Biên bản",
    "Giấy mời",
    "Điện",
)

# Words of a type name may be split by a line break of the PDF text layer ("Quyết\nđịnh số 1668/QĐ-TTg").
TYPE_ALT = "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in TYPE_WORDS)
_TYPE_ALT = TYPE_ALT

# The type word and "số" right before a number, read backwards from the number: "Chỉ thị số 33/CT-TTg",
# "Nghị quyết 55/2023/NQ-HĐND", "Công văn số: 12/UBND-VX", "Chương trình phối hợp số 05-…",
# "Quyết định số 1132/QĐ-TTg" and plural "các Quyết định số 12/QĐ-UBND". A page-break join can leave a
# line break between the words.
TYPE_BEFORE_NUMBER = regex.compile(
    rf"(?<![\p{{L}}])(?P<type>{_TYPE_ALT})(?:[ \t]*:)?(?P<so>(?:\s+(?:số|SỐ|Số)\s*:?){{1,2}})?\s*\Z",
    regex.IGNORECASE,
)

# A type word earlier in the same clause, with a name or an issuer between it and "số": "Luật Tổ chức chính
# quyền địa phương số 72/2025/QH15", "Kế hoạch hành động số 08-KH/TU", "các Nghị quyết của Chính phủ: Số 01/NQ-CP".
# The type word must be capitalised; the clause must not end (";", ". ", blank line) nor hold a date or number.
TYPE_EARLIER_IN_CLAUSE = regex.compile(
    rf"(?<![\p{{L}}])(?P<type>{TYPE_ALT})(?P<name>(?:(?!;|\.\s|\n\n|\d|ngày)[^\n]|\n(?!\n)){{1,140}}?)"
    rf"(?:số|Số)\s*:?\s*\Z"
)

# An amending law named before the law it amends: "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế số
# 46/2014/QH13" — the number is the amending law's, so the citation starts at the first "Luật". Matched right
# before the inner type word.
AMENDING_BEFORE = regex.compile(
    r"(?<![\p{L}])(?P<type>Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư)[ \t\n]+[Ss]ửa[ \t\n]+đổi,?[ \t\n]+"
    r"bổ[ \t\n]+sung(?:[ \t\n]+một[ \t\n]+số[ \t\n]+điều)?(?:[ \t\n]+của)?[ \t\n]+\Z"
)

# "pháp luật số …" is the common noun, not a law: "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15".
COMMON_NOUN_TYPE = regex.compile(r"(?<![\p{L}])(?:pháp|PHÁP|Pháp)[ \t\n]+\Z")

# A form template is no document: "theo Mẫu số 01/BCĐBHĐND-MT".
FORM_BEFORE_NUMBER = regex.compile(r"(?<![\p{L}])(?:Mẫu|mẫu|Biểu|biểu)(?:\s+số)?\s*\Z")

# "số" alone before a number in a list: "Nghị quyết số 48/NQ-CP, số 50/NQ-CP".
SO_BEFORE_NUMBER = regex.compile(r"(?<![\p{L}])(?:số|Số)\s*:?\s*\Z")

# The list glue between two numbers of the same type: ", ", "; ", " và ", ", số ".
LIST_GLUE = regex.compile(r"\A\s*(?:,|;|và|,\s*và)\s*(?:số\s*)?\Z")

# The document's own number in its header: "Số: 65/KH-UBND" at the start of a line is no citation.
HEADER_NUMBER = regex.compile(r"(?:^|\n)[ \t|*]*(?:Số|SỐ)\s*:?\s*\Z")

# A short form: type word + "số" + serial with no symbol ("Chỉ thị số 33", "Nghị quyết số 57"), or without
# "số" ("Nghị quyết 55"), checked later against full mentions.
SHORT_FORM = regex.compile(
    rf"(?<![\p{{L}}])(?P<type>{_TYPE_ALT})(?P<so>\s+(?:số|Số)\s*:?)?[ \t]+(?P<serial>\d{{1,6}})"
    rf"(?![\d/\p{{L}}]|\s*[-‐‑–/.]\s*[\p{{L}}\d])",
    regex.IGNORECASE,
)

# ---------------------------------------------------------------------------------------------------------
# What follows a number: date, issuer, subject
# ---------------------------------------------------------------------------------------------------------

# A line wrap inside a sentence: hard-wrapped .txt files and PDF text layers break lines anywhere ("Kế hoạch số
# 14-KH/TU⏎ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy", "của⏎Văn phòng Chính phủ", "Luật Ngân⏎sách nhà nước").
# One newline only, and not one that opens a new item: a blank line, a bullet ("- ", "+ "), a numbered item
# ("2.", "1.1.", "a)", "II."), "Điều N", "Căn cứ" or a footnote marker.
NOT_WRAP = r"[ \t]*(?:\n|[-+•*–]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVXL]+\.|Điều[ \t]+\d|Căn[ \t]+cứ|[⁰¹²³⁴⁵⁶⁷⁸⁹]|\[\d)"
WRAP = rf"[ \t]*\n(?!{NOT_WRAP})[ \t]*"
# Optional blanks with at most one wrap, and blanks required (spaces or one wrap).
SP0 = rf"[ \t]*(?:\n(?!{NOT_WRAP})[ \t]*)?"
SP1 = rf"(?:[ \t]+(?:\n(?!{NOT_WRAP})[ \t]*)?|\n(?!{NOT_WRAP})[ \t]*)"

# Between the number and the date: ", ", " được ban hành", " ban hành": "số 49-CT/TW, ngày 20/10/2015". Used with
# .match(text, pos); the date itself is read with vnadmin.extract.dates.
DATE_LEAD = regex.compile(rf"{SP0},?{SP0}(?:(?:được{SP1})?ban{SP1}hành{SP1})?(?=[Nn]gày|NGÀY)")

# A date written before the citation, in the sentence that announces it: "Ngày 25/9/2025, Ban Thường trực Ủy ban
# Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng ban hành Công văn số 227/NTTQ-BTT về việc …". Searched in the text
# right before the type word when nothing follows the number; the sentence must not end in between.
DATE_BEFORE = regex.compile(
    r"(?:^|(?<=[.;:“\"\n]))[ \t*_]*(?:[Vv]ào[ \t]+)?(?P<date>[Nn]gày[ \t]+\d{1,2}[ \t]*/[ \t]*\d{1,2}[ \t]*/[ \t]*\d{4}"
    r"|[Nn]gày[ \t]+\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4})[ \t]*,[^.;:\n]{0,160}?"
    r"[ \t](?:đã[ \t]+)?(?:ký[ \t]+)?ban[ \t]+hành[ \t]+\Z"
)

# "ngày" before a numeric date: "ngày 26/11/2021".
DAY_WORD = regex.compile(rf"(?:[Nn]gày|NGÀY){SP0}")

# "của <issuer>": "của Thủ tướng Chính phủ", "của Ban Thường vụ Tỉnh ủy".
OF_LEAD = regex.compile(rf"{SP0},?{SP0}(?:của|Của|CỦA){SP1}")

# The term of a party organ after its name, kept out of the issuer: "Ban Chấp hành Trung ương (khóa XI)".
TERM_SUFFIX = regex.compile(r"[ \t]*\((?:khóa|khoá|Khóa|nhiệm kỳ)[^)\n]{1,30}\)")

# A word of an issuer's name. Capitalised words and acronyms always belong ("Ủy ban nhân dân tỉnh Tuyên
# Quang", "UBND tỉnh", "BCĐ"); these lower-case words appear inside names of bodies.
ISSUER_LOWER_WORDS = frozenset(
    [
        "nhân",
        "dân",
        "tỉnh",
        "thành",
        "phố",
        "huyện",
        "xã",
        "phường",
        "thị",
        "trấn",
        "quận",
        "cán",
        "sự",
        "đảng",
        "đoàn",
        "ủy",
        "thường",
        "vụ",
        "trực",
        "trung",
        "ương",
        "quốc",
        "gia",
        "hội",
        "đồng",
        "nhà",
        "nước",
        "chính",
        "phủ",
        "thủ",
        "tướng",
        "ban",
        "bộ",
        "và",
        "phát",
        "triển",
        "nông",
        "thôn",
        "môi",
        "trường",
        "xã",
        "hội",
        "giao",
        "thông",
        "vận",
        "tải",
        "đầu",
        "tư",
        "kế",
        "hoạch",
        "thông",
        "tin",
        "truyền",
        "thông",
        "lao",
        "động",
        "thương",
        "binh",
        "giáo",
        "dục",
        "đào",
        "tạo",
        "khoa",
        "học",
        "công",
        "nghệ",
        "văn",
        "hóa",
        "thể",
        "thao",
        "du",
        "lịch",
        "tài",
        "nguyên",
        "ngoại",
        "giao",
        "tư",
        "pháp",
        "nội",
        "vụ",
        "quốc",
        "phòng",
        "an",
        "y",
        "tế",
        "xây",
        "dựng",
        "công",
        "thương",
        "tài",
        "chính",
        "dân",
        "tộc",
        "tôn",
        "giáo",
        "chỉ",
        "đạo",
        "kiểm",
        "tra",
        "tuyên",
        "giáo",
        "dân",
        "vận",
        "tổ",
        "chức",
        "chấp",
        "hành",
        "bí",
        "thư",
        "chính",
        "trị",
        "liên",
        "tịch",
        "mặt",
        "trận",
        "tổ",
        "quốc",
        "việt",
        "nam",
        "lâm",
        "thủy",
        "sản",
        "chủ",
        "cấp",
        "tối",
        "cao",
        "viện",
        "kiểm",
        "sát",
        "tòa",
        "án",
        "toà",
        "ngân",
        "hàng",
        "bảo",
        "hiểm",
        "văn",
        "phòng",
        "thanh",
        "tra",
        "cục",
        "tổng",
        "sở",
        "ty",
    ]
)

# Words that end an issuer even when capitalised or listed above: the subject or the sentence goes on.
# ("ban" ends it only in "ban hành", see mentions.read_issuer.)
ISSUER_STOP_WORDS = frozenset(
    [
        "về",
        "v/v",
        "việc",
        "giữa",
        "góp",
        "quy",
        "định",
        "hướng",
        "dẫn",
        "theo",
        "tại",
        "trong",
        "đã",
        "được",
        "nhằm",
        "để",
        "thì",
        "là",
        "khi",
        "sau",
        "trước",
        "từ",
        "với",
        "ngày",
        "số",
        "như",
        "cụ",
        "thể",
    ]
)

# An issuer word: a word (letters, digits, "&", "-" inside acronyms such as "UBND-VX").
ISSUER_WORD = regex.compile(rf"{SP1}(?P<w>[\p{{L}}\d&]+(?:-[\p{{L}}\d&]+)*)")

# "về"/"về việc"/"V/v" before the subject: "… của Thủ tướng Chính phủ về tiếp tục tăng cường …".
SUBJECT_LEAD = regex.compile(r"[ \t]*,?[ \t]*(?:về[ \t]+việc|về|V/v|v/v)[ \t]+")

# A subject given by its verb, with no "về": "… của Chính phủ quy định chi tiết một số điều của Luật Đất đai",
# "… của Bộ Chính trị ban hành Quy chế …", "… hướng dẫn thi hành …" (the verb is part of the subject).
SUBJECT_VERB_LEAD = regex.compile(
    r"[ \t]+(?=(?:quy[ \t]+định|hướng[ \t]+dẫn|sửa[ \t]+đổi|bãi[ \t]+bỏ|ban[ \t]+hành|phê[ \t]+duyệt)\b)"
)

# A subject in quotes straight after the citation: "… (khóa XI) “Quy định về việc …”".
QUOTED_SUBJECT = regex.compile(r"[ \t]*,?[ \t]*(?:về[ \t]+)?[“\"](?P<q>[^”\"\n]{1,400})[”\"]")

# The subject runs to the end of the clause, or of the line.
SUBJECT_END = regex.compile(r"[;\n]|\.(?:\s|\Z)|,[ \t]+(?=(?:các|và|số|Quyết|Nghị|Chỉ|Kế|Thông|Luật)\b)")
# The same over wrapped lines: a line break before a small letter goes on ("… ban hành Kế hoạch⏎triển khai …").
SUBJECT_END_WRAPPED = regex.compile(
    r";|\n(?![^\S\n]*\p{Ll})|\.(?:\s|\Z)|,[ \t]+(?=(?:các|và|số|Quyết|Nghị|Chỉ|Kế|Thông|Luật)\b)"
)

# ---------------------------------------------------------------------------------------------------------
# References by name, with no number
# ---------------------------------------------------------------------------------------------------------

# Laws and codes by name: "Luật Thực hiện dân chủ ở cơ sở", "Bộ luật Lao động", "Pháp lệnh Dân số",
# "Hiến pháp năm 2013", "Hiến pháp 2013", and in upper-case titles "LUẬT VIỆC LÀM". "Luật" must be capitalised;
# "Luật sư" (a lawyer) and "PHÁP LUẬT" are no law.
LAW_TYPE_WORDS = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp", "BỘ LUẬT", "LUẬT", "PHÁP LỆNH", "HIẾN PHÁP")
NAMED_LAW = regex.compile(
    rf"(?<![\p{{L}}])(?<!PHÁP[ \t])(?P<type>{'|'.join(LAW_TYPE_WORDS)})"
    rf"(?!{SP1}(?:sư|gia|số|này|đó|định|pháp|và|hoặc|SƯ|SỐ|NÀY|VÀ|(?!(?:19|20)\d\d(?!\d))\d))"
    rf"(?P<rest>{SP1}\p{{L}}|(?={SP1}(?:năm[ \t]+)?(?:19|20)\d\d(?!\d)))"
)

# A law's name ends with its year or adoption date: "Luật Bầu cử năm 2015 (được sửa đổi …)", "Hiến pháp năm
# 2013 sau sửa đổi", "Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025"; a bare year only right after the type
# word ("Hiến pháp 2013²"), not in "Luật bầu cử … nhiệm kỳ 2026 - 2031".
LAW_NAME_DATE = regex.compile(
    r"[ \t]+(?:(?:ngày|NGÀY)[ \t]+\d{1,2}"
    r"(?:[ \t]+(?:tháng|THÁNG)[ \t]+\d{1,2}[ \t]+(?:năm|NĂM)[ \t]+|[ \t]*/[ \t]*\d{1,2}[ \t]*/[ \t]*)"
    r"|(?:năm|NĂM)[ \t]+|(?<=\A[ \t]+))(?:19|20)\d\d(?!\d)"
)

# Words after which a law's name does not go on: "Luật Đầu tư về việc lấy ý kiến …", "Luật Quy hoạch cho các
# cơ quan", "Luật Việc làm thuộc phạm vi", "Luật Đầu tư công và pháp luật có liên quan". Right after "Luật" they
# leave no name ("Luật thuộc thẩm quyền …", "Luật bao gồm"): the capitalised word means the law of the text.
LAW_NAME_STOP = regex.compile(
    r"[ \t\n]+(?:về|cho|thuộc|trong|có[ \t]+liên[ \t]+quan|bao[ \t]+gồm|quy[ \t]+định|hướng[ \t]+dẫn|sau|nay|mới"
    r"|hiện[ \t]+hành|phù[ \t]+hợp|và[ \t]+(?:pháp|quy[ \t]+định|văn|các|những|Nghị|Quyết|Chỉ|Kế)|sẽ|đang|được|đã"
    r"|tới|này|ban[ \t]+hành|các[ \t]+cấp|nhiệm[ \t]+kỳ)(?!\p{L})"
)

# A party congress resolution: "Nghị quyết Đại hội XIII của Đảng", "Nghị quyết đại hội Đảng bộ tỉnh lần thứ
# XVII", "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020-2025".
_PLACE = r"(?:[ \t]+(?:tỉnh|thành[ \t]+phố|huyện|xã|phường|[\p{Lu}][\p{Ll}]*))*"
NAMED_CONGRESS = regex.compile(
    r"(?<![\p{L}])(?P<type>Nghị quyết)[ \t]+[Đđ]ại[ \t]+hội(?:[ \t]+đại[ \t]+biểu)?(?:[ \t]+toàn[ \t]+quốc)?"
    rf"(?P<tail>(?:[ \t]+[Đđ]ảng[ \t]+bộ{_PLACE})?(?:[ \t]+(?:lần[ \t]+thứ[ \t]+)?[IVXLC]+\b)?"
    rf"(?:[ \t]+của[ \t]+[Đđ]ảng(?:[ \t]+bộ{_PLACE})?)?(?:,?[ \t]+nhiệm[ \t]+kỳ[ \t]+\d{{4}}[ \t]*-[ \t]*\d{{4}})?)"
)

# A document of a named issuer without a number: "Chỉ thị của Ban Thường vụ Tỉnh ủy", "Nghị quyết của Ủy ban
# Thường vụ Quốc hội về sắp xếp …". The type word must be capitalised, and not plural: "các Nghị quyết của Chính
# phủ" is generic.
TYPE_OF_ISSUER = regex.compile(
    r"(?<![\p{L}])(?<!(?:các|Các|những|Những)[ \t])"
    r"(?P<type>Nghị quyết|Chỉ thị|Quyết định|Kết luận|Kế hoạch|Nghị định|Thông tư|Quy định|Đề án)"
    r"(?=[ \t]+của[ \t]+\p{Lu})"
)

# A plan, scheme or rule set by its name: "Đề án “Nâng cao năng lực ngành y tế …”", "Kế hoạch tinh giản biên
# chế …", "Quy chế công tác dân vận của hệ thống chính trị tỉnh Tuyên Quang". Capitalised type word only; the
# next word must not make it generic, recurring or self-referring ("Kế hoạch này", "Kế hoạch hằng năm", "Đề án
# số", "thuộc Kế hoạch lập dự toán …"), nor start a clause about it ("Kế hoạch ban hành trước ngày 15/3/2026",
# "Kế hoạch trình Ban Thường trực ký", "Kế hoạch đạt hiệu quả"). A "Chiến lược" is not among the named types.
PLAN_TYPE_WORDS = ("Đề án", "Kế hoạch", "Quy chế", "Nghị quyết", "Chỉ thị")
NAMED_PLAN = regex.compile(
    rf"(?<![\p{{L}}])(?P<type>{'|'.join(PLAN_TYPE_WORDS)})"
    r"(?![ \t]+(?:này|đó|trên|số|của|và|các|những|được|đã|sẽ|cụ|chi|năm|thực hiện|triển khai|liên quan|đề ra"
    r"|hằng|hàng|lập|gửi|bảo đảm|đảm bảo|khác|ban hành|trình|đạt|do|để|nhằm|phải|cần|với|theo|cho|tại|trong|đúng"
    r"|kịp|hoàn thành|\d)(?![\p{L}\p{M}]))"
    r"(?=[ \t]+[“\"\p{L}])"
)

# A scheme or plan written in lower case is named only when it is being carried out and carries its period:
# "triển khai đề án bê tông hóa đường giao thông nông thôn … giai đoạn 2021-2025" (see ``PERIOD_IN_NAME``).
LOWER_PLAN = regex.compile(
    r"(?<=(?:triển[ \t]+khai|thực[ \t]+hiện)(?:[ \t]+(?:tốt|có[ \t]+hiệu[ \t]+quả|hiệu[ \t]+quả))?[ \t]+)"
    r"(?P<type>đề[ \t]+án|kế[ \t]+hoạch)(?=[ \t]+\p{Ll})(?![ \t]+(?:này|đó|trên|của|các|những|được|đã|sẽ|năm))"
)
# The first word of each LOWER_PLAN type: a match starts at one of them.
LOWER_PLAN_FIRST_WORDS = ("đề", "kế")
PERIOD_IN_NAME = regex.compile(r"(?:giai[ \t]+đoạn|đến[ \t]+năm)[ \t]+(?:19|20)\d\d")

# A plan owned by every addressee is generic: "Kế hoạch cải cách hành chính năm 2026 của cơ quan, đơn vị, địa
# phương".
GENERIC_OWNER = regex.compile(
    r"của[ \t]+(?:các[ \t]+|mỗi[ \t]+|từng[ \t]+)?(?:cơ quan|đơn vị|địa phương|sở, ngành|ngành)\b"
)

# The end of a name: clause punctuation, a line break that is no mere wrap (see ``WRAP``), or words that start
# a new clause ("… ở cơ sở và các văn bản …"). Names run across wraps ("Luật Tiêu chuẩn và quy⏎chuẩn kỹ thuật").
NAME_END = regex.compile(
    rf"[;:()]|\n(?={NOT_WRAP})|\.(?:\s|\Z)"
    r"|,[ \t\n]+(?=\p{Lu}|các|những|và|đồng|nhất|trong|theo|gắn|góp|bảo|đảm|tạo|nâng|tăng"
    r"|phát huy|thực|triển|kịp|tổ|chủ|phối|xây|đó|đây)"
    r"|[ \t\n]+(?:và|cùng)[ \t\n]+(?:các|những|văn|Luật|Nghị|Quyết|Chỉ|Kế|Đề|Phong|Chương|Quy|hướng|thực)"
    r"|[ \t\n]+(?:theo|gắn với|nhằm|để|đã|được|đến nay|tại|trên địa bàn|trong đó|cũng như|bảo đảm|đảm bảo)[ \t\n]"
)

# A comma inside a law name is kept only for pairs such as "Luật Phòng, chống ma túy", "khám bệnh, chữa bệnh",
# "Luật Thi đua, khen thưởng", "Luật Trật tự, an toàn giao thông đường bộ", "Luật Xuất cảnh, nhập cảnh …",
# "Luật Tín ngưỡng, tôn giáo", "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ".
LAW_NAME_COMMA = regex.compile(
    r",[ \t]*\n?[ \t]*(?=chống|chữa|bổ[ \t]+sung|khen[ \t]+thưởng|an[ \t]+toàn|nhập[ \t]+cảnh|tôn[ \t]+giáo"
    r"|cứu[ \t]+hộ)"
)

# A quoted name right after the type word: "Đề án “Nâng cao năng lực ngành y tế …”".
QUOTED_NAME = regex.compile(r"[ \t]+[“\"](?:[^”\"\n]|\n(?![ \t]*\n)){1,400}[”\"]")

# A footnote line in plain text (when the caller gives no Document): "¹ Nghị quyết số 25-NQ/TW …".
FOOTNOTE_LINE = regex.compile(r"(?m)^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d{1,3}\])[ \t].*$")

# A legal-basis paragraph in plain text: "Căn cứ Chỉ thị số 33/CT-TTg …;".
LEGAL_BASIS_LINE = regex.compile(r"(?m)^[ \t*_]*Căn cứ\b.*$")
