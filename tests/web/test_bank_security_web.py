"""A hostile bank through the real surfaces: `flask bank check` / `bank load` refuse it with the
path:line of the problem and write nothing anywhere, the media store holds only images named by
their own hash, /media/ never serves anything else, and the site's automatic setup serves
requests while the bank loads (or fails to)."""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import delete, select

from exam_prep.extensions import db
from exam_prep.media import MediaError, store
from exam_prep.models import MediaBlob, QuestionVersion
from exam_prep.setup import bank_loading, wait_for_bank_load
from tests.conftest import FIXTURE_BANK, Candidate, make_app
from tests.unit.test_bank_security import BBOX, BOMB_ANCHOR_LINE, alias_bomb

PASSWD = Path("/etc/passwd")
SHAPES = FIXTURE_BANK / "media" / "shapes.png"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def media(tmp_path: Path) -> Path:
    """A media store two folders deep, so that `../../x.png` would land inside tmp_path."""
    return tmp_path / "store" / "deep" / "media"


@pytest.fixture
def hostile_app(db_path: Path, media: Path) -> Flask:
    app = make_app(db_path, EXAM_PREP_MEDIA_DIR=str(media))
    yield app
    with app.app_context():
        db.engine.dispose()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def stored(app: Flask) -> list[tuple[str, int]]:
    with app.app_context():
        return list(db.session.execute(select(QuestionVersion.question_id, QuestionVersion.version)))


@pytest.mark.parametrize("image", [
    f'{{path: "../../../../../../../../etc/passwd", src: "{sha(PASSWD)}.png", width: 200, height: 150}}',
    '{path: media/shapes.png, src: "../../x.png", width: 200, height: 150}',
])
def test_a_bank_with_a_forged_image_is_refused_end_to_end(hostile_app: Flask, bank: Path, media: Path,
                                                         tmp_path: Path, image: str) -> None:
    (bank / "level2" / "extra.yaml").write_text(BBOX.replace("media/shapes.png", image, 1), encoding="utf-8")
    runner = hostile_app.test_cli_runner()
    before_rows = stored(hostile_app)  # (opening the database makes its -wal and -shm files)
    before_files = files_under(tmp_path)

    check = runner.invoke(args=["bank", "check", str(bank)])
    assert check.exit_code == 1
    assert check.output.splitlines()[0].endswith(
        "extra.yaml:6: 이미지는 문제은행 폴더 기준의 파일 경로여야 합니다 (예: media/coins.png)")

    load = runner.invoke(args=["bank", "load", str(bank)])
    assert load.exit_code == 1
    assert "extra.yaml:6:" in load.output and "아무것도 바뀌지 않았습니다" in load.output
    assert files_under(tmp_path) == before_files  # nothing written, in the store or beside it
    assert stored(hostile_app) == before_rows

    candidate = Candidate(hostile_app.test_client(), "수험생").register()
    assert candidate.client.get(f"/media/{sha(PASSWD)}.png").status_code == 404


@pytest.mark.parametrize("forged", [
    {"path": "media/shapes.png", "src": "../../x.png"},  # a name that is a path
    {"path": "../../../../../../../../etc/passwd", "src": f"{sha(PASSWD)}.png"},  # a path outside the bank
    {"path": "exams.yaml", "src": f"{sha(FIXTURE_BANK / 'exams.yaml')}.png"},  # not an image
    {"path": "media/shapes.png", "src": f"{sha(SHAPES)}.jpg"},  # a PNG named as a JPEG
    {"path": "media/shapes.png", "src": f"{sha(FIXTURE_BANK / 'media' / 'sign.png')}.png"},  # another's hash
])
def test_the_store_writes_only_images_named_by_their_own_hash(hostile_app: Flask, media: Path, tmp_path: Path,
                                                              forged: dict[str, str]) -> None:
    stored(hostile_app)  # the store is the database: opening it makes its -wal and -shm files
    before = files_under(tmp_path)
    with hostile_app.app_context(), pytest.raises(MediaError):
        store(FIXTURE_BANK, {"image": {**forged, "width": 200, "height": 150}})
    assert files_under(tmp_path) == before


def test_a_cached_file_whose_content_is_not_its_name_is_never_served(hostile_app: Flask, media: Path) -> None:
    name = f"{sha(SHAPES)}.png"  # in the database since the fixture bank was loaded
    media.mkdir(parents=True)
    (media / name).write_bytes(PASSWD.read_bytes())  # left by an older, unchecked store
    candidate = Candidate(hostile_app.test_client(), "수험생").register()
    with candidate.client.get(f"/media/{name}") as response:
        assert response.status_code == 200 and response.data == SHAPES.read_bytes()
    assert (media / name).read_bytes() == SHAPES.read_bytes()  # the cache is written again


def test_a_loaded_bank_serves_its_images(hostile_app: Flask, bank: Path, media: Path) -> None:
    with hostile_app.app_context():
        db.session.execute(delete(MediaBlob))
        db.session.commit()
    assert hostile_app.test_cli_runner().invoke(args=["bank", "load", str(bank)]).exit_code == 0
    with hostile_app.app_context():
        names = set(db.session.scalars(select(MediaBlob.name)))
    assert names == {f"{sha(SHAPES)}.png", f"{sha(bank / 'media' / 'sign.png')}.png"}
    candidate = Candidate(hostile_app.test_client(), "수험생").register()
    with candidate.client.get(f"/media/{sha(SHAPES)}.png") as response:
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert response.data == SHAPES.read_bytes()


