"""Images of labeling exercises, kept under their content hash so that an attempt's review
always shows the image its candidate labeled, even after the bank's file changes.

The store is the database (models.MediaBlob: bytes, content type and size under the name
``<sha256>.<ext>``), which every app host shares, so a host that never ran `bank load` serves
every image. The media folder (EXAM_PREP_MEDIA_DIR) is only a per-host cache of those rows:
nothing depends on it being there or being complete.

The store writes nothing but images named by the sha256 of their own bytes: what it copies is
read from inside the bank folder (bank.paths), hashed and opened with Pillow before it is written,
so a file served from /media/ is always the image type its name says.

Plain code, no blueprint: the bank's sync writes through it, and the route that serves the
store lives with the views (exam_prep/media_files/)."""
from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .bank import limits
from .bank.paths import BankPathError, TooLarge, inside_bank, is_regular_file, read_limited
from .extensions import db
from .models import MediaBlob
from .timeutil import utcnow

_NAME = re.compile(r"^[0-9a-f]{64}\.(png|jpg|gif|webp)$")
# Pillow's format name → the extension the store names it by.
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}


class MediaError(ValueError):
    """An image that may not enter the store; the message is the Korean reason."""


@dataclass(frozen=True)
class ImageFacts:
    name: str  # <sha256 of the bytes>.<extension of the format>
    width: int
    height: int


def is_media_name(name: str) -> bool:
    return bool(_NAME.match(name))


def inspect_image(data: bytes, shown: str) -> ImageFacts:
    """What the bytes are, checked with Pillow (header size first, then verify); raises MediaError."""
    from PIL import Image, UnidentifiedImageError

    unreadable = MediaError(f"이미지 '{shown}'를 열 수 없습니다 (PNG 또는 JPEG 파일이어야 합니다)")
    too_big = MediaError(f"이미지 '{shown}'가 너무 큽니다 (최대 {limits.MAX_IMAGE_PIXELS:,}픽셀)")
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height, fmt = image.width, image.height, image.format
            if width * height <= limits.MAX_IMAGE_PIXELS:
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise unreadable from None
    if width * height > limits.MAX_IMAGE_PIXELS:
        raise too_big
    if fmt not in IMAGE_FORMATS:
        raise MediaError(f"이미지 '{shown}'의 형식({fmt})은 쓸 수 없습니다 (PNG, JPEG)")
    if width <= 0 or height <= 0:
        raise unreadable
    return ImageFacts(f"{hashlib.sha256(data).hexdigest()}.{IMAGE_FORMATS[fmt]}", width, height)


def read_image(path: Path, shown: str) -> tuple[bytes, ImageFacts]:
    """The bytes and facts of an image file (found through bank.paths), within the size limits."""
    if not is_regular_file(path):
        raise MediaError(f"이미지 파일 '{shown}'가 없습니다")
    try:
        data = read_limited(path, limits.MAX_IMAGE_BYTES)
    except TooLarge:
        raise MediaError(f"이미지 '{shown}'가 너무 큽니다 (최대 {limits.size_text(limits.MAX_IMAGE_BYTES)})") from None
    except OSError:
        raise MediaError(f"이미지 '{shown}'를 읽을 수 없습니다") from None
    return data, inspect_image(data, shown)


def media_dir() -> Path:
    return Path(current_app.config["EXAM_PREP_MEDIA_DIR"])


def images_of(payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if isinstance(payload.get("image"), dict):
        yield payload["image"]
    for image in payload.get("images", []) or []:
        if isinstance(image, dict):
            yield image


def content_type_of(name: str) -> str:
    return CONTENT_TYPES[name.rsplit(".", 1)[1]]


def _cached(name: str) -> Path | None:
    """The host's cached copy of ``name``, when it holds the content that name promises."""
    destination = media_dir() / name
    if not destination.is_file() or destination.is_symlink():
        return None
    if hashlib.sha256(destination.read_bytes()).hexdigest() != name.split(".")[0]:
        return None
    return destination


def _hash_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_limited(path, limits.MAX_IMAGE_BYTES)).hexdigest()
    except (OSError, TooLarge):
        return None


