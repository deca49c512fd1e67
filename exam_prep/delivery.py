"""How responses travel: static files under a content-hashed URL with a year-long immutable
cache, and compression on the wire.

Every `url_for('static', filename=...)` gets `?v=<first 12 hex digits of the file's sha256>`,
computed once when the application starts. A static response whose `v` matches the file's hash
is cached by browsers and proxies for a year as immutable; any other (no `v`, a stale or wrong
one) must be revalidated (`no-cache`, with the ETag Flask sets), so a changed file is never
served from a stale cache. ES modules import each other by relative URL, without `v`: those
imports are revalidated (a 304 when unchanged) rather than rewritten — see docs/benchmarks.md.

Compression (Flask-Compress): HTML, JSON, CSS and JavaScript above COMPRESS_MIN_SIZE bytes,
in the best encoding the browser accepts (zstd, br, gzip); images, already compressed, never.
Each at its fastest level: on the 150 KB exam page zstd 1 takes 0.35 ms for 24.7 KB where
Flask-Compress's default level 3 takes 0.5 ms for 23.5 KB, brotli 1 (Safari, so most iPhones)
0.5 ms for 25.9 KB where level 4 takes 1.9 ms for 22.4 KB, and gzip 1 1.2 ms for 27.5 KB where
6 takes 3 ms for 23.3 KB: a few KB more on the wire for a page a server renders 300 times at
10:00 (docs/benchmarks.md).

JSON (API responses and the JSON a page carries through `tojson`) is written in UTF-8 rather than
with `\\uXXXX` escapes: a Hangul syllable is 3 bytes instead of 6, which halves the labeling
editors' strings. A text holding a lone surrogate (not encodable as UTF-8) is escaped as before.
`tojson` still escapes `<`, `>`, `&` and `'` for HTML.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from flask_compress import Compress
from werkzeug.wrappers import Response

YEAR = 31536000
IMMUTABLE = f"public, max-age={YEAR}, immutable"
REVALIDATE = "no-cache"
HASH_LENGTH = 12
_EXTENSION = "exam_prep.static_hashes"

COMPRESSED_TYPES = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                    "image/svg+xml"]
compress = Compress()
_SURROGATE = re.compile("[\ud800-\udfff]")


class Utf8JSONProvider(DefaultJSONProvider):
    """Flask's JSON, in UTF-8 (see the module's docstring)."""

    ensure_ascii = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        text = super().dumps(obj, **kwargs)
        if _SURROGATE.search(text):
            return super().dumps(obj, **{**kwargs, "ensure_ascii": True})
        return text


def file_hashes(folder: str | Path) -> dict[str, str]:
    """The hash prefix of every file under ``folder``, by its path relative to it ("/"-joined)."""
    root = Path(folder)
    hashes = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            hashes[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]
    return hashes


def static_hashes(app: Flask) -> dict[str, str]:
    return app.extensions[_EXTENSION]


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = file_hashes(app.static_folder) if app.static_folder else {}
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    app.config.setdefault("COMPRESS_MIN_SIZE", 1024)
    for level in ("COMPRESS_ZSTD_LEVEL", "COMPRESS_BR_LEVEL", "COMPRESS_LEVEL"):
        app.config.setdefault(level, 1)
    compress.init_app(app)

    @app.url_defaults
    def hashed_static_url(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values:
            digest = app.extensions[_EXTENSION].get(values["filename"])
            if digest:
                values.setdefault("v", digest)

    @app.after_request
    def static_cache_header(response: Response) -> Response:
        if request.endpoint == "static" and response.status_code in (200, 304):
            filename = (request.view_args or {}).get("filename")
            expected = app.extensions[_EXTENSION].get(filename or "")
            fresh = expected is not None and request.args.get("v") == expected
            response.headers["Cache-Control"] = IMMUTABLE if fresh else REVALIDATE
            if response.status_code == 200 and response.direct_passthrough:
                # Read the (small) file now, so that it is compressed whole and the file is
                # closed with the response, rather than streamed through a compressor.
                response.direct_passthrough = False
                response.make_sequence()
        return response
