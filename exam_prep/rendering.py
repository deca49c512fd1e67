"""The exam page's items, each rendered once per question version and then reused.

A question version never changes, and an attempt's items never change once drawn: the HTML of an
unanswered item (its Markdown, its type's template and its Korean strings) depends only on the
version (id and content hash), the order its options are shown in, its section's title and the
locale. It is rendered once with a stand-in for the item's position, kept in a bounded LRU per
application, and the position is put in for each page. An answered or flagged item shows the
candidate's own state, so it is rendered for the page (its Markdown still comes from
exam_prep.markdown's cache).

A labeling type's kit (its toolbar, help and strings, the same for every item of the type; see
templates/questions/_labeling.html) is rendered once per locale. A full page links all the kits as
one resource (``labeling_kits_link``, served at /labeling/kits under a content hash, cached by the
browser for a year: on a 50-item page that is 40 KB of HTML fewer every time); a fragment the
instructor's editor fetches carries its type's kit inline (``labeling_kits``).
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from flask import Flask, render_template, request, session, url_for
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from werkzeug.wrappers import Response

from . import page_frames
from .delivery import IMMUTABLE, REVALIDATE
from .exams import lifecycle, presenters
from .jinja import duration
from .lru import BoundedLRU, app_cache
from .models import AttemptItem
from .questions import registry

ITEM_TEMPLATE = "exam/_item.html"
# Rendered items kept per application: a bank's versions × their option orders × sections.
# An entry is a few kilobytes (a labeling item up to ~10 KB), so the bound is some 20 MB.
CAPACITY = 2048
_EXTENSION = "exam_prep.rendered_items"
_KITS = "exam_prep.labeling_kits"
_SHEETS = "exam_prep.answer_sheets"
_FRAMES = "exam_prep.page_frames"
EXAM_PAGE = "exam/take.html"
SHEET_TEMPLATE = "exam/_sheet.html"
SHEET_CAPACITY = 64  # layouts: exams × their section sizes × locales
# The saved state of an item nobody touched, as the item template reads it.
UNTOUCHED: dict[str, Any] = {"response": None, "seq": 0, "flagged": False}


class PageItem(NamedTuple):
    """An item as the exam page lists it: its position, its section, its HTML."""

    id: int
    section: int
    type: str
    html: Markup


class OptionCut:
    """The stand-ins a choice item's template writes when it is rendered for the cache (as
    ``item.cut``): a mark before each option (with its bank number) and one after the last. The
    entry keeps each option's HTML apart, so any order of the options is put together from one
    render (questions/_choice.html; the numbers shown are CSS counters, in the order placed)."""

    def __init__(self, token: str) -> None:
        self._token = token
        self.end = Markup(f"\x00{token}:end\x00")  # safe: no markup, a NUL-delimited token
        self.marks = re.compile(f"\x00{token}:(?:o(\\d+)|end)\x00")

    def option(self, number: int) -> Markup:
        return Markup(f"\x00{self._token}:o{number}\x00")  # safe: no markup, a NUL-delimited token


class Entry(NamedTuple):
    """A rendered item cut at its stand-ins: ``head``, its options' HTML by bank number (a choice
    item; else none) and ``tail``, each cut where the item's position goes. Placing is then
    joins only."""

    head: tuple[str, ...]
    options: dict[int, tuple[str, ...]]
    tail: tuple[str, ...]


class RenderedItems:
    """A bounded, thread-safe LRU of rendered items, each kept with stand-ins for its position
    and (a choice item) for the order of its options, put in by ``place``."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._entries: BoundedLRU[Entry] = BoundedLRU(capacity)
        # The stand-ins: a NUL (which no HTML or JSON output carries as such) and a random
        # part, so no bank text can spell them.
        token = secrets.token_hex(8)
        self.stand_in = f"\x00{token}\x00"
        self._stand_in_json = '"' + self.stand_in.replace("\x00", "\\u0000") + '"'
        self.cut = OptionCut(token)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Entry | None:
        return self._entries.get(key)

    def get_many(self, keys: Sequence[Hashable | None]) -> list[Entry | None]:
        """The entries of ``keys`` (None for a key of None or not kept), under one lock."""
        return self._entries.get_many(keys)

    def put(self, key: Hashable, html: str) -> Entry:
        """Keeps ``html`` (rendered with ``stand_in`` as the position, in JSON a string there
        and a number once placed, and a choice item's options marked by ``cut``)."""
        pieces = self.cut.marks.split(html.replace(self._stand_in_json, self.stand_in))
        if len(pieces) == 1:
            return self._entries.put(key, Entry(self._cut(pieces[0]), {}, ()))
        # head, (number, option's HTML) for each option, None (the end mark), tail
        options = zip(pieces[1:-2:2], pieces[2:-2:2], strict=True)
        return self._entries.put(key, Entry(
            self._cut(pieces[0]),
            {int(n): self._cut(text) for n, text in options},
            self._cut(pieces[-1])))

    def _cut(self, html: str) -> tuple[str, ...]:
        return tuple(html.split(self.stand_in))

    def place(self, entry: Entry, position: int, option_order: Sequence[int] = ()) -> Markup:
        """The item's HTML at ``position``, its options (if any) in ``option_order``."""
        at = str(position)
        html = at.join(entry.head)
        if entry.options:
            options = entry.options
            html += "".join([at.join(options[n]) for n in option_order])
            html += at.join(entry.tail)
        # safe: parts of HTML rendered by the autoescaping item template, joined with numbers
        return Markup(html)


