"""Parsers with pathological behaviour, for the batch guard tests (loaded by worker processes by name).

Not tests: the worker imports ``test_batch_support:guarded_parse`` when the test puts this folder on PYTHONPATH.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from vnadmin.model import Document


def guarded_parse(path: str) -> Document:
    """The real parser, except for files whose name says how to misbehave (hang, hog, crash)."""
    name = Path(path).name
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("hog"):
        blocks = []
        while True:  # until the memory guard stops it
            blocks.append(bytearray(64 * 2**20))
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    from vnadmin.pipeline import parse

    return parse(path)
