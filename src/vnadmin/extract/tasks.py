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

import regex

from vnadmin.extract.deadlines import find_cell_deadlines, find_deadlines, find_periods
from vnadmin.extract.orgs import OrgMention, find_orgs
from vnadmin.model import Assignee, Cell, Deadline, DocTable, Document, Located, Role, Section, Task
from vnadmin.normalize import fold

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
_COOPERATE_START = regex.compile(r"^\s*(?:theo\s+chức\s+năng,?\s+nhiệm\s+vụ,?\s*)?phối\s+hợp", _F)
_COOPERATE_WITH = regex.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ)?\s+(?:với|cùng)\s+", _F)
_HEAD_FILLER = regex.compile(
    r"^(?:[\s,;&()/-]|và|với|các|đề\s+nghị|giao|trách\s+nhiệm\s+của|thủ\s+trưởng|giám\s+đốc|chủ\s+tịch|chánh"
    r"|lãnh\s+đạo|cơ\s+quan\s+(?:chủ\s+trì|thường\s+trực)|chủ\s+trì|thường\s+trực|đầu\s+mối|đơn\s+vị\s+chủ\s+trì)*$",
    _F,
)
# Sentence ends: punctuation, a blank line, or a line break before a capital, a bullet or a label (a line that
# ends in a comma or "và" continues).
_SENTENCE_END = regex.compile(
    r"(?<!\d)[.;!?]+(?=\s|$)|\n[^\S\n]*\n|(?<![,(–-]|\bvà|\bvới|\bcủa)\n(?=[^\S\n]*(?:\p{Lu}|[-+•]|\d|[a-zđ]\)))",
    regex.VERSION1,
)


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if text[pos : m.end()].strip():
            out.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


