"""Assignments of a plan or decision: who must do what, by when.

Sources, in a document built by the pipeline (sections, tables, normalised text):

- every numbered item of the body (assignments are not only in "Tổ chức thực hiện": plans assign in their
  content parts too): an item headed by bodies ("1. Sở Nội vụ: Tham mưu …", or a heading line "8. Bộ Chỉ huy
  Quân sự tỉnh, Công an tỉnh" with the tasks in the paragraphs under it) assigns its text to them;
  "Đề nghị …" requests;
- sentences that assign by themselves: "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính …", "Đề nghị Ủy ban Mặt trận
  Tổ quốc …", labelled fields "Đơn vị chủ trì: …", "Đơn vị phối hợp: …";
- assignment tables in the body or an appendix (Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn
  thành | Sản phẩm), with group rows (I., II. …), rows continued across pages and merged cells.

Roles: ``lead`` (chủ trì, cơ quan thường trực, đầu mối), ``cooperate`` (phối hợp), ``requested`` (Đề nghị …),
``responsible`` (a body at the head of an item, "giao …"). Generic partners ("các cơ quan, đơn vị liên quan") are
not listed as cooperating bodies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import regex

from vnadmin.extract.deadlines import find_cell_deadlines, find_deadlines, find_periods
from vnadmin.extract.orgs import SHARED_HEAD, OrgMention, find_orgs, may_start_org, memoised
from vnadmin.model import Assignee, Cell, Deadline, DocTable, Document, Located, Role, Section, Task
from vnadmin.normalize import fold
from vnadmin.probe import word_positions

_F = regex.IGNORECASE | regex.VERSION1

_LABEL = regex.compile(
    r"^\s*(?:Điều\s+\d+\s*[.:]?|Phần\s+\S+\s*[.:]?|Mục\s+\S+\s*[.:]?|\(\d+\)|\d+\)|[IVXLC]+\s*[.)]|"
    r"\d+(?:\.\d+)*\s*[.)]?|[a-zđ]\s*[.)]|[-+•])\s*",
    _F,
)
_REQUEST = regex.compile(r"^\s*đề\s+nghị\s+", _F)
_ASSIGN = regex.compile(r"^\s*(?:giao(?:\s+cho)?|trách\s+nhiệm\s+của|thủ\s+trưởng|giám\s+đốc|chủ\s+tịch)\s+", _F)
_LEAD_WORDS = regex.compile(
    r"chủ\s+trì|(?:cơ\s+quan|đơn\s+vị|là|làm)\s+(?:thường\s+trực|đầu\s+mối)|đầu\s+mối\s+(?:tham\s+mưu|theo\s+dõi|tổng)",
    _F,
)
# "phối hợp …", "có trách nhiệm phối hợp …", "theo chức năng nhiệm vụ được giao phối hợp …", "Căn cứ theo chức năng,
# nhiệm vụ, quyền hạn được giao, chủ động phối hợp …", "tham gia phối hợp …"
_FUNCTION_PREFIX = (
    r"^[\s,]*(?:(?:căn\s+cứ\s+(?:vào\s+)?)?(?:theo|trong\s+phạm\s+vi)?\s*chức\s+năng(?:\s+quản\s+lý)?"
    r"(?:\s*,?\s*(?:và\s+)?(?:nhiệm\s+vụ|quyền\s+hạn|thẩm\s+quyền|phạm\s+vi|lĩnh\s+vực)(?:\s+quản\s+lý)?)*"
    r"(?:\s+(?:được\s+giao|của\s+mình|(?:theo\s+)?quy\s+định|của\s+(?:ngành|đơn\s+vị|cơ\s+quan)))*\s*,?\s*"
    r"|căn\s+cứ\s+(?:kế\s+hoạch|nội\s+dung|chỉ\s+thị|quyết\s+định)\s+này\s*,?\s*)?"
    r"(?:khi\s[^,;.]{0,40}?[,\s]\s*)?"
)
_COOPERATE_START = regex.compile(
    _FUNCTION_PREFIX + r"(?:(?:có|chịu)\s+trách\s+nhiệm\s+|chủ\s+động\s+|tích\s+cực\s+|tham\s+gia\s+)?phối\s+hợp",
    _F,
)
# A clause before the bodies of a sentence: "Để nâng cao …, các Sở, ngành …", "Căn cứ kế hoạch này, Giám đốc …".
_LEAD_IN = regex.compile(r"^\s*(?:(?:để|nhằm|căn\s+cứ|trên\s+cơ\s+sở|theo)\s[^;:]*|[^,;:\n]{1,40}),\s*$", _F)
# An obligation stated in a content part: "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm rà soát …".
_OBLIGATION = regex.compile(_FUNCTION_PREFIX + r"(?:có|chịu)\s+trách\s+nhiệm", _F)
_COOPERATE_WITH = regex.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ)?\s+(?:(?:với|cùng)\s+)?", _F)
_HEAD_FILLER_WORDS = (
    r"và|với|các|đề\s+nghị|giao|trách\s+nhiệm\s+của|thủ\s+trưởng|giám\s+đốc|chủ\s+tịch|chánh"
    r"|lãnh\s+đạo|cơ\s+quan\s+(?:chủ\s+trì|thường\s+trực)|chủ\s+trì|thường\s+trực|đầu\s+mối|đơn\s+vị\s+chủ\s+trì"
)
_HEAD_FILLER = regex.compile(rf"^(?:[\s,;&()/-]|{_HEAD_FILLER_WORDS})*$", _F)
# The punctuation a head may start with, and a filler word after it (see _may_name_bodies).
_HEAD_PUNCTUATION = regex.compile(r"[\s,;&()/-]*", _F)
_HEAD_FILLER_WORD = regex.compile(_HEAD_FILLER_WORDS, _F)
# Sentence ends: punctuation, a blank line, or a line break before a capital, a bullet or a label (a line that
# ends in a comma or "và" continues).
_SENTENCE_END = regex.compile(
    r"(?<!\d)[.;!?]+(?=\s|$)|\n[^\S\n]*\n"
    r"|(?<![,(–-]|\bvà|\bvới|\bcủa|\byêu\s+cầu|\bđề\s+nghị|\bgiao|\bcác)\n(?=[^\S\n]*(?:\p{Lu}|[-+•]|\d|[a-zđ]\)))",
    regex.VERSION1,
)


# A line break between a word and a capital, which may fall inside a name: "Ủy ban Mặt trận⏎Tổ quốc Việt Nam".
_CAPITAL_WRAP = regex.compile(r"[\p{L}\p{M}][^\S\n]*\n[^\S\n]*\p{Lu}", regex.VERSION1)


def _inside_name(text: str, pos: int) -> bool:
    """Whether the line break at ``pos`` wraps a body's name (the name is looked for around it)."""
    a = max(0, text.rfind("\n", 0, pos - 1) + 1, pos - 80)
    b = min(len(text), pos + 80)
    return any(m.start < pos < m.end for m in find_orgs(text[a:b], a))


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        single_break = m.group().startswith("\n") and "\n" not in m.group()[1:]
        if single_break and _CAPITAL_WRAP.match(text, max(0, m.start() - 1)) and _inside_name(text, m.start()):
            continue
        if text[pos : m.end()].strip():
            out.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


_ORG_LIST_REST = regex.compile(r"[\s,;&.]*(?:và\s*)?", _F)
# The two ways _ORG_LIST_REST can run up to a letter: list punctuation, or list punctuation and "và".
_LIST_PUNCTUATION = regex.compile(r"[\s,;&.]*", _F)
_LIST_PUNCTUATION_AND = regex.compile(r"[\s,;&.]*và\s*", _F)


def _only_lists_bodies(rest: str) -> bool:
    """Whether ``rest`` names bodies and nothing else, apart from list punctuation ("Sở Nội vụ, Sở Tư pháp;")."""
    # The first body must start right after the list punctuation, at a letter (after a shared head's colon would
    # leave the colon between): where neither way of running over it ends at a possible start of a name, no body
    # list can follow, and the scan for bodies is skipped.
    leads = (_LIST_PUNCTUATION.match(rest), _LIST_PUNCTUATION_AND.match(rest))
    if not any(m is not None and may_start_org(rest, m.end()) for m in leads):
        return False
    orgs = find_orgs(rest)
    pos = 0
    for org in orgs:
        if not _ORG_LIST_REST.fullmatch(rest[pos : org.start]):
            return False
        pos = org.end
    return bool(orgs) and _ORG_LIST_REST.fullmatch(rest[pos:]) is not None


