"""Plain text and Markdown: decode, keep the text as it is, and find the tables in it.

Two table notations occur in text dumps of web pages:

* rows on one line: ``| STT | Nhiệm vụ | Cơ quan chủ trì |`` (Markdown);
* "cell fragments": each cell between lines holding a lone ``|``, an empty cell marking the end of a row,
  as in the letterheads of thuvienphapluat-style dumps (kh-daklak-2025-125)::

      |
      **ỦY BAN NHÂN DÂN**
      TỈNH ĐẮK LẮK
      |
      **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
      |
      |
      Số: 0125/KH-UBND
      |
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import regex

from vnadmin.errors import EmptyDocument, UnsupportedFormat
from vnadmin.model import Block, SourceDocument, Table, TableCell

_LINE = regex.compile(r"[^\n]*\n?")
_PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PARAGRAPH = regex.compile(r"(?:[^\n]+\n?)+")


def decode(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258 (Vietnamese)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise UnsupportedFormat(f"{name}: not UTF-8 or Windows-1258 text") from None


def read_text(path: Path | None, data: bytes, fmt: str = "txt") -> SourceDocument:
    """A text file as a SourceDocument: raw_text is the decoded file, unchanged."""
    name = str(path) if path else "<text>"
    text = decode(data, name).replace("\r\n", "\n")
    if not text.strip():
        raise EmptyDocument(f"{name}: no text")
    return SourceDocument(
        path=str(path) if path else None,
        format="md" if fmt == "md" else "txt",
        sha256=hashlib.sha256(data).hexdigest(),
        raw_text=text,
        blocks=paragraph_blocks(text),
        tables=find_tables(text),
    )


def paragraph_blocks(text: str) -> list[Block]:
    """One block per run of non-blank lines."""
    return [
        Block(span=(m.start(), m.end() - (1 if m.group().endswith("\n") else 0))) for m in _PARAGRAPH.finditer(text)
    ]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its newline."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        end = m.end() - (1 if m.group().endswith("\n") else 0)
        out.append((m.start(), end))
    return out


def find_tables(text: str) -> list[Table]:
    """Tables in either notation, in text order."""
    lines = _lines(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e].strip()
        if line == "|":
            table, i = _fragment_table(text, lines, i)
            if table:
                tables.append(table)
            continue
        if _PIPE_ROW.match(text[s:e]) and text[s:e].count("|") >= 3:
            table, i = _pipe_table(text, lines, i)
            if table:
                tables.append(table)
            continue
        i += 1
    return tables


def _fragment_table(text: str, lines: list[tuple[int, int]], i: int) -> tuple[Table | None, int]:
    """Cells between lone '|' lines; an empty cell ends a row; a '|' followed by a blank line ends the table."""
    cells: list[TableCell] = []
    row, col = 0, 0
    start = lines[i][0]
    end = lines[i][1]
    content: list[tuple[int, int]] = []
    j = i + 1
    while j < len(lines):
        s, e = lines[j]
        stripped = text[s:e].strip()
        if stripped == "|":
            if content:
                cells.append(TableCell(row=row, col=col, span=(content[0][0], content[-1][1])))
                col += 1
            elif col > 0:
                row, col = row + 1, 0
            content = []
            end = e
            nxt = lines[j + 1] if j + 1 < len(lines) else None
            if nxt is None or (not text[nxt[0] : nxt[1]].strip() and col > 0):
                j += 1
                break
        elif not stripped and not content:
            break
        else:
            content.append((s, e))
        j += 1
    if not cells:
        return None, max(j, i + 1)
    n_rows = max(c.row for c in cells) + 1
    n_cols = max(c.col for c in cells) + 1
    return Table(span=(start, end), cells=cells, n_rows=n_rows, n_cols=n_cols), j


def _pipe_table(text: str, lines: list[tuple[int, int]], i: int) -> tuple[Table | None, int]:
    """Markdown rows: '| a | b |' on one line each; '|---|---|' rules skipped."""
    cells: list[TableCell] = []
    row = 0
    start = lines[i][0]
    end = start
    j = i
    while j < len(lines):
        s, e = lines[j]
        line = text[s:e]
        if not _PIPE_ROW.match(line):
            break
        end = e
        j += 1
        if _PIPE_RULE.match(line):
            continue
        bars = [s + k for k, ch in enumerate(line) if ch == "|"]
        for col, (a, b) in enumerate(itertools.pairwise(bars)):
            cs, ce = a + 1, b
            while cs < ce and text[cs].isspace():
                cs += 1
            while ce > cs and text[ce - 1].isspace():
                ce -= 1
            cells.append(TableCell(row=row, col=col, span=(cs, ce)))
        row += 1
    if not cells:
        return None, j
    n_cols = max(c.col for c in cells) + 1
    return Table(span=(start, end), cells=cells, n_rows=row, n_cols=n_cols), j
