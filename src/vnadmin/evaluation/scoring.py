"""Scoring one parsed document against its gold answer: true/false positives and negatives per field.

Every scorer returns :class:`Counts`; counts of several documents add up (micro-average). A wrong value
is both a false positive and a false negative. ``correct``/``total`` feed the accuracy column: for
single-valued fields a document is correct when both values are equal or both are null; for the
citation type/date rows they count matched citation pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import TypeVar

from vnadmin.evaluation.gold import Gold, GoldCitation, GoldDeadline, GoldSection
from vnadmin.model import Document, Section
from vnadmin.model.citations import Citation
from vnadmin.model.tasks import Deadline
from vnadmin.normalize import fold

G = TypeVar("G")
P = TypeVar("P")

META_FIELDS = ("doc_type", "number", "issuer", "issued_date", "title", "archive_line")
SIGNER_FIELDS = ("signer.name", "signer.position", "signer.authority")
SECTIONS = "sections (label+level)"
SECTIONS_TITLE = "sections with title"
SECTIONS_LENIENT = "sections with title (lenient)"
RECIPIENTS = "recipients"
CITATIONS_NUMBERED = "citations numbered"
CITATIONS_TYPE = "citations numbered: type acc"
CITATIONS_DATE = "citations numbered: date acc"
CITATIONS_NAMED = "citations named"
ASSIGNEE_NAMES = "assignee names"
ASSIGNEE_ROLES = "assignee name+role"
DEADLINES = "deadlines (date or recurrence exact)"

FIELDS: tuple[str, ...] = (
    *META_FIELDS,
    *SIGNER_FIELDS,
    SECTIONS,
    SECTIONS_TITLE,
    SECTIONS_LENIENT,
    RECIPIENTS,
    CITATIONS_NUMBERED,
    CITATIONS_TYPE,
    CITATIONS_DATE,
    CITATIONS_NAMED,
    ASSIGNEE_NAMES,
    ASSIGNEE_ROLES,
    DEADLINES,
)
"""Every scored field, in report order."""

VALUE_FIELDS = frozenset((*META_FIELDS, *SIGNER_FIELDS))
"""One value per document: these have an accuracy (both null counts as correct)."""
ACCURACY_ONLY = frozenset((CITATIONS_TYPE, CITATIONS_DATE))
"""Rows with an accuracy over matched pairs and no precision/recall."""

EXCLUDED_KINDS = frozenset({"dash", "plus", "appendix", "part", "chapter", "subsection"})
"""Predicted section kinds the gold does not list."""

ROLES = {"lead": "chủ trì", "cooperate": "phối hợp", "requested": "đề nghị", "responsible": "thực hiện"}
"""Model role → the gold's Vietnamese role word."""

TITLE_OVERLAP = 0.8
TEXT_OVERLAP = 0.6


@dataclass
class Counts:
    """Matches of one field, summed over documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


# --- Keys: what "equal" means ---------------------------------------------------------------------------------

_TRAILING = " .,:;…" + "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TOKEN = re.compile(r"\w+")


def text_key(value: str | None) -> str | None:
    """fold() of a value; None for null or blank."""
    if value is None:
        return None
    key = fold(value)
    return key or None


def number_key(value: str | None) -> str | None:
    """A document number compared without spaces: '134 /KH-UBND' = '134/kh-ubnd'."""
    key = text_key(value)
    return key.replace(" ", "") if key else None


def label_key(label: str) -> str:
    """A section label without punctuation: 'I.' → 'i', '1)' → '1', '(1)' stays '(1)', 'Điều 3.' → 'điều 3'."""
    key = fold(label).rstrip(".:")
    if key.endswith(")") and not key.startswith("("):
        key = key[:-1]
    return key


def title_key(title: str | None) -> str:
    """A heading compared after fold(), without a final ':' or other trailing punctuation/footnote marks."""
    return fold(title or "").rstrip(_TRAILING)


def item_key(item: str) -> str:
    """A recipient compared after fold(), without a leading dash or final ';'/'.'."""
    return fold(item).strip(" -;.")


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(fold(text or ""))


def overlap(a: str | None, b: str | None) -> float:
    """Shared tokens (as multisets) over the longer token list: 1.0 for the same words, 0.0 if one is empty."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    shared = sum((Counter(ta) & Counter(tb)).values())
    return shared / max(len(ta), len(tb))


