"""Mentions of other documents in running text: "<type> số <number> ngày <date> của <issuer> về <subject>".

The scan is anchored on document numbers (one regex over the whole text), then reads the type word backwards
and the date, issuer and subject forwards; short forms ("Chỉ thị số 33") and references by name ("Luật Thực
hiện dân chủ ở cơ sở") are found after that, outside the spans already taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
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
from vnadmin.probe import matches_at, probe, word_positions

LOOKBACK = 200
"""Characters read backwards from a number for its type word."""

MAX_ISSUER_WORDS = 16
MAX_NAME_CHARS = 260
MAX_SUBJECT_CHARS = 400

_LAW_TYPES = frozenset(("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"))
"""Types named by a law-making body: their names count as references even inside another citation's subject."""


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


def _date_before(text: str, start: int) -> dt.date | None:
    """The date of "Ngày 25/9/2025, <issuer> ban hành <citation>" (see ``DATE_BEFORE``).

    >>> t = "Ngày 25/9/2025, Ban Thường trực ban hành Công văn số 227/NTTQ-BTT"
    >>> _date_before(t, t.index("Công văn"))
    datetime.date(2025, 9, 25)
    """
    m = P.DATE_BEFORE.search(text, max(0, start - LOOKBACK), start)
    if m is None:
        return None
    date, _ = _read_date(text, m.start("date"))
    return date


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
        if low == "triển" and _KHAI.match(text, we):
            break  # "… của UBND tỉnh triển khai …", but "Bộ Nông nghiệp và Phát triển nông thôn"
        if words and w.isupper() and _TYPE_NAME_START.match(text, ws) and not _PLANNING_BODY.match(text, ws):
            break  # "… CỦA CHÍNH PHỦ KẾ HOẠCH HÀNH ĐỘNG …": a title in capitals goes on with another document
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


_BAN_HANH = regex.compile(r"[ \t]+hành\b", regex.IGNORECASE)
_KHAI = regex.compile(r"[ \t]+khai\b", regex.IGNORECASE)
# Type names of two words or more: they end an issuer ("Điện", "Luật", "Lệnh" alone may be part of a name).
_TYPE_NAME_START = regex.compile(
    rf"(?:{'|'.join(P.TYPE_ALT.split('|')[i] for i, t in enumerate(P.TYPE_WORDS) if ' ' in t)})\b",
    regex.IGNORECASE,
)
_PLANNING_BODY = regex.compile(r"KẾ\s+HOẠCH\s+VÀ\s+ĐẦU\s+TƯ", regex.IGNORECASE)  # "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
_FIRST_WORD = regex.compile(r"(?P<w>[\p{L}\d&]+(?:-[\p{L}\d&]+)*)")
_TYPE_START = regex.compile(rf"(?:{'|'.join(regex.escape(t) for t in P.TYPE_WORDS)})\b", regex.IGNORECASE)


def _is_type_start(text: str, pos: int) -> bool:
    return _TYPE_START.match(text, pos) is not None


def _read_subject(text: str, pos: int) -> tuple[str | None, tuple[int, int] | None]:
    q = P.QUOTED_SUBJECT.match(text, pos)
    if q:
        return q.group("q").strip(" *"), (q.start("q"), q.end("q"))
    lead = P.SUBJECT_LEAD.match(text, pos) or P.SUBJECT_VERB_LEAD.match(text, pos)
    if lead is None:
        return None, None
    start = lead.end()
    limit = min(len(text), start + MAX_SUBJECT_CHARS)
    end_m = P.SUBJECT_END.search(text, start, limit)
    end = end_m.start() if end_m else limit
    if not text[start:end].strip():
        return None, None
    # The subject's text runs on over wrapped lines ("… về ban hành Kế hoạch⏎triển khai thi hành Luật Việc làm;"),
    # its span (within which documents named are part of it) stops at the line's end, as the gold set's
    # annotators list a document named after the wrap.
    wrapped = P.SUBJECT_END_WRAPPED.search(text, start, limit)
    subject = " ".join(text[start : wrapped.start() if wrapped else limit].split())
    return subject, (start, end)


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
            m.issuer, m.end = _joint_issuer(text, issuer, p)
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


# Between two issuers of one document: "của Bộ Chính trị, Ban Bí thư về …".
_ISSUER_JOIN = regex.compile(r"[ \t]*(?:,|và)[ \t]*")
# What may follow the second issuer for it to be one: the subject's "về", quotes, or the end of the clause (so
# that "… của UBND tỉnh, Sở Tư pháp ban hành …", where a new clause begins, keeps one issuer).
_AFTER_JOINT_ISSUER = regex.compile(r"[ \t]*(?:,?[ \t]*(?:về|V/v|v/v)[ \t]|[“\"(;\n]|\.(?:\s|\Z)|\Z)")


