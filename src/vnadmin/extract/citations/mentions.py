"""Mentions of other documents in running text: "<type> số <number> ngày <date> của <issuer> về <subject>".

The scan is anchored on document numbers (one regex over the whole text), then reads the type word backwards
and the date, issuer and subject forwards; short forms ("Chỉ thị số 33") and references by name ("Luật Thực
hiện dân chủ ở cơ sở") are found after that, outside the spans already taken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from vnadmin.extract.citations import patterns as P
from vnadmin.extract.citations.number import (
    DocumentNumber,
    InvalidNumber,
    issuer_code,
    type_code_of_name,
)
from vnadmin.extract.dates import NUMERIC_DATE, WORDED_DATE, make_date

LOOKBACK = 200
"""Characters read backwards from a number for its type word."""

MAX_ISSUER_WORDS = 16
MAX_NAME_CHARS = 260
MAX_SUBJECT_CHARS = 400


@dataclass(slots=True)
class Mention:
    """A citation found in text, before it becomes a :class:`~vnadmin.model.Citation`."""

    start: int
    end: int
    kind: str  # "number" | "short" | "named"
    doc_type: str | None
    number: str | None = None
    parsed: DocumentNumber | None = None
    date: dt.date | None = None
    issuer: str | None = None
    subject: str | None = None
    subject_span: tuple[int, int] | None = None
    has_so: bool = False
    name: str | None = None


def _normal_type(word: str) -> str:
    """'CÁC NGHỊ QUYẾT' style words in normal case: first letter capital, the rest as in the type list."""
    w = " ".join(word.split())
    for t in P.TYPE_WORDS:
        if t.lower() == w.lower():
            return t
    return w[:1].upper() + w[1:].lower()


_TRAILING_FOOTNOTE_DIGITS = regex.compile(r"(?P<code>[\p{Lu}Đ][\p{Lu}Đ\p{Ll}]*?)(?P<d>\d{1,2})\Z")


def _trim_footnote_marker(number: str) -> str:
    """Drop a footnote number glued to the last code: "30/2024/NĐ-CP4" → "30/2024/NĐ-CP" (PDF text layers).

    Codes that carry a term ("QH15", "UBTVQH15") or unknown codes with digits ("KHTC2") keep them.
    """
    m = _TRAILING_FOOTNOTE_DIGITS.search(number)
    if not m or m.group("code").upper() in {"QH", "UBTVQH"}:
        return number
    if issuer_code(m.group("code")) is None or issuer_code(m.group("code") + m.group("d")) is not None:
        return number
    return number[: m.start("d")]


def _read_date(text: str, pos: int) -> tuple[dt.date | None, int]:
    """A date starting at ``pos`` ("ngày 26/11/2021", "ngày 26 tháng 11 năm 2021"): (date, end) or (None, pos)."""
    lead = P.DATE_LEAD.match(text, pos)
    if lead is None:
        return None, pos
    p = lead.end()
    m = WORDED_DATE.match(text, p)
    if m is None:
        day = P.DAY_WORD.match(text, p)
        m = NUMERIC_DATE.match(text, day.end()) if day else None
    if m is None:
        return None, pos
    d = make_date(m.group("y"), m.group("m"), m.group("d"))
    return (d, m.end()) if d else (None, pos)


def read_issuer(text: str, pos: int) -> tuple[str | None, int]:
    """The body named at ``pos``: capitalised words, acronyms and the lower-case words of body names.

    >>> read_issuer("Ban Thường vụ Tỉnh ủy góp phần đấu tranh", 0)
    ('Ban Thường vụ Tỉnh ủy', 21)
    >>> read_issuer("Ủy ban nhân dân tỉnh triển khai thực hiện", 0)[0]
    'Ủy ban nhân dân tỉnh'
    """
    words: list[tuple[str, int, int]] = []
    p = pos
    while len(words) < MAX_ISSUER_WORDS:
        m = (P.ISSUER_WORD if words else _FIRST_WORD).match(text, p)
        if m is None:
            break
        w, ws, we = m.group("w"), m.start("w"), m.end("w")
        low = w.lower()
        if low in P.ISSUER_STOP_WORDS or (low == "ban" and _BAN_HANH.match(text, we)):
            break
        first = not words
        capital = w[:1].isupper()
        if first and not capital:
            break
        # A small word right after a capitalised one finishes a two-syllable name ("Nông nghiệp", "Bí thư").
        after_title = bool(words) and words[-1][0][:1].isupper() and not words[-1][0].isupper()
        if not capital and low not in P.ISSUER_LOWER_WORDS and not after_title:
            break
        if low == "và":
            nxt = P.ISSUER_WORD.match(text, we)
            if nxt is None or not nxt.group("w")[:1].isupper() or _is_type_start(text, nxt.start("w")):
                break
        words.append((w, ws, we))
        p = we
    while words and words[-1][0].lower() in {"và", "của", "các"}:
        words.pop()
    if not words:
        return None, pos
    return text[words[0][1] : words[-1][2]], words[-1][2]


_BAN_HANH = regex.compile(r"[ \t]+hành\b")
_FIRST_WORD = regex.compile(r"(?P<w>[\p{L}\d&]+(?:-[\p{L}\d&]+)*)")
_TYPE_START = regex.compile(rf"(?:{'|'.join(regex.escape(t) for t in P.TYPE_WORDS)})\b", regex.IGNORECASE)


def _is_type_start(text: str, pos: int) -> bool:
    return _TYPE_START.match(text, pos) is not None


def _read_subject(text: str, pos: int) -> tuple[str | None, tuple[int, int] | None]:
    q = P.QUOTED_SUBJECT.match(text, pos)
    if q:
        return q.group("q").strip(" *"), (q.start("q"), q.end("q"))
    lead = P.SUBJECT_LEAD.match(text, pos)
    if lead is None:
        return None, None
    start = lead.end()
    end_m = P.SUBJECT_END.search(text, start, min(len(text), start + MAX_SUBJECT_CHARS))
    end = end_m.start() if end_m else min(len(text), start + MAX_SUBJECT_CHARS)
    subject = text[start:end].strip()
    return (subject or None), ((start, end) if subject else None)


def _read_tail(text: str, m: Mention, pos: int | None = None) -> None:
    """Date, issuer, term and subject after a number or short form; extends ``m.end`` over date and issuer.

    ``pos`` is where reading starts when it differs from ``m.end`` (after a footnote marker glued to the number).
    """
    p = m.end if pos is None else pos
    date, p = _read_date(text, p)
    if date:
        m.date, m.end = date, p
    of = P.OF_LEAD.match(text, p)
    if of:
        issuer, p = read_issuer(text, of.end())
        if issuer:
            m.issuer, m.end = issuer, p
    after = m.end
    term = P.TERM_SUFFIX.match(text, after)
    if term:
        after = term.end()
    if m.date is None:
        # "Quyết định số 217-QĐ/TW của Bộ Chính trị (khóa XI) ngày …" — rare order, date after the issuer.
        date, p = _read_date(text, after)
        if date and m.issuer:
            m.date, m.end, after = date, p, p
    m.subject, m.subject_span = _read_subject(text, after)


def _earlier_type(window: str) -> regex.Match[str] | None:
    """The last capitalised type word of the clause before "số" (see ``TYPE_EARLIER_IN_CLAUSE``)."""
    best = None
    for m in P.TYPE_EARLIER_IN_CLAUSE.finditer(window, overlapped=True):
        if m.group("type")[:1].isupper():
            best = m
    return best


def find_numbered(text: str) -> list[Mention]:
    """Mentions anchored on a full document number, in text order."""
    out: list[Mention] = []
    for nm in P.NUMBER_IN_TEXT.finditer(text):
        raw = _trim_footnote_marker(nm.group())
        if nm.group("serial") is None:
            continue  # a draft's blank number "Kế hoạch số      /KH-UBND" refers to the document itself
        s, e = nm.start(), nm.start() + len(raw)
        try:
            parsed = DocumentNumber.parse(raw)
        except InvalidNumber:
            continue
        window = text[max(0, s - LOOKBACK) : s]
        if P.HEADER_NUMBER.search(window):
            continue
        if P.FORM_BEFORE_NUMBER.search(window):
            continue
        tm = P.TYPE_BEFORE_NUMBER.search(window, max(0, len(window) - 64))
        if tm is None:
            tm = _earlier_type(window)
        start = s
        doc_type: str | None
        has_so = False
        if tm:
            start = s - len(window) + tm.start()
            doc_type = _normal_type(tm.group("type"))
            has_so = bool(tm.groupdict().get("so", "x"))
        else:
            prev = out[-1] if out else None
            so = P.SO_BEFORE_NUMBER.search(window)
            glue_end = s - len(window) + so.start() if so else s
            if (prev and prev.end <= glue_end and P.LIST_GLUE.match(text[prev.end : glue_end] + " ")) or (
                prev and prev.end <= s and P.LIST_GLUE.match(text[prev.end : s])
            ):
                doc_type = prev.doc_type
            else:
                doc_type = parsed.type_name
            if so:
                start, has_so = glue_end, True
        number = " ".join(P_SPACES.sub(r"\1", raw).split())
        m = Mention(start, e, "number", doc_type, number=number, parsed=parsed, has_so=has_so)
        _read_tail(text, m, nm.end())
        out.append(m)
    return out


P_SPACES = regex.compile(r"\s*([/\-‐‑–—])\s*")


def _free(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    return all(e <= a or s >= b for a, b in taken)


def find_short(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Short forms: "Chỉ thị số 33", "Nghị quyết 55" (kept only when they resolve, see resolve.py)."""
    out: list[Mention] = []
    for sm in P.SHORT_FORM.finditer(text):
        if not _free(taken, sm.start(), sm.end()):
            continue
        m = Mention(
            sm.start(),
            sm.end(),
            "short",
            _normal_type(sm.group("type")),
            number=sm.group("serial"),
            has_so=bool(sm.group("so")),
        )
        _read_tail(text, m)
        out.append(m)
    return out


