"""Organisation recogniser: corpus phrases (tests/cases/assignees_corpus.tsv) and rules of the genre."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from vnadmin.extract.orgs import find_orgs, normalize_org, same_org

CASES = Path(__file__).parent / "cases" / "assignees_corpus.tsv"


def _cases() -> list[tuple[str, list[str]]]:
    with CASES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for r in rows:
        phrase = r["phrase"].replace("\\n", "\n")
        bodies = [b.replace("\\n", "\n") for b in r["bodies"].split(" | ")] if r["bodies"] else []
        out.append((phrase, bodies))
    return out


def test_case_file_is_large_enough() -> None:
    assert len(_cases()) >= 100


@pytest.mark.parametrize(("phrase", "bodies"), _cases())
def test_corpus_phrase(phrase: str, bodies: list[str]) -> None:
    found = find_orgs(phrase)
    assert [m.text for m in found] == bodies
    for m in found:
        assert phrase[m.start : m.end] == m.text


def test_offsets_are_shifted() -> None:
    text = "xx Sở Nội vụ: Tham mưu"
    (m,) = find_orgs(text[3:], offset=3)
    assert text[m.start : m.end] == "Sở Nội vụ"


def test_va_inside_a_name_is_not_a_separator() -> None:
    found = find_orgs("Sở Khoa học và Công nghệ và Sở Tư pháp")
    assert [m.text for m in found] == ["Sở Khoa học và Công nghệ", "Sở Tư pháp"]


@pytest.mark.parametrize(
    ("phrase", "generic", "collective"),
    [
        ("các cơ quan, đơn vị liên quan", True, True),
        ("Các sở, ban, ngành thuộc tỉnh", False, True),
        ("Ủy ban nhân dân cùng cấp", True, False),
        ("Sở Nội vụ", False, False),
        # the media and central bodies based in the province are specific collectives (corpus kh-lamdong-2026-*)
        ("các cơ quan truyền thông, báo chí", False, True),
        ("cơ quan thông tấn báo chí", False, True),
        ("các cơ quan Trung ương đóng trên địa bàn", False, True),
        ("Các sở, ban, ngành khác", False, True),
        ("các cơ quan có thẩm quyền", True, True),
        # kh-dongnai-2025-182: "trực thuộc" closing a heading, its parent left unsaid
        ("các tổ chức chính trị - xã hội\ntrực thuộc", False, True),
    ],
)
def test_generic_and_collective(phrase: str, generic: bool, collective: bool) -> None:
    (m,) = find_orgs(phrase)
    assert (m.generic, m.collective) == (generic, collective)


@pytest.mark.parametrize(
    ("written", "normalized"),
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
        ("UBMTTQVN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("các tổ chức CT-XH tỉnh", "các tổ chức chính trị - xã hội tỉnh"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Uỷ ban nhân dân huyện", "Ủy ban nhân dân huyện"),
        ("Sở Nội vụ", "Sở Nội vụ"),
    ],
)
def test_normalize(written: str, normalized: str) -> None:
    assert normalize_org(written) == normalized


def test_mention_keeps_written_text_and_normalizes() -> None:
    (m,) = find_orgs("Văn phòng UBND tỉnh")
    assert (m.text, m.normalized) == ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh")
    assert same_org("UBND huyện, thành phố", "Ủy ban nhân dân huyện, thành phố")


def test_custom_word_join_decides_boundaries() -> None:
    # Without word segmentation no lower-case syllable joins a name: the boundary comes from ``join``.
    assert [m.text for m in find_orgs("Sở Tài chính thẩm định", join=lambda t, i: False)] == ["Sở Tài"]
    assert [m.text for m in find_orgs("Sở Tài chính thẩm định", join=lambda t, i: True)] == ["Sở Tài chính thẩm định"]


def test_name_wrapped_after_its_head() -> None:
    # kh-bacninh-2025-141 (a hard-wrapped web dump): the line breaks between "Sở" and the name it introduces
    text = "Đơn vị phối hợp thực hiện: Sở\nTư pháp; các cơ quan, đơn vị, địa phương liên quan."
    first = find_orgs(text)[0]
    assert (first.text, first.normalized) == ("Sở\nTư pháp", "Sở Tư pháp")


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        # corpus cd-vpcp-2025-2003: ministries under one "Các Bộ:", a comma inside a ministry's name
        (
            "- Các Bộ: Công an, Quốc phòng, Văn hóa, Thể thao và Du lịch, Dân tộc và Tôn giáo;",
            ["Bộ Công an", "Bộ Quốc phòng", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Dân tộc và Tôn giáo"],
        ),
        # corpus qd-gialai-2026-326: a title before the shared head; "và" inside a department's name
        (
            "Giám đốc các Sở: Nông nghiệp và Môi trường, Xây dựng, Tư pháp; Thủ trưởng",
            ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Tư pháp"],
        ),
        # corpus kh-dongthap-2025-556: communes under "Ủy ban nhân dân 04 xã:", the list ends at a verb
        (
            "phối hợp với Ủy ban nhân dân\n04 xã: Gia Thuận, Tân Điền, Gò Công Đông thành lập mới khu bảo vệ",
            ["Ủy ban nhân dân xã Gia Thuận", "Ủy ban nhân dân xã Tân Điền", "Ủy ban nhân dân xã Gò Công Đông"],
        ),
        # a full name after the members ends the list
        ("các sở: Tài chính, Tư pháp và Sở Nội vụ thẩm định", ["Sở Tài chính", "Sở Tư pháp", "Sở Nội vụ"]),
    ],
)
def test_list_under_a_shared_head(phrase: str, names: list[str]) -> None:
    found = find_orgs(phrase)
    assert [m.name for m in found] == names
    for m in found:  # the span is the member as written; the head comes back in the name
        assert phrase[m.start : m.end] == m.text
        assert m.name.endswith(" ".join(m.text.split()))
