"""Tables shipped with vnadmin (CSV), loaded once on first use."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``vnadmin/data/<name>`` as dictionaries."""
    with resources.files("vnadmin.data").joinpath(name).open(encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))