def _joint_issuer(text: str, issuer: str, end: int) -> tuple[str, int]:
    """The issuers of a joint document as written, and where they end: "Bộ Chính trị, Ban Bí thư"; ``issuer`` is
    what :func:`read_issuer` read, ending at ``end`` (one issuer when no second follows)."""
    join = _ISSUER_JOIN.match(text, end)
    if join is None:
        return issuer, end
    second, p = read_issuer(text, join.end())
    if second is None or len(second.split()) < 2 or not _AFTER_JOINT_ISSUER.match(text, p):
        return issuer, end
    return text[end - len(issuer) : p], p


def _earlier_type(window: str) -> regex.Match[str] | None:
    """The last capitalised type word of the clause before "số" (see ``TYPE_EARLIER_IN_CLAUSE``)."""
    best = None
    for m in P.TYPE_EARLIER_IN_CLAUSE.finditer(window, overlapped=True):
        if m.group("type")[:1].isupper():
            best = m
    if best is not None:
        outer = P.AMENDING_BEFORE.search(window, max(0, best.start() - 80), best.start())
        if outer is not None:
            return P.TYPE_EARLIER_IN_CLAUSE.match(window, outer.start()) or best
    return best


def _numbers_in_text(text: str) -> Iterator[regex.Match[str]]:
    """``NUMBER_IN_TEXT.finditer(text)``, run only on the lines holding a "/".

    A number always holds a "/" and never a line break (its separators are spaces and tabs), and its look-arounds
    accept a line break as they accept the end of the text, so the matches are the same.
    """
    slash = text.find("/")
    while slash != -1:
        line_start = text.rfind("\n", 0, slash) + 1
        line_end = text.find("\n", slash)
        if line_end == -1:
            line_end = len(text)
        yield from P.NUMBER_IN_TEXT.finditer(text, line_start, line_end)
        slash = text.find("/", line_end)


def _parse_number(raw: str, seen: dict[str, DocumentNumber | None]) -> DocumentNumber | None:
    """``DocumentNumber.parse(raw)``, None when it is no number; ``seen`` keeps the answers of one text, where
    the same numbers come back (a parsed number is immutable, so mentions may share it)."""
    if raw not in seen:
        try:
            seen[raw] = DocumentNumber.parse(raw)
        except InvalidNumber:
            seen[raw] = None
    return seen[raw]


def find_numbered(text: str) -> list[Mention]:
    """Mentions anchored on a full document number, in text order."""
    out: list[Mention] = []
    parsed_numbers: dict[str, DocumentNumber | None] = {}
    for nm in _numbers_in_text(text):
        raw = _trim_footnote_marker(nm.group())
        if nm.group("serial") is None:
            continue  # a draft's blank number "Kế hoạch số      /KH-UBND" refers to the document itself
        s, e = nm.start(), nm.start() + len(raw)
        parsed = _parse_number(raw, parsed_numbers)
        if parsed is None:
            continue
        window = text[max(0, s - LOOKBACK) : s]
        if P.HEADER_NUMBER.search(window):
            continue
        if P.FORM_BEFORE_NUMBER.search(window):
            continue
        tm = P.TYPE_BEFORE_NUMBER.search(window, max(0, len(window) - 64))
        if tm is not None and P.COMMON_NOUN_TYPE.search(window, max(0, tm.start() - 8), tm.start()):
            tm = None  # "… quy phạm pháp luật số 64/2025/QH15": the type word is earlier in the clause
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
        if m.date is None:
            m.date = _date_before(text, start)
        out.append(m)
    return out


P_SPACES = regex.compile(r"\s*([/\-‐‑–—])\s*")


