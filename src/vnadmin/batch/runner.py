"""The batch: walk the inputs, skip what is already converted, convert the rest in guarded workers, index it all.

The process running :func:`run_batch` is the only writer of the index; workers (local processes, or Dask workers)
convert one document at a time. At most a few tasks per worker are in flight, and each result goes to disk as
soon as it arrives, so memory stays flat however many files there are.

Resume key: ``(sha256 of the bytes, vnadmin.__version__)``. A file is skipped when the index holds a document
for its path with that key and its JSON exists; a file that failed with that key is not retried either, unless
the failure was a timeout, a crash or a memory blow-up (or ``retry_failed`` is set). Bytes already converted at
another path (duplicates) are not parsed again: the existing JSON is re-labelled with the new path.
The size and mtime of each input (the CRC for ZIP members) are kept, so unchanged files are not re-hashed.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import os
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from vnadmin.batch.discover import DEFAULT_MAX_BYTES, DiscoveryStats, Item, count, discover
from vnadmin.batch.index import Index
from vnadmin.batch.store import Store, json_name
from vnadmin.batch.worker import DEFAULT_PARSER, GuardedWorker, Result, Task


@dataclass
class BatchOptions:
    """How a batch runs. ``jobs`` defaults to the number of cores."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float | None = 300.0
    memory_mb: int = 2048
    max_bytes: int = DEFAULT_MAX_BYTES
    retry_failed: bool = False
    progress: bool = False
    parser: str = DEFAULT_PARSER
    max_tasks_per_worker: int = 500


@dataclass
class BatchSummary:
    """What one run did. ``failed`` counts this run's inputs that have no JSON (new or kept failures)."""

    vnadmin_version: str
    outdir: str
    jobs: int
    scheduler: str | None
    total: int = 0
    converted: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    ignored: int = 0
    parsed: int = 0
    pages: int = 0
    elapsed_s: float = 0.0
    documents_per_s: float = 0.0
    pages_per_s: float = 0.0
    worker_peak_rss_mb: float = 0.0
    interrupted: bool = False
    archive_documents: int = 0
    archive_failures: int = 0

    @property
    def exit_status(self) -> int:
        """0 when every input document has its JSON, 1 when some failed (see failures.jsonl)."""
        return 1 if self.failed else 0

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["exit_status"] = self.exit_status
        return out


class Executor(Protocol):
    """Runs tasks somewhere; the runner keeps at most :attr:`slots` in flight."""

    slots: int
    needs_data: bool  # True when workers cannot read the input paths (tasks carry the bytes)
    writes_output: bool  # True when workers write the JSON into OUTDIR themselves

    def submit(self, task: Task) -> cf.Future[Result]: ...

    def peak_rss_mb(self) -> float: ...

    def close(self, *, cancel: bool = False) -> None: ...


class LocalExecutor:
    """``jobs`` guarded worker processes on this machine, fed by as many threads."""

    needs_data = False
    writes_output = True

    def __init__(self, jobs: int, options: BatchOptions) -> None:
        self.slots = max(1, jobs) * 2
        self._options = options
        self._pool = cf.ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="vnadmin-batch")
        self._local = threading.local()
        self._workers: list[GuardedWorker] = []
        self._lock = threading.Lock()

    def _worker(self) -> GuardedWorker:
        worker: GuardedWorker | None = getattr(self._local, "worker", None)
        if worker is None:
            o = self._options
            worker = GuardedWorker(memory_mb=o.memory_mb, parser=o.parser, max_tasks=o.max_tasks_per_worker)
            self._local.worker = worker
            with self._lock:
                self._workers.append(worker)
        return worker

    def _run(self, task: Task) -> Result:
        return self._worker().run(task, self._options.timeout)

    def submit(self, task: Task) -> cf.Future[Result]:
        return self._pool.submit(self._run, task)

    def peak_rss_mb(self) -> float:
        return max((w.peak_rss_mb for w in self._workers), default=0.0)

    def close(self, *, cancel: bool = False) -> None:
        if cancel:
            for w in list(self._workers):
                w.stop(kill=True)
        self._pool.shutdown(wait=True, cancel_futures=cancel)
        for w in list(self._workers):
            w.stop()