def _joined_sentences(text: str, offset: int) -> list[tuple[int, int]]:
    """Sentences, where one that only lists bodies and ends in ";" joins the next ("Thủ trưởng các Sở, ban,
    ngành; Chủ tịch UBND cấp xã căn cứ … triển khai")."""
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for a, b in _sentences(text):
        if pending is not None:
            a = pending
            pending = None
        body = text[a:b]
        if body.rstrip().endswith(";"):
            label = _LABEL.match(body)
            rest = body[label.end() if label else 0 :]
            verb = _VERB_LEAD.match(rest)
            rest = rest[verb.end() if verb else 0 :]
            if _only_lists_bodies(rest):
                pending = a
                continue
        out.append((a, b))
    if pending is not None:
        out.append((pending, len(text)))
    return out


# Labelled fields of an item: "Đơn vị chủ trì: Sở Nội vụ.", "Cơ quan phối hợp: …", "Đơn vị thực hiện: …".
_FIELD = regex.compile(
    r"(?:cơ\s+quan|đơn\s+vị)(?:\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|tham\s+mưu|chịu\s+trách\s+nhiệm)){1,3}\s*:\s*"
    r"(?P<value>(?:[^.\n]|\n(?![^\S\n]*\n|[^\S\n]*(?:[-+•]|[a-zđ]\)|\d+\.)\s))+)",
    _F,
)
# Closing formulas: "Trên đây là Kế hoạch …, yêu cầu …", "Trong quá trình thực hiện, nếu có khó khăn …".
_CLOSING = regex.compile(
    r"^\s*(?:trên\s+đây\s+là|(?:trong\s+)?quá\s+trình\s+(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?thực\s+hiện)", _F
)
_MEMBER_LIST = regex.compile(r"[^\S\n]*:[^\S\n]*", _F)
_VERB_AFTER = regex.compile(
    r"^[\s,]*(?!(?:của|về|tại|trong|và|là|được|với|cho|theo|từ|đến|yêu\s+cầu|đề\s+nghị|giao)(?!\p{L}))\p{Ll}", _F
)
_EMPTY_FIELD = regex.compile(
    r"(?:cơ\s+quan|đơn\s+vị)(?:\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|tham\s+mưu|chịu\s+trách\s+nhiệm)){1,3}\s*:\s*$",
    _F,
)


def _has_empty_field(text: str) -> bool:
    """``_EMPTY_FIELD.search(text)``; a text without a colon has no field (a quick test before the slow search)."""
    return ":" in text and _EMPTY_FIELD.search(text) is not None


_INLINE_LEAD = regex.compile(r"^[\s,]*(?:\([^)]*\)\s*)?(?:có\s+trách\s+nhiệm\s+|là\s+cơ\s+quan\s+)?chủ\s+trì", _F)
_INLINE_RESPONSIBLE = regex.compile(
    _FUNCTION_PREFIX
    + r"(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|tham\s+mưu|tổ\s+chức|thực\s+hiện|triển\s+khai|hướng\s+dẫn"
    r"|xây\s+dựng|rà\s+soát|theo\s+dõi|căn\s+cứ|chỉ\s+đạo|tổng\s+hợp|phối\s+hợp|chuẩn\s+bị|giám\s+sát|kiểm\s+tra"
    r"|chủ\s+động|tiếp\s+tục|đẩy\s+mạnh|tăng\s+cường|bố\s+trí|cung\s+cấp|báo\s+cáo|nghiên\s+cứu|thường\s+xuyên)",
    _F,
)
# Patterns of the item and sentence readers below (compiled once; same flags as where they are used).
_VERB_LEAD = regex.compile(r"\s*(?:yêu\s+cầu|đề\s+nghị|giao)\s", _F)  # "giao Sở Nội vụ, …;"
_YEAR_MENTION = regex.compile(  # "năm 2025", "giai đoạn 2021-2025", a bare "2024"
    r"(?:năm|giai\s+đoạn)\s+((?:19|20)\d{2})(?!\d)|(?<![\d/])((?:19|20)\d{2})(?!\d)", _F
)
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")  # the blank line between two paragraphs
_ENDS_IN_NAME = regex.compile(r"[\p{L}\p{M}\d)]\s*$", regex.REVERSE)  # "…, Hội Liên hiệp" (a name cut by a blank line)
_CAPITAL_START = regex.compile(r"[^\S\n]*\p{Lu}")  # "Phụ nữ Thành phố …"
_ENDS_IN_STOP = regex.compile(r"[.;:]\s*$", regex.REVERSE)  # "… theo dõi." / "…:"
_LOWER_NEXT_LINE = regex.compile(r"\n[^\S\n]*\p{Ll}")  # "⏎dựng Đảng …": a wrapped line
_ENDS_IN_JOIN = regex.compile(r"(?:,|\svà)[^\S\n]*$", regex.REVERSE)  # "… Ban Xây dựng Đảng và"
_ENDS_IN_SENTENCE = regex.compile(r"[.;]\s*$", regex.REVERSE)  # "… năm 2025."
# (The four patterns above, searched only to know whether a text ends so, search from the end: a forward search
# would try every position of a long paragraph first; the answer is the same.)
_BRACKETED = regex.compile(r"\([^)]*\)")  # "(Sở Tài chính, …)"
_COOPERATE_GAP = regex.compile(r"[\s,;&]*(?:và\s+|cùng\s+)?", _F)  # ", và " between partners
_LIST_GAP = regex.compile(r"[\s,;&]*(?:và\s+)?", _F)  # ", " or " và " between listed bodies
_CLAUSE = regex.compile(r"[^;]+")  # "Sở Nội vụ chủ trì" in "Sở Nội vụ chủ trì; Sở Tư pháp …"
_GIVE_OR_DUTY = regex.compile(r"\s*(?:giao(?:\s+cho)?|trách\s+nhiệm\s+của)\s+", _F)  # "Giao ", "Trách nhiệm của "
_COLON_LIST = regex.compile(r":[^;]*")  # ": Tổ chức Cán bộ, Nghiệp vụ Y" (units after a title)
# "các Phó Giám đốc" in "Giám đốc, các Phó Giám đốc"; "các thành viên có tên tại Điều 1" after "… liên quan và"
_LIST_ITEM = regex.compile(r"(?:(?!\svà\s)[^,;:])+")
_LEADING_AND = regex.compile(r"^\s*(?:và\s+)?")  # " và " before the last item
_CELL_LINE = regex.compile(r"[^;\n]+")  # one line or ";" item of a cell: "Sở Y tế"
_ROMAN = regex.compile(r"^\s*[IVXLC]+\s*[.)]?\s*$")
_NUMBERING_ROW = regex.compile(r"^\s*\(?\d{1,2}\)?\s*$")

# Header synonyms of assignment tables, checked in this order.
_COLUMN_KINDS: list[tuple[str, regex.Pattern[str]]] = [
    ("stt", regex.compile(r"^\s*(?:stt|tt|số\s+tt|số\s+thứ\s+tự)\s*\.?$", _F)),
    ("cooperate", regex.compile(r"phối\s+hợp", _F)),
    (
        "lead",
        regex.compile(
            r"chủ\s+trì|(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)(?:,\s*(?:cơ\s+quan|đơn\s+vị|địa\s+phương))*\s+"
            r"(?:thực\s+hiện|tham\s+mưu|chịu\s+trách\s+nhiệm|được\s+giao|phụ\s+trách)|trách\s+nhiệm|phân\s+công"
            r"|^\s*(?:cơ\s+quan|đơn\s+vị)\s*$",
            _F,
        ),
    ),
    ("deadline", regex.compile(r"thời\s+gian|thời\s+hạn|tiến\s+độ|hoàn\s+thành|thời\s+điểm|lộ\s+trình", _F)),
    ("product", regex.compile(r"sản\s+phẩm|kết\s+quả|hình\s+thức", _F)),
    (
        "name",
        regex.compile(
            r"nội\s+dung|nhiệm\s+vụ|công\s+việc|hoạt\s+động|giải\s+pháp|đề\s+án|chương\s+trình|tên|mục\s+tiêu", _F
        ),
    ),
]


@dataclass
class _Draft:
    """A task under construction (the model is frozen)."""

    section: str | None
    span: tuple[int, int]
    description: str
    assignees: list[Assignee] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    product: str | None = None
    group: str | None = None
    fixed_deadlines: bool = False
    source: Literal["text", "table", "appendix_table", "addressees"] = "text"

    def add(self, mention: OrgMention, role: Role) -> None:
        key = fold(mention.normalized)
        for a in self.assignees:
            if fold(a.normalized or a.name) == key:
                return
        self.assignees.append(
            Assignee(
                name=mention.name,
                normalized=mention.normalized,
                role=role,
                span=(mention.start, mention.end),
            )
        )

    def freeze(self) -> Task:
        return Task(
            section=self.section,
            assignees=self.assignees,
            description=self.description,
            span=self.span,
            deadlines=sorted(self.deadlines, key=lambda d: d.span),
            product=self.product,
            group=self.group,
            source=self.source,
        )


