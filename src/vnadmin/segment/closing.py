"""The closing zone: signature block and recipients ("Nơi nhận"), which often share a two-column table.

Readers may give the two cells in either order, so each is found by its own markers: the recipients by
"Nơi nhận:" and its dash items ending in "- Lưu: …"; the signature by delegation lines (TM./KT./TL. …),
a position in capitals and a person's name after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from vnadmin.model import Signature
from vnadmin.segment import patterns as P

_LINE = regex.compile(r"[^\n]*")
SIGNATURE_WINDOW = 1200
"""How far (characters) around the recipients list a signature block is looked for."""


@dataclass
class Recipients:
    items: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    archive_line: str | None = None
    span: tuple[int, int] | None = None


@dataclass
class Closing:
    recipients: Recipients
    signature: Signature | None
    start: int
    """Where the closing zone begins (the body ends there); len(text) when there is none."""
    end: int
    """Where the closing zone ends; an appendix may follow."""


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text, start, end):
        if m.start() == m.end() and out and out[-1][1] == m.start():
            continue
        out.append((m.start(), m.end()))
    return out


def find_recipients(text: str, start: int, end: int) -> Recipients:
    """The last 'Nơi nhận:' list in [start, end)."""
    opening = None
    for m in P.RECIPIENTS_OPENING.finditer(text, start, end):
        opening = m
    if opening is None:
        return Recipients()
    r = Recipients()
    current: list[int] | None = None
    last_end = opening.end()
    for ls, le in _lines(text, opening.end(), end):
        line = text[ls:le]
        if not line.strip():
            if r.archive_line is not None:
                break
            continue
        item = P.LIST_ITEM.match(line)
        inline = ls < opening.end() + 1 and ls == opening.end()
        if item or inline:
            body_start = ls + (item.end() if item else 0)
            while body_start < le and text[body_start] == " ":
                body_start += 1
            current = [body_start, le]
            _push(r, text, current)
            last_end = le
            if P.ARCHIVE_LINE.match(text[body_start:le]):
                break
        elif current is None and _is_signature_line(line):
            continue  # a closing table read row by row: "Nơi nhận:" | "KT. CHỦ TỊCH", then the items
        elif current is not None and not _is_signature_line(line) and line[:1].islower():
            current[1] = le  # an item wrapped over two lines
            _replace_last(r, text, current)
            last_end = le
        elif current is not None and r.archive_line is None and _signature_between_items(text, ls, end):
            continue  # the signature cell read between two parts of the list (a two-column closing table)
        else:
            break
    r.span = (opening.start(), last_end)
    return r


# A person's name on a line of its own: "Trịnh Thị Minh Thanh" (two to six capitalised words).
_NAME_LINE = regex.compile(r"\s*\p{Lu}[\p{Ll}\p{M}]*(?:[^\S\n]+\p{Lu}[\p{Ll}\p{M}]*){1,5}\s*")
_MAX_SIGNATURE_LINES = 8


def _signature_between_items(text: str, start: int, end: int) -> bool:
    """Whether the lines from ``start`` are a signature block (delegation, position, name) followed by more
    list items: the reading order of a two-column closing table whose list runs past the signature."""
    seen = 0
    for ls, le in _lines(text, start, end):
        line = text[ls:le]
        if not line.strip():
            continue
        if P.LIST_ITEM.match(line):
            return seen > 0
        if not (_is_signature_line(line) or _NAME_LINE.fullmatch(line)) or seen >= _MAX_SIGNATURE_LINES:
            return False
        seen += 1
    return False


def _clean_item(text: str) -> str:
    return " ".join(text.split()).rstrip(";.,:").strip()


def _push(r: Recipients, text: str, span: list[int]) -> None:
    """Add an item as written on its line ("Bộ Nội vụ; Bộ Tài chính" stays one item)."""
    start, end = span
    parts: list[tuple[int, int]] = []
    ps = start
    for m in _ITEM_BREAK.finditer(text, start, end):
        parts.append((ps, m.start() + 1))
        ps = m.end()
    parts.append((ps, end))
    for ps, pe in parts:
        item = _clean_item(text[ps:pe])
        if not item:
            continue
        if P.ARCHIVE_LINE.match(item):
            r.archive_line = _clean_item(text[ps:end])
            return
        r.items.append(item)
        r.spans.append(_trim(text, ps, pe))


# "Như trên;- Bộ trưởng (để b/c)": two dash items that a reader put on one line.
_ITEM_BREAK = regex.compile(r";[ \t]*[-–][ \t]*(?=\S)")


def _replace_last(r: Recipients, text: str, span: list[int]) -> None:
    item = _clean_item(text[span[0] : span[1]])
    if r.archive_line is not None:
        r.archive_line = item
    elif r.items:
        r.items[-1] = item
        r.spans[-1] = _trim(text, span[0], span[1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ;.,:\n":
        end -= 1
    return start, end


def _is_signature_line(line: str) -> bool:
    s = line.strip()
    return bool(P.DELEGATION.match(s) or (s.isupper() and P.POSITION_WORDS.search(s)))


def find_signature(text: str, start: int, end: int) -> tuple[Signature | None, tuple[int, int] | None]:
    """The signature block in [start, end): the last delegation line group, else the last position + name."""
    lines = [(s, e) for s, e in _lines(text, start, end) if text[s:e].strip()]
    best: int | None = None
    for i, (s, e) in enumerate(lines):
        stripped = text[s:e].strip()
        if P.DELEGATION.match(stripped):
            if best is None or i > best + 3:
                best = i
        elif best is None and _is_position(stripped) and _name_after(text, lines, i) is not None:
            best = i
    if best is None:
        for i in range(len(lines) - 1, -1, -1):
            stripped = text[lines[i][0] : lines[i][1]].strip()
            if _is_position(stripped) and _name_after(text, lines, i) is not None:
                best = i
                break
    if best is None:
        return _position_only(text, lines)
    on_behalf: str | None = None
    authority: str | None = None
    position: str | None = None
    i = best
    while i < len(lines):
        stripped = _STRAY_NOTE.sub("", " ".join(text[lines[i][0] : lines[i][1]].split()))
        d = P.DELEGATION.match(stripped)
        if d:
            if d.group("prefix").replace(".", "/").upper() in {"TM", "T/M"}:
                on_behalf = stripped
            authority = stripped
            i += 1
            continue
        if authority and position is None and (P.LIST_ITEM.match(stripped) or P.RECIPIENTS_OPENING.match(stripped)):
            i += 1  # recipients between the delegation and the position (closing table read row by row)
            continue
        if authority and _continues_delegation(stripped):
            # "TM. ỦY BAN NHÂN" / "DÂN": a delegation line wrapped in a narrow cell.
            authority = f"{authority} {stripped}"
            on_behalf = authority if on_behalf and on_behalf in authority else on_behalf
            i += 1
            continue
        garbled = not _is_position(stripped) and _is_position(_GARBLED_START.sub("", stripped))
        if authority and position is None and garbled:
            # "đồ CHỦ NHIỆM": a position line under the seal, its first word misread; it is not a name.
            i += 1
            continue
        if _is_position(stripped) or (authority and stripped.isupper()):
            position = stripped
            i += 1
            # "VỤ TRƯỞNG" / "VỤ TỔ CHỨC PHI CHÍNH PHỦ": the position names its unit on the next line.
            # "CHỦ TỊCH" / "GIÁM ĐỐC SỞ NỘI VỤ": a second title held by the same signer.
            while i < len(lines):
                nxt = " ".join(text[lines[i][0] : lines[i][1]].split())
                if not (nxt.isupper() and (P.ORG_HEAD.match(nxt) or _is_position(nxt))) or P.DELEGATION.match(nxt):
                    break
                position = f"{position} {nxt}"
                i += 1
        break
    # Without a position, a name may still follow the delegation lines: on a scan the seal often covers the
    # position line ("KT. TRƯỞNG BAN" / [PHÓ TRƯỞNG BAN under the seal] / "Nguyễn Văn Hùng").
    name_index = _name_after(text, lines, i - 1) if position or authority else None
    name = " ".join(text[lines[name_index][0] : lines[name_index][1]].split()) if name_index is not None else None
    if name is not None:
        name = complete_name(P.RANK.sub("", name), text)
    last = lines[name_index if name_index is not None else max(best, i - 1)]
    span = (lines[best][0], last[1])
    return (
        Signature(on_behalf_of=on_behalf, authority=authority, position=position, name=name, span=span),
        span,
    )


# A misread first word (1-3 characters, a seal's mark) before a line in capitals: "đồ CHỦ NHIỆM".
_GARBLED_START = regex.compile(r"^\S{1,3}\s+(?=\p{Lu}{2})")

# "(báo cáo) PHÓ CHỦ TỊCH": a note from the other column glued before a signature line by a PDF reader.
_STRAY_NOTE = regex.compile(r"^\([\p{Ll}\s/.,]+\)\s*(?=\p{Lu})")


def _continues_delegation(line: str) -> bool:
    return line.isupper() and not P.POSITION_WORDS.search(line) and not P.DELEGATION.match(line) and len(line) < 40


def _position_only(text: str, lines: list[tuple[int, int]]) -> tuple[Signature | None, tuple[int, int] | None]:
    """An unsigned draft ends with the position alone ("CHỦ TỊCH"): take the last such line."""
    for s, e in reversed(lines[-3:]):
        line = " ".join(text[s:e].split())
        if _is_position(line):
            return Signature(position=line, span=(s, e)), (s, e)
    return None, None


def _is_position(line: str) -> bool:
    return line.isupper() and len(line.split()) <= 10 and bool(P.POSITION_WORDS.search(line))


def complete_name(name: str, text: str) -> str:
    """A signer's name whose first word(s) were lost, completed from the same name written in full elsewhere.

    On a scan the seal is stamped over the left part of the printed name, and OCR reads only its end
    ("Mạnh Cường" for "Phạm Mạnh Cường"). A name of two words that does not start with a family name is
    such an end; when the document writes it once or more in full after one family name, always the same
    ("các PCN: Nguyễn Sỹ Hiệp, Phạm Mạnh Cường" in the recipients), that family name is added.

    >>> complete_name("Mạnh Cường", "- VPCP: BTCN, các PCN: Nguyễn Sỹ Hiệp,\\nPhạm Mạnh Cường, các vụ")
    'Phạm Mạnh Cường'
    >>> complete_name("Lê Hùng", "Ông Văn Lê Hùng"), complete_name("Mạnh Cường", "ông Mạnh Cường")
    ('Lê Hùng', 'Mạnh Cường')
    """
    words = name.split()
    if len(words) != 2 or words[0] in P.FAMILY_NAMES or not all(w[:1].isupper() for w in words):
        return name
    before = regex.compile(
        r"(?<![\p{L}\p{M}])(\p{Lu}[\p{Ll}\p{M}]*)\s+" + r"\s+".join(map(regex.escape, words)) + r"(?![\p{L}\p{M}])"
    )
    found = {m.group(1) for m in before.finditer(text)}
    if len(found) == 1 and (family := found.pop()) in P.FAMILY_NAMES:
        return f"{family} {name}"
    return name


def _name_after(text: str, lines: list[tuple[int, int]], i: int) -> int | None:
    """Index of the signer's name: the first line after ``i`` that reads as a person's name."""
    for j in range(i + 1, min(i + 6, len(lines))):
        line = " ".join(text[lines[j][0] : lines[j][1]].split())
        if P.SIGNED_NOTE.match(line) or not line.strip("()[]. "):
            continue
        if P.DELEGATION.match(line) or _is_position(line):
            return None
        if P.PERSON_NAME.match(line):
            return j
        if sum(c.isalpha() for c in line) < 3 or (line.isupper() and len(line.split()) > 2):
            # A signature scrawl or a seal read as a few marks ("ZZ~—"), or the signer's unit under the
            # title ("CỤC CẢNH SÁT ĐTTP VỀ MA TÚY"): the name is further down.
            continue
        return None
    return None


def find_closing(text: str, body_start: int, body_end: int) -> Closing:
    """Signature and recipients between the body start and the footnotes."""
    recipients = find_recipients(text, body_start, body_end)
    if recipients.span:
        lo = max(body_start, recipients.span[0] - SIGNATURE_WINDOW)
        hi = min(body_end, recipients.span[1] + SIGNATURE_WINDOW)
    else:
        lo = max(body_start, body_end - 2 * SIGNATURE_WINDOW)
        hi = body_end
    signature, sig_span = find_signature(text, lo, hi)
    spans = [s for s in (recipients.span, sig_span) if s]
    if not spans:
        return Closing(recipients, None, body_end, body_end)
    start = min(s[0] for s in spans)
    end = max(s[1] for s in spans)
    # The closing sentence ends the body; anything between it and the closing zone belongs to the zone.
    return Closing(recipients, signature, start, end)
