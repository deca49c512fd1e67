"""Images an instructor uploads for a labeling exercise, stored in the bank's media folder.

An upload is untrusted: its bytes must be a PNG or JPEG (checked by content with Pillow, through
media.inspect_image, within the bank's size and pixel limits), and the client's file name is never
used as a path: the image is written as ``media/<sha256>.<png|jpg>`` (the same name the media store
gives it when the bank loads), atomically (temp file, fsync, rename). Its source and licence, as the
instructor states them, are added to ``media/SOURCES.md`` of the same bank folder, in a table of
its own ("강사가 올린 이미지"), so the bank keeps saying where every image comes from.

Plain code, no request: the view (instructor/labeling_tools.py) passes the bytes and the fields.
"""
from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import current_app

from ..bank import limits
from ..media import MediaError, inspect_image, is_media_name
from .files import write_atomic

MEDIA_FOLDER = "media"
SOURCES_FILE = "SOURCES.md"
#: The licences an instructor picks from (key → how SOURCES.md names it).
LICENCES = {
    "cc0": "CC0 1.0",
    "cc-by-4.0": "CC BY 4.0",
    "public-domain": "퍼블릭 도메인",
    "own": "직접 촬영·제작 (CC0로 공개)",
}
UPLOADED_FORMATS = ("png", "jpg")  # the bank's image formats (docs/labeling.md)
MAX_NAME = 200
MAX_SOURCE = 200
MAX_NOTE = 500
SECTION = "## 강사가 올린 이미지"
SECTION_INTRO = (
    "강사가 문항 편집 화면에서 올린 이미지입니다. 파일 이름은 내용의 SHA-256 해시이고, 출처와 라이선스는 올린 강사가 "
    "적은 그대로입니다."
)
TABLE_HEAD = "| 파일 | 출처·만든 사람 | 라이선스 | 메모 | 올린 날 |\n|---|---|---|---|---|"


class UploadRejected(ValueError):
    """An upload that may not enter the bank; the message is the Korean reason."""


@dataclass(frozen=True)
class Licence:
    """Where an uploaded image comes from, as the instructor states it."""

    source: str  # the source or author ("사진가 홍길동", a URL)
    licence: str  # a key of LICENCES
    note: str = ""


def bank_folder() -> Path:
    return Path(current_app.config["EXAM_PREP_QUESTION_BANK"])


def check_file_name(filename: str) -> str:
    """The client's file name, kept only as words in SOURCES.md: a bare name, no path."""
    name = (filename or "").strip()
    if len(name) > MAX_NAME or "\x00" in name:
        raise UploadRejected("파일 이름이 너무 길거나 쓸 수 없는 글자가 있습니다")
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith("."):
        raise UploadRejected(f"파일 이름 '{name[:60]}'에 경로가 들어 있습니다. 파일 이름만 있는 파일을 올려 주세요")
    return name


def check_licence(licence: Licence) -> Licence:
    source, note = (licence.source or "").strip(), (licence.note or "").strip()
    if not source:
        raise UploadRejected("이미지의 출처(만든 사람이나 주소)를 적어 주세요")
    if len(source) > MAX_SOURCE:
        raise UploadRejected(f"출처는 {MAX_SOURCE}자까지 적을 수 있습니다")
    if licence.licence not in LICENCES:
        raise UploadRejected("라이선스를 목록에서 골라 주세요")
    if len(note) > MAX_NOTE:
        raise UploadRejected(f"메모는 {MAX_NOTE}자까지 적을 수 있습니다")
    return Licence(source, licence.licence, note)


def check_image(data: bytes, shown: str) -> tuple[str, int, int]:
    """The store name (sha256.ext), width and height of an uploaded PNG or JPEG."""
    if not data:
        raise UploadRejected("빈 파일입니다. 이미지 파일을 골라 주세요")
    if len(data) > limits.MAX_IMAGE_BYTES:
        raise UploadRejected(f"이미지가 너무 큽니다 (최대 {limits.size_text(limits.MAX_IMAGE_BYTES)})")
    try:
        facts = inspect_image(data, shown or "올린 파일")
    except MediaError as exc:
        raise UploadRejected(str(exc)) from None
    if facts.name.rsplit(".", 1)[1] not in UPLOADED_FORMATS:
        raise UploadRejected(f"이미지 '{shown}'는 PNG나 JPEG가 아닙니다 (문제은행에는 PNG, JPEG만 씁니다)")
    return facts.name, facts.width, facts.height