# ---- reference date -----------------------------------------------------------------------------------------


def reference_date(doc: Document) -> dt.date | int | None:
    """The document's date, or a year from its title or its first lines when the date is missing."""
    if doc.metadata.issued_date is not None:
        return doc.metadata.issued_date
    for text in (doc.metadata.title or "", doc.text[:3000]):
        m = _YEAR_MENTION.search(text)
        if m:
            return int(m.group(1) or m.group(2))
    return None


# ---- sections -----------------------------------------------------------------------------------------------


def _own_end(s: Section) -> int:
    return s.children[0].span[0] if s.children else s.span[1]


def _deepest(sections: list[Section], pos: int) -> Section | None:
    best: Section | None = None
    for s in sections:
        if s.span[0] <= pos < s.span[1] and (best is None or s.span[1] - s.span[0] <= best.span[1] - best.span[0]):
            best = s
    return best


@dataclass(frozen=True)
class _Head:
    mentions: list[OrgMention]
    requested: bool
    body_start: int
    head_text: str


def _item_head(doc: Document, s: Section) -> _Head | None:
    """Bodies at the head of an item: "1. Sở Nội vụ: …", "8. Bộ Chỉ huy …, Công an tỉnh⏎…", "10. Đề nghị …"."""
    start, end = s.span[0], _own_end(s)
    own = doc.text[start:end]
    label = _LABEL.match(own)
    h0 = label.end() if label else 0
    para = _BLANK_LINE.search(own[h0:])
    para_end = h0 + para.start() if para else len(own)
    line_end = own.find("\n", h0)
    line_end = len(own) if line_end < 0 else line_end
    colon = own.find(":", h0, para_end)
    if colon >= 0:
        colon = _past_list_colons(own, h0, colon, para_end)
    candidates: list[tuple[int, int]] = []
    if colon < 0 and para is not None and _ENDS_IN_NAME.search(own[h0:para_end]):
        # A heading cut by a blank line inside a name: "3. Đề nghị Ủy ban Mặt trận …, Hội Liên hiệp⏎⏎Phụ nữ Thành
        # phố và các tổ chức thành viên của Mặt trận": try the two paragraphs as one head.
        nxt = h0 + para.end()
        after = _BLANK_LINE.search(own[nxt:])
        nxt_end = nxt + after.start() if after else len(own)
        second = own[nxt:nxt_end]
        if (
            second.strip()
            and len(second) < 200
            and _CAPITAL_START.match(second)
            and not _ENDS_IN_STOP.search(second)
            and _LABEL.match(second) is None
        ):
            joined = own[h0:para_end] + " " * (nxt - para_end - 1) + "\n" + own[nxt:nxt_end]
            found = _head_mentions(joined, start + h0)
            if found is not None:
                return _Head(found, bool(_REQUEST.match(joined)), start + nxt_end, joined)
    if colon >= 0:
        candidates.append((colon, colon + 1))
    else:
        for stop in dict.fromkeys((para_end, line_end)):
            if stop == line_end != para_end and (
                _LOWER_NEXT_LINE.match(own[stop:]) or _ENDS_IN_JOIN.search(own[h0:stop])
            ):
                continue  # a wrapped line: "6. Đề nghị Văn phòng Tỉnh ủy và các Ban Xây⏎dựng Đảng …"
            if stop == line_end != para_end and any(
                m.start < start + stop < m.end for m in find_orgs(own[h0:para_end], start + h0)
            ):
                continue  # a name wrapped at the line end: "3. Đề nghị Ủy ban Mặt trận⏎Tổ quốc Việt Nam tỉnh và …"
            if stop < len(own) and not _ENDS_IN_SENTENCE.search(own[h0:stop]):
                candidates.append((stop, stop))
    for h1, body in candidates:
        head = own[h0:h1]
        found = _head_mentions(head, start + h0)
        if found is None:
            # "1. Đồng chí Trưởng Ban …: Phụ trách chung", "3. Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội"
            found = _office_holder(head, start + h0)
        if found is not None:
            return _Head(found, bool(_REQUEST.match(head)), start + body, head)
    return None


def _past_list_colons(own: str, h0: int, colon: int, para_end: int) -> int:
    """The first colon that ends a head, skipping the colons of shared-head lists ("12. Ủy ban nhân dân các xã:
    Gia Thuận, Tân Điền⏎- Xây dựng …"): -1 when there is none."""
    if not any(h.end() > colon for h in SHARED_HEAD.finditer(own, max(h0, colon - 80), colon + 2)):
        return colon  # no shared head ends at this colon (a cheap test before looking for names)
    firsts = {m.start for m in find_orgs(own[h0:para_end], h0) if m.prefix}
    while colon >= 0 and len(own) - len(own[colon + 1 :].lstrip()) in firsts:
        colon = own.find(":", colon + 1, para_end)
    return colon


# An office holder at the head of an item: "1. Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban: Phụ trách chung …"
# (the members of a committee given their duties by position; a person's name is no office).
_OFFICE_HOLDER = regex.compile(
    r"^\s*(?:(?:đồng\s+chí|đ/c)\s+|(?=(?:các\s+)?(?:Phó\s+)?(?:Chủ\s+tịch|Trưởng|Cán\s+bộ|Chuyên\s+viên|Ủy\s+viên)"
    r"[^:\n]{0,60}?\sphụ\s+trách\s))(?P<office>(?:các\s+)?(?:Phó\s+)?(?:Trưởng|Chủ\s+tịch|Giám\s+đốc|Chánh|Bí\s+thư|Ủy\s+viên"
    r"|Uỷ\s+viên|Tổ\s+trưởng|Tổ\s+phó|Thành\s+viên|Chỉ\s+huy\s+trưởng|Thủ\s+trưởng|Phó|Cán\s+bộ|Chuyên\s+viên)"
    r"(?![\p{L}\p{M}])[^:\n]{0,150}?)"
    r"\s*$",
    regex.VERSION1 | regex.IGNORECASE,
)


def _office_holder(head: str, offset: int) -> list[OrgMention] | None:
    m = _OFFICE_HOLDER.match(head)
    if m is None:
        return None
    office = m.group("office")
    a = offset + m.start("office")
    name = " ".join(office.split())
    return [OrgMention(name, a, a + len(office), name, collective=False)]


def _head_mentions(head: str, offset: int) -> list[OrgMention] | None:
    """The bodies of a head that only names bodies (besides filler words), or of a head that describes bodies
    and lists them in brackets; ``None`` for any other text."""
    if not head.strip() or len(head) > 400 or not _may_name_bodies(head):
        return None
    mentions = [m for m in find_orgs(head, offset) if not m.generic or m.collective]
    brackets = [(b.start() + offset, b.end() + offset) for b in _BRACKETED.finditer(head)]
    outside = [m for m in mentions if not any(a <= m.start < b for a, b in brackets)]
    if outside and brackets and not any(m.collective for m in outside):
        # "1. Sở Nội vụ (Cơ quan thường trực Ban Vì sự tiến bộ phụ nữ …):" — the bracket describes the body
        mentions = outside
    if not mentions:
        return None
    residual = head
    for m in reversed(mentions):
        residual = residual[: m.start - offset] + " " + residual[m.end - offset :]
    residual = _BRACKETED.sub(" ", residual)
    if any(m.prefix for m in mentions):
        residual = SHARED_HEAD.sub(" ", residual)  # "Ủy ban nhân dân các xã:" before its members
    if _HEAD_FILLER.match(residual):
        return mentions
    members = _MEMBERS.fullmatch(head)
    if members is not None:
        inner = [m for m in mentions if m.start - offset >= members.start("list")]
        rest = members.group("list")
        for m in reversed(inner):
            a, b = m.start - offset - members.start("list"), m.end - offset - members.start("list")
            rest = rest[:a] + " " + rest[b:]
        if inner and _HEAD_FILLER.match(rest):
            return inner
    return None


