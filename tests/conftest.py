"""Shared fixtures: paths to the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "docs"
GOLD = ROOT / "corpus" / "gold"
EXAMPLE_TXT = CORPUS / "kh-tuyenquang-2024-dan-van.txt"


@pytest.fixture(scope="session")
def example_doc():  # type: ignore[no-untyped-def]
    import vnadmin

    return vnadmin.parse(EXAMPLE_TXT)
