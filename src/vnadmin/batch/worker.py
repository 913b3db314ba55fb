"""Conversion of one document in a guarded worker process, and the parent's handle on such a process.

A :class:`GuardedWorker` starts ``python -m vnadmin.batch.worker FD MEMORY_MB PARSER`` (a fresh interpreter, like
the multiprocessing "spawn" start method, but usable from daemonic Dask workers too) and talks to it over a socket
pair with :class:`multiprocessing.connection.Connection` framing. The guards:

* **timeout** — the parent waits at most ``timeout`` seconds for a result, then kills the process (a new one starts
  for the next document) and reports ``Timeout``;
* **memory** — the worker caps its address space with ``RLIMIT_AS`` (its size after start-up plus ``memory_mb``):
  an allocation past it raises ``MemoryError`` (reported, the worker is replaced) or kills the process (reported as
  ``WorkerDied``). A worker whose resident size has grown past ``memory_mb`` is replaced after its document;
* **recycling** — a worker is replaced after ``max_tasks`` documents.

Tasks and results are plain dictionaries (see :class:`Task`, :class:`Result`), so they pickle anywhere.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypedDict

DEFAULT_PARSER = "vnadmin:parse"
STARTUP_TIMEOUT = 300.0
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class Task(TypedDict):
    """One document to convert."""

    rel: str  # path below OUTDIR (the JSON goes to OUTDIR/<rel>.json)
    source: str  # the path written to Document.source.path
    name: str  # base name (extension picks the reader)
    path: str | None  # a file to parse in place
    data: bytes | None  # or the bytes (ZIP members, distributed runs)
    copy_from: str | None  # or an existing JSON of the same bytes: re-label it instead of parsing
    out: str | None  # where the worker writes the JSON itself (else it returns the text)
    tmp: str | None  # temporary directory on the same filesystem as ``out``


class Result(TypedDict, total=False):
    status: str  # "ok" | "failed"
    parsed: bool  # True when the parser ran (False for copies and failures before parsing)
    sha256: str | None
    pages: int | None
    rows: dict[str, Any]  # see vnadmin.batch.index.document_rows
    json: str | None  # the document JSON when the task had no ``out``
    error: str  # exception class, or Timeout / WorkerDied / MemoryError
    reason: str  # one line
    cacheable: bool  # True when the same bytes would fail the same way again (not for timeouts, crashes)
    version: str
    elapsed: float
    peak_rss_mb: float
    recycle: bool


def _resident_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _virtual_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * _PAGE
    except OSError:
        return None


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def load_parser(spec: str) -> Callable[[str], Any]:
    """``"package.module:function"`` → the function."""
    module, _, attr = spec.partition(":")
    fn = getattr(importlib.import_module(module), attr or "parse")
    if not callable(fn):
        raise TypeError(f"{spec} is not callable")
    return fn  # type: ignore[no-any-return]


def _one_line(text: str) -> str:
    return " ".join(text.split())[:500] or "no message"


def convert(task: Task, parse: Callable[[str], Any]) -> Result:
    """Turn one task into a result (never raises for a bad document)."""
    from vnadmin import __version__
    from vnadmin.batch.index import document_rows
    from vnadmin.errors import VnadminError
    from vnadmin.model import Document
    from vnadmin.output import document_json, write_atomic

    started = time.perf_counter()
    parsed = False
    shown: str | None = None  # the file parsed, named in error messages: replaced by the source path
    try:
        if task["copy_from"] is not None:
            doc = Document.model_validate_json(Path(task["copy_from"]).read_bytes())
        elif task["data"] is not None:
            with tempfile.TemporaryDirectory(prefix="vnadmin-") as tmp:
                member = Path(tmp) / (task["name"] or "document")
                member.write_bytes(task["data"])
                shown = str(member)
                parsed = True
                doc = parse(str(member))
        else:
            assert task["path"] is not None
            shown = task["path"]
            parsed = True
            doc = parse(task["path"])
        if not isinstance(doc, Document):
            raise TypeError(f"the parser returned {type(doc).__name__}, not Document")
        doc = doc.model_copy(update={"source": doc.source.model_copy(update={"path": task["source"]})})
        text = document_json(doc, pretty=True) + "\n"
        rows = document_rows(doc)
        if task["out"] is not None:
            write_atomic(Path(task["out"]), text, Path(task["tmp"]) if task["tmp"] else None)
        result: Result = {
            "status": "ok",
            "parsed": parsed,
            "sha256": doc.source.sha256,
            "pages": doc.source.pages,
            "rows": rows,
            "json": None if task["out"] is not None else text,
        }
    except VnadminError as exc:
        result = {"status": "failed", "parsed": parsed, "error": type(exc).__name__, "cacheable": True}
        message = str(exc).replace(shown, task["source"]) if shown else str(exc)
        result["reason"] = _one_line(message)
    except MemoryError:
        result = {"status": "failed", "parsed": parsed, "error": "MemoryError", "cacheable": False, "recycle": True}
        result["reason"] = "the worker ran out of its memory allowance"
    except RecursionError as exc:
        result = {"status": "failed", "parsed": parsed, "error": "RecursionError", "cacheable": True}
        result["reason"] = _one_line(f"recursion too deep: {exc}")
    except Exception as exc:
        # A bug met on this input: the same bytes and version fail the same way, so the failure is kept.
        result = {"status": "failed", "parsed": parsed, "error": type(exc).__name__, "cacheable": True}
        result["reason"] = _one_line(f"internal error: {exc}")
    result["version"] = __version__
    result["elapsed"] = time.perf_counter() - started
    result["peak_rss_mb"] = _peak_mb()
    return result


def _watch_parent() -> None:
    """Exit as soon as the parent is gone (a killed batch must not leave workers writing behind it)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(3)

    threading.Thread(target=watch, name="vnadmin-parent-watch", daemon=True).start()


