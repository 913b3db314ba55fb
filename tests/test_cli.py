"""The command line: JSON out, schema, and one-line errors with a non-zero exit for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_TXT


def vnadmin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vnadmin", *args], capture_output=True, text=True, timeout=120)


def test_parse_prints_json_with_the_fixed_paths(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    r = vnadmin("parse", str(EXAMPLE_TXT), "-o", str(out), "--pretty")
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    for key in ("schema_version", "source", "text", "metadata", "sections", "citations", "tasks", "deadlines"):
        assert key in data
    assert data["signature"]["authority"] == "KT. CHỦ TỊCH"
    assert data["sections"][0]["label"] == "I"
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file


def test_schema_is_generated_json_schema() -> None:
    r = vnadmin("schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert "metadata" in schema["properties"] and "$defs" in schema


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty file"),
        ("garbage.bin", bytes(range(256)) * 8, "binary data"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 64, "ZIP"),
        ("blank.txt", b"   \n\n  ", "no text"),
    ],
)
def test_bad_input_gets_one_line_error(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    r = vnadmin("parse", str(path))
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(path) in lines[0] and message in lines[0]
    assert "Traceback" not in r.stderr


def test_output_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    import os

    out = tmp_path / "plan.json"
    assert vnadmin("parse", str(EXAMPLE_TXT), "-o", str(out)).returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