def _may_name_bodies(head: str) -> bool:
    """A quick necessary test for :func:`_head_mentions`: a head of bodies starts, after punctuation, with a filler
    word or a body ("Giám đốc Sở …", "Sở Nội vụ …"); a bracket may hold them anywhere."""
    # Nothing before the first word is taken out of the head as a body or a bracket, so that word is what remains
    # first of the head once its bodies are taken out: a filler word (all that may remain), or where a body starts.
    if "(" in head:
        return True
    punctuation = _HEAD_PUNCTUATION.match(head)  # always matches, maybe empty
    first = punctuation.end() if punctuation else 0
    return may_start_org(head, first) or _HEAD_FILLER_WORD.match(head, first) is not None


# A head that describes bodies and lists them: "Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý …)".
_MEMBERS = regex.compile(r"\s*\p{Lu}[^()\n]{0,60}?\((?P<list>[^()]+)\)\s*", regex.VERSION1)


_BULLET = regex.compile(r"(?:^|\n)[^\S\n]*[-+•][^\S\n]*", _F)
_OTHER_DUTIES = regex.compile(r"thực\s+hiện\s+(?:các\s+)?nhiệm\s+vụ\s+khác", _F)


def _only_cooperating_bullets(body: str) -> bool:
    """ "2.4. Bảo tàng Hồ Chí Minh⏎- Phối hợp với …⏎- Thực hiện các nhiệm vụ khác do Lãnh đạo Bộ phân công": every
    bullet only cooperates (the stock "other duties" line aside); one task of its own makes the body responsible."""
    if not body.lstrip().startswith(("-", "+", "•")):
        return False
    items = [b.strip() for b in _BULLET.split(body) if b.strip()]
    tasks = [b for b in items if not _OTHER_DUTIES.match(b)]
    return bool(tasks) and all(_COOPERATE_START.match(b) for b in tasks)


def _role_of_head(head: _Head, body: str) -> Role:
    if head.requested:
        return "requested"
    if _LEAD_WORDS.search(head.head_text) or _LEAD_WORDS.search(body):
        return "lead"
    if _COOPERATE_START.match(body) or _only_cooperating_bullets(body):
        return "cooperate"
    return "responsible"


# Collective partners too vague to list: "các sở, ban, ngành liên quan", "các sở, ngành, địa phương", "các thành
# viên trong tiểu ban" (the gold lists "các sở, ban, ngành" and "UBND các xã, phường" as partners).
_VAGUE_PARTNER = regex.compile(r"liên\s+quan|địa\s+phương|thành\s+viên", _F)
# "chủ trì, phối hợp với": the lead's partners follow; "… tích cực phối hợp với Báo …" names the lead's own duty.
_AFTER_LEAD = regex.compile(r"chủ\s+trì[\s,]*(?:và\s+)?$", _F)
# A body right before "phối hợp": the subject of that clause ("… tham mưu UBND tỉnh phối hợp Bộ Y tế").
_SUBJECT_BEFORE = regex.compile(r"[^\S\n]*$")


def _cooperating(
    text: str, offset: int, *, collective: bool = False, subjects: Iterable[OrgMention] = ()
) -> list[OrgMention]:
    """Bodies named right after "phối hợp với" (generic partners left out; collective ones when asked). Given the
    item's ``subjects``, a "phối hợp" whose own subject is another body ("Sở Y tế chủ trì … tham mưu Ủy ban nhân
    dân tỉnh phối hợp Bộ Y tế") names no partner of theirs."""
    own = {fold(o.normalized) for o in subjects}
    others = [o for o in find_orgs(text, offset) if fold(o.normalized) not in own] if own else []
    out: list[OrgMention] = []
    for m in _COOPERATE_WITH.finditer(text):
        if own and not _AFTER_LEAD.search(text, max(0, m.start() - 20), m.start()):
            continue  # the partners of a lead follow "chủ trì, phối hợp với"
        if any(
            o.end - offset <= m.start() and _SUBJECT_BEFORE.fullmatch(text, o.end - offset, m.start()) for o in others
        ):
            continue
        pos = m.end()
        for org in find_orgs(text[pos : pos + 400], offset + pos):
            gap = text[pos : org.start - offset]
            if not _COOPERATE_GAP.fullmatch(gap):
                break
            if not org.generic and (not org.collective or (collective and not _VAGUE_PARTNER.search(org.text))):
                out.append(org)
            pos = org.end - offset
    return out


def _field_task(doc: Document, start: int, end: int, section: str | None) -> _Draft | None:
    """An item with labelled fields: "Đơn vị chủ trì: Sở Nội vụ. Đơn vị phối hợp: Sở Tư pháp; …"."""
    text = doc.text[start:end]
    if ":" not in text:
        return None  # every field has a colon after its label (a quick test before the slow search for one)
    fields = list(_FIELD.finditer(text))
    if not fields:
        return None
    body = _LABEL.sub("", text[: fields[0].start()], count=1)
    draft = _Draft(section, (start, end), " ".join(body.split()) or " ".join(text.split()))
    for f in fields:
        label = fold(f.group()[: f.start("value") - f.start()])
        role: Role = "cooperate" if "phối hợp" in label else "lead" if "chủ trì" in label else "responsible"
        for clause in _CLAUSE.finditer(f.group("value")):
            # "Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu …; Sở Tư pháp và các sở, ban, ngành Thành phố …":
            # the bodies before the first verb of each clause
            value, v0 = clause.group(), start + f.start("value") + clause.start()
            holders = _office_holders(value, v0)
            if holders:
                # "Đơn vị phối hợp: Các đ/c Phó chỉ tịch, Trưởng đoàn thể xã, các đồng chí Chuyên viên …"
                for holder in holders:
                    draft.add(holder, role)
                continue
            verb = _FIELD_VERB.search(value)
            subject_end = verb.start() if verb else len(value)
            orgs = [o for o in find_orgs(value, v0) if o.end - v0 <= subject_end]
            clause_role = role
            partners: list[OrgMention] = []
            if role != "cooperate" and verb is not None and _INLINE_LEAD.match(value[verb.start() :]):
                # "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành …"
                clause_role = "lead"
                partners = _cooperating(value, v0)
            for org in orgs:
                if not org.generic or (clause_role != "cooperate" and org.collective):
                    draft.add(org, clause_role)
            for org in partners:
                draft.add(org, "cooperate")
    return draft if draft.assignees else None


# Office holders named as a field's value: "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và
# Phản biện xã hội", "Các đ/c Phó chỉ tịch, Trưởng đoàn thể xã, các đồng chí Chuyên viên cơ quan MTTQ xã".
_COMRADE = regex.compile(r"[^\S\n]*(?P<plural>các[^\S\n]+)?(?:đồng[^\S\n]+chí|đ/c)[^\S\n]+(?=\p{Lu})", _F)
# One office of the list: up to a comma before a capital or "các", or the end ("…, phụ trách …" continues it).
_OFFICE_ITEM = regex.compile(
    r"(?P<plural>(?i:các)[^\S\n]+)?(?:(?i:đồng[^\S\n]+chí|đ/c)[^\S\n]+)?(?P<office>\p{Lu}.*?)"
    r"(?=[^\S\n]*(?:,[^\S\n]*(?:\p{Lu}|(?i:các)[^\S\n])|[.;]?[^\S\n]*$))",
    regex.VERSION1,
)


def _office_holders(value: str, offset: int) -> list[OrgMention]:
    """The offices of a field value that starts with "Đồng chí" / "Các đ/c": each as written, without the
    comrade title ("các" kept in front: "Các Phó chỉ tịch"); empty for any other value."""
    if not _COMRADE.match(value):
        return []
    out: list[OrgMention] = []
    pos = 0
    while pos < len(value):
        m = _OFFICE_ITEM.match(value, pos)
        if m is None:
            break
        office = m.group("office")
        a = offset + m.start("office")
        plural = (m.group("plural") or "").strip()
        out.append(OrgMention(office, a, a + len(office), " ".join(f"{plural} {office}".split()), prefix=plural))
        comma = value.find(",", m.end())
        if comma < 0:
            break
        pos = comma + 1 + len(value[comma + 1 :]) - len(value[comma + 1 :].lstrip())
    return out


# Where the subject of a field's clause ends: its first verb or qualifier.
_FIELD_VERB = regex.compile(
    r"\s(?:chủ\s+trì|phối\s+hợp|tham\s+mưu|tiến\s+hành|thực\s+hiện|triển\s+khai|trong\s+phạm\s+vi|theo\s+chức\s+năng"
    r"|căn\s+cứ|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|xây\s+dựng|rà\s+soát|hướng\s+dẫn|theo\s+dõi|tổng\s+hợp)(?!\p{L})",
    _F,
)


