"""Serving the media store's images at /media/<sha256>.<ext> (the store is exam_prep/media.py)."""
from __future__ import annotations

from flask import Blueprint, abort, send_from_directory
from flask_login import login_required
from werkzeug.wrappers import Response

from ..media import is_media_name, media_dir

bp = Blueprint("media", __name__, url_prefix="/media")


@bp.route("/<name>")
@login_required
def file(name: str) -> Response:
    if not is_media_name(name):
        abort(404)
    response = send_from_directory(media_dir(), name, max_age=31536000)
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    return response
