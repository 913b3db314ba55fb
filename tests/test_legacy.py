"""TCVN3 and VNI: detection from fonts and text, conversion, per-span handling, and whole documents."""

from __future__ import annotations

import importlib
import io
from typing import Any

import pytest

from vnadmin.pipeline import parse_text
from vnadmin.read.legacy import (
    detect_legacy,
    font_encoding,
    is_uppercase_font,
    lines_to_unicode,
    spans_to_unicode,
    to_unicode,
)

# Real legacy strings as they come out of .VnTime / VNI-Times documents read as Windows-1252.
TCVN3_SAMPLES = [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Hµ Néi, ngµy 15 th¸ng 3 n¨m 2004", "Hà Nội, ngày 15 tháng 3 năm 2004"),
    ("Chñ tÞch ñy ban nh©n d©n tØnh", "Chủ tịch ủy ban nhân dân tỉnh"),
    ("Sè: 12/Q§-UBND", "Số: 12/QĐ-UBND"),
    ("C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph­¬ng", "Căn cứ Luật Tổ chức chính quyền địa phương"),
]
VNI_SAMPLES = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Haø Noäi, ngaøy 15 thaùng 3 naêm 2004", "Hà Nội, ngày 15 tháng 3 năm 2004"),
    ("Chuû tòch UÛy ban nhaân daân tænh", "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Soá: 12/QÑ-UBND", "Số: 12/QĐ-UBND"),
]
NOT_LEGACY = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Gia Lai, ng‡y th·ng năm 2026",  # qd-gialai-2026-326 through pdfium: Unicode line, not TCVN3/VNI
    "ng‡y th·ng",
    "El niño comió paella en España",
    "Café crème brûlée à la française",
    "Müller Straße Größe",
    "Señor Muñoz está aquí",
    "Plan of action 2025",
    "",
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_SAMPLES)
def test_tcvn3_detected_and_converted(legacy: str, unicode: str) -> None:
    assert detect_legacy(legacy) == "tcvn3"
    assert to_unicode(legacy, "tcvn3") == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI_SAMPLES)
def test_vni_detected_and_converted(legacy: str, unicode: str) -> None:
    assert detect_legacy(legacy) == "vni"
    assert to_unicode(legacy, "vni") == unicode


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_unicode_and_foreign_text_left_alone(text: str) -> None:
    assert detect_legacy(text) is None
    assert lines_to_unicode(text) == (text, [])


def test_unicode_text_in_a_legacy_font_is_not_converted() -> None:
    assert detect_legacy("Quyết định số 12", ".VnTime") is None
    assert spans_to_unicode([("Quyết định số 12", "VNI-Times")]) == ("Quyết định số 12", set())


@pytest.mark.parametrize(
    ("font", "encoding", "upper"),
    [
        (".VnTime", "tcvn3", False),
        ("ABCDEF+.VnTimeH", "tcvn3", True),
        ("VnArial", "tcvn3", False),
        (".VnArialH-Bold", "tcvn3", True),
        ("VNI-Times", "vni", False),
        ("XYZABC+VNI-Helve", "vni", False),
        ("TimesNewRomanPS-ItalicMT", None, False),
        (None, None, False),
    ],
)
def test_font_names(font: str | None, encoding: str | None, upper: bool) -> None:
    assert font_encoding(font) == encoding
    assert is_uppercase_font(font) is upper


def test_font_signal_converts_a_short_run() -> None:
    # Too short to tell from the text alone; the font decides.
    assert detect_legacy("Hµ") is None
    assert spans_to_unicode([("Hµ", ".VnTime")]) == ("Hà", {"tcvn3"})


def test_mixed_file_converted_per_span() -> None:
    spans = [
        ("Gia Lai, ", "TimesNewRomanPSMT"),
        ("ngµy 26 th¸ng 01", ".VnTime"),
        (" năm 2026 – ", "TimesNewRomanPSMT"),
        ("quyÕt ®Þnh", ".VnTimeH"),
    ]
    text, encodings = spans_to_unicode(spans)
    assert text == "Gia Lai, ngày 26 tháng 01 năm 2026 – QUYẾT ĐỊNH"
    assert encodings == {"tcvn3"}


