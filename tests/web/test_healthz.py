"""/healthz, for load balancers: no login, 200 with the database, the bank and the version, or
503 naming what is wrong."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import func, select, update

from exam_prep.extensions import db
from exam_prep.models import QuestionVersion
from tests.conftest import make_app


def current_questions(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(QuestionVersion).where(QuestionVersion.is_current))


def test_a_healthy_host_says_so_without_a_login(app: Flask) -> None:
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["problems"] == []
    assert body["database"] == "ok" and body["schema"].startswith("00")
    assert body["bank"]["status"] == "loaded"
    assert body["bank"]["questions"] == current_questions(app) > 0
    assert isinstance(body["bank"]["load"], int) and body["bank"]["loaded_at"].endswith("Z")
    assert body["version"] and isinstance(body["version"], str)
    assert response.headers["Cache-Control"] == "no-store"


def test_an_empty_bank_is_503_naming_the_bank(app: Flask) -> None:
    with app.app_context():
        db.session.execute(update(QuestionVersion).values(is_current=False))
        db.session.commit()
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable" and body["problems"] == ["bank"]
    assert body["bank"] == {"status": "empty", "questions": 0} and body["database"] == "ok"


def test_an_unreachable_database_is_503_naming_the_database(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("")
    unreachable = f"sqlite:///{tmp_path / 'not-a-folder' / 'db.sqlite'}"  # no file can be opened under a file
    app = make_app(tmp_path / "unused.sqlite", SQLALCHEMY_DATABASE_URI=unreachable)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["problems"] == ["database"] and body["database"] == "unreachable"
    assert "bank" not in body


def test_the_version_comes_from_the_environment_when_set(app: Flask, monkeypatch) -> None:
    from exam_prep.health import service

    monkeypatch.setenv("EXAM_PREP_VERSION", "2026.12-rc1")
    service.code_version.cache_clear()
    try:
        assert app.test_client().get("/healthz").get_json()["version"] == "2026.12-rc1"
    finally:
        service.code_version.cache_clear()
