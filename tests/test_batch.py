"""``vnadmin batch``: mixed inputs, resume after a kill, guards, and the Dask path (real parser, corpus texts)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from vnadmin.batch import BatchOptions, run_batch
from vnadmin.batch.discover import discover
from vnadmin.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
TEXTS = sorted(DOCS.glob("*.txt"))
SCANNED = DOCS / "cv-cucthue-2025-2309-chinh-sach-tien-thue-dat.pdf"
GOOD = [
    "kh-tuyenquang-2024-dan-van.txt",
    "ct-daklak-2025-010-tham-dinh-dau-tu.txt",
    "kh-hcm-2025-174-binh-dang-gioi.txt",
    "nq-hdnd-hue-2025-37-giam-ngheo.txt",
]


def _json_outputs(out: Path) -> dict[str, Path]:
    return {
        p.relative_to(out).as_posix(): p
        for p in out.rglob("*.json")
        if ".vnadmin" not in p.parts and p.name != "summary.json"
    }


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Good texts (one nested), a scanned PDF, a corrupt PDF, an empty file, a duplicate, a ZIP with a nested ZIP."""
    root = tmp_path_factory.mktemp("mixed") / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(DOCS / GOOD[0], root / GOOD[0])
    shutil.copy(DOCS / GOOD[1], root / "sub" / "deeper" / GOOD[1])
    shutil.copy(DOCS / GOOD[0], root / "sub" / "copy-of-tuyenquang.txt")  # duplicate bytes
    shutil.copy(SCANNED, root / "sub" / "scanned.pdf")
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + b"\x00garbage" * 50)
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.csv").write_text("not a document\n")
    inner = root / "inner.zip"
    with zipfile.ZipFile(inner, "w") as zf:
        zf.write(DOCS / GOOD[3], f"nq/{GOOD[3]}")
    with zipfile.ZipFile(root / "box.zip", "w") as zf:
        zf.write(DOCS / GOOD[2], f"plans/{GOOD[2]}")
        zf.write(inner, "inner.zip")
        zf.writestr("plans/empty.txt", b"")
    inner.unlink()
    (root / "broken.zip").write_bytes(b"PK\x03\x04 this is not a zip archive")
    return root