def test_mixed_text_converted_per_line() -> None:
    text = "Căn cứ Luật Đất đai số 31/2024/QH15;\nHµ Néi, ngµy 15 th¸ng 3 n¨m 2004\nSè: 12/Q§-UBND\nĐiều 1. Phạm vi"
    out, changed = lines_to_unicode(text)
    assert changed == [1, 2]
    assert (
        out == "Căn cứ Luật Đất đai số 31/2024/QH15;\nHà Nội, ngày 15 tháng 3 năm 2004\nSố: 12/QĐ-UBND\nĐiều 1. Phạm vi"
    )


# --------------------------------------------------------------------------- whole documents in legacy fonts

UNICODE_DOC = [
    "UBND TỈNH HÀ NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 61/QĐ-UBND",
    "Hà Nam, ngày 22 tháng 12 năm 2023",
    "QUYẾT ĐỊNH",
    "Về việc triển khai nghị quyết về phí bảo vệ môi trường",
    "CHỦ TỊCH UBND TỈNH HÀ NAM",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị định số 27/2023/NĐ-CP ngày 31 tháng 5 năm 2023 của Chính phủ;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Triển khai thực hiện nghị quyết trên địa bàn tỉnh.",
    "Điều 2. Quyết định này có hiệu lực từ ngày ký.",
    "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành quyết định này./.",
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Lưu: VT.",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Anh Chức",
]


def _inverse(encoding: str) -> dict[str, str]:
    charmaps = importlib.import_module("viparse.normalize.encodings").CHARMAPS
    inv: dict[str, str] = {}
    for legacy, uni in charmaps[encoding].pairs:
        inv.setdefault(uni, legacy)
    return inv


def _encode(line: str, encoding: str) -> tuple[str, str]:
    """A Unicode line as a legacy-font run: (legacy text, font). TCVN3 capitals go through the H font."""
    inv = _inverse(encoding)
    font = ".VnTime" if encoding == "tcvn3" else "VNI-Times"
    if encoding == "tcvn3" and line == line.upper() and any(not c.isascii() for c in line):
        line, font = line.lower(), ".VnTimeH"
    out = []
    for ch in line:
        if ch.isascii():
            out.append(ch)
        else:
            assert ch in inv, f"{ch!r} has no {encoding} form"
            out.append(inv[ch])
    return "".join(out), font


def _docx_bytes(runs: list[tuple[str, str]]) -> bytes:
    docx: Any = importlib.import_module("docx")
    doc = docx.Document()
    for text, font in runs:
        run = doc.add_paragraph().add_run(text)
        run.font.name = font
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _read_docx_runs(data: bytes) -> list[list[tuple[str, str | None]]]:
    docx: Any = importlib.import_module("docx")
    doc = docx.Document(io.BytesIO(data))
    return [[(r.text, r.font.name) for r in p.runs] for p in doc.paragraphs]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_docx_parses_like_its_unicode_version(encoding: str) -> None:
    runs = [_encode(line, encoding) for line in UNICODE_DOC]
    legacy_text = "\n".join(t for t, _ in runs)
    assert legacy_text != "\n".join(UNICODE_DOC)
    data = _docx_bytes(runs)
    paragraphs = _read_docx_runs(data)
    converted = "\n\n".join(spans_to_unicode(p)[0] for p in paragraphs)
    assert converted == "\n\n".join(UNICODE_DOC)

    want = parse_text("\n\n".join(UNICODE_DOC)).model_dump(exclude={"source", "notices"})
    got = parse_text(converted).model_dump(exclude={"source", "notices"})
    assert got == want
    assert want["metadata"]["number"] == "61/QĐ-UBND"
    assert [s["label"] for s in want["sections"]][:3] == ["Điều 1", "Điều 2", "Điều 3"]
    # Without fonts (a text dump of the same file), line-by-line detection gets there too.
    by_lines, changed = lines_to_unicode(legacy_text.replace("\n", "\n\n"))
    assert len(changed) >= len(UNICODE_DOC) // 2
    assert parse_text(by_lines).metadata.number == "61/QĐ-UBND"
