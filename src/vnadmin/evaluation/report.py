"""Running the parser over the gold set and printing the scores.

``evaluate(Path("corpus/gold"), Path("corpus/docs")).scores("scanned")["number"]["f1"]`` is the F1 of the
document number on scanned PDFs; :func:`render` prints the tables ``make eval`` shows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnadmin.evaluation.gold import (
    FORMATS,
    SCANNED,
    TEXT_LAYER,
    Gold,
    Placement,
    find_document,
    load_golds,
    place,
    read_manifest,
)
from vnadmin.evaluation.scoring import ACCURACY_ONLY, FIELDS, VALUE_FIELDS, Counts, score_document
from vnadmin.model import Document

ALL = "all"
HELDOUT = "held-out text-layer"
TUNED = "tuned-on text-layer"
GROUPS = (ALL, TEXT_LAYER, TUNED, HELDOUT, SCANNED)

Parser = Callable[[Path], Document]


@dataclass
class DocResult:
    """One gold document: where it is scored, its counts, and the parse error if any."""

    id: str
    path: str
    placement: Placement
    counts: dict[str, Counts]
    error: str | None = None


@dataclass
class Report:
    """Scores of a gold set: per document, summed per group and format, with errors and skipped golds."""

    docs: list[DocResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Gold ids whose document is missing."""

    heldout: set[str] = field(default_factory=set)
    """Gold ids listed in ``gold/HELDOUT``: documents annotated after the rules were written, never tuned on."""

    def _in(self, d: DocResult, group: str) -> bool:
        if group == HELDOUT:
            return d.id in self.heldout and d.placement.group == TEXT_LAYER
        if group == TUNED:
            return d.id not in self.heldout and d.placement.group == TEXT_LAYER
        return group in (ALL, d.placement.group, d.placement.format)

    def total(self, group: str = ALL) -> dict[str, Counts]:
        """Counts summed over the documents of a group (``all``, ``text-layer``, ``scanned``) or a format."""
        out = {name: Counts() for name in FIELDS}
        for d in self.docs:
            if self._in(d, group):
                for name in FIELDS:
                    out[name] = out[name] + d.counts[name]
        return out

    def scores(self, group: str = ALL) -> dict[str, dict[str, float | None]]:
        """Precision, recall, F1 and accuracy per field (None where undefined), plus ``n``."""
        return {name: _score_row(name, c) for name, c in self.total(group).items()}

    @property
    def errors(self) -> dict[str, str]:
        return {d.id: d.error for d in self.docs if d.error is not None}

    def n_docs(self, group: str = ALL) -> int:
        return sum(self._in(d, group) for d in self.docs)

    def to_json(self) -> dict[str, Any]:
        return {
            "groups": {g: {"documents": self.n_docs(g), "scores": self.scores(g)} for g in (*GROUPS, *FORMATS)},
            "documents": [
                {
                    "id": d.id,
                    "path": d.path,
                    "group": d.placement.group,
                    "format": d.placement.format,
                    "error": d.error,
                    "scores": {name: _score_row(name, c) for name, c in d.counts.items()},
                }
                for d in self.docs
            ],
            "errors": self.errors,
            "skipped": self.skipped,
        }


def _score_row(name: str, c: Counts) -> dict[str, float | None]:
    row: dict[str, float | None] = {
        "precision": c.precision,
        "recall": c.recall,
        "f1": c.f1,
        "accuracy": c.accuracy if name in VALUE_FIELDS | ACCURACY_ONLY else None,
        "n": _n(name, c),
    }
    if name in ACCURACY_ONLY:
        row.update(precision=None, recall=None, f1=None)
    return row


def _n(name: str, c: Counts) -> int:
    """Gold items of the field; matched pairs for the accuracy-only rows."""
    return c.total if name in ACCURACY_ONLY else c.tp + c.fn


def parse_file(path: Path) -> Document:
    import vnadmin

    return vnadmin.parse(path)


def evaluate_one(gold: Gold, path: Path, manifest: dict[str, str], parse: Parser = parse_file) -> DocResult:
    """Parse one document and score it; any exception is recorded and the document scored as empty."""
    doc: Document | None = None
    error: str | None = None
    try:
        doc = parse(path)
    except Exception as e:  # the harness reports, never crashes, on one bad file or a missing module
        error = f"{type(e).__name__}: {e}"
    codes = {w.code for w in doc.warnings} if doc is not None else set()
    return DocResult(
        id=gold.id,
        path=str(path),
        placement=place(path, manifest.get(gold.id), codes),
        counts=score_document(gold, doc),
        error=error,
    )