def store_image(data: bytes, filename: str, licence: Licence, folder: Path | None = None) -> str:
    """Check an upload and write it into the bank's media folder under its content hash, with its
    SOURCES.md entry; the bank-relative path for the question's ``image:`` key. Raises
    UploadRejected (nothing written) for anything that is not an acceptable image."""
    shown = check_file_name(filename)
    licence = check_licence(licence)
    name, _width, _height = check_image(data, shown)
    media = (Path(folder) if folder is not None else bank_folder()) / MEDIA_FOLDER
    if media.is_symlink():
        raise UploadRejected("문제은행의 media 폴더가 링크라서 쓸 수 없습니다")
    media.mkdir(parents=True, exist_ok=True)
    with _locked(media):
        target = media / name
        if not _holds(target, data):
            write_atomic(target, data)
        _add_source(media / SOURCES_FILE, name, shown, licence)
    return f"{MEDIA_FOLDER}/{name}"


def bank_images(folder: Path | None = None) -> list[str]:
    """The PNG and JPEG files of the bank's media folder (bank-relative paths, sorted), for the
    editor's image picker."""
    media = (Path(folder) if folder is not None else bank_folder()) / MEDIA_FOLDER
    if not media.is_dir():
        return []
    return sorted(f"{MEDIA_FOLDER}/{p.name}" for p in media.iterdir()
                  if p.suffix.lower() in (".png", ".jpg", ".jpeg") and p.is_file() and not p.is_symlink())


# --- writing ------------------------------------------------------------------------------

@contextmanager
def _locked(media: Path) -> Iterator[None]:
    """One upload at a time per media folder (every worker process): SOURCES.md is read, added
    to and replaced, and two at once would lose an entry. The lock is on the folder itself."""
    handle = os.open(media, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


def _holds(target: Path, data: bytes) -> bool:
    """Whether the folder already holds exactly these bytes under their name (a re-upload)."""
    return target.is_file() and not target.is_symlink() and target.read_bytes() == data


def _cell(text: str) -> str:
    """Text for one Markdown table cell: one line, no column breaks."""
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip() or "—"


def source_row(name: str, shown: str, licence: Licence, day: date) -> str:
    note = licence.note
    if shown:
        note = f"{note} (올린 파일: {shown})" if note else f"올린 파일: {shown}"
    cells = [f"`{MEDIA_FOLDER}/{name}`", _cell(licence.source), LICENCES[licence.licence], _cell(note), day.isoformat()]
    return "| " + " | ".join(cells) + " |"


def _add_source(sources: Path, name: str, shown: str, licence: Licence) -> None:
    """Add the image's row to SOURCES.md (its section made at the end the first time); an image
    already listed there keeps its row."""
    assert is_media_name(name)
    text = sources.read_text(encoding="utf-8") if sources.is_file() else "# media/ 파일의 출처와 라이선스\n"
    if f"`{MEDIA_FOLDER}/{name}`" in text:
        return
    row = source_row(name, shown, licence, date.today())
    if SECTION in text:
        text = _append_to_section(text, row)
    else:
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{SECTION_INTRO}\n\n{TABLE_HEAD}\n{row}\n"
    write_atomic(sources, text.encode("utf-8"))


def _append_to_section(text: str, row: str) -> str:
    """The row added after the last table line of the uploads' section."""
    lines = text.split("\n")
    start = lines.index(SECTION)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    last_row = max((i for i in range(start, end) if lines[i].startswith("|")), default=None)
    if last_row is None:
        lines[end:end] = [TABLE_HEAD, row, ""] if end < len(lines) else ["", TABLE_HEAD, row]
    else:
        lines.insert(last_row + 1, row)
    return "\n".join(lines)
