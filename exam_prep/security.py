"""Security headers on every response (pages, JSON, static files, media, error pages), and
Secure cookies with HSTS when the site is served over HTTPS (EXAM_PREP_HTTPS).

The Content-Security-Policy allows scripts, styles, images and requests from the site itself
only: no inline script, no inline style (not even a style="" attribute: templates set sizes as
SVG attributes and scripts set style properties, which a policy does not block), no plugins, no
framing. The JSON blocks the pages hand to their scripts (<script type="application/json">) are
data, which a policy does not block either.
"""
from __future__ import annotations

from flask import Flask
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
}
# One year; browsers remember that the site is HTTPS only (sent only when EXAM_PREP_HTTPS is on).
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def init_app(app: Flask) -> None:
    https = bool(app.config["EXAM_PREP_HTTPS"])
    if https:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True

    headers = tuple(HEADERS.items())
    if https:
        headers += (("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY),)

    @app.after_request
    def security_headers(response: Response) -> Response:
        """Each header the response does not set itself (one look each, then appended)."""
        present = response.headers
        present.extend([(name, value) for name, value in headers if name not in present])
        return response
