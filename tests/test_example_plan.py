"""The example plan (kh-tuyenquang-2024-dan-van.txt): the structure a reader of the document sees."""

from __future__ import annotations

from vnadmin.model import Document

EXPECTED_SECTIONS = [
    ("I", 1), ("1", 2), ("2", 2),
    ("II", 1), *((str(i), 2) for i in range(1, 10)),
    ("III", 1), *((str(i), 2) for i in range(1, 12)),
]  # fmt: skip


def numbered(doc: Document) -> list[tuple[str, int]]:
    return [(s.label, s.level) for s in doc.iter_sections() if s.kind not in {"dash", "plus"}]


def test_all_25_numbered_sections_with_labels_and_levels(example_doc: Document) -> None:
    assert numbered(example_doc) == EXPECTED_SECTIONS
    assert len(EXPECTED_SECTIONS) == 25


def test_section_titles_and_paths(example_doc: Document) -> None:
    by_path = {s.path: s for s in example_doc.iter_sections()}
    assert by_path["I"].title == "MỤC ĐÍCH, YÊU CẦU"
    assert by_path["I.1"].title == "Mục đích"
    assert by_path["III.1"].title == "Sở Nội vụ"
    assert by_path["III.7"].title == "Sở Thông tin và Truyền thông, Báo Tuyên Quang, Đài Phát thanh và Truyền hình tỉnh"
    assert by_path["III.11"].title == "Đề nghị Ban Dân vận Tỉnh ủy"
    # A run-in item's title stops at the first ';' (II.1 carries the footnote marker).
    assert by_path["II.1"].title is not None and by_path["II.1"].title.endswith("dân chủ ở cơ sở¹")


def test_section_spans_index_the_text(example_doc: Document) -> None:
    for s in example_doc.iter_sections():
        assert example_doc.text[s.span[0] : s.span[1]] == s.text
        assert s.text.startswith(s.label)


def test_signature(example_doc: Document) -> None:
    sig = example_doc.signature
    assert sig is not None
    assert (sig.on_behalf_of, sig.authority, sig.position, sig.name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Hoàng Việt Phương",
    )


def test_fifteen_recipients_and_archive_line_apart(example_doc: Document) -> None:
    assert len(example_doc.recipients) == 15
    assert example_doc.recipients[0] == "Bộ Nội vụ"
    assert example_doc.recipients[-1] == "Chánh VP, Phó CVP UBND tỉnh"
    assert example_doc.archive_line == "Lưu: VT, NC (Nga)"
    for item, span in zip(example_doc.recipients, example_doc.recipient_spans, strict=True):
        assert example_doc.text[span[0] : span[1]] == item


def test_metadata_without_letterhead(example_doc: Document) -> None:
    m = example_doc.metadata
    assert (m.doc_type, m.doc_type_code) == ("Kế hoạch", "KH")
    assert m.title == "Thực hiện công tác dân vận chính quyền năm 2024 trên địa bàn tỉnh"
    assert m.number is None and m.issuer is None and m.issued_date is None


def test_footnote_moved_after_body_and_linked(example_doc: Document) -> None:
    assert len(example_doc.footnotes) == 1
    fn = example_doc.footnotes[0]
    assert fn.marker == "1"
    assert fn.text.startswith("¹ Nghị quyết số 25-NQ/TW")
    assert fn.anchor is not None and example_doc.text[fn.anchor[0] : fn.anchor[1]] == "¹"
    # The page break inside II.2 is re-joined around the footnote.
    assert "Chương trình phối hợp số 05-CTrPH/BDVTU-BCSĐ UBND ngày 28/3/2022" in example_doc.text
    assert fn.span[0] > example_doc.signature.span[1]  # type: ignore[union-attr]


def test_legal_bases(example_doc: Document) -> None:
    assert [b.text[:30] for b in example_doc.legal_bases] == [
        "Căn cứ Chỉ thị số 33/CT-TTg ng",
        "Căn cứ Quyết định số 268-QĐ/TU",
        "Căn cứ Chương trình phối hợp s",
    ]
