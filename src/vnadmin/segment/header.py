"""The header zone: issuing body, number, place and date, type name and title (trích yếu).

The zone is found by content, not by layout: whatever order a reader produced (cells one after the other,
or two columns merged row by row), each line is classified by what it says — motto, "Số: …", place-date,
"V/v …", or a line of the issuer's name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from vnadmin.extract.dates import make_date
from vnadmin.model import Family, Located
from vnadmin.segment import patterns as P
from vnadmin.segment.casing import normal_case

HEADER_SEARCH_CHARS = 5000
"""The type line ("KẾ HOẠCH") is looked for in the first characters of the text only."""

_TYPE_BY_UPPER = {name.upper(): name for name in P.DOC_TYPE_NAMES}
_NUMBER_TYPE = regex.compile(r"^\d*\s*(?:/\s*\d{4}\s*)?/\s*(?P<code>[\p{L}]+)\s*[-.]")
_PARTY_TYPE = regex.compile(r"^\d*\s*-\s*(?P<code>[\p{L}]+)\s*/")
_LINE = regex.compile(r"[^\n]+")


@dataclass
class Header:
    """What the header zone says, with the span of each finding."""

    doc_type: str | None = None
    doc_type_code: str | None = None
    number: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    issued_date: dt.date | None = None
    title: str | None = None
    family: Family | None = None
    urgency: str | None = None
    secrecy: str | None = None
    evidence: dict[str, Located] = field(default_factory=dict)
    number_blank: bool = False
    """A "Số: /KH-UBND" line with the serial left blank."""
    date_blank: bool = False
    """The place-date line is there but its day (or month) is left blank, as in drafts."""
    body_start: int = 0
    """Where the body begins: after the title (or after the header zone when there is no type line)."""


def _type_codes() -> dict[str, str]:
    from vnadmin.data import load_csv

    codes: dict[str, str] = {}
    for row in load_csv("doc_types.csv"):
        if row["code"] and row["name"]:
            codes.setdefault(row["code"].upper(), row["name"])
    return codes


_SPACES = regex.compile(r"\s+")  # the spaces inside "55/2023/ NQ-HĐND"
_NORMATIVE_NUMBER = regex.compile(r"^\d*/\d{4}/")  # "55/2023/NQ-HĐND": number/year/code
_PARTY_NUMBER = regex.compile(r"^\d*-")  # "268-QĐ/TU": number-code/body


def family_of_number(number: str) -> Family:
    """>>> family_of_number("55/2023/NQ-HĐND"), family_of_number("268-QĐ/TU"), family_of_number("65/KH-UBND")
    ('normative', 'party', 'administrative')
    """
    compact = _SPACES.sub("", number)
    if _NORMATIVE_NUMBER.match(compact):
        return "normative"
    if _PARTY_NUMBER.match(compact):
        return "party"
    return "administrative"


def type_code_of_number(number: str) -> str | None:
    """The type code inside a number, when it is a known one ("65/KH-UBND" → "KH"; "12/UBND-VX" → None)."""
    m = _NUMBER_TYPE.match(number) or _PARTY_TYPE.match(number)
    if not m:
        return None
    code = m.group("code")
    known = _type_codes()
    return code if code.upper() in known else None


def _locate(text: str, start: int, end: int) -> Located:
    return Located(text=text[start:end], span=(start, end))


def parse_header(text: str, limit: int | None = None) -> Header:
    """Read the header zone at the top of ``text`` (normalised)."""
    h = Header()
    limit = min(len(text), limit if limit is not None else len(text))
    window = text[: min(limit, HEADER_SEARCH_CHARS)]
    type_match = P.TYPE_LINE.search(window) or P.TYPE_LINE_INLINE.search(window)
    zone_end = type_match.start() if type_match else _zone_end_without_type(window)
    zone = text[:zone_end]

    # Motto and banner are masked so that what remains on their lines can be read (issuer text, number).
    masked = P.MOTTO.sub(lambda m: " " * len(m.group()), zone)
    if P.PARTY_BANNER.search(zone):
        h.family = "party"

    num = P.HEADER_NUMBER.search(masked)
    if num:
        raw_number = num.group("number")
        compact = _SPACES.sub("", raw_number)
        if raw_number.endswith((" UBND", " HĐND")):
            compact = compact[:-4] + " " + compact[-4:] if compact.endswith(("UBND", "HĐND")) else compact
        code = type_code_of_number(compact)
        h.doc_type_code = code
        h.family = family_of_number(compact) if h.family is None or num.group("serial") else h.family
        h.number_blank = not num.group("serial")
        if num.group("serial"):
            h.number = compact
            h.evidence["number"] = _locate(text, num.start("number"), num.end("number"))

    pd = P.PLACE_DATE.search(masked)
    if pd:
        h.place = pd.group("place")
        h.evidence["place"] = _locate(text, pd.start("place"), pd.end("place"))
        h.issued_date = make_date(pd.group("y"), pd.group("m"), pd.group("d"))
        h.date_blank = pd.group("d") is None or pd.group("m") is None
        if h.issued_date:
            h.evidence["issued_date"] = _locate(text, pd.start("date"), pd.end("date"))

    for pattern, attr in ((P.URGENCY, "urgency"), (P.SECRECY, "secrecy")):
        m = pattern.search(masked)
        if m:
            setattr(h, attr, m.group(1))

    _read_issuer(h, text, masked, stop=num.start() if num else (pd.start() if pd else zone_end))

    if type_match:
        name = _TYPE_BY_UPPER.get(type_match.group("type"))
        h.doc_type = name
        h.evidence["doc_type"] = _locate(text, type_match.start("type"), type_match.end("type"))
        title_start, title_end = _title_after(text, type_match.end(), limit)
        if title_end > title_start:
            h.title = " ".join(text[title_start:title_end].split())
            h.evidence["title"] = _locate(text, title_start, title_end)
        h.body_start = max(title_end, type_match.end())
    else:
        subject = P.LETTER_SUBJECT.search(zone)
        if subject:
            s_end = _paragraph_end(text, subject.start(), zone_end)
            h.title = " ".join(text[subject.start() : s_end].split())
            h.evidence["title"] = _locate(text, subject.start(), s_end)
        if subject or P.ADDRESSEE_OPENING.search(text, 0, limit):
            h.doc_type = "Công văn"
        h.body_start = zone_end
    if h.doc_type and not h.doc_type_code:
        h.doc_type_code = _code_for_name(h.doc_type)
    if h.family is None:
        h.family = (
            "normative"
            if h.doc_type in {"Luật", "Bộ luật", "Nghị định", "Thông tư", "Pháp lệnh"}
            else ("administrative" if (h.doc_type or h.number) else None)
        )
    return h


def _code_for_name(name: str) -> str | None:
    """The type code of a type name ("Kế hoạch" → "KH"); the state code first ("Công văn" has none)."""
    from vnadmin.data import load_csv

    rows = [r for r in load_csv("doc_types.csv") if r["name"] == name]
    state = [r for r in rows if "administrative" in r["families"].split() or "normative" in r["families"].split()]
    for row in state or rows:
        return row["code"] or None
    return None


def _zone_end_without_type(window: str) -> int:
    """Without a type line the header ends at 'Kính gửi' or 'Căn cứ', else after the number or place-date
    line (an official letter's "V/v …" subject stays in the zone), else there is no header."""
    for pattern in (P.ADDRESSEE_OPENING, P.LEGAL_BASIS):
        m = pattern.search(window)
        if m:
            return m.start()
    ends = [m.end() for m in (P.HEADER_NUMBER.search(window), P.PLACE_DATE.search(window)) if m]
    subject = P.LETTER_SUBJECT.search(window)
    if subject:
        ends.append(_paragraph_end(window, subject.start(), len(window)))
    if not ends:
        return 0
    end = window.find("\n\n", max(ends))
    return len(window) if end == -1 else end


def _paragraph_end(text: str, start: int, limit: int) -> int:
    """End of the paragraph at ``start``; a line of another header item (place-date, number, motto,
    'Kính gửi') ends it too, as when a letter's "V/v …" lines sit beside the place-date line."""
    end = text.find("\n\n", start, limit)
    end = limit if end == -1 else end
    pos = text.find("\n", start, end)
    while pos != -1:
        line_end = text.find("\n", pos + 1, end)
        line = text[pos + 1 : end if line_end == -1 else line_end]
        if P.PLACE_DATE.search(line) or P.HEADER_NUMBER.search(line) or P.MOTTO.search(line):
            return pos
        if P.ADDRESSEE_OPENING.match(line):
            return pos
        pos = line_end
    return end


def _read_issuer(h: Header, text: str, masked: str, stop: int) -> None:
    """Issuer lines: capitalised lines of the zone before the number line, split into parent and issuer.

    Lines are read from the masked zone (motto blanked out), so a line shared with the motto in a PDF
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …") contributes only its own words.
    """
    bodies: list[list[tuple[int, int]]] = []
    for m in _LINE.finditer(masked, 0, stop):
        line = m.group()
        stripped = line.strip(" *-_=|")
        if _NUMBER_LINE.match(stripped):
            break  # the number line ends the issuer lines, even when its serial is unreadable (scans)
        if not stripped or P.PLACE_DATE.search(line) or P.LETTER_SUBJECT.match(line):
            continue
        letters = [c for c in stripped if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.6:
            continue
        if P.URGENCY.fullmatch(stripped) or P.SECRECY.fullmatch(stripped) or stripped.startswith(("SAO Y", "DỰ THẢO")):
            continue
        offset = m.start() + line.index(stripped)
        pieces = [(offset + p.start(), offset + p.end()) for p in _WORDS.finditer(stripped)]
        if bodies and not P.ORG_HEAD.match(stripped):
            bodies[-1].extend(pieces)
        else:
            bodies.append(pieces)
    if not bodies:
        return
    h.issuer = _body_name(text, bodies[-1])
    if len(bodies) > 1 and P.SUBORDINATE_BODY.match(h.issuer):
        # "ỦY BAN MTTQ … / BAN THƯỜNG TRỰC": a standing committee is named with the body it belongs to.
        h.issuer = f"{h.issuer} {_body_name(text, bodies[-2])}"
    h.evidence["issuer"] = _locate(text, bodies[-1][0][0], bodies[-1][-1][1])
    if len(bodies) > 1:
        h.parent_issuer = _body_name(text, bodies[-2])
        h.evidence["parent_issuer"] = _locate(text, bodies[-2][0][0], bodies[-2][-1][1])


_WORDS = regex.compile(r"\S+(?:[ \t]\S+)*")


def _body_name(text: str, pieces: list[tuple[int, int]]) -> str:
    return normal_case(" ".join(" ".join(text[s:e].split()) for s, e in pieces))


# The title never starts with these: the legal bases, the addressees, an appendix's attachment line.
_TITLE_STOP = regex.compile(r"^\s*(?:Căn\s+cứ|Kính\s+gửi|\(?Kèm\s+theo)", regex.IGNORECASE)


def _title_after(text: str, start: int, limit: int) -> tuple[int, int]:
    """The trích yếu: the paragraph after the type line, plus capitalised paragraphs that continue it."""
    pos = start
    while pos < limit and text[pos] in "\n ":
        pos += 1
    t_start = pos
    t_end = pos
    first = True
    while pos < limit:
        if first and _is_sentence(text[pos : _para_end(text, pos, limit)]):
            break  # no trích yếu: the body starts at once ("GIẤY MỜI" then "Thực hiện Chương trình …")
        end = text.find("\n\n", pos, limit)
        end = limit if end == -1 else end
        addressee = P.ADDRESSEE_OPENING.search(text, pos + 1, end)
        if addressee and text[addressee.start() - 1] == "\n":
            end = addressee.start() - 1  # "Kính gửi: …" on the line under the title, no blank line between
        para = text[pos:end]
        if not para.strip() or _TITLE_STOP.match(para) or _starts_with_label(para):
            break
        if not first and not (para.isupper() or para[:1].islower() or _TITLE_CONTINUES.search(text, t_start, t_end)):
            break
        t_end = end
        first = False
        if not para.isupper() and not _TITLE_CONTINUES.search(para):
            dash = _DASH_TAIL.match(text, end, limit)
            if dash is not None:
                t_end = dash.end()  # "… tuyến cao tốc Tân Phú⏎⏎– Bảo Lộc": a route's name cut at its dash
            break
        pos = end + 2
    return t_start, t_end


# A title line that cannot end a title: "… Ủy viên Ban⏎Thường vụ Tỉnh ủy," / "… tại" (tb-lamdong-2026): a
# separator, a linking word, or the head word of a body's name.
_TITLE_CONTINUES = regex.compile(
    r"(?:[,–-]|\b(?:của|và|về|tại|trong|với|cho|đối với)|(?<=\s)(?:Ban|Sở|Bộ|Ủy ban|Uỷ ban|Hội đồng|Văn phòng))\s*$"
)
# A short paragraph after a title that starts with an en dash: the rest of a name "Tân Phú – Bảo Lộc".
_DASH_TAIL = regex.compile(r"\n\n[^\S\n]*–[^\S\n]+\p{Lu}[^\n]{0,40}(?=\n\n|\Z)")


def _para_end(text: str, pos: int, limit: int) -> int:
    end = text.find("\n\n", pos, limit)
    return limit if end == -1 else end


def _is_sentence(para: str) -> bool:
    """A long paragraph ending a sentence is body text, never a title."""
    stripped = para.strip()
    if _SUBJECT_OPENING.match(stripped):
        return False  # a trích yếu may end with a full stop: "Về việc … của Bộ Giáo dục và Đào tạo."
    return len(stripped) > 100 and stripped.endswith((".", ":", ";"))


_SUBJECT_OPENING = regex.compile(r"(?:Về\s+việc|V/v)\b", regex.IGNORECASE)
_NUMBER_LINE = regex.compile(r"Số\s*[:.]")


def _starts_with_label(para: str) -> bool:
    return any(
        kind in {"roman", "arabic", "article", "chapter", "part"} and pattern.match(para) for kind, pattern in P.LABELS
    )


def find_addressees(text: str, start: int, limit: int) -> tuple[list[str], int]:
    r"""The "Kính gửi:" list of a letter, inline or one dash item a line, and where the list ends.

    >>> find_addressees("Kính gửi:\n\n- Các bộ, cơ quan ngang bộ;\n\n- UBND các tỉnh.\n\nThực hiện …", 0, 70)
    (['Các bộ, cơ quan ngang bộ', 'UBND các tỉnh'], 56)
    >>> find_addressees("Kính gửi: Sở Nội vụ tỉnh Lâm Đồng.\n\nBộ Nội vụ nhận được", 0, 60)
    (['Sở Nội vụ tỉnh Lâm Đồng'], 34)
    """
    m = P.ADDRESSEE_OPENING.search(text, start, limit)
    if not m:
        return [], start
    out: list[str] = []
    end = m.end()
    pos = m.end()
    first = True
    while pos < limit:
        nl = text.find("\n", pos, limit)
        line_end = limit if nl == -1 else nl
        line = text[pos:line_end]
        item = P.LIST_ITEM.match(line)
        if first and line.strip():
            out.append(line.strip().rstrip(";.,").strip())
            end = line_end
        elif item:
            name = line[item.end() :].strip().rstrip(";.,").strip()
            if name:
                out.append(name)
            end = line_end
        elif line.strip():
            break
        first = False
        pos = line_end + 1
    return out, end