# The words without which a sentence of a content part assigns nothing (see the roles in :func:`_inline_tasks`).
_ASSIGNING_WORD = regex.compile(r"đề\s+nghị|giao|trách\s+nhiệm|chủ\s+trì", _F)
# The first word of each alternative of _ASSIGNING_WORD, case-folded: a match starts where the case-folded text
# has one of them. The regex is slow to search through long texts (ignoring case, it cannot skip ahead to a
# literal); finding these words is fast, and most sentences have none.
_ASSIGNING_FIRST_WORDS = ("đề", "giao", "trách", "chủ")


def _has_assigning_word(text: str) -> bool:
    """``_ASSIGNING_WORD.search(text) is not None``, trying the pattern only where one of its first words stands."""
    folded = text.casefold()
    if len(folded) != len(text):  # a character folded to several ("ß"): the positions would not line up
        return _ASSIGNING_WORD.search(text) is not None
    return any(_ASSIGNING_WORD.match(text, p) for w in _ASSIGNING_FIRST_WORDS for p in word_positions(folded, w))


def _inline_tasks(
    doc: Document,
    start: int,
    end: int,
    section: str | None,
    *,
    narrative: bool = True,
    assigning: bool = False,
    letter: bool = False,
) -> list[_Draft]:
    """Sentences that assign by themselves: "Giao Sở Y tế chủ trì, phối hợp với …", "Đề nghị …", fields.

    With ``narrative=False`` (content parts of a plan that has an assignment part) a sentence whose subject is
    a body ("Ban Thường trực … giám sát việc …") describes the content and is not an assignment.
    """
    fielded = _field_task(doc, start, end, section)
    if fielded is not None:
        return [fielded]
    text = doc.text[start:end]
    drafts: list[_Draft] = []
    if not narrative and not _has_assigning_word(text):
        return drafts  # no sentence of this content item can assign (see below)
    for a, b in _joined_sentences(text, start):
        sentence = text[a:b]
        s0 = start + a
        body = _LABEL.sub("", sentence, count=1)
        lead_off = len(sentence) - len(body)
        if _CLOSING.match(body):
            continue
        if not narrative and not _has_assigning_word(body):
            continue  # a content sentence assigns only by "đề nghị", "giao", "trách nhiệm" or "chủ trì"
        orgs = find_orgs(body, s0 + lead_off)
        if not orgs:
            continue
        first = orgs[0]
        before = body[: first.start - s0 - lead_off]
        leading = [first]
        for org in orgs[1:]:
            gap = body[leading[-1].end - s0 - lead_off : org.start - s0 - lead_off]
            if not _LIST_GAP.fullmatch(gap):
                break
            leading.append(org)
        after = body[leading[-1].end - s0 - lead_off :]
        members = _MEMBER_LIST.match(after)
        if len(leading) == 1 and first.collective and members is not None:
            # "Các sở, ngành: Văn phòng UBND tỉnh, Sở Khoa học và Công nghệ, Sở Tư pháp … chuẩn bị báo cáo"
            listed = [o for o in orgs if o.start >= leading[-1].end + members.end()]
            named: list[OrgMention] = []
            for org in listed:
                gap = body[
                    (named[-1].end if named else leading[-1].end + members.end()) - s0 - lead_off : org.start
                    - s0
                    - lead_off
                ]
                if not _LIST_GAP.fullmatch(gap):
                    break
                named.append(org)
            if named:
                leading = named
                after = body[leading[-1].end - s0 - lead_off :]
        role: Role | None = None
        request = _REQUEST.match(before)
        if request is not None and not before[request.end() :].strip():
            role = "requested"
        elif _GIVE_OR_DUTY.fullmatch(before):
            role = "lead" if _INLINE_LEAD.match(after) else "responsible"
        elif letter:
            pass  # a letter's body explains (often quoting the law): it assigns only by "giao" / "đề nghị"
        elif (narrative or _OBLIGATION.match(after) or _INLINE_LEAD.match(after)) and (
            not before.strip() or _LEAD_IN.match(before)
        ):
            if _INLINE_LEAD.match(after):
                role = "lead"
            elif _COOPERATE_START.match(after):
                role = "cooperate"
            elif _INLINE_RESPONSIBLE.match(after):
                role = "responsible"
            elif assigning and _VERB_AFTER.match(after):
                role = "responsible"  # in "Tổ chức thực hiện" a body as subject is given the task
        if role is None:
            continue
        draft = _Draft(section, (s0, s0 + len(sentence.rstrip())), " ".join(body.split()))
        for org in leading:
            if not (org.generic and (role == "cooperate" or "liên quan" in fold(org.text))):
                draft.add(org, role)
        if role == "lead":
            for org in _cooperating(sentence, s0, collective=True):
                draft.add(org, "cooperate")
        if draft.assignees:
            drafts.append(draft)
    return drafts


# The Điều naming who executes a decision: "Điều 5. Giám đốc, các Phó Giám đốc, Trưởng các phòng, Chánh Văn phòng
# Sở Y tế; Thủ trưởng các đơn vị trực thuộc Sở chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./."
_EXECUTION = regex.compile(
    r"(?P<list>[^.]+?)\s+(?:chịu|có)\s+trách\s+nhiệm\s+thi\s+hành\s+"
    r"(?:quyết\s+định|nghị\s+quyết|chỉ\s+thị|thông\s+tư|nghị\s+định)\s+này",
    _F,
)
# The persons a decision names in an earlier Điều: "các thành viên có tên tại Điều 1", "các ông, bà có tên tại Điều 1".
_LISTED_IN_ARTICLE = regex.compile(
    r"(?:các|những)\s+(?:thành\s+viên|ông\s*,?\s*bà|cá\s+nhân|đồng\s+chí|cơ\s+quan,\s*đơn\s+vị)(?:\s+có\s+tên)?"
    r"\s+(?:tại|ở|tên\s+tại)\s+Điều\s+\d+",
    _F,
)
# An executor named by title or by reference: "các Phó Giám đốc", "các thành viên có tên tại Điều 1".
_EXECUTOR = regex.compile(r"(?:các\s+)?\p{Lu}[\p{L}\p{M}]*(?:\s+(?:[\p{L}\p{M}]+|\d+)){0,9}", regex.VERSION1)


def _executors(doc: Document, s: Section) -> _Draft | None:
    """The executors listed by a decision's last Điều, each as written: the bodies, and the office holders named
    by title alone ("Giám đốc", "các Phó Giám đốc"); generic ones ("… có liên quan") are left out."""
    if s.kind != "article" or s.children:
        return None
    own = doc.text[s.span[0] : s.span[1]]
    label = _LABEL.match(own)
    m = _EXECUTION.match(own, label.end() if label else 0)
    for para in () if m is not None else _BLANK_LINE.finditer(own):
        # "Điều 3. Quyết định này có hiệu lực …⏎⏎Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: … chịu trách nhiệm
        # thi hành Quyết định này./.": the executors in an unnumbered paragraph of the last Điều
        m = _EXECUTION.match(own, para.end())
        if m is not None:
            break
    if m is None:
        return None
    a0 = s.span[0] + m.start("list")
    text = m.group("list")
    draft = _Draft(s.path, s.span, " ".join(own[m.start("list") :].split()))
    found = find_orgs(text, a0)
    covered = [(o.start - a0, o.end - a0) for o in found]
    items = [(o.start, o) for o in found if "liên quan" not in fold(o.text)]
    covered += [(h.start(), h.end()) for h in SHARED_HEAD.finditer(text)]  # "Giám đốc các Sở:" before its members
    for ref in _LISTED_IN_ARTICLE.finditer(text):
        start = a0 + ref.start()
        written = ref.group()
        if not any(x <= ref.start() < y for x, y in covered):
            items.append((start, OrgMention(written, start, start + len(written), " ".join(written.split()))))
            covered.append((ref.start(), ref.end()))
    listed = [(c.start(), c.end()) for c in _COLON_LIST.finditer(text)]
    for seg in _LIST_ITEM.finditer(text):
        if any(x < seg.end() and seg.start() < y for x, y in covered + listed):
            continue  # a body, or a name after "Trưởng các phòng: Tổ chức Cán bộ, Nghiệp vụ Y, …" (its units)
        piece = _LEADING_AND.sub("", seg.group())
        name = _EXECUTOR.fullmatch(piece.rstrip())
        if name is None or "liên quan" in fold(piece):
            continue
        start = a0 + seg.end() - len(piece)
        written = piece.rstrip()
        items.append((start, OrgMention(written, start, start + len(written), written, collective=False)))
    for _, org in sorted(items, key=lambda x: x[0]):
        draft.add(org, "responsible")
    return draft if draft.assignees else None