def rendered_items() -> RenderedItems:
    return app_cache(_EXTENSION, RenderedItems)


def item_key(version_id: int, content_hash: str, section_title: str, locale: str) -> tuple[Any, ...]:
    """What an unanswered item's HTML depends on: the version (id and content hash), the section's
    title and the locale. (The order of a choice item's options is put in by ``place``.)"""
    return (version_id, content_hash, section_title, locale)


def render_item(item: AttemptItem, section_title: str, position: Any, saved: dict[str, Any],
                cut: OptionCut | None = None) -> str:
    """The item rendered from scratch (no cache); with ``cut``, its options (if its type
    shuffles them) in bank order and marked for the cache."""
    view = {**presenters.public_item(item), "id": position}
    if cut is not None and item.option_order is not None:
        view["options"] = sorted(view["options"], key=lambda option: option["id"])
        view["cut"] = cut
    return render_template(ITEM_TEMPLATE, item=view, saved=saved, section_title=section_title)


def cache_item(cache: RenderedItems, key: Hashable, item: AttemptItem, section_title: str) -> Entry:
    """Renders an untouched item for the cache (position and options as stand-ins) and keeps it."""
    return cache.put(key, render_item(item, section_title, cache.stand_in, UNTOUCHED, cache.cut))


@lru_cache(maxsize=4096)
def _option_order(text: str | None) -> tuple[int, ...]:
    """An item's option order from its JSON text ("null", or none, when its type has no
    options); the orders are few (permutations of a handful of options), so each is parsed once."""
    return tuple((json.loads(text) if text else None) or ())


def is_untouched(row: Any) -> bool:
    return row.response is None and not row.flagged


def page_items(rows: Sequence[Any], sections: Sequence[dict[str, Any]]) -> list[PageItem]:
    """The exam page's items, in order (rows as presenters.items_for_page gives them): an
    untouched item from the cache, rendering it the first time; a touched one rendered with
    its state. Items to render are loaded with their versions in one query."""
    cache = rendered_items()
    locale = str(get_locale())
    titles = [section["title"] for section in sections]
    keys = [item_key(row.question_version_id, row.content_hash, titles[row.section], locale) if is_untouched(row)
            else None for row in rows]
    found = cache.get_many(keys)
    loaded = presenters.items_with_versions([row.id for row, entry in zip(rows, found, strict=True) if entry is None])
    out = []
    for row, key, entry in zip(rows, keys, found, strict=True):
        if entry is None and key is not None:
            entry = cache_item(cache, key, loaded[row.id], titles[row.section])
        if entry is not None:
            html = cache.place(entry, row.position, _option_order(row.option_order))
        else:
            saved = presenters.saved_state(row)
            html = Markup(render_item(loaded[row.id], titles[row.section], row.position, saved))  # safe: autoescaped
        out.append(PageItem(row.position, row.section, row.type, html))
    return out


def _kit_templates(types: Iterable[str]) -> dict[str, str]:
    kits: dict[str, str] = {}
    for name in sorted(set(types)):
        if registry.is_registered(name):
            kits.update(registry.get(name).kits)
    return kits


def _rendered_kits(kits: dict[str, str]) -> str:
    cache = app_cache(_KITS, dict)
    locale = str(get_locale())
    out = []
    for kit, template in kits.items():
        html = cache.get((kit, locale))
        if html is None:
            html = cache[(kit, locale)] = render_template(template, kit=kit)
        out.append(html)
    return "".join(out)


def labeling_kits(types: Iterable[str]) -> Markup:
    """The kits of the labeling types named (each once, unknown names skipped), inline."""
    return Markup(_rendered_kits(_kit_templates(types)))  # safe: rendered by the autoescaping kit templates