@dataclass
class _Pending:
    rel: str
    source: str
    name: str
    sha256: str
    fingerprint: str
    copy: bool = False


def _sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    options: BatchOptions | None = None,
    *,
    executor_factory: Callable[[], Executor] | None = None,
    scheduler: str | None = None,
) -> BatchSummary:
    """Convert every document under ``inputs`` into ``outdir``; return the summary (also in summary.json).

    Raises ``FileNotFoundError`` for a missing input, :class:`~vnadmin.batch.store.OutputLocked` when another
    batch holds ``outdir``, :class:`~vnadmin.batch.worker.WorkerStartError` when workers cannot load the parser.
    ``KeyboardInterrupt`` stops the run after recording what is done (the next run resumes from there).
    """
    from vnadmin import __version__ as version

    opts = options or BatchOptions()
    factory: Callable[[], Executor]
    if executor_factory is not None:
        factory = executor_factory
    elif scheduler is not None:
        from vnadmin.batch.distributed import DaskExecutor

        address = scheduler
        factory = lambda: DaskExecutor(address, opts)  # noqa: E731
    else:
        factory = lambda: LocalExecutor(opts.jobs, opts)  # noqa: E731
    started = time.perf_counter()
    summary = BatchSummary(version, str(outdir), opts.jobs, scheduler)
    total = count(inputs, max_bytes=opts.max_bytes) if opts.progress else None
    stats = DiscoveryStats()
    walk = discover(inputs, max_bytes=opts.max_bytes, stats=stats)
    with Store(outdir) as store:
        index = Index(store.index_path)
        bar = _progress(total, opts.progress)
        executor: Executor | None = None
        inflight: dict[cf.Future[Result], tuple[_Pending, Task]] = {}
        waiting: dict[str, list[_Pending]] = {}
        changed = False

        def fail(p: _Pending | Item, sha: str | None, fp: str | None, error: str, reason: str, cache: bool) -> None:
            nonlocal changed
            stale = index.record_failure(p.rel, p.source, sha, version, fp, error, reason, cacheable=cache)
            if stale is not None:
                changed = True
                with contextlib.suppress(FileNotFoundError):
                    (store.root / stale).unlink()
            summary.failed += 1
            bar.update(1)

        def submit(p: _Pending, task: Task) -> None:
            nonlocal executor
            if executor is None:
                executor = factory()
            if executor.writes_output:
                task["out"], task["tmp"] = str(store.output(p.rel)), str(store.tmp)
            if executor.needs_data and task["data"] is None and task["path"] is not None:
                task["data"], task["path"] = Path(task["path"]).read_bytes(), None
            waiting.setdefault(p.sha256, [])
            inflight[executor.submit(task)] = (p, task)
            while len(inflight) >= executor.slots:
                collect(block=True)

        def collect(*, block: bool) -> None:
            nonlocal changed
            if not inflight:
                return
            done, _ = cf.wait(list(inflight), timeout=None if block else 0, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                entry = inflight.pop(fut, None)
                if entry is None:  # handled by a nested collect (duplicates submitted from here)
                    continue
                p = entry[0]
                try:
                    r = fut.result()
                except Exception as exc:  # the executor itself failed (lost Dask worker...): try again next run
                    r = {"status": "failed", "error": type(exc).__name__, "reason": str(exc) or "task lost"}
                    r["cacheable"] = False
                if r.get("status") == "ok" and r.get("version") != version:
                    theirs = r.get("version")
                    r = {"status": "failed", "error": "VersionMismatch", "cacheable": False}
                    r["reason"] = f"the worker runs vnadmin {theirs}, this batch {version}"
                dupes = waiting.pop(p.sha256, [])
                if r.get("status") == "ok":
                    text = r.get("json")
                    if text is not None:
                        store.write_document(p.rel, text)
                    index.record_document(
                        p.rel, p.source, json_name(p.rel), p.sha256, version, p.fingerprint, r["rows"]
                    )
                    changed = True
                    summary.parsed += int(bool(r.get("parsed")))
                    summary.duplicates += int(p.copy)
                    summary.converted += int(not p.copy)
                    if r.get("parsed"):
                        summary.pages += int(r.get("pages") or 0)
                    bar.update(1)
                    for d in dupes:
                        submit(d, _copy_task(d, store.output(p.rel)))
                else:
                    error, reason = str(r.get("error", "Error")), str(r.get("reason", "failed"))
                    cacheable = bool(r.get("cacheable"))
                    fail(p, p.sha256, p.fingerprint, error, reason, cacheable)
                    for d in dupes:
                        fail(d, d.sha256, d.fingerprint, error, reason.replace(p.source, d.source), cacheable)

        try:
            for item in walk:
                summary.total += 1
                if item.error is not None:
                    fail(item, None, item.fingerprint or None, "InputError", item.error, True)
                    continue
                state = index.state(item.rel)
                known = state is not None and state["fingerprint"] == item.fingerprint and state["sha256"]
                sha = str(state["sha256"]) if known and state is not None else None
                data: bytes | None = None
                if sha is None:
                    try:
                        if item.in_archive:
                            data = item.read()
                            sha = hashlib.sha256(data).hexdigest()
                        else:
                            assert item.path is not None
                            sha = _sha256_file(item.path)
                    except (OSError, zipfile.BadZipFile, RuntimeError, EOFError, ValueError) as exc:
                        fail(item, None, item.fingerprint, "InputError", f"cannot read: {exc}", False)
                        continue
                    if state is not None and state["sha256"] == sha:
                        index.touch_fingerprint(item.rel, item.fingerprint)
                p = _Pending(item.rel, item.source, item.name, sha, item.fingerprint)
                if state is not None and state["sha256"] == sha and state["vnadmin_version"] == version:
                    if state["kind"] == "document" and store.output(item.rel).is_file():
                        summary.skipped += 1
                        bar.update(1)
                        continue
                    if state["kind"] == "failure" and state["cacheable"] and not opts.retry_failed:
                        summary.failed += 1
                        bar.update(1)
                        continue
                if sha in waiting:  # the same bytes are being converted right now
                    p.copy = True
                    waiting[sha].append(p)
                    continue
                existing = index.output_for(sha, version)
                if existing is not None and existing != json_name(item.rel) and (store.root / existing).is_file():
                    p.copy = True
                    submit(p, _copy_task(p, store.root / existing))
                    continue
                if item.in_archive and data is None:
                    data = item.read()
                task: Task = {
                    "rel": item.rel,
                    "source": item.source,
                    "name": item.name,
                    "path": None if item.path is None else str(item.path),
                    "data": data,
                    "copy_from": None,
                    "out": None,
                    "tmp": None,
                }
                submit(p, task)
                collect(block=False)
            while inflight:
                collect(block=True)
        except BaseException:
            summary.interrupted = True
            if executor is not None:
                executor.close(cancel=True)
                executor = None
            raise
        finally:
            summary.ignored = stats.ignored
            if executor is not None:
                summary.worker_peak_rss_mb = round(executor.peak_rss_mb(), 1)
                executor.close()
            bar.close()
            _finish(store, index, summary, started, changed)
            index.close()
    return summary


def _copy_task(p: _Pending, existing: Path) -> Task:
    return {
        "rel": p.rel,
        "source": p.source,
        "name": p.name,
        "path": None,
        "data": None,
        "copy_from": str(existing),
        "out": None,
        "tmp": None,
    }


def _finish(store: Store, index: Index, summary: BatchSummary, started: float, changed: bool) -> None:
    if changed or not store.has_documents_jsonl():
        store.write_documents_jsonl(index.outputs())
    store.write_failures_jsonl(index.failures())
    counts = index.counts()
    summary.archive_documents, summary.archive_failures = counts["documents"], counts["failures"]
    summary.elapsed_s = round(time.perf_counter() - started, 3)
    if summary.elapsed_s > 0:
        summary.documents_per_s = round(summary.parsed / summary.elapsed_s, 3)
        summary.pages_per_s = round(summary.pages / summary.elapsed_s, 3)
    store.write_summary(summary.as_dict())


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int | None, enabled: bool) -> Any:
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit=" files", dynamic_ncols=True, smoothing=0.05, leave=True)