# A head that gives the tasks of its items: "Hội đồng nhân dân tỉnh giao:", "Ủy ban nhân dân tỉnh giao:".
_GIVER = regex.compile(r"\S\s+giao\s*:?\s*$", _F | regex.REVERSE)


# An item giving a named person's duties: "1. Ông Lê Quang Hùng, Giám đốc", "2. Bà Nguyễn Thị B - Phó Giám đốc Sở:".
_PERSON_ITEM = regex.compile(
    r"\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*[.)])?\s*(?:Ông|Bà|Đồng\s+chí|Đ/c)\s+\p{Lu}[\p{Ll}\p{M}]*"
    r"(?:\s+\p{Lu}[\p{Ll}\p{M}]*){1,5}\s*[,:–-]",
    regex.VERSION1,
)


_NAME_LIST_REST = regex.compile(r"[\s,;.&]*(?:và[\s,;.]*)?", _F)  # what may sit between listed names


def _only_names(body: str, offset: int) -> bool:
    """Whether ``body`` only lists bodies ("Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam.")."""
    orgs = find_orgs(body, offset)
    if not orgs:
        return False
    pos = offset
    for org in orgs:
        if not _NAME_LIST_REST.fullmatch(body[pos - offset : org.start - offset]):
            return False
        pos = org.end
    return _NAME_LIST_REST.fullmatch(body[pos - offset :]) is not None


# The body of an item naming the person a body sends: "Ông Trần Quang Khải - …", "- Bà Lê Hoàng Thùy Dương, …".
_NOMINEE = regex.compile(
    r"[\s:]*(?:[-+•][^\S\n]*)?(?:Ông|Bà|Đồng\s+chí|Đ/c)[^\S\n]+\p{Lu}[\p{Ll}\p{M}]*(?:[^\S\n]+\p{Lu}[\p{Ll}\p{M}]*){1,5}"
    r"[^\S\n]*(?:[,–-]|$)",
    regex.VERSION1 | regex.MULTILINE,
)


def _section_tasks(
    doc: Document,
    s: Section,
    drafts: list[_Draft],
    parts: list[Section],
    known_head: _Head | None = None,
    descriptive: tuple[Section, ...] = (),
) -> None:
    """The tasks of ``s`` and its items; ``known_head``: ``_item_head(doc, s)`` when the caller has read it;
    ``descriptive``: the parts that describe (:func:`descriptive_parts`)."""
    executing = _executors(doc, s)
    if executing is not None:
        drafts.append(executing)
        return
    if s.children and _PERSON_ITEM.match(doc.text, s.span[0]):
        return  # the units a leader is in charge of ("phụ trách: + Bệnh viện …") are not assignees
    head = known_head if known_head is not None else _item_head(doc, s)
    assigning = any(p.span[0] <= s.span[0] < p.span[1] for p in parts)
    narrative = not parts or assigning
    # In a part that describes ("THỰC TRẠNG …", "KẾT QUẢ THỰC HIỆN …") an item headed by a body says what the body
    # is or did ("1. Hội đồng nhân dân cấp huyện: gồm …"), and only a sentence with an assigning word assigns.
    described = not assigning and any(d.span[0] <= s.span[0] < d.span[1] for d in descriptive)
    if described:
        narrative = False
    if head is not None and len(head.mentions) == 1 and head.mentions[0].collective:
        head = _members_after_label(doc, head, s)
    if head is not None and s.children and _GIVER.search(head.head_text):
        head = None  # "Điều 5. Hội đồng nhân dân tỉnh giao⏎1. Ủy ban nhân dân tỉnh …": the giver assigns its items
    if head is not None and _NOMINEE.match(doc.text, head.body_start):
        return  # "c) Văn phòng Ủy ban nhân dân tỉnh: Ông Trần Quang Khải - Phó Giám đốc …": a member nominated
    if head is not None and not s.children and _only_names(doc.text[head.body_start : s.span[1]], head.body_start):
        return  # "- Các cơ quan thuộc Chính phủ: Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam.": who attends
    if head is not None and described:
        head = None
    if head is not None:
        body_end = s.span[1]
        body = doc.text[head.body_start : body_end]
        role = _role_of_head(head, _role_text(doc, s, head.body_start))
        draft = _Draft(s.path, s.span, " ".join(body.split()))
        for m in head.mentions:
            draft.add(m, role)
        if role == "lead":
            for org in _cooperating(body, head.body_start, subjects=head.mentions):
                draft.add(org, "cooperate")
        drafts.append(draft)
        _headed_descendants(doc, s, drafts, parts, descriptive)
        return
    letter = _is_letter(doc)
    end = s.span[1] if not s.children else _own_end(s)
    drafts.extend(_inline_tasks(doc, s.span[0], end, s.path, narrative=narrative, assigning=assigning, letter=letter))
    if not s.children:
        return
    if not narrative and _has_empty_field(doc.text[s.span[0] : _own_end(s)]):
        parts = [*parts, s]  # its sub-items are the field's value
    for child in s.children:
        _section_tasks(doc, child, drafts, parts, descriptive=descriptive)


_FIRST_CLAUSE = regex.compile(r"[^.;:]*", regex.VERSION1)


def _role_text(doc: Document, s: Section, start: int) -> str:
    """The text that decides a headed item's role: its own text and bullets, and the first clause of each
    numbered sub-item ("a) Là đầu mối chủ trì, tiếp nhận …"); a "cơ quan chủ trì" deep in a sub-item is not
    the head's role."""
    parts = [doc.text[start : max(start, _own_end(s))]]
    for child in s.children:
        if child.label in {"-", "+", "•"}:
            parts.append(_role_text(doc, child, child.span[0]))
        else:
            own = doc.text[child.span[0] : child.span[1]]
            label = _LABEL.match(own)
            first = _FIRST_CLAUSE.match(own, label.end() if label else 0)
            parts.append(first.group() if first else "")
    return "\n".join(parts)


def _members_after_label(doc: Document, head: _Head, s: Section) -> _Head:
    """ "- Các sở, ngành: Văn phòng UBND tỉnh, Sở Tư pháp, Sở Tài chính chuẩn bị …": the bodies named after a
    collective label are the assignees."""
    start = head.body_start
    text = doc.text[start : min(s.span[1], start + 600)]
    named: list[OrgMention] = []
    pos = 0
    for org in find_orgs(text, start):
        if org.collective or not _LIST_GAP.fullmatch(text[pos : org.start - start]):
            break
        named.append(org)
        pos = org.end - start
    if not named or not _VERB_AFTER.match(text[pos:]):
        return head
    return _Head(named, head.requested, start + pos, head.head_text)


def _headed_descendants(
    doc: Document, s: Section, drafts: list[_Draft], parts: list[Section], descriptive: tuple[Section, ...]
) -> None:
    """Items under a headed item that name bodies of their own ("2.2. … a) Sở Xây dựng"), at any depth."""
    for child in s.children:
        head = _item_head(doc, child)
        if head is not None:
            _section_tasks(doc, child, drafts, parts, head, descriptive)
        else:
            _headed_descendants(doc, child, drafts, parts, descriptive)


# Titles of the parts that assign: "TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG NHIỆM VỤ", "Trách nhiệm phối hợp …".
_ASSIGNMENT_PART = regex.compile(
    r"^\W*(?:tổ\s+chức\s+thực\s+hiện|phân\s+công|trách\s+nhiệm|giao\s+nhiệm\s+vụ|nhiệm\s+vụ\s+(?:của|cụ\s+thể))", _F
)


# Titles of the parts that describe rather than assign: the situation, results and assessment of a report or a
# scheme, its grounds, and the structure it proposes: "THỰC TRẠNG TỔ CHỨC BỘ MÁY …", "KẾT QUẢ THỰC HIỆN …",
# "ĐÁNH GIÁ CHUNG" (not "ĐÁNH GIÁ, XẾP LOẠI", which assigns the rating), "CĂN CỨ CHÍNH TRỊ, PHÁP LÝ",
# "PHƯƠNG ÁN SẮP XẾP TỔ CHỨC BỘ MÁY …", "MÔ HÌNH TỔ CHỨC …".
_DESCRIPTIVE_PART = regex.compile(
    r"^\W*(?:thực\s+trạng|kết\s+quả|tình\s+hình|đánh\s+giá\s+(?:chung|kết\s+quả|tình\s+hình|thực\s+trạng)"
    r"|căn\s+cứ|sự\s+cần\s+thiết|cơ\s+sở\s+(?:chính\s+trị|pháp\s+lý)|phương\s+án|mô\s+hình|cơ\s+cấu\s+tổ\s+chức)",
    _F,
)


