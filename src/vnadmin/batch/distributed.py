"""The batch on a Dask distributed cluster (``pip install vnadmin[distributed]``; Dask is imported lazily).

The process running the batch stays the only writer: it walks the inputs, hashes them, skips what is done, ships
each remaining document's bytes to the cluster and writes the JSON and the index rows that come back. Workers
need vnadmin (the same version) but no shared filesystem. On each Dask worker thread the conversion runs in a
:class:`~vnadmin.batch.worker.GuardedWorker` process, so the per-file timeout and memory guard hold there too.

Start a cluster on several machines::

    dask scheduler --port 8786                                   # on the scheduler machine
    dask worker tcp://SCHEDULER:8786 --nworkers 4 --nthreads 1   # on every worker machine
    vnadmin batch archive/ -o out/ --scheduler tcp://SCHEDULER:8786
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import threading
from typing import Any

from vnadmin.batch.runner import BatchOptions
from vnadmin.batch.worker import GuardedWorker, Result, Task


class MissingDistributedExtra(RuntimeError):
    """Dask distributed is not installed."""


_guards: dict[int, GuardedWorker] = {}
_guards_lock = threading.Lock()


def convert_on_worker(task: Task, memory_mb: int, parser: str, max_tasks: int, timeout: float | None) -> Result:
    """Run on a Dask worker: convert ``task`` in this thread's guarded process."""
    key = threading.get_ident()
    with _guards_lock:
        guard = _guards.get(key)
        if guard is None or (guard.memory_mb, guard.parser) != (memory_mb, parser):
            if guard is not None:
                guard.stop()
            guard = GuardedWorker(memory_mb=memory_mb, parser=parser, max_tasks=max_tasks)
            _guards[key] = guard
    return guard.run(task, timeout)


def stop_guards() -> int:
    """Run on a Dask worker: stop its guarded processes; return how many there were."""
    with _guards_lock:
        guards = list(_guards.values())
        _guards.clear()
    for guard in guards:
        guard.stop()
    return len(guards)


def guards_peak_rss() -> float:
    with _guards_lock:
        return max((g.peak_rss_mb for g in _guards.values()), default=0.0)


class DaskExecutor:
    """Tasks on the cluster whose scheduler listens at ``address`` (``tcp://host:8786``)."""

    needs_data = True
    writes_output = False

    def __init__(self, address: str, options: BatchOptions, *, connect_timeout: float = 30.0) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise MissingDistributedExtra(
                "--scheduler needs Dask distributed: pip install 'vnadmin[distributed]'"
            ) from exc
        self._options = options
        try:
            self.client: Any = Client(  # type: ignore[no-untyped-call]
                address, timeout=f"{connect_timeout}s", set_as_default=False
            )
        except OSError as exc:
            raise ConnectionError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        threads = sum(dict(self.client.nthreads()).values()) or 1  # type: ignore[no-untyped-call]
        self.slots = threads * 2
        self._peak = 0.0

    def submit(self, task: Task) -> cf.Future[Result]:
        o = self._options
        remote = self.client.submit(
            convert_on_worker, task, o.memory_mb, o.parser, o.max_tasks_per_worker, o.timeout, pure=False
        )
        local: cf.Future[Result] = cf.Future()

        def done(fut: Any) -> None:
            try:
                result: Result = fut.result()
            except BaseException as exc:
                local.set_exception(exc)
            else:
                self._peak = max(self._peak, float(result.get("peak_rss_mb", 0.0)))
                local.set_result(result)

        remote.add_done_callback(done)
        return local

    def peak_rss_mb(self) -> float:
        return self._peak

    def close(self, *, cancel: bool = False) -> None:
        with contextlib.suppress(Exception):  # a lost worker must not turn a finished batch into an error
            self.client.run(stop_guards)
        self.client.close()