def evaluate(
    gold_dir: Path,
    docs_dir: Path,
    manifest: Path | None = None,
    parse: Parser = parse_file,
    ids: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Score the parser on every gold of ``gold_dir`` (or only ``ids``) with documents in ``docs_dir``.

    ``manifest`` defaults to ``MANIFEST.tsv`` next to ``docs_dir``; it decides which PDFs are scanned.
    """
    notes = read_manifest(manifest if manifest is not None else docs_dir.parent / "MANIFEST.tsv")
    wanted = set(ids) if ids is not None else None
    report = Report(heldout=read_heldout(gold_dir))
    for gold in load_golds(gold_dir):
        if wanted is not None and gold.id not in wanted:
            continue
        path = find_document(docs_dir, gold.id)
        if path is None:
            report.skipped.append(gold.id)
            continue
        if progress is not None:
            progress(gold.id)
        report.docs.append(evaluate_one(gold, path, notes, parse))
    return report


def read_heldout(gold_dir: Path) -> set[str]:
    """Ids in ``gold_dir/HELDOUT`` (one a line; '#' starts a comment)."""
    path = gold_dir / "HELDOUT"
    if not path.is_file():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


# --- Text output ----------------------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def markdown(header: list[str], rows: list[list[str]]) -> str:
    """A fixed-width markdown table: first column left-aligned, the others right-aligned."""
    widths = [max(5, *(len(r[i]) for r in [header, *rows])) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def render_table(totals: dict[str, Counts]) -> str:
    """``| field | P | R | F1 | acc | n |``: acc only for single-valued fields and matched-pair rows."""
    rows = []
    for name, c in totals.items():
        row = _score_row(name, c)
        cells = [_fmt(row[k]) for k in ("precision", "recall", "f1", "accuracy")]
        rows.append([name, *cells, str(_n(name, c))])
    return markdown(["field", "P", "R", "F1", "acc", "n"], rows)


def _headline(name: str, c: Counts) -> float | None:
    """The one number of a cell in the compact tables: F1, or accuracy for the accuracy-only rows."""
    return c.accuracy if name in ACCURACY_ONLY else c.f1


def render_formats(report: Report) -> str:
    """F1 per field and format (accuracy for the 'acc' rows); documents per format in the header."""
    totals = {fmt: report.total(fmt) for fmt in FORMATS}
    header = ["field (F1)", *(f"{fmt} ({report.n_docs(fmt)} docs)" for fmt in FORMATS)]
    rows = [[name, *(_fmt(_headline(name, totals[fmt][name])) for fmt in FORMATS)] for name in FIELDS]
    return markdown(header, rows)


def render_per_doc(report: Report) -> str:
    """One row per document: F1 of each field (accuracy for the 'acc' rows), columns f1… keyed below."""
    legend = "\n".join(f"- f{i} = {name}" for i, name in enumerate(FIELDS, 1))
    header = ["id", "group", "format", *(f"f{i}" for i in range(1, len(FIELDS) + 1))]
    rows = []
    for d in report.docs:
        cells = [_fmt(_headline(name, d.counts[name]), 2) for name in FIELDS]
        rows.append([d.id + (" (error)" if d.error else ""), d.placement.group, d.placement.format, *cells])
    return f"## per document ('-' = nothing to score)\n\n{legend}\n\n{markdown(header, rows)}"


def _listing(title: str, items: list[str]) -> str:
    return f"## {title} ({len(items)})\n\n" + "\n".join(f"- {item}" for item in items)


def render(report: Report, per_doc: bool = False) -> str:
    """The whole plain-text report: one table per group, the format breakdown, errors and skipped golds."""
    parts = [f"## {g} ({report.n_docs(g)} documents)\n\n{render_table(report.total(g))}" for g in GROUPS]
    parts.append(f"## by format\n\n{render_formats(report)}")
    if per_doc:
        parts.append(render_per_doc(report))
    parts.append(_listing("errors", [f"{i}: {e}" for i, e in report.errors.items()]))
    if report.skipped:
        parts.append(_listing("skipped, document missing", report.skipped))
    return "\n\n".join(p.rstrip() for p in parts) + "\n"


def dumps(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)