def descriptive_parts(doc: Document) -> list[Section]:
    """The top two levels' sections whose title says they describe (:data:`_DESCRIPTIVE_PART`)."""
    return [s for root in doc.sections for s in (root, *root.children) if s.title and _DESCRIPTIVE_PART.match(s.title)]


def assignment_parts(doc: Document) -> list[Section]:
    """The top two levels' sections whose title says they assign; empty when the document has none."""
    out: list[Section] = []
    for root in doc.sections:
        for s in (root, *root.children):
            if s.title and _ASSIGNMENT_PART.match(s.title):
                out.append(s)
    return out


# ---- the addressees of a letter -----------------------------------------------------------------------------

_KINH_GUI = regex.compile(r"^[^\S\n]*kính\s+gửi\s*:?[^\S\n]*", _F | regex.MULTILINE)
_ADDRESSEE_ITEM = regex.compile(
    r"[^\S\n]*(?:[-+•][^\S\n]*)?(?P<item>\S[^\n]*(?:\n(?![^\S\n]*(?:\n|[-+•]))[^\n]*)*)", _F
)


_NEXT_DASH = regex.compile(r"(?:[^\S\n]*\n)+(?=[^\S\n]*[-+•])", _F)


# The addressing line of a telegram: "VĂN PHÒNG CHÍNH PHỦ điện:", "THỦ TƯỚNG CHÍNH PHỦ điện:".
_DIEN = regex.compile(r"^[^\S\n]*\p{Lu}[^\n:]{0,80}?[^\S\n]+điện[^\S\n]*:[^\S\n]*", _F | regex.MULTILINE)
# A collective label before the bodies it stands for: "Các cơ quan thuộc Chính phủ: Đài Truyền hình Việt Nam, …".
_LABEL_COLON = regex.compile(r"[^\S\n]*:")


# The folded names of the letter types (folded once: the test runs for every section).
_LETTER_TYPES = frozenset({fold("Công văn"), fold("Công điện")})


def _is_letter(doc: Document) -> bool:
    """An official letter (Công văn) or telegram (Công điện): it is addressed ("Kính gửi: …", "… điện:") to the
    bodies that must act."""
    return fold(doc.metadata.doc_type or "") in _LETTER_TYPES


# The writer asking its addressees as a group: "Bộ Nội vụ đề nghị các bộ, tỉnh quan tâm …", "Đề nghị Quý cơ quan …".
_ASK_ADDRESSEES = regex.compile(r"(?:^|[.;:]\s+|\n\s*)(?:trân\s+trọng\s+)?đề\s+nghị\s+(?:các|quý|đồng\s+chí)\s", _F)


def _asks_addressees(doc: Document, folded: str) -> bool:
    """Whether the letter asks its addressees as a group, in a sentence of its own or with the writer as subject."""
    if _ASK_ADDRESSEES.search(doc.text):
        return True
    writer = fold(" ".join((doc.metadata.issuer or "").split()))
    return bool(writer) and any(f"{writer} {w} " in folded for w in ("đề nghị các", "đề nghị quý"))


def _addressed_bodies(value: str, i0: int) -> list[OrgMention]:
    """The bodies of one addressee item; a collective label followed by the bodies it stands for is left out."""
    found = [o for o in find_orgs(value, i0) if not o.generic]
    if len(found) > 1 and found[0].collective and _LABEL_COLON.match(value, found[0].end - i0):
        found = found[1:]
    return found


def _addressee_task(doc: Document) -> _Draft | None:
    """ "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng", or a dash list of addressees: a letter's addressees are its assignees,
    requested when the letter says "đề nghị <addressee>"."""
    if not _is_letter(doc):
        return None
    first = min((s.span[0] for s in doc.sections), default=len(doc.text))
    m = _KINH_GUI.search(doc.text, 0, min(first, 4000))
    if m is None and fold(doc.metadata.doc_type or "") == fold("Công điện"):
        m = _DIEN.search(doc.text, 0, min(first, 4000))
    if m is None:
        return None
    items: list[tuple[int, str]] = []
    pos = m.end()
    if doc.text[pos : doc.text.find("\n", pos) if "\n" in doc.text[pos:] else None].strip():
        first_item = _ADDRESSEE_ITEM.match(doc.text, pos)  # "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng"
        if first_item is not None:
            items.append((first_item.start("item"), first_item.group("item")))
            pos = first_item.end()
    while len(items) < 40:  # a dash list, the items maybe apart by blank lines
        gap = _NEXT_DASH.match(doc.text, pos)
        it = _ADDRESSEE_ITEM.match(doc.text, gap.end()) if gap is not None else None
        if it is None:
            break
        items.append((it.start("item"), it.group("item")))
        pos = it.end()
    folded = fold(" ".join(doc.text.split()))
    all_asked = _asks_addressees(doc, folded)
    draft = _Draft(None, (m.start(), pos), " ".join(doc.text[m.start() : pos].split()), source="addressees")
    for i0, item in items:
        value = item.rstrip().rstrip(";.,")
        found = _addressed_bodies(value, i0)
        names = found or (
            [OrgMention(" ".join(value.split()), i0, i0 + len(value), " ".join(value.split()), collective=False)]
            if value[:1].isupper() and len(value) < 150
            else []
        )
        for org in names:
            asked = all_asked or f"đề nghị {fold(' '.join(org.text.split()))}" in folded
            draft.add(org, "requested" if asked else "responsible")
    return draft if draft.assignees else None


# ---- tables -------------------------------------------------------------------------------------------------


def _classify(text: str) -> str | None:
    t = " ".join(text.split())
    if not t or len(t) > 80:
        return None
    for kind, pattern in _COLUMN_KINDS:
        if pattern.search(t):
            return kind
    return None


