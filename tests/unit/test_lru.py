"""exam_prep.lru.BoundedLRU: the one bounded cache behind the rendered items, frames and models."""
from __future__ import annotations

import threading

from exam_prep.lru import BoundedLRU


def test_the_least_recently_used_entry_goes_first() -> None:
    cache: BoundedLRU[str] = BoundedLRU(3)
    for key in "abc":
        cache.put(key, key.upper())
    assert cache.get("a") == "A"  # a is now the most recently used
    assert cache.get_many(["b", None, "z"]) == ["B", None, None]  # and then b
    cache.put("d", "D")
    assert len(cache) == 3
    assert cache.get_many(["a", "b", "c", "d"]) == ["A", "B", None, "D"]


def test_put_returns_the_value_and_replaces_an_entry() -> None:
    cache: BoundedLRU[int] = BoundedLRU(2)
    assert cache.put("x", 1) == 1
    assert cache.put("x", 2) == 2
    assert len(cache) == 1 and cache.get("x") == 2
    cache.clear()
    assert len(cache) == 0 and cache.get("x") is None


def test_threads_never_see_more_than_the_capacity() -> None:
    cache: BoundedLRU[int] = BoundedLRU(50)

    def work(offset: int) -> None:
        for n in range(2000):
            cache.put((offset, n % 120), n)
            cache.get_many([(offset, (n * 7) % 120), (offset + 1, n % 120)])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 50
