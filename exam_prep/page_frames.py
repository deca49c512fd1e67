"""Pages rendered once with stand-ins for what differs per request, then filled in per request.

The exam page is the same for every candidate of an exam but for a few values: the candidate's
name, the attempt's id, the CSRF token, the time left, the items and the saved answers. Its
frame (base.html and the page's own template: ~60 translated strings, ~30 URLs, the header and
the dialogs) is rendered once per key (locale, exam title, item count, types, role) with a
stand-in in place of each such value, cut at the stand-ins and kept; a request joins the parts
with its own values. The frame is the page's template itself, so the page has one source.

A stand-in is text (``text``: a NUL, a random token, its name, a NUL; no bank or template text
can spell it) or, where the template needs a number (an id in ``url_for``, a JSON number),
``number``: a random 18-digit number no frame text carries. A text stand-in that lands in JSON
(``|tojson``) comes out quoted with ``\\u0000``; both forms are cut alike. The values a request
puts in are escaped for where they go by the caller (``escape`` for HTML, ``json`` for a
``<script type="application/json">`` block).
"""
from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Hashable, Mapping
from typing import Any

from flask import current_app, render_template
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from .lru import BoundedLRU

# Frames kept per application: pages × keys (exams × locales × roles × item types); an entry is
# the page's frame, some 15 KB.
CAPACITY = 64


class Frames:
    """A bounded, thread-safe LRU of page frames, and their stand-ins."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._entries: BoundedLRU[tuple[str, ...]] = BoundedLRU(capacity)
        self._lock = threading.Lock()  # for the numbers
        self._token = secrets.token_hex(8)
        self._numbers: dict[str, int] = {}
        self._cut = re.compile("\x00" + self._token + r":(\w+)\x00")

    def __len__(self) -> int:
        return len(self._entries)

    def text(self, name: str) -> Markup:
        """The stand-in for a value put in as text (already escaped by the caller)."""
        return Markup(f"\x00{self._token}:{name}\x00")  # safe: no markup, a NUL-delimited token

    def number(self, name: str) -> int:
        """The stand-in for a value the template needs as a number (an id in a URL)."""
        with self._lock:
            if name not in self._numbers:
                self._numbers[name] = secrets.randbelow(9 * 10**17) + 10**17
            return self._numbers[name]

    def _parts(self, html: str) -> tuple[str, ...]:
        for name, value in self._numbers.items():
            html = html.replace(str(value), self.text(name))
        quoted = '"\\u0000' + self._token + ":"
        html = re.sub(re.escape(quoted) + r"(\w+)\\u0000\"", lambda m: self.text(m.group(1)), html)
        return tuple(self._cut.split(html))

    def page(self, key: Hashable, template: str, values: Mapping[str, str], **context: Any) -> str:
        """The page of ``template`` for ``key``: its frame (rendered with ``context``, which
        holds the stand-ins, the first time) filled with ``values`` by stand-in name."""
        parts = self._entries.get(key)
        if parts is None:
            parts = self._entries.put(key, self._parts(render_template(template, **context)))
        out = list(parts)
        out[1::2] = [values[name] for name in parts[1::2]]
        return "".join(out)


def json(value: Any) -> str:
    """``value`` as the ``|tojson`` filter writes it (for a JSON block in a page)."""
    policies = current_app.jinja_env.policies
    return str(htmlsafe_json_dumps(value, dumps=policies["json.dumps_function"], **policies["json.dumps_kwargs"]))
