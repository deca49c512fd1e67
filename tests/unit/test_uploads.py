"""Images an instructor uploads (exam_prep/authoring/uploads.py): stored under their content hash
in the bank's media folder with a SOURCES.md entry; anything else refused with nothing written."""
from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image

from exam_prep.authoring import uploads
from exam_prep.authoring.uploads import Licence, UploadRejected, store_image
from exam_prep.bank import limits

LICENCE = Licence(source="사진가 홍길동", licence="cc-by-4.0", note="교실에서 찍은 사진 | 밝기 조정")


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30), colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width×height (the pixels are never needed: the cap is checked first)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "SOURCES.md").write_text("# media/ 파일의 출처와 라이선스\n\n기존 내용.\n", encoding="utf-8")
    return tmp_path


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (folder / "media").iterdir()}


def test_a_png_is_stored_under_its_content_hash_with_its_source(folder: Path) -> None:
    data = image_bytes("PNG")
    path = store_image(data, "교실 사진.png", LICENCE, folder)
    digest = hashlib.sha256(data).hexdigest()
    assert path == f"media/{digest}.png"
    assert (folder / path).read_bytes() == data
    sources = (folder / "media" / "SOURCES.md").read_text(encoding="utf-8")
    assert sources.startswith("# media/ 파일의 출처와 라이선스\n\n기존 내용.\n")
    assert "## 강사가 올린 이미지" in sources
    row = next(line for line in sources.splitlines() if digest in line)
    assert row.startswith(f"| `media/{digest}.png` | 사진가 홍길동 | CC BY 4.0 | ")
    assert "교실에서 찍은 사진 \\| 밝기 조정 (올린 파일: 교실 사진.png)" in row
    assert not [p for p in (folder / "media").iterdir() if p.name.endswith(".part")]


def test_a_jpeg_is_stored_as_jpg_and_a_second_upload_adds_a_row_to_the_same_table(folder: Path) -> None:
    first = store_image(image_bytes("PNG"), "a.png", LICENCE, folder)
    data = image_bytes("JPEG", colour="blue")
    second = store_image(data, "photo.jpeg", Licence("직접 그림", "own"), folder)
    assert second == f"media/{hashlib.sha256(data).hexdigest()}.jpg"
    sources = (folder / "media" / "SOURCES.md").read_text(encoding="utf-8")
    assert sources.count("## 강사가 올린 이미지") == 1
    lines = sources.splitlines()
    rows = [i for i, line in enumerate(lines) if line.startswith("| `media/")]
    assert [lines[i].split("`")[1] for i in rows] == [first, second]
    assert rows[1] == rows[0] + 1  # the same table
    assert "직접 촬영·제작" in lines[rows[1]]


def test_the_same_image_twice_is_one_file_and_one_row(folder: Path) -> None:
    data = image_bytes()
    assert store_image(data, "a.png", LICENCE, folder) == store_image(data, "b.png", LICENCE, folder)
    sources = (folder / "media" / "SOURCES.md").read_text(encoding="utf-8")
    assert sources.count(hashlib.sha256(data).hexdigest()) == 1


def test_a_bank_without_sources_md_gets_one(tmp_path: Path) -> None:
    path = store_image(image_bytes(), "a.png", LICENCE, tmp_path)
    sources = (tmp_path / "media" / "SOURCES.md").read_text(encoding="utf-8")
    assert sources.startswith("# media/")
    assert path in sources


@pytest.mark.parametrize(("data", "name", "reason"), [
    (b"hello, I am text\n" * 10, "notes.png", "열 수 없습니다"),
    (b"", "empty.png", "빈 파일"),
    (png_header_only(6000, 5000), "huge.png", "픽셀"),
    (image_bytes(), "../../etc/a.png", "경로"),
    (image_bytes(), "sub/a.png", "경로"),
    (image_bytes(), "..\\a.png", "경로"),
    (image_bytes("GIF"), "a.gif", "PNG"),
])
def test_refused_uploads_write_nothing(folder: Path, data: bytes, name: str, reason: str) -> None:
    before = files_of(folder)
    with pytest.raises(UploadRejected, match=reason):
        store_image(data, name, LICENCE, folder)
    assert files_of(folder) == before
    assert not (folder.parent / "etc").exists()


def test_an_oversized_file_is_refused_before_it_is_opened(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = image_bytes()
    monkeypatch.setattr(limits, "MAX_IMAGE_BYTES", len(data) - 1)
    with pytest.raises(UploadRejected, match="너무 큽니다"):
        store_image(data, "a.png", LICENCE, folder)
    assert list((folder / "media").iterdir()) == [folder / "media" / "SOURCES.md"]


def test_the_real_size_cap_is_the_banks(folder: Path) -> None:
    too_big = image_bytes() + b"\x00" * limits.MAX_IMAGE_BYTES
    with pytest.raises(UploadRejected, match="너무 큽니다"):
        store_image(too_big, "a.png", LICENCE, folder)


@pytest.mark.parametrize("licence", [
    Licence("", "cc0"), Licence("누군가", "all-rights-reserved"), Licence("x" * 201, "cc0"),
    Licence("누군가", "cc0", "n" * 501),
])
def test_the_licence_fields_are_required_and_bounded(folder: Path, licence: Licence) -> None:
    before = files_of(folder)
    with pytest.raises(UploadRejected):
        store_image(image_bytes(), "a.png", licence, folder)
    assert files_of(folder) == before


def test_store_image_writes_into_the_apps_bank_folder(app: Flask, tmp_path: Path) -> None:
    app.config["EXAM_PREP_QUESTION_BANK"] = str(tmp_path)
    with app.app_context():
        path = store_image(image_bytes(), "a.png", LICENCE)
        assert uploads.bank_images() == [path]
    assert (tmp_path / path).is_file()