# Labelled fields of an item: "Đơn vị chủ trì: Sở Nội vụ.", "Cơ quan phối hợp: …", "Đơn vị thực hiện: …".
_FIELD = regex.compile(
    r"(?:cơ\s+quan|đơn\s+vị)(?:\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|tham\s+mưu|chịu\s+trách\s+nhiệm)){1,3}\s*:\s*"
    r"(?P<value>(?:[^.\n]|\n(?![^\S\n]*\n|[^\S\n]*(?:[-+•]|[a-zđ]\)|\d+\.)\s))+)",
    _F,
)
_INLINE_LEAD = regex.compile(r"^[\s,]*(?:\([^)]*\)\s*)?(?:có\s+trách\s+nhiệm\s+|là\s+cơ\s+quan\s+)?chủ\s+trì", _F)
_INLINE_RESPONSIBLE = regex.compile(
    r"^[\s,]*(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|tham\s+mưu|tổ\s+chức|thực\s+hiện|triển\s+khai|hướng\s+dẫn"
    r"|xây\s+dựng|rà\s+soát|theo\s+dõi|căn\s+cứ|chỉ\s+đạo|tổng\s+hợp|phối\s+hợp)",
    _F,
)
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

    def add(self, mention: OrgMention, role: Role) -> None:
        key = fold(mention.normalized)
        for a in self.assignees:
            if fold(a.normalized or a.name) == key:
                return
        self.assignees.append(
            Assignee(
                name=" ".join(mention.text.split()),
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
        )


# ---- reference date -----------------------------------------------------------------------------------------


def reference_date(doc: Document) -> dt.date | int | None:
    """The document's date, or a year from its title or its first lines when the date is missing."""
    if doc.metadata.issued_date is not None:
        return doc.metadata.issued_date
    for text in (doc.metadata.title or "", doc.text[:3000]):
        m = regex.search(r"(?:năm|giai\s+đoạn)\s+((?:19|20)\d{2})(?!\d)|(?<![\d/])((?:19|20)\d{2})(?!\d)", text, _F)
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
    para = regex.search(r"\n[^\S\n]*\n", own[h0:])
    para_end = h0 + para.start() if para else len(own)
    line_end = own.find("\n", h0)
    line_end = len(own) if line_end < 0 else line_end
    colon = own.find(":", h0, para_end)
    candidates: list[tuple[int, int]] = []
    if colon >= 0:
        candidates.append((colon, colon + 1))
    else:
        for stop in dict.fromkeys((para_end, line_end)):
            if stop < len(own) and not regex.search(r"[.;]\s*$", own[h0:stop]):
                candidates.append((stop, stop))
    for h1, body in candidates:
        head = own[h0:h1]
        if not head.strip() or len(head) > 400:
            continue
        mentions = [m for m in find_orgs(head, start + h0) if not m.generic or m.collective]
        if not mentions:
            continue
        residual = head
        for m in reversed(mentions):
            residual = residual[: m.start - start - h0] + " " + residual[m.end - start - h0 :]
        residual = regex.sub(r"\([^)]*\)", " ", residual)
        if _HEAD_FILLER.match(residual):
            return _Head(mentions, bool(_REQUEST.match(head)), start + body, head)
    return None


def _role_of_head(head: _Head, body: str) -> Role:
    if head.requested:
        return "requested"
    if _LEAD_WORDS.search(head.head_text) or _LEAD_WORDS.search(body):
        return "lead"
    if _COOPERATE_START.match(body):
        return "cooperate"
    return "responsible"


def _cooperating(text: str, offset: int, *, collective: bool = False) -> list[OrgMention]:
    """Bodies named right after "phối hợp với" (generic partners left out; collective ones when asked)."""
    out: list[OrgMention] = []
    for m in _COOPERATE_WITH.finditer(text):
        pos = m.end()
        for org in find_orgs(text[pos : pos + 400], offset + pos):
            gap = text[pos : org.start - offset]
            if not regex.fullmatch(r"[\s,;&]*(?:và\s+|cùng\s+)?", gap, _F):
                break
            if not org.generic and (collective or not org.collective):
                out.append(org)
            pos = org.end - offset
    return out


def _field_task(doc: Document, start: int, end: int, section: str | None) -> _Draft | None:
    """An item with labelled fields: "Đơn vị chủ trì: Sở Nội vụ. Đơn vị phối hợp: Sở Tư pháp; …"."""
    text = doc.text[start:end]
    fields = list(_FIELD.finditer(text))
    if not fields:
        return None
    body = _LABEL.sub("", text[: fields[0].start()], count=1)
    draft = _Draft(section, (start, end), " ".join(body.split()) or " ".join(text.split()))
    for f in fields:
        label = fold(f.group()[: f.start("value") - f.start()])
        role: Role = "cooperate" if "phối hợp" in label else "lead" if "chủ trì" in label else "responsible"
        for org in find_orgs(f.group("value"), start + f.start("value")):
            if not org.generic or (role != "cooperate" and org.collective):
                draft.add(org, role)
    return draft if draft.assignees else None


def _inline_tasks(doc: Document, start: int, end: int, section: str | None) -> list[_Draft]:
    """Sentences that assign by themselves: "Giao Sở Y tế chủ trì, phối hợp với …", "Đề nghị …", fields."""
    fielded = _field_task(doc, start, end, section)
    if fielded is not None:
        return [fielded]
    text = doc.text[start:end]
    drafts: list[_Draft] = []
    for a, b in _sentences(text):
        sentence = text[a:b]
        s0 = start + a
        body = _LABEL.sub("", sentence, count=1)
        lead_off = len(sentence) - len(body)
        draft = _Draft(section, (s0, s0 + len(sentence.rstrip())), " ".join(body.split()))
        orgs = find_orgs(body, s0 + lead_off)
        if not orgs:
            continue
        first = orgs[0]
        before = body[: first.start - s0 - lead_off]
        leading = [first]
        for org in orgs[1:]:
            gap = body[leading[-1].end - s0 - lead_off : org.start - s0 - lead_off]
            if not regex.fullmatch(r"[\s,;&]*(?:và\s+)?", gap, _F):
                break
            leading.append(org)
        after = body[leading[-1].end - s0 - lead_off :]
        role: Role | None = None
        request = _REQUEST.match(before)
        if request is not None and not before[request.end() :].strip():
            role = "requested"
        elif regex.fullmatch(r"\s*(?:giao(?:\s+cho)?|trách\s+nhiệm\s+của)\s+", before, _F):
            role = "lead" if _INLINE_LEAD.match(after) else "responsible"
        elif not before.strip():
            if _INLINE_LEAD.match(after):
                role = "lead"
            elif _INLINE_RESPONSIBLE.match(after):
                role = "cooperate" if regex.match(r"^[\s,]*phối\s+hợp", after, _F) else "responsible"
        if role is None:
            continue
        for org in leading:
            if not (org.generic and role == "cooperate"):
                draft.add(org, role)
        if role == "lead":
            for org in _cooperating(sentence, s0, collective=True):
                draft.add(org, "cooperate")
        if draft.assignees:
            drafts.append(draft)
    return drafts


def _section_tasks(doc: Document, s: Section, drafts: list[_Draft]) -> None:
    head = _item_head(doc, s)
    if head is not None:
        body_end = s.span[1]
        body = doc.text[head.body_start : body_end]
        role = _role_of_head(head, body)
        draft = _Draft(s.path, s.span, " ".join(body.split()))
        for m in head.mentions:
            draft.add(m, role)
        if role == "lead":
            for org in _cooperating(body, head.body_start):
                draft.add(org, "cooperate")
        drafts.append(draft)
        for child in s.children:
            if _item_head(doc, child) is not None:
                _section_tasks(doc, child, drafts)
        return
    if not s.children:
        drafts.extend(_inline_tasks(doc, s.span[0], s.span[1], s.path))
        return
    drafts.extend(_inline_tasks(doc, s.span[0], _own_end(s), s.path))
    for child in s.children:
        _section_tasks(doc, child, drafts)


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
            return last, kinds
    return None


def _cell(grid: list[list[Cell | None]], r: int, k: int | None) -> Cell | None:
    if k is None or k >= len(grid[r]):
        return None
    return grid[r][k]


def _bodies(cell: Cell | None, role: Role, draft: _Draft) -> None:
    if cell is None or not cell.text.strip():
        return
    mentions = find_orgs(cell.text, cell.span[0])
    for m in mentions:
        if role == "cooperate" and m.generic:
            continue
        draft.add(m, role)
    covered = [(m.start - cell.span[0], m.end - cell.span[0]) for m in mentions]
    for seg in regex.finditer(r"[^;\n]+", cell.text):
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


def _table_tasks(doc: Document, table: DocTable, ref: dt.date | int | None, sections: list[Section]) -> list[_Draft]:
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
        if (
            _ROMAN.match(stt_text)
            or (len(distinct) == 1 and table.n_cols > 2)
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
        fresh = [c for c in (lead, coop, due) if c is not None and id(c) in own_ids and c.text.strip()]
        if drafts and not stt_text and name_own and not fresh and "stt" in cols and name is not None:
            prev = drafts[-1]
            prev.description = f"{prev.description} {' '.join(name.text.split())}".strip()
            prev.span = (prev.span[0], max(prev.span[1], name.span[1]))
            continue
        if name is None or not name.text.strip():
            continue
        draft = _Draft(path, name.span, " ".join(name.text.split()), group=group)
        _bodies(lead, "lead", draft)
        _bodies(coop, "cooperate", draft)
        if product is not None and product.text.strip():
            draft.product = " ".join(product.text.split())
        if due is not None and due.text.strip():
            dl = find_cell_deadlines(due.text, ref, offset=due.span[0], section=path)
            draft.deadlines = [d.model_copy(update={"what": draft.product}) if draft.product else d for d in dl]
            draft.fixed_deadlines = True
        drafts.append(draft)
    return drafts


# ---- the whole document -------------------------------------------------------------------------------------


def _merge_deadlines(text_hits: list[Deadline], cell_hits: Iterable[Deadline]) -> list[Deadline]:
    cells = list(cell_hits)
    kept = [d for d in text_hits if not any(c.span[0] < d.span[1] and d.span[0] < c.span[1] for c in cells)]
    return sorted(kept + cells, key=lambda d: d.span)


def extract_tasks(doc: Document) -> tuple[list[Task], list[Deadline], list[Located]]:
    """Tasks (in text order), every deadline of the text in order, and the programme periods named.

    Each deadline carries the path of the section it sits in; a task lists the deadlines inside its item.
    """
    ref = reference_date(doc)
    sections = doc.iter_sections()
    body_end = min((f.span[0] for f in doc.footnotes), default=len(doc.text))
    text_deadlines = find_deadlines(doc.text[:body_end], ref)

    drafts: list[_Draft] = []
    for root in doc.sections:
        if root.children:
            drafts.extend(_inline_tasks(doc, root.span[0], _own_end(root), root.path))
            for child in root.children:
                _section_tasks(doc, child, drafts)
        else:
            _section_tasks(doc, root, drafts)
    table_drafts: list[_Draft] = []
    for table in doc.tables:
        table_drafts.extend(_table_tasks(doc, table, ref, sections))
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
    return tasks, deadlines, periods


__all__ = ["extract_tasks", "reference_date"]
