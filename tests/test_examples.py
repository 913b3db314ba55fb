"""The example plan in examples/ (built by examples/make_examples.py): PDF, DOCX and TXT say the same."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import vnadmin
from vnadmin.model import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STEM = "ke-hoach-dan-van"
FORMATS = ("pdf", "docx", "txt")

EXPECTED_SECTIONS = [
    ("I", 1), ("1", 2), ("2", 2),
    ("II", 1), *((str(i), 2) for i in range(1, 10)),
    ("III", 1), *((str(i), 2) for i in range(1, 12)),
]  # fmt: skip
SIGNATURE = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Việt Phương")


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {fmt: vnadmin.parse(EXAMPLES / f"{STEM}.{fmt}") for fmt in FORMATS}


def numbered(doc: Document) -> list[tuple[str, int]]:
    return [(s.label, s.level) for s in doc.iter_sections() if s.kind not in {"dash", "plus"}]


def signature(doc: Document) -> tuple[str | None, ...] | None:
    sig = doc.signature
    return None if sig is None else (sig.on_behalf_of, sig.authority, sig.position, sig.name)


def test_the_three_files_exist_and_are_small() -> None:
    for fmt in FORMATS:
        path = EXAMPLES / f"{STEM}.{fmt}"
        assert path.is_file(), path
        assert path.stat().st_size < 200_000, path


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbered_sections(docs: dict[str, Document], fmt: str) -> None:
    assert numbered(docs[fmt]) == EXPECTED_SECTIONS


@pytest.mark.parametrize("fmt", FORMATS)
def test_signature(docs: dict[str, Document], fmt: str) -> None:
    assert signature(docs[fmt]) == SIGNATURE


@pytest.mark.parametrize("fmt", FORMATS)
def test_recipients_and_archive_line(docs: dict[str, Document], fmt: str) -> None:
    doc = docs[fmt]
    assert len(doc.recipients) == 15
    assert doc.recipients[0] == "Bộ Nội vụ"
    assert doc.recipients[-1] == "Chánh VP, Phó CVP UBND tỉnh"
    assert doc.archive_line == "Lưu: VT, NC (Nga)"


@pytest.mark.parametrize("fmt", FORMATS)
def test_metadata(docs: dict[str, Document], fmt: str) -> None:
    meta = docs[fmt].metadata
    assert meta.number == "65/KH-UBND"
    assert meta.issued_date == datetime.date(2024, 3, 15)
    assert meta.issuer == "Ủy ban nhân dân tỉnh Tuyên Quang"


def test_the_three_formats_agree(docs: dict[str, Document]) -> None:
    def view(doc: Document) -> tuple[object, ...]:
        return (
            numbered(doc),
            signature(doc),
            doc.recipients,
            doc.archive_line,
            doc.metadata.number,
            doc.metadata.issued_date,
        )

    pdf = view(docs["pdf"])
    assert view(docs["docx"]) == pdf
    assert view(docs["txt"]) == pdf


def test_pdf_sections_carry_page_numbers(docs: dict[str, Document]) -> None:
    sections = list(docs["pdf"].iter_sections())
    assert sections
    missing = [s.path for s in sections if s.page is None]
    assert missing == []
    pages = [s.page for s in sections if s.page is not None]
    assert pages == sorted(pages)
    assert pages[0] == 1