def rrule_key(rrule: str | None) -> str | None:
    """An RRULE compared upper-cased with its ';' parts sorted."""
    if not rrule:
        return None
    body = rrule.upper().removeprefix("RRULE:")
    parts = sorted(p.strip() for p in body.split(";") if p.strip())
    return ";".join(parts) or None


# --- Generic counting -----------------------------------------------------------------------------------------


def score_value(gold: str | None, pred: str | None) -> Counts:
    """A single-valued field; both arguments already keyed (None = null)."""
    if gold is not None and pred is not None:
        if gold == pred:
            return Counts(tp=1, correct=1, total=1)
        return Counts(fp=1, fn=1, total=1)
    if pred is not None:
        return Counts(fp=1, total=1)
    if gold is not None:
        return Counts(fn=1, total=1)
    return Counts(correct=1, total=1)


def score_multiset(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> Counts:
    """Items matched as multisets: each gold item pairs with at most one equal prediction."""
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return Counts(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def greedy_pairs(gold: Sequence[G], pred: Sequence[P], ok: Callable[[G, P], bool]) -> list[tuple[G, P]]:
    """One-to-one pairs: each gold item, in order, takes the first unused prediction ``ok`` accepts."""
    used: set[int] = set()
    pairs: list[tuple[G, P]] = []
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and ok(g, p):
                used.add(j)
                pairs.append((g, p))
                break
    return pairs


def pair_counts(n_gold: int, n_pred: int, n_pairs: int) -> Counts:
    return Counts(tp=n_pairs, fp=n_pred - n_pairs, fn=n_gold - n_pairs)


# --- Fields ---------------------------------------------------------------------------------------------------


def predicted_values(doc: Document | None) -> dict[str, str | None]:
    """The single-valued fields of a parsed document, as strings (ISO for the date)."""
    if doc is None:
        return dict.fromkeys((*META_FIELDS, *SIGNER_FIELDS))
    m, sig = doc.metadata, doc.signature
    return {
        "doc_type": m.doc_type,
        "number": m.number,
        "issuer": m.issuer,
        "issued_date": m.issued_date.isoformat() if m.issued_date else None,
        "title": m.title,
        "archive_line": doc.archive_line,
        "signer.name": sig.name if sig else None,
        "signer.position": sig.position if sig else None,
        "signer.authority": sig.authority if sig else None,
    }


def gold_values(gold: Gold) -> dict[str, str | None]:
    s = gold.signer
    return {
        "doc_type": gold.doc_type,
        "number": gold.number,
        "issuer": gold.issuer,
        "issued_date": gold.issued_date,
        "title": gold.title,
        "archive_line": gold.archive_line,
        "signer.name": s.name if s else None,
        "signer.position": s.position if s else None,
        "signer.authority": s.authority if s else None,
    }


def score_values(gold: Gold, doc: Document | None) -> dict[str, Counts]:
    g, p = gold_values(gold), predicted_values(doc)
    out: dict[str, Counts] = {}
    for name in (*META_FIELDS, *SIGNER_FIELDS):
        key = number_key if name == "number" else text_key
        out[name] = score_value(key(g[name]), key(p[name]))
    return out


def predicted_sections(doc: Document | None) -> list[GoldSection]:
    """Sections of the kinds the gold lists, re-levelled: 1 + the number of such ancestors."""
    out: list[GoldSection] = []

    def walk(sections: list[Section], depth: int) -> None:
        for s in sections:
            counted = s.kind not in EXCLUDED_KINDS
            if counted:
                out.append(GoldSection(number=s.label, title=s.title, level=depth + 1))
            walk(s.children, depth + 1 if counted else depth)

    if doc is not None:
        walk(doc.sections, 0)
    return out


def lenient_title_match(a: str | None, b: str | None) -> bool:
    """One title is a prefix of the other, or they share ≥ 80% of their words."""
    ka, kb = title_key(a), title_key(b)
    if ka == kb:
        return True
    if ka and kb and (ka.startswith(kb) or kb.startswith(ka)):
        return True
    return overlap(ka, kb) >= TITLE_OVERLAP


def score_sections(gold: Sequence[GoldSection], pred: Sequence[GoldSection]) -> dict[str, Counts]:
    def place(s: GoldSection) -> tuple[str, int]:
        return label_key(s.number), s.level

    lenient = greedy_pairs(gold, pred, lambda g, p: place(g) == place(p) and lenient_title_match(g.title, p.title))
    return {
        SECTIONS: score_multiset(map(place, gold), map(place, pred)),
        SECTIONS_TITLE: score_multiset(
            ((*place(s), title_key(s.title)) for s in gold), ((*place(s), title_key(s.title)) for s in pred)
        ),
        SECTIONS_LENIENT: pair_counts(len(gold), len(pred), len(lenient)),
    }


def score_citations(gold: Sequence[GoldCitation], pred: Sequence[Citation]) -> dict[str, Counts]:
    """Numbered citations match on the number; named ones on the type and ≥ 60% shared words."""
    g_num = [c for c in gold if c.number]
    p_num = [c for c in pred if c.number]
    pairs = greedy_pairs(g_num, p_num, lambda g, p: number_key(g.number) == number_key(p.number))
    type_ok = sum(text_key(g.doc_type) == text_key(p.doc_type) for g, p in pairs)
    date_ok = sum(g.date == (p.date.isoformat() if p.date else None) for g, p in pairs)

    g_named = [c for c in gold if not c.number]
    p_named = [c for c in pred if not c.number]
    named = greedy_pairs(
        g_named,
        p_named,
        lambda g, p: text_key(g.doc_type) == text_key(p.doc_type) and overlap(g.text, p.text) >= TEXT_OVERLAP,
    )
    return {
        CITATIONS_NUMBERED: pair_counts(len(g_num), len(p_num), len(pairs)),
        CITATIONS_TYPE: Counts(correct=type_ok, total=len(pairs)),
        CITATIONS_DATE: Counts(correct=date_ok, total=len(pairs)),
        CITATIONS_NAMED: pair_counts(len(g_named), len(p_named), len(named)),
    }


UNSCORED_TASK_SOURCES = frozenset({"appendix_table"})
"""Gold convention: the body columns of appendix tables and schedules name no assignees of the document."""


def score_assignees(gold: Gold, doc: Document | None) -> dict[str, Counts]:
    """Assignees as sets per document: names, and (name, role) pairs (tasks of appendix tables left out)."""
    g_pairs = {(fold(a.name), fold(a.role)) for a in gold.assignees}
    p_pairs: set[tuple[str, str]] = set()
    if doc is not None:
        p_pairs = {
            (fold(a.name), ROLES[a.role])
            for t in doc.tasks
            if t.source not in UNSCORED_TASK_SOURCES
            for a in t.assignees
        }
    return {
        ASSIGNEE_NAMES: score_multiset({n for n, _ in g_pairs}, {n for n, _ in p_pairs}),
        ASSIGNEE_ROLES: score_multiset(g_pairs, p_pairs),
    }


def deadline_match(g: GoldDeadline, p: Deadline) -> bool:
    """Same day, or same RRULE, or (neither has a day or a rule) ≥ 60% shared words."""
    p_date = p.date.isoformat() if p.date else None
    g_rule, p_rule = rrule_key(g.rrule), rrule_key(p.recurrence.rrule if p.recurrence else None)
    if g.date is not None and g.date == p_date:
        return True
    if g_rule is not None and g_rule == p_rule:
        return True
    if g.date is None and g_rule is None and p_date is None and p_rule is None:
        return overlap(g.text, p.text) >= TEXT_OVERLAP
    return False


def score_deadlines(gold: Sequence[GoldDeadline], pred: Sequence[Deadline]) -> Counts:
    return pair_counts(len(gold), len(pred), len(greedy_pairs(gold, pred, deadline_match)))


def score_document(gold: Gold, doc: Document | None) -> dict[str, Counts]:
    """All fields of one document. ``doc=None`` (the parse failed) makes every gold item a false negative."""
    out = score_values(gold, doc)
    out.update(score_sections(gold.sections, predicted_sections(doc)))
    p_recipients = doc.recipients if doc is not None else []
    out[RECIPIENTS] = score_multiset(map(item_key, gold.recipients), map(item_key, p_recipients))
    out.update(score_citations(gold.citations, doc.citations if doc is not None else []))
    out.update(score_assignees(gold, doc))
    out[DEADLINES] = score_deadlines(gold.deadlines, doc.deadlines if doc is not None else [])
    if doc is None:  # a failed parse gets no credit for fields that are null in the gold
        for name in VALUE_FIELDS:
            out[name].correct = 0
    return {name: out[name] for name in FIELDS}
