"""A cache of what is computed from a text, bounded by the size of the texts it holds.

``functools.lru_cache`` bounds the number of entries. The analyses of texts are as large as
their texts (a morpheme tuple is about 160 bytes), so 4,096 paragraphs of a large file held
tens of megabytes. This cache counts the characters of its keys instead (with ``size``, which
may add an entry's own bookkeeping):

- the most recently used entries, up to ``hot_limit``, are kept as computed: the editor's
  document and a one-article run stay within it, and a hit costs nothing;
- with ``pack``, the entries that drop out of it are kept packed (a smaller form, unpacked
  on a hit) while the packed ones stay within ``packed_limit`` (entries smaller than
  ``packed_min``, whose packed form would save nothing, are dropped); once full, the packed part
  takes no more, and keeps what it holds. Rules read a file's texts one after another, each
  from the start: a least-recently-used part smaller than the file would drop every text
  just before it is read again, while this one serves the texts it holds on every pass.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SizedCache(Generic[K, V]):
    """``compute(key)``, remembered; see the module docstring for what is kept."""

    def __init__(
        self,
        compute: Callable[[K], V],
        *,
        hot_limit: int,
        packed_limit: int = 0,
        packed_min: int = 0,
        pack: Callable[[V], object] | None = None,
        unpack: Callable[[object], V] | None = None,
        size: Callable[[K], int] = len,  # type: ignore[assignment]
    ):
        if (pack is None) != (unpack is None):
            raise ValueError("pack and unpack go together")
        self.__wrapped__ = compute
        self.__doc__ = compute.__doc__
        self.hot_limit = hot_limit
        self.packed_limit = packed_limit if pack is not None else 0
        self.packed_min = packed_min
        self._pack = pack
        self._unpack = unpack
        self._size = size
        # Kept as computed, in order of use (the last the most recent) → (value, size).
        # OrderedDict: taking the oldest entry of a dict scans past those deleted before it.
        self._hot: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._packed: dict[K, object] = {}
        self._hot_size = 0
        self._packed_size = 0
        # Storing and cooling are several steps; a server may call from more than one thread.
        self._lock = threading.Lock()

    def __call__(self, key: K) -> V:
        # A hit takes no lock: each of its steps is one operation of a dict in C, which
        # another thread's cooling cannot interleave with.
        entry = self._hot.get(key)
        if entry is not None:
            try:
                self._hot.move_to_end(key)
            except KeyError:  # cooled by another thread meanwhile
                pass
            return entry[0]
        packed = self._packed.get(key, _MISSING)
        if packed is not _MISSING:
            return self._unpack(packed)  # type: ignore[misc]
        computed = self.__wrapped__(key)  # outside the lock: it may take long
        size = self._size(key)
        with self._lock:
            if key not in self._hot:  # another thread may have computed it meanwhile
                self._hot[key] = (computed, size)
                self._hot_size += size
                while self._hot_size > self.hot_limit and self._hot:
                    self._cool()
        return computed

    def _cool(self) -> None:
        """Pack the least recently used entry kept as computed, or drop it when the packed
        part is full."""
        key, (value, size) = self._hot.popitem(last=False)
        self._hot_size -= size
        if self.packed_min <= size and self._packed_size + size <= self.packed_limit and key not in self._packed:
            self._packed[key] = self._pack(value)  # type: ignore[misc]
            self._packed_size += size

    def cache_clear(self) -> None:
        with self._lock:
            self._hot.clear()
            self._packed.clear()
            self._hot_size = self._packed_size = 0

    def cache_info(self) -> dict[str, int]:
        """Entries and sizes held, as computed and packed."""
        with self._lock:
            return {
                "hot_entries": len(self._hot),
                "hot_size": self._hot_size,
                "packed_entries": len(self._packed),
                "packed_size": self._packed_size,
            }


_MISSING: object = object()
