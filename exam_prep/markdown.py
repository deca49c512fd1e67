"""The single place where Markdown becomes HTML: rendered, then sanitized by an allow-list."""
from __future__ import annotations

import threading
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th",
    "td", "sub", "sup", "span", "img", "a",
}
ALLOWED_ATTRIBUTES = {
    "img": {"src", "alt", "title", "width", "height"},
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
}
# Links may be relative or http(s). Images come from the site itself only: pages allow no
# other image source (Content-Security-Policy img-src 'self'), so another would show broken.
URL_SCHEMES = {"http", "https"}


def _same_site_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    return value


# nl2br: a single line break stays a line break (<br>), as authors of YAML `|` blocks expect;
# a blank line still starts a new paragraph.
EXTENSIONS = ["tables", "fenced_code", "sane_lists", "nl2br"]


# Building a Markdown converter (its extensions, processors and patterns) costs more than most
# conversions, so each thread keeps one and resets it between texts (a converter is not safe to
# share between threads while it converts).
_local = threading.local()


def _converter() -> md.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(extensions=EXTENSIONS, output_format="html")
    return converter


# Bank texts repeat (every attempt shows the same question versions): the sanitized HTML of a
# text is kept, bounded. The key is the text itself, so equal texts share one entry and a
# changed text is a new entry.
RENDERED_TEXTS = 4096


@lru_cache(maxsize=RENDERED_TEXTS)
def _render_text(text: str) -> str:
    converter = _converter()
    try:
        html = converter.convert(text)
    finally:
        converter.reset()
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     attribute_filter=_same_site_images, link_rel="noopener noreferrer nofollow")


def render(text: str | None) -> Markup:
    if not text:
        return Markup("")
    return Markup(_render_text(str(text)))  # safe: sanitized by nh3 in _render_text
