"""The file behind ``--cache``: blobs written once, an index of the live ones, updates appended.

A site's cache holds every post's findings and formatted output (hundreds of megabytes for
thousands of posts), and a run reads only what it uses: the index, and the blobs of the files
it reports. A save appends the new blobs and a new index instead of rewriting all of it.

Layout::

    MAGIC  blob blob ... index TRAILER  blob ... index TRAILER ...
    TRAILER = TRAILER_MAGIC + offset and length of the index before it + SHA-256 of that index

A reader takes the last trailer; an index is only unmarshalled when its digest matches, and a
blob, referred to as (offset, length, CRC-32), is checked when it is read. Blobs and indexes
are never changed once written, so an index stays valid while others are appended after it.
An append is one write at the end of the file under an exclusive lock (``flock``), made by the
guarded writer (``safe_write.append_if_unchanged``), and a reader holds a shared one while it
reads the index, so it never sees half of an append. Where there is no ``flock`` (Windows), and
when more than half of the file is dead (replaced blobs and indexes), the file is rewritten
instead, compacted, by ``write_atomic`` (a new file renamed over the old one).
"""

from __future__ import annotations

import hashlib
import marshal
import mmap
import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..reading.safe_write import append_if_unchanged, write_atomic

MAGIC = b"article-lint-cache 3\n"
TRAILER_MAGIC = b"\nalc3-index"
_TRAILER = struct.Struct("<QQ32s")
TRAILER_SIZE = len(TRAILER_MAGIC) + _TRAILER.size
# Rewrite (compact) when the dead bytes are more than the live ones and than this.
_MIN_DEAD = 8 * 1024 * 1024

Ref = tuple[int, int, int]  # offset, length, CRC-32 of a blob in the file

try:
    import fcntl
except ImportError:  # Windows: every save rewrites the file
    fcntl = None  # type: ignore[assignment]


class CacheFileError(Exception):
    """The file is not a cache of this format (damaged, foreign, or another version's)."""


class CacheFile:
    """One cache file, open for reading: its index and its blobs.

    ``blob(ref)`` reads a blob (memory-mapped, checked); new blobs are given to ``save`` as
    bytes, in place of their ``Ref`` in the index."""

    def __init__(self, path: Path):
        self.path = path
        self.index: Any = None
        self.size = 0  # of the file as read
        self.live = 0  # bytes of the blobs the index refers to, with the index (known after a save)
        self._fd: int | None = None
        self._map: mmap.mmap | None = None
        self._ino: tuple[int, int] | None = None

    # -- reading ----------------------------------------------------------------------------------
    def open(self) -> None:
        """Read the index; raises ``FileNotFoundError``, ``OSError`` or ``CacheFileError``."""
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags)
        try:
            _lock_shared(fd)
            try:
                st = os.fstat(fd)
                self.size = st.st_size
                self._ino = (st.st_dev, st.st_ino)
                if self.size < len(MAGIC) + TRAILER_SIZE:
                    raise CacheFileError("too short")
                self._map = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
            finally:
                _unlock(fd)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        view = self._map
        if view[: len(MAGIC)] != MAGIC:
            raise CacheFileError("no magic")
        tail = view[self.size - TRAILER_SIZE : self.size]
        if not tail.startswith(TRAILER_MAGIC):
            raise CacheFileError("no trailer")
        offset, length, digest = _TRAILER.unpack(tail[len(TRAILER_MAGIC) :])
        if offset < len(MAGIC) or offset + length != self.size - TRAILER_SIZE:
            raise CacheFileError("bad trailer")
        raw = view[offset : offset + length]
        if hashlib.sha256(raw).digest() != digest:
            raise CacheFileError("index digest")
        try:
            self.index = marshal.loads(raw)
        except (ValueError, EOFError, TypeError) as exc:
            raise CacheFileError("index") from exc

    def blob(self, ref: Ref | bytes) -> bytes:
        """The bytes of a blob (``ref`` as the index has it, or bytes not saved yet)."""
        if isinstance(ref, (bytes, bytearray)):
            return bytes(ref)
        offset, length, crc = ref
        if self._map is None or offset + length > self.size:
            raise CacheFileError("blob outside the file")
        data = self._map[offset : offset + length]
        if zlib.crc32(data) != crc:
            raise CacheFileError("blob checksum")
        return data

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
            self._map = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- writing ----------------------------------------------------------------------------------
    def save(self, index: Any, refs: Iterator[tuple[Any, Any]], live_blobs: int) -> Any:
        """Write ``index``, whose blobs not yet in the file are bytes.

        ``refs`` yields (container, key) pairs: every place in ``index`` that holds a blob (a
        ``Ref`` or bytes); each is replaced by the blob's ``Ref`` in the file written.
        ``live_blobs`` is the total length of the blobs the index refers to. Appends when it
        can, else rewrites the file compacted. Raises ``OSError``."""
        places = list(refs)
        new = sum(len(c[k]) for c, k in places if isinstance(c[k], (bytes, bytearray)))
        dead = self.size + new - live_blobs
        if fcntl is not None and self._fd is not None and (dead <= max(live_blobs, _MIN_DEAD)):
            if self._append(index, places):
                return index
        self._rewrite(index, places)
        return index

    def _append(self, index: Any, places: list) -> bool:
        """Append the new blobs and the index to the file read, if it is still that file (else
        False: another run compacted it meanwhile, and the caller rewrites it)."""

        def data_at(end: int) -> bytes:
            chunks: list[bytes | bytearray] = []
            position = end
            for container, key in places:
                value = container[key]
                if isinstance(value, (bytes, bytearray)):
                    container[key] = (position, len(value), zlib.crc32(value))
                    chunks.append(value)
                    position += len(value)
            data = marshal.dumps(index)
            chunks += [data, TRAILER_MAGIC, _TRAILER.pack(position, len(data), hashlib.sha256(data).digest())]
            return b"".join(chunks)

        if self._ino is None:
            return False
        return append_if_unchanged(self.path, data_at, identity=self._ino, size=self.size)

    def _rewrite(self, index: Any, places: list) -> None:
        chunks: list[bytes | bytearray] = [MAGIC]
        position = len(MAGIC)
        for container, key in places:
            value = container[key]
            data = value if isinstance(value, (bytes, bytearray)) else self.blob(value)
            container[key] = (position, len(data), zlib.crc32(data))
            chunks.append(data)
            position += len(data)
        data = marshal.dumps(index)
        chunks += [data, TRAILER_MAGIC, _TRAILER.pack(position, len(data), hashlib.sha256(data).digest())]
        payload = b"".join(chunks)
        self.close()  # Windows cannot replace a file that is mapped
        if not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, payload)


def _lock_shared(fd: int) -> None:
    """Held while the index is read: an append (``append_if_unchanged``) holds an exclusive one."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_SH)


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
