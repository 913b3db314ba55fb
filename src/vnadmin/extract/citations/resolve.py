"""Resolution: mentions of the same document linked to one reference with a stable key.

Rules, from sure to unsure:

1. the same number (canonical form, see :func:`~vnadmin.extract.citations.number.format`) with compatible
   dates (equal, or one missing) is one document;
2. a normative number and its short variant ("55/2023/NQ-HĐND" then "55/NQ-HĐND") with the same type, serial,
   issuer and compatible dates are linked, and the reference says so (``uncertain`` and ``note``);
3. a short form ("Chỉ thị số 33") goes to the reference of the same type and serial; when several fit, to the
   nearest one before it, marked uncertain; a short form without "số" that fits nothing is dropped;
4. references by name are grouped by type and folded name.

The key is ``<type code>|<serial>|<year>|<issuer codes>`` ("CT|33|2021|TTg"); for a reference by name the
number part is the folded name ("Luật|thực hiện dân chủ ở cơ sở||").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vnadmin.extract.citations.mentions import Mention, type_code_for
from vnadmin.extract.citations.number import DocumentNumber
from vnadmin.normalize import fold


@dataclass(slots=True)
class _Ref:
    key: str
    doc_type: str | None
    number: str | None
    date: dt.date | None
    issuer: str | None
    subject: str | None
    canonical: str | None = None
    loose: tuple[str | None, int | None, tuple[str, ...]] | None = None
    family: str | None = None
    parsed: DocumentNumber | None = None
    mentions: list[int] = field(default_factory=list)
    uncertain: bool = False
    notes: list[str] = field(default_factory=list)

    def absorb(self, m: Mention) -> None:
        self.date = self.date or m.date
        self.issuer = self.issuer or m.issuer
        self.subject = self.subject or m.subject
        self.doc_type = self.doc_type or m.doc_type
        if m.parsed is not None and self.parsed is not None and m.parsed.year and not self.parsed.year:
            # "55/NQ-HĐND" then "55/2023/NQ-HĐND": the full normative form names the reference.
            self.parsed, self.number = m.parsed, m.number

    def final_key(self) -> str:
        """The key once every mention is in: the year may come from a later mention's date."""
        if self.parsed is not None:
            return self.parsed.key(self.date.year if self.date else None)
        return self.key


@dataclass(frozen=True, slots=True)
class Resolved:
    """Outcome of :func:`resolve`: the kept mentions, the reference of each, and the references."""

    mentions: list[Mention]
    links: list[int]
    references: list[_Ref]


def _compatible(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or a == b


def _name_key(m: Mention) -> str:
    name = fold(m.name or "")
    t = fold(m.doc_type or "")
    if name.startswith(t):
        name = name[len(t) :].strip()
    return name


def resolve(mentions: list[Mention]) -> Resolved:
    """Link mentions (in text order) to references."""
    refs: list[_Ref] = []
    kept: list[Mention] = []
    links: list[int] = []

    def link(m: Mention, ref_index: int) -> None:
        refs[ref_index].mentions.append(len(kept))
        refs[ref_index].absorb(m)
        kept.append(m)
        links.append(ref_index)

    # Full numbers first, so that short forms anywhere in the text can find them.
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].kind != "number", mentions[i].start))
    pending: dict[int, int] = {}
    numbers = _NumberIndex()
    for i in order:
        m = mentions[i]
        if m.kind == "number" and m.parsed is not None:
            pending[i] = _resolve_number(m, refs, numbers)
        elif m.kind == "short":
            r = _resolve_short(m, mentions, pending, refs)
            if r is not None:
                pending[i] = r
        else:
            pending[i] = _resolve_named(m, refs)
    for i in sorted(pending):
        link(mentions[i], pending[i])
    used = sorted({r for r in links})
    renumber = {old: new for new, old in enumerate(used)}
    final_refs = [refs[r] for r in used]
    for ref in final_refs:
        ref.mentions = []
        ref.key = ref.final_key()
    final_links = [renumber[r] for r in links]
    for mi, r in enumerate(final_links):
        final_refs[r].mentions.append(mi)
    return Resolved(kept, final_links, final_refs)


@dataclass(slots=True)
class _NumberIndex:
    """The references made from full numbers (by :func:`_resolve_number`), by canonical number and by loose
    identity, in creation order: a lookup reads only the few references that can match, not every one."""

    by_canonical: dict[str, list[int]] = field(default_factory=dict)
    by_loose: dict[tuple[str | None, int | None, tuple[str, ...]], list[int]] = field(default_factory=dict)

    def add(self, i: int, canonical: str, loose: tuple[str | None, int | None, tuple[str, ...]]) -> None:
        self.by_canonical.setdefault(canonical, []).append(i)
        self.by_loose.setdefault(loose, []).append(i)


def _resolve_number(m: Mention, refs: list[_Ref], index: _NumberIndex) -> int:
    assert m.parsed is not None
    p = m.parsed
    canonical = str(p)
    loose = (p.type_code, p.serial, p.issuers)
    # Only references made here carry a canonical number and a family, so the index holds every candidate.
    for i in index.by_canonical.get(canonical, ()):
        if _compatible(refs[i].date, m.date):
            return i
    variant_families = {"normative", "administrative"}
    for i in index.by_loose.get(loose, ()):
        r = refs[i]
        same_date = r.date is not None and r.date == m.date
        if r.family != p.family and {r.family, p.family} == variant_families and same_date:
            r.uncertain = True
            r.notes.append(f"'{m.number}' read as a variant of '{r.number}' (same type, serial, issuer and date)")
            return i
    year = p.year or (m.date.year if m.date else None)
    index.add(len(refs), canonical, loose)
    refs.append(
        _Ref(
            key=p.key(year),
            doc_type=m.doc_type or p.type_name,
            number=m.number,
            date=m.date,
            issuer=m.issuer,
            subject=m.subject,
            canonical=canonical,
            loose=loose,
            family=p.family,
            parsed=p,
        )
    )
    return len(refs) - 1


def _resolve_short(m: Mention, mentions: list[Mention], pending: dict[int, int], refs: list[_Ref]) -> int | None:
    code = type_code_for(m)
    serial = int(m.number) if m.number and m.number.isdigit() else None
    candidates = [
        i
        for i, r in enumerate(refs)
        if r.loose is not None
        and r.loose[1] == serial
        and (r.loose[0] == code or code is None)
        and _compatible(r.date, m.date)
    ]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        before = [
            (mentions[i].start, ref) for i, ref in pending.items() if ref in candidates and mentions[i].start < m.start
        ]
        choice = max(before)[1] if before else candidates[0]
        refs[choice].uncertain = True
        refs[choice].notes.append(f"short form '{m.number}' fits several references; nearest one taken")
        return choice
    if not m.has_so:
        return None
    year = m.date.year if m.date else None
    refs.append(
        _Ref(
            key=f"{code or m.doc_type or ''}|{serial if serial is not None else ''}|{year or ''}|",
            doc_type=m.doc_type,
            number=m.number,
            date=m.date,
            issuer=m.issuer,
            subject=m.subject,
            loose=(code, serial, ()),
        )
    )
    return len(refs) - 1


def _resolve_named(m: Mention, refs: list[_Ref]) -> int:
    code = type_code_for(m) or m.doc_type or ""
    key = f"{code}|{_name_key(m)}||"
    for i, r in enumerate(refs):
        if r.key == key:
            return i
    refs.append(_Ref(key=key, doc_type=m.doc_type, number=None, date=m.date, issuer=m.issuer, subject=m.subject))
    return len(refs) - 1
