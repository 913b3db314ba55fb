"""Finding the documents of a batch: files, folders (walked recursively) and ZIP archives (nested too).

Every document found becomes an :class:`Item` whose ``rel`` is its path below the output directory:

* one folder ``docs/`` given → ``sub/a.pdf`` for ``docs/sub/a.pdf``;
* one file given → its name;
* several inputs → paths relative to their common parent (``docs/a.pdf``, ``extra.zip/b.docx``);
* a ZIP member → ``archive.zip/inner/path`` (a ZIP inside a ZIP: ``outer.zip/inner.zip/c.txt``).

Files whose extension is not a document kind (and hidden files) are skipped and counted as ignored.
Problems found while walking (a corrupt ZIP, an unsafe member name, an oversized member) become items with an
``error``: the runner reports them in ``failures.jsonl`` like any other failed file.

:func:`discover` is a generator that keeps each ZIP open while it yields its members: call
:meth:`Item.read` before advancing it.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENT_EXTENSIONS = frozenset({".pdf", ".docx", ".doc", ".txt", ".md"})
"""Extensions of the files a batch converts (case-insensitive)."""

ARCHIVE_EXTENSIONS = frozenset({".zip"})
MAX_ZIP_DEPTH = 4
"""ZIPs nested deeper than this are reported, not opened (a guard against recursive archives)."""

DEFAULT_MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Item:
    """One document to convert (or a problem found while looking for documents)."""

    rel: str = field(metadata={"doc": "Path below the output directory, '/'-separated, without the '.json'."})
    source: str = field(metadata={"doc": "The path as the user names it: input path joined with the member path."})
    name: str = field(metadata={"doc": "Base name of the document (its extension tells the reader to use)."})
    fingerprint: str = field(metadata={"doc": "Size and mtime (or ZIP CRC) — unchanged inputs are not re-hashed."})
    path: Path | None = None
    size: int = 0
    error: str | None = None
    reader: Callable[[], bytes] | None = field(default=None, repr=False, compare=False)

    @property
    def in_archive(self) -> bool:
        """True for a ZIP member (its bytes come from :meth:`read`, not from a file)."""
        return self.path is None

    def read(self) -> bytes:
        """The document's bytes. For a ZIP member, valid only until :func:`discover` is advanced."""
        if self.path is not None:
            return self.path.read_bytes()
        if self.reader is None:
            raise ValueError(f"{self.source}: no bytes to read")
        return self.reader()


@dataclass
class DiscoveryStats:
    """What the walk saw besides documents."""

    ignored: int = 0


