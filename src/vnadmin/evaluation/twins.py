"""The same documents in three formats: a Word original and its PDF and text twins, scored on the same gold.

``corpus/twins/make_twins.py`` writes, for each Word document of the gold set, the PDF and the plain text that
LibreOffice makes of it. Scoring the three against one gold answer compares the readers on the same content:
what the PDF reader loses (reading order, page breaks, running headers, footnotes) shows as the gap between the
``pdf`` and ``txt`` columns, with no difference in how hard the documents are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnadmin.evaluation.gold import Gold, find_document, load_golds
from vnadmin.evaluation.report import markdown
from vnadmin.evaluation.scoring import ACCURACY_ONLY, FIELDS, Counts, score_document
from vnadmin.model import Document

TWIN_FORMATS = ("original", "pdf", "txt")
"""Columns: the Word original, its PDF twin, its text twin."""


@dataclass
class TwinReport:
    """Counts per format summed over the documents that have all three versions."""

    ids: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {fmt: {name: Counts() for name in FIELDS} for fmt in TWIN_FORMATS}
    )
    errors: dict[str, str] = field(default_factory=dict)

    def add(self, fmt: str, counts: dict[str, Counts]) -> None:
        for name in FIELDS:
            self.counts[fmt][name] = self.counts[fmt][name] + counts[name]

    def headline(self, fmt: str, name: str) -> float | None:
        """F1 of a field in one format (accuracy for the accuracy-only rows)."""
        c = self.counts[fmt][name]
        return c.accuracy if name in ACCURACY_ONLY else c.f1

    def gap(self, fmt: str, name: str) -> float | None:
        """``fmt`` minus the text twin on a field (negative: ``fmt`` does worse), None when undefined."""
        a, b = self.headline(fmt, name), self.headline("txt", name)
        return None if a is None or b is None else a - b

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.ids,
            "f1": {fmt: {name: self.headline(fmt, name) for name in FIELDS} for fmt in TWIN_FORMATS},
            "errors": self.errors,
        }


def evaluate_twins(
    gold_dir: Path,
    docs_dir: Path,
    twins_dir: Path,
    parse: Callable[[Path], Document],
    progress: Callable[[str], None] | None = None,
) -> TwinReport:
    """Score every gold document that has a PDF and a text twin in ``twins_dir``, in its three versions."""
    report = TwinReport()
    for gold in load_golds(gold_dir):
        versions = {
            "original": find_document(docs_dir, gold.id),
            "pdf": twins_dir / f"{gold.id}.pdf",
            "txt": twins_dir / f"{gold.id}.txt",
        }
        paths = {fmt: p for fmt, p in versions.items() if p is not None and p.is_file()}
        if len(paths) < len(TWIN_FORMATS):
            continue
        report.ids.append(gold.id)
        for fmt, path in paths.items():
            if progress is not None:
                progress(f"{gold.id} ({fmt} twin)" if fmt != "original" else gold.id)
            report.add(fmt, _score(gold, path, parse, report.errors))
    return report


def _score(gold: Gold, path: Path, parse: Callable[[Path], Document], errors: dict[str, str]) -> dict[str, Counts]:
    doc: Document | None = None
    try:
        doc = parse(path)
    except Exception as e:  # the harness reports, never crashes, on one bad file
        errors[path.name] = f"{type(e).__name__}: {e}"
    return score_document(gold, doc)


def render_twins(report: TwinReport) -> str:
    """F1 per field of the original, the PDF twin and the text twin, and how much better (+) or worse (−) the PDF
    and the original do than the text."""

    def cell(v: float | None, signed: bool = False) -> str:
        if v is None:
            return "-"
        return f"{v:+.3f}".replace("-", "−") if signed else f"{v:.3f}"

    header = ["field (F1)", "docx/doc", "pdf twin", "txt twin", "pdf − txt", "docx − txt"]
    rows = [
        [
            name,
            *(cell(report.headline(fmt, name)) for fmt in TWIN_FORMATS),
            cell(report.gap("pdf", name), signed=True),
            cell(report.gap("original", name), signed=True),
        ]
        for name in FIELDS
    ]
    return markdown(header, rows)
