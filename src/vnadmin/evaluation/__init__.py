"""Evaluation harness: the parser's precision/recall/F1 per field against the hand-made gold answers.

``make eval`` runs ``python -m vnadmin.evaluation corpus/gold --docs corpus/docs``. From code::

    from vnadmin.evaluation import evaluate
    report = evaluate(Path("corpus/gold"), Path("corpus/docs"))
    report.scores("text-layer")["title"]["f1"]
"""

from __future__ import annotations

from vnadmin.evaluation.gold import Gold, find_document, load_gold, load_golds
from vnadmin.evaluation.report import DocResult, Report, evaluate, evaluate_one, render
from vnadmin.evaluation.scoring import FIELDS, Counts, score_document

__all__ = [
    "FIELDS",
    "Counts",
    "DocResult",
    "Gold",
    "Report",
    "evaluate",
    "evaluate_one",
    "find_document",
    "load_gold",
    "load_golds",
    "render",
    "score_document",
]