def _is_document(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in DOCUMENT_EXTENSIONS


def _is_archive(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in ARCHIVE_EXTENSIONS


def effective_inputs(inputs: Sequence[str | os.PathLike[str]]) -> list[tuple[str, Path]]:
    """The inputs as (spelling, absolute path), dropping repeats and inputs inside another input folder.

    Raises ``FileNotFoundError`` naming the first input that does not exist.
    """
    seen: list[tuple[str, Path]] = []
    for raw in inputs:
        spelled = os.path.normpath(os.fspath(raw))
        absolute = Path(os.path.abspath(spelled))
        if not absolute.exists():
            raise FileNotFoundError(f"{spelled}: no such file or folder")
        seen.append((spelled, absolute))
    keep: list[tuple[str, Path]] = []
    for spelled, absolute in seen:
        covered = any(
            other != absolute and other.is_dir() and absolute.is_relative_to(other) for _, other in seen
        ) or any(k[1] == absolute for k in keep)
        if not covered:
            keep.append((spelled, absolute))
    return keep


def _root_of(inputs: list[tuple[str, Path]]) -> Path:
    if len(inputs) == 1:
        only = inputs[0][1]
        return only if only.is_dir() else only.parent
    return Path(os.path.commonpath([str(p) for _, p in inputs]))


def _safe_member(name: str) -> str | None:
    """The member path with '/' separators, or None when it would escape its folder."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts) or name.startswith(("/", "\\")) or ":" in parts[0]:
        return None
    return "/".join(parts)


def _file_fingerprint(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}"


def discover(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stats: DiscoveryStats | None = None,
) -> Iterator[Item]:
    """Yield every document under ``inputs`` in a stable order (sorted names, depth first)."""
    stats = stats if stats is not None else DiscoveryStats()
    effective = effective_inputs(inputs)
    root = _root_of(effective)
    for spelled, absolute in effective:
        if absolute.is_dir():
            for dirpath, dirnames, filenames in os.walk(absolute):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for fname in sorted(filenames):
                    full = Path(dirpath) / fname
                    within = full.relative_to(absolute).as_posix()
                    yield from _file(full, full.relative_to(root).as_posix(), f"{spelled}/{within}", max_bytes, stats)
        else:
            yield from _file(absolute, absolute.relative_to(root).as_posix(), spelled, max_bytes, stats)


def _file(full: Path, rel: str, source: str, max_bytes: int, stats: DiscoveryStats) -> Iterator[Item]:
    name = full.name
    if _is_archive(name):
        try:
            st = full.stat()
        except OSError as exc:
            yield Item(rel, source, name, "", error=f"cannot read the ZIP archive: {exc.strerror}")
            return
        try:
            with zipfile.ZipFile(full) as zf:
                yield from _members(zf, rel, source, _file_fingerprint(st), 1, max_bytes, stats)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            yield Item(rel, source, name, _file_fingerprint(st), full, st.st_size, f"corrupt ZIP archive: {exc}")
        return
    if not _is_document(name):
        stats.ignored += 1
        return
    try:
        st = full.stat()
    except OSError as exc:
        yield Item(rel, source, name, "", full, error=f"cannot read the file: {exc.strerror}")
        return
    error = f"file of {st.st_size} bytes is over the {max_bytes}-byte limit" if st.st_size > max_bytes else None
    yield Item(rel, source, name, _file_fingerprint(st), full, st.st_size, error)


def _members(
    zf: zipfile.ZipFile, rel: str, source: str, zip_fp: str, depth: int, max_bytes: int, stats: DiscoveryStats
) -> Iterator[Item]:
    infos = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
    for info in infos:
        member = _safe_member(info.filename)
        base = info.filename.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        fp = f"{zip_fp}|{info.CRC:08x}:{info.file_size}:{info.compress_type}"
        if member is None:
            bad = f"{rel}/{base or 'member'}"
            yield Item(bad, f"{source}/{info.filename}", base, fp, error=f"unsafe ZIP member name {info.filename!r}")
            continue
        m_rel, m_source, name = f"{rel}/{member}", f"{source}/{member}", member.rsplit("/", 1)[-1]
        hidden = any(part.startswith(".") or part == "__MACOSX" for part in member.split("/"))
        if hidden or not (_is_document(name) or _is_archive(name)):
            stats.ignored += 1
            continue
        if info.file_size > max_bytes:
            yield Item(m_rel, m_source, name, fp, size=info.file_size, error=_too_large(info.file_size, max_bytes))
            continue
        if info.flag_bits & 0x1:
            yield Item(m_rel, m_source, name, fp, size=info.file_size, error="encrypted ZIP member")
            continue
        if _is_archive(name):
            if depth >= MAX_ZIP_DEPTH:
                yield Item(m_rel, m_source, name, fp, error=f"ZIP nested deeper than {MAX_ZIP_DEPTH} levels")
                continue
            try:
                inner = zipfile.ZipFile(io.BytesIO(zf.read(info)))
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                yield Item(m_rel, m_source, name, fp, size=info.file_size, error=f"corrupt ZIP archive: {exc}")
                continue
            with inner:
                yield from _members(inner, m_rel, m_source, fp, depth + 1, max_bytes, stats)
            continue
        yield Item(m_rel, m_source, name, fp, size=info.file_size, reader=_member_reader(zf, info))


def _too_large(size: int, limit: int) -> str:
    return f"file of {size} bytes is over the {limit}-byte limit"


def _member_reader(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        return zf.read(info)

    return read


def count(inputs: Sequence[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """How many items :func:`discover` yields (a walk without reading documents)."""
    return sum(1 for _ in discover(inputs, max_bytes=max_bytes))
