"""The evaluation harness: scoring rules on small hand-made gold/prediction pairs, and one end-to-end run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, GOLD
from vnadmin.errors import CorruptDocument
from vnadmin.evaluation import Gold, evaluate, load_gold, render, score_document
from vnadmin.evaluation.__main__ import main
from vnadmin.evaluation.gold import GoldCitation, GoldDeadline, GoldSection, find_document, place
from vnadmin.evaluation.scoring import (
    FIELDS,
    Counts,
    label_key,
    lenient_title_match,
    overlap,
    predicted_sections,
    rrule_key,
    score_citations,
    score_deadlines,
    score_sections,
    score_value,
    title_key,
)
from vnadmin.model import Document, Section
from vnadmin.model.citations import Citation
from vnadmin.model.document import Metadata, SectionKind, Signature, Source
from vnadmin.model.tasks import Assignee, Deadline, Recurrence, Role, Task

EXAMPLE_ID = "kh-tuyenquang-2024-dan-van"


# --- Builders -------------------------------------------------------------------------------------------------


def doc(**fields: object) -> Document:
    base: dict[str, object] = {"source": Source(format="txt", sha256="0"), "text": "", "metadata": Metadata()}
    base.update(fields)
    return Document.model_validate(base)


def sec(label: str, kind: SectionKind, title: str | None = None, children: list[Section] | None = None) -> Section:
    return Section(
        label=label, kind=kind, level=1, path=label, title=title, text="", span=(0, 0), children=children or []
    )


def cit(number: str | None, doc_type: str, text: str, date: dt.date | None = None) -> Citation:
    return Citation(text=text, span=(0, 0), number=number, doc_type=doc_type, date=date)


def deadline(text: str, date: dt.date | None = None, rrule: str | None = None) -> Deadline:
    return Deadline(text=text, span=(0, 0), date=date, recurrence=Recurrence(rrule=rrule) if rrule else None)


def task(*assignees: tuple[str, Role]) -> Task:
    return Task(assignees=[Assignee(name=n, role=r) for n, r in assignees], description="")


def gold(**fields: object) -> Gold:
    return Gold.model_validate({"id": "t", **fields})


_KINDS: dict[int, SectionKind] = {1: "roman", 2: "arabic", 3: "letter", 4: "paren_number"}
_ROLES: dict[str, Role] = {
    "chủ trì": "lead",
    "phối hợp": "cooperate",
    "đề nghị": "requested",
    "thực hiện": "responsible",
}


def perfect_prediction(g: Gold) -> Document:
    """A Document holding exactly the gold answer (sections nested by level)."""
    roots: list[Section] = []
    stack: list[tuple[int, Section, list[Section]]] = []  # (level, section, its children list)

    def close(level: int) -> None:
        while stack and stack[-1][0] >= level:
            _, s, kids = stack.pop()
            done = s.model_copy(update={"children": kids})
            (stack[-1][2] if stack else roots).append(done)

    for s in g.sections:
        close(s.level)
        stack.append((s.level, sec(s.number, _KINDS.get(s.level, "paren_number"), s.title), []))
    close(0)
    return doc(
        metadata=Metadata(
            doc_type=g.doc_type,
            number=g.number,
            issuer=g.issuer,
            issued_date=dt.date.fromisoformat(g.issued_date) if g.issued_date else None,
            title=g.title,
        ),
        signature=Signature(**g.signer.model_dump()) if g.signer else None,
        sections=roots,
        recipients=g.recipients,
        archive_line=g.archive_line,
        citations=[
            cit(c.number, c.doc_type or "", c.text, dt.date.fromisoformat(c.date) if c.date else None)
            for c in g.citations
        ],
        tasks=[task((a.name, _ROLES[a.role])) for a in g.assignees],
        deadlines=[deadline(d.text, dt.date.fromisoformat(d.date) if d.date else None, d.rrule) for d in g.deadlines],
    )


# --- Single values --------------------------------------------------------------------------------------------


def test_score_value_cases() -> None:
    assert score_value("a", "a") == Counts(tp=1, correct=1, total=1)
    assert score_value("a", "b") == Counts(fp=1, fn=1, total=1)  # wrong = both FP and FN
    assert score_value(None, "b") == Counts(fp=1, total=1)
    assert score_value("a", None) == Counts(fn=1, total=1)
    assert score_value(None, None) == Counts(correct=1, total=1)


def test_metadata_compared_folded_and_number_without_spaces() -> None:
    g = gold(doc_type="Kế hoạch", number="134/KH-UBND", title="Thể chế hóa", issued_date="2024-03-01")
    p = doc(
        metadata=Metadata(
            doc_type="KẾ HOẠCH", number="134 /KH-UBND", title="thể  chế HOÁ", issued_date=dt.date(2024, 3, 2)
        )
    )
    scores = score_document(g, p)
    assert scores["doc_type"].tp == scores["number"].tp == scores["title"].tp == 1
    assert scores["issued_date"] == Counts(fp=1, fn=1, total=1)
    assert scores["issuer"] == Counts(correct=1, total=1)  # both null: a correct negative


def test_signer_fields_scored_separately() -> None:
    g = gold(signer={"name": "Hoàng Việt Phương", "position": "PHÓ CHỦ TỊCH", "authority": "KT. CHỦ TỊCH"})
    p = doc(signature=Signature(name="Hoàng Việt Phương", position="CHỦ TỊCH", authority=None))
    scores = score_document(g, p)
    assert scores["signer.name"].tp == 1
    assert (scores["signer.position"].fp, scores["signer.position"].fn) == (1, 1)
    assert (scores["signer.authority"].fp, scores["signer.authority"].fn) == (0, 1)


def test_counts_ratios_and_sum() -> None:
    c = Counts(tp=3, fp=1, fn=2) + Counts(tp=1, fp=1, fn=0, correct=1, total=2)
    assert (c.tp, c.fp, c.fn, c.correct, c.total) == (4, 2, 2, 1, 2)
    assert c.precision == pytest.approx(4 / 6)
    assert c.recall == pytest.approx(4 / 6)
    assert c.f1 == pytest.approx(2 * 4 / (2 * 4 + 2 + 2))
    assert c.accuracy == 0.5
    assert Counts().f1 is None and Counts().precision is None


# --- Sections -------------------------------------------------------------------------------------------------


def test_label_and_title_keys() -> None:
    assert label_key("I.") == "i"
    assert label_key("1)") == "1"
    assert label_key("(1)") == "(1)"
    assert label_key("Điều 3.") == label_key("ĐIỀU 3")
    assert title_key("MỤC ĐÍCH, YÊU CẦU:") == "mục đích, yêu cầu"
    assert title_key("Thực hiện dân chủ ở cơ sở¹") == title_key("thực hiện dân chủ ở cơ sở")


def test_predicted_sections_skip_excluded_kinds_and_relevel() -> None:
    tree = [
        sec(
            "I",
            "chapter",
            "Chương",
            [
                sec(
                    "Điều 1",
                    "article",
                    "Phạm vi",
                    [sec("1", "arabic", "Khoản", [sec("-", "dash"), sec("a", "letter")])],
                )
            ],
        ),
        sec("Phụ lục I", "appendix", None, [sec("1", "arabic", "Bảng")]),
    ]
    got = [(s.number, s.level) for s in predicted_sections(doc(sections=tree))]
    assert got == [("Điều 1", 1), ("1", 2), ("a", 3), ("1", 1)]


def test_sections_strict_and_lenient_titles() -> None:
    g = [
        GoldSection(number="I", title="MỤC ĐÍCH, YÊU CẦU", level=1),
        GoldSection(number="1", title="Sở Nội vụ", level=2),
        GoldSection(number="2", title="Tăng cường vận động đảng viên thực hiện nghị quyết", level=2),
    ]
    p = [
        GoldSection(number="I.", title="Mục đích, yêu cầu:", level=1),
        GoldSection(number="1", title="Sở Nội vụ chủ trì, phối hợp", level=2),  # gold title is a prefix
        GoldSection(number="2", title="Tăng cường", level=3),  # wrong level
    ]
    s = score_sections(g, p)
    assert s["sections (label+level)"] == Counts(tp=2, fp=1, fn=1)
    assert s["sections with title"] == Counts(tp=1, fp=2, fn=2)
    assert s["sections with title (lenient)"] == Counts(tp=2, fp=1, fn=1)


def test_overlap_is_shared_words_over_the_longer_text() -> None:
    assert overlap("Luật Đất đai", "luật đất  ĐAI") == 1.0
    assert overlap("a b", "a b c d e") == pytest.approx(0.4)
    assert overlap("a a b", "a b b") == pytest.approx(2 / 3)  # multisets
    assert overlap("", "a") == 0.0


def test_lenient_title_match() -> None:
    assert lenient_title_match("Sở Nội vụ", "Sở Nội vụ: chủ trì")
    assert lenient_title_match("a b c d e", "a b c d x")  # 4 of 5 words shared
    assert not lenient_title_match("a b c d e", "a b c x y")
    assert not lenient_title_match("Mục đích", None)


# --- Citations, assignees, deadlines, recipients ----------------------------------------------------------------


def test_citations_numbered_and_named() -> None:
    g = [
        GoldCitation(text="Chỉ thị số 33/CT-TTg", doc_type="Chỉ thị", number="33/CT-TTg", date="2021-11-26"),
        GoldCitation(text="Quyết định số 268-QĐ/TU", doc_type="Quyết định", number="268-QĐ/TU", date="2021-10-28"),
        GoldCitation(text="Luật Thực hiện dân chủ ở cơ sở", doc_type="Luật", number=None),
        GoldCitation(text="Luật Đất đai", doc_type="Luật", number=None),
    ]
    p = [
        cit("33/CT-TTG", "Chỉ thị", "Chỉ thị 33", dt.date(2021, 11, 26)),
        cit("268-ÐQ/TU", "Quyết định", "x"),  # Ð look-alike is not the gold number: unmatched
        cit("268 - QĐ/TU", "Kế hoạch", "y"),  # matched (spaces ignored), wrong type and date
        cit(None, "Luật", "Luật thực hiện dân chủ ở cơ sở năm 2022"),  # 6/7 words shared
        cit(None, "Nghị quyết", "Luật Đất đai"),  # wrong type
    ]
    s = score_citations(g, p)
    assert s["citations numbered"] == Counts(tp=2, fp=1, fn=0)
    assert s["citations numbered: type acc"] == Counts(correct=1, total=2)
    assert s["citations numbered: date acc"] == Counts(correct=1, total=2)
    assert s["citations named"] == Counts(tp=1, fp=1, fn=1)


def test_assignees_sets_and_roles() -> None:
    g = gold(
        assignees=[
            {"name": "Sở Nội vụ", "role": "chủ trì", "section": "III.1"},
            {"name": "Sở Nội vụ", "role": "chủ trì", "section": "III.2"},  # same body twice: one set item
            {"name": "Sở Tư pháp", "role": "phối hợp", "section": "III.1"},
            {"name": "Ban Dân vận Tỉnh ủy", "role": "đề nghị", "section": "III.11"},
        ]
    )
    p = doc(tasks=[task(("SỞ NỘI VỤ", "lead"), ("Sở Tư pháp", "responsible")), task(("Công an tỉnh", "lead"))])
    s = score_document(g, p)
    assert s["assignee names"] == Counts(tp=2, fp=1, fn=1)
    assert s["assignee name+role"] == Counts(tp=1, fp=2, fn=2)


def test_appendix_table_tasks_are_not_scored_as_assignees() -> None:
    g = gold(assignees=[{"name": "Sở Nội vụ", "role": "chủ trì", "section": "III.1"}])
    table_row = task(("Sở Xây dựng", "lead")).model_copy(update={"source": "appendix_table"})
    s = score_document(g, doc(tasks=[task(("Sở Nội vụ", "lead")), table_row]))
    assert s["assignee names"] == Counts(tp=1, fp=0, fn=0)


def test_deadlines_by_date_rrule_or_text() -> None:
    assert rrule_key("FREQ=YEARLY;BYMONTHDAY=20;BYMONTH=3,6,9,12") == rrule_key(
        "freq=yearly;bymonth=3,6,9,12;bymonthday=20"
    )
    g = [
        GoldDeadline(text="trước ngày 20/4/2024", date="2024-04-20"),
        GoldDeadline(text="ngày 15 hằng tháng", rrule="FREQ=MONTHLY;BYMONTHDAY=15"),
        GoldDeadline(text="trong thời hạn 90 ngày kể từ ngày nhận"),
        GoldDeadline(text="trước 30/6/2024", date="2024-06-30"),
    ]
    p = [
        deadline("khác hẳn", dt.date(2024, 4, 20)),
        deadline("hằng tháng", rrule="BYMONTHDAY=15;FREQ=MONTHLY"),
        deadline("90 ngày kể từ ngày nhận"),  # 5/8 words of the gold text
        deadline("trước 30/6/2024", dt.date(2024, 6, 29)),
    ]
    assert score_deadlines(g, p) == Counts(tp=3, fp=1, fn=1)


def test_recipients_multiset() -> None:
    g = gold(recipients=["Bộ Nội vụ", "Thường trực Tỉnh ủy", "Như trên"], archive_line="Lưu: VT, NC")
    p = doc(recipients=["- Bộ Nội vụ;", "Như trên", "Như trên"], archive_line="Lưu: VT")
    s = score_document(g, p)
    assert s["recipients"] == Counts(tp=2, fp=1, fn=1)
    assert s["archive_line"] == Counts(fp=1, fn=1, total=1)


# --- Whole documents ------------------------------------------------------------------------------------------


def test_perfect_prediction_scores_one_everywhere() -> None:
    g = load_gold(GOLD / f"{EXAMPLE_ID}.json")
    scores = score_document(g, perfect_prediction(g))
    for name in FIELDS:
        c = scores[name]
        assert c.fp == c.fn == 0, name
        assert c.accuracy in (None, 1.0), name
    assert scores["sections (label+level)"].tp == len(g.sections)


def test_failed_parse_is_all_false_negatives() -> None:
    g = load_gold(GOLD / f"{EXAMPLE_ID}.json")
    scores = score_document(g, None)
    assert all(c.tp == c.fp == c.correct == 0 for c in scores.values())
    assert scores["sections (label+level)"].fn == len(g.sections)


def test_placement_by_manifest_note_and_format(tmp_path: Path) -> None:
    assert place(Path("a.pdf"), "scanned (Canon), no text layer", set()).group == "scanned"
    assert place(Path("a.pdf"), "text layer; 3 pages", {"scanned"}).group == "text-layer"
    assert place(Path("a.pdf"), None, {"stamp-only"}).group == "scanned"
    assert place(Path("a.txt"), "Tesseract OCR of a scanned PDF", set()).group == "text-layer"
    assert place(Path("a.doc"), None, set()).format == "docx/doc"
    (tmp_path / "x-1.signed.pdf").write_bytes(b"")
    (tmp_path / "x-10.txt").write_text("")
    assert find_document(tmp_path, "x-1") == tmp_path / "x-1.signed.pdf"
    assert find_document(tmp_path, "x-2") is None


def test_evaluate_never_crashes_and_lists_errors_and_skipped(tmp_path: Path) -> None:
    gold_dir, docs = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir()
    docs.mkdir()
    for name in ("ok", "bad", "gone"):
        (gold_dir / f"{name}.json").write_text(json.dumps({"id": name, "doc_type": "Kế hoạch"}), encoding="utf-8")
    (docs / "ok.txt").write_text("x", encoding="utf-8")
    (docs / "bad.pdf").write_bytes(b"x")

    def fake_parse(path: Path) -> Document:
        if path.suffix == ".pdf":
            raise CorruptDocument(f"{path}: damaged")
        return doc(metadata=Metadata(doc_type="Kế hoạch"))

    report = evaluate(gold_dir, docs, parse=fake_parse)
    assert report.skipped == ["gone"]
    assert list(report.errors) == ["bad"]
    assert report.total()["doc_type"] == Counts(tp=1, fn=1, correct=1, total=2)
    assert report.scores("txt")["doc_type"]["f1"] == 1.0
    assert report.scores("pdf")["doc_type"]["f1"] == 0.0
    assert "| doc_type" in render(report, per_doc=True)


def test_end_to_end_on_example_gold(capsys: pytest.CaptureFixture[str]) -> None:
    report = evaluate(GOLD, CORPUS, ids=[EXAMPLE_ID])
    assert [d.id for d in report.docs] == [EXAMPLE_ID]
    for group in ("all", "text-layer", "txt"):
        for name, row in report.scores(group).items():
            for key in ("precision", "recall", "f1", "accuracy"):
                value = row[key]
                assert value is None or 0.0 <= value <= 1.0, (group, name, key)
    assert main([str(GOLD), "--docs", str(CORPUS), "--id", EXAMPLE_ID, "--json", "-q"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["groups"]["all"]["documents"] == 1
    assert set(out["groups"]["all"]["scores"]) == set(FIELDS)


def test_heldout_documents_are_reported_apart(tmp_path: Path) -> None:
    from vnadmin.evaluation.gold import Placement
    from vnadmin.evaluation.report import HELDOUT, TUNED, DocResult, Report, read_heldout

    (tmp_path / "HELDOUT").write_text("# annotated after the rules\nnew-doc\n", encoding="utf-8")
    assert read_heldout(tmp_path) == {"new-doc"}
    docs = [
        DocResult("old-doc", "a.txt", Placement("text-layer", "txt"), {}),
        DocResult("new-doc", "b.pdf", Placement("text-layer", "pdf"), {}),
        DocResult("scan", "c.pdf", Placement("scanned", "pdf"), {}),
    ]
    report = Report(docs=docs, heldout={"new-doc"})
    assert (report.n_docs(HELDOUT), report.n_docs(TUNED), report.n_docs("text-layer")) == (1, 1, 2)


def test_twins_scored_per_format_with_the_gap_to_text(tmp_path: Path) -> None:
    from vnadmin.evaluation.twins import evaluate_twins, render_twins

    gold_dir, docs, twins = tmp_path / "gold", tmp_path / "docs", tmp_path / "twins"
    for d in (gold_dir, docs, twins):
        d.mkdir()
    for name in ("a", "b"):
        (gold_dir / f"{name}.json").write_text(json.dumps({"id": name, "doc_type": "Kế hoạch"}), encoding="utf-8")
        (docs / f"{name}.docx").write_bytes(b"")
    for suffix in (".pdf", ".txt"):
        (twins / f"a{suffix}").write_bytes(b"")  # "b" has no twins: not scored

    def fake_parse(path: Path) -> Document:
        if path.suffix == ".pdf":
            return doc(metadata=Metadata(doc_type="Quyết định"))  # the PDF reader gets the type wrong
        return doc(metadata=Metadata(doc_type="Kế hoạch"))

    report = evaluate_twins(gold_dir, docs, twins, fake_parse)
    assert report.ids == ["a"]
    assert report.headline("original", "doc_type") == 1.0
    assert report.headline("pdf", "doc_type") == 0.0
    assert report.gap("pdf", "doc_type") == -1.0
    assert report.gap("original", "doc_type") == 0.0
    assert "| doc_type" in render_twins(report)


def test_twin_files_exist_for_every_word_document_of_the_gold_set() -> None:
    word = {p.stem for p in CORPUS.iterdir() if p.suffix in {".docx", ".doc"}} & {p.stem for p in GOLD.glob("*.json")}
    twins = Path(__file__).resolve().parents[1] / "corpus" / "twins"
    assert word, "the gold set has Word documents"
    for stem in word:
        assert (twins / f"{stem}.pdf").is_file(), f"run corpus/twins/make_twins.py for {stem}"
        assert (twins / f"{stem}.txt").is_file(), f"run corpus/twins/make_twins.py for {stem}"
