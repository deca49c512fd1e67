"""Images of labeling exercises, kept under their content hash so that an attempt's review
always shows the image its candidate labeled, even after the bank's file changes."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Iterator

from flask import Blueprint, abort, current_app, send_from_directory
from flask_login import login_required
from werkzeug.wrappers import Response

bp = Blueprint("media", __name__, url_prefix="/media")

_NAME = re.compile(r"^[0-9a-f]{64}\.(png|jpg|gif|webp)$")


def media_dir() -> Path:
    return Path(current_app.config["EXAM_PREP_MEDIA_DIR"])


def images_of(payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if isinstance(payload.get("image"), dict):
        yield payload["image"]
    for image in payload.get("images", []) or []:
        if isinstance(image, dict):
            yield image


def store(folder: Path, payload: dict[str, Any]) -> None:
    """Copy a question's images from the bank folder into the media store (once per content)."""
    target = media_dir()
    for image in images_of(payload):
        destination = target / image["src"]
        if not destination.exists():
            target.mkdir(parents=True, exist_ok=True)
            partial = destination.with_suffix(destination.suffix + ".part")
            shutil.copyfile(folder / image["path"], partial)
            partial.replace(destination)


@bp.route("/<name>")
@login_required
def file(name: str) -> Response:
    if not _NAME.match(name):
        abort(404)
    response = send_from_directory(media_dir(), name, max_age=31536000)
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    return response
