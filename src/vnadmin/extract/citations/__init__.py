"""Citations: every reference to another document, parsed, resolved and linked.

>>> cs = extract_citations("Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về dân vận;")
>>> [(c.doc_type, c.number, c.date.isoformat(), c.issuer, c.in_legal_basis) for c in cs]
[('Chỉ thị', '33/CT-TTg', '2021-11-26', 'Thủ tướng Chính phủ', True)]
>>> cs[0].text
'Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ'

Two verbs: :func:`extract_citations` for plain text, :func:`find_citations` for a parsed
:class:`~vnadmin.model.Document` (mentions placed in sections, footnotes and legal bases, and linked to
references). Numbers are a value type of their own: :class:`~vnadmin.extract.citations.number.DocumentNumber`.
"""

from __future__ import annotations

import bisect
from collections import Counter

import regex

from vnadmin.extract.citations import patterns as P
from vnadmin.extract.citations.mentions import Mention, find_mentions, type_code_for
from vnadmin.extract.citations.number import DocumentNumber, InvalidNumber
from vnadmin.extract.citations.resolve import resolve
from vnadmin.model import Citation, Document, Reference, Section
from vnadmin.normalize import fold

__all__ = ["DocumentNumber", "extract_citations", "find_citations", "link_citations"]

Spans = list[tuple[int, int]]

_WORD = regex.compile(r"[\p{L}\d]+")
_SELF_MIN_WORDS = 4


def _inside(spans: Spans, s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _overlaps(spans: Spans, s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in spans)


class _Innermost:
    """The innermost section holding an offset, found by bisection: sections nest, so the last one (by start,
    longer first) that starts at or before the offset and still holds it is the innermost."""

    def __init__(self, sections: list[Section]) -> None:
        order = sorted(range(len(sections)), key=lambda i: (sections[i].span[0], -sections[i].span[1], i))
        self.sections = [sections[i] for i in order]
        self.starts = [s.span[0] for s in self.sections]

    def path(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0:
            a, b = self.sections[i].span
            if a <= offset < b:
                return self.sections[i].path
            i -= 1
        return None


def _to_citation(
    text: str, m: Mention, ref: int | None, *, section: str | None, footnote: bool, legal: bool
) -> Citation:
    return Citation(
        text=text[m.start : m.end],
        span=(m.start, m.end),
        doc_type=m.doc_type,
        doc_type_code=type_code_for(m),
        number=m.number,
        date=m.date,
        issuer=m.issuer,
        subject=m.subject,
        section=section,
        in_footnote=footnote,
        in_legal_basis=legal,
        reference=ref,
    )


def link_citations(
    text: str,
    mentions: list[Mention],
    *,
    sections: list[Section] | None = None,
    footnotes: Spans | None = None,
    legal_bases: Spans | None = None,
) -> tuple[list[Citation], list[Reference]]:
    """Resolve mentions and build the model objects (used by both verbs)."""
    resolved = resolve(mentions)
    fns = footnotes or []
    lbs = legal_bases or []
    innermost = _Innermost(sections or [])
    citations = [
        _to_citation(
            text,
            m,
            r,
            section=innermost.path(m.start),
            footnote=_inside(fns, m.start, m.end),
            legal=_overlaps(lbs, m.start, m.end),
        )
        for m, r in zip(resolved.mentions, resolved.links, strict=True)
    ]
    references = [
        Reference(
            key=r.key,
            doc_type=r.doc_type,
            number=r.number,
            date=r.date,
            issuer=r.issuer,
            subject=r.subject,
            mentions=r.mentions,
            uncertain=r.uncertain,
            note="; ".join(r.notes) or None,
        )
        for r in resolved.references
    ]
    return citations, references


def extract_citations(text: str) -> list[Citation]:
    """Every citation in ``text`` (taken as is: spans index it), linked through ``Citation.reference``.

    Footnotes and legal bases are recognised by their line openings ("¹ …", "Căn cứ …"); sections are not
    known without a parsed document, so ``section`` stays None. Never raises on any string.

    >>> [c.number for c in extract_citations("các Quyết định số 12/QĐ-UBND, 13/QĐ-UBND của UBND tỉnh")]
    ['12/QĐ-UBND', '13/QĐ-UBND']
    >>> [c.text for c in extract_citations("thực hiện Luật Thực hiện dân chủ ở cơ sở và các văn bản")]
    ['Luật Thực hiện dân chủ ở cơ sở']
    """
    mentions = find_mentions(text)
    footnotes = [(m.start(), m.end()) for m in P.FOOTNOTE_LINE.finditer(text)]
    legal = [(m.start(), m.end()) for m in P.LEGAL_BASIS_LINE.finditer(text)]
    return link_citations(text, mentions, footnotes=footnotes, legal_bases=legal)[0]


def _own_number(doc: Document) -> str | None:
    """The document's own number in canonical form, None when it has none or it does not parse."""
    if not doc.metadata.number:
        return None
    try:
        return str(DocumentNumber.parse(doc.metadata.number))
    except InvalidNumber:
        return None


def _is_self(doc: Document, m: Mention, own: str | None) -> bool:
    """A mention of the document itself: its own number (``own``, see :func:`_own_number`), or its own title
    ("Kế hoạch thực hiện …")."""
    md = doc.metadata
    same_number = own is not None and m.parsed is not None and own == str(m.parsed)
    if same_number and (m.date is None or m.date == md.issued_date):
        return True
    if m.kind == "named" and md.title and md.doc_type and fold(m.doc_type or "") == fold(md.doc_type):
        name = " ".join(fold(m.name or "")[len(fold(m.doc_type or "")) :].split())
        title = " ".join(fold(md.title).split())
        if name and (title.startswith(name) or name.startswith(title)):
            return True
        # The title shortened in the body: "Kế hoạch quan trắc, cảnh báo môi trường nuôi trồng thủy sản năm 2026"
        # for "… thủy sản trên địa bàn tỉnh Thanh Hóa năm 2026" (every word of the name is in the title).
        words = _WORD.findall(name)
        if len(words) >= _SELF_MIN_WORDS and not Counter(words) - Counter(_WORD.findall(title)):
            return True
    return False


def find_citations(doc: Document) -> tuple[list[Citation], list[Reference]]:
    """Citations of a parsed document, with section, footnote and legal-basis flags, and their references.

    ``Citation.page`` is left for the pipeline to fill.
    """
    text = doc.text
    own = _own_number(doc)  # parsed once, not once per mention
    mentions = [m for m in find_mentions(text) if not _is_self(doc, m, own)]
    footnotes = [f.span for f in doc.footnotes]
    if doc.legal_bases:
        legal = [lb.span for lb in doc.legal_bases]
    else:
        legal = [(m.start(), m.end()) for m in P.LEGAL_BASIS_LINE.finditer(text)]
    return link_citations(text, mentions, sections=doc.iter_sections(), footnotes=footnotes, legal_bases=legal)
