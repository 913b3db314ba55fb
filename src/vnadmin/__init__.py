"""vnadmin: Vietnamese administrative documents (Kế hoạch, Quyết định, Công văn…) as typed data.

>>> import vnadmin
>>> doc = vnadmin.parse_text("KẾ HOẠCH\\nThực hiện công tác dân vận năm 2024\\n\\nI. MỤC ĐÍCH\\n\\n1. Mục đích")
>>> doc.metadata.doc_type, [s.label for s in doc.iter_sections()]
('Kế hoạch', ['I', '1'])

The four verbs are :func:`parse`, :func:`parse_text`, :func:`extract_citations` and
:meth:`DocumentNumber.parse`; the model lives in :mod:`vnadmin.model`. Heavy modules load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from vnadmin.model import Document as Document
    from vnadmin.pipeline import parse as parse
    from vnadmin.pipeline import parse_text as parse_text

_LAZY = {
    "parse": ("vnadmin.pipeline", "parse"),
    "parse_text": ("vnadmin.pipeline", "parse_text"),
    "Document": ("vnadmin.model", "Document"),
    "SCHEMA_VERSION": ("vnadmin.model", "SCHEMA_VERSION"),
    "VnadminError": ("vnadmin.errors", "VnadminError"),
    "extract_citations": ("vnadmin.extract.citations", "extract_citations"),
    "DocumentNumber": ("vnadmin.extract.citations.number", "DocumentNumber"),
}

__all__ = ["SCHEMA_VERSION", "Document", "DocumentNumber", "VnadminError", "extract_citations", "parse", "parse_text"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vnadmin' has no attribute {name!r}")
