"""The exam page's items, each rendered once per question version and then reused.

A question version never changes, and an attempt's items never change once drawn: the HTML of an
unanswered item (its Markdown, its type's template and its Korean strings) depends only on the
version (id and content hash), the order its options are shown in, its section's title and the
locale. It is rendered once with a stand-in for the item's position, kept in a bounded LRU per
application, and the position is put in for each page. An answered or flagged item shows the
candidate's own state, so it is rendered for the page (its Markdown still comes from
exam_prep.markdown's cache).
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app, render_template
from flask_babel import get_locale
from markupsafe import Markup

from .exams import presenters
from .models import AttemptItem

ITEM_TEMPLATE = "exam/_item.html"
# Rendered items kept per application: a bank's versions × their option orders × sections.
# An entry is a few kilobytes (a labeling item up to ~10 KB), so the bound is some 20 MB.
CAPACITY = 2048
_EXTENSION = "exam_prep.rendered_items"
# The saved state of an item nobody touched, as the item template reads it.
UNTOUCHED: dict[str, Any] = {"response": None, "seq": 0, "flagged": False}


@dataclass(frozen=True)
class PageItem:
    """An item as the exam page lists it: its position, its section, its HTML."""

    id: int
    section: int
    html: Markup


class RenderedItems:
    """A bounded, thread-safe LRU of rendered items, with the position left as a stand-in."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()
        # The stand-in for the position: a NUL (which no HTML or JSON output carries as such)
        # and a random part, so no bank text can spell it.
        self.stand_in = f"\x00{secrets.token_hex(8)}\x00"
        self._stand_in_json = '"' + self.stand_in.replace("\x00", "\\u0000") + '"'

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            html = self._entries.get(key)
            if html is not None:
                self._entries.move_to_end(key)
            return html

    def put(self, key: Hashable, html: str) -> None:
        with self._lock:
            self._entries[key] = html
            self._entries.move_to_end(key)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)

    def place(self, html: str, position: int) -> Markup:
        """The cached HTML with the item's position put in (a number in JSON, text elsewhere)."""
        number = str(position)
        # safe: the HTML was rendered by the autoescaping item template; a number replaces the stand-in
        return Markup(html.replace(self._stand_in_json, number).replace(self.stand_in, number))


def rendered_items() -> RenderedItems:
    cache = current_app.extensions.get(_EXTENSION)
    if cache is None:
        cache = current_app.extensions.setdefault(_EXTENSION, RenderedItems())
    return cache


def item_key(item: AttemptItem, section_title: str) -> tuple[Any, ...]:
    """What an unanswered item's HTML depends on: the version (id and content hash), the option
    order, the section's title and the locale."""
    return (item.question_version_id, item.question.content_hash, tuple(item.option_order or ()),
            section_title, str(get_locale()))


def render_item(item: AttemptItem, section_title: str, position: Any, saved: dict[str, Any]) -> str:
    """The item rendered from scratch (no cache)."""
    view = {**presenters.public_item(item), "id": position}
    return render_template(ITEM_TEMPLATE, item=view, saved=saved, section_title=section_title)


def is_untouched(item: AttemptItem) -> bool:
    return item.response is None and not item.flagged


def page_item(item: AttemptItem, section_title: str, cache: RenderedItems) -> PageItem:
    if not is_untouched(item):
        saved = presenters.saved_state(item)
        html = Markup(render_item(item, section_title, item.position, saved))  # safe: autoescaped template
        return PageItem(item.position, item.section, html)
    key = item_key(item, section_title)
    html = cache.get(key)
    if html is None:
        html = render_item(item, section_title, cache.stand_in, UNTOUCHED)
        cache.put(key, html)
    return PageItem(item.position, item.section, cache.place(html, item.position))


def page_items(items: Sequence[AttemptItem], sections: Sequence[dict[str, Any]]) -> list[PageItem]:
    """The exam page's items, in order, each from the cache when it can be."""
    cache = rendered_items()
    return [page_item(item, sections[item.section]["title"], cache) for item in items]