def _free(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    return all(e <= a or s >= b for a, b in taken)


_YEAR = regex.compile(r"(?:19|20)\d\d")
_NICKNAMED_TYPES = frozenset(("Đề án",))


# SHORT_FORM for a match at a given position: the always-failing branch keeps the regex engine from first looking
# for a literal the pattern needs through the rest of the text on every call; the matches are the same.
_SHORT_FORM_PROBE = probe(P.SHORT_FORM)
# A short form starts with the first word of a type name (lower-cased).
_TYPE_FIRST_WORDS = tuple(sorted({w.split()[0].lower() for w in P.TYPE_WORDS}))


def _short_forms(text: str) -> list[regex.Match[str]]:
    """``SHORT_FORM.finditer(text)``, tried only where a type word starts (far fewer places than every one)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return list(P.SHORT_FORM.finditer(text))
    starts = {p for w in _TYPE_FIRST_WORDS for p in word_positions(lowered, w)}
    return matches_at(_SHORT_FORM_PROBE, text, sorted(starts))


def find_short(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Short forms: "Chỉ thị số 33", "Nghị quyết 55" (kept only when they resolve, see resolve.py)."""
    out: list[Mention] = []
    for sm in _short_forms(text):
        if not _free(taken, sm.start(), sm.end()):
            continue
        doc_type = _normal_type(sm.group("type"))
        if doc_type in _LAW_TYPES and not sm.group("so") and _YEAR.fullmatch(sm.group("serial")):
            continue  # "Hiến pháp 2013", "Luật Bầu cử 2015" are names with a year (see find_named)
        if doc_type in _NICKNAMED_TYPES and not sm.group("so"):
            # "Đề án 06": a scheme has no số/ký hiệu of its own; the figure is its customary name.
            out.append(Mention(sm.start(), sm.end(), "named", doc_type, name=sm.group()))
            continue
        m = Mention(
            sm.start(),
            sm.end(),
            "short",
            doc_type,
            number=sm.group("serial"),
            has_so=bool(sm.group("so")),
        )
        _read_tail(text, m)
        out.append(m)
    return out


def _name_end(text: str, start: int, law: bool) -> int:
    """End of a name that begins at ``start``.

    A law's name also ends at words that go on with the sentence (``LAW_NAME_STOP``) and right after its year
    or adoption date (``LAW_NAME_DATE``). A name in capitals (a title) is cut as if it were in lower case.
    """
    part = text[start : start + MAX_NAME_CHARS]
    if part[:12].isupper() and len(part.lower()) == len(part):
        part = part.lower()
    pos, stop = 0, len(part)
    while True:
        e = P.NAME_END.search(part, pos)
        comma = part.find(",", pos)
        stop = e.start() if e else len(part)
        if comma != -1 and comma < stop:
            keep = P.LAW_NAME_COMMA.match(part, comma) if law else not P.NAME_END.match(part, comma)
            if keep:
                pos = comma + 1
                continue
            stop = comma
        break
    if law:
        ls = P.LAW_NAME_STOP.search(part, 0, stop)
        if ls:
            stop = ls.start()
        ld = P.LAW_NAME_DATE.search(part, 0, stop)
        if ld:
            stop = ld.end()
    return start + stop


# NAMED_LAW, NAMED_PLAN and LOWER_PLAN for a match at a given position, and the words their matches start with
# (as written: the patterns are case-sensitive there); see :func:`_starting_with`.
_NAMED_LAW_PROBE = probe(P.NAMED_LAW)
_NAMED_PLAN_PROBE = probe(P.NAMED_PLAN)
_LOWER_PLAN_PROBE = probe(P.LOWER_PLAN)


def _starting_with(pattern: regex.Pattern[str], text: str, words: tuple[str, ...]) -> list[regex.Match[str]]:
    """``finditer`` of the probe ``pattern`` when each of its matches starts with one of ``words``: tried only
    where one occurs (a few hundred places rather than every character of the text)."""
    starts = sorted({p for w in words for p in word_positions(text, w)})
    return matches_at(pattern, text, starts)


_PRECEDING_SELF = regex.compile(
    r"(?:ban hành|Ban hành|Trên đây là|trên đây là|xây dựng|Xây dựng|dự thảo|Dự thảo|theo|Theo|phê duyệt|Phê duyệt"
    r"|thuộc|lập|Lập|hoàn thiện|Hoàn thiện|soạn thảo|Soạn thảo|gọi tắt là|gọi là)\s*:?\s*\Z"
)
_NAME_TRAIL = regex.compile(r"[\s,.…–-]+\Z")  # "Luật xử lý vi phạm hành chính..." ends before the dots
# Documents counted or in the plural, not one reference: "36 Nghị quyết QPPL của Hội đồng nhân dân", "ban hành 15
# Kế hoạch …", "trong các Nghị quyết về phát triển kinh tế - xã hội của Tỉnh ủy"; a number after an article word
# ("Điều 5 Luật Đất đai", "khoản 2") or a date word is not a count.
_MANY_BEFORE = regex.compile(
    r"(?<!(?:Điều|điều|Khoản|khoản|Điểm|điểm|Mục|mục|Chương|chương|Phần|phần|số|Số|năm|ngày|tháng|quý)[ \t]+)"
    r"(?<![\d/.,:-])\b\d{1,4}[ \t]+\Z|\b(?:các|những|mọi|Các|Những|Mọi)[ \t]+\Z"
)


# An issuer that is a level of bodies, not one body: "Nghị quyết của HĐND cấp huyện", "Kế hoạch của UBND các cấp".
_LEVEL_ISSUER = regex.compile(r"\bcấp\s+(?:tỉnh|huyện|xã|cơ\s+sở|trên|dưới)\Z|\bcác\s+cấp\b", regex.IGNORECASE)


def _many(text: str, start: int) -> bool:
    """Whether the type word at ``start`` follows a count or a plural word ("36 Nghị quyết …", "các Nghị quyết …")."""
    return _MANY_BEFORE.search(text, max(0, start - 30), start) is not None


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
    for lm in _starting_with(_NAMED_LAW_PROBE, text, P.LAW_TYPE_WORDS):
        s = lm.start()
        name_start = lm.end("type")
        end = _name_end(text, name_start, law=True)
        end = s + len(_NAME_TRAIL.sub("", text[s:end]))
        law_type = _normal_type(lm.group("type"))
        if (end - name_start < 3 and law_type != "Hiến pháp") or _many(text, s):
            continue
        m = Mention(s, end, "named", law_type, name=text[s:end])
        dm = P.LAW_NAME_DATE.search(text, name_start, end)
        if dm and dm.end() == end and text[dm.start() : end].lstrip()[:4].lower() == "ngày":
            m.date, _ = _read_date(text, dm.start())
        add(m)
    for tm in P.TYPE_OF_ISSUER.finditer(text):
        of = P.OF_LEAD.match(text, tm.end())
        if not of or _PRECEDING_SELF.search(text, max(0, tm.start() - 20), tm.start()) or _many(text, tm.start()):
            continue
        issuer, p = read_issuer(text, of.end())
        if issuer and len(issuer.split()) >= 2 and not _LEVEL_ISSUER.search(issuer):
            m = Mention(tm.start(), p, "named", tm.group("type"), issuer=issuer, name=text[tm.start() : p])
            m.subject, m.subject_span = _read_subject(text, p)
            add(m)
    for pm in _starting_with(_NAMED_PLAN_PROBE, text, P.PLAN_TYPE_WORDS):
        s = pm.start()
        if _PRECEDING_SELF.search(text, max(0, s - 20), s) or _many(text, s):
            continue
        q = P.QUOTED_NAME.match(text, pm.end())
        if q:
            end = q.end()
        else:
            end = _name_end(text, pm.end(), law=False)
            end = s + len(_NAME_TRAIL.sub("", text[s:end]))
        if len(text[pm.end() : end].split()) < 2 or P.GENERIC_OWNER.search(text, pm.end(), end):
            continue
        if " của " in text[pm.end() : end] and _LEVEL_ISSUER.search(text, pm.end(), end):
            continue  # "Nghị quyết QPPL của HĐND cấp huyện": a kind of document, not one
        add(Mention(s, end, "named", pm.group("type"), name=text[s:end]))
    for lp in _starting_with(_LOWER_PLAN_PROBE, text, P.LOWER_PLAN_FIRST_WORDS):
        s = lp.start()
        if _many(text, s):
            continue
        end = _name_end(text, lp.end(), law=False)
        end = s + len(_NAME_TRAIL.sub("", text[s:end]))
        if P.PERIOD_IN_NAME.search(text, lp.end(), end) and not P.GENERIC_OWNER.search(text, lp.end(), end):
            add(Mention(s, end, "named", _normal_type(lp.group("type")), name=text[s:end]))
    found.sort(key=lambda m: m.start)
    return found


def find_mentions(text: str) -> list[Mention]:
    """Every mention in text order: numbered, short forms, then named references outside subjects."""
    numbered = find_numbered(text)
    taken = [(m.start, m.end) for m in numbered]
    shorts = find_short(text, taken)
    taken += [(m.start, m.end) for m in shorts]
    # A document named only in the subject of another citation is part of that citation's subject, not a
    # reference of its own: the plan a decision issues ("… về việc ban hành Quy chế …") and the law a decree
    # details or amends ("… của Chính phủ quy định chi tiết một số điều của Luật Đất đai"), as most annotators
    # of the gold set list them.
    subjects = [m.subject_span for m in numbered + shorts if m.subject_span]
    named = [
        m
        for m in [*find_named(text, taken), *(m for m in shorts if m.kind == "named")]
        if _free(subjects, m.start, m.end)
    ]
    out = [m for m in numbered + shorts if m.kind != "named"] + named
    out.sort(key=lambda m: m.start)
    return out


def type_code_for(m: Mention) -> str | None:
    """The type code of a mention: from its number, else from its type word."""
    if m.parsed and m.parsed.type_code:
        return m.parsed.type_code
    return type_code_of_name(m.doc_type) if m.doc_type else None