def _grid(table: DocTable) -> list[list[Cell | None]]:
    grid: list[list[Cell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    for c in table.cells:
        for r in range(c.row, min(c.row + max(c.row_span, 1), table.n_rows)):
            for k in range(c.col, min(c.col + max(c.col_span, 1), table.n_cols)):
                grid[r][k] = c
    return grid


def _header(grid: list[list[Cell | None]]) -> tuple[int, dict[str, int]] | None:
    """Row index of the header's last row and the column of each kind."""
    for r in range(min(4, len(grid))):
        kinds: dict[str, int] = {}
        for k, cell in enumerate(grid[r]):
            if cell is None:
                continue
            kind = _classify(cell.text)
            if kind is not None and kind not in kinds:
                kinds[kind] = k
        if len(kinds.keys() & {"lead", "cooperate", "deadline", "name"}) >= 2 and (
            "lead" in kinds or "cooperate" in kinds or "deadline" in kinds
        ):
            last = r
            # A two-row header: "Cơ quan thực hiện" over "Chủ trì | Phối hợp".
            if r + 1 < len(grid):
                sub: dict[str, int] = {}
                for k, cell in enumerate(grid[r + 1]):
                    if cell is not None and cell.row == r + 1:
                        kind = _classify(cell.text)
                        if kind in {"lead", "cooperate", "deadline", "product"}:
                            sub[kind] = k
                if sub:
                    kinds.update(sub)
                    last = r + 1
            # A sub-header under the time column: "Thời gian thực hiện" over "Đến 2025 | 2026 – 2030" (the
            # columns right of it with an empty header slot hold the same kind of value).
            if "deadline" in kinds and last == r and r + 1 < len(grid):
                k0 = kinds["deadline"]
                top = grid[r][k0]
                span = [k for k in range(k0, len(grid[r])) if grid[r][k] is top or grid[r][k] is None]
                span = [k for i, k in enumerate(span) if k == k0 + i]
                below = [c for c in dict.fromkeys(grid[r + 1]) if c is not None and c.row == r + 1 and c.text.strip()]
                if len(span) > 1 and below and all(c.col in span for c in below):
                    kinds["deadline_more"] = span[-1]
                    last = r + 1
            return last, kinds
    return None


def _cell(grid: list[list[Cell | None]], r: int, k: int | None) -> Cell | None:
    if k is None or k >= len(grid[r]):
        return None
    return grid[r][k]


def _bodies(cell: Cell | None, role: Role, draft: _Draft) -> None:
    if cell is None or not cell.text.strip():
        return
    # A body inside a citation is its issuer, not an assignee: "Theo phân công tại Quyết định số 1441/QĐ-UBND
    # ngày 25/9/2025 của Chủ tịch UBND tỉnh".
    found = find_orgs(cell.text, cell.span[0])
    mentions = [m for m in found if not _CITING.search(cell.text, 0, m.start - cell.span[0])]
    for m in mentions:
        if role == "cooperate" and m.generic:
            continue
        draft.add(m, role)
    covered = [(m.start - cell.span[0], m.end - cell.span[0]) for m in found]
    for seg in _CELL_LINE.finditer(cell.text):
        a, b = seg.start(), seg.end()
        if any(x < b and a < y for x, y in covered):
            continue
        piece = seg.group()
        stripped = piece.strip(" \t-+•.,")
        if len(stripped) < 3 or not stripped[0].isupper() or (role == "cooperate" and "liên quan" in fold(stripped)):
            continue
        lead = piece.find(stripped)
        s0 = cell.span[0] + a + lead
        draft.add(OrgMention(stripped, s0, s0 + len(stripped), stripped, collective=False), role)


_CITING = regex.compile(r"[/-]$|\d+/[\p{L}\d./-]*[^;\n]*\s(?:của|do)\s+$", _F)


def _assigning_table(table: DocTable, sections: list[Section], parts: list[Section]) -> bool:
    """Whether a table sits in an assignment part of the body ("Tổ chức thực hiện") rather than in an appendix or
    a content part (a schedule). Both kinds give tasks with their bodies; the gold conventions count only the
    first kind's bodies as the document's assignees, so the tasks say which kind they come from."""
    if any(s.kind == "appendix" and s.span[0] <= table.span[0] < s.span[1] for s in sections):
        return False
    return any(p.span[0] <= table.span[0] < p.span[1] and p.kind != "appendix" for p in parts)


def _table_tasks(
    doc: Document,
    table: DocTable,
    ref: dt.date | int | None,
    sections: list[Section],
    *,
    assigning: bool = True,
) -> list[_Draft]:
    grid = _grid(table)
    found = _header(grid)
    if found is None:
        return []
    last_header, cols = found
    header_texts = {fold(c.text) for r in range(last_header + 1) for c in grid[r] if c is not None}
    section = _deepest(sections, table.span[0])
    path = section.path if section else None
    drafts: list[_Draft] = []
    group: str | None = None
    for r in range(last_header + 1, table.n_rows):
        row = grid[r]
        own = [c for c in dict.fromkeys(c for c in row if c is not None) if c.row == r]
        texts = [c.text.strip() for c in own if c.text.strip()]
        if not texts:
            continue
        if all(_NUMBERING_ROW.match(t) for t in texts) or {fold(t) for t in texts} <= header_texts:
            continue
        stt = _cell(grid, r, cols.get("stt"))
        name = _cell(grid, r, cols.get("name"))
        lead = _cell(grid, r, cols.get("lead"))
        coop = _cell(grid, r, cols.get("cooperate"))
        due = _cell(grid, r, cols.get("deadline"))
        product = _cell(grid, r, cols.get("product"))
        own_ids = {id(c) for c in own}
        stt_text = stt.text.strip() if stt is not None and id(stt) in own_ids else ""
        distinct = list(dict.fromkeys(c for c in row if c is not None))
        lone_wrap = len(distinct) == 1 and distinct[0].col_span <= 1 and texts[0][:1].islower()
        if (
            _ROMAN.match(stt_text)
            or (len(distinct) == 1 and table.n_cols > 2 and not lone_wrap)
            or (
                len(texts) <= 2
                and all(c is None or id(c) not in own_ids or not c.text.strip() for c in (lead, coop, due))
                and _ROMAN.match(texts[0].split()[0] if texts[0].split() else "")
            )
        ):
            group = " ".join(" ".join(t.split()) for t in texts)
            if _ROMAN.match(stt_text) and len(texts) > 1:
                group = f"{stt_text.rstrip('.')}. {' '.join(' '.join(t.split()) for t in texts[1:])}"
            continue
        name_own = name is not None and id(name) in own_ids and name.text.strip()
        dues = [due] if due is not None else []
        if "deadline_more" in cols:
            extra = (grid[r][k] for k in range(cols["deadline"] + 1, cols["deadline_more"] + 1))
            dues = [c for c in dict.fromkeys((due, *extra)) if c is not None]
        fresh = [c for c in (lead, coop, *dues) if c is not None and id(c) in own_ids and c.text.strip()]
        if drafts and not stt_text and name_own and not fresh and ("stt" in cols or lone_wrap) and name is not None:
            prev = drafts[-1]
            prev.description = f"{prev.description} {' '.join(name.text.split())}".strip()
            prev.span = (prev.span[0], max(prev.span[1], name.span[1]))
            continue
        if name is None or not name.text.strip():
            continue
        draft = _Draft(path, name.span, " ".join(name.text.split()), group=group)
        draft.source = "table" if assigning else "appendix_table"
        _bodies(lead, "lead", draft)
        _bodies(coop, "cooperate", draft)
        if product is not None and product.text.strip():
            draft.product = " ".join(product.text.split())
        dl = [
            d
            for cell in dues
            if cell.text.strip()
            for d in find_cell_deadlines(cell.text, ref, offset=cell.span[0], section=path)
        ]
        if any(cell.text.strip() for cell in dues):
            draft.deadlines = [d.model_copy(update={"what": draft.product}) if draft.product else d for d in dl]
            draft.fixed_deadlines = True
        drafts.append(draft)
    return drafts


# ---- the whole document -------------------------------------------------------------------------------------


def _merge_deadlines(text_hits: list[Deadline], cell_hits: Iterable[Deadline]) -> list[Deadline]:
    cells = list(cell_hits)
    kept = [d for d in text_hits if not any(c.span[0] < d.span[1] and d.span[0] < c.span[1] for c in cells)]
    return sorted(kept + cells, key=lambda d: d.span)


def _frequency_only(d: Deadline) -> bool:
    """A repeating deadline without a day of its own: "định kỳ hằng năm", "định kỳ 6 tháng", "02 tuần/lần"."""
    return d.date is None and d.recurrence is not None and "BYMONTHDAY" not in d.recurrence.rrule


def extract_tasks(doc: Document) -> tuple[list[Task], list[Deadline], list[Located]]:
    """Tasks (in text order), every due date of the text in order, and the programme periods named.

    Each deadline carries the path of the section it sits in; a task lists the deadlines inside its item.
    """
    with memoised():  # the same sentence or head is read for bodies several times
        return _extract_tasks(doc)


def _extract_tasks(doc: Document) -> tuple[list[Task], list[Deadline], list[Located]]:
    ref = reference_date(doc)
    sections = doc.iter_sections()
    body_end = min((f.span[0] for f in doc.footnotes), default=len(doc.text))
    text_deadlines = find_deadlines(doc.text[:body_end], ref)

    drafts: list[_Draft] = []
    parts = assignment_parts(doc)
    descriptive = tuple(descriptive_parts(doc))
    for root in doc.sections:
        _section_tasks(doc, root, drafts, parts, descriptive=descriptive)
    addressed = _addressee_task(doc)
    if addressed is not None:
        drafts.append(addressed)
    table_drafts: list[_Draft] = []
    for table in doc.tables:
        assigning = _assigning_table(table, sections, parts)
        table_drafts.extend(_table_tasks(doc, table, ref, sections, assigning=assigning))
    drafts.extend(table_drafts)

    cell_deadlines = [d for t in table_drafts for d in t.deadlines]
    deadlines = _merge_deadlines(text_deadlines, cell_deadlines)
    located: list[Deadline] = []
    for d in deadlines:
        if d.section is None:
            s = _deepest(sections, d.span[0])
            d = d.model_copy(update={"section": s.path if s else None})
        located.append(d)
    deadlines = located

    free = [d for d in deadlines if not any(d in t.deadlines for t in table_drafts)]
    for d in free:
        owners = [t for t in drafts if not t.fixed_deadlines and t.span[0] <= d.span[0] and d.span[1] <= t.span[1]]
        if owners:
            min(owners, key=lambda t: t.span[1] - t.span[0]).deadlines.append(d)

    drafts.sort(key=lambda t: t.span)
    tasks = [t.freeze() for t in drafts]
    periods = find_periods(doc.text[:body_end], exclude=[d.span for d in deadlines])
    # "Thường xuyên" stays on its task (an ongoing duty) but is no due date of the document; so does a bare
    # frequency ("định kỳ hằng năm", "định kỳ 02 tuần/lần"): it says how often, with no day to meet.
    due = [d for d in deadlines if d.relative != "continuous" and not _frequency_only(d)]
    return tasks, due, periods


__all__ = ["extract_tasks", "reference_date"]
