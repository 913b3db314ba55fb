"""The quick tests that let task extraction skip work (a speed-up) must not change what it finds: each is checked
against the slow path it stands for, on the corpus texts and on examples."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import regex

import vnadmin
from tests.conftest import CORPUS
from vnadmin.extract import tasks as T
from vnadmin.extract.orgs import find_orgs, may_start_org
from vnadmin.model import Document
from vnadmin.normalize import normalize

TEXTS = sorted(CORPUS.glob("*.txt"))


@cache
def _doc(path: Path) -> Document:
    return vnadmin.parse(path)


@cache
def _pieces(path: Path) -> list[str]:
    """Paragraphs and lines of a corpus text, and the sentences and heads task extraction reads."""
    text = normalize(path.read_text(encoding="utf-8")).text
    paragraphs = [p for p in regex.split(r"\n[^\S\n]*\n", text) if p.strip()]
    lines = [line for line in text.splitlines() if line.strip()]
    sentences = [p[a:b] for p in paragraphs for a, b in T._sentences(p)]
    return paragraphs + lines + sentences


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Task extraction without its quick tests: every text is scanned and searched in full."""
    monkeypatch.setattr(T, "may_start_org", lambda text, pos: True)
    monkeypatch.setattr(T, "_may_name_bodies", lambda head: True)
    monkeypatch.setattr(T, "_has_assigning_word", lambda text: T._ASSIGNING_WORD.search(text) is not None)
    monkeypatch.setattr(T, "_has_empty_field", lambda text: T._EMPTY_FIELD.search(text) is not None)
    for name in ("_ENDS_IN_NAME", "_ENDS_IN_STOP", "_ENDS_IN_JOIN", "_ENDS_IN_SENTENCE", "_GIVER"):
        reverse: regex.Pattern[str] = getattr(T, name)
        monkeypatch.setattr(T, name, regex.compile(reverse.pattern, reverse.flags & ~regex.REVERSE))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_tasks_are_those_of_the_slow_path(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc(path)
    fast = T.extract_tasks(doc)
    _slow(monkeypatch)
    assert T.extract_tasks(doc) == fast


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_every_body_starts_where_one_may(path: Path) -> None:
    for piece in _pieces(path):
        for org in find_orgs(piece):
            # a shared-head list's members ("Các Bộ: Công an, Y tế") start after the head's colon
            assert org.prefix or may_start_org(piece, org.start), (org.text, piece[:80])


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_assigning_word_test_is_the_search(path: Path) -> None:
    for piece in _pieces(path):
        assert T._has_assigning_word(piece) == (T._ASSIGNING_WORD.search(piece) is not None), piece[:80]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ĐỀ NGHỊ Sở Nội vụ", True),
        ("Giao Sở Y tế chủ trì", True),
        ("có TRÁCH\nnhiệm", True),
        ("Chủ  trì", True),
        ("giao thông", True),
        ("đề án, chủ động, trách phạt", False),
        ("Straße: đề nghị", True),  # "ß" folds to two letters: the positions do not line up, the search decides
        ("Straße", False),
        ("", False),
    ],
)
def test_assigning_word_examples(text: str, expected: bool) -> None:
    assert T._has_assigning_word(text) is expected
    assert (T._ASSIGNING_WORD.search(text) is not None) is expected


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_end_tests_searched_backwards_find_what_a_forward_search_finds(path: Path) -> None:
    for name in ("_ENDS_IN_NAME", "_ENDS_IN_STOP", "_ENDS_IN_JOIN", "_ENDS_IN_SENTENCE", "_GIVER"):
        reverse: regex.Pattern[str] = getattr(T, name)
        forward = regex.compile(reverse.pattern, reverse.flags & ~regex.REVERSE)
        for piece in _pieces(path):
            for text in (piece, piece + "\n", piece[: len(piece) // 2]):
                assert (reverse.search(text) is None) == (forward.search(text) is None), (name, text[-80:])


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_head_test_never_drops_a_head_of_bodies(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    heads = [piece[:400] for piece in _pieces(path)]
    dropped = [head for head in heads if not T._may_name_bodies(head)]
    monkeypatch.setattr(T, "_may_name_bodies", lambda head: True)
    assert [head for head in dropped if T._head_mentions(head, 0) is not None] == []


def test_head_test_examples() -> None:
    assert T._may_name_bodies("Sở Nội vụ")
    assert T._may_name_bodies(" - Giám đốc Sở Y tế")
    assert T._may_name_bodies("Đề nghị Ủy ban Mặt trận Tổ quốc")
    assert T._may_name_bodies("Kết quả (Sở Tài chính)")
    assert not T._may_name_bodies("Kết quả thực hiện")


@pytest.mark.parametrize(
    "text",
    [
        "Sở Nội vụ, Sở Tư pháp;",
        " và Ủy ban nhân dân các xã;",
        ", Và Sở Y tế;",
        "các sở, ban, ngành; ",
        "Các Bộ: Công an, Y tế;",
        "theo đó, Sở Nội vụ;",
        "Thủ trưởng các Sở, ban, ngành;",
    ],
)
def test_body_list_test_is_the_slow_one(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = T._only_lists_bodies(text)
    monkeypatch.setattr(T, "may_start_org", lambda text, pos: True)
    assert T._only_lists_bodies(text) == fast


def test_fields_need_a_colon() -> None:
    # _field_task skips texts without a colon: every field and empty field has one.
    assert ":" in T._FIELD.search("Đơn vị chủ trì: Sở Nội vụ.").group()
    assert T._FIELD.search("Đơn vị chủ trì Sở Nội vụ.") is None
    assert T._has_empty_field("Cơ quan phối hợp:\n")
    assert not T._has_empty_field("Cơ quan phối hợp\n")
