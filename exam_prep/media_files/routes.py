"""Serving the media store's images at /media/<sha256>.<ext> (the store is exam_prep/media.py).

The name is the content's hash, so a response never changes: it is cached for a year as
immutable, and its ETag is the hash, so a revalidation (a reload) costs a 304 and no bytes."""
from __future__ import annotations

from flask import Blueprint, abort, request, send_file
from flask_login import login_required
from werkzeug.wrappers import Response

from ..media import find, is_media_name

bp = Blueprint("media", __name__, url_prefix="/media")

YEAR = 31536000


@bp.route("/<name>")
@login_required
def file(name: str) -> Response:
    if not is_media_name(name):
        abort(404)
    etag = name.split(".")[0]
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        image = find(name)
        if image is None:
            abort(404)
        if image.path is not None:
            response = send_file(image.path, mimetype=image.content_type, etag=False, conditional=False)
        else:
            response = Response(image.data, mimetype=image.content_type)
    response.set_etag(etag)
    response.headers["Cache-Control"] = f"private, max-age={YEAR}, immutable"
    return response
