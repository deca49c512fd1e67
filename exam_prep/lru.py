"""A bounded, thread-safe least-recently-used map: what every in-process cache of rendered,
validated or fixed things uses (rendering's items and answer sheets, page_frames' frames, the
registry's typed questions, the exam page's attempt layouts). cachetools keeps the order and the
bound; a lock makes it safe for threaded workers, and ``get_many`` looks up a page's worth of
keys under one lock. ``app_cache`` keeps such a cache per application."""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

from cachetools import LRUCache
from flask import current_app

V = TypeVar("V")


class BoundedLRU(Generic[V]):
    def __init__(self, capacity: int) -> None:
        self._entries: LRUCache[Hashable, V] = LRUCache(maxsize=capacity)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            return self._entries.get(key)

    def get_many(self, keys: Sequence[Hashable | None]) -> list[V | None]:
        """The values of ``keys`` (None for a key of None or not kept), each now the most
        recently used."""
        entries = self._entries
        with self._lock:
            return [entries.get(key) if key is not None else None for key in keys]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def put(self, key: Hashable, value: V) -> V:
        """Keeps ``value``, dropping the least recently used entry beyond the capacity."""
        with self._lock:
            self._entries[key] = value
        return value


def app_cache(name: str, make: Callable[[], Any]) -> Any:
    """The application's cache called ``name`` (made by ``make`` the first time): each app has
    its own (two apps never share what one rendered or read). A fresh one per call while
    templates reload (debug), so that an edited template shows at once."""
    if current_app.jinja_env.auto_reload:
        return make()
    cache = current_app.extensions.get(name)
    if cache is None:
        cache = current_app.extensions.setdefault(name, make())
    return cache