@pytest.fixture(autouse=True, scope="module")
def _no_ocr() -> Iterator[None]:
    """These tests treat a scan as a file that cannot be read (OCR has its own tests)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VNADMIN_OCR", "never")
        yield


EXPECTED_OK = {
    GOOD[0],
    f"sub/deeper/{GOOD[1]}",
    "sub/copy-of-tuyenquang.txt",
    f"box.zip/plans/{GOOD[2]}",
    f"box.zip/inner.zip/nq/{GOOD[3]}",
}
EXPECTED_FAILED = {
    "sub/scanned.pdf": "NoTextLayer",
    "corrupt.pdf": "CorruptDocument",
    "empty.txt": "EmptyDocument",
    "box.zip/plans/empty.txt": "EmptyDocument",
    "broken.zip": "InputError",
}


def test_discover_mirrors_the_tree_and_zip_members(mixed: Path) -> None:
    rels, member_bytes = set(), b""
    for item in discover([mixed]):  # a ZIP member's bytes are readable while the walk is on it
        rels.add(item.rel)
        if item.rel == f"box.zip/inner.zip/nq/{GOOD[3]}":
            assert item.source == f"{os.path.normpath(mixed)}/box.zip/inner.zip/nq/{GOOD[3]}"
            member_bytes = item.read()
    assert rels == EXPECTED_OK | set(EXPECTED_FAILED)
    assert member_bytes == (DOCS / GOOD[3]).read_bytes()


def test_unsafe_zip_member_is_reported_not_written(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as zf:
        zf.writestr("../../escape.txt", b"KE HOACH")
    items = list(discover([tmp_path / "evil.zip"]))
    assert len(items) == 1 and items[0].error is not None and "unsafe" in items[0].error
    assert ".." not in items[0].rel


@pytest.fixture(scope="module")
def local_run(mixed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    out = tmp_path_factory.mktemp("local") / "out"
    code = main(["batch", str(mixed), "-o", str(out), "--jobs", "2", "-q", "--json"])
    return out, code, ""


def test_mixed_folder_good_converted_bad_reported(local_run: tuple[Path, int, str], mixed: Path) -> None:
    out, code, _ = local_run
    assert code == 1  # some failed
    outputs = _json_outputs(out)
    assert set(outputs) == {f"{rel}.json" for rel in EXPECTED_OK}
    for rel in EXPECTED_OK:
        doc = json.loads(outputs[f"{rel}.json"].read_text(encoding="utf-8"))
        assert doc["source"]["path"] == f"{os.path.normpath(mixed)}/{rel}"
        assert doc["text"]
    failures = _jsonl(out / "failures.jsonl")
    assert {f["path"]: f["error"] for f in failures} == EXPECTED_FAILED
    assert all(f["reason"] and "\n" not in str(f["reason"]) for f in failures)
    member_failure = next(f for f in failures if f["path"] == "box.zip/plans/empty.txt")
    assert "vnadmin-" not in str(member_failure["reason"])  # names the member, not a temporary file
    lines = _jsonl(out / "documents.jsonl")
    assert sorted(str(d["source"]["path"]) for d in lines) == sorted(  # type: ignore[index]
        f"{os.path.normpath(mixed)}/{rel}" for rel in EXPECTED_OK
    )
    summary = json.loads((out / "summary.json").read_text())
    assert summary["converted"] == 4 and summary["duplicates"] == 1 and summary["parsed"] == 4
    assert summary["failed"] == 5 and summary["ignored"] == 1 and summary["exit_status"] == 1
    dup = json.loads(outputs["sub/copy-of-tuyenquang.txt.json"].read_text(encoding="utf-8"))
    first = json.loads(outputs[f"{GOOD[0]}.json"].read_text(encoding="utf-8"))
    assert {**dup, "source": None} == {**first, "source": None}


def test_rerun_parses_nothing_and_keeps_the_exit_status(local_run: tuple[Path, int, str], mixed: Path) -> None:
    out, _, _ = local_run
    before = {rel: p.stat().st_mtime_ns for rel, p in _json_outputs(out).items()}
    summary = run_batch([mixed], out, BatchOptions(jobs=2))
    assert summary.parsed == 0 and summary.converted == 0 and summary.duplicates == 0
    assert summary.skipped == len(EXPECTED_OK) and summary.failed == len(EXPECTED_FAILED)
    assert summary.exit_status == 1
    assert {rel: p.stat().st_mtime_ns for rel, p in _json_outputs(out).items()} == before


def test_changed_file_is_reconverted_and_fixed_failure_cleared(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(DOCS / GOOD[0], src / "a.txt")
    (src / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert run_batch([src], out, BatchOptions(jobs=1)).exit_status == 1
    shutil.copy(DOCS / GOOD[1], src / "a.txt")
    shutil.copy(DOCS / GOOD[2], src / "b.txt")
    summary = run_batch([src], out, BatchOptions(jobs=1))
    assert (summary.converted, summary.skipped, summary.failed, summary.exit_status) == (2, 0, 0, 0)
    assert (out / "failures.jsonl").read_text() == ""
    text = json.loads((out / "a.txt.json").read_text(encoding="utf-8"))["text"]
    assert "Đắk Lắk" in text or "ĐẮK LẮK" in text
    with sqlite3.connect(out / "index.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 2


def test_all_good_exits_zero_and_fatal_errors_exit_two(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(DOCS / GOOD[1], src / "a.txt")
    assert main(["batch", str(src), "-o", str(tmp_path / "out"), "-q", "-j", "1"]) == 0
    assert main(["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "out"), "-q"]) == 2
    assert main(["batch", str(src), "-o", str(tmp_path / "out"), "-q", "-j", "0"]) == 2


def test_guards_timeout_memory_and_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]))
    src = tmp_path / "in"
    src.mkdir()
    for name in ("hang.txt", "hog.txt", "crash.txt"):
        shutil.copy(DOCS / GOOD[0], src / name)
        with open(src / name, "a", encoding="utf-8") as fh:
            fh.write(f"\n{name}\n")  # distinct bytes: no duplicate short-cut
    shutil.copy(DOCS / GOOD[1], src / "good.txt")
    opts = BatchOptions(jobs=2, timeout=3, memory_mb=300, parser="test_batch_support:guarded_parse")
    summary = run_batch([src], tmp_path / "out", opts)
    assert summary.converted == 1 and summary.failed == 3
    errors = {f["path"]: f["error"] for f in _jsonl(tmp_path / "out" / "failures.jsonl")}
    assert errors["hang.txt"] == "Timeout"
    assert errors["hog.txt"] in {"MemoryError", "WorkerDied"}
    assert errors["crash.txt"] == "WorkerDied"
    assert (tmp_path / "out" / "good.txt.json").is_file()
    # Timeouts and crashes may be transient: a rerun tries them again; the good file is skipped.
    again = run_batch([src], tmp_path / "out", BatchOptions(jobs=2, timeout=3, memory_mb=300, parser=opts.parser))
    assert (again.skipped, again.failed, again.parsed) == (1, 3, 0)


def _unique_texts(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        text = TEXTS[i % len(TEXTS)].read_text(encoding="utf-8")
        (folder / f"d{i // 10}" / f"doc-{i:03d}.txt").parent.mkdir(exist_ok=True)
        (folder / f"d{i // 10}" / f"doc-{i:03d}.txt").write_text(f"{text}\n\nBản số {i}.\n", encoding="utf-8")


def test_kill_midway_then_resume(tmp_path: Path) -> None:
    n = 60
    src, out = tmp_path / "in", tmp_path / "out"
    _unique_texts(src, n)
    cmd = [sys.executable, "-m", "vnadmin", "batch", str(src), "-o", str(out), "-j", "1", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if len(_json_outputs(out)) >= 3 if out.exists() else False:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the batch finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    partial = _json_outputs(out)
    assert 0 < len(partial) < n
    for path in partial.values():
        json.loads(path.read_text(encoding="utf-8"))  # complete JSON or no file at all
    with sqlite3.connect(out / "index.sqlite") as conn:
        recorded = {row[0] for row in conn.execute("SELECT path FROM documents")}
    assert recorded and {f"{r}.json" for r in recorded} <= set(partial)
    time.sleep(0.5)  # the killed run's worker notices its parent is gone
    resumed = subprocess.run([*cmd[:-1], "--json"], capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(resumed.stdout)
    assert summary["skipped"] == len(recorded)  # nothing done twice
    assert summary["converted"] == n - len(recorded)  # nothing lost
    assert len(_json_outputs(out)) == n
    paths = [d["source"]["path"] for d in _jsonl(out / "documents.jsonl")]  # type: ignore[index]
    assert len(paths) == len(set(paths)) == n
    assert not any((out / ".vnadmin").rglob("*.tmp"))


def test_dask_cluster_gives_the_same_outputs(local_run: tuple[Path, int, str], mixed: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    out_local = local_run[0]
    out_dask = tmp_path / "dask"
    with distributed.LocalCluster(
        n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        code = main(["batch", str(mixed), "-o", str(out_dask), "-q", "--scheduler", cluster.scheduler_address])
        again = run_batch([mixed], out_dask, BatchOptions(), scheduler=cluster.scheduler_address)
    assert code == 1
    assert again.parsed == 0 and again.skipped == len(EXPECTED_OK)
    local_files, dask_files = _json_outputs(out_local), _json_outputs(out_dask)
    assert set(local_files) == set(dask_files)
    for rel, path in local_files.items():
        assert dask_files[rel].read_bytes() == path.read_bytes(), rel
    for name in ("documents.jsonl", "failures.jsonl"):
        assert (out_dask / name).read_bytes() == (out_local / name).read_bytes(), name