def test_a_host_with_an_empty_media_folder_serves_images_from_the_database(hostile_app: Flask, media: Path) -> None:
    name = f"{sha(SHAPES)}.png"
    assert not media.exists()  # this host never ran `bank load`
    candidate = Candidate(hostile_app.test_client(), "수험생").register()
    with candidate.client.get(f"/media/{name}") as response:
        assert response.status_code == 200 and response.data == SHAPES.read_bytes()
        assert response.headers["ETag"] == f'"{sha(SHAPES)}"'
        assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable"
    again = candidate.client.get(f"/media/{name}", headers={"If-None-Match": f'"{sha(SHAPES)}"'})
    assert again.status_code == 304 and again.data == b""
    assert candidate.client.get(f"/media/{'0' * 64}.png").status_code == 404


def test_import_media_puts_an_old_media_folder_into_the_database(hostile_app: Flask, tmp_path: Path) -> None:
    old = tmp_path / "old_media"
    old.mkdir()
    with hostile_app.app_context():
        db.session.execute(delete(MediaBlob))
        db.session.commit()
    good = f"{sha(SHAPES)}.png"
    (old / good).write_bytes(SHAPES.read_bytes())
    (old / f"{sha(PASSWD)}.png").write_bytes(PASSWD.read_bytes())  # named by its hash, not an image
    (old / f"{sha(SHAPES)}.jpg").write_bytes(SHAPES.read_bytes())  # a PNG named as a JPEG
    (old / "notes.txt").write_text("not an image name")
    result = hostile_app.test_cli_runner().invoke(args=["bank", "import-media", str(old)])
    assert result.exit_code == 0, result.output
    assert "이미지 1개를 데이터베이스에 넣었습니다." in result.output
    assert f"{sha(PASSWD)}.png: 이름과 내용이 다른 파일이라 넣지 않았습니다" in result.output
    assert f"{sha(SHAPES)}.jpg: 이름과 내용이 다른 파일이라 넣지 않았습니다" in result.output
    with hostile_app.app_context():
        assert list(db.session.scalars(select(MediaBlob.name))) == [good]
        blob = db.session.get(MediaBlob, good)
        assert bytes(blob.data) == SHAPES.read_bytes() and blob.size == len(blob.data)
        assert blob.content_type == "image/png"
    again = hostile_app.test_cli_runner().invoke(args=["bank", "import-media", str(old)])
    assert "이미지 0개를" in again.output


# --- automatic setup --------------------------------------------------------------------------


def auto_setup_app(db_path: Path, folder: Path, media: Path) -> Flask:
    return make_app(db_path, EXAM_PREP_AUTO_SETUP=True, EXAM_PREP_QUESTION_BANK=str(folder),
                    EXAM_PREP_MEDIA_DIR=str(media))


def test_a_fresh_site_serves_while_the_bank_loads(tmp_path: Path, media: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from exam_prep import setup

    release = threading.Event()
    real_load = setup.load_folder

    def slow_load(folder: str, **options):
        release.wait(10)
        return real_load(folder, **options)

    monkeypatch.setattr(setup, "load_folder", slow_load)
    app = auto_setup_app(tmp_path / "fresh.sqlite", FIXTURE_BANK, media)  # an empty database
    try:
        started = time.perf_counter()
        client = app.test_client()
        assert client.get("/").status_code == 200  # migrated, served; the bank is still loading
        candidate = Candidate(client, "첫수험생").register()
        page = client.get("/").get_data(as_text=True)
        assert time.perf_counter() - started < 5
        assert bank_loading(app)
        assert "문제은행을 불러오는 중입니다. 잠시 뒤 새로 고쳐 주세요." in page
    finally:
        release.set()
    assert wait_for_bank_load(app, timeout=30)
    page = client.get("/").get_data(as_text=True)
    assert "테스트 2급" in page and "불러오는 중" not in page
    assert candidate.start("level2")["items"]
    with app.app_context():
        db.engine.dispose()


def test_a_hostile_bank_at_setup_is_logged_and_the_site_keeps_serving(db_path: Path, bank: Path, media: Path,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    # A small bomb (10^6 leaves): were aliases ever accepted again, this thread would not take the
    # machine down with it; test_bank_security proves the full one is refused at parse time.
    (bank / "level2" / "bomb.yaml").write_text(alias_bomb(levels=6), encoding="utf-8")
    app = auto_setup_app(db_path, bank, media)  # the database already holds the fixture bank
    before = stored(app)
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        assert client.get("/").status_code == 200
        assert wait_for_bank_load(app, timeout=30)
    assert f"bomb.yaml:{BOMB_ANCHOR_LINE}: YAML 별칭(&, *)은 쓸 수 없습니다" in caplog.text
    assert "nothing changed" in caplog.text
    assert stored(app) == before
    candidate = Candidate(client, "수험생").register()
    assert candidate.start("level2")["items"]  # the previous content is served
    with app.app_context():
        db.engine.dispose()
