"""Batch conversion of archives: files, folders and ZIPs to JSON files plus an SQLite index.

>>> from vnadmin.batch import BatchOptions, run_batch          # doctest: +SKIP
>>> summary = run_batch(["archive/"], "out/", BatchOptions(jobs=4))  # doctest: +SKIP

Modules: :mod:`~vnadmin.batch.discover` (inputs and ZIPs), :mod:`~vnadmin.batch.runner` (the local pool and the
run), :mod:`~vnadmin.batch.distributed` (Dask), :mod:`~vnadmin.batch.worker` (guarded worker processes),
:mod:`~vnadmin.batch.store` (atomic writes), :mod:`~vnadmin.batch.index` (SQLite + FTS5),
:mod:`~vnadmin.batch.query` (questions to the index).
"""

from vnadmin.batch.runner import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]