def _name_end(text: str, start: int, law: bool) -> int:
    """End of a name that begins at ``start``."""
    limit = min(len(text), start + MAX_NAME_CHARS)
    pos = start
    while True:
        e = P.NAME_END.search(text, pos, limit)
        comma = text.find(",", pos, limit)
        stop = e.start() if e else limit
        if comma != -1 and comma < stop:
            keep = P.LAW_NAME_COMMA.match(text, comma) if law else not P.NAME_END.match(text, comma)
            if keep:
                pos = comma + 1
                continue
            stop = comma
        return stop


_PRECEDING_SELF = regex.compile(
    r"(?:ban hành|Ban hành|Trên đây là|trên đây là|xây dựng|Xây dựng|dự thảo|Dự thảo|theo|Theo)\s*\Z"
)
_NAME_TRAIL = regex.compile(r"[\s,–-]+\Z")


def find_named(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """References by name with no number: laws, congress resolutions, "<type> của <issuer>", named plans."""
    found: list[Mention] = []
    spans = list(taken)

    def add(m: Mention) -> None:
        if m.end > m.start and _free(spans, m.start, m.end):
            found.append(m)
            spans.append((m.start, m.end))

    for cm in P.NAMED_CONGRESS.finditer(text):
        if cm.group("tail").strip():
            add(Mention(cm.start(), cm.end(), "named", "Nghị quyết", name=cm.group()))
    for lm in P.NAMED_LAW.finditer(text):
        s = lm.start()
        name_start = lm.end("type")
        end = _name_end(text, name_start, law=True)
        end = s + len(_NAME_TRAIL.sub("", text[s:end]))
        if end - name_start < 3 and lm.group("type") != "Hiến pháp":
            continue
        add(Mention(s, end, "named", lm.group("type"), name=text[s:end]))
    for tm in P.TYPE_OF_ISSUER.finditer(text):
        of = P.OF_LEAD.match(text, tm.end())
        if not of:
            continue
        issuer, p = read_issuer(text, of.end())
        if issuer and len(issuer.split()) >= 2:
            m = Mention(tm.start(), p, "named", tm.group("type"), issuer=issuer, name=text[tm.start() : p])
            m.subject, m.subject_span = _read_subject(text, p)
            add(m)
    for pm in P.NAMED_PLAN.finditer(text):
        s = pm.start()
        if _PRECEDING_SELF.search(text, max(0, s - 20), s):
            continue
        q = P.QUOTED_NAME.match(text, pm.end())
        if q:
            end = q.end()
        else:
            end = _name_end(text, pm.end(), law=False)
            end = s + len(_NAME_TRAIL.sub("", text[s:end]))
        if len(text[pm.end() : end].split()) < 2:
            continue
        add(Mention(s, end, "named", pm.group("type"), name=text[s:end]))
    found.sort(key=lambda m: m.start)
    return found


def find_mentions(text: str) -> list[Mention]:
    """Every mention in text order: numbered, short forms, then named references outside subjects."""
    numbered = find_numbered(text)
    taken = [(m.start, m.end) for m in numbered]
    shorts = find_short(text, taken)
    taken += [(m.start, m.end) for m in shorts]
    # A name that is only the subject of another citation ("… về việc ban hành Quy chế …") is no reference.
    subjects = [m.subject_span for m in numbered + shorts if m.subject_span]
    named = [m for m in find_named(text, taken) if _free(subjects, m.start, m.end)]
    out = numbered + shorts + named
    out.sort(key=lambda m: m.start)
    return out


def type_code_for(m: Mention) -> str | None:
    """The type code of a mention: from its number, else from its type word."""
    if m.parsed and m.parsed.type_code:
        return m.parsed.type_code
    return type_code_of_name(m.doc_type) if m.doc_type else None
