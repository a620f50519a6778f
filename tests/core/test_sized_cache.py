"""The cache of texts' analyses: bounded by the size of the texts, and useful on a file larger
than its recent part."""

from __future__ import annotations

import threading

import pytest

from article_studio.rules.reading.sized_cache import SizedCache


class _Counting:
    def __init__(self):
        self.computed: list[str] = []

    def __call__(self, key: str) -> tuple[str, ...]:
        self.computed.append(key)
        return tuple(key)


def _keys(n: int, width: int = 10) -> list[str]:
    return [f"{i:0{width}d}" for i in range(n)]


def test_what_is_kept_as_computed_is_bounded_by_size_not_count():
    compute = _Counting()
    cache = SizedCache(compute, hot_limit=100)
    for key in _keys(50):
        cache(key)
    info = cache.cache_info()
    assert info["hot_size"] <= 100 and info["hot_entries"] == 10
    assert info["packed_entries"] == 0  # without pack, what drops out is gone
    long_key = "x" * 95
    cache(long_key)
    assert cache.cache_info()["hot_entries"] == 1  # one large text pushes the small ones out
    compute.computed.clear()
    cache(long_key)
    assert compute.computed == []


def test_a_hit_returns_the_same_object_and_refreshes_the_entry():
    compute = _Counting()
    cache = SizedCache(compute, hot_limit=30)
    a, b, c = _keys(3)
    first = cache(a)
    cache(b)
    assert cache(a) is first  # a is now the most recent
    cache(c)
    cache("d" * 10)  # over the limit: b, the least recently used, goes
    compute.computed.clear()
    cache(a)
    cache(b)
    assert compute.computed == [b]


def test_packed_entries_are_unpacked_equal_on_a_hit():
    compute = _Counting()
    cache = SizedCache(compute, hot_limit=20, packed_limit=1000, pack="".join, unpack=tuple)
    keys = _keys(30)
    for key in keys:
        cache(key)
    compute.computed.clear()
    assert [cache(key) for key in keys] == [tuple(key) for key in keys]
    assert compute.computed == []
    info = cache.cache_info()
    assert info["packed_entries"] == 28 and info["packed_size"] == 280


def test_repeated_passes_over_more_than_fits_are_served_from_what_is_held():
    """Rules read a file's texts one pass after another. A least-recently-used cache smaller
    than the file misses every text on every pass; this one computes on later passes only
    what it could not hold."""
    compute = _Counting()
    cache = SizedCache(compute, hot_limit=100, packed_limit=500, pack=tuple, unpack=tuple)
    keys = _keys(100)  # 1,000 characters: 100 as computed and 500 packed fit
    for key in keys:
        cache(key)
    for _ in range(3):
        compute.computed.clear()
        for key in keys:
            cache(key)
        assert len(compute.computed) <= 100 - 50, len(compute.computed)
    assert cache.cache_info()["packed_size"] <= 500


def test_size_counts_bookkeeping_and_clear_empties():
    cache = SizedCache(_Counting(), hot_limit=1000, size=lambda key: len(key) + 40)
    for key in _keys(40, width=5):
        cache(key)
    assert cache.cache_info()["hot_entries"] == 22  # 45 each
    cache.cache_clear()
    assert cache.cache_info() == {"hot_entries": 0, "hot_size": 0, "packed_entries": 0, "packed_size": 0}


def test_errors_are_not_cached_and_pack_needs_unpack():
    calls = []

    def fails(key: str):
        calls.append(key)
        raise ValueError(key)

    cache = SizedCache(fails, hot_limit=100)
    for _ in range(2):
        with pytest.raises(ValueError):
            cache("a")
    assert calls == ["a", "a"]
    with pytest.raises(ValueError, match="together"):
        SizedCache(fails, hot_limit=1, pack=tuple)


def test_threads_sharing_the_cache_get_right_answers_and_consistent_sizes():
    cache = SizedCache(lambda key: key.upper(), hot_limit=200, packed_limit=400, pack=str.lower, unpack=str.upper)
    keys = _keys(200, width=6)
    wrong: list[str] = []

    def work(offset: int) -> None:
        for i in range(2000):
            key = keys[(i * 7 + offset) % len(keys)]
            if cache(key) != key.upper():
                wrong.append(key)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    info = cache.cache_info()
    assert wrong == []
    assert info["hot_size"] == 6 * info["hot_entries"] <= 200
    assert info["packed_size"] == 6 * info["packed_entries"] <= 400


def test_entries_too_small_to_gain_from_packing_are_dropped_not_packed():
    """A table's cells are a few tokens each: packed, they took as much as their tuples."""
    compute = _Counting()
    cache = SizedCache(compute, hot_limit=20, packed_limit=1000, packed_min=10, pack=tuple, unpack=tuple)
    for key in ["short", *_keys(10)]:
        cache(key)
    info = cache.cache_info()
    assert info["packed_entries"] == 8 and info["packed_size"] == 80  # the short key was dropped
    compute.computed.clear()
    cache("short")
    cache(_keys(1)[0])
    assert compute.computed == ["short"]