def all_kits() -> tuple[str, str]:
    """Every registered type's kits as one resource, and its version (a hash of its content);
    made once per set of types and locale."""
    names = tuple(registry.names())
    cache = app_cache(_KITS, dict)
    key = ("*", names, str(get_locale()))
    if key not in cache:
        html = _rendered_kits(_kit_templates(names))
        cache[key] = (html, hashlib.sha256(html.encode()).hexdigest()[:12])
    return cache[key]


def labeling_kits_link(types: Iterable[str]) -> Markup:
    """For a page showing items of these types, if any has a kit: where the editors fetch the
    kits (static/js/labeling/kits.js), fetched early by the browser and cached for a year."""
    if not _kit_templates(types):
        return Markup("")
    href = url_for("labeling_kits", v=all_kits()[1])
    return Markup('<meta name="lab-kits" content="{0}">'
                  '<link rel="preload" href="{0}" as="fetch" crossorigin>').format(href)


def kits_view() -> Response:
    html, version = all_kits()
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = IMMUTABLE if request.args.get("v") == version else REVALIDATE
    response.set_etag(version)
    return response.make_conditional(request)


def answer_sheet(items: Sequence[PageItem], sections: Sequence[dict[str, Any]]) -> Markup:
    """The answer sheet's cells for this layout (each item's position and section, the sections'
    titles) and locale: the same for every attempt of an exam, so rendered once (a bounded LRU;
    a fresh render while templates reload)."""
    key = (tuple((item.id, item.section) for item in items), tuple(s["title"] for s in sections),
           str(get_locale()))
    cache: BoundedLRU[str] = app_cache(_SHEETS, lambda: BoundedLRU(SHEET_CAPACITY))
    html = cache.get(key) or cache.put(key, render_template(SHEET_TEMPLATE, items=items, sections=sections))
    return Markup(html)  # safe: rendered by the autoescaping sheet template


def type_scripts(types: Iterable[str]) -> dict[str, str]:
    """The browser script of each question type named, by type: a page names each once."""
    return {name: url_for("static", filename=registry.get(name).script)
            for name in sorted(set(types)) if registry.is_registered(name)}


@dataclass(frozen=True)
class _FrameUser:
    """The logged-in user as a page frame sees it: what base.html shows of them."""

    username: str
    is_instructor: bool
    is_authenticated: bool = True


def exam_page(attempt: lifecycle.PageAttempt, rows: Sequence[Any]) -> str:
    """The exam page of an open attempt (rows as presenters.items_for_page gives them).

    Its frame is rendered once per exam title, item count, item types, role and locale
    (page_frames); a request puts in the candidate's name, the attempt, the CSRF token, the
    time left, the items, the answer sheet and the saved answers. A page with a message to
    show (a flash) is rendered whole."""
    sections = attempt.rules["sections"]
    items = page_items(rows, sections)
    types = tuple(sorted({item.type for item in items}))
    seconds = round(lifecycle.seconds_left(attempt), 1)
    fixed = {"title": attempt.rules["title"], "item_count": len(items), "item_types": types}
    real = {"attempt_id": attempt.id, "seconds_left": seconds, "timer": duration(seconds),
            "responses": presenters.touched_states(rows),
            "items_html": Markup("".join(item.html for item in items)),  # safe: rendered items
            "sheet_html": answer_sheet(items, sections)}
    if session.get("_flashes"):
        return render_template(EXAM_PAGE, **fixed, **real)
    frames: page_frames.Frames = app_cache(_FRAMES, page_frames.Frames)
    key = (EXAM_PAGE, str(get_locale()), fixed["title"], len(items), types, attempt.is_instructor)
    values = {"attempt_id": str(attempt.id), "seconds_left": page_frames.json(seconds), "timer": escape(real["timer"]),
              "responses": page_frames.json(real["responses"]), "items_html": real["items_html"],
              "sheet_html": real["sheet_html"], "csrf": escape(generate_csrf()),
              "username": escape(attempt.username)}
    stand_ins = {name: frames.text(name) for name in ("timer", "responses", "items_html", "sheet_html")}
    return frames.page(key, EXAM_PAGE, values, **fixed, **stand_ins,
                       attempt_id=frames.number("attempt_id"), seconds_left=frames.number("seconds_left"),
                       csrf_token=lambda: frames.text("csrf"),
                       current_user=_FrameUser(frames.text("username"), attempt.is_instructor))


def init_app(app: Flask) -> None:
    app.add_url_rule("/labeling/kits", "labeling_kits", kits_view)
    for helper in (labeling_kits, labeling_kits_link, type_scripts, answer_sheet):
        app.add_template_global(helper)