def serve(fd: int, memory_mb: int, parser_spec: str, max_tasks: int) -> None:
    """The worker process: announce readiness, then convert tasks until told to stop or recycled."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    _watch_parent()
    conn = Connection(fd)
    from vnadmin import __version__

    try:
        parse = load_parser(parser_spec)
        importlib.import_module("vnadmin.batch.index")
        importlib.import_module("vnadmin.model")
    except Exception as exc:
        conn.send({"ready": False, "version": __version__, "reason": _one_line(f"{type(exc).__name__}: {exc}")})
        return
    if memory_mb > 0:
        base = _virtual_bytes()
        if base is not None:
            limit = base + memory_mb * 2**20
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    conn.send({"ready": True, "version": __version__, "pid": os.getpid(), "rss_mb": _resident_mb()})
    done = 0
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result = convert(task, parse)
        done += 1
        if memory_mb > 0 and _resident_mb() > memory_mb:
            result["recycle"] = True
        if max_tasks and done >= max_tasks:
            result["recycle"] = True
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return
        if result.get("recycle"):
            return


class WorkerStartError(RuntimeError):
    """The worker process could not load vnadmin or the parser."""


class GuardedWorker:
    """The parent's handle on one worker process; :meth:`run` is synchronous and applies the guards."""

    def __init__(self, *, memory_mb: int = 2048, parser: str = DEFAULT_PARSER, max_tasks: int = 500) -> None:
        self.memory_mb = memory_mb
        self.parser = parser
        self.max_tasks = max_tasks
        self.proc: subprocess.Popen[bytes] | None = None
        self.conn: Connection | None = None
        self.peak_rss_mb = 0.0
        self.started = 0

    def _start(self) -> None:
        parent_sock, child_sock = socket.socketpair()
        env = dict(os.environ)
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
            env.setdefault(var, "1")
        env.setdefault("MALLOC_ARENA_MAX", "2")
        src = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
        fd = child_sock.fileno()
        cmd = [sys.executable, "-m", "vnadmin.batch.worker", str(fd), str(self.memory_mb), self.parser]
        cmd.append(str(self.max_tasks))
        try:
            proc = subprocess.Popen(
                cmd,
                pass_fds=(fd,),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        finally:
            child_sock.close()
        conn = Connection(parent_sock.detach())
        if not conn.poll(STARTUP_TIMEOUT):
            proc.kill()
            proc.wait()
            conn.close()
            raise WorkerStartError(f"the worker did not start within {STARTUP_TIMEOUT:.0f} s")
        try:
            hello = conn.recv()
        except EOFError:
            proc.wait()
            conn.close()
            raise WorkerStartError(f"the worker exited at start-up (status {proc.returncode})") from None
        if not hello.get("ready"):
            proc.wait()
            conn.close()
            raise WorkerStartError(f"the worker cannot load {self.parser}: {hello.get('reason')}")
        self.proc, self.conn = proc, conn
        self.started += 1

    def run(self, task: Task, timeout: float | None) -> Result:
        """Convert ``task`` in the worker process; a hang, a crash or a memory blow-up becomes a failed result."""
        if self.proc is None:
            self._start()
        assert self.conn is not None and self.proc is not None
        started = time.perf_counter()
        try:
            self.conn.send(task)
            ready = self.conn.poll(timeout)
        except (BrokenPipeError, ConnectionResetError, EOFError):
            return self._died(started)
        if not ready:
            self.stop(kill=True)
            return {
                "status": "failed",
                "parsed": True,
                "error": "Timeout",
                "reason": f"no result after {timeout:g} s (the worker was stopped)",
                "cacheable": False,
                "elapsed": time.perf_counter() - started,
            }
        try:
            result: Result = self.conn.recv()
        except (EOFError, ConnectionResetError, OSError):
            return self._died(started)
        self.peak_rss_mb = max(self.peak_rss_mb, float(result.get("peak_rss_mb", 0.0)))
        if result.get("recycle"):
            self.stop()
        return result

    def _died(self, started: float) -> Result:
        assert self.proc is not None
        code = self.proc.wait()
        self._close()
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        hint = " — out of memory?" if code in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT) else ""
        return {
            "status": "failed",
            "parsed": True,
            "error": "WorkerDied",
            "reason": f"the worker process died ({how}){hint}",
            "cacheable": False,
            "elapsed": time.perf_counter() - started,
        }

    def _close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.proc, self.conn = None, None

    def stop(self, *, kill: bool = False) -> None:
        """End the worker process (politely unless ``kill``)."""
        if self.proc is None:
            return
        proc = self.proc
        if kill:
            proc.kill()
        else:
            with contextlib.suppress(OSError, BrokenPipeError):
                assert self.conn is not None
                self.conn.send(None)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        proc.wait()
        self._close()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    serve(int(args[0]), int(args[1]), args[2], int(args[3]) if len(args) > 3 else 0)


if __name__ == "__main__":
    main()
