"""The single place where Markdown becomes HTML: rendered, then sanitized by an allow-list."""
from __future__ import annotations

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


def render(text: str | None) -> Markup:
    if not text:
        return Markup("")
    html = md.markdown(text, extensions=EXTENSIONS, output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      attribute_filter=_same_site_images, link_rel="noopener noreferrer nofollow")
    return Markup(clean)  # safe: sanitized by nh3 just above