def _in_database(name: str) -> bool:
    return db.session.scalar(select(MediaBlob.name).where(MediaBlob.name == name)) is not None


def _keep(name: str, data: bytes) -> None:
    """Add the row (once: a row another writer added first is left as it is; same name, same
    bytes) and write the host's cached copy."""
    dialect = sqlite_insert if db.engine.dialect.name == "sqlite" else postgresql_insert
    db.session.execute(dialect(MediaBlob).values(
        name=name, content_type=content_type_of(name), size=len(data), data=data, created_at=utcnow(),
    ).on_conflict_do_nothing(index_elements=["name"]))
    cache_file(name, data)


def cache_file(name: str, data: bytes) -> None:
    """Write the host's cached copy (best effort: a read-only or full disk only costs speed)."""
    target = media_dir()
    destination = target / name
    try:
        target.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(f"{destination.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(destination)
    except OSError:
        pass


def store(folder: Path, payload: dict[str, Any]) -> None:
    """Copy a question's images from the bank folder into the media store (once per content),
    in the caller's transaction (the caller commits, as the bank's sync does).
    Raises MediaError, writing nothing, for a name that is not a content hash, a path outside the
    bank folder, or bytes whose hash or image type differ from the name."""
    for image in images_of(payload):
        name, relative = image.get("src"), image.get("path")
        if not isinstance(name, str) or not is_media_name(name):
            raise MediaError(f"이미지 이름 '{name}'은 내용의 해시(sha256.확장자)여야 합니다")
        if not isinstance(relative, str):
            raise MediaError("이미지의 경로가 없습니다")
        try:
            source = inside_bank(folder, relative, "이미지")
        except BankPathError as exc:
            raise MediaError(str(exc)) from None
        if _in_database(name) and _hash_of(source) == name.split(".")[0]:
            continue  # the same bytes were checked with Pillow when their row was written
        data, facts = read_image(source, relative)
        if facts.name != name:
            raise MediaError(f"이미지 '{relative}'의 내용이 이름 '{name}'과 다릅니다 (검사한 뒤 파일이 바뀌었습니다)")
        _keep(name, data)


def import_folder(folder: Path) -> tuple[int, list[str]]:
    """Put the images of a media folder written before images were kept in the database (old
    attempts' images, whose questions the bank no longer holds) into the database, and commit.
    Only files named by the sha256 of their own bytes, of the image type their name says, enter.
    Returns how many were added and the names of the files refused."""
    added, refused = 0, []
    for path in sorted(Path(folder).iterdir()) if Path(folder).is_dir() else []:
        if not is_media_name(path.name) or not is_regular_file(path):
            continue
        try:
            data, facts = read_image(path, path.name)
        except MediaError:
            refused.append(path.name)
            continue
        if facts.name != path.name:
            refused.append(path.name)
        elif not _in_database(path.name):
            _keep(path.name, data)
            added += 1
    db.session.commit()
    return added, refused


def publish(folder: Path, payload: dict[str, Any]) -> None:
    """``store`` and commit at once: for an image shown before any question is saved (the
    instructor's drawing canvas and preview), which the next request may ask another host for."""
    store(folder, payload)
    db.session.commit()


@dataclass(frozen=True)
class StoredImage:
    name: str
    content_type: str
    data: bytes | None  # None: serve ``path``
    path: Path | None = None


def find(name: str) -> StoredImage | None:
    """An image to serve: the host's cached copy, else the database's row (then cached)."""
    cached = _cached(name)
    if cached is not None:
        return StoredImage(name, content_type_of(name), None, cached)
    data = db.session.scalar(select(MediaBlob.data).where(MediaBlob.name == name))
    if data is None:
        return None
    data = bytes(data)
    cache_file(name, data)
    return StoredImage(name, content_type_of(name), data)
