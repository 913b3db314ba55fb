"""Text that remembers where each of its characters came from.

Every normalisation step rewrites the text; a :class:`MappedText` carries, for each character, its offset in
the reader's raw text, so that spans found later can be traced back to the source (and its page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import repeat

import regex


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string plus ``origin[i]`` = offset in the raw text of character ``i``."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, tuple(range(len(text))))

    def sub(self, pattern: regex.Pattern[str], repl: str | Callable[[regex.Match[str]], str]) -> MappedText:
        """Like ``pattern.sub`` but keeps the origin map.

        A replacement of the same length maps character by character; otherwise every new character maps to
        the start of what it replaced (or to the offset where an insertion happened). When every replacement
        keeps its length (tone marks, look-alike letters) the map is shared, not rebuilt.
        """
        text = self.text
        edits: list[tuple[int, int, str]] = []
        same_length = True
        for m in pattern.finditer(text):
            new = repl if isinstance(repl, str) else repl(m)
            start, end = m.span()
            if new == text[start:end]:
                continue
            same_length = same_length and len(new) == end - start
            edits.append((start, end, new))
        if not edits:
            return self
        pieces: list[str] = []
        last = 0
        for start, end, new in edits:
            pieces.append(text[last:start])
            pieces.append(new)
            last = end
        pieces.append(text[last:])
        if same_length:
            return MappedText("".join(pieces), self.origin)
        src = self.origin
        origin: list[int] = []
        last = 0
        for start, end, new in edits:
            origin.extend(src[last:start])
            if len(new) == end - start:
                origin.extend(src[start:end])
            elif new:
                anchor = src[start] if start < len(src) else (src[-1] + 1 if src else 0)
                origin.extend(src[start + i] if start + i < end else anchor for i in range(len(new)))
            last = end
        origin.extend(src[last:])
        return MappedText("".join(pieces), tuple(origin))

    @classmethod
    def concat(cls, parts: Iterable[MappedText]) -> MappedText:
        texts: list[str] = []
        origin: list[int] = []
        for p in parts:
            texts.append(p.text)
            origin.extend(p.origin)
        return cls("".join(texts), tuple(origin))

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.origin[start:end])

    def with_text(self, text: str, origin: Iterable[int]) -> MappedText:
        return MappedText(text, tuple(origin))


def inverse(origin: tuple[int, ...], raw_length: int) -> list[int]:
    """For each raw offset, the normalised offset of that character, or -1 when it was removed."""
    # Walked backwards, the last index stored for an offset is its first.
    first = dict(zip(reversed(origin), range(len(origin) - 1, -1, -1), strict=True))
    return list(map(first.get, range(raw_length + 1), repeat(-1)))


def map_span(inv: list[int], start: int, end: int) -> tuple[int, int] | None:
    """Map a raw span to the smallest normalised span covering its surviving characters."""
    kept = [inv[i] for i in range(start, min(end, len(inv))) if inv[i] >= 0]
    if not kept:
        return None
    return min(kept), max(kept) + 1
