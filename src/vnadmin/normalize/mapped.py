"""Text that remembers where each of its characters came from.

Every normalisation step rewrites the text; a :class:`MappedText` carries, for each character, its offset in
the reader's raw text, so that spans found later can be traced back to the source (and its page).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string plus ``origin[i]`` = offset in the raw text of character ``i``."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, tuple(range(len(text))))

    def sub(
        self, pattern: regex.Pattern[str], repl: str | Callable[[regex.Match[str]], str], pos: int = 0
    ) -> MappedText:
        """Like ``pattern.sub`` but keeps the origin map; ``pos``: where the search starts (a caller that knows
        no match begins earlier saves the scan of the text before it).

        A replacement of the same length maps character by character; otherwise every new character maps to
        the start of what it replaced (or to the offset where an insertion happened). When every replacement
        keeps its length (tone marks, look-alike letters) the map is shared, not rebuilt.
        """
        text = self.text
        edits: list[tuple[int, int, str]] = []
        same_length = True
        for m in pattern.finditer(text, pos):
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
    # Room for every offset in ``origin`` (one past the raw text is possible after an insertion at its end),
    # cut back to the raw text's offsets at the end.
    inv = [-1] * (max(raw_length, max(origin, default=0)) + 1)
    # Stored walking backwards, so that the last index stored for an offset is its first; the loop runs in
    # C (``map`` of the list's ``__setitem__``, drained by a zero-length deque).
    deque(map(inv.__setitem__, reversed(origin), range(len(origin) - 1, -1, -1)), maxlen=0)
    del inv[raw_length + 1 :]
    return inv


def map_span(inv: list[int], start: int, end: int) -> tuple[int, int] | None:
    """Map a raw span to the smallest normalised span covering its surviving characters."""
    seg = inv[start:end]
    if not seg:
        return None
    hi = max(seg)
    if hi < 0:  # every character removed
        return None
    lo = min(seg)
    if lo < 0:  # some removed (-1): the smallest surviving one
        lo = min([i for i in seg if i >= 0])
    return lo, hi + 1
